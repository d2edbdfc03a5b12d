"""lessons_lib.grading: the exercises as nbgrader assignments, graded by nbgrader itself."""

import copy
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lessons_lib import grading, i18n

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
CHAPTER = "02_convolution"


def load(lang, stem):
    return nbformat.read(CHAPTERS / lang / f"{stem}.ipynb", as_version=4)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("stem", sorted(p.stem for p in (CHAPTERS / "en").glob("*.ipynb")))
def test_every_exercise_becomes_an_answer_and_a_test(lang, stem):
    nb = load(lang, stem)
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("checks.check(")]
    graded, names = grading.graded_notebook(nb, points=2)
    assert len(names) == len(checks) >= 3
    assert not [c for c in graded.cells if "solution" in c.metadata.get("tags", [])]
    meta = [c.metadata["nbgrader"] for c in graded.cells if "nbgrader" in c.metadata]
    answers = [m for m in meta if m["solution"]]
    tests = [m for m in meta if m["grade"]]
    assert len(answers) == len(tests) == len(names)
    assert all(m["points"] == 2 and m["locked"] for m in tests)
    assert len({m["grade_id"] for m in meta}) == len(meta)  # ids are unique
    # Nothing else was lost: one cell fewer per exercise (the code solution
    # cell), and none of the model answers in prose (markdown solution cells).
    answers_in_prose = [
        c
        for c in nb.cells
        if c.cell_type == "markdown" and "solution" in c.metadata.get("tags", [])
    ]
    assert len(graded.cells) == len(nb.cells) - len(names) - len(answers_in_prose)
    for cell in graded.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            assert grading.BEGIN in cell.source and grading.END in cell.source
        if cell.metadata.get("nbgrader", {}).get("grade"):
            assert "checks.check(" in cell.source and "assert verdict" in cell.source


def test_a_stray_solution_cell_is_a_clear_error():
    nb = load("en", CHAPTER)
    broken = copy.deepcopy(nb)
    i = next(k for k, c in enumerate(broken.cells) if "solution" in c.metadata.get("tags", []))
    del broken.cells[i + 1]  # the check cell after it
    with pytest.raises(ValueError, match=rf"cell {i}: a solution cell must follow"):
        grading.graded_notebook(broken)
    for bad in (0, -1, "1", True):
        with pytest.raises(ValueError, match=f"points must be a positive number, got {bad!r}"):
            grading.graded_notebook(nb, points=bad)


def test_a_model_answer_in_prose_is_left_out():
    nb = load("en", CHAPTER)
    with_answer = copy.deepcopy(nb)
    i = next(k for k, c in enumerate(with_answer.cells) if c.source.startswith("checks.check("))
    answer = nbformat.v4.new_markdown_cell("Because the kernel is flipped.")
    answer.metadata["tags"] = ["solution", "hide-cell"]
    with_answer.cells.insert(i + 1, answer)
    graded, names = grading.graded_notebook(with_answer)
    expected, expected_names = grading.graded_notebook(nb)
    assert names == expected_names
    assert [c.source for c in graded.cells] == [c.source for c in expected.cells]
    assert "Because the kernel is flipped." not in "".join(c.source for c in graded.cells)


def test_config_gives_the_stub_in_the_editions_language():
    for lang in i18n.LANGUAGES:
        text = grading.config_text(lang)
        assert i18n.t("grading_code_stub", lang) in text
        assert f'course_id = "cnn-course-{lang}"' in text
        compile(text, "nbgrader_config.py", "exec")


@pytest.mark.slow
def test_nbgrader_grades_solved_empty_and_half_solved_work(tmp_path):
    """nbgrader itself: generate_assignment, then autograde three submissions."""
    pytest.importorskip("nbgrader")
    from nbgrader.api import Gradebook

    lang = "nl"
    grading.write_course(tmp_path, CHAPTERS, langs=[lang], chapters=[CHAPTER])
    course = tmp_path / lang
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}

    def nbgrader(*args):
        run = subprocess.run(
            [sys.executable, "-m", "nbgrader", *args],
            cwd=course,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]

    nbgrader("generate_assignment", CHAPTER, "--force")
    released = nbformat.read(course / "release" / CHAPTER / f"{CHAPTER}.ipynb", as_version=4)
    stub = "# " + i18n.t("grading_code_stub", lang)
    answer_cells = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert answer_cells and all(stub in c.source for c in answer_cells)
    source = nbformat.read(course / "source" / CHAPTER / f"{CHAPTER}.ipynb", as_version=4)
    solutions = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in source.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }

    def submit(student, solved):
        nb = copy.deepcopy(released)
        for cell in [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")][
            :solved
        ]:
            cell.source = solutions[cell.metadata["nbgrader"]["grade_id"]]
        folder = course / "submitted" / student / CHAPTER
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{CHAPTER}.ipynb")

    submit("solved", len(solutions))
    submit("empty", 0)
    submit("half", 1)
    nbgrader("autograde", CHAPTER, "--create")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        scores = {
            s: (book.find_submission(CHAPTER, s).score, book.find_submission(CHAPTER, s).max_score)
            for s in ("solved", "empty", "half")
        }
    total = float(len(solutions))
    assert scores["solved"] == (total, total)
    assert scores["empty"] == (0.0, total)
    assert 0.0 < scores["half"][0] < total
