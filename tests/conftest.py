"""Shared test settings: no screen, quiet TensorFlow, the repository root."""

import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "ru", "nl")


def load_script(relative_path, name):
    """A file of the repository that is no package module (the root
    ``conftest.py``, which pytest itself loads as ``conftest``) as a module."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, ROOT / relative_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _english_and_closed_figures():
    """Every test starts in English, with no earlier wrong answer counted
    (graduated hints), and leaves no figure open."""
    import matplotlib.pyplot as plt

    from lessons_lib import checks, i18n

    i18n.set_language("en")
    checks.reset_attempts()
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def book_html(tmp_path_factory):
    """The book built once per test run, from the stored outputs, with
    warnings as errors; ``_build/html`` of that build.

    tests/test_book.py, test_site.py and test_pdf.py all read it. Under
    pytest-xdist each worker is its own process, so the build sits in the
    run's common temporary folder behind a lock: the first worker to ask
    builds, the others wait and read. A failed build fails every test that
    asks, each with the build's log.
    """
    import fcntl
    import json
    import subprocess
    import sys

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the run's workers
    out = base / "book"
    record = base / "book.json"
    with open(base / "book.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not record.exists():
                jb = Path(sys.executable).with_name("jupyter-book")
                env = dict(os.environ, PYTHONWARNINGS="ignore::DeprecationWarning")
                result = subprocess.run(
                    [
                        str(jb),
                        "build",
                        str(ROOT),
                        "--path-output",
                        str(out),
                        "-W",
                        "-n",
                        "--keep-going",
                    ],
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=900,
                )
                record.write_text(
                    json.dumps(
                        {"returncode": result.returncode, "log": result.stdout + result.stderr}
                    ),
                    encoding="utf-8",
                )
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    built = json.loads(record.read_text(encoding="utf-8"))
    assert built["returncode"] == 0, built["log"][-6000:]
    return out / "_build" / "html"
