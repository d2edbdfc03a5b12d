"""Every figure draws without error, with labels in the reader's language."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lessons_lib import i18n, plots


def texts(fig):
    out = []
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend:
            out += [t.get_text() for t in legend.get_texts()]
        out += [t.get_text() for t in ax.texts]
    return out


def test_image_with_values_writes_every_pixel():
    img = np.arange(12).reshape(3, 4)
    fig = plots.image_with_values(img, highlight=(0, 0, 2, 2), show=False)
    written = [t.get_text() for t in fig.axes[0].texts]
    assert written == [str(v) for v in img.ravel()]
    assert fig.axes[0].get_title() == "image"


def test_no_negative_zero_written():
    fig = plots.image_with_values(np.array([[-0.0, 1.0]]), show=False)
    assert [t.get_text() for t in fig.axes[0].texts] == ["0", "1"]


@pytest.mark.parametrize("lang, word", [("en", "kernel"), ("ru", "ядро"), ("nl", "kernel")])
def test_kernel_step_localised(lang, word):
    i18n.set_language(lang)
    img = np.arange(36).reshape(6, 6)
    fig = plots.kernel_step(img, np.ones((3, 3)), row=1, col=2, show=False)
    assert len(fig.axes) == 4
    assert fig.axes[1].get_title() == word
    expected_sum = img[1:4, 2:5].sum()
    assert i18n.t("sum_is", value=expected_sum) in fig.axes[2].get_title()


def test_kernel_step_rejects_position_outside():
    with pytest.raises(ValueError, match="row, col"):
        plots.kernel_step(np.zeros((6, 6)), np.ones((3, 3)), row=4, col=0, show=False)


def test_image_grid_channels_and_titles():
    i18n.set_language("nl")
    fig = plots.image_grid(np.zeros((5, 5, 3)), show=False)
    assert [ax.get_title() for ax in fig.axes] == ["filter 0", "filter 1", "filter 2"]
    with pytest.raises(ValueError, match="one title per image"):
        plots.image_grid([np.zeros((2, 2))], titles=["a", "b"], show=False)
    with pytest.raises(ValueError, match="at least one"):
        plots.image_grid([], show=False)


def test_training_curves_localised():
    i18n.set_language("ru")
    history = {"loss": [1.0, 0.5], "accuracy": [0.6, 0.8],
               "val_loss": [1.1, 0.7], "val_accuracy": [0.5, 0.7]}
    fig = plots.training_curves(history, show=False)
    words = texts(fig)
    for key in ("epoch", "accuracy", "loss", "training", "validation"):
        assert i18n.t(key, "ru") in words
    with pytest.raises(ValueError, match="model.fit"):
        plots.training_curves([1, 2], show=False)


def test_confusion_matrix_counts_and_names():
    i18n.set_language("nl")
    fig = plots.confusion_matrix([0, 0, 1, 9], [0, 1, 1, 9], show=False)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == i18n.class_names("nl")
    cells = [t.get_text() for t in ax.texts]
    assert cells[0] == "1" and cells[1] == "1" and cells[11] == "1" and cells[99] == "1"
    assert sum(int(c) for c in cells) == 4
    with pytest.raises(ValueError, match="same length"):
        plots.confusion_matrix([0], [0, 1], show=False)


def test_show_true_returns_none():
    assert plots.image_with_values(np.zeros((2, 2))) is None


# --- chapter 1 tests (add below) ---


# --- chapter 3 tests (add below) ---


# --- chapter 4 tests (add below) ---


# --- chapter 5 tests (add below) ---


# --- chapter 6 tests (add below) ---


# --- chapter 7 tests (add below) ---
