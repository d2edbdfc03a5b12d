"""Record which version of its English original each translation follows.

Usage: python scripts/stamp_translations.py chapters/ru/02_convolution.ipynb ...
       python scripts/stamp_translations.py --all

Run it after updating a Russian or Dutch notebook to the current English
one: it stores the English original's fingerprint (a hash of its code and
markdown) in the translation's metadata, ``course.translates``.
tests/test_parity.py fails for every translation whose fingerprint no
longer matches its English original, so an edit in English cannot silently
leave the other editions stale.
"""

import hashlib
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "en"


def fingerprint(nb):
    """sha256 of the cell types and sources of a notebook (not outputs)."""
    h = hashlib.sha256()
    for cell in nb.cells:
        h.update(cell.cell_type.encode())
        h.update(b"\0")
        h.update(cell.source.encode("utf-8"))
        h.update(b"\1")
    return h.hexdigest()[:16]


def original_of(path):
    path = Path(path).resolve()
    return path.parent.parent / REFERENCE / path.name


def stamp(path):
    path = Path(path)
    if path.resolve().parent.name == REFERENCE:
        raise SystemExit(f"{path}: the English edition is the original, nothing to stamp")
    original = nbformat.read(original_of(path), as_version=4)
    nb = nbformat.read(path, as_version=4)
    nb.metadata.setdefault("course", {})["translates"] = fingerprint(original)
    nbformat.write(nb, path)
    return nb.metadata["course"]["translates"]


def main(args):
    if args == ["--all"]:
        args = [str(p) for p in sorted((ROOT / "chapters").glob("*/*.ipynb"))
                if p.parent.name != REFERENCE]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    for p in args:
        print(f"{p}: translates English version {stamp(p)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
