"""Results for the text: numbers a notebook computes, glued into its prose.

A chapter's prose never types a number that a computation produced (an
accuracy, a parameter count, a time); the code cell that computes it calls
:func:`glue`, and the markdown shows it with MyST-NB's role,
``{glue:text}`ch06.test_accuracy```. The value is stored in the cell's
outputs in the reader's number format (``0.912`` in English, ``0,912`` in
Russian and Dutch), so the web page shows what the stored run computed and
nbval checks it with the other outputs.
"""

import re

from . import i18n

_GLUE_PREFIX = "application/papermill.record/"  # what myst_nb.glue(display=False) writes
_NAME = re.compile(r"^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$")


def glue(name, value, digits=0, percent=False, trim=False):
    """Store ``value`` under ``name`` for ``{glue:text}`name``` in the prose.

    Nothing is shown in the notebook; the page shows the value where the
    prose names it. Works like ``myst_nb.glue(name, text, display=False)``
    without needing MyST-NB in the kernel (Colab does not have it).

    Parameters
    ----------
    name : str
        ``"<chapter>.<what>"``, such as ``"ch06.test_accuracy"``: lowercase
        letters, digits and underscores.
    value : int or float
        The number.
    digits : int, optional
        Digits after the decimal mark, by default 0.
    percent : bool, optional
        Show a fraction as a percentage (0.912 -> ``91.2%``).
    trim : bool, optional
        Drop zeros at the end of the decimals (8.00 -> ``8``).

    Raises
    ------
    ValueError
        For a malformed ``name`` or a ``value``/``digits`` that
        :func:`lessons_lib.i18n.number` rejects.

    Examples
    --------
    >>> glue("ch01.dense_params", 101770)  # the page shows 101,770 (English)

    Introduced in chapter 1, Images as numbers.
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(
            f"name must look like 'ch06.test_accuracy' (lowercase, one dot), got {name!r}"
        )
    text = i18n.number(value, digits, percent, trim=trim)
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # plain Python, no IPython: nowhere to store it
        return
    if get_ipython() is not None:
        display(
            {_GLUE_PREFIX + "text/plain": repr(text)},
            raw=True,
            metadata={"scrapbook": {"name": name, "mime_prefix": _GLUE_PREFIX}},
        )
