"""lessons_lib.setup: language, seeds, errors."""

import numpy as np
import pytest

import lessons_lib
from lessons_lib import i18n


def test_setup_sets_language_and_seeds():
    lessons_lib.setup(lang="ru", seed=3)
    assert i18n.get_language() == "ru"
    first = np.random.random(3)
    import keras

    a = keras.ops.convert_to_numpy(keras.random.uniform((3,)))
    lessons_lib.setup(lang="ru", seed=3)
    np.testing.assert_array_equal(first, np.random.random(3))
    np.testing.assert_array_equal(a, keras.ops.convert_to_numpy(keras.random.uniform((3,))))


def test_setup_forgets_the_global_seed_generator_of_any_keras():
    """Keras 3.7 to 3.12 keep it across set_random_seed (make compat found
    this on the lowest Keras); setup() drops it on every Keras."""
    pytest.importorskip("keras")
    from keras.src.backend.common import global_state

    from lessons_lib import env

    global_state.set_global_attribute("global_seed_generator", "stale")
    env._forget_global_seed_generator()
    assert global_state.get_global_attribute("global_seed_generator") is None


def test_setup_keeps_the_backend_start_up_log_out_of_stderr():
    """A fresh interpreter: setup() prints nothing on file descriptor 2."""
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)
    code = (
        "import sys, lessons_lib; lessons_lib.setup(lang='nl');"
        "import keras; print('ok', 'keras' in sys.modules)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok True"
    assert run.stderr == "", f"setup() let this through to stderr: {run.stderr!r}"


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"lang": "fr"}, "lang"),
        ({"lang": "en", "seed": -1}, "seed"),
        ({"lang": "en", "seed": "0"}, "seed"),
    ],
)
def test_setup_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        lessons_lib.setup(**kwargs)


def test_accelerator_reports_what_the_backend_sees(monkeypatch):
    import keras

    from lessons_lib import env

    if keras.backend.backend() != "tensorflow":
        pytest.skip("the course runs its tests on TensorFlow")
    import tensorflow as tf

    monkeypatch.setattr(
        tf.config, "list_physical_devices", lambda kind=None: ["/gpu:0"] if kind == "GPU" else []
    )
    assert env.accelerator() == "GPU"
    monkeypatch.setattr(tf.config, "list_physical_devices", lambda kind=None: [])
    assert env.accelerator() == "CPU"


def test_setup_hides_no_warnings():
    """A reader sees Python's deprecation and future warnings; setup() adds no filter."""
    import warnings

    import keras  # noqa: F401  (already loaded: setup() then imports nothing new)

    before = list(warnings.filters)
    lessons_lib.setup(lang="en")
    added = [f for f in warnings.filters if f not in before]
    assert not [f for f in added if f[0] == "ignore"], added
