"""The one call every notebook's setup cell makes."""

import logging
import os
import random

import numpy as np

from . import cache, i18n


def _import_keras_quietly():
    """Import Keras and its backend with the backend's start-up log silenced.

    TensorFlow's C++ core writes a few lines straight to file descriptor 2
    while it loads ("All log messages before absl::InitializeLog() ...",
    "oneDNN custom operations are on"), whatever ``TF_CPP_MIN_LOG_LEVEL``
    says. A notebook kernel shows them in the setup cell, where they carry a
    time stamp that differs on every run. They are sent to ``os.devnull``
    while Keras loads; Python errors still surface as usual.
    """
    import sys

    if "keras" in sys.modules:
        import keras

        return keras
    try:
        saved = os.dup(2)
    except OSError:  # no file descriptor 2 (some embedded interpreters)
        import keras

        return keras
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import keras

        if keras.backend.backend() == "tensorflow":
            import tensorflow  # noqa: F401  (loads the C++ core now)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
    return keras


def _forget_global_seed_generator():
    """Make Keras draw its global seed generator anew from the new seed.

    ``keras.random.uniform(...)`` and the other random ops without a seed
    share one global ``SeedGenerator``. Keras 3.13 and later drop it in
    ``keras.utils.set_random_seed``, so that a second ``setup()`` in the same
    kernel starts the same random numbers again; Keras 3.7 to 3.12 keep it
    (``make compat`` found this on pyproject.toml's lowest Keras). This does
    what Keras 3.13 does, on any Keras 3.
    """
    try:
        from keras.src.backend.common import global_state
    except ImportError:  # a Keras that moved its internals: nothing to forget
        return
    global_state.set_global_attribute("global_seed_generator", None)


def setup(lang="en", seed=0):
    """Prepare a notebook: language, random seeds and quiet logs.

    Call it before importing Keras: TensorFlow reads its log level when it
    is first imported.

    Parameters
    ----------
    lang : str, optional
        One of ``i18n.LANGUAGES``: the language of plot labels, class
        names and messages, by default "en".
    seed : int, optional
        Seed for Python, NumPy and the Keras backend, by default 0, so that
        two runs of a notebook give the same numbers.

    Returns
    -------
    None

    Raises
    ------
    ValueError
        For an unknown language or a seed that is not a non-negative int.

    Introduced in chapter 2, Convolution (the setup cell of every chapter).
    """
    i18n.set_language(lang)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be an int >= 0, got {seed!r}")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logging.getLogger("absl").setLevel(logging.ERROR)
    random.seed(seed)
    np.random.seed(seed)
    keras = _import_keras_quietly()

    keras.utils.set_random_seed(seed)
    _forget_global_seed_generator()
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.get_logger().setLevel(logging.ERROR)
        tf.config.experimental.enable_op_determinism()
    # make test only: train each distinct model once per run (lessons_lib.cache)
    cache.enable_from_environment()
    import matplotlib

    matplotlib.rcParams.update(
        {"figure.dpi": 100, "image.cmap": "gray", "axes.titlesize": "medium"}
    )


def accelerator():
    """Which kind of device the active Keras backend computes on.

    Asks the backend Keras runs on (TensorFlow, JAX or PyTorch) whether it
    sees a GPU (or, for JAX, a TPU); notebooks never import the backend
    themselves.

    Returns
    -------
    str
        ``"GPU"``, ``"TPU"`` or ``"CPU"``.

    Examples
    --------
    >>> accelerator() in ("CPU", "GPU", "TPU")
    True

    Introduced in chapter 7, Going further.
    """
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return "GPU" if tf.config.list_physical_devices("GPU") else "CPU"
    if backend == "jax":
        import jax

        platform = jax.default_backend().lower()
        return {"gpu": "GPU", "cuda": "GPU", "rocm": "GPU", "tpu": "TPU"}.get(platform, "CPU")
    if backend == "torch":
        import torch

        if torch.cuda.is_available():
            return "GPU"
        mps = getattr(torch.backends, "mps", None)
        return "GPU" if mps is not None and mps.is_available() else "CPU"
    return "CPU"
