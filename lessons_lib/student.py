"""Write the student edition: every notebook without its solutions.

Usage::

    python -m lessons_lib.student OUT [--source chapters]

Every notebook ``<source>/<lang>/NAME.ipynb`` is written to
``OUT/<lang>/NAME.ipynb``. The code of each cell tagged ``solution`` is
replaced by a short placeholder in the notebook's language and its outputs
are removed; every other cell, with its outputs, stays as it is. The check
cells after an exercise then answer "not solved yet" until the student
fills in the answer cell.
"""

import argparse
import copy
import sys
from pathlib import Path

import nbformat

from . import i18n

SOLUTION_TAG = "solution"


def notebook_language(nb, path):
    """The language of a notebook: its metadata, else its folder name."""
    lang = nb.metadata.get("course", {}).get("lang") or Path(path).parent.name
    if lang not in i18n.LANGUAGES:
        raise ValueError(
            f"{path}: cannot tell the notebook's language (got {lang!r}); "
            f"expected metadata course.lang or a folder named one of {i18n.LANGUAGES}"
        )
    return lang


def strip_solutions(nb, lang):
    """Return a copy of ``nb`` whose solution cells hold a placeholder.

    Parameters
    ----------
    nb : nbformat.NotebookNode
    lang : str
        Language of the placeholder text.

    Returns
    -------
    tuple
        ``(student_notebook, number_of_solution_cells)``.

    Introduced with the classroom kit (student edition).
    """
    out = copy.deepcopy(nb)
    count = 0
    for cell in out.cells:
        if SOLUTION_TAG not in cell.metadata.get("tags", []):
            continue
        count += 1
        if cell.cell_type == "code":
            cell.source = "# " + i18n.t("student_placeholder", lang)
            cell.outputs = []
            cell.execution_count = None
        else:
            cell.source = i18n.t("student_placeholder_text", lang)
    return out, count


def write_student_edition(out_dir, source="chapters"):
    """Write every notebook of ``source`` without solutions into ``out_dir``.

    Returns
    -------
    list of tuple
        ``(path written, number of solution cells replaced)``.

    Introduced with the classroom kit (student edition).
    """
    source, out_dir = Path(source), Path(out_dir)
    notebooks = sorted(p for p in source.glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not notebooks:
        raise FileNotFoundError(f"no notebooks found in {source}/<lang>/")
    written = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        student, count = strip_solutions(nb, notebook_language(nb, path))
        target = out_dir / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student, target)
        written.append((target, count))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m lessons_lib.student",
        description="Write the student edition: notebooks without solutions.",
    )
    parser.add_argument("out", help="output folder, e.g. student/")
    parser.add_argument(
        "--source", default="chapters", help="folder with <lang>/*.ipynb (default: chapters)"
    )
    args = parser.parse_args(argv)
    try:
        written = write_student_edition(args.out, args.source)
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for target, count in written:
        print(f"{target}: {count} solution cell(s) replaced")
    return 0


if __name__ == "__main__":
    sys.exit(main())
