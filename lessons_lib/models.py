"""The course's Keras models, and convolution layers with hand-set kernels.

Only Keras 3 is used here, never TensorFlow directly, so every model runs on
the TensorFlow, JAX and PyTorch backends.
"""

from collections import namedtuple

import numpy as np

INPUT_SHAPE = (28, 28, 1)
NUM_CLASSES = 10


# The first Keras whose steps_per_execution > 1 trains exactly the steps of
# steps_per_execution=1. Keras 3.0 to 3.6 run up to steps_per_execution - 1
# extra steps at the end of every epoch (beyond the data; the optimizer still
# steps) and warn "Your input ran out of data". Measured: the dense baseline,
# 2,400 images, batch 32, 3 epochs takes 228 optimizer steps on Keras 3.6.0
# and 225 (= ceil(2400 / 32) * 3) on 3.7.0 and every later version tried.
FIRST_EXACT_KERAS = (3, 7)


def _version_tuple(version):
    parts = []
    for part in str(version).split(".")[:2]:
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def steps_per_execution():
    """How many training steps the course models run per call into the backend.

    Every call from Keras' Python loop into the compiled training step costs
    about a millisecond on a CPU, as much as a whole step of the dense
    baseline and a tenth of a step of the course CNN. Running 32 steps per
    call saves most of it; the steps, their order and every number they
    produce stay the same. Keras' PyTorch backend allows only 1, and so do
    Keras versions before 3.7, which would train extra steps at the end of
    every epoch (and warn "Your input ran out of data").

    Returns
    -------
    int
        32, or 1 on the PyTorch backend and on Keras before 3.7.

    Introduced in chapter 1, Images as numbers, and a dense baseline (used by
    every compiled course model).
    """
    import keras

    if keras.backend.backend() == "torch":
        return 1
    if _version_tuple(keras.__version__) < FIRST_EXACT_KERAS:
        return 1
    return 32


def _compile(model):
    model.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=steps_per_execution(),
    )
    return model


def dense_baseline():
    """The dense baseline of chapter 1, compiled.

    ``Flatten(28x28x1) -> Dense(128, relu) -> Dense(10, softmax)`` with Adam
    and sparse categorical cross-entropy. Trained for 5 epochs with batch
    size 32 it reaches about 88% test accuracy: the number a CNN must beat.

    Returns
    -------
    keras.Model

    Introduced in chapter 1, Images as numbers, and a dense baseline.
    """
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE),
            layers.Flatten(name="flatten"),
            layers.Dense(128, activation="relu", name="dense"),
            layers.Dense(NUM_CLASSES, activation="softmax", name="output"),
        ],
        name="dense_baseline",
    )
    return _compile(model)


def course_cnn():
    """The CNN of chapter 6, compiled.

    ``Conv2D(32, 3x3, same, relu) -> MaxPooling2D(2) -> Conv2D(64, 3x3, same,
    relu) -> MaxPooling2D(2) -> Flatten -> Dense(128, relu) -> Dense(10,
    softmax)`` with Adam and sparse categorical cross-entropy. Height and
    width go 28 -> 14 -> 7.

    Returns
    -------
    keras.Model

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE),
            *_convolution_body(3),
            layers.Flatten(name="flatten"),
            layers.Dense(128, activation="relu", name="dense"),
            layers.Dense(NUM_CLASSES, activation="softmax", name="output"),
        ],
        name="course_cnn",
    )
    return _compile(model)


def _convolution_body(size):
    """The course CNN's two convolution-and-pooling blocks, kernels ``size`` x ``size``.

    Shared by :func:`course_cnn`, :func:`course_cnn_kernel` and
    :func:`all_conv_cnn`, which differ only in what follows.
    """
    from keras import layers

    k = (int(size), int(size))
    return [
        layers.Conv2D(32, k, padding="same", activation="relu", name="conv1"),
        layers.MaxPooling2D((2, 2), strides=2, name="pool1"),
        layers.Conv2D(64, k, padding="same", activation="relu", name="conv2"),
        layers.MaxPooling2D((2, 2), strides=2, name="pool2"),
    ]


def steps_per_epoch(train_images, batch_size):
    """How many optimizer steps ``fit`` takes per epoch: ``ceil(train_images / batch_size)``.

    Parameters
    ----------
    train_images : int
        Images trained on per epoch (after any validation split).
    batch_size : int
        Images per step; the last batch of an epoch may be smaller.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        If either argument is not a positive whole number.

    Examples
    --------
    >>> steps_per_epoch(54_000, 32)
    1688
    >>> steps_per_epoch(54_000, 64)
    844
    """
    for name, value in (("train_images", train_images), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive whole number, got {value!r}")
    return -(-int(train_images) // int(batch_size))


def _check_switch(name, value):
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def improved_cnn(
    batch_size=32,
    train_images=54_000,
    epochs=12,
    *,
    shift=True,
    flip=True,
    batchnorm=True,
    dropout=0.2,
    lr_decay=True,
):
    """The CNN of chapter 7: the course CNN with four cures for overfitting.

    ``RandomTranslation(0.05) -> RandomFlip(horizontal) -> [Conv2D(32, 3x3,
    same, relu) -> BatchNormalization -> MaxPooling2D(2)] -> [Conv2D(64, ...)
    -> BatchNormalization -> MaxPooling2D(2)] -> Flatten -> Dense(128, relu)
    -> Dropout(0.2) -> Dense(10, softmax)``, compiled with Adam and sparse
    categorical cross-entropy. Adam's learning rate starts at 0.001 and
    falls along half a cosine curve to 0 at the end of the last epoch
    (``keras.optimizers.schedules.CosineDecay``), so that the last epochs
    fine-tune instead of jumping around. The two random layers shift every
    training image by up to 5% of its height and width (whole pixels, no
    blurring) and mirror it with probability 1/2; like dropout, they are
    active only in training and pass images through unchanged in
    ``predict`` and ``evaluate``.

    Each change to the course CNN has a switch, for experiments that turn
    them off one at a time (an ablation, ``bench/ablation.py``). With every
    switch off (``shift=False, flip=False, batchnorm=False, dropout=0,
    lr_decay=False``) the layers are those of :func:`course_cnn`, trained
    with Adam's constant rate of 0.001. The defaults build chapter 7's model
    exactly as before the switches existed.

    Parameters
    ----------
    batch_size : int, optional
        The batch size ``fit`` will be given (chapter 7: 32, as chapter 6).
    train_images : int, optional
        How many images ``fit`` trains on after the validation split
        (chapter 7: 54,000, the 60,000 training images less 10%).
    epochs : int, optional
        The most epochs ``fit`` will run (chapter 7: 12). With
        ``batch_size`` and ``train_images`` it sets the length of the
        learning-rate curve in optimizer steps, ``epochs *
        ceil(train_images / batch_size)``.
    shift : bool, optional
        Shift training images at random (``RandomTranslation``), by default
        True.
    flip : bool, optional
        Mirror training images at random (``RandomFlip``), by default True.
    batchnorm : bool, optional
        A ``BatchNormalization`` layer after each convolution, by default
        True.
    dropout : float, optional
        The rate of the ``Dropout`` layer before the output layer, by
        default 0.2; 0 leaves the layer out.
    lr_decay : bool, optional
        Let the learning rate fall along the cosine curve (True, the
        default) or keep Adam's constant 0.001 (False).

    Returns
    -------
    keras.Model

    Raises
    ------
    ValueError
        If ``batch_size``, ``train_images`` or ``epochs`` is not a positive
        whole number, a switch is not True or False, or ``dropout`` is not
        a number from 0 to below 1.

    Examples
    --------
    >>> len(improved_cnn().layers), len(improved_cnn(flip=False, dropout=0).layers)
    (12, 10)

    Introduced in chapter 7, Going further.
    """
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"epochs must be a positive whole number, got {epochs!r}")
    decay_steps = int(epochs) * steps_per_epoch(train_images, batch_size)
    shift = _check_switch("shift", shift)
    flip = _check_switch("flip", flip)
    batchnorm = _check_switch("batchnorm", batchnorm)
    lr_decay = _check_switch("lr_decay", lr_decay)
    if (
        isinstance(dropout, (bool, np.bool_))
        or not isinstance(dropout, (int, float, np.integer, np.floating))
        or not 0 <= dropout < 1
    ):
        raise ValueError(f"dropout must be a number from 0 to below 1, got {dropout!r}")
    import keras
    from keras import layers

    stack = [keras.Input(shape=INPUT_SHAPE)]
    if shift:
        stack.append(
            layers.RandomTranslation(
                0.05, 0.05, fill_mode="constant", interpolation="nearest", name="shift"
            )
        )
    if flip:
        stack.append(layers.RandomFlip("horizontal", name="flip"))
    for i, filters in ((1, 32), (2, 64)):
        stack.append(
            layers.Conv2D(filters, (3, 3), padding="same", activation="relu", name=f"conv{i}")
        )
        if batchnorm:
            stack.append(layers.BatchNormalization(name=f"norm{i}"))
        stack.append(layers.MaxPooling2D((2, 2), strides=2, name=f"pool{i}"))
    stack += [layers.Flatten(name="flatten"), layers.Dense(128, activation="relu", name="dense")]
    if dropout:
        stack.append(layers.Dropout(float(dropout), name="dropout"))
    stack.append(layers.Dense(NUM_CLASSES, activation="softmax", name="output"))
    model = keras.Sequential(stack, name="improved_cnn")
    if lr_decay:
        rate = keras.optimizers.schedules.CosineDecay(1e-3, decay_steps=decay_steps)
    else:
        rate = 1e-3
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=steps_per_execution(),
    )
    return model


def lenet5():
    """LeNet-5 (LeCun et al., 1998) for 28 x 28 images, compiled.

    ``C1 Conv2D(6, 5x5, same, tanh) -> S2 AveragePooling2D(2) -> C3 Conv2D(16,
    5x5, tanh) -> S4 AveragePooling2D(2) -> C5 Conv2D(120, 5x5, tanh) ->
    Flatten -> F6 Dense(84, tanh) -> Dense(10, softmax)``, with Adam and
    sparse categorical cross-entropy. Height and width go 28 -> 14 -> 10 ->
    5 -> 1. The original read 32 x 32 images without padding; padding C1 by
    two pixels on every side gives the same shapes from C1 on. Two
    simplifications, as usual today: C3 reads all six maps of S2 (the
    original connected each of its maps to a chosen few) and the output is a
    softmax layer instead of radial basis functions. It has 61,706
    parameters.

    Returns
    -------
    keras.Model

    Introduced in chapter 5, Many filters, channels and layers.
    """
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE),
            layers.Conv2D(6, (5, 5), padding="same", activation="tanh", name="c1"),
            layers.AveragePooling2D((2, 2), strides=2, name="s2"),
            layers.Conv2D(16, (5, 5), activation="tanh", name="c3"),
            layers.AveragePooling2D((2, 2), strides=2, name="s4"),
            layers.Conv2D(120, (5, 5), activation="tanh", name="c5"),
            layers.Flatten(name="flatten"),
            layers.Dense(84, activation="tanh", name="f6"),
            layers.Dense(NUM_CLASSES, activation="softmax", name="output"),
        ],
        name="lenet5",
    )
    return _compile(model)


# --- Layers with hand-set weights: the chapters compare them with ops ---


def _fixed_conv(kind, kernel, ndim_in, bias, strides, padding):
    import keras

    kernel = np.asarray(kernel, dtype=np.float32)
    shapes = {
        1: "(k,) or (k, C_in, C_out)",
        2: "(kh, kw) or (kh, kw, C_in, C_out)",
    }[ndim_in]
    if kernel.ndim == ndim_in:
        kernel = kernel.reshape(kernel.shape + (1, 1))
    if kernel.ndim != ndim_in + 2:
        raise ValueError(f"kernel must have shape {shapes}, got shape {kernel.shape}")
    filters = kernel.shape[-1]
    bias = np.broadcast_to(np.asarray(bias, dtype=np.float32), (filters,))
    layer_cls = {1: keras.layers.Conv1D, 2: keras.layers.Conv2D}[ndim_in]
    layer = layer_cls(
        filters,
        kernel.shape[:ndim_in],
        strides=strides,
        padding=padding,
        name=kind,
    )
    layer.build((None,) + (None,) * ndim_in + (kernel.shape[-2],))
    layer.set_weights([kernel, bias.copy()])
    layer.trainable = False
    return layer


def conv1d_layer(kernel, bias=0.0, strides=1, padding="valid"):
    """A Keras ``Conv1D`` layer whose kernel is set by hand.

    Parameters
    ----------
    kernel : array_like
        Shape ``(k,)`` for one filter on one channel, or ``(k, C_in, C_out)``.
    bias : float or array_like, optional
        One value, or one per filter, by default 0.
    strides : int, optional
        By default 1.
    padding : {"valid", "same"}, optional
        By default ``"valid"``.

    Returns
    -------
    keras.layers.Conv1D
        Built and frozen; call it on a batch of shape ``(N, L, C_in)``.

    Introduced in chapter 2, Convolution.
    """
    return _fixed_conv("hand_made_conv1d", kernel, 1, bias, strides, padding)


def conv2d_layer(kernel, bias=0.0, strides=1, padding="valid"):
    """A Keras ``Conv2D`` layer whose kernel is set by hand.

    Parameters
    ----------
    kernel : array_like
        Shape ``(kh, kw)`` for one filter on one channel, or
        ``(kh, kw, C_in, C_out)``.
    bias : float or array_like, optional
        One value, or one per filter, by default 0.
    strides : int or tuple of int, optional
        By default 1.
    padding : {"valid", "same"}, optional
        By default ``"valid"``.

    Returns
    -------
    keras.layers.Conv2D
        Built and frozen; call it on a batch of shape ``(N, H, W, C_in)``.

    Introduced in chapter 2, Convolution.
    """
    return _fixed_conv("hand_made_conv2d", kernel, 2, bias, strides, padding)


def apply(layer, x):
    """Run one example through a layer and return a NumPy array.

    Adds the batch axis Keras expects and removes it from the result.

    Parameters
    ----------
    layer : keras.layers.Layer or keras.Model
    x : array_like
        One example without batch axis, for example ``(H, W, C)``.

    Returns
    -------
    numpy.ndarray

    Introduced in chapter 2, Convolution.
    """
    import keras

    batch = np.asarray(x, dtype=np.float32)[None]
    return keras.ops.convert_to_numpy(layer(batch))[0]


def padded_conv2d(kernel, padding, strides=1, bias=0.0):
    """A hand-set Keras convolution for every padding rule of ``ops.conv2d``.

    Keras' ``Conv2D`` knows only ``padding="valid"`` and ``"same"``. For an
    explicit padding of ``p`` zeros on every side this returns
    ``ZeroPadding2D(p)`` followed by a ``Conv2D`` with ``padding="valid"``.

    Parameters
    ----------
    kernel : array_like
        As in :func:`conv2d_layer`.
    padding : {"valid", "same"} or int
        The padding rule; an int ``p >= 0`` means ``p`` zeros on every side.
    strides : int or tuple of int, optional
        By default 1.
    bias : float or array_like, optional
        By default 0.

    Returns
    -------
    keras.layers.Conv2D or keras.Sequential
        Call it (or use :func:`apply`) on a batch ``(N, H, W, C_in)``.

    Raises
    ------
    ValueError
        For a padding that is neither "valid", "same" nor an int >= 0.

    Introduced in chapter 3, Padding and stride.
    """
    import keras

    if padding in ("valid", "same"):
        return conv2d_layer(kernel, bias=bias, strides=strides, padding=padding)
    if isinstance(padding, bool) or not isinstance(padding, int) or padding < 0:
        raise ValueError(f'padding must be "valid", "same" or an int >= 0, got {padding!r}')
    return keras.Sequential(
        [
            keras.layers.ZeroPadding2D(padding),
            conv2d_layer(kernel, bias=bias, strides=strides, padding="valid"),
        ],
        name="zero_padding_then_conv2d",
    )


def receptive_field_mask(layers, size=16):
    """The input pixels that one output value of a stack of layers sees.

    Builds the stack in Keras: a layer ``(k, 1)`` becomes a ``Conv2D(1, k)``
    whose weights are all 1 and whose bias is 0, a layer ``(k, s)`` with
    ``s > 1`` a ``MaxPooling2D(k, s)`` (a pooling layer and a strided
    convolution see the same pixels). Then it sends ``size * size`` images
    through the stack in one batch, each black with a single white pixel,
    and marks the pixels whose image reaches the top-left output value.
    All weights are positive, so a pixel reaches it exactly when it lies in
    its receptive field: the mask is that field, measured, not computed
    with :func:`lessons_lib.ops.receptive_field`.

    Parameters
    ----------
    layers : sequence of (int, int)
        ``(k, s)`` for every layer from the input up, as in
        :func:`lessons_lib.ops.receptive_field`.
    size : int, optional
        Height and width of the test images, by default 16.

    Returns
    -------
    numpy.ndarray of bool
        Shape ``(size, size)``, True where the pixel is seen.

    Raises
    ------
    ValueError
        For a malformed layer, or when the stack leaves no output value of
        a ``size`` x ``size`` input.

    Introduced in chapter 5, Many filters, channels and layers.
    """
    import keras

    from . import ops

    ops.receptive_field(layers)  # checks every (k, s)
    n = size
    for i, (k, s) in enumerate(layers):
        if k > n:
            raise ValueError(
                f"layers[{i}] has a {k}x{k} window but receives only {n}x{n} "
                f"values from a {size}x{size} input; expected a larger size"
            )
        n = ops.output_size(n, k, stride=s)
    stack = [keras.Input((size, size, 1))]
    for k, s in layers:
        if s == 1:
            stack.append(
                keras.layers.Conv2D(1, k, kernel_initializer="ones", bias_initializer="zeros")
            )
        else:
            stack.append(keras.layers.MaxPooling2D(k, strides=s))
    model = keras.Sequential(stack)
    impulses = np.eye(size * size, dtype="float32").reshape(-1, size, size, 1)
    reached = keras.ops.convert_to_numpy(model(impulses))[:, 0, 0, 0] > 0
    return reached.reshape(size, size)


# --- Experiments: shifted images, an all-convolutional head, quick training ---


def all_conv_cnn():
    """The course CNN with an all-convolutional head, compiled.

    The convolution body of :func:`course_cnn` (``Conv2D(32) -> MaxPooling2D
    -> Conv2D(64) -> MaxPooling2D``, 28 -> 14 -> 7), then a 1x1 convolution
    ``Conv2D(10, 1x1)`` that turns the 64 channels of every one of the 7 x 7
    positions into 10 class scores, ``GlobalAveragePooling2D``, which
    averages each class's 7 x 7 scores into one number, and softmax. The
    head has no weights per position: a 1x1 convolution uses the same 64 x
    10 weights at every position, and the average forgets where a score
    was. It replaces ``Flatten -> Dense(128) -> Dense(10)``, which holds
    about 95% of the course CNN's parameters.

    Returns
    -------
    keras.Model
        Layers ``conv1``, ``pool1``, ``conv2``, ``pool2``, ``conv1x1``,
        ``average`` and ``output``; 19,466 parameters against the course
        CNN's 421,642.

    Examples
    --------
    >>> all_conv_cnn().count_params(), (64 * 1 * 1 + 1) * 10
    (19466, 650)

    Introduced in chapter 7, Going further.
    """
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE),
            *_convolution_body(3),
            layers.Conv2D(NUM_CLASSES, (1, 1), name="conv1x1"),
            layers.GlobalAveragePooling2D(name="average"),
            layers.Activation("softmax", name="output"),
        ],
        name="all_conv_cnn",
    )
    return _compile(model)


#: Which way :func:`shift_accuracy` moves the images: (dx, dy) per pixel.
DIRECTIONS = {"right": (1, 0), "left": (-1, 0), "down": (0, 1), "up": (0, -1)}


def _images_and_labels(images, labels):
    from . import ops

    images = ops.image_batch(images)
    labels = np.asarray(labels).ravel()
    if labels.shape != (len(images),):
        raise ValueError(
            f"labels must hold one label per image ({len(images)}), got {labels.size} labels"
        )
    return images, labels


def shift_accuracy(model, images, labels, shifts=range(5), direction="right"):
    """A model's accuracy on the same images shifted by 0, 1, 2, ... pixels.

    Every image is moved by whole pixels with :func:`lessons_lib.ops.shift_images`
    (the border that comes in is black, nothing wraps around), once per
    shift, and the model predicts each shifted set in one ``predict`` call.
    A model that only cares *what* is in the image, not *where*, keeps its
    accuracy; one with weights per position loses it.

    Parameters
    ----------
    model : keras.Model
        A trained classifier (anything with ``predict(x, verbose=0)`` that
        returns one row of class scores per image).
    images : array_like
        Shape ``(N, H, W)`` or ``(N, H, W, C)``, for example test images.
    labels : array_like of int
        One label per image.
    shifts : iterable of int, optional
        Shifts in pixels, each ``>= 0``, by default 0 to 4.
    direction : {"right", "left", "down", "up"}, optional
        Which way the images move, by default ``"right"``.

    Returns
    -------
    dict
        ``{shift: accuracy}`` in the order of ``shifts``; accuracies are
        floats from 0 to 1.

    Raises
    ------
    ValueError
        For a malformed ``images`` or ``labels``, an unknown ``direction``,
        a shift that is not a whole number ``>= 0`` or not smaller than the
        image, or a model without ``predict``.

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    from . import ops

    if direction not in DIRECTIONS:
        raise ValueError(
            f"direction must be one of {', '.join(map(repr, DIRECTIONS))}, got {direction!r}"
        )
    if not callable(getattr(model, "predict", None)):
        raise ValueError(f"model must have a predict method, got {type(model).__name__}")
    images, labels = _images_and_labels(images, labels)
    try:
        shifts = list(shifts)
    except TypeError:
        raise ValueError(f"shifts must be a sequence of whole numbers, got {shifts!r}") from None
    if not shifts:
        raise ValueError("shifts must hold at least one shift, got none")
    for i, s in enumerate(shifts):
        if isinstance(s, (bool, np.bool_)) or not isinstance(s, (int, np.integer)) or s < 0:
            raise ValueError(f"shifts[{i}] must be a whole number >= 0, got {s!r}")
    dx, dy = DIRECTIONS[direction]
    accuracies = {}
    for s in shifts:
        moved = ops.shift_images(images, dx * int(s), dy * int(s))
        scores = np.asarray(model.predict(moved, verbose=0))
        accuracies[int(s)] = float(np.mean(scores.argmax(axis=1) == labels))
    return accuracies


def _whole(name, value, minimum=1):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return int(value)


def _schedule_arguments(build):
    """Which of improved_cnn's learning-rate arguments ``build`` accepts."""
    import inspect

    try:
        params = inspect.signature(build).parameters
    except (TypeError, ValueError):
        return set()
    return {"batch_size", "train_images", "epochs"} & set(params)


#: What :func:`quick_fit` returns.
QuickFit = namedtuple("QuickFit", "val_accuracy seconds history model")
QuickFit.__doc__ = """One quick training: ``val_accuracy`` (0 to 1, on the held-out
part of the subset), ``seconds`` (the time ``fit`` took), ``history`` (the
``History.history`` dict) and the trained ``model``."""


def quick_fit(
    model,
    x,
    y,
    *,
    images=12_000,
    epochs=2,
    batch_size=32,
    validation_split=0.1,
    seed=0,
    callbacks=None,
):
    """Train a model on a random subset of the data, for experiments.

    Takes ``images`` images at random (the same ones for the same ``seed``),
    keeps the last ``validation_split`` of them for validation, as ``fit``
    does, and trains for ``epochs`` epochs. Then measures the accuracy on
    the validation images with the model's final weights (the best ones
    when an ``EarlyStopping`` callback restores them). On two processor
    cores the course CNN trains in less than 20 seconds with the defaults
    (11 s measured while other jobs shared the cores): quick enough to try
    several ideas. Its numbers are rough: at an accuracy of 0.9, 1,200
    validation images have a standard error of about 0.9 points, so
    differences of a point or two may be luck; and after two short epochs
    some changes (batch normalisation, a learning rate that falls to 0)
    have not yet shown what they do over a whole training.

    Parameters
    ----------
    model : keras.Model or callable
        A compiled model, or a function that builds one (such as
        ``models.course_cnn``, or ``functools.partial(models.improved_cnn,
        flip=False)``). A function is called after the seed is set, so its
        initial weights depend on ``seed`` only; when it takes
        ``batch_size``, ``train_images`` and ``epochs`` (as
        :func:`improved_cnn` does, for its learning-rate curve), it is given
        those of this training.
    x, y : array_like
        Images ``(N, 28, 28, 1)`` and their labels, for example the whole
        training set.
    images : int or None, optional
        How many images to use, validation included; by default 12,000.
        ``None`` uses all of ``x`` in its own order, as a chapter's ``fit``
        does (the validation images are then the same as the chapter's).
    epochs : int, optional
        By default 2.
    batch_size : int, optional
        By default 32, as in the chapters. Larger batches mean fewer steps:
        with batch size 64 and the other defaults, chapter 7's model
        reaches a training accuracy of 0.84 but a validation accuracy of
        only 0.34, because the running means and variances that batch
        normalisation uses in ``predict`` lag behind weights that still
        change fast (measured; with 32 it reaches 0.87).
    validation_split : float, optional
        The share of the subset held back for validation, above 0 and
        below 1; by default 0.1.
    seed : int, optional
        Seeds the choice of the images and Keras' random numbers; by
        default 0.
    callbacks : list, optional
        Keras callbacks for ``fit``, for example ``EarlyStopping``.

    Returns
    -------
    QuickFit
        ``(val_accuracy, seconds, history, model)``.

    Raises
    ------
    ValueError
        For an argument out of range (naming it), more ``images`` than
        ``x`` holds, or a subset too small to keep a validation image.

    Introduced in chapter 7, Going further.
    """
    import time

    import keras

    x, y = _images_and_labels(x, y)
    everything = images is None
    images = len(x) if everything else _whole("images", images)
    epochs = _whole("epochs", epochs)
    batch_size = _whole("batch_size", batch_size)
    seed = _whole("seed", seed, minimum=0)
    if images > len(x):
        raise ValueError(f"images must be at most the {len(x)} images of x, got {images}")
    if (
        isinstance(validation_split, (bool, np.bool_))
        or not isinstance(validation_split, (int, float, np.floating))
        or not 0 < validation_split < 1
    ):
        raise ValueError(
            f"validation_split must be a number above 0 and below 1, got {validation_split!r}"
        )
    # Keras' own rule: the validation part is the last floor(n * (1 - split)) onwards.
    train_images = int(images * (1 - validation_split))
    if not 1 <= train_images < images:
        raise ValueError(
            f"images={images} with validation_split={validation_split} leaves "
            f"{train_images} training and {images - train_images} validation images; "
            "expected at least one of each"
        )
    if callbacks is not None and not isinstance(callbacks, (list, tuple)):
        raise ValueError(f"callbacks must be a list of Keras callbacks, got {callbacks!r}")
    if everything:
        x_part, y_part = x, y
    else:
        chosen = np.random.default_rng(seed).permutation(len(x))[:images]
        x_part, y_part = x[chosen], y[chosen]
    keras.utils.set_random_seed(seed)
    if not isinstance(model, keras.Model):
        if not callable(model):
            raise ValueError(
                f"model must be a Keras model or a function that builds one, got {model!r}"
            )
        wanted = _schedule_arguments(model)
        given = {"batch_size": batch_size, "train_images": train_images, "epochs": epochs}
        model = model(**{k: v for k, v in given.items() if k in wanted})
        if not isinstance(model, keras.Model):
            raise ValueError(f"model must build a Keras model, but it returned {model!r}")
    start = time.perf_counter()
    history = model.fit(
        x_part,
        y_part,
        epochs=epochs,
        batch_size=batch_size,
        validation_split=validation_split,
        callbacks=list(callbacks or []),
        verbose=0,
    )
    seconds = time.perf_counter() - start
    x_val, y_val = x_part[train_images:], y_part[train_images:]
    scores = np.asarray(model.predict(x_val, verbose=0))
    val_accuracy = float(np.mean(scores.argmax(axis=1) == y_val))
    return QuickFit(val_accuracy, seconds, dict(history.history), model)


def course_cnn_kernel(size):
    """The course CNN with ``size`` x ``size`` kernels in both convolutions, compiled.

    For the experiment "3x3, 5x5 or 7x7: which kernel pays off?". Everything
    else is :func:`course_cnn`: ``"same"`` padding keeps 28 -> 14 -> 7, so
    only the two convolution layers change, from ``(3 * 3 * c_in + 1) *
    c_out`` parameters to ``(size * size * c_in + 1) * c_out``.

    Parameters
    ----------
    size : int
        An odd kernel size from 1 to 27 (odd, so that the kernel has a
        centre pixel).

    Returns
    -------
    keras.Model
        Named ``course_cnn_{size}x{size}``; ``course_cnn_kernel(3)`` is
        :func:`course_cnn` itself (same name and configuration), so an
        experiment that trains both the same way trains one model.

    Raises
    ------
    ValueError
        If ``size`` is not an odd whole number from 1 to 27.

    Examples
    --------
    >>> [course_cnn_kernel(k).count_params() for k in (3, 5, 7)]
    [421642, 454922, 504842]

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    if (
        isinstance(size, (bool, np.bool_))
        or not isinstance(size, (int, np.integer))
        or not 1 <= size <= 27
        or size % 2 == 0
    ):
        raise ValueError(f"size must be an odd whole number from 1 to 27, got {size!r}")
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE),
            *_convolution_body(size),
            layers.Flatten(name="flatten"),
            layers.Dense(128, activation="relu", name="dense"),
            layers.Dense(NUM_CLASSES, activation="softmax", name="output"),
        ],
        name="course_cnn" if size == 3 else f"course_cnn_{size}x{size}",
    )
    return _compile(model)


def dense_wide(units=512):
    """A dense network with one wide hidden layer, compiled: a control for the CNN.

    ``Flatten(28x28x1) -> Dense(units, relu) -> Dense(10, softmax)``, the
    dense baseline of chapter 1 with more units. With 512 units it has
    407,050 parameters, about as many as the course CNN's 421,642, so the
    two can be compared at equal size: is it the number of parameters that
    makes the CNN better, or what it does with them?

    Parameters
    ----------
    units : int, optional
        Units of the hidden layer, by default 512.

    Returns
    -------
    keras.Model
        Named ``dense_wide``.

    Raises
    ------
    ValueError
        If ``units`` is not a whole number >= 1.

    Examples
    --------
    >>> dense_wide().count_params(), (28 * 28 + 1) * 512 + (512 + 1) * 10
    (407050, 407050)

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    units = _whole("units", units)
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE),
            layers.Flatten(name="flatten"),
            layers.Dense(units, activation="relu", name="dense"),
            layers.Dense(NUM_CLASSES, activation="softmax", name="output"),
        ],
        name="dense_wide",
    )
    return _compile(model)


def summary(model):
    """Print ``model``'s layers as one plain table, in the reader's language and number format.

    The same table as Keras' ``model.summary()``: each layer with its type,
    the shape of its output (as Python prints it, ``None`` for the batch)
    and its number of parameters, then the total, split into trainable and
    non-trainable parameters. Unlike ``model.summary()`` it prints no
    colours and no boxes, as one block of text, with the column titles in
    the current language (:func:`lessons_lib.i18n.set_language`) and the
    counts in its number format (``18 496`` in Russian, ``18.496`` in Dutch).

    Parameters
    ----------
    model : keras.Model
        A built model, such as :func:`course_cnn` returns.

    Raises
    ------
    ValueError
        If ``model`` is not a Keras model or has not been built yet.

    Examples
    --------
    >>> summary(dense_baseline())
    Model: dense_baseline
    Layer (type)       Output shape  Parameters
    -------------------------------------------
    flatten (Flatten)  (None, 784)            0
    dense (Dense)      (None, 128)      100,480
    output (Dense)     (None, 10)         1,290
    -------------------------------------------
    Total parameters: 101,770 (trainable: 101,770; non-trainable: 0)

    Introduced in chapter 1, Images and a dense baseline.
    """
    import keras

    from . import i18n

    if not isinstance(model, keras.Model):
        raise ValueError(f"model must be a Keras model, got {type(model).__name__} {model!r}")
    if not model.built:
        raise ValueError(
            f"model must be built (give it a keras.Input or call it on data once), "
            f"got the unbuilt model {model.name!r}"
        )

    def count(weights):
        return sum(int(np.prod(w.shape)) for w in weights)

    rows = []
    for layer in model.layers:
        try:
            shape = str(tuple(layer.output.shape))
        except (AttributeError, ValueError):  # a layer used more than once has no single output
            shape = "?"
        rows.append(
            (f"{layer.name} ({type(layer).__name__})", shape, i18n.number(layer.count_params()))
        )
    head = (i18n.t("summary_layer"), i18n.t("summary_shape"), i18n.t("summary_params"))
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]

    def line(cells):
        return f"{cells[0]:<{widths[0]}}  {cells[1]:<{widths[1]}}  {cells[2]:>{widths[2]}}"

    rule = "-" * (sum(widths) + 4)
    trainable = count(model.trainable_weights)
    total = count(model.weights)
    text = [i18n.t("summary_model", name=model.name), line(head), rule]
    text += [line(r) for r in rows]
    text += [
        rule,
        i18n.t(
            "summary_total",
            total=i18n.number(total),
            trainable=i18n.number(trainable),
            frozen=i18n.number(total - trainable),
        ),
    ]
    print("\n".join(text))
