"""The instruction-set guard of nbval (the root conftest.py) and the probe
that proves TensorFlow honours ``ONEDNN_MAX_CPU_ISA`` on this machine.

Without the guard, stored outputs that depend on the processor pass here and
fail on a reader's machine of another kind; these tests make sure the guard
really starts kernels under the cap, respects a cap set from outside, and
that the cap reaches oneDNN at all.
"""

import os

import pytest

from conftest import ROOT, load_script


@pytest.fixture(scope="module")
def guard():
    return load_script("conftest.py", "course_root_conftest")


class _Item:
    def __init__(self, path):
        self.fspath = path
        self.nodeid = f"{path}::Cell 0"
        self.user_properties = []


def test_parse_guard(guard):
    assert guard.parse_guard("en=AVX2, nl/01_*=avx") == {"en/*": "AVX2", "nl/01_*": "AVX"}
    assert guard.parse_guard("off") == {}
    assert guard.parse_guard(guard.DEFAULT_GUARD)["en/*"] == "AVX2"
    with pytest.raises(pytest.UsageError, match="COURSE_ISA_GUARD"):
        guard.parse_guard("en:AVX2")


def test_cap_per_edition_and_respects_outside_choice(guard):
    caps = guard.parse_guard(guard.DEFAULT_GUARD)
    assert guard.isa_for("chapters/en/06_cnn_fashion_mnist.ipynb", caps, None) == "AVX2"
    assert guard.isa_for("chapters/nl/02_convolution.ipynb", caps, None) == "AVX"
    # the trainings of every edition share one cap, so the training cache
    # trains each once (chapter 1 of the Dutch edition keeps its AVX)
    for name in ("01_images_and_dense_baseline", "06_cnn_fashion_mnist", "07_going_further"):
        assert guard.isa_for(f"chapters/ru/{name}.ipynb", caps, None) == "AVX2"
    for name in ("06_cnn_fashion_mnist", "07_going_further"):
        assert guard.isa_for(f"chapters/nl/{name}.ipynb", caps, None) == "AVX2"
    assert guard.isa_for("chapters/nl/01_images_and_dense_baseline.ipynb", caps, None) == "AVX"
    assert guard.isa_for("chapters/ru/03_padding_and_stride.ipynb", caps, None) is None
    assert guard.isa_for("chapters/ru/06_cnn_fashion_mnist.ipynb", caps, "SSE41") == "SSE41"
    assert guard.isa_for("chapters/en/06_cnn_fashion_mnist.ipynb", caps, "SSE41") == "SSE41"


def test_kernel_starts_under_the_cap_and_nothing_else_sees_it(guard, monkeypatch):
    monkeypatch.delenv(guard.ISA_VARIABLE, raising=False)
    monkeypatch.setenv("COURSE_ISA_GUARD", "nl/01_*=AVX")
    monkeypatch.setattr(guard, "_USER_ISA", None)
    item = _Item(str(ROOT / "chapters" / "nl" / "01_images_and_dense_baseline.ipynb"))
    hook = guard.pytest_runtest_setup(item)
    next(hook)  # nbval starts the kernel here, inside the setup
    assert os.environ[guard.ISA_VARIABLE] == "AVX"
    with pytest.raises(StopIteration):
        next(hook)
    assert guard.ISA_VARIABLE not in os.environ
    assert item.user_properties == [("instruction_set", "AVX")]

    other = _Item(str(ROOT / "chapters" / "ru" / "01_images_and_dense_baseline.ipynb"))
    hook = guard.pytest_runtest_setup(other)
    next(hook)
    assert guard.ISA_VARIABLE not in os.environ
    with pytest.raises(StopIteration):
        next(hook)


def test_onednn_honours_the_cap():
    """One convolution under ``ONEDNN_MAX_CPU_ISA=AVX`` runs AVX code, not
    AVX2 or AVX-512: the cap the guard sets reaches TensorFlow's kernels."""
    from bench import isa

    env = {**os.environ, "ONEDNN_MAX_CPU_ISA": "AVX"}
    env.pop("TF_ENABLE_ONEDNN_OPTS", None)
    used = isa.probe_isa(env)
    assert "AVX" in used and "AVX2" not in used and "512" not in used, used


def test_the_editions_of_a_training_chapter_share_one_worker(guard):
    scopes = {
        guard.scope_of(f"chapters/{lang}/06_cnn_fashion_mnist.ipynb::Cell 3")
        for lang in ("en", "ru", "nl")
    }
    assert scopes == {"training-06_cnn_fashion_mnist"}
    assert guard.scope_of("chapters/ru/02_convolution.ipynb::Cell 1") == (
        "chapters/ru/02_convolution.ipynb"
    )
    assert guard.scope_of("tests/test_site.py::test_page[index]") == "tests/test_site.py"
