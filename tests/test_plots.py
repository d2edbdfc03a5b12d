"""Every figure draws without error, with labels in the reader's language."""

import re

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


def test_image_grid_numbers_rows_and_columns_on_request():
    plain = plots.image_grid([np.zeros((28, 28))], show=False).axes[0]
    assert list(plain.get_xticks()) == [] and list(plain.get_yticks()) == []
    ax = plots.image_grid([np.zeros((28, 28))], ticks=4, show=False).axes[0]
    assert list(ax.get_xticks()) == list(range(0, 28, 4)) == list(ax.get_yticks())
    # Row 0 is at the top, as in an array.
    assert ax.get_ylim()[0] > ax.get_ylim()[1]
    for bad in (0, 2.5, True, "4"):
        with pytest.raises(ValueError, match="ticks must be a whole number"):
            plots.image_grid([np.zeros((2, 2))], ticks=bad, show=False)


def test_training_curves_localised():
    i18n.set_language("ru")
    history = {
        "loss": [1.0, 0.5],
        "accuracy": [0.6, 0.8],
        "val_loss": [1.1, 0.7],
        "val_accuracy": [0.5, 0.7],
    }
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


# --- Chapter 1, Images as numbers ---
def test_pixel_zoom_writes_the_crop_with_image_indices():
    img = np.arange(28 * 28).reshape(28, 28) % 256
    fig = plots.pixel_zoom(img, row=10, col=4, size=3, show=False)
    crop = fig.axes[1]
    assert [t.get_text() for t in crop.texts] == [str(v) for v in img[10:13, 4:7].ravel()]
    assert [t.get_text() for t in crop.get_xticklabels()] == ["4", "5", "6"]
    assert [t.get_text() for t in crop.get_yticklabels()] == ["10", "11", "12"]
    assert fig.axes[0].get_title() == i18n.t("whole_image", h=28, w=28)
    small = plots.pixel_zoom(img / 255, 0, 0, size=2, show=False)
    assert small.axes[1].texts[1].get_text() == f"{img[0, 1] / 255:.2f}"
    with pytest.raises(ValueError, match="inside"):
        plots.pixel_zoom(img, row=25, col=0, size=8, show=False)


@pytest.mark.parametrize("lang", ["en", "ru", "nl"])
def test_class_examples_one_per_class_localised(lang):
    i18n.set_language(lang)
    labels = np.array([3, 1, 0, 2, 4, 5, 6, 7, 8, 9, 1])
    images = np.zeros((11, 28, 28, 1))
    images[np.arange(11), 0, 0, 0] = np.arange(11)
    fig = plots.class_examples(images, labels, show=False)
    shown = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in shown] == i18n.class_names(lang)
    # the first example of class 1 is image 1, not image 10
    assert shown[1].images[0].get_array()[0, 0] == 1
    with pytest.raises(ValueError, match="no example"):
        plots.class_examples(images[:3], labels[:3], show=False)
    with pytest.raises(ValueError, match="same length"):
        plots.class_examples(images, labels[:3], show=False)


def test_predictions_titles_and_colours():
    i18n.set_language("nl")
    fig = plots.predictions(np.zeros((3, 28, 28)), [0, 1, 9], [0, 2, 9], show=False)
    titles = [ax.get_title() for ax in fig.axes[:3]]
    assert titles[1] == i18n.t("true_predicted_title", "nl", true="Broek", pred="Trui")
    colours = [ax.title.get_color() for ax in fig.axes[:3]]
    assert colours[0] == colours[2] != colours[1]
    with pytest.raises(ValueError, match="same length"):
        plots.predictions(np.zeros((3, 28, 28)), [0, 1], [0, 1, 2], show=False)


def test_class_probabilities_bars():
    i18n.set_language("ru")
    probs = np.full(10, 0.05)
    probs[4] = 0.55
    fig = plots.class_probabilities(np.zeros((28, 28, 1)), probs, true_label=4, show=False)
    bars = fig.axes[1].patches
    assert [b.get_width() for b in bars] == pytest.approx(probs)
    assert len({b.get_facecolor() for b in bars}) == 2
    assert bars[4].get_facecolor() != bars[0].get_facecolor()
    words = texts(fig)
    assert "Пальто" in fig.axes[0].get_title() and i18n.t("probability", "ru") in words
    with pytest.raises(ValueError, match="one per class"):
        plots.class_probabilities(np.zeros((28, 28)), [0.5, 0.5], show=False)


def test_flattened_strip_keeps_pixel_order():
    img = np.arange(28 * 28).reshape(28, 28, 1)
    fig = plots.flattened(img, show=False)
    strip = fig.axes[1].images[0].get_array()
    assert strip.shape == (1, 784)
    np.testing.assert_array_equal(strip[0], np.arange(784))
    assert fig.axes[1].get_title() == i18n.t("flattened_title", n=784)
    ax = fig.axes[1]
    row_starts = set(ax.get_xticks()) | set(ax.get_xticks(minor=True))
    assert row_starts == {28 * r - 0.5 for r in range(28)}


# --- Chapter 3, Padding and stride ---


# --- Chapter 4, Pooling ---

CH04_IMAGE = np.array(
    [
        [1, 0, 4, 3, 12, 7],
        [8, 2, 5, 18, 6, 9],
        [20, 13, 25, 2, 11, 4],
        [6, 15, 3, 9, 1, 5],
        [0, 7, 10, 4, 16, 2],
        [9, 22, 5, 8, 3, 14],
    ]
)


def test_pooling_writes_the_pooled_values_and_circles_the_winners():
    fig = plots.pooling(CH04_IMAGE, size=3, stride=3, show=False)
    image_ax, out_ax = fig.axes
    assert [t.get_text() for t in out_ax.texts] == ["25", "18", "22", "16"]
    assert len(image_ax.texts) == 36
    circles = [p for p in image_ax.patches if type(p).__name__ == "Circle"]
    centres = sorted((int(round(c.center[1])), int(round(c.center[0]))) for c in circles)
    assert centres == [(1, 3), (2, 2), (4, 4), (5, 1)]  # (row, col) of 25, 18, 16, 22
    assert fig._suptitle.get_text() == "max pooling: window 3 × 3, stride 3"


def test_pooling_average_and_language():
    i18n.set_language("ru")
    fig = plots.pooling(CH04_IMAGE, size=3, mode="average", show=False)
    out_ax = fig.axes[1]
    # Decimal commas, and the two decimals chapter 4 prints.
    assert [t.get_text() for t in out_ax.texts] == ["8,67", "8,00", "8,56", "6,89"]
    assert not [p for p in fig.axes[0].patches if type(p).__name__ == "Circle"]
    assert out_ax.get_title() == i18n.t("pooled", "ru")
    assert i18n.t("average_pooling", "ru") in fig._suptitle.get_text()


def test_pooling_rejects_bad_arguments():
    with pytest.raises(ValueError, match="mode"):
        plots.pooling(CH04_IMAGE, mode="median", show=False)
    with pytest.raises(ValueError, match="size must be an int"):
        plots.pooling(CH04_IMAGE, size=(2, 3), show=False)
    with pytest.raises(ValueError, match="kernel"):
        plots.pooling(CH04_IMAGE, size=7, show=False)
    with pytest.raises(ValueError, match="image"):
        plots.pooling(np.zeros((2, 2, 3)), show=False)


def test_pooling_animation_one_frame_per_window_offline():
    anim = plots.pooling_animation(CH04_IMAGE, size=2, interval=500)
    assert anim.frames == 9
    assert anim.data.count("data:image/png;base64") == 9
    assert "font-awesome" not in anim.data
    step = re.escape(i18n.t("anim_step", step=1, total=9))
    assert re.search(rf'<img id="_anim_img\w+" alt="{step}: ', anim.data)
    assert f'aria-label="{i18n.t("anim_slider")}"' in anim.data
    assert not plt.get_fignums()  # the figure behind the frames is closed


def test_values_grid_writes_every_value():
    fig = plots.values_grid([np.eye(2), -np.ones((3, 3))], titles=["a", "b"], show=False)
    assert [ax.get_title() for ax in fig.axes] == ["a", "b"]
    assert [t.get_text() for t in fig.axes[0].texts] == ["1", "0", "0", "1"]
    assert len(fig.axes[1].texts) == 9
    with pytest.raises(ValueError, match="one title per array"):
        plots.values_grid([np.eye(2)], titles=["a", "b"], show=False)
    with pytest.raises(ValueError, match="at least one"):
        plots.values_grid([], show=False)


# --- Chapter 5, Channels and layers ---


@pytest.mark.parametrize("lang", ["en", "ru", "nl"])
def test_rgb_channels_localised_with_values(lang):
    i18n.set_language(lang)
    rgb = np.zeros((4, 5, 3))
    rgb[:, 1, 0] = 2
    fig = plots.rgb_channels(rgb, show=False)
    assert [ax.get_title() for ax in fig.axes] == [
        i18n.t(k, lang) for k in ("colour_image", "channel_red", "channel_green", "channel_blue")
    ]
    red = [t.get_text() for t in fig.axes[1].texts]
    assert len(red) == 20 and red.count("2") == 4 and red.count("0") == 16
    assert not fig.axes[0].texts


def test_rgb_channels_rejects_bad_images():
    with pytest.raises(ValueError, match=r"\(H, W, 3\)"):
        plots.rgb_channels(np.zeros((4, 4)), show=False)
    with pytest.raises(ValueError, match=">= 0"):
        plots.rgb_channels(-np.ones((2, 2, 3)), show=False)


# --- Chapter 6, A CNN for Fashion-MNIST ---


def test_misclassified_shows_only_wrong_ones_localised():
    i18n.set_language("ru")
    images = np.arange(5 * 4 * 4).reshape(5, 4, 4, 1)
    fig = plots.misclassified(images, [0, 1, 6, 6, 9], [0, 2, 6, 0, 9], show=False)
    names = i18n.class_names("ru")
    assert [ax.get_title() for ax in fig.axes] == [
        i18n.t("true_predicted_title", "ru", true=names[1], pred=names[2]),
        i18n.t("true_predicted_title", "ru", true=names[6], pred=names[0]),
    ]
    np.testing.assert_array_equal(fig.axes[1].images[0].get_array(), images[3, :, :, 0])
    fig = plots.misclassified(
        np.zeros((30, 4, 4)), np.zeros(30), np.ones(30), count=7, ncols=4, show=False
    )
    assert len([ax for ax in fig.axes if ax.images]) == 7
    with pytest.raises(ValueError, match="same length"):
        plots.misclassified(images, [0, 1], [0, 1], show=False)
    with pytest.raises(ValueError, match="no image is misclassified"):
        plots.misclassified(images, np.zeros(5), np.zeros(5), show=False)


def test_filters_one_panel_per_filter_own_or_shared_scale():
    i18n.set_language("nl")
    kernel = np.linspace(-2, 1, 3 * 3 * 2 * 10).reshape(3, 3, 2, 10)
    fig = plots.filters(kernel, channel=1, ncols=4, shared=True, show=False)
    panels = [ax for ax in fig.axes if ax.images and ax.get_title()]
    assert [ax.get_title() for ax in panels] == [i18n.t("filter", "nl", index=i) for i in range(10)]
    limit = np.abs(kernel[:, :, 1]).max()
    assert all(ax.images[0].get_clim() == (-limit, limit) for ax in panels)
    assert len(fig.axes) > 4 * 3  # the panels and a colour bar
    np.testing.assert_array_equal(panels[3].images[0].get_array(), kernel[:, :, 1, 3])
    # By default every filter has its own scale, and there is no colour bar.
    fig = plots.filters(kernel, channel=1, ncols=4, show=False)
    panels = [ax for ax in fig.axes if ax.images and ax.get_title()]
    assert len(fig.axes) == 4 * 3
    for i, ax in enumerate(panels):
        own = np.abs(kernel[:, :, 1, i]).max()
        assert ax.images[0].get_clim() == (-own, own)
    with pytest.raises(ValueError, match="kh, kw, C_in, C_out"):
        plots.filters(np.zeros((3, 3, 4)), show=False)
    with pytest.raises(ValueError, match="channel must be in 0..1"):
        plots.filters(kernel, channel=2, show=False)


def test_feature_maps_rows_per_layer_with_shapes():
    i18n.set_language("en")
    maps = [np.zeros((28, 28, 32)), np.ones((14, 14, 32)), np.zeros((7, 7, 4))]
    fig = plots.feature_maps(maps, ["conv1", "pool1", "pool2"], channels=6, show=False)
    assert len(fig.axes) == 3 * 4  # as many columns as the shallowest layer has
    assert fig.axes[0].get_ylabel() == "conv1\n28 × 28 × 32"
    assert fig.axes[4].get_ylabel() == "pool1\n14 × 14 × 32"
    assert fig.axes[5].get_title() == i18n.t("map_channel", index=1)
    assert fig.axes[8].images[0].get_array().shape == (7, 7)
    with pytest.raises(ValueError, match="one name per layer"):
        plots.feature_maps(maps, ["conv1"], show=False)
    with pytest.raises(ValueError, match=r"\(H, W, C\)"):
        plots.feature_maps([np.zeros((1, 7, 7, 4))], ["pool2"], show=False)


# --- Chapter 7, Going further ---


def test_values_grid_writes_constant_arrays_in_a_visible_colour():
    """An all-zero slice is drawn dark, so its numbers must be light."""
    fig = plots.values_grid([np.zeros((2, 2)), np.array([[0.0, 1.0]])], show=False)
    const, varied = fig.axes
    assert {t.get_color() for t in const.texts} == {"white"}
    assert [t.get_color() for t in varied.texts] == ["white", "black"]


def test_channel_histograms_one_panel_per_array_in_russian():
    i18n.set_language("ru")
    try:
        before = np.random.default_rng(0).normal(3.0, 2.0, size=(50, 4, 4, 3))
        fig = plots.channel_histograms([before, (before - 3) / 2], titles=["a", "b"], show=False)
        assert len(fig.axes) == 2 and fig.axes[1].get_title() == "b"
        assert "канал 2" in texts(fig) and "значение" in texts(fig)
        with pytest.raises(ValueError, match="same number of channels"):
            plots.channel_histograms([np.zeros((5, 3)), np.zeros((5, 2))], show=False)
    finally:
        i18n.set_language("en")


def test_dropout_vectors_marks_zeros():
    i18n.set_language("en")
    v = np.array([1.0, 2.0, 0.5, 3.0])
    fig = plots.dropout_vectors(
        [v, np.array([0, 4.0, 0, 6.0]), v], titles=["in", "training", "inference"], show=False
    )
    assert len(fig.axes) == 3 and fig.axes[1].get_title() == "training"
    # A dropped unit has no bar; an orange cross on the axis marks it.
    crosses = fig.axes[1].lines[0]
    np.testing.assert_array_equal(crosses.get_xdata(), [0, 2])
    np.testing.assert_array_equal(crosses.get_ydata(), [0, 0])
    assert crosses.get_marker() == "X"
    assert not fig.axes[0].lines  # nothing dropped there
    with pytest.raises(ValueError, match="same length"):
        plots.dropout_vectors([v, v[:2]], show=False)
    with pytest.raises(ValueError, match="one-dimensional"):
        plots.dropout_vectors([np.zeros((2, 2))], show=False)


def _span(patch):
    """The x range an axvspan covers (a Polygon before matplotlib 3.9, a Rectangle since)."""
    box = patch.get_path().get_extents(patch.get_patch_transform())
    return box.x0, box.x1


def test_early_stopping_marks_lowest_validation_loss():
    i18n.set_language("en")
    hist = {"loss": [0.5, 0.4, 0.3, 0.25, 0.2], "val_loss": [0.45, 0.35, 0.37, 0.36, 0.4]}
    fig = plots.early_stopping(hist, patience=3, show=False)
    labels = texts(fig)
    assert i18n.t("ch07_best_epoch", epoch=2) in labels
    assert i18n.t("ch07_patience", patience=3) in labels
    star = [line for line in fig.axes[0].lines if line.get_marker() == "*"][0]
    assert list(star.get_xdata()) == [2] and list(star.get_ydata()) == [0.35]
    assert _span(fig.axes[0].patches[0]) == (2, 5)  # the patience epochs after epoch 2
    # A run that ended before its patience was used up: the band runs past it.
    fig = plots.early_stopping({"val_loss": [0.5, 0.4, 0.3, 0.2]}, patience=3, show=False)
    assert _span(fig.axes[0].patches[0]) == (4, 7) and fig.axes[0].get_xlim()[1] == 7.5
    with pytest.raises(ValueError, match="patience"):
        plots.early_stopping(hist, patience=-1, show=False)
    with pytest.raises(ValueError, match="val_loss"):
        plots.early_stopping({"loss": [1.0]}, patience=2, show=False)


# --- Experiments: shifted images, occlusion, top patches ---


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_shift_curve_one_line_per_model_localised(lang):
    i18n.set_language(lang)
    results = {"dense": {0: 0.88, 1: 0.8, 2: 0.6}, "CNN": {0: 0.91, 2: 0.85, 1: 0.9}}
    fig = plots.shift_curve(results, show=False)
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines] == ["dense", "CNN"]
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [0.91, 0.9, 0.85])  # sorted by shift
    assert ax.get_xlabel() == i18n.t("shift_pixels", lang)
    assert ax.get_ylabel() == i18n.t("accuracy", lang)
    assert [int(t) for t in ax.get_xticks()] == [0, 1, 2]


@pytest.mark.parametrize(
    "results, message",
    [
        ({}, "at least one model"),
        ([0.9], "results_by_model must be a dict"),
        ({"cnn": [0.9]}, "results_by_model['cnn'] must be a dict {shift: accuracy}"),
        ({"cnn": {0.5: 0.9}}, "results_by_model['cnn'] has the shift 0.5"),
        ({"cnn": {0: 91}}, "results_by_model['cnn'][0] must be an accuracy from 0 to 1, got 91"),
    ],
)
def test_shift_curve_rejects_bad_results(results, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        plots.shift_curve(results, show=False)


def _occlusion(drops, label=6, probability=0.83, patch=4, stride=2):
    from lessons_lib import ops

    return ops.Occlusion(np.asarray(drops, float), label, probability, patch, stride)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_occlusion_map_places_the_drops_on_the_image_localised(lang):
    i18n.set_language(lang)
    drops = np.zeros((13, 13))
    drops[2, 4] = 0.5
    drops[8, 1] = -0.25
    fig = plots.occlusion_map(np.zeros((28, 28)), _occlusion(drops), show=False)
    name = i18n.class_names(lang)[6]
    assert fig.axes[0].get_title() == i18n.t(
        "occlusion_image", lang, name=name, p=i18n.number(0.83, 2, lang=lang)
    )
    assert fig.axes[1].get_title() == i18n.t("occlusion_drop", lang, name=name)
    heat = fig.axes[1].images[1]
    # cell (i, j) is centred on the square it stands for: rows 2i .. 2i + 3
    left, right, bottom, top = heat.get_extent()
    assert (left, top) == (0.5, 0.5) and (right, bottom) == (26.5, 26.5)
    assert heat.get_clim() == (-0.5, 0.5)  # symmetric: white is "no change"


def test_occlusion_map_rejects_what_does_not_fit():
    with pytest.raises(ValueError, match="occlusion must be what ops.occlusion_map returns"):
        plots.occlusion_map(np.zeros((28, 28)), np.zeros((13, 13)), show=False)
    with pytest.raises(ValueError, match=r"gives \(13, 13\)"):
        plots.occlusion_map(np.zeros((28, 28)), _occlusion(np.zeros((7, 7))), show=False)


def test_top_patches_one_row_per_channel_with_values():
    from lessons_lib import ops

    i18n.set_language("nl")

    def found(channel, k):
        return ops.Patches(
            np.random.default_rng(channel).random((k, 8, 8)),
            np.linspace(2.5, 1.0, k),
            np.arange(k),
            np.zeros(k, int),
            np.zeros(k, int),
            8,
            "conv2",
            channel,
        )

    fig = plots.top_patches([found(0, 4), found(5, 3)], show=False)
    assert len(fig.axes) == 8
    assert fig.axes[0].get_ylabel() == "conv2\nkanaal 0"
    assert fig.axes[4].get_ylabel() == "conv2\nkanaal 5"
    assert fig.axes[0].get_title() == "2,50"
    assert not fig.axes[7].axison  # the second row has one patch fewer
    top = max(float(found(0, 4).patches.max()), float(found(5, 3).patches.max()))
    assert {ax.images[0].get_clim() for ax in fig.axes if ax.images} == {(0.0, top)}
    single = plots.top_patches(found(1, 2), show=False)
    assert len(single.axes) == 2
    with pytest.raises(ValueError, match="patches must be what ops.top_patches returns"):
        plots.top_patches([np.zeros((8, 8))], show=False)


@pytest.mark.parametrize(
    "lang, expected",
    [("en", ["0.600", "0.800"]), ("ru", ["0,600", "0,800"]), ("nl", ["0,600", "0,800"])],
)
def test_tick_labels_and_cell_values_in_the_readers_number_format(lang, expected):
    i18n.set_language(lang)
    history = {"loss": [1.0, 0.5], "accuracy": [0.6, 0.8]}
    fig = plots.training_curves(history, show=False)
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert set(expected) <= set(ticks), ticks
    assert not any("." in t for t in ticks) or lang == "en", ticks
    epochs = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert epochs and all(e.lstrip("\u2212").isdigit() for e in epochs), epochs  # whole epochs
    plt.close(fig)
    fig = plots.image_with_values(np.array([[0.25, 1.0], [2.5, 0.0]]), show=False)
    written = [t.get_text() for t in fig.axes[0].texts]
    decimal = "." if lang == "en" else ","
    assert written == [f"0{decimal}25", "1", f"2{decimal}5", "0"], written
    plt.close(fig)
    i18n.set_language("en")
