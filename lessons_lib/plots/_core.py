"""The drawing core every figure shares: one text-colour rule, cell grids, highlights."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.ticker import ScalarFormatter

from .. import i18n

_HIGHLIGHT = "#e8590c"


class ReaderFormatter(ScalarFormatter):
    """matplotlib's default tick labels, written in the reader's number format.

    ``0.85`` on an axis reads ``0,85`` in the Russian and Dutch editions
    (:func:`lessons_lib.i18n.numeral`); everything else about the ticks is
    matplotlib's :class:`~matplotlib.ticker.ScalarFormatter`.

    Introduced in chapter 1, Images as numbers (the numbers on the axes).
    """

    def __call__(self, x, pos=None):
        return i18n.numeral(super().__call__(x, pos))


def reader_ticks(fig):
    """Give every axis of ``fig`` that uses matplotlib's default number labels a :class:`ReaderFormatter`."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(ReaderFormatter())


def value_text(fmt, value):
    """``fmt.format(value)`` in the reader's number format: the numbers written on a figure's cells."""
    return i18n.numeral(fmt.format(value))


def _finish(fig, show):
    reader_ticks(fig)
    fig.tight_layout()
    if show:
        plt.show()
        return None
    return fig


def _as_2d(name, image):
    image = np.asarray(image)
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if image.ndim != 2:
        raise ValueError(f"{name} must have shape (H, W) or (H, W, 1), got {image.shape}")
    return image


def ink(cmap, vmin, vmax, value):
    """The colour for text written on a cell: white on dark cells, black on light ones.

    The one rule for every figure that writes numbers on an image: the
    cell's colour in ``cmap`` (``value`` scaled from ``vmin`` to ``vmax``)
    has a luminance below one half -> white text. A constant image
    (``vmin == vmax``) is drawn in the colormap's lowest colour.

    Examples
    --------
    >>> ink("gray", 0, 10, 2), ink("gray", 0, 10, 8), ink("Blues", 0, 10, 10)
    ('white', 'black', 'white')
    """
    cmap = plt.get_cmap(cmap) if isinstance(cmap, str) else cmap
    lo, hi = float(vmin), float(vmax)
    level = 0.0 if hi == lo else min(max((float(value) - lo) / (hi - lo), 0.0), 1.0)
    r, g, b, _ = cmap(level)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.5 else "black"


def _draw_values(ax, image, fmt, cmap, vmin=None, vmax=None):
    if image.dtype.kind == "f":
        image = image + 0.0  # -0.0 would be written as "-0"
    ax.imshow(image, cmap=cmap, vmin=vmin, vmax=vmax)
    lo = image.min() if vmin is None else vmin
    hi = image.max() if vmax is None else vmax
    for (r, c), v in np.ndenumerate(image):
        ax.text(
            c,
            r,
            value_text(fmt, v),
            ha="center",
            va="center",
            color=ink(cmap, lo, hi, v),
            fontsize=9,
        )
    ax.set_xticks(range(image.shape[1]))
    ax.set_yticks(range(image.shape[0]))
    ax.tick_params(length=0, labelsize=7)


def _box(ax, row, col, height, width):
    ax.add_patch(
        Rectangle(
            (col - 0.5, row - 0.5), width, height, fill=False, edgecolor=_HIGHLIGHT, linewidth=3
        )
    )


def _outline(ax, row, col, height, width, color, inset=0.0, linewidth=3):
    ax.add_patch(
        Rectangle(
            (col - 0.5 + inset, row - 0.5 + inset),
            width - 2 * inset,
            height - 2 * inset,
            fill=False,
            edgecolor=color,
            linewidth=linewidth,
        )
    )
