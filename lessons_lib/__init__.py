"""Helpers shared by every chapter of the CNN course.

Modules: :mod:`~lessons_lib.ops` (convolution and pooling in NumPy),
:mod:`~lessons_lib.data` (Fashion-MNIST), :mod:`~lessons_lib.models` (the
course models), :mod:`~lessons_lib.plots` (figures), :mod:`~lessons_lib.i18n`
(the only module that knows about languages) and :mod:`~lessons_lib.env`
(the setup call of every notebook). Keras is imported lazily, so that
``setup`` can quiet TensorFlow's logs before it loads.
"""

from .env import setup

__all__ = ["setup"]
__version__ = "0.1.0"
