"""The figures of the course, labelled in the reader's language.

Every function draws one figure. With ``show=True`` (the default, as in the
notebooks) it displays the figure and returns ``None``; with ``show=False``
it returns the :class:`matplotlib.figure.Figure` for further work.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from . import i18n

_HIGHLIGHT = "#e8590c"


def _finish(fig, show):
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
        raise ValueError(
            f"{name} must have shape (H, W) or (H, W, 1), got {image.shape}"
        )
    return image


def _draw_values(ax, image, fmt, cmap, vmin=None, vmax=None):
    if image.dtype.kind == "f":
        image = image + 0.0  # -0.0 would be written as "-0"
    ax.imshow(image, cmap=cmap, vmin=vmin, vmax=vmax)
    lo = image.min() if vmin is None else vmin
    hi = image.max() if vmax is None else vmax
    middle = (float(lo) + float(hi)) / 2
    for (r, c), v in np.ndenumerate(image):
        # Light text on dark pixels, dark text on light ones (gray colormaps).
        # A constant array is drawn in the colormap's lowest (dark) colour.
        color = "white" if v < middle or lo == hi else "black"
        ax.text(c, r, fmt.format(v), ha="center", va="center", color=color,
                fontsize=9)
    ax.set_xticks(range(image.shape[1]))
    ax.set_yticks(range(image.shape[0]))
    ax.tick_params(length=0, labelsize=7)


def _box(ax, row, col, height, width):
    ax.add_patch(Rectangle((col - 0.5, row - 0.5), width, height, fill=False,
                           edgecolor=_HIGHLIGHT, linewidth=3))


def image_with_values(image, title=None, fmt="{:g}", cmap="gray",
                      highlight=None, show=True):
    """Draw an image with every pixel's value written on it.

    Parameters
    ----------
    image : array_like
        Shape ``(H, W)`` or ``(H, W, 1)``; best for small images (up to
        about 12x12).
    title : str, optional
        Title above the image; by default the word "image" in the current
        language.
    fmt : str, optional
        Format of the values, by default ``"{:g}"``.
    cmap : str, optional
        Matplotlib colormap, by default gray (0 black, largest white).
    highlight : tuple of int, optional
        ``(row, col, height, width)`` of a window to outline.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 2, Convolution.
    """
    image = _as_2d("image", image)
    size = max(2.5, 0.45 * max(image.shape))
    fig, ax = plt.subplots(figsize=(size, size))
    _draw_values(ax, image, fmt, cmap)
    if highlight is not None:
        _box(ax, *highlight)
    ax.set_title(i18n.t("image") if title is None else title)
    return _finish(fig, show)


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
    from . import ops

    image = _as_2d("image", image).astype(float)
    kernel = _as_2d("kernel", kernel).astype(float)
    kh, kw = kernel.shape
    out = ops.conv2d(image, kernel)
    if not (0 <= row < out.shape[0] and 0 <= col < out.shape[1]):
        raise ValueError(
            f"(row, col) must be an output position in 0..{out.shape[0] - 1} "
            f"x 0..{out.shape[1] - 1}, got ({row}, {col})"
        )
    products = image[row:row + kh, col:col + kw] * kernel
    fig, axes = plt.subplots(1, 4, figsize=(13, 3.6),
                             gridspec_kw={"width_ratios": [image.shape[1], kw,
                                                           kw, out.shape[1]]})
    _draw_values(axes[0], image, "{:g}", "gray")
    _box(axes[0], row, col, kh, kw)
    axes[0].set_title(i18n.t("image"))
    _draw_values(axes[1], kernel, "{:g}", "gray")
    axes[1].set_title(i18n.t("kernel"))
    _draw_values(axes[2], products, "{:g}", "gray")
    axes[2].set_title(f"{i18n.t('products')}\n"
                      f"{i18n.t('sum_is', value=products.sum())}")
    _draw_values(axes[3], out, "{:g}", "gray")
    _box(axes[3], row, col, 1, 1)
    axes[3].set_title(f"{i18n.t('feature_map')}\n"
                      f"{i18n.t('output_at', row=row, col=col)}")
    return _finish(fig, show)


def image_grid(images, titles=None, ncols=None, cmap="gray", size=2.2,
               colorbar=False, show=True):
    """Draw several images (or feature maps) side by side.

    Parameters
    ----------
    images : sequence of array_like
        Each of shape ``(H, W)`` or ``(H, W, 1)``; or one array
        ``(H, W, C)`` whose channels are drawn one by one.
    titles : sequence of str, optional
        One title per image; by default "feature map 0", "feature map 1"...
        for the channels of one array and nothing otherwise.
    ncols : int, optional
        Images per row, by default all in one row (at most 8).
    cmap : str, optional
        Matplotlib colormap, by default gray.
    size : float, optional
        Width of one image in inches.
    colorbar : bool, optional
        Add a colour bar to every image, to read values off.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 2, Convolution.
    """
    if isinstance(images, np.ndarray) and images.ndim == 3 and images.shape[-1] > 1:
        if titles is None:
            titles = [i18n.t("filter", index=i) for i in range(images.shape[-1])]
        images = [images[..., i] for i in range(images.shape[-1])]
    images = [_as_2d(f"images[{i}]", im) for i, im in enumerate(images)]
    if not images:
        raise ValueError("images must hold at least one image, got none")
    if titles is not None and len(titles) != len(images):
        raise ValueError(
            f"titles must hold one title per image ({len(images)}), got "
            f"{len(titles)}"
        )
    ncols = ncols or min(len(images), 8)
    nrows = -(-len(images) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows),
                             squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= len(images):
            continue
        shown = ax.imshow(images[i], cmap=cmap)
        if colorbar:
            fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
        if titles is not None:
            ax.set_title(titles[i])
    return _finish(fig, show)


def training_curves(history, show=True):
    """Accuracy and loss per epoch, on the training and validation data.

    Parameters
    ----------
    history : keras.callbacks.History or dict
        What ``model.fit`` returns, or its ``.history`` dict.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    hist = getattr(history, "history", history)
    if not isinstance(hist, dict) or "loss" not in hist:
        raise ValueError(
            "history must be what model.fit returns (or its .history dict, "
            f"with a 'loss' entry), got {type(history).__name__}"
        )
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    for ax, metric in zip(axes, ("accuracy", "loss")):
        for prefix, label in (("", "training"), ("val_", "validation")):
            values = hist.get(prefix + metric)
            if values:
                epochs = np.arange(1, len(values) + 1)
                ax.plot(epochs, values, marker="o", label=i18n.t(label))
        ax.set_xlabel(i18n.t("epoch"))
        ax.set_ylabel(i18n.t(metric))
        ax.grid(alpha=0.3)
        ax.legend()
    return _finish(fig, show)


def confusion_matrix(y_true, y_pred, show=True):
    """Counts of true against predicted classes, with class names.

    Parameters
    ----------
    y_true, y_pred : array_like of int
        Labels in 0..9, of equal length.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    y_true = np.asarray(y_true).astype(int).ravel()
    y_pred = np.asarray(y_pred).astype(int).ravel()
    names = i18n.class_names()
    n = len(names)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same length, got {len(y_true)} "
            f"and {len(y_pred)}"
        )
    if y_true.size and (min(y_true.min(), y_pred.min()) < 0
                        or max(y_true.max(), y_pred.max()) >= n):
        raise ValueError(f"labels must be in 0..{n - 1}")
    counts = np.zeros((n, n), dtype=int)
    np.add.at(counts, (y_true, y_pred), 1)
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    ax.imshow(counts, cmap="Blues")
    for (r, c), v in np.ndenumerate(counts):
        ax.text(c, r, str(v), ha="center", va="center", fontsize=8,
                color="white" if v > counts.max() / 2 else "black")
    ax.set_xticks(range(n), names, rotation=45, ha="right")
    ax.set_yticks(range(n), names)
    ax.set_xlabel(i18n.t("predicted_label"))
    ax.set_ylabel(i18n.t("true_label"))
    ax.set_title(i18n.t("confusion_matrix"))
    return _finish(fig, show)


# --- chapter 1 figures (add below) ---


def pixel_zoom(image, row, col, size=8, show=True):
    """The whole image beside a crop of it with every pixel's value.

    Left: the image with the cropped square outlined. Right: the crop, each
    pixel with its value written on it, the ticks numbered as in the whole
    image.

    Parameters
    ----------
    image : array_like
        Shape ``(H, W)`` or ``(H, W, 1)``, for example one Fashion-MNIST
        image with values 0..255 or 0..1.
    row, col : int
        Top-left corner of the crop.
    size : int, optional
        Height and width of the crop, by default 8.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 1, Images as numbers, and a dense baseline.
    """
    image = _as_2d("image", image)
    h, w = image.shape
    if not (size >= 1 and 0 <= row <= h - size and 0 <= col <= w - size):
        raise ValueError(
            f"a crop of size {size} at (row, col) = ({row}, {col}) must lie "
            f"inside the {h} x {w} image"
        )
    crop = image[row:row + size, col:col + size]
    vmin, vmax = float(image.min()), float(image.max())
    fmt = "{:.2f}" if image.dtype.kind == "f" and vmax <= 1 else "{:g}"
    fig, axes = plt.subplots(1, 2, figsize=(11, 5.2),
                             gridspec_kw={"width_ratios": [1, 1.15]})
    axes[0].imshow(image, cmap="gray", vmin=vmin, vmax=vmax)
    _box(axes[0], row, col, size, size)
    axes[0].set_title(i18n.t("whole_image", h=h, w=w))
    _draw_values(axes[1], crop, fmt, "gray", vmin=vmin, vmax=vmax)
    for t in axes[1].texts:
        t.set_fontsize(8)
    axes[1].set_xticks(range(size), [str(col + i) for i in range(size)])
    axes[1].set_yticks(range(size), [str(row + i) for i in range(size)])
    axes[1].set_title(i18n.t("pixels_at", r0=row, r1=row + size - 1,
                             c0=col, c1=col + size - 1))
    return _finish(fig, show)


def class_examples(images, labels, ncols=5, size=2.0, show=True):
    """The first image of every class, titled with the class name.

    Parameters
    ----------
    images : array_like
        Shape ``(N, H, W)`` or ``(N, H, W, 1)``.
    labels : array_like of int
        Shape ``(N,)``, labels 0..9; every class must occur.
    ncols : int, optional
        Images per row, by default 5 (two rows for ten classes).
    size : float, optional
        Width of one image in inches.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 1, Images as numbers, and a dense baseline.
    """
    labels = np.asarray(labels).astype(int).ravel()
    names = i18n.class_names()
    if len(labels) != len(images):
        raise ValueError(
            f"images and labels must have the same length, got {len(images)} "
            f"and {len(labels)}"
        )
    missing = [c for c in range(len(names)) if not (labels == c).any()]
    if missing:
        raise ValueError(f"labels hold no example of class(es) {missing}")
    firsts = [int(np.flatnonzero(labels == c)[0]) for c in range(len(names))]
    return image_grid([images[i] for i in firsts], titles=names, ncols=ncols,
                      size=size, show=show)


def predictions(images, y_true, y_pred, ncols=5, size=2.2, show=True):
    """Images titled with their true and predicted class.

    A title is green when the prediction is right and red when it is wrong.

    Parameters
    ----------
    images : array_like
        Shape ``(N, H, W)`` or ``(N, H, W, 1)``.
    y_true, y_pred : array_like of int
        Labels 0..9, one of each per image.
    ncols : int, optional
        Images per row, by default 5.
    size : float, optional
        Width of one image in inches.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 1, Images as numbers, and a dense baseline.
    """
    y_true = np.asarray(y_true).astype(int).ravel()
    y_pred = np.asarray(y_pred).astype(int).ravel()
    names = i18n.class_names()
    if not len(images) == len(y_true) == len(y_pred):
        raise ValueError(
            f"images, y_true and y_pred must have the same length, got "
            f"{len(images)}, {len(y_true)} and {len(y_pred)}"
        )
    titles = [i18n.t("true_predicted_title", true=names[t], pred=names[p])
              for t, p in zip(y_true, y_pred)]
    fig = image_grid(list(images), titles=titles, ncols=min(ncols, len(titles)),
                     size=size, show=False)
    for ax, t, p in zip(fig.axes, y_true, y_pred):
        ax.title.set_color("#2b8a3e" if t == p else "#c92a2a")
        ax.title.set_fontsize("small")
    return _finish(fig, show)


def class_probabilities(image, probabilities, true_label=None, show=True):
    """One image and the probability the model gives each class.

    Parameters
    ----------
    image : array_like
        Shape ``(H, W)`` or ``(H, W, 1)``.
    probabilities : array_like
        Ten numbers, the softmax output of the model for this image.
    true_label : int, optional
        The right class; its name is shown in the image's title.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 1, Images as numbers, and a dense baseline.
    """
    image = _as_2d("image", image)
    probs = np.asarray(probabilities, dtype=float).ravel()
    names = i18n.class_names()
    if probs.shape != (len(names),):
        raise ValueError(
            f"probabilities must hold {len(names)} values, one per class, "
            f"got shape {np.shape(probabilities)}"
        )
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.2),
                             gridspec_kw={"width_ratios": [1, 2]})
    axes[0].imshow(image, cmap="gray")
    axes[0].axis("off")
    if true_label is not None:
        axes[0].set_title(i18n.t("true_label") + ": " + names[int(true_label)])
    colors = ["#adb5bd"] * len(names)
    colors[int(probs.argmax())] = _HIGHLIGHT
    axes[1].barh(range(len(names)), probs, color=colors)
    axes[1].set_yticks(range(len(names)), names)
    axes[1].invert_yaxis()
    axes[1].set_xlim(0, 1)
    axes[1].set_xlabel(i18n.t("probability"))
    axes[1].grid(axis="x", alpha=0.3)
    return _finish(fig, show)


def flattened(image, show=True):
    """An image above the same pixels laid out in one long row.

    What ``Flatten`` does: row 0 of the image, then row 1, and so on, end to
    end. Thin marks below the strip show where each image row starts.

    Parameters
    ----------
    image : array_like
        Shape ``(H, W)`` or ``(H, W, 1)``.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 1, Images as numbers, and a dense baseline.
    """
    image = _as_2d("image", image)
    h, w = image.shape
    fig = plt.figure(figsize=(11, 3.6))
    grid = fig.add_gridspec(2, 1, height_ratios=[3, 1])
    top = fig.add_subplot(grid[0])
    top.imshow(image, cmap="gray")
    top.axis("off")
    top.set_title(i18n.t("image") + f" {h} × {w}")
    strip = fig.add_subplot(grid[1])
    strip.imshow(image.reshape(1, -1), cmap="gray", aspect="auto",
                 interpolation="nearest")
    strip.set_yticks([])
    starts = np.arange(0, h * w, w * 4)
    strip.set_xticks(starts - 0.5, [str(s) for s in starts])
    strip.set_xticks(np.arange(0, h * w, w) - 0.5, minor=True)
    strip.tick_params(which="minor", length=4)
    strip.set_xlabel(i18n.t("vector_index"))
    strip.set_title(i18n.t("flattened_title", n=h * w))
    return _finish(fig, show)


# --- chapter 3 figures (add below) ---


# --- chapter 4 figures (add below) ---

#: One colour per pooling window (cycled when there are more windows).
_WINDOW_COLORS = ("#e8590c", "#1971c2", "#2f9e44", "#9c36b5", "#f08c00",
                  "#0c8599", "#c2255c", "#5c940d", "#364fc7")


def _pool_setup(image, size, stride, mode):
    """Check the arguments of the pooling figures; return what they draw."""
    from . import ops

    image = _as_2d("image", image).astype(float)
    if mode not in ("max", "average"):
        raise ValueError(f'mode must be "max" or "average", got {mode!r}')
    stride = size if stride is None else stride
    for name, value in (("size", size), ("stride", stride)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise ValueError(
                f"{name} must be an int (square windows only), got {value!r}"
            )
    pool = ops.max_pool2d if mode == "max" else ops.avg_pool2d
    out = pool(image, size, stride)  # checks the values of size and stride
    return image, out, int(size), int(stride)


def _outline(ax, row, col, height, width, color, inset=0.0, linewidth=3):
    ax.add_patch(Rectangle((col - 0.5 + inset, row - 0.5 + inset),
                           width - 2 * inset, height - 2 * inset, fill=False,
                           edgecolor=color, linewidth=linewidth))


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
            color = "white" if v < (lo + hi) / 2 else "black"
            ax_out.text(c, r, fmt.format(v + 0.0), ha="center", va="center",
                        color=color, fontsize=9)
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
            window = image[top:top + size, left:left + size]
            wr, wc = np.unravel_index(np.argmax(window), window.shape)
            ax_in.add_patch(Circle((left + wc, top + wr), 0.38, fill=False,
                                   edgecolor=color, linewidth=2))
    ax_in.set_title(i18n.t("image"))
    ax_out.set_title(i18n.t("pooled"))


def _pool_figure(image, out, size, stride, mode):
    height = max(2.8, 0.5 * image.shape[0])
    fig, axes = plt.subplots(
        1, 2, figsize=(0.5 * (image.shape[1] + out.shape[1]) + 1.5, height + 0.6),
        gridspec_kw={"width_ratios": [image.shape[1], out.shape[1]]})
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
        ``"{:.3g}"`` for average pooling.
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
    fmt = fmt or ("{:g}" if mode == "max" else "{:.3g}")
    fig, axes = _pool_figure(image, out, size, stride, mode)
    _draw_pooling(axes, image, out, size, stride, mode, fmt, range(out.size))
    return _finish(fig, show)


def pooling_animation(image, size=2, stride=None, mode="max", fmt=None,
                      interval=1000):
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
    fmt = fmt or ("{:g}" if mode == "max" else "{:.3g}")
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
    try:  # The course's offline player (no web fonts, translated buttons).
        from .widgets import _offline_player

        html = _offline_player(html)
    except ImportError:
        pass
    result = HTML(html)
    result.frames = out.size
    return result

def values_grid(arrays, titles=None, fmt="{:g}", cmap="gray", show=True):
    """Several small arrays side by side, every value written on them.

    For kernels, the slices of a kernel, or small feature maps. Each array
    gets its own gray scale (0 is not always the same gray).

    Parameters
    ----------
    arrays : sequence of array_like
        Each of shape ``(H, W)`` or ``(H, W, 1)``, best up to about 8x8.
    titles : sequence of str, optional
        One title per array.
    fmt : str, optional
        Format of the values, by default ``"{:g}"``.
    cmap : str, optional
        Matplotlib colormap, by default gray.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 4, Pooling.
    """
    arrays = [_as_2d(f"arrays[{i}]", a).astype(float) for i, a in enumerate(arrays)]
    if not arrays:
        raise ValueError("arrays must hold at least one array, got none")
    if titles is not None and len(titles) != len(arrays):
        raise ValueError(
            f"titles must hold one title per array ({len(arrays)}), got "
            f"{len(titles)}"
        )
    widths = [a.shape[1] for a in arrays]
    height = max(a.shape[0] for a in arrays)
    unit = 0.42 if max(widths + [height]) > 4 else 0.6
    fig, axes = plt.subplots(
        1, len(arrays), squeeze=False,
        figsize=(max(2.5, unit * sum(widths) + 0.6 * len(arrays)), max(1.9, unit * height + 0.8)),
        gridspec_kw={"width_ratios": widths})
    for i, (ax, a) in enumerate(zip(axes[0], arrays)):
        _draw_values(ax, a, fmt, cmap)
        if titles is not None:
            ax.set_title(titles[i])
    return _finish(fig, show)



# --- chapter 5 figures (add below) ---


def rgb_channels(image, fmt="{:g}", show=True):
    """A colour image and its red, green and blue channels with their values.

    Parameters
    ----------
    image : array_like
        Shape ``(H, W, 3)`` with values >= 0; the colour panel divides by
        the largest value, so that it is shown at full brightness.
    fmt : str, optional
        Format of the values, by default ``"{:g}"``.
    show : bool, optional
        Display the figure (default) or return it.

    Raises
    ------
    ValueError
        For an image that is not ``(H, W, 3)`` or has negative values.

    Introduced in chapter 5, Many filters, channels and layers.
    """
    image = np.asarray(image, dtype=float)
    if image.ndim != 3 or image.shape[-1] != 3:
        raise ValueError(f"image must have shape (H, W, 3), got {image.shape}")
    if image.size and image.min() < 0:
        raise ValueError(f"image values must be >= 0, got {image.min():g}")
    top = image.max() if image.size and image.max() > 0 else 1.0
    h, w = image.shape[:2]
    fig, axes = plt.subplots(1, 4, figsize=(4 * (0.45 * w + 0.4), 0.45 * h + 1.0))
    axes[0].imshow(image / top)
    axes[0].set_title(i18n.t("colour_image"))
    for ax, c, cmap, key in zip(axes[1:], range(3), ("Reds", "Greens", "Blues"),
                                ("channel_red", "channel_green", "channel_blue")):
        channel = image[:, :, c] + 0.0
        ax.imshow(channel, cmap=cmap, vmin=0, vmax=top)
        for (r, col), v in np.ndenumerate(channel):
            ax.text(col, r, fmt.format(v), ha="center", va="center", fontsize=9,
                    color="white" if v > top / 2 else "black")
        ax.set_title(i18n.t(key))
    for ax in axes:
        ax.set_xticks(range(w))
        ax.set_yticks(range(h))
        ax.tick_params(length=0, labelsize=7)
    return _finish(fig, show)


# --- chapter 6 figures (add below) ---


def misclassified(images, y_true, y_pred, count=12, ncols=6, size=1.9,
                  show=True):
    """The first images a model got wrong, with true and predicted class.

    Parameters
    ----------
    images : array_like
        Shape ``(N, H, W)`` or ``(N, H, W, 1)``, for example the test images.
    y_true, y_pred : array_like of int
        Labels 0..9, one of each per image.
    count : int, optional
        How many misclassified images to show (fewer if there are fewer),
        in the order of ``images``; by default 12.
    ncols : int, optional
        Images per row, by default 6.
    size : float, optional
        Width of one image in inches.
    show : bool, optional
        Display the figure (default) or return it.

    Raises
    ------
    ValueError
        When the lengths differ or no image is misclassified.

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    y_true = np.asarray(y_true).astype(int).ravel()
    y_pred = np.asarray(y_pred).astype(int).ravel()
    if not len(images) == len(y_true) == len(y_pred):
        raise ValueError(
            f"images, y_true and y_pred must have the same length, got "
            f"{len(images)}, {len(y_true)} and {len(y_pred)}"
        )
    wrong = np.flatnonzero(y_true != y_pred)[:count]
    if not len(wrong):
        raise ValueError("no image is misclassified: y_pred equals y_true")
    names = i18n.class_names()
    titles = [i18n.t("true_vs_predicted", true=names[y_true[i]],
                     pred=names[y_pred[i]]) for i in wrong]
    fig = image_grid([images[i] for i in wrong], titles=titles,
                     ncols=min(ncols, len(wrong)), size=size, show=False)
    for ax in fig.axes:
        ax.title.set_fontsize("small")
    return _finish(fig, show)


def filters(kernel, channel=0, ncols=8, size=1.1, shared=False, show=True):
    """The learned kernels of a Conv2D layer, one small image per filter.

    Gray scales are symmetric around zero: mid gray is a weight of 0. By
    default every kernel gets its own scale (white its largest positive,
    black its most negative weight), which shows the pattern of each one:
    after training a few kernels have much larger weights than the rest,
    and on one shared scale most would look uniformly gray. With
    ``shared=True`` all kernels use the scale of the largest weight of the
    layer, with a colour bar, so that their strengths can be compared.

    Parameters
    ----------
    kernel : array_like
        The layer's kernel, shape ``(kh, kw, C_in, C_out)`` as returned by
        ``layer.get_weights()[0]``.
    channel : int, optional
        Which input channel to draw, by default 0 (the only one of a
        grayscale image).
    ncols : int, optional
        Kernels per row, by default 8.
    size : float, optional
        Width of one kernel in inches.
    shared : bool, optional
        One gray scale for all kernels (with a colour bar) instead of one
        per kernel, by default False.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    kernel = np.asarray(kernel, dtype=float)
    if kernel.ndim != 4:
        raise ValueError(
            f"kernel must have shape (kh, kw, C_in, C_out), got {kernel.shape}"
        )
    if not 0 <= channel < kernel.shape[2]:
        raise ValueError(
            f"channel must be in 0..{kernel.shape[2] - 1}, got {channel}"
        )
    weights = kernel[:, :, channel, :]
    count = weights.shape[-1]
    limit = float(np.abs(weights).max()) or 1.0
    ncols = min(ncols, count)
    nrows = -(-count // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols + 0.8, size * nrows + 0.4),
                             squeeze=False, layout="constrained")
    for i, ax in enumerate(axes.flat):
        ax.set_xticks([])
        ax.set_yticks([])
        if i >= count:
            ax.axis("off")
            continue
        own = limit if shared else (float(np.abs(weights[:, :, i]).max()) or 1.0)
        shown = ax.imshow(weights[:, :, i], cmap="gray", vmin=-own, vmax=own)
        ax.set_title(i18n.t("filter", index=i), fontsize=8)
    if shared:
        fig.colorbar(shown, ax=axes, fraction=0.03, pad=0.02)
    if show:
        plt.show()
        return None
    return fig


def feature_maps(maps, names, channels=6, size=1.6, show=True):
    """A few feature maps of every layer for one image, a row per layer.

    Parameters
    ----------
    maps : sequence of array_like
        One layer output per row, each of shape ``(H, W, C)`` (one image,
        no batch axis), for example what a ``keras.Model`` with the layers'
        outputs returns for a batch of one.
    names : sequence of str
        One name per layer, written with its shape at the left of the row.
    channels : int, optional
        How many channels (the first ones) to show per layer, by default 6.
    size : float, optional
        Width of one map in inches.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    maps = [np.asarray(m) for m in maps]
    if not maps or len(names) != len(maps):
        raise ValueError(
            f"give one name per layer output, got {len(names)} names for "
            f"{len(maps)} outputs"
        )
    for name, m in zip(names, maps):
        if m.ndim != 3:
            raise ValueError(
                f"the output of {name} must have shape (H, W, C), got {m.shape}"
            )
    ncols = min(channels, min(m.shape[-1] for m in maps))
    fig, axes = plt.subplots(len(maps), ncols, squeeze=False,
                             figsize=(size * ncols + 0.8, size * len(maps)))
    for row, (name, m) in zip(axes, zip(names, maps)):
        for c, ax in enumerate(row):
            ax.imshow(m[:, :, c], cmap="gray")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(i18n.t("map_channel", index=c), fontsize=8)
        h, w, depth = m.shape
        row[0].set_ylabel(f"{name}\n{h} × {w} × {depth}")
    return _finish(fig, show)


# --- chapter 7 figures (add below) ---


def channel_histograms(arrays, titles=None, bins=40, show=True):
    """Histograms of every channel's values, one panel per array.

    Each panel overlays one histogram per channel, so that the figure shows
    how the channels' centres and spreads differ, for example before and
    after batch normalisation.

    Parameters
    ----------
    arrays : sequence of array_like
        Each of shape ``(N, C)``, or ``(N, ..., C)`` whose values are pooled
        over all axes but the last; every array has the same ``C``.
    titles : sequence of str, optional
        One title per panel.
    bins : int, optional
        Bins per histogram, by default 40.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 7, Going further.
    """
    arrays = [np.asarray(a, dtype=float) for a in arrays]
    if not arrays or any(a.ndim < 2 for a in arrays):
        raise ValueError(
            "arrays must hold at least one array of shape (N, C), got "
            f"{[a.shape for a in arrays]}"
        )
    channels = {a.shape[-1] for a in arrays}
    if len(channels) != 1:
        raise ValueError(
            f"every array must have the same number of channels, got "
            f"{sorted(channels)}"
        )
    if titles is not None and len(titles) != len(arrays):
        raise ValueError(
            f"titles must hold one title per array ({len(arrays)}), got "
            f"{len(titles)}"
        )
    fig, axes = plt.subplots(1, len(arrays), figsize=(4.6 * len(arrays), 3.2),
                             squeeze=False)
    for i, (ax, values) in enumerate(zip(axes.flat, arrays)):
        values = values.reshape(-1, values.shape[-1])
        for c in range(values.shape[-1]):
            ax.hist(values[:, c], bins=bins, alpha=0.6,
                    label=i18n.t("ch07_channel", index=c))
        ax.set_xlabel(i18n.t("ch07_value"))
        ax.set_ylabel(i18n.t("ch07_count"))
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
        if titles is not None:
            ax.set_title(titles[i])
    return _finish(fig, show)


def dropout_vectors(vectors, titles=None, show=True):
    """Bar charts of activation vectors, one panel per vector, stacked.

    Made to compare a layer's activations with what dropout makes of them:
    in training some values become 0 and the others grow, in inference
    they pass unchanged. A zero has no bar to colour, so an orange cross on
    the axis marks every unit that is 0.

    Parameters
    ----------
    vectors : sequence of array_like
        One-dimensional, all of the same length.
    titles : sequence of str, optional
        One title per vector.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 7, Going further.
    """
    vectors = [np.asarray(v, dtype=float) for v in vectors]
    if not vectors or any(v.ndim != 1 for v in vectors):
        raise ValueError(
            "vectors must hold one-dimensional arrays, got shapes "
            f"{[v.shape for v in vectors]}"
        )
    if len({v.size for v in vectors}) != 1:
        raise ValueError(
            f"vectors must all have the same length, got {[v.size for v in vectors]}"
        )
    if titles is not None and len(titles) != len(vectors):
        raise ValueError(
            f"titles must hold one title per vector ({len(vectors)}), got {len(titles)}"
        )
    top = max(float(np.max(v)) for v in vectors)
    fig, axes = plt.subplots(len(vectors), 1, figsize=(8, 1.7 * len(vectors)),
                             sharex=True, squeeze=False)
    for i, (ax, v) in enumerate(zip(axes[:, 0], vectors)):
        ax.bar(np.arange(v.size), v, color="#1c7ed6")
        zeros = np.flatnonzero(v == 0)
        if zeros.size:
            ax.plot(zeros, np.zeros(zeros.size), linestyle="none", marker="X",
                    markersize=11, color=_HIGHLIGHT, clip_on=False, zorder=3)
        ax.set_ylim(0, top * 1.1 if top > 0 else 1)
        ax.set_ylabel(i18n.t("ch07_value"))
        ax.grid(alpha=0.3, axis="y")
        if titles is not None:
            ax.set_title(titles[i])
    axes[-1, 0].set_xlabel(i18n.t("ch07_unit"))
    return _finish(fig, show)


def early_stopping(history, patience, show=True):
    """The validation loss per epoch, with the epoch early stopping keeps.

    Marks the epoch with the lowest validation loss (the weights that
    ``EarlyStopping(restore_best_weights=True)`` restores) and shades the
    ``patience`` epochs after it, in which the loss did not improve.

    Parameters
    ----------
    history : keras.callbacks.History or dict
        What ``model.fit`` returns, or its ``.history`` dict, with a
        ``"val_loss"`` entry.
    patience : int
        The ``patience`` given to ``EarlyStopping``, >= 0.
    show : bool, optional
        Display the figure (default) or return it.

    Introduced in chapter 7, Going further.
    """
    hist = getattr(history, "history", history)
    if not isinstance(hist, dict) or not hist.get("val_loss"):
        raise ValueError(
            "history must be what model.fit returns (or its .history dict) "
            f"with a 'val_loss' entry, got {type(history).__name__}"
        )
    if isinstance(patience, bool) or not isinstance(patience, int) or patience < 0:
        raise ValueError(f"patience must be an int >= 0, got {patience!r}")
    fig, ax = plt.subplots(figsize=(7, 3.6))
    for key, label in (("loss", "training"), ("val_loss", "validation")):
        values = hist.get(key)
        if values:
            ax.plot(np.arange(1, len(values) + 1), values, marker="o",
                    label=i18n.t(label))
    val = np.asarray(hist["val_loss"], dtype=float)
    best = int(np.argmin(val)) + 1
    ax.axvspan(best, min(best + patience, len(val)), color="0.85",
               label=i18n.t("ch07_patience", patience=patience))
    ax.plot([best], [val[best - 1]], marker="*", markersize=18,
            color=_HIGHLIGHT, linestyle="none",
            label=i18n.t("ch07_best_epoch", epoch=best))
    ax.set_xlabel(i18n.t("epoch"))
    ax.set_ylabel(i18n.t("loss"))
    ax.grid(alpha=0.3)
    ax.legend()
    return _finish(fig, show)
