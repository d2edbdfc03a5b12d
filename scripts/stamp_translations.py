"""Record, per markdown cell, which English text a translation follows.

Usage: python scripts/stamp_translations.py chapters/ru/02_convolution.ipynb --cell 14 --cell 15
       python scripts/stamp_translations.py chapters/ru/02_convolution.ipynb   # every markdown cell
       python scripts/stamp_translations.py --stale                             # list what is stale

Prose is written per language; code is not (``scripts/sync_code.py``). Each
markdown cell of a Russian or Dutch notebook stores a hash of the English
cell it translates, in its metadata (``course.follows``). When one English
paragraph changes, exactly its twins no longer match, and
``tests/test_parity.py`` names them (notebook, cell, first words). Bring
each named cell up to date, then stamp it with ``--cell``; stamping a whole
notebook says that every one of its cells is up to date.
"""

import argparse
import hashlib
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
REFERENCE = "en"
TRANSLATIONS = ("ru", "nl")


def cell_hash(source):
    """A short hash of one English cell's text.

    Examples
    --------
    >>> cell_hash("# Convolution")
    'f7bfe4f9883e'
    """
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def first_words(text, n=8):
    words = text.split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


def original_of(path):
    path = Path(path).resolve()
    return path.parent.parent / REFERENCE / path.name


def stale_cells(english, translation):
    """The markdown cells of ``translation`` that do not follow ``english`` as it is now.

    Parameters
    ----------
    english, translation : nbformat.NotebookNode
        An English notebook and its translation, with the same sequence of cells.

    Returns
    -------
    list of (int, str)
        ``(cell index, first words of the English cell)`` for each stale cell.
    """
    stale = []
    for i, (a, b) in enumerate(zip(english.cells, translation.cells)):
        if a.cell_type == b.cell_type == "markdown":
            if b.metadata.get("course", {}).get("follows") != cell_hash(a.source):
                stale.append((i, first_words(a.source)))
    return stale


def stamp(path, cells=None):
    """Stamp the named markdown cells of a translation (all of them when ``cells`` is None).

    Returns
    -------
    list of int
        The cells stamped.

    Raises
    ------
    SystemExit
        For the English edition, a cell that is not markdown, or notebooks
        whose cell sequences differ.
    """
    path = Path(path)
    if path.resolve().parent.name == REFERENCE:
        raise SystemExit(f"{path}: the English edition is the original, nothing to stamp")
    english = nbformat.read(original_of(path), as_version=4)
    nb = nbformat.read(path, as_version=4)
    if [c.cell_type for c in english.cells] != [c.cell_type for c in nb.cells]:
        raise SystemExit(
            f"{path}: its cells are not those of {original_of(path)}; "
            "give it the same sequence of cells first"
        )
    markdown = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]
    cells = markdown if cells is None else cells
    for i in cells:
        if i not in markdown:
            raise SystemExit(
                f"{path}: cell {i} is not a markdown cell "
                f"(markdown cells: {markdown[0]} to {markdown[-1]})"
            )
        nb.cells[i].metadata.setdefault("course", {})["follows"] = cell_hash(
            english.cells[i].source
        )
    nbformat.write(nb, path)
    return cells


def all_stale():
    """``[(path, cell, first words)]`` for every stale cell of every translation."""
    found = []
    for lang in TRANSLATIONS:
        for path in sorted((CHAPTERS / lang).glob("*.ipynb")):
            english = nbformat.read(original_of(path), as_version=4)
            nb = nbformat.read(path, as_version=4)
            found += [(path.relative_to(ROOT), i, words) for i, words in stale_cells(english, nb)]
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="Russian or Dutch notebooks to stamp")
    parser.add_argument(
        "--cell", type=int, action="append", help="a markdown cell to stamp (default: every one)"
    )
    parser.add_argument("--stale", action="store_true", help="list stale cells; exit 1 if any")
    args = parser.parse_args(argv)
    if args.stale:
        stale = all_stale()
        for path, i, words in stale:
            print(f"{path}, cell {i}: follows an older English text ({words})")
        return 1 if stale else 0
    if not args.notebooks:
        parser.print_help(sys.stderr)
        return 2
    for p in args.notebooks:
        done = stamp(p, args.cell)
        print(f"{p}: {len(done)} markdown cell(s) stamped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
