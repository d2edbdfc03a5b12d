"""The notebooks use only Keras and NumPy, so they run on any Keras backend.

The convolution chapter is executed in a fresh kernel with KERAS_BACKEND set
to each other backend that is installed (JAX, PyTorch), and every output that
nbval checks must equal the stored one, which was made with TensorFlow.
requirements.txt installs JAX, so CI always runs the JAX case.
"""

import importlib.util
import shutil
from pathlib import Path

import nbformat
import pytest

from scripts.nboutputs import checked_outputs

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "chapters" / "en" / "02_convolution.ipynb"
# Cells whose output legitimately depends on the backend: the random initial
# weights of a fresh layer come from the backend's own random generator, so
# the same seed gives other numbers on JAX than on TensorFlow. Matched by a
# piece of their source; everything else must be equal.
BACKEND_RANDOM = ('print("before training:")',)


@pytest.mark.parametrize("backend, module", [("jax", "jax"), ("torch", "torch")])
def test_convolution_chapter_runs_on_another_backend(backend, module, tmp_path, monkeypatch):
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"the {backend} backend is not installed ({module} missing)")
    from nbclient import NotebookClient

    copy = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, copy)
    nb = nbformat.read(copy, as_version=4)
    stored = checked_outputs(nb, leave_out=BACKEND_RANDOM)
    assert len(stored) > 20, "the chapter has too few checked outputs to prove anything"
    monkeypatch.setenv("KERAS_BACKEND", backend)
    # A last cell tells which backend the kernel really ran on.
    nb.cells.append(nbformat.v4.new_code_cell("import keras; print(keras.backend.backend())"))
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    assert nb.cells.pop().outputs[0].text.strip() == backend
    fresh = checked_outputs(nb, leave_out=BACKEND_RANDOM)
    differ = [
        f"cell {i} on {backend}:\n--- stored (TensorFlow)\n{want}\n--- {backend}\n{got}"
        for (i, want), (_, got) in zip(stored, fresh)
        if got != want
    ]
    assert not differ, "\n".join(differ)
