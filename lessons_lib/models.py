"""The course's Keras models, and convolution layers with hand-set kernels.

Only Keras 3 is used here, never TensorFlow directly, so every model runs on
the TensorFlow, JAX and PyTorch backends.
"""

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
            layers.Conv2D(32, (3, 3), padding="same", activation="relu", name="conv1"),
            layers.MaxPooling2D((2, 2), strides=2, name="pool1"),
            layers.Conv2D(64, (3, 3), padding="same", activation="relu", name="conv2"),
            layers.MaxPooling2D((2, 2), strides=2, name="pool2"),
            layers.Flatten(name="flatten"),
            layers.Dense(128, activation="relu", name="dense"),
            layers.Dense(NUM_CLASSES, activation="softmax", name="output"),
        ],
        name="course_cnn",
    )
    return _compile(model)


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


def improved_cnn(batch_size=32, train_images=54_000, epochs=12):
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

    Returns
    -------
    keras.Model

    Raises
    ------
    ValueError
        If ``batch_size``, ``train_images`` or ``epochs`` is not a positive
        whole number.

    """
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
