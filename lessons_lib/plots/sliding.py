"""Figures of a kernel or a pooling window sliding over an image."""

import matplotlib.pyplot as plt
import numpy as np

from .. import i18n
from ._core import _as_2d, _box, _draw_values, _finish, _outline, ink, value_text


def kernel_step(image, kernel, row, col, show=True):
    """One step of a convolution: window, kernel, products and their sum.

    Four panels: the image with the window under the kernel outlined, the
    kernel, the element-wise products with their sum, and the feature map
    (``padding="valid"``) with the output this step writes outlined.

    Parameters
    ----------
    image : array_like
        Shape ``(H, W)``.
    kernel : array_like
        Shape ``(kh, kw)``.
    row, col : int
        Top-left corner of the window, that is the output position.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 2, Convolution.
    """
    from .. import ops

    image = _as_2d("image", image).astype(float)
    kernel = _as_2d("kernel", kernel).astype(float)
    kh, kw = kernel.shape
    out = ops.conv2d(image, kernel)
    if not (0 <= row < out.shape[0] and 0 <= col < out.shape[1]):
        raise ValueError(
            f"(row, col) must be an output position in 0..{out.shape[0] - 1} "
            f"x 0..{out.shape[1] - 1}, got ({row}, {col})"
        )
    products = image[row : row + kh, col : col + kw] * kernel
    fig, axes = plt.subplots(
        1,
        4,
        figsize=(13, 3.6),
        gridspec_kw={"width_ratios": [image.shape[1], kw, kw, out.shape[1]]},
    )
    _draw_values(axes[0], image, "{:g}", "gray")
    _box(axes[0], row, col, kh, kw)
    axes[0].set_title(i18n.t("image"))
    _draw_values(axes[1], kernel, "{:g}", "gray")
    axes[1].set_title(i18n.t("kernel"))
    _draw_values(axes[2], products, "{:g}", "gray")
    axes[2].set_title(
        f"{i18n.t('products')}\n{i18n.t('sum_is', value=value_text('{:g}', products.sum()))}"
    )
    _draw_values(axes[3], out, "{:g}", "gray")
    _box(axes[3], row, col, 1, 1)
    axes[3].set_title(f"{i18n.t('feature_map')}\n{i18n.t('output_at', row=row, col=col)}")
    return _finish(fig, show)


_WINDOW_COLORS = (
    "#e8590c",
    "#1971c2",
    "#2f9e44",
    "#9c36b5",
    "#f08c00",
    "#0c8599",
    "#c2255c",
    "#5c940d",
    "#364fc7",
)


def _pool_setup(image, size, stride, mode):
    """Check the arguments of the pooling figures; return what they draw."""
    from .. import ops

    image = _as_2d("image", image).astype(float)
    if mode not in ("max", "average"):
        raise ValueError(f'mode must be "max" or "average", got {mode!r}')
    stride = size if stride is None else stride
    for name, value in (("size", size), ("stride", stride)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an int (square windows only), got {value!r}")
    pool = ops.max_pool2d if mode == "max" else ops.avg_pool2d
    out = pool(image, size, stride)  # checks the values of size and stride
    return image, out, int(size), int(stride)


def _draw_pooling(axes, image, out, size, stride, mode, fmt, steps):
    """Draw the input with the windows in ``steps`` and the output so far."""
    from matplotlib.patches import Circle

    ax_in, ax_out = axes
    ax_in.clear()
    ax_out.clear()
    lo, hi = float(image.min()), float(image.max())
    _draw_values(ax_in, image, "{:g}", "gray")
    done = np.zeros(out.shape, dtype=bool)
    for step in steps:
        done[np.unravel_index(step, out.shape)] = True
    shown = np.where(done, out, np.nan)
    ax_out.imshow(shown, cmap="gray", vmin=lo, vmax=hi)
    for (r, c), v in np.ndenumerate(out):
        if done[r, c]:
            ax_out.text(
                c,
                r,
                value_text(fmt, v + 0.0),
                ha="center",
                va="center",
                color=ink("gray", lo, hi, v),
                fontsize=9,
            )
    ax_out.set_xticks(range(out.shape[1]))
    ax_out.set_yticks(range(out.shape[0]))
    ax_out.tick_params(length=0, labelsize=7)
    ax_out.set_xlim(-0.5, out.shape[1] - 0.5)
    ax_out.set_ylim(out.shape[0] - 0.5, -0.5)
    for step in steps:
        r, c = np.unravel_index(step, out.shape)
        color = _WINDOW_COLORS[step % len(_WINDOW_COLORS)]
        top, left = r * stride, c * stride
        _outline(ax_in, top, left, size, size, color, inset=0.08)
        _outline(ax_out, r, c, 1, 1, color, inset=0.08)
        if mode == "max":
            window = image[top : top + size, left : left + size]
            wr, wc = np.unravel_index(np.argmax(window), window.shape)
            ax_in.add_patch(
                Circle((left + wc, top + wr), 0.38, fill=False, edgecolor=color, linewidth=2)
            )
    ax_in.set_title(i18n.t("image"))
    ax_out.set_title(i18n.t("pooled"))


def _pool_figure(image, out, size, stride, mode):
    height = max(2.8, 0.5 * image.shape[0])
    fig, axes = plt.subplots(
        1,
        2,
        figsize=(0.5 * (image.shape[1] + out.shape[1]) + 1.5, height + 0.6),
        gridspec_kw={"width_ratios": [image.shape[1], out.shape[1]]},
    )
    kind = i18n.t("max_pooling" if mode == "max" else "average_pooling")
    fig.suptitle(i18n.t("pooling_setting", kind=kind, size=size, stride=stride))
    return fig, axes


def pooling(image, size=2, stride=None, mode="max", fmt=None, show=True):
    """Pooling at a glance: every window on the image, and the output.

    Left the image with its values, every pooling window outlined in its own
    colour (for max pooling the winning pixel of each window is circled);
    right the pooled output, each value framed in the colour of its window.
    Both panels share one gray scale.

    Parameters
    ----------
    image : array_like
        Shape ``(H, W)`` or ``(H, W, 1)``; small images read best.
    size : int, optional
        Side of the square window, by default 2.
    stride : int, optional
        Step between windows, by default equal to ``size``.
    mode : {"max", "average"}, optional
        Max pooling (default) or average pooling.
    fmt : str, optional
        Format of the output values; by default ``"{:g}"`` for max and
        ``"{:.2f}"`` for average pooling, the two decimals chapter 4
        prints.
    show : bool, optional
        Display the figure (default) or return it.

    Raises
    ------
    ValueError
        For an unknown mode, a size or stride that is not a positive int, or
        a window larger than the image.

    Introduced in chapter 4, Pooling.
    """
    image, out, size, stride = _pool_setup(image, size, stride, mode)
    fmt = fmt or ("{:g}" if mode == "max" else "{:.2f}")
    fig, axes = _pool_figure(image, out, size, stride, mode)
    _draw_pooling(axes, image, out, size, stride, mode, fmt, range(out.size))
    return _finish(fig, show)


def pooling_animation(image, size=2, stride=None, mode="max", fmt=None, interval=1000):
    """An animation of pooling, one frame per window, for any web page.

    Each frame outlines one window on the image (circling its maximum for
    max pooling) and writes its value into the output; the values of the
    earlier windows stay. The frames and the player are embedded in the
    HTML (``FuncAnimation.to_jshtml``), so it plays in a notebook and on the
    static web page of the book without a running kernel.

    Parameters
    ----------
    image, size, stride, mode, fmt
        As in :func:`pooling`.
    interval : int, optional
        Milliseconds per frame, by default 1000.

    Returns
    -------
    IPython.display.HTML
        Display it (make it the last line of a cell); ``.frames`` is the
        number of frames.

    Introduced in chapter 4, Pooling.
    """
    from IPython.display import HTML
    from matplotlib.animation import FuncAnimation

    image, out, size, stride = _pool_setup(image, size, stride, mode)
    fmt = fmt or ("{:g}" if mode == "max" else "{:.2f}")
    fig, axes = _pool_figure(image, out, size, stride, mode)
    fig.subplots_adjust(top=0.8)

    def frame(i):
        _draw_pooling(axes, image, out, size, stride, mode, fmt, range(i + 1))
        axes[1].set_title(i18n.t("window_of", step=i + 1, total=out.size))
        return []

    frame(0)
    try:
        anim = FuncAnimation(fig, frame, frames=out.size, interval=interval)
        html = anim.to_jshtml(default_mode="loop")
    finally:
        plt.close(fig)
    from ..widgets import _frame_texts, _offline_player  # no web fonts, translated, with alt

    def describe(i):
        row, col = np.unravel_index(i, out.shape)
        key = "anim_pool_max_alt" if mode == "max" else "anim_pool_average_alt"
        return i18n.t(key, size=size, row=row, col=col)  # 0-based, as the axes

    html = _offline_player(html, *_frame_texts(out.size, describe))
    result = HTML(html)
    result.frames = out.size
    return result
