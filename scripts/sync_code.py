"""Write the code cells of the Russian and Dutch notebooks from their English twins.

Usage: python scripts/sync_code.py            # write chapters/ru and chapters/nl
       python scripts/sync_code.py --check    # change nothing; exit 1 if a cell is out of sync
       python scripts/sync_code.py --lang ru chapters/en/02_convolution.ipynb

The English notebook is the one source of code. Every code cell of a
translation is the English cell with each string literal and each comment
replaced from a catalog (``make sync`` runs this):

- ``catalogs/code.yml`` lists the literals that are code, not text (``"relu"``,
  ``"same"``, a URL): every edition keeps them as they are;
- ``catalogs/<lang>.yml`` maps every other literal, exactly as it is written in
  the English cell (quotes, ``f`` prefix and all; a comment with its ``#``), to
  its text in that edition. A value is either the translation or, where the
  grammar of one chapter needs another form, a table
  ``{default: ..., <notebook stem>: ...}``.

A literal found in no catalog is an error that names the notebook, the cell
and the literal. The cells' tags are copied from English too; outputs are not
touched (``make execute`` refreshes them). Markdown cells are written per
language; ``scripts/stamp_translations.py`` tracks them per cell.
"""

import argparse
import io
import re
import sys
import tokenize
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
CATALOGS = ROOT / "catalogs"
REFERENCE = "en"
TRANSLATIONS = ("ru", "nl")
# IPython's line magics and shell escapes are not Python; blank their marks
# (same length, so positions hold) before tokenizing.
MAGIC = re.compile(r"^(\s*)([%!]+)", re.MULTILINE)


class SyncError(Exception):
    """A notebook cannot be synced: literals missing from a catalog, or another structure."""


def literals(source):
    """The string literals and comments of a code cell, in order.

    Parameters
    ----------
    source : str
        The code of one cell.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` offsets into ``source``; ``source[start:end]`` is the
        literal exactly as written (an f-string is one literal on every Python).

    Examples
    --------
    >>> src = 'plt.title("cross")  # a cross'
    >>> [src[a:b] for a, b in literals(src)]
    ['"cross"', '# a cross']
    """
    text = MAGIC.sub(lambda m: m[1] + " " * len(m[2]), source)
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(row_col):
        row, col = row_col
        return starts[row - 1] + col

    fstring_start = getattr(tokenize, "FSTRING_START", None)  # Python 3.12+
    fstring_end = getattr(tokenize, "FSTRING_END", None)
    found, depth, opened = [], 0, 0
    for tok in tokenize.generate_tokens(io.StringIO(text + "\n").readline):
        if fstring_start is not None and tok.type == fstring_start:
            if not depth:
                opened = offset(tok.start)
            depth += 1
        elif depth:
            if tok.type == fstring_end:
                depth -= 1
                if not depth:
                    found.append((opened, offset(tok.end)))
        elif tok.type in (tokenize.STRING, tokenize.COMMENT):
            found.append((offset(tok.start), offset(tok.end)))
    return found


def load_catalogs():
    """``(code, {lang: table})`` from ``catalogs/``."""
    code = yaml.safe_load((CATALOGS / "code.yml").read_text(encoding="utf-8")) or {}
    keep = set(code.get("literals", []))
    tables = {}
    for lang in TRANSLATIONS:
        table = yaml.safe_load((CATALOGS / f"{lang}.yml").read_text(encoding="utf-8")) or {}
        both = sorted(keep & set(table))
        if both:
            raise SyncError(
                f"catalogs/{lang}.yml translates literals that catalogs/code.yml "
                f"keeps as code: {both}"
            )
        tables[lang] = table
    return keep, tables


def translate(literal, lang, stem, keep, table):
    """A literal's text in ``lang``, or None when no catalog has it."""
    if literal in keep:
        return literal
    value = table.get(literal)
    if isinstance(value, dict):
        value = value.get(stem, value.get("default"))
    return value


def synced_source(source, lang, stem, keep, table):
    """``(source in lang, [literals missing from the catalogs])``."""
    out, last, missing = [], 0, []
    for start, end in literals(source):
        literal = source[start:end]
        text = translate(literal, lang, stem, keep, table)
        if text is None:
            missing.append(literal)
            text = literal
        out += [source[last:start], text]
        last = end
    out.append(source[last:])
    return "".join(out), missing


def first_words(text, n=8):
    words = text.split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


def sync_notebook(name, lang, catalogs=None, write=False):
    """Sync one translation's code cells from English.

    Parameters
    ----------
    name : str
        The notebook's file name, the same in every edition.
    lang : str
        ``"ru"`` or ``"nl"``.
    catalogs : tuple, optional
        What :func:`load_catalogs` returns (loaded when not given).
    write : bool
        Write the notebook when a cell changed.

    Returns
    -------
    list of str
        One line per code cell whose stored source or tags differ from the
        synced ones (``chapters/<lang>/<name>, cell <i>: ...``); empty when
        the notebook is in sync.

    Raises
    ------
    SyncError
        When a literal is in no catalog (every such literal is named, with its
        cell), or the two notebooks do not have the same sequence of cells.
    """
    if lang not in TRANSLATIONS:
        raise SyncError(f"lang must be one of {TRANSLATIONS}, got {lang!r}")
    keep, tables = catalogs or load_catalogs()
    english = nbformat.read(CHAPTERS / REFERENCE / name, as_version=4)
    path = CHAPTERS / lang / name
    nb = nbformat.read(path, as_version=4)
    where = f"chapters/{lang}/{name}"
    kinds_en = [c.cell_type for c in english.cells]
    kinds = [c.cell_type for c in nb.cells]
    if kinds_en != kinds:
        at = next(
            (i for i, (a, b) in enumerate(zip(kinds_en, kinds)) if a != b),
            min(len(kinds), len(kinds_en)),
        )
        raise SyncError(
            f"{where}: its cells are not those of chapters/{REFERENCE}/{name} from cell {at} on "
            f"({len(kinds)} cells against {len(kinds_en)}): add or remove the same cells "
            f"(a code cell may be empty) in this edition first, then sync"
        )
    stem = Path(name).stem
    changed, missing = [], []
    for i, (en_cell, cell) in enumerate(zip(english.cells, nb.cells)):
        if en_cell.cell_type != "code":
            continue
        source, absent = synced_source(en_cell.source, lang, stem, keep, tables[lang])
        missing += [f"chapters/{REFERENCE}/{name}, cell {i}: {lit}" for lit in absent]
        tags = list(en_cell.metadata.get("tags", []))
        if cell.source != source:
            changed.append(
                f"{where}, cell {i}: code differs from the synced English cell "
                f"({first_words(en_cell.source)})"
            )
            cell.source = source
        if list(cell.metadata.get("tags", [])) != tags:
            changed.append(
                f"{where}, cell {i}: tags {cell.metadata.get('tags', [])} "
                f"differ from English {tags}"
            )
            if tags:
                cell.metadata["tags"] = tags
            else:
                cell.metadata.pop("tags", None)
    if missing:
        raise SyncError(
            f"{len(missing)} literal(s) of chapters/{REFERENCE}/{name} are in no catalog: add "
            f"each to catalogs/{lang}.yml (text a reader sees, translated) or to "
            f"catalogs/code.yml (code every edition keeps):\n  " + "\n  ".join(missing)
        )
    if write and changed:
        nbformat.write(nb, path)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="English notebooks (default: all)")
    parser.add_argument(
        "--lang", action="append", choices=TRANSLATIONS, help="an edition to sync (default: all)"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when a cell would change"
    )
    args = parser.parse_args(argv)
    names = [Path(n).name for n in args.notebooks] or sorted(
        p.name for p in (CHAPTERS / REFERENCE).glob("*.ipynb")
    )
    try:
        catalogs = load_catalogs()
    except SyncError as error:
        print(error, file=sys.stderr)
        return 1
    changes, errors = [], []
    for lang in args.lang or TRANSLATIONS:
        for name in names:
            try:
                changes += sync_notebook(name, lang, catalogs, write=not args.check)
            except SyncError as error:
                errors.append(str(error))
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    for line in changes:
        print(("out of sync: " if args.check else "synced: ") + line)
    if args.check and changes:
        print(
            "run `make sync`, then `make execute` for the outputs of the cells named",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
