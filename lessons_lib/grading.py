"""Write the exercises as nbgrader assignments, graded by the course's own checkers.

Usage::

    python -m lessons_lib.grading OUT [--source chapters] [--lang en] [--points 1]

For every language, ``OUT/<lang>/`` becomes an nbgrader course folder:
``nbgrader_config.py`` and ``source/<chapter>/<chapter>.ipynb`` for each
chapter. In each notebook every exercise (an answer cell, the hidden cell
tagged ``solution`` after it, and the ``checks.check`` cell after that)
becomes

- an *autograded answer* cell: the answer cell with the solution between
  ``### BEGIN SOLUTION`` and ``### END SOLUTION``, which
  ``nbgrader generate_assignment`` replaces by a stub in the reader's
  language;
- an *autograder test* cell worth ``points``: the first ``checks.check`` call
  after the solution (in an experiment, the code cells that run it stay
  in between, as they are),
  which prints the feedback a student sees in class, followed by an
  ``assert`` on its verdict, so that the feedback and the grade agree.

A markdown cell tagged ``solution`` is the model answer to a question the
checker cannot grade ("why ...?"); it is left out of the assignment, as it
is out of the student edition. Every other cell stays as it is. An
instructor then runs, in ``OUT/<lang>``,
``nbgrader generate_assignment <chapter>`` and, on collected work,
``nbgrader autograde <chapter>`` (the teacher's guides explain it).
"""

import argparse
import ast
import copy
import re
import sys
from pathlib import Path

import nbformat

from . import i18n
from .student import SOLUTION_TAG, notebook_language

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
_CHECK = re.compile(r"checks\.check\(\s*[\"']([a-z0-9]+\.[a-z0-9_]+)[\"']")


def _check_name(cell):
    """The exercise a check cell checks (``"ch02.output_size"``), else None."""
    if cell.cell_type != "code":
        return None
    match = _CHECK.search(cell.source)
    try:
        body = ast.parse(cell.source).body
    except SyntaxError:
        return None
    if match and len(body) == 1 and isinstance(body[0], ast.Expr):
        return match[1]
    return None


def graded_notebook(nb, points=1):
    """An nbgrader source notebook made from a chapter.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A chapter as stored in ``chapters/<lang>/``.
    points : int or float, optional
        Points per exercise, by default 1.

    Returns
    -------
    tuple
        ``(nbgrader_notebook, names of the graded exercises)``.

    Raises
    ------
    ValueError
        If ``points`` is not a positive number, or a code solution cell does
        not sit between an answer cell and a ``checks.check`` cell.
    """
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not points > 0:
        raise ValueError(f"points must be a positive number, got {points!r}")
    out = copy.deepcopy(nb)
    cells, names, pending = [], [], set()
    source = out.cells
    for i, cell in enumerate(source):
        tags = cell.metadata.get("tags", [])
        if SOLUTION_TAG in tags:
            continue  # code: merged into the answer cell before it; markdown: left out
        following = source[i + 1] if i + 1 < len(source) else None
        if (
            following is not None
            and following.cell_type == "code"
            and SOLUTION_TAG in following.metadata.get("tags", [])
        ):
            # an experiment runs between the prediction and its check: skip those cells
            j = i + 2
            while (
                j < len(source)
                and source[j].cell_type == "code"
                and _check_name(source[j]) is None
                and SOLUTION_TAG not in source[j].metadata.get("tags", [])
            ):
                j += 1
            check = source[j] if j < len(source) else None
            name = _check_name(check) if check is not None else None
            if cell.cell_type != "code" or following.cell_type != "code" or name is None:
                raise ValueError(
                    f"cell {i + 1}: a solution cell must follow a code answer cell and be "
                    "followed by a single checks.check(...) cell (in an experiment, after "
                    "the code cells that run it)"
                )
            grade_id = name.replace(".", "_")
            answer = cell
            answer.source = f"{cell.source.rstrip()}\n{BEGIN}\n{following.source.rstrip()}\n{END}"
            answer.outputs, answer.execution_count = [], None
            answer.metadata["nbgrader"] = {
                "grade": False, "solution": True, "locked": False,
                "grade_id": f"{grade_id}_answer", "schema_version": 3,
            }  # fmt: skip
            cells.append(answer)
            names.append(name)
            pending.add(name)
            continue
        name = _check_name(cell)
        if name in pending:
            pending.discard(name)
            test = cell
            test.source = (
                f'verdict = {cell.source.strip()}\nprint(verdict)\nassert verdict, "{name}"'
            )
            test.outputs, test.execution_count = [], None
            test.metadata["nbgrader"] = {
                "grade": True, "solution": False, "locked": True, "points": points,
                "grade_id": f"{name.replace('.', '_')}_check", "schema_version": 3,
            }  # fmt: skip
            cells.append(test)
            continue
        cells.append(cell)
    out.cells = cells
    return out, names


def config_text(lang):
    """``nbgrader_config.py`` for one edition: stubs in its language."""
    stub = "# " + i18n.t("grading_code_stub", lang)
    return (
        "# nbgrader settings of this edition of the CNN course (lessons_lib.grading).\n"
        "c = get_config()  # noqa: F821\n"
        f'c.CourseDirectory.course_id = "cnn-course-{lang}"\n'
        f"c.ClearSolutions.code_stub = {{'python': {stub!r}}}\n"
    )


def write_course(out_dir, source="chapters", langs=None, chapters=None, points=1):
    """Write one nbgrader course folder per language into ``out_dir``.

    Parameters
    ----------
    out_dir : path
        Where ``<lang>/nbgrader_config.py`` and ``<lang>/source/...`` go.
    source : path, optional
        The folder with ``<lang>/*.ipynb``, by default ``chapters``.
    langs, chapters : list of str, optional
        Only these languages and chapter stems (default: all).
    points : int or float, optional
        Points per exercise.

    Returns
    -------
    list of tuple
        ``(notebook written, number of graded exercises)``.

    Raises
    ------
    FileNotFoundError
        If ``source`` holds no matching notebook.
    """
    source, out_dir = Path(source), Path(out_dir)
    notebooks = sorted(
        p
        for p in source.glob("*/*.ipynb")
        if (langs is None or p.parent.name in langs) and (chapters is None or p.stem in chapters)
    )
    if not notebooks:
        raise FileNotFoundError(f"no notebooks found in {source}/<lang>/ for {langs or 'any'}")
    written = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        lang = notebook_language(nb, path)
        graded, names = graded_notebook(nb, points)
        target = out_dir / lang / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(graded, target)
        (out_dir / lang / "nbgrader_config.py").write_text(config_text(lang), encoding="utf-8")
        written.append((target, len(names)))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m lessons_lib.grading",
        description="Write nbgrader course folders, one per language.",
    )
    parser.add_argument("out", help="output folder, e.g. nbgrader/")
    parser.add_argument("--source", default="chapters")
    parser.add_argument("--lang", action="append", choices=i18n.LANGUAGES)
    parser.add_argument("--points", type=float, default=1)
    args = parser.parse_args(argv)
    try:
        written = write_course(args.out, args.source, args.lang, points=args.points)
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for target, count in written:
        print(f"{target}: {count} graded exercise(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
