"""The student edition: solutions replaced, everything else intact, and a
student notebook runs with the checkers answering "not solved yet"."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from lessons_lib import i18n, student

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    assert student.main([str(out), "--source", str(ROOT / "chapters")]) == 0
    return out


def test_every_notebook_is_written(edition):
    originals = sorted(
        p.relative_to(ROOT / "chapters") for p in (ROOT / "chapters").glob("*/*.ipynb")
    )
    written = sorted(p.relative_to(edition) for p in edition.glob("*/*.ipynb"))
    assert written == originals and written


def test_solutions_replaced_rest_intact(edition):
    for path in (ROOT / "chapters").glob("*/*.ipynb"):
        lang = path.parent.name
        teacher = nbformat.read(path, as_version=4)
        pupil = nbformat.read(edition / lang / path.name, as_version=4)
        assert len(teacher.cells) == len(pupil.cells)
        solutions = 0
        for t, p in zip(teacher.cells, pupil.cells):
            if "solution" in t.metadata.get("tags", []):
                solutions += 1
                assert p.source != t.source
                if t.cell_type == "code":
                    assert p.source == "# " + i18n.t("student_placeholder", lang)
                    assert p.outputs == []
            else:
                assert p == t, f"{path.name}: a non-solution cell changed"
        assert solutions >= 3, (
            f"{lang}/{path.name}: {solutions} solution cells, expected one per exercise (>= 3)"
        )


def test_bad_source_is_reported(tmp_path, capsys):
    assert student.main([str(tmp_path / "out"), "--source", str(tmp_path)]) == 1
    assert "no notebooks" in capsys.readouterr().err


def test_student_notebook_runs_and_says_not_solved(edition):
    path = edition / "ru" / "02_convolution.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    checks = [c for c in nb.cells if c.cell_type == "code" and "checks.check(" in c.source]
    assert checks
    for cell in checks:
        text = "".join(
            o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.outputs
        )
        assert i18n.t("check_not_solved", "ru") in text, text
