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


# --- Experiments: the switches of improved_cnn, the all-convolutional head,
# shifted images and quick training ---


def _improved_cnn_before_the_switches(batch_size=32, train_images=54_000, epochs=12):
    """models.improved_cnn as it was before it had switches, copied verbatim
    (commit fc93604): the stored chapter 7 was made with this model."""
    from lessons_lib.models import INPUT_SHAPE, NUM_CLASSES, steps_per_epoch, steps_per_execution

    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"epochs must be a positive whole number, got {epochs!r}")
    decay_steps = int(epochs) * steps_per_epoch(train_images, batch_size)
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE),
            layers.RandomTranslation(
                0.05, 0.05, fill_mode="constant", interpolation="nearest", name="shift"
            ),
            layers.RandomFlip("horizontal", name="flip"),
            layers.Conv2D(32, (3, 3), padding="same", activation="relu", name="conv1"),
            layers.BatchNormalization(name="norm1"),
            layers.MaxPooling2D((2, 2), strides=2, name="pool1"),
            layers.Conv2D(64, (3, 3), padding="same", activation="relu", name="conv2"),
            layers.BatchNormalization(name="norm2"),
            layers.MaxPooling2D((2, 2), strides=2, name="pool2"),
            layers.Flatten(name="flatten"),
            layers.Dense(128, activation="relu", name="dense"),
            layers.Dropout(0.2, name="dropout"),
            layers.Dense(NUM_CLASSES, activation="softmax", name="output"),
        ],
        name="improved_cnn",
    )
    schedule = keras.optimizers.schedules.CosineDecay(1e-3, decay_steps=decay_steps)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=schedule),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=steps_per_execution(),
    )
    return model


def _everything_but_names(config):
    """A model's config as JSON, without the numbers Keras appends to the
    names it makes up (``input_layer_27``, ``seed_generator_3``)."""
    import json

    text = json.dumps(config, sort_keys=True, default=str)
    return re.sub(r'"([a-z]+(?:_[a-z]+)*)_\d+"', r'"\1"', text)


@pytest.mark.parametrize("args", [{}, {"batch_size": 64, "train_images": 10_800, "epochs": 3}])
def test_improved_cnn_defaults_build_exactly_the_model_before_the_switches(args):
    """The switches change nothing by default: same layers, same optimizer and
    learning-rate curve, same compile settings, same initial weights for the
    same seed. So chapter 7's stored outputs stay valid."""
    keras.utils.set_random_seed(0)
    before = _improved_cnn_before_the_switches(**args)
    keras.utils.set_random_seed(0)
    now = models.improved_cnn(**args)
    assert _everything_but_names(now.get_config()) == _everything_but_names(before.get_config())
    assert _everything_but_names(now.get_compile_config()) == _everything_but_names(
        before.get_compile_config()
    )
    assert _everything_but_names(now.optimizer.get_config()) == _everything_but_names(
        before.optimizer.get_config()
    )
    assert len(now.get_weights()) == len(before.get_weights()) == 16
    for a, b in zip(now.get_weights(), before.get_weights()):
        np.testing.assert_array_equal(a, b)
    # and the comparison would notice a change of a single default
    changed = models.improved_cnn(**args, dropout=0.3)
    assert _everything_but_names(changed.get_config()) != _everything_but_names(before.get_config())
    steady = models.improved_cnn(**args, lr_decay=False)
    assert _everything_but_names(steady.optimizer.get_config()) != _everything_but_names(
        before.optimizer.get_config()
    )


def test_improved_cnn_switches_remove_one_change_each():
    full = [layer.name for layer in models.improved_cnn().layers]
    for switch, gone in (
        ({"shift": False}, {"shift"}),
        ({"flip": False}, {"flip"}),
        ({"batchnorm": False}, {"norm1", "norm2"}),
        ({"dropout": 0}, {"dropout"}),
        ({"dropout": 0.0}, {"dropout"}),
        ({"lr_decay": False}, set()),
    ):
        model = models.improved_cnn(**switch)
        names = [layer.name for layer in model.layers]
        assert names == [n for n in full if n not in gone], switch
    assert models.improved_cnn(dropout=0.5).get_layer("dropout").rate == 0.5
    constant = models.improved_cnn(lr_decay=False).optimizer
    assert not hasattr(constant._learning_rate, "decay_steps")
    np.testing.assert_allclose(float(keras.ops.convert_to_numpy(constant.learning_rate)), 1e-3)


def test_improved_cnn_with_every_switch_off_is_the_course_cnn():
    bare = models.improved_cnn(shift=False, flip=False, batchnorm=False, dropout=0, lr_decay=False)
    course = models.course_cnn()
    assert bare.count_params() == course.count_params() == 421642
    for a, b in zip(bare.layers, course.layers, strict=True):
        assert a.get_config() == b.get_config()


@pytest.mark.parametrize(
    "switch, bad, message",
    [
        ("shift", 1, "shift must be True or False, got 1"),
        ("flip", "no", "flip must be True or False, got 'no'"),
        ("batchnorm", None, "batchnorm must be True or False, got None"),
        ("lr_decay", 0.0, "lr_decay must be True or False, got 0.0"),
        ("dropout", 1, "dropout must be a number from 0 to below 1, got 1"),
        ("dropout", -0.1, "dropout must be a number from 0 to below 1, got -0.1"),
        ("dropout", True, "dropout must be a number from 0 to below 1, got True"),
        ("dropout", "0.2", "dropout must be a number from 0 to below 1, got '0.2'"),
    ],
)
def test_improved_cnn_rejects_bad_switches(switch, bad, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        models.improved_cnn(**{switch: bad})


def test_all_conv_cnn_has_a_1x1_convolution_and_no_weights_per_position():
    model = models.all_conv_cnn()
    shapes = [layer.output.shape[1:] for layer in model.layers]
    assert shapes == [
        (28, 28, 32),
        (14, 14, 32),
        (14, 14, 64),
        (7, 7, 64),
        (7, 7, 10),
        (10,),
        (10,),
    ]
    assert model.get_layer("conv1x1").kernel_size == (1, 1)
    assert model.get_layer("conv1x1").count_params() == (64 + 1) * 10
    assert model.count_params() == 320 + 18496 + 650 == 19466
    assert model.count_params() < models.course_cnn().count_params() / 20
    x = np.random.default_rng(0).random((3, 28, 28, 1), dtype="float32")
    probs = keras.ops.convert_to_numpy(model(x))
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    assert model.steps_per_execution == models.steps_per_execution()
    # a uniform image: every position sees the same, the head cannot tell them apart
    body = keras.Model(model.inputs[0], model.get_layer("conv1x1").output)
    scores = keras.ops.convert_to_numpy(body(np.ones((1, 28, 28, 1), "float32")))[0]
    np.testing.assert_allclose(scores[3, 3], scores[2, 4], rtol=1e-5)


class _ColumnModel:
    """A stand-in classifier: the class is the column of the brightest pixel // 3."""

    def __init__(self):
        self.calls = 0

    def predict(self, x, verbose=0):
        self.calls += 1
        x = np.asarray(x)[..., 0]
        column = x.max(axis=1).argmax(axis=1)
        return np.eye(10)[np.minimum(column // 3, 9)]


def test_shift_accuracy_moves_images_and_predicts_once_per_shift():
    images = np.zeros((28, 28, 28, 1), "float32")
    for c in range(28):
        images[c, 10, c] = 1.0
    labels = np.minimum(np.arange(28) // 3, 9)
    model = _ColumnModel()
    result = models.shift_accuracy(model, images, labels, shifts=[0, 1, 3])
    assert model.calls == 3
    assert list(result) == [0, 1, 3]
    for s, accuracy in result.items():
        moved = np.arange(28) + s
        seen = np.where(moved < 28, np.minimum(moved // 3, 9), 0)  # pushed out: all black
        assert accuracy == pytest.approx(np.mean(seen == labels)), s
    assert result[0] == 1.0 and result[3] < result[1] < 1.0
    left = models.shift_accuracy(_ColumnModel(), images[..., 0], labels, [2], direction="left")
    assert left[2] == pytest.approx(
        np.mean(np.minimum(np.maximum(np.arange(28) - 2, 0) // 3, 9) == labels)
    )
    assert models.shift_accuracy(_ColumnModel(), images, labels, [4], direction="down")[4] == 1.0


def test_shift_accuracy_of_a_keras_model_at_shift_0_is_its_accuracy():
    keras.utils.set_random_seed(0)
    model = models.dense_baseline()
    x = np.random.default_rng(1).random((50, 28, 28, 1), dtype="float32")
    y = np.random.default_rng(2).integers(0, 10, 50)
    expected = np.mean(model.predict(x, verbose=0).argmax(axis=1) == y)
    assert models.shift_accuracy(model, x, y, shifts=range(1))[0] == pytest.approx(expected)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"direction": "sideways"}, "direction must be one of 'right', 'left', 'down', 'up'"),
        ({"shifts": [0, -1]}, "shifts[1] must be a whole number >= 0, got -1"),
        ({"shifts": [1.5]}, "shifts[0] must be a whole number >= 0, got 1.5"),
        ({"shifts": []}, "shifts must hold at least one shift"),
        ({"shifts": 3}, "shifts must be a sequence of whole numbers, got 3"),
        ({"shifts": [28]}, "dx must be between -27 and 27"),
        ({"labels": [1, 2]}, "labels must hold one label per image (4), got 2 labels"),
        ({"images": np.zeros((4, 28))}, "images must have shape (N, H, W) or (N, H, W, C)"),
        ({"model": "model"}, "model must have a predict method, got str"),
    ],
)
def test_shift_accuracy_rejects_bad_arguments(kwargs, message):
    args = {"model": _ColumnModel(), "images": np.zeros((4, 28, 28)), "labels": np.zeros(4)}
    args.update(kwargs)
    with pytest.raises(ValueError, match=re.escape(message)):
        models.shift_accuracy(**args)


@pytest.fixture(scope="module")
def tiny_data():
    rng = np.random.default_rng(0)
    x = rng.random((300, 28, 28, 1), dtype="float32") * 0.2
    y = rng.integers(0, 2, 300)
    x[y == 1, 8:20, 8:20] += 0.8  # a bright square: class 1
    return x, y


def test_quick_fit_trains_on_a_subset_and_measures_validation_accuracy(tiny_data):
    x, y = tiny_data
    run = models.quick_fit(models.course_cnn, x, y, images=200, epochs=1, batch_size=32)
    assert isinstance(run, models.QuickFit)
    assert 0.5 < run.val_accuracy <= 1.0  # a bright square is easy to learn
    assert run.val_accuracy * 20 == pytest.approx(round(run.val_accuracy * 20))  # 20 images
    assert run.seconds > 0
    assert set(run.history) >= {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert len(run.history["loss"]) == 1
    steps = int(keras.ops.convert_to_numpy(run.model.optimizer.iterations))
    assert steps == models.steps_per_epoch(180, 32)
    again = models.quick_fit(models.course_cnn, x, y, images=200, epochs=1, batch_size=32)
    assert again.val_accuracy == run.val_accuracy  # the same seed, the same run
    for a, b in zip(again.model.get_weights(), run.model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_quick_fit_gives_improved_cnn_its_learning_rate_curve(tiny_data):
    import functools

    x, y = tiny_data
    build = functools.partial(models.improved_cnn, flip=False, batchnorm=False)
    run = models.quick_fit(build, x, y, images=100, epochs=1, batch_size=30)
    schedule = run.model.optimizer._learning_rate
    assert schedule.decay_steps == 1 * models.steps_per_epoch(90, 30) == 3
    assert [layer.name for layer in run.model.layers][:2] == ["shift", "conv1"]
    assert run.history["val_accuracy"] and 0 <= run.val_accuracy <= 1


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"images": 301}, "images must be at most the 300 images of x, got 301"),
        ({"images": 0}, "images must be a whole number >= 1, got 0"),
        ({"images": 1}, "leaves 0 training and 1 validation images"),
        ({"epochs": 1.0}, "epochs must be a whole number >= 1, got 1.0"),
        ({"batch_size": 0}, "batch_size must be a whole number >= 1, got 0"),
        ({"seed": -1}, "seed must be a whole number >= 0, got -1"),
        ({"validation_split": 0}, "validation_split must be a number above 0 and below 1, got 0"),
        ({"validation_split": 1.0}, "validation_split must be a number above 0 and below 1"),
        ({"callbacks": "early"}, "callbacks must be a list of Keras callbacks"),
        ({"model": "cnn"}, "model must be a Keras model or a function that builds one"),
        ({"model": lambda: 3}, "model must build a Keras model, but it returned 3"),
    ],
)
def test_quick_fit_rejects_bad_arguments(tiny_data, kwargs, message):
    x, y = tiny_data
    args = {"model": models.course_cnn, "x": x, "y": y, "images": 100, "epochs": 1}
    args.update(kwargs)
    model, x, y = args.pop("model"), args.pop("x"), args.pop("y")
    with pytest.raises(ValueError, match=re.escape(message)):
        models.quick_fit(model, x, y, **args)


def test_quick_fit_on_all_images_keeps_their_order_as_fit_does(tiny_data):
    x, y = tiny_data[0][:100], tiny_data[1][:100]
    run = models.quick_fit(models.dense_baseline, x, y, images=None, epochs=1, batch_size=30)
    steps = int(keras.ops.convert_to_numpy(run.model.optimizer.iterations))
    assert steps == models.steps_per_epoch(90, 30)
    # the validation images are the last 10, as model.fit(validation_split=0.1) takes them
    expected = np.mean(run.model.predict(x[90:], verbose=0).argmax(axis=1) == y[90:])
    assert run.val_accuracy == pytest.approx(expected)
    np.testing.assert_allclose(run.history["val_accuracy"][-1], expected, atol=1e-6)


@pytest.mark.parametrize("size", [1, 3, 5, 7])
def test_course_cnn_kernel_changes_only_the_convolutions(size):
    model = models.course_cnn_kernel(size)
    assert model.get_layer("conv1").kernel_size == (size, size)
    assert model.get_layer("conv2").kernel_size == (size, size)
    expected = (size * size + 1) * 32 + (size * size * 32 + 1) * 64 + 401_536 + 1_290
    assert model.count_params() == expected
    shapes = [layer.output.shape[1:] for layer in model.layers]
    assert shapes == [(28, 28, 32), (14, 14, 32), (14, 14, 64), (7, 7, 64), (3136,), (128,), (10,)]
    assert model.steps_per_execution == models.steps_per_execution()
    if size == 3:  # the course CNN itself
        course = models.course_cnn()
        for a, b in zip(model.layers, course.layers, strict=True):
            assert a.get_config() == b.get_config()
        # the same name too: a quick fit of either is one training for the cache
        assert model.name == course.name == "course_cnn"
    else:
        assert model.name == f"course_cnn_{size}x{size}"


def test_course_cnn_kernel_rejects_even_large_or_non_integer_sizes():
    for bad in (0, 2, 4, 29, 3.0, True, "3"):
        with pytest.raises(
            ValueError,
            match=re.escape(f"size must be an odd whole number from 1 to 27, got {bad!r}"),
        ):
            models.course_cnn_kernel(bad)


def test_dense_wide_matches_the_course_cnn_in_size():
    model = models.dense_wide()
    assert model.count_params() == 407_050
    assert abs(model.count_params() - models.course_cnn().count_params()) < 0.04 * 421_642
    assert models.dense_wide(128).count_params() == models.dense_baseline().count_params()
    assert model.loss == "sparse_categorical_crossentropy"
    with pytest.raises(ValueError, match="units must be a whole number >= 1, got 0"):
        models.dense_wide(0)


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


def test_summary_one_plain_block_in_the_readers_language(capsys):
    from lessons_lib import i18n

    model = models.course_cnn()
    for lang, total in (("en", "421,642"), ("ru", "421\u00a0642"), ("nl", "421.642")):
        i18n.set_language(lang)
        models.summary(model)
        text = capsys.readouterr().out
        assert "\x1b[" not in text and "┃" not in text  # no colours, no boxes
        assert i18n.t("summary_layer") in text.splitlines()[1]
        assert "(None, 14, 14, 64)" in text  # shapes stay Python
        assert f"{i18n.t('summary_model', name='course_cnn')}\n" in text
        assert i18n.t("summary_total", total=total, trainable=total, frozen="0") in text
        rows = [line for line in text.splitlines() if line.startswith(("conv", "pool", "dense"))]
        assert len(rows) == 5 and len({len(r) for r in rows}) == 1, rows  # aligned
    i18n.set_language("en")
    improved = models.improved_cnn()
    models.summary(improved)
    assert "(trainable: 421,834; non-trainable: 192)" in capsys.readouterr().out


def test_summary_rejects_what_is_not_a_built_model():
    import keras

    with pytest.raises(ValueError, match=r"model must be a Keras model, got str 'cnn'"):
        models.summary("cnn")
    unbuilt = keras.Sequential([keras.layers.Dense(3)], name="empty")
    with pytest.raises(ValueError, match=r"model must be built .*unbuilt model 'empty'"):
        models.summary(unbuilt)
