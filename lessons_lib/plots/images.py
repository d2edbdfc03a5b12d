"""Figures of images as numbers: pixel values, grids of images, the classes, colour channels."""

import matplotlib.pyplot as plt
import numpy as np

from .. import i18n
from ._core import _as_2d, _box, _draw_values, _finish, ink, value_text


def image_with_values(image, title=None, fmt="{:g}", cmap="gray", highlight=None, show=True):
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


def image_grid(
    images, titles=None, ncols=None, cmap="gray", size=2.2, colorbar=False, ticks=None, show=True
):
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
    ticks : int, optional
        Number the rows and columns every ``ticks`` pixels, from 0 at the
        top left, to read positions off; by default no numbers.
    show : bool, optional
        Display the figure (default) or return it.

    Raises
    ------
    ValueError
        If an image is not 2-D (or ``(H, W, 1)``), ``titles`` does not hold
        one title per image, or ``ticks`` is not a whole number from 1 up.

    Introduced in chapter 2, Convolution.
    """
    if ticks is not None and (
        isinstance(ticks, bool) or not isinstance(ticks, (int, np.integer)) or ticks < 1
    ):
        raise ValueError(f"ticks must be a whole number of pixels from 1 up, got {ticks!r}")
    if isinstance(images, np.ndarray) and images.ndim == 3 and images.shape[-1] > 1:
        if titles is None:
            titles = [i18n.t("filter", index=i) for i in range(images.shape[-1])]
        images = [images[..., i] for i in range(images.shape[-1])]
    images = [_as_2d(f"images[{i}]", im) for i, im in enumerate(images)]
    if not images:
        raise ValueError("images must hold at least one image, got none")
    if titles is not None and len(titles) != len(images):
        raise ValueError(f"titles must hold one title per image ({len(images)}), got {len(titles)}")
    ncols = ncols or min(len(images), 8)
    nrows = -(-len(images) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= len(images):
            continue
        shown = ax.imshow(images[i], cmap=cmap)
        # A thin frame: a black or white image keeps its edge on the page.
        ax.axis("on")
        height, width = images[i].shape
        ax.set_xticks(range(0, width, ticks) if ticks else [])
        ax.set_yticks(range(0, height, ticks) if ticks else [])
        ax.tick_params(labelsize=8)
        for spine in ax.spines.values():
            spine.set_edgecolor("0.6")
        if colorbar:
            fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
        if titles is not None:
            ax.set_title(titles[i])
    return _finish(fig, show)


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
        raise ValueError(f"titles must hold one title per array ({len(arrays)}), got {len(titles)}")
    widths = [a.shape[1] for a in arrays]
    height = max(a.shape[0] for a in arrays)
    unit = 0.42 if max(widths + [height]) > 4 else 0.6
    fig, axes = plt.subplots(
        1,
        len(arrays),
        squeeze=False,
        figsize=(max(2.5, unit * sum(widths) + 0.6 * len(arrays)), max(1.9, unit * height + 0.8)),
        gridspec_kw={"width_ratios": widths},
    )
    for i, (ax, a) in enumerate(zip(axes[0], arrays)):
        _draw_values(ax, a, fmt, cmap)
        if titles is not None:
            ax.set_title(titles[i])
    return _finish(fig, show)


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
    crop = image[row : row + size, col : col + size]
    vmin, vmax = float(image.min()), float(image.max())
    fmt = "{:.2f}" if image.dtype.kind == "f" and vmax <= 1 else "{:g}"
    fig, axes = plt.subplots(1, 2, figsize=(11, 5.2), gridspec_kw={"width_ratios": [1, 1.15]})
    axes[0].imshow(image, cmap="gray", vmin=vmin, vmax=vmax)
    _box(axes[0], row, col, size, size)
    axes[0].set_title(i18n.t("whole_image", h=h, w=w))
    _draw_values(axes[1], crop, fmt, "gray", vmin=vmin, vmax=vmax)
    for t in axes[1].texts:
        t.set_fontsize(8)
    axes[1].set_xticks(range(size), [str(col + i) for i in range(size)])
    axes[1].set_yticks(range(size), [str(row + i) for i in range(size)])
    axes[1].set_title(i18n.t("pixels_at", r0=row, r1=row + size - 1, c0=col, c1=col + size - 1))
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
            f"images and labels must have the same length, got {len(images)} and {len(labels)}"
        )
    missing = [c for c in range(len(names)) if not (labels == c).any()]
    if missing:
        raise ValueError(f"labels hold no example of class(es) {missing}")
    firsts = [int(np.flatnonzero(labels == c)[0]) for c in range(len(names))]
    return image_grid([images[i] for i in firsts], titles=names, ncols=ncols, size=size, show=show)


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
    strip.imshow(image.reshape(1, -1), cmap="gray", aspect="auto", interpolation="nearest")
    strip.set_yticks([])
    starts = np.arange(0, h * w, w * 4)
    strip.set_xticks(starts - 0.5, [str(s) for s in starts])
    strip.set_xticks(np.arange(0, h * w, w) - 0.5, minor=True)
    strip.tick_params(which="minor", length=4)
    strip.set_xlabel(i18n.t("vector_index"))
    strip.set_title(i18n.t("flattened_title", n=h * w))
    return _finish(fig, show)


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
    for ax, c, cmap, key in zip(
        axes[1:],
        range(3),
        ("Reds", "Greens", "Blues"),
        ("channel_red", "channel_green", "channel_blue"),
    ):
        channel = image[:, :, c] + 0.0
        ax.imshow(channel, cmap=cmap, vmin=0, vmax=top)
        for (r, col), v in np.ndenumerate(channel):
            ax.text(
                col,
                r,
                value_text(fmt, v),
                ha="center",
                va="center",
                fontsize=9,
                color=ink(cmap, 0, top, v),
            )
        ax.set_title(i18n.t(key))
    for ax in axes:
        ax.set_xticks(range(w))
        ax.set_yticks(range(h))
        ax.tick_params(length=0, labelsize=7)
    return _finish(fig, show)
