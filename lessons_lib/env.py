"""The one call every notebook's setup cell makes."""

import logging
import os
import random
import warnings

import numpy as np

from . import i18n


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
    os.environ.setdefault("PYTHONHASHSEED", str(seed))
    logging.getLogger("absl").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    random.seed(seed)
    np.random.seed(seed)
    import keras

    keras.utils.set_random_seed(seed)
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.get_logger().setLevel(logging.ERROR)
        tf.config.experimental.enable_op_determinism()
    import matplotlib

    matplotlib.rcParams.update(
        {"figure.dpi": 100, "image.cmap": "gray", "axes.titlesize": "medium"}
    )
