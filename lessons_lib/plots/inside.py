"""Figures of what a trained CNN computes: its learned filters and feature maps."""

import matplotlib.pyplot as plt
import numpy as np

from .. import i18n
from ._core import _finish


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
        raise ValueError(f"kernel must have shape (kh, kw, C_in, C_out), got {kernel.shape}")
    if not 0 <= channel < kernel.shape[2]:
        raise ValueError(f"channel must be in 0..{kernel.shape[2] - 1}, got {channel}")
    weights = kernel[:, :, channel, :]
    count = weights.shape[-1]
    limit = float(np.abs(weights).max()) or 1.0
    ncols = min(ncols, count)
    nrows = -(-count // ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(size * ncols + 0.8, size * nrows + 0.4),
        squeeze=False,
        layout="constrained",
    )
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
            f"give one name per layer output, got {len(names)} names for {len(maps)} outputs"
        )
    for name, m in zip(names, maps):
        if m.ndim != 3:
            raise ValueError(f"the output of {name} must have shape (H, W, C), got {m.shape}")
    ncols = min(channels, min(m.shape[-1] for m in maps))
    fig, axes = plt.subplots(
        len(maps), ncols, squeeze=False, figsize=(size * ncols + 0.8, size * len(maps))
    )
    for row, (name, m) in zip(axes, zip(names, maps)):
        for c, ax in enumerate(row):
            ax.imshow(m[:, :, c], cmap="gray")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(i18n.t("map_channel", index=c), fontsize=8)
        h, w, depth = m.shape
        row[0].set_ylabel(f"{name}\n{h} × {w} × {depth}")
    return _finish(fig, show)
