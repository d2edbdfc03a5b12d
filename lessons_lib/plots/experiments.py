"""Figures of experiments on a trained CNN: shifted images, occlusion, the patches a channel likes most."""

from numbers import Number

import matplotlib.pyplot as plt
import numpy as np

from .. import i18n
from ._core import _as_2d, _finish


def shift_curve(results_by_model, show=True):
    """Accuracy against the shift of the images, one line per model.

    Parameters
    ----------
    results_by_model : dict
        ``{label: {shift: accuracy}}``, for example ``{"dense": ..., "CNN":
        ...}`` with what :func:`lessons_lib.models.shift_accuracy` returns
        for each model. The labels name the lines in the legend.
    show : bool, optional
        Display the figure (default) or return it.

    Raises
    ------
    ValueError
        If ``results_by_model`` is not a non-empty dict of non-empty dicts
        from whole-number shifts to accuracies from 0 to 1.

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    if not isinstance(results_by_model, dict) or not results_by_model:
        raise ValueError(
            "results_by_model must be a dict {label: {shift: accuracy}} with at least one "
            f"model, got {results_by_model!r}"
        )
    for label, result in results_by_model.items():
        if not isinstance(result, dict) or not result:
            raise ValueError(
                f"results_by_model[{label!r}] must be a dict {{shift: accuracy}}, got {result!r}"
            )
        for shift, accuracy in result.items():
            if isinstance(shift, bool) or not isinstance(shift, (int, np.integer)):
                raise ValueError(
                    f"results_by_model[{label!r}] has the shift {shift!r}; expected whole numbers"
                )
            if (
                isinstance(accuracy, bool)
                or not isinstance(accuracy, (Number, np.number))
                or not 0 <= accuracy <= 1
            ):
                raise ValueError(
                    f"results_by_model[{label!r}][{shift}] must be an accuracy from 0 to 1, "
                    f"got {accuracy!r}"
                )
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    shifts = set()
    for label, result in results_by_model.items():
        xs = sorted(result)
        shifts.update(xs)
        ax.plot(xs, [result[x] for x in xs], marker="o", label=str(label))
    ax.set_xticks(sorted(shifts))
    ax.set_xlabel(i18n.t("shift_pixels"))
    ax.set_ylabel(i18n.t("accuracy"))
    ax.grid(alpha=0.3)
    ax.legend()
    return _finish(fig, show)


def occlusion_map(image, occlusion, show=True):
    """An image and where covering it costs the model the most probability.

    Left: the image, titled with the class watched and its probability.
    Right: the image in gray under a colour map of the drop in that
    probability when a square covers each place (red: the probability
    fell, the model needed what was there; blue: it rose).

    Parameters
    ----------
    image : array_like
        The image given to :func:`lessons_lib.ops.occlusion_map`, ``(H, W)``
        or ``(H, W, 1)``.
    occlusion : lessons_lib.ops.Occlusion
        What :func:`lessons_lib.ops.occlusion_map` returned for it.
    show : bool, optional
        Display the figure (default) or return it.

    Raises
    ------
    ValueError
        If ``occlusion`` is not what :func:`lessons_lib.ops.occlusion_map`
        returns, or does not fit the image.

    Introduced in chapter 7, Going further.
    """
    image = _as_2d("image", image)
    fields = ("drops", "label", "probability", "patch", "stride")
    if not all(hasattr(occlusion, f) for f in fields):
        raise ValueError(
            "occlusion must be what ops.occlusion_map returns (drops, label, probability, "
            f"patch, stride), got {type(occlusion).__name__}"
        )
    drops = np.asarray(occlusion.drops, dtype=float)
    patch, stride = int(occlusion.patch), int(occlusion.stride)
    expected = tuple((n - patch) // stride + 1 for n in image.shape)
    if drops.shape != expected:
        raise ValueError(
            f"occlusion.drops has shape {drops.shape}, but a {patch} x {patch} square with "
            f"step {stride} on a {image.shape[0]} x {image.shape[1]} image gives {expected}"
        )
    name = i18n.class_names()[int(occlusion.label)]
    fig, axes = plt.subplots(1, 2, figsize=(7.6, 3.6))
    axes[0].imshow(image, cmap="gray")
    axes[0].set_title(i18n.t("occlusion_image", name=name, p=i18n.number(occlusion.probability, 2)))
    axes[1].imshow(image, cmap="gray")
    first = (patch - 1) / 2 - stride / 2
    extent = (
        first,
        first + stride * drops.shape[1],
        first + stride * drops.shape[0],
        first,
    )
    limit = float(np.abs(drops).max()) or 1.0
    shown = axes[1].imshow(drops, cmap="RdBu_r", vmin=-limit, vmax=limit, alpha=0.65, extent=extent)
    axes[1].set_xlim(-0.5, image.shape[1] - 0.5)
    axes[1].set_ylim(image.shape[0] - 0.5, -0.5)
    axes[1].set_title(i18n.t("occlusion_drop", name=name))
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(shown, ax=axes[1], fraction=0.046, pad=0.04)
    return _finish(fig, show)


def top_patches(patches, size=1.0, show=True):
    """The patches that excite channels most, one row per channel.

    Every patch is drawn on one gray scale, from 0 (black) to the brightest
    pixel of all patches (white), and titled with the channel's value there.

    Parameters
    ----------
    patches : lessons_lib.ops.Patches or sequence of them
        What :func:`lessons_lib.ops.top_patches` returned, for one channel
        or several (one row each, as many patches as the first has).
    size : float, optional
        Width of one patch in inches.
    show : bool, optional
        Display the figure (default) or return it.

    Raises
    ------
    ValueError
        If ``patches`` holds anything but what
        :func:`lessons_lib.ops.top_patches` returns.

    Introduced in chapter 7, Going further.
    """
    rows = [patches] if hasattr(patches, "patches") else list(patches)
    fields = ("patches", "values", "layer", "channel", "size")
    if not rows or not all(all(hasattr(r, f) for f in fields) for r in rows):
        raise ValueError(
            "patches must be what ops.top_patches returns, or a list of those, got "
            f"{type(patches).__name__}"
        )
    ncols = max(len(r.patches) for r in rows)
    # one gray scale for the whole figure: a dim patch looks dim
    top = max(float(np.max(r.patches)) for r in rows) or 1.0
    fig, axes = plt.subplots(
        len(rows), ncols, figsize=(size * ncols + 1.2, size * len(rows) + 0.4), squeeze=False
    )
    for row, found in zip(axes, rows):
        for i, ax in enumerate(row):
            ax.set_xticks([])
            ax.set_yticks([])
            if i >= len(found.patches):
                ax.axis("off")
                continue
            ax.imshow(np.asarray(found.patches[i]), cmap="gray", vmin=0, vmax=top)
            ax.set_title(i18n.number(float(found.values[i]), 2), fontsize=7)
        row[0].set_ylabel(
            f"{found.layer}\n{i18n.t('map_channel', index=found.channel)}", fontsize=8
        )
    return _finish(fig, show)
