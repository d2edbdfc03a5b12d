"""lessons_lib.ops against Keras layers, the worked examples and bad input."""

import itertools
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lessons_lib import ops

keras = pytest.importorskip("keras")

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
paddings = st.one_of(st.sampled_from(["valid", "same"]), st.integers(0, 2))


def _keras_conv2d(x, kernel, bias, stride, padding):
    """Run x (H, W, C) through a Keras Conv2D with the given weights."""
    layers = []
    if isinstance(padding, int):
        layers.append(keras.layers.ZeroPadding2D(padding))
        padding = "valid"
    conv = keras.layers.Conv2D(kernel.shape[3], kernel.shape[:2], strides=stride, padding=padding)
    model = keras.Sequential([keras.Input(x.shape)] + layers + [conv])
    conv.set_weights([kernel.astype("float32"), bias.astype("float32")])
    return keras.ops.convert_to_numpy(model(x[None].astype("float32")))[0]


def _keras_pool(cls, x, size, stride, padding):
    layer = cls(pool_size=size, strides=stride, padding=padding)
    return keras.ops.convert_to_numpy(layer(x[None].astype("float32")))[0]


@st.composite
def conv2d_cases(draw):
    h, w = draw(st.integers(1, 10)), draw(st.integers(1, 10))
    kh, kw = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    c_in, c_out = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    stride = draw(st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    padding = draw(paddings)
    p = {"valid": 0, "same": None}.get(padding, padding)
    if p is not None:
        assume(kh <= h + 2 * p and kw <= w + 2 * p)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(h, w, c_in))
    kernel = rng.normal(size=(kh, kw, c_in, c_out))
    bias = rng.normal(size=c_out)
    return x, kernel, bias, stride, padding


@SETTINGS
@given(conv2d_cases())
def test_conv2d_matches_keras(case):
    x, kernel, bias, stride, padding = case
    ours = ops.conv2d(x, kernel, stride=stride, padding=padding, bias=bias)
    theirs = _keras_conv2d(x, kernel, bias, stride, padding)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, atol=1e-5, rtol=1e-5)


@SETTINGS
@given(
    st.integers(1, 12),
    st.integers(1, 5),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 3),
    paddings,
    st.integers(0, 2**32 - 1),
)
def test_conv1d_matches_keras(length, k, c_in, c_out, stride, padding, seed):
    p = {"valid": 0, "same": None}.get(padding, padding)
    if p is not None:
        assume(k <= length + 2 * p)
    rng = np.random.default_rng(seed)
    x, kernel, bias = (
        rng.normal(size=(length, c_in)),
        rng.normal(size=(k, c_in, c_out)),
        rng.normal(size=c_out),
    )
    ours = ops.conv1d(x, kernel, stride=stride, padding=padding, bias=bias)
    layers = []
    if isinstance(padding, int):
        layers.append(keras.layers.ZeroPadding1D(padding))
    conv = keras.layers.Conv1D(
        c_out, k, strides=stride, padding="valid" if isinstance(padding, int) else padding
    )
    model = keras.Sequential([keras.Input(x.shape)] + layers + [conv])
    conv.set_weights([kernel.astype("float32"), bias.astype("float32")])
    theirs = keras.ops.convert_to_numpy(model(x[None].astype("float32")))[0]
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, atol=1e-5, rtol=1e-5)


@SETTINGS
@given(
    st.integers(1, 10),
    st.integers(1, 10),
    st.integers(1, 3),
    st.integers(1, 4),
    st.integers(1, 4),
    st.sampled_from(["valid", "same"]),
    st.integers(0, 2**32 - 1),
    st.booleans(),
)
def test_pooling_matches_keras(h, w, c, size, stride, padding, seed, use_max):
    if padding == "valid":
        assume(size <= h and size <= w)
    x = np.random.default_rng(seed).normal(size=(h, w, c))
    fn, cls = (
        (ops.max_pool2d, keras.layers.MaxPooling2D)
        if use_max
        else (ops.avg_pool2d, keras.layers.AveragePooling2D)
    )
    ours = fn(x, size=size, stride=stride, padding=padding)
    theirs = _keras_pool(cls, x, size, stride, padding)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, atol=1e-5, rtol=1e-5)


@SETTINGS
@given(st.integers(1, 40), st.integers(1, 7), st.integers(1, 4), paddings)
def test_output_size_matches_conv2d(n, k, stride, padding):
    p = {"valid": 0, "same": None}.get(padding, padding)
    if p is not None:
        assume(k <= n + 2 * p)
    out = ops.conv2d(np.ones((n, n)), np.ones((k, k)), stride=stride, padding=padding)
    assert out.shape == (ops.output_size(n, k, stride, padding),) * 2


def test_output_size_formula_cases():
    assert ops.output_size(6, 3) == 4
    assert ops.output_size(28, 3, padding="same") == 28
    assert ops.output_size(28, 3, stride=2, padding="same") == 14
    assert ops.output_size(7, 3, stride=2, padding=1) == 4  # floor((7+2-3)/2)+1
    assert ops.output_size(28, 5) == 24


def test_conv2d_2d_and_3d_kernels_give_2d_maps():
    rng = np.random.default_rng(1)
    img = rng.normal(size=(5, 5, 2))
    k3 = rng.normal(size=(3, 3, 2))
    assert ops.conv2d(img, k3).shape == (3, 3)
    np.testing.assert_allclose(ops.conv2d(img, k3), ops.conv2d(img, k3[..., None])[..., 0])
    gray = rng.normal(size=(5, 5))
    np.testing.assert_allclose(
        ops.conv2d(gray, np.ones((2, 2))), ops.conv2d(gray[..., None], np.ones((2, 2, 1)))
    )


# The worked examples of chapter 2 (COURSE.md) ------------------------------


def test_worked_example_bump_detector():
    out = ops.conv1d([0, 0, 0, 1, 1, 0, 0, 0], [0, 1, 0])
    np.testing.assert_array_equal(out, [0, 0, 1, 1, 0, 0])


def test_worked_example_vertical_line_detector():
    img = np.zeros((8, 8))
    img[:, 3:5] = 1
    out = ops.conv2d(img, [[0, 1, 0]] * 3)
    assert out.shape == (6, 6)
    np.testing.assert_array_equal(out, np.tile([0, 0, 3, 3, 0, 0], (6, 1)))


def test_worked_example_pooling_window():
    img = np.zeros((6, 6))
    img[:3, :3] = [[1, 0, 4], [8, 2, 5], [20, 13, 25]]
    out = ops.max_pool2d(img, size=3, stride=3)
    assert out.shape == (2, 2)
    assert out[0, 0] == 25


def test_cross_correlation_not_convolution():
    from scipy import signal

    rng = np.random.default_rng(2)
    img, k = rng.normal(size=(6, 6)), rng.normal(size=(3, 3))
    np.testing.assert_allclose(ops.conv2d(img, k), signal.correlate2d(img, k, "valid"))
    assert not np.allclose(ops.conv2d(img, k), signal.convolve2d(img, k, "valid"))


def test_pad():
    np.testing.assert_array_equal(ops.pad([[1]], 1), [[0, 0, 0], [0, 1, 0], [0, 0, 0]])
    assert ops.pad(np.ones((2, 3, 4)), (1, 2)).shape == (4, 7, 4)
    assert ops.pad(np.ones((2, 2)), ((0, 1), (2, 0)), value=5).tolist() == [
        [5, 5, 1, 1],
        [5, 5, 1, 1],
        [5, 5, 5, 5],
    ]


def test_same_padding_puts_extra_zero_after():
    assert ops.same_padding(6, 3) == (1, 1)
    assert ops.same_padding(6, 2) == (0, 1)
    assert ops.same_padding(7, 4, stride=2) == (1, 2)


# Bad input: a ValueError that names the argument and what was expected ----


@pytest.mark.parametrize(
    "call, words",
    [
        (
            lambda: ops.conv2d(np.ones((2, 2)), np.ones((3, 3))),
            ["kernel", "3x3", "2x2", "expected"],
        ),
        (lambda: ops.conv2d(np.ones((4, 4)), np.ones((3, 3)), stride=0), ["stride", ">= 1", "0"]),
        (lambda: ops.conv2d(np.ones((4, 4)), np.ones((3, 3)), stride=-2), ["stride", "-2"]),
        (lambda: ops.conv2d(np.ones((4, 4)), np.ones((3, 3)), stride=1.5), ["stride", "int"]),
        (lambda: ops.conv2d(np.ones(4), np.ones((3, 3))), ["image", "(H, W)", "(4,)"]),
        (lambda: ops.conv2d(np.ones((4, 4)), np.ones(3)), ["kernel", "(kh, kw)", "(3,)"]),
        (
            lambda: ops.conv2d(np.ones((4, 4, 3)), np.ones((3, 3, 2))),
            ["channel", "3", "2", "expected"],
        ),
        (
            lambda: ops.conv2d(np.ones((4, 4)), np.ones((3, 3)), padding="full"),
            ["padding", "'full'", "valid", "same"],
        ),
        (lambda: ops.conv2d(np.ones((4, 4)), np.ones((3, 3)), padding=-1), ["padding", "-1"]),
        (lambda: ops.conv2d(np.ones((4, 4)), np.ones((3, 3, 1, 2)), bias=[1, 2, 3]), ["bias", "2"]),
        (lambda: ops.conv2d("abc", np.ones((3, 3))), ["image", "numbers"]),
        (lambda: ops.conv1d([1, 2], [1, 2, 3]), ["kernel", "length 3", "length 2"]),
        (lambda: ops.conv1d(np.ones((2, 2, 2)), [1]), ["x", "(L,)"]),
        (lambda: ops.conv1d([1, 2, 3], [1], stride=0), ["stride", "0"]),
        (lambda: ops.max_pool2d(np.ones((2, 2)), size=3), ["kernel", "3x3", "2x2"]),
        (lambda: ops.max_pool2d(np.ones((4, 4)), size=0), ["size", "0"]),
        (lambda: ops.avg_pool2d(np.ones(4)), ["x", "(H, W)"]),
        (lambda: ops.max_pool2d(np.ones((4, 4)), size=2, padding=2), ["padding", "window"]),
        (lambda: ops.output_size(5, 7), ["kernel", "k=7", "5"]),
        (lambda: ops.output_size(5, 3, stride=0), ["stride", "0"]),
        (lambda: ops.output_size(0, 3), ["n", "0"]),
        (lambda: ops.pad(np.ones(3), 1), ["x", "(H, W)"]),
        (lambda: ops.pad(np.ones((3, 3)), -1), ["width", "-1"]),
        (lambda: ops.pad(np.ones((3, 3)), (1, 2, 3)), ["width", "pair"]),
    ],
)
def test_bad_input_raises_clear_value_error(call, words):
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} missing from {message!r}"


# Chapter 5: receptive fields ----------------------------------------------


def test_receptive_field_worked_examples():
    assert ops.receptive_field([(3, 1)]) == [3]
    assert ops.receptive_field([(3, 1)] * 3) == [3, 5, 7]
    assert ops.receptive_field([(3, 1), (2, 2), (3, 1)]) == [3, 4, 8]
    assert ops.receptive_field([(3, 1), (2, 2), (3, 1), (2, 2)]) == [3, 4, 8, 10]
    assert ops.receptive_field([]) == []
    assert "receptive_field" in ops.__all__


@given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 3)), min_size=1, max_size=4))
@SETTINGS
def test_receptive_field_is_what_one_output_depends_on(layers):
    """Perturb each input pixel; the outputs at (0, 0) that change mark the field."""
    size = 1
    for k, s in reversed(layers):  # smallest input that leaves one output
        size = (size - 1) * s + k
    x = np.zeros((size, size))

    def top_left(image):
        for k, s in layers:
            image = ops.conv2d(image, np.ones((k, k)), stride=s)
        return image[0, 0]

    seen = np.zeros((size, size), dtype=bool)
    for r in range(size):
        for c in range(size):
            probe = x.copy()
            probe[r, c] = 1
            seen[r, c] = top_left(probe) > 0
    side = ops.receptive_field(layers)[-1]
    rows, cols = np.nonzero(seen)
    # The field spans side x side pixels from the top-left corner ...
    assert rows.min() == cols.min() == 0
    assert rows.max() + 1 == cols.max() + 1 == side
    # ... and has no holes unless a layer skips pixels (stride > window).
    if all(k >= s for k, s in layers):
        assert seen.sum() == side * side


@pytest.mark.parametrize(
    "layers, words",
    [
        ([(3, 0)], ["layers[0] s", "0"]),
        ([(3, 1), 3], ["layers[1]", "pair"]),
        ([(3, 1, 1)], ["layers[0]", "pair"]),
        ([(2.5, 1)], ["layers[0] k", "int"]),
    ],
)
def test_receptive_field_bad_layers(layers, words):
    with pytest.raises(ValueError) as info:
        ops.receptive_field(layers)
    for word in words:
        assert word in str(info.value)


PADDINGS = ("valid", "same", 0, 1, 2, 3)


def test_geometry_agrees_with_ops():
    for n, k, stride, padding in itertools.product(range(1, 9), range(1, 6), range(1, 4), PADDINGS):
        try:
            expected = ops.output_size(n, k, stride, padding)
        except ValueError:
            with pytest.raises(ValueError):
                ops.geometry(n, k, stride, padding)
            continue
        g = ops.geometry(n, k, stride, padding)
        assert g.out == expected == len(g.starts)
        assert g.size == n + g.before + g.after
        assert g.starts[-1] + k <= g.size  # the last window fits
        # A kernel with a single 1 in its top-left corner reads back the
        # padded input where every window starts.
        x = np.arange(n * n, dtype=float).reshape(n, n) + 1
        corner = np.zeros((k, k))
        corner[0, 0] = 1
        padded = ops.pad(x, ((g.before, g.after), (g.before, g.after)))
        np.testing.assert_array_equal(
            ops.conv2d(x, corner, stride, padding), padded[np.ix_(g.starts, g.starts)]
        )
        # Every window covers k*k cells; coverage counts those on the input.
        counts = ops.coverage(n, k, stride, padding)
        assert counts.shape == (n, n) and counts.dtype.kind == "i"
        ones = ops.conv2d(np.ones((n, n)), np.ones((k, k)), stride, padding)
        assert counts.sum() == ones.sum()
        assert ops.formula(n, k, stride, padding).endswith(f"= {expected}")


def test_coverage_of_the_worked_example():
    valid = ops.coverage(6, 3)
    assert valid[0, 0] == 1 and valid[0, 1] == 2 and valid[2, 2] == 9
    same = ops.coverage(6, 3, padding="same")
    assert same[0, 0] == 4 and same[0, 2] == 6 and same[2, 2] == 9
    skipped = ops.coverage(6, 3, stride=2)
    assert (skipped[5] == 0).all() and (skipped[:, 5] == 0).all()


def test_formula_text():
    assert ops.formula(6, 3) == "⌊(6 + 2·0 − 3) / 1⌋ + 1 = 4"
    assert ops.formula(6, 3, 2, 1) == "⌊(6 + 2·1 − 3) / 2⌋ + 1 = 3"
    assert ops.formula(6, 2, 1, "same") == "⌊(6 + 0 + 1 − 2) / 1⌋ + 1 = ⌈6 / 1⌉ = 6"


# --- Experiments: shifted images, occlusion, top patches ---


@pytest.mark.parametrize("dx, dy", [(0, 0), (1, 0), (-2, 0), (0, 3), (2, -1), (-27, 27)])
def test_shift_images_moves_pixels_and_fills_with_zeros(dx, dy):
    rng = np.random.default_rng(0)
    images = rng.integers(1, 255, size=(3, 28, 28, 1)).astype(np.uint8)
    out = ops.shift_images(images, dx, dy)
    assert out.shape == images.shape and out.dtype == images.dtype
    for r in range(28):
        for c in range(28):
            src = (r - dy, c - dx)
            if 0 <= src[0] < 28 and 0 <= src[1] < 28:
                assert (out[:, r, c] == images[:, src[0], src[1]]).all()
            else:
                assert (out[:, r, c] == 0).all()
    # never wraps around: the bright pixels that remain are the ones still inside
    assert (out > 0).sum() == 3 * (28 - abs(dx)) * (28 - abs(dy))


def test_shift_images_keeps_channels_and_takes_three_dimensions():
    images = np.arange(2 * 4 * 5 * 3).reshape(2, 4, 5, 3)
    out = ops.shift_images(images, 1)
    np.testing.assert_array_equal(out[:, :, 1:], images[:, :, :-1])
    np.testing.assert_array_equal(out[:, :, 0], 0)
    flat = ops.shift_images(images[..., 0], 0, 1)
    np.testing.assert_array_equal(flat[:, 1:], images[:, :-1, :, 0])


@pytest.mark.parametrize(
    "images, dx, dy, message",
    [
        (np.zeros((28, 28)), 1, 0, "images must have shape (N, H, W) or (N, H, W, C)"),
        (np.zeros((2, 28, 28)), 1.0, 0, "dx must be a whole number of pixels, got 1.0"),
        (np.zeros((2, 28, 28)), True, 0, "dx must be a whole number of pixels, got True"),
        (np.zeros((2, 28, 28)), 0, "1", "dy must be a whole number of pixels, got '1'"),
        (np.zeros((2, 28, 28)), 28, 0, "dx must be between -27 and 27 for images 28 pixels wide"),
        (np.zeros((2, 10, 28)), 0, -10, "dy must be between -9 and 9 for images 10 pixels high"),
    ],
)
def test_shift_images_rejects_bad_arguments(images, dx, dy, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        ops.shift_images(images, dx, dy)


class _RegionModel:
    """A stand-in classifier: P(class 1) is the mean brightness of rows 4-7,
    columns 8-11; P(class 0) the rest. Counts its predict calls."""

    def __init__(self):
        self.calls, self.batches = 0, []

    def predict(self, x, verbose=0):
        self.calls += 1
        self.batches.append(len(x))
        p1 = np.asarray(x)[:, 4:8, 8:12, 0].mean(axis=(1, 2))
        return np.stack([1 - p1, p1], axis=1)


def test_occlusion_map_one_predict_and_the_drop_where_the_evidence_is():
    image = np.zeros((28, 28))
    image[4:8, 8:12] = 1.0
    model = _RegionModel()
    result = ops.occlusion_map(model, image, patch=4, stride=2)
    assert model.calls == 1 and model.batches == [1 + 13 * 13]
    assert result.drops.shape == (13, 13)
    assert result.label == 1 and result.probability == pytest.approx(1.0)
    assert (result.patch, result.stride) == (4, 2)
    # the square at rows 4-7, columns 8-11 is position (2, 4): it hides everything
    assert result.drops[2, 4] == pytest.approx(1.0)
    assert np.unravel_index(result.drops.argmax(), result.drops.shape) == (2, 4)
    # half covered: rows 2-5 or 6-9 hide half the region
    assert result.drops[1, 4] == pytest.approx(0.5) and result.drops[3, 4] == pytest.approx(0.5)
    assert result.drops[10, 10] == pytest.approx(0.0)
    # watching the other class: covering the evidence makes class 0 more likely
    other = ops.occlusion_map(_RegionModel(), image, patch=4, stride=2, label=0)
    assert other.label == 0 and other.drops[2, 4] == pytest.approx(-1.0)
    # a white square instead of a black one
    white = ops.occlusion_map(_RegionModel(), np.zeros((28, 28, 1)), patch=4, stride=4, fill=1.0)
    assert white.drops.shape == (7, 7) and white.label == 0
    assert white.drops[1, 2] == pytest.approx(1.0)


def test_occlusion_map_of_a_keras_model():
    keras.utils.set_random_seed(0)
    from lessons_lib import models

    model = models.course_cnn()
    image = np.random.default_rng(0).random((28, 28), dtype="float32")
    result = ops.occlusion_map(model, image, patch=7, stride=7)
    probs = model.predict(image[None, :, :, None], verbose=0)[0]
    assert result.label == int(probs.argmax())
    assert result.probability == pytest.approx(float(probs.max()), rel=1e-5)
    covered = image.copy()
    covered[7:14, 14:21] = 0
    expected = probs.max() - model.predict(covered[None, :, :, None], verbose=0)[0][result.label]
    assert result.drops.shape == (4, 4)
    assert result.drops[1, 2] == pytest.approx(float(expected), abs=1e-5)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"model": object()}, "model must have a predict method, got object"),
        ({"image": np.zeros((2, 28, 28, 1))}, "image must have shape (H, W) or (H, W, C)"),
        ({"patch": 0}, "patch must be an int >= 1, got 0"),
        ({"patch": 29}, "patch must be at most 28, the side of the image, got 29"),
        ({"stride": 1.5}, "stride must be an int >= 1, got 1.5"),
        ({"fill": float("nan")}, "fill must be a finite number, got nan"),
        ({"fill": "black"}, "fill must be a finite number, got 'black'"),
        ({"label": 2}, "label must be a class from 0 to 1, got 2"),
        ({"label": -1}, "label must be a class from 0 to 1, got -1"),
    ],
)
def test_occlusion_map_rejects_bad_arguments(kwargs, message):
    args = {"model": _RegionModel(), "image": np.zeros((28, 28))}
    args.update(kwargs)
    with pytest.raises(ValueError, match=re.escape(message)):
        ops.occlusion_map(**args)


def test_occlusion_map_rejects_a_predict_of_the_wrong_shape():
    class Flat:
        def predict(self, x, verbose=0):
            return np.zeros(len(x))

    with pytest.raises(ValueError, match="one row of probabilities per image"):
        ops.occlusion_map(Flat(), np.zeros((28, 28)))


def _ones_layers():
    return [
        keras.layers.Conv2D(2, 3, padding="same", kernel_initializer="ones", name="conv1"),
        keras.layers.MaxPooling2D(2, name="pool1"),
        keras.layers.Conv2D(3, 3, padding="same", kernel_initializer="ones", name="conv2"),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(10, name="dense"),
    ]


def _ones_cnn():
    """conv1 (3x3, same) -> pool1 (2x2) -> conv2 (3x3, same), all weights 1:
    a channel of conv2 is large exactly where a bright pixel lies in its field."""
    return keras.Sequential([keras.Input((28, 28, 1))] + _ones_layers())


def test_top_patches_crop_the_receptive_field_around_what_excites_the_channel():
    rng = np.random.default_rng(0)
    images = np.zeros((12, 28, 28, 1), "float32")
    spots = rng.integers(4, 24, size=(12, 2))  # inside: every spot gives 8 x its strength
    strength = np.linspace(1.0, 2.1, 12)
    for i, ((r, c), s) in enumerate(zip(spots, strength)):
        images[i, r, c] = s
    result = ops.top_patches(_ones_cnn(), "conv2", images, channel=1, k=5)
    assert result.size == ops.receptive_field([(3, 1), (2, 2), (3, 1)])[-1] == 8
    assert result.patches.shape == (5, 8, 8)
    # the brightest spots win, strongest first, one patch per image
    np.testing.assert_array_equal(result.images, [11, 10, 9, 8, 7])
    assert (np.diff(result.values) <= 0).all()
    # conv1 spreads a spot over 3 x 3 in both its channels, pool1 keeps a 2 x 2
    # block of each, conv2 sums the 2 x 2 x 2 values
    np.testing.assert_allclose(result.values, 8 * strength[result.images], rtol=1e-5)
    for patch, i, top, left in zip(result.patches, result.images, result.rows, result.cols):
        assert patch.max() == pytest.approx(strength[i])  # the spot lies in the crop
        r, c = spots[i]
        assert top <= r < top + 8 and left <= c < left + 8
        assert (top - (-3)) % 2 == 0  # fields start at 2 * i - 3
    assert (result.layer, result.channel) == ("conv2", 1)


def test_top_patches_fields_outside_the_image_are_zero_and_match_the_measured_field():
    from lessons_lib import models

    images = np.zeros((1, 28, 28, 1), "float32")
    images[0, 0, 0] = 1.0  # a corner pixel: the best field starts outside the image
    result = ops.top_patches(_ones_cnn(), "conv2", images, channel=0, k=1)
    top, left = int(result.rows[0]), int(result.cols[0])
    assert top < 0 and left < 0
    patch = result.patches[0]
    assert patch[-top, -left] == 1.0 and patch.sum() == 1.0
    # the same geometry, measured by models.receptive_field_mask: an 8 x 8 field
    mask = models.receptive_field_mask([(3, 1), (2, 2), (3, 1)], size=16)
    assert mask.sum() == result.size**2
    first = ops.top_patches(_ones_cnn(), "conv1", images, channel=0, k=1)
    assert first.size == 3 and first.patches.shape == (1, 3, 3)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"layer_name": "nothing"}, "layer_name 'nothing' is not a layer of the model"),
        ({"layer_name": "dense"}, "'flatten' (Flatten) comes first"),
        ({"layer_name": 3}, "layer_name must be the name of a layer, got 3"),
        ({"channel": 3}, "channel must be from 0 to 2, got 3"),
        ({"channel": 1.0}, "channel must be a whole number from 0 to 2, got 1.0"),
        ({"k": 0}, "k must be an int >= 1, got 0"),
        ({"k": 5}, "k must be at most the 4 images given, got 5"),
        ({"images": np.zeros((28, 28))}, "images must have shape (N, H, W) or (N, H, W, C)"),
        ({"images": np.zeros((4, 28, 20))}, "images must be square, got 28 x 20"),
    ],
)
def test_top_patches_rejects_bad_arguments(kwargs, message):
    args = {
        "model": _ones_cnn(),
        "layer_name": "conv2",
        "images": np.zeros((4, 28, 28)),
        "channel": 0,
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=re.escape(message)):
        ops.top_patches(**args)


def test_top_patches_of_a_functional_model_equal_those_of_the_sequential_one():
    sequential = _ones_cnn()
    inputs = keras.Input((28, 28, 1))
    x = inputs
    for layer in _ones_layers():  # fresh layers with the same (all-ones) kernels
        x = layer(x)
    functional = keras.Model(inputs, x)  # its layers start with an InputLayer
    assert type(functional.layers[0]).__name__ == "InputLayer"
    images = np.random.default_rng(3).random((6, 28, 28), dtype="float32")
    a = ops.top_patches(sequential, "conv2", images, channel=2, k=3)
    b = ops.top_patches(functional, "conv2", images, channel=2, k=3)
    np.testing.assert_array_equal(a.images, b.images)
    np.testing.assert_array_equal(a.patches, b.patches)


def _conv_loss(image, kernel, target):
    return 0.5 * np.sum((ops.conv2d(image, kernel) - target) ** 2)


@SETTINGS
@given(
    h=st.integers(2, 7),
    w=st.integers(2, 7),
    kh=st.integers(1, 3),
    kw=st.integers(1, 3),
    seed=st.integers(0, 10_000),
)
def test_kernel_gradient_equals_finite_differences(h, w, kh, kw, seed):
    assume(kh <= h and kw <= w)
    rng = np.random.default_rng(seed)
    image = rng.normal(size=(h, w))
    kernel = rng.normal(size=(kh, kw))
    target = rng.normal(size=(h - kh + 1, w - kw + 1))
    output_gradient = ops.conv2d(image, kernel) - target  # dL/dY of the loss above
    grad = ops.kernel_gradient(image, output_gradient)
    assert grad.shape == (kh, kw)
    step = 1e-6
    numeric = np.zeros_like(kernel)
    for a, b in itertools.product(range(kh), range(kw)):
        bump = np.zeros_like(kernel)
        bump[a, b] = step
        numeric[a, b] = (
            _conv_loss(image, kernel + bump, target) - _conv_loss(image, kernel - bump, target)
        ) / (2 * step)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-6)


def test_kernel_gradient_matches_keras_autodiff():
    tf = pytest.importorskip("tensorflow")
    if keras.backend.backend() != "tensorflow":
        pytest.skip("needs the TensorFlow backend")
    rng = np.random.default_rng(3)
    image = rng.normal(size=(6, 5)).astype("float32")
    kernel = tf.Variable(rng.normal(size=(3, 2, 1, 1)).astype("float32"))
    target = rng.normal(size=(4, 4)).astype("float32")
    with tf.GradientTape() as tape:
        out = tf.nn.conv2d(image[None, :, :, None], kernel, strides=1, padding="VALID")
        loss = 0.5 * tf.reduce_sum((out[0, :, :, 0] - target) ** 2)
    expected = tape.gradient(loss, kernel).numpy()[:, :, 0, 0]
    output_gradient = ops.conv2d(image, kernel.numpy()[:, :, 0, 0]) - target
    np.testing.assert_allclose(
        ops.kernel_gradient(image, output_gradient), expected, rtol=1e-4, atol=1e-4
    )


def test_kernel_gradient_of_the_worked_example():
    # A single 1 in the output gradient picks the window under that output.
    image = np.arange(36).reshape(6, 6)
    output_gradient = np.zeros((4, 4))
    output_gradient[2, 1] = 1
    np.testing.assert_array_equal(ops.kernel_gradient(image, output_gradient), image[2:5, 1:4])


@pytest.mark.parametrize(
    ("image", "output_gradient", "named"),
    [
        (np.zeros((4, 4, 1)), np.zeros((2, 2)), "image must have shape (H, W)"),
        (np.zeros((4, 4)), np.zeros(3), "output_gradient must have shape (H, W)"),
        (np.zeros((0, 4)), np.zeros((1, 1)), "image must not be empty"),
        (np.zeros((4, 4)), np.zeros((5, 2)), "output_gradient must not be larger than image"),
        ("abc", np.zeros((1, 1)), "image must be an array of numbers"),
        (np.zeros((3, 3)), [[1, "x"]], "output_gradient must be an array of numbers"),
    ],
)
def test_kernel_gradient_rejects_bad_input(image, output_gradient, named):
    with pytest.raises(ValueError, match=re.escape(named)):
        ops.kernel_gradient(image, output_gradient)
