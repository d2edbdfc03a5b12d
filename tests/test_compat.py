"""scripts/compat.py: how it reads check cells, version sets and pip's changes."""

from pathlib import Path

import pytest

from scripts import compat

ROOT = Path(__file__).resolve().parent.parent


def stream(text, name="stdout"):
    return {"output_type": "stream", "name": name, "text": text}


CHAPTER_6_CHECK = (
    'print("test accuracy >= 0.89:", "yes" if test_accuracy >= 0.89 else "no")\n'
    'print("better than the dense baseline (0.88):", "yes" if test_accuracy > 0.88 else "no")\n'
)


def test_a_passing_check_cell_has_no_problem():
    outputs = [stream("test accuracy >= 0.89: yes\nbetter than the dense baseline (0.88): yes\n")]
    assert compat.check_verdicts(CHAPTER_6_CHECK, outputs, outputs) == []


def test_a_check_that_says_no_fails_and_is_named():
    outputs = [stream("test accuracy >= 0.89: no\nbetter than the dense baseline (0.88): yes\n")]
    problems = compat.check_verdicts(CHAPTER_6_CHECK, outputs)
    assert problems == ["check says no: 'test accuracy >= 0.89'"]


def test_a_check_cell_that_printed_no_verdict_fails():
    assert compat.check_verdicts(CHAPTER_6_CHECK, [stream("Epoch 1/10\n")]) == [
        "check cell printed no yes/no verdict"
    ]


def test_a_check_cell_that_lost_a_verdict_line_fails():
    stored = [stream("test accuracy >= 0.89: yes\nbetter than the dense baseline (0.88): yes\n")]
    fresh = [stream("test accuracy >= 0.89: yes\n")]
    (problem,) = compat.check_verdicts(CHAPTER_6_CHECK, fresh, stored)
    assert "1 verdict lines" in problem and "has 2" in problem


def test_a_table_of_checks_is_read_line_by_line():
    """Chapter 5's table: the verdict is the last word after a colon."""
    source = 'filled = "yes" if mask.sum() == height * width else "no"\nprint(f"{name:24}  filled: {filled}")'
    text = "1 conv        3     3 × 3  filled: yes\n2 conv        5     5 × 5  filled: no\n"
    assert compat.check_verdicts(source, [stream(text)]) == [
        "check says no: '2 conv        5     5 × 5  filled'"
    ]


def test_cells_that_are_no_checks_are_not_judged():
    """A word "no" in the output of an ordinary cell is no failed check."""
    outputs = [stream("answer: no\n")]
    assert compat.check_verdicts('print("answer:", answer)', outputs) == []


def test_only_stdout_counts():
    outputs = [stream("test accuracy >= 0.89: no\n", name="stderr"), stream("x: yes\n")]
    assert compat.verdict_lines(compat.stdout_text(outputs)) == [("x", "yes")]


@pytest.mark.parametrize(
    "line",
    ["yes", "no", "labels: yesterday", "a: no more", "test accuracy: 0.91", ": yes"],
)
def test_lines_that_are_no_verdicts(line):
    assert compat.verdict_lines(line) == []


def test_every_check_cell_of_the_english_chapters_passes_on_its_stored_outputs():
    """The reader finds all the check cells that print verdicts, and every
    stored verdict says yes (the chapters were made on requirements.txt)."""
    import nbformat

    checks = 0
    for path in sorted((ROOT / "chapters" / "en").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code" and compat.is_check_cell(cell.source):
                checks += 1
                assert compat.check_verdicts(cell.source, cell.outputs, cell.outputs) == [], path
    assert checks >= 10  # chapters 1 (five), 3, 5, 6 (two) and 7


def test_pins_are_read_and_normalized(tmp_path):
    path = tmp_path / "set.txt"
    path.write_text("# a comment\nKeras==3.7.0\nml_dtypes==0.6.0  # why\n\nnumpy>=1.26\n")
    assert compat.pinned(path) == {"keras": "3.7.0", "ml-dtypes": "0.6.0"}


def test_the_environment_key_changes_with_the_set_and_the_python(tmp_path):
    path = tmp_path / "set.txt"
    path.write_text("keras==3.7.0\n")
    first = compat.requirements_key(path, "3.11.7")
    assert compat.requirements_key(path, "3.11.7") == first
    assert compat.requirements_key(path, "3.13.0") != first
    path.write_text("keras==3.8.0\n")
    assert compat.requirements_key(path, "3.11.7") != first


def test_changed_versions_lists_upgrades_additions_and_removals():
    before = {"ipywidgets": "7.7.1", "numpy": "2.1.3", "old": "1.0"}
    after = {"ipywidgets": "8.1.9", "numpy": "2.1.3", "comm": "0.2.3"}
    assert compat.changed_versions(before, after) == [
        ("comm", None, "0.2.3"),
        ("ipywidgets", "7.7.1", "8.1.9"),
        ("old", "1.0", None),
    ]


def test_inside_tells_site_packages_from_the_source_tree(tmp_path):
    site = tmp_path / "venv" / "lib" / "site-packages"
    (site / "lessons_lib").mkdir(parents=True)
    assert compat.inside(site / "lessons_lib" / "__init__.py", site)
    assert not compat.inside(ROOT / "lessons_lib" / "__init__.py", site)


def test_the_version_sets_pin_what_pyproject_declares():
    """The lowest set pins each dependency of pyproject.toml at its bound."""
    import re

    text = (ROOT / "pyproject.toml").read_text()
    declared = re.search(r"^dependencies = \[(.*?)\]", text, re.M | re.S)[1]
    bounds = dict(re.findall(r'"([\w-]+)>=([\d.]+)"', declared))
    lowest = compat.pinned(ROOT / "compat" / "lowest.txt")
    for name, bound in bounds.items():
        assert lowest[name].split(".")[: len(bound.split("."))] == bound.split("."), name
    colab = compat.pinned(ROOT / "compat" / "colab.txt")
    assert set(bounds) <= set(colab)


def test_a_stored_no_is_a_fact_not_a_failure():
    """Chapter 2 prints a computed "no" ("= map at the same place: no"):
    it fails only when it changes."""
    source = 'print("same place:", "yes" if same else "no")'
    stored = [stream("same place: no\n")]
    assert compat.check_verdicts(source, [stream("same place: no\n")], stored) == []
    assert compat.check_verdicts(source, [stream("same place: yes\n")], stored) == [
        "check says yes where its stored output says no: 'same place'"
    ]
    assert compat.check_verdicts(source, [stream("other: no\n")], stored) == [
        "check says no: 'other'"
    ]
