"""Figures of training and its results: curves, early stopping, dropout, batch normalisation, predictions, mistakes."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import i18n
from ._core import _HIGHLIGHT, _as_2d, _finish, ink
from .images import image_grid


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
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # no epoch 1.5
        ax.set_ylabel(i18n.t(metric))
        ax.grid(alpha=0.3)
        ax.legend()
    return _finish(fig, show)


def early_stopping(history, patience, show=True):
    """The validation loss per epoch, with the epoch early stopping keeps.

    Marks the epoch with the lowest validation loss (the weights that
    ``EarlyStopping(restore_best_weights=True)`` restores) and shades the
    ``patience`` epochs after it: the epochs early stopping waits for an
    improvement. When training ended sooner (its last epoch came first), the
    band runs past the last epoch drawn, to show how long it would have
    waited.

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
            ax.plot(np.arange(1, len(values) + 1), values, marker="o", label=i18n.t(label))
    val = np.asarray(hist["val_loss"], dtype=float)
    best = int(np.argmin(val)) + 1
    ax.axvspan(
        best, best + patience, color="0.85", label=i18n.t("ch07_patience", patience=patience)
    )
    ax.set_xlim(0.5, max(len(val), best + patience) + 0.5)
    ax.plot(
        [best],
        [val[best - 1]],
        marker="*",
        markersize=18,
        color=_HIGHLIGHT,
        linestyle="none",
        label=i18n.t("ch07_best_epoch", epoch=best),
    )
    ax.set_xlabel(i18n.t("epoch"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(i18n.t("loss"))
    ax.grid(alpha=0.3)
    ax.legend()
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
            f"vectors must hold one-dimensional arrays, got shapes {[v.shape for v in vectors]}"
        )
    if len({v.size for v in vectors}) != 1:
        raise ValueError(f"vectors must all have the same length, got {[v.size for v in vectors]}")
    if titles is not None and len(titles) != len(vectors):
        raise ValueError(
            f"titles must hold one title per vector ({len(vectors)}), got {len(titles)}"
        )
    top = max(float(np.max(v)) for v in vectors)
    fig, axes = plt.subplots(
        len(vectors), 1, figsize=(8, 1.7 * len(vectors)), sharex=True, squeeze=False
    )
    for i, (ax, v) in enumerate(zip(axes[:, 0], vectors)):
        ax.bar(np.arange(v.size), v, color="#1c7ed6")
        zeros = np.flatnonzero(v == 0)
        if zeros.size:
            ax.plot(
                zeros,
                np.zeros(zeros.size),
                linestyle="none",
                marker="X",
                markersize=11,
                color=_HIGHLIGHT,
                clip_on=False,
                zorder=3,
            )
        ax.set_ylim(0, top * 1.1 if top > 0 else 1)
        ax.set_ylabel(i18n.t("ch07_value"))
        ax.grid(alpha=0.3, axis="y")
        if titles is not None:
            ax.set_title(titles[i])
    axes[-1, 0].set_xlabel(i18n.t("ch07_unit"))
    return _finish(fig, show)


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
            f"arrays must hold at least one array of shape (N, C), got {[a.shape for a in arrays]}"
        )
    channels = {a.shape[-1] for a in arrays}
    if len(channels) != 1:
        raise ValueError(
            f"every array must have the same number of channels, got {sorted(channels)}"
        )
    if titles is not None and len(titles) != len(arrays):
        raise ValueError(f"titles must hold one title per array ({len(arrays)}), got {len(titles)}")
    fig, axes = plt.subplots(1, len(arrays), figsize=(4.6 * len(arrays), 3.2), squeeze=False)
    for i, (ax, values) in enumerate(zip(axes.flat, arrays)):
        values = values.reshape(-1, values.shape[-1])
        for c in range(values.shape[-1]):
            ax.hist(values[:, c], bins=bins, alpha=0.6, label=i18n.t("map_channel", index=c))
        ax.set_xlabel(i18n.t("ch07_value"))
        ax.set_ylabel(i18n.t("ch07_count"))
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
        if titles is not None:
            ax.set_title(titles[i])
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
            f"y_true and y_pred must have the same length, got {len(y_true)} and {len(y_pred)}"
        )
    if y_true.size and (
        min(y_true.min(), y_pred.min()) < 0 or max(y_true.max(), y_pred.max()) >= n
    ):
        raise ValueError(f"labels must be in 0..{n - 1}")
    counts = np.zeros((n, n), dtype=int)
    np.add.at(counts, (y_true, y_pred), 1)
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    ax.imshow(counts, cmap="Blues")
    for (r, c), v in np.ndenumerate(counts):
        ax.text(
            c,
            r,
            str(v),
            ha="center",
            va="center",
            fontsize=8,
            color=ink("Blues", 0, counts.max(), v),
        )
    ax.set_xticks(range(n), names, rotation=45, ha="right")
    ax.set_yticks(range(n), names)
    ax.set_xlabel(i18n.t("predicted_label"))
    ax.set_ylabel(i18n.t("true_label"))
    ax.set_title(i18n.t("confusion_matrix"))
    return _finish(fig, show)


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
    titles = [
        i18n.t("true_predicted_title", true=names[t], pred=names[p]) for t, p in zip(y_true, y_pred)
    ]
    fig = image_grid(
        list(images), titles=titles, ncols=min(ncols, len(titles)), size=size, show=False
    )
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
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.2), gridspec_kw={"width_ratios": [1, 2]})
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


def misclassified(images, y_true, y_pred, count=12, ncols=6, size=1.9, show=True):
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
    titles = [
        i18n.t("true_predicted_title", true=names[y_true[i]], pred=names[y_pred[i]]) for i in wrong
    ]
    fig = image_grid(
        [images[i] for i in wrong],
        titles=titles,
        ncols=min(ncols, len(wrong)),
        size=size,
        show=False,
    )
    for ax in fig.axes:
        ax.title.set_fontsize("small")
    return _finish(fig, show)
