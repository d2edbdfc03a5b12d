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
        color = "white" if v < middle else "black"
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


# --- chapter 3 figures (add below) ---


# --- chapter 4 figures (add below) ---


# --- chapter 5 figures (add below) ---


# --- chapter 6 figures (add below) ---


# --- chapter 7 figures (add below) ---
