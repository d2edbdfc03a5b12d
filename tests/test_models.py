"""The course models and the hand-set convolution layers."""

import re

import numpy as np
import pytest

from lessons_lib import models, ops

keras = pytest.importorskip("keras")


def test_dense_baseline_architecture():
    model = models.dense_baseline()
    assert model.output_shape == (None, 10)
    assert model.count_params() == 784 * 128 + 128 + 128 * 10 + 10
    assert model.loss == "sparse_categorical_crossentropy"


def test_course_cnn_architecture_and_shapes():
    model = models.course_cnn()
    shapes = [layer.output.shape[1:] for layer in model.layers]
    assert shapes == [(28, 28, 32), (14, 14, 32), (14, 14, 64), (7, 7, 64), (3136,), (128,), (10,)]
    conv1, conv2 = model.get_layer("conv1"), model.get_layer("conv2")
    assert conv1.count_params() == (3 * 3 * 1 + 1) * 32
    assert conv2.count_params() == (3 * 3 * 32 + 1) * 64
    assert model.get_layer("pool1").strides == (2, 2)
    probs = keras.ops.convert_to_numpy(model(np.zeros((2, 28, 28, 1), "float32")))
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)


def test_course_cnn_learns_a_tiny_problem():
    """A few steps of training must lower the loss on a separable toy set."""
    keras.utils.set_random_seed(0)
    x = np.zeros((40, 28, 28, 1), "float32")
    y = np.arange(40) % 2
    x[y == 1, :, 10:18] = 1.0
    model = models.course_cnn()
    history = model.fit(x, y, epochs=3, batch_size=8, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_conv2d_layer_matches_ops():
    rng = np.random.default_rng(0)
    img, kernel = rng.normal(size=(7, 9)), rng.normal(size=(3, 2))
    layer = models.conv2d_layer(kernel, bias=0.5, strides=2, padding="same")
    out = models.apply(layer, img[:, :, None])[:, :, 0]
    np.testing.assert_allclose(out, ops.conv2d(img, kernel, 2, "same", bias=0.5), atol=1e-5)
    assert not layer.trainable


def test_conv1d_layer_matches_worked_example():
    layer = models.conv1d_layer([0, 1, 0])
    out = models.apply(layer, np.array([0, 0, 0, 1, 1, 0, 0, 0])[:, None])
    np.testing.assert_array_equal(out[:, 0], [0, 0, 1, 1, 0, 0])


def test_fixed_layer_rejects_bad_kernel():
    with pytest.raises(ValueError, match=r"kernel must have shape.*\(3, 3, 3\)"):
        models.conv2d_layer(np.ones((3, 3, 3)))


# --- Chapter 1, Images as numbers ---


# --- Chapter 3, Padding and stride ---


@pytest.mark.parametrize(
    "n, k, padding, stride",
    [
        (6, 3, "valid", 1),
        (6, 3, "same", 2),
        (6, 2, "same", 1),
        (7, 3, 1, 2),
        (5, 3, 2, 1),
        (6, 3, 0, 2),
    ],
)
def test_padded_conv2d_matches_ops(n, k, padding, stride):
    rng = np.random.default_rng(1)
    img, kernel = rng.normal(size=(n, n)), rng.normal(size=(k, k))
    layer = models.padded_conv2d(kernel, padding, strides=stride, bias=0.25)
    out = models.apply(layer, img[:, :, None])[:, :, 0]
    expected = ops.conv2d(img, kernel, stride, padding, bias=0.25)
    assert out.shape == expected.shape == (ops.output_size(n, k, stride, padding),) * 2
    np.testing.assert_allclose(out, expected, atol=1e-5)


def test_padded_conv2d_rejects_bad_padding():
    for bad in (-1, "full", 1.5, True):
        with pytest.raises(ValueError, match="padding must be"):
            models.padded_conv2d(np.ones((3, 3)), bad)


# --- Chapter 4, Pooling ---


# --- Chapter 5, Channels and layers ---


@pytest.mark.parametrize(
    "layers",
    [
        [(3, 1)],
        [(3, 1), (3, 1)],
        [(5, 1), (3, 1)],
        [(3, 1), (2, 2), (3, 1)],
        [(3, 1), (2, 2), (3, 1), (2, 2)],
        [(2, 2), (2, 2)],
        [(3, 1), (3, 3)],
    ],
)
def test_receptive_field_mask_matches_formula(layers):
    mask = models.receptive_field_mask(layers, size=12)
    side = ops.receptive_field(layers)[-1]
    expected = np.zeros((12, 12), dtype=bool)
    expected[:side, :side] = True
    np.testing.assert_array_equal(mask, expected)


def test_receptive_field_mask_rejects_too_small_input():
    with pytest.raises(ValueError, match="larger size"):
        models.receptive_field_mask([(3, 1), (2, 2), (3, 1)], size=5)
    with pytest.raises(ValueError, match="layers"):
        models.receptive_field_mask([(3, 0)])


# --- Chapter 6, A CNN for Fashion-MNIST ---


# --- Chapter 7, Going further ---


def test_improved_cnn_parameters_are_the_course_cnn_plus_batch_normalisation():
    model = models.improved_cnn()
    assert model.output_shape == (None, 10)
    assert model.get_layer("pool2").output.shape[1:] == (7, 7, 64)
    # the course CNN plus 4 numbers per channel for each BatchNormalization
    assert model.count_params() == 421642 + 4 * 32 + 4 * 64 == 422026
    assert model.get_layer("norm2").count_params() == 256
    assert len(model.non_trainable_weights) == 4  # moving means and variances
    assert model.get_layer("dropout").rate == 0.2
    assert model.loss == "sparse_categorical_crossentropy"
    assert type(model.optimizer).__name__ == "Adam"


def test_improved_cnn_augments_and_drops_only_in_training():
    keras.utils.set_random_seed(0)
    model = models.improved_cnn()
    rng = np.random.default_rng(0)
    x = rng.random((8, 28, 28, 1)).astype("float32")
    x[:, :, :14] = 0.0  # left half dark: a flip or a shift changes the image
    augment = keras.Sequential([model.get_layer("shift"), model.get_layer("flip")])
    same = keras.ops.convert_to_numpy(augment(x, training=False))
    np.testing.assert_array_equal(same, x)
    changed = keras.ops.convert_to_numpy(augment(x, training=True))
    assert changed.shape == x.shape
    assert not np.allclose(changed, x)
    p1 = keras.ops.convert_to_numpy(model(x, training=False))
    p2 = keras.ops.convert_to_numpy(model(x, training=False))
    np.testing.assert_array_equal(p1, p2)  # inference is deterministic
    t1 = keras.ops.convert_to_numpy(model(x, training=True))
    assert not np.allclose(t1, p1)
    np.testing.assert_allclose(t1.sum(axis=1), 1.0, rtol=1e-5)


def test_many_steps_per_call_change_no_number():
    """steps_per_execution only batches calls: the trained weights are the same."""
    rng = np.random.default_rng(0)
    x = rng.random((100 * 8 + 3, 28, 28, 1), dtype="float32")  # not a multiple of 32 batches
    y = rng.integers(0, 10, len(x))
    weights = []
    for steps in (1, models.steps_per_execution()):
        keras.utils.set_random_seed(0)
        model = models.dense_baseline()
        model.compile(
            optimizer=model.optimizer,
            loss=model.loss,
            metrics=["accuracy"],
            steps_per_execution=steps,
        )
        history = model.fit(x, y, epochs=2, batch_size=8, validation_split=0.1, verbose=0)
        weights.append((model.get_weights(), history.history))
    assert models.steps_per_execution() > 1
    (w1, h1), (w2, h2) = weights
    for a, b in zip(w1, w2):
        np.testing.assert_array_equal(a, b)
    assert h1 == h2


def test_course_models_run_many_steps_per_call():
    for build in (models.dense_baseline, models.course_cnn, models.improved_cnn):
        assert build().steps_per_execution == models.steps_per_execution()


@pytest.mark.parametrize("build", [models.dense_baseline, models.course_cnn, models.improved_cnn])
def test_course_models_train_exactly_the_steps_due(build):
    """On the installed Keras, a course model as lessons_lib compiles it runs
    ceil(n / batch_size) optimizer steps per epoch, no more, and Keras does
    not warn that the input ran out of data (Keras before 3.7 does both with
    steps_per_execution > 1). n is not a multiple of the batch, and one
    epoch is more than one call of steps_per_execution steps."""
    import math
    import warnings

    rng = np.random.default_rng(0)
    n, batch_size, epochs = 37 * 16 + 5, 16, 2  # 38 steps per epoch, the last one short
    x = rng.random((n, 28, 28, 1), dtype="float32")
    y = rng.integers(0, 10, n)
    keras.utils.set_random_seed(0)
    model = build()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0)
    ran_out = [str(w.message) for w in caught if "ran out of data" in str(w.message)]
    assert ran_out == []
    assert int(keras.ops.convert_to_numpy(model.optimizer.iterations)) == (
        math.ceil(n / batch_size) * epochs
    )


def test_steps_per_execution_falls_back_before_keras_3_7(monkeypatch):
    monkeypatch.setattr(keras, "__version__", "3.6.0")
    assert models.steps_per_execution() == 1
    monkeypatch.setattr(keras, "__version__", "3.7.0")
    expected = 1 if keras.backend.backend() == "torch" else 32
    assert models.steps_per_execution() == expected
    assert models._version_tuple("3.10.0rc1") == (3, 10)


def test_steps_per_epoch_and_its_errors():
    assert models.steps_per_epoch(54_000, 32) == 1688
    assert models.steps_per_epoch(54_000, 64) == 844
    assert models.steps_per_epoch(64, 64) == 1
    for bad in (0, -32, 32.0, True, "32"):
        with pytest.raises(
            ValueError, match=re.escape(f"batch_size must be a positive whole number, got {bad!r}")
        ):
            models.steps_per_epoch(54_000, bad)
    with pytest.raises(ValueError, match="train_images must be a positive whole number, got 0"):
        models.steps_per_epoch(0, 32)


@pytest.mark.parametrize(
    "batch_size, train_images, epochs, steps",
    [(32, 54_000, 12, 1688), (64, 54_000, 12, 844), (100, 1000, 3, 10)],
)
def test_improved_cnn_learning_rate_falls_along_half_a_cosine_over_all_epochs(
    batch_size, train_images, epochs, steps
):
    model = models.improved_cnn(batch_size=batch_size, train_images=train_images, epochs=epochs)
    schedule = model.optimizer._learning_rate  # the CosineDecay given to Adam
    assert type(schedule).__name__ == "CosineDecay"
    assert schedule.decay_steps == epochs * steps
    np.testing.assert_allclose(float(schedule(0)), 1e-3, rtol=1e-6)
    # halfway the rate is half, after the last epoch it is 0 and stays there
    np.testing.assert_allclose(float(schedule(epochs * steps // 2)), 0.5e-3, rtol=1e-3)
    assert float(schedule(epochs * steps - steps)) < float(schedule(steps))
    np.testing.assert_allclose(float(schedule(epochs * steps)), 0.0, atol=1e-9)
    np.testing.assert_allclose(float(schedule(2 * epochs * steps)), 0.0, atol=1e-9)
    assert model.get_layer("dropout").rate == 0.2
    with pytest.raises(ValueError, match="batch_size must be a positive whole number, got 0"):
        models.improved_cnn(batch_size=0)
    with pytest.raises(ValueError, match="epochs must be a positive whole number, got 0"):
        models.improved_cnn(epochs=0)
    with pytest.raises(ValueError, match="epochs must be a positive whole number, got 2.5"):
        models.improved_cnn(epochs=2.5)


def test_lenet5_shapes_and_parameters_by_hand():
    model = models.lenet5()
    shapes = [tuple(layer.output.shape[1:]) for layer in model.layers]
    assert shapes == [
        (28, 28, 6),
        (14, 14, 6),
        (10, 10, 16),
        (5, 5, 16),
        (1, 1, 120),
        (120,),
        (84,),
        (10,),
    ]
    by_hand = (
        (5 * 5 * 1 + 1) * 6  # C1
        + (5 * 5 * 6 + 1) * 16  # C3
        + (5 * 5 * 16 + 1) * 120  # C5
        + (120 + 1) * 84  # F6
        + (84 + 1) * 10  # output
    )
    assert model.count_params() == by_hand == 61_706
    assert model.get_layer("s2").count_params() == 0
    assert model.get_layer("c1").activation.__name__ == "tanh"
    assert model.loss == "sparse_categorical_crossentropy"
    probs = keras.ops.convert_to_numpy(model(np.zeros((2, 28, 28, 1), "float32")))
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)


def test_lenet5_c5_as_dense_layer_has_the_same_count():
    """C5 as a 5x5 convolution over a 5x5 map equals a Dense layer on the flattened map."""
    model = models.lenet5()
    dense_c5 = keras.layers.Dense(120)
    dense_c5.build((None, 5 * 5 * 16))
    assert model.get_layer("c5").count_params() == dense_c5.count_params()
    assert model.count_params() < models.course_cnn().count_params() / 6
