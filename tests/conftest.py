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
