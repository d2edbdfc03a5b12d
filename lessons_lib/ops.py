"""Convolution, padding and pooling in plain NumPy.

These functions are the reference the chapters teach with. They compute
exactly what the Keras layers ``Conv1D``, ``Conv2D``, ``MaxPooling2D`` and
``AveragePooling2D`` compute (channels last, no batch axis), so a student can
check every layer by hand. Like Keras, "convolution" here is
cross-correlation: the kernel is not flipped.

``padding`` is ``"valid"`` (no padding), ``"same"`` (Keras' rule: the output
has ``ceil(n / stride)`` positions, the padding is split with the extra zero
at the end) or a non-negative int (that many zeros on every side).

The last section holds helpers for experiments on a trained model:
:func:`shift_images`, :func:`occlusion_map` and :func:`top_patches`. The
last two run the model (``predict``), and compute everything else in NumPy.
"""

import math
from collections import namedtuple
from numbers import Integral

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = [
    "output_size",
    "same_padding",
    "Geometry",
    "geometry",
    "coverage",
    "formula",
    "pad",
    "conv1d",
    "conv2d",
    "max_pool2d",
    "avg_pool2d",
]


def _check_int(name, value, minimum):
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(
            f"{name} must be an int >= {minimum}, got {value!r} of type {type(value).__name__}"
        )
    if value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value}")
    return int(value)


def _pair(name, value, minimum):
    """Return ``(a, b)`` from an int or a pair of ints, checked."""
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(
                f"{name} must be an int or a pair of ints, got {value!r} with {len(value)} entries"
            )
        return tuple(_check_int(name, v, minimum) for v in value)
    v = _check_int(name, value, minimum)
    return (v, v)


def _check_padding(padding):
    if isinstance(padding, str):
        if padding not in ("valid", "same"):
            raise ValueError(f'padding must be "valid", "same" or an int >= 0, got {padding!r}')
        return padding
    return _check_int("padding", padding, 0)


def _as_array(name, x):
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be an array of numbers, got {type(x).__name__}") from err
    return arr


def same_padding(n, k, stride=1):
    """Zeros added before and after one axis by Keras' ``padding="same"``.

    Parameters
    ----------
    n : int
        Input length along the axis.
    k : int
        Kernel (or pooling window) length along the axis.
    stride : int, optional
        Step of the kernel, by default 1.

    Returns
    -------
    tuple of int
        ``(before, after)``; when the total is odd the extra zero goes after.

    Examples
    --------
    >>> same_padding(6, 3)
    (1, 1)
    >>> same_padding(6, 2)
    (0, 1)

    Introduced in chapter 3, Padding and stride.
    """
    n = _check_int("n", n, 1)
    k = _check_int("k", k, 1)
    stride = _check_int("stride", stride, 1)
    out = math.ceil(n / stride)
    total = max((out - 1) * stride + k - n, 0)
    return total // 2, total - total // 2


def output_size(n, k, stride=1, padding="valid"):
    """Length of a convolution or pooling output along one axis.

    ``floor((n + 2p - k) / stride) + 1`` for an explicit padding ``p``
    (``"valid"`` is ``p = 0``), and ``ceil(n / stride)`` for ``"same"``.

    Parameters
    ----------
    n : int
        Input length (for example the height of the image).
    k : int
        Kernel length.
    stride : int, optional
        Step between two positions of the kernel, by default 1.
    padding : {"valid", "same"} or int, optional
        Padding rule, by default ``"valid"``.

    Returns
    -------
    int
        Number of output positions.

    Raises
    ------
    ValueError
        If an argument is not a positive int (``padding``: not a known rule)
        or if the kernel does not fit into the padded input.

    Examples
    --------
    >>> output_size(6, 3)
    4
    >>> output_size(28, 3, padding="same")
    28
    >>> output_size(7, 3, stride=2, padding=1)
    4

    Introduced in chapter 2, Convolution.
    """
    n = _check_int("n", n, 1)
    k = _check_int("k", k, 1)
    stride = _check_int("stride", stride, 1)
    padding = _check_padding(padding)
    if padding == "same":
        return math.ceil(n / stride)
    p = 0 if padding == "valid" else padding
    if k > n + 2 * p:
        raise ValueError(
            f"kernel size k={k} is larger than the padded input "
            f"n + 2*padding = {n + 2 * p}; expected k <= {n + 2 * p}"
        )
    return (n + 2 * p - k) // stride + 1


Geometry = namedtuple("Geometry", "n k stride padding before after size out starts")
Geometry.__doc__ = """Where a kernel lands along one axis of a padded input.

Fields: ``n`` input length, ``k`` kernel length, ``stride``, ``padding``
(as given), ``before``/``after`` zeros added at the start/end, ``size`` the
padded length ``n + before + after``, ``out`` the number of output positions
and ``starts`` the index in the padded input where each window begins.
"""


def geometry(n, k, stride=1, padding="valid"):
    """Where the windows of a kernel lie on a zero-padded input (one axis).

    Parameters
    ----------
    n : int
        Input length (height or width of a square image).
    k : int
        Kernel length.
    stride : int, optional
        Step of the kernel, by default 1.
    padding : {"valid", "same"} or int, optional
        Padding rule as in :func:`lessons_lib.ops.conv2d`, by default
        ``"valid"``.

    Returns
    -------
    Geometry

    Raises
    ------
    ValueError
        For arguments :func:`lessons_lib.ops.output_size` rejects, for
        example a kernel larger than the padded input.

    Examples
    --------
    >>> geometry(6, 3, stride=2, padding="same")
    Geometry(n=6, k=3, stride=2, padding='same', before=0, after=1, size=7, out=3, starts=(0, 2, 4))

    Introduced in chapter 3, Padding and stride.
    """
    out = output_size(n, k, stride=stride, padding=padding)
    if padding == "same":
        before, after = same_padding(n, k, stride)
    else:
        before = after = 0 if padding == "valid" else int(padding)
    starts = tuple(range(0, out * stride, stride))
    return Geometry(
        int(n), int(k), int(stride), padding, before, after, n + before + after, out, starts
    )


def coverage(n, k, stride=1, padding="valid"):
    """How many positions of the kernel use each pixel of an n x n input.

    Parameters
    ----------
    n, k, stride, padding
        As in :func:`geometry`.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, n)``, dtype int: entry ``(i, j)`` is the number of
        output values that pixel ``(i, j)`` contributes to. The padding's
        zeros are not counted.

    Examples
    --------
    >>> coverage(4, 3)
    array([[1, 2, 2, 1],
           [2, 4, 4, 2],
           [2, 4, 4, 2],
           [1, 2, 2, 1]])

    Introduced in chapter 3, Padding and stride.
    """
    g = geometry(n, k, stride, padding)
    along = np.zeros(g.size, dtype=int)
    for s in g.starts:
        along[s : s + g.k] += 1
    along = along[g.before : g.before + g.n]
    return np.outer(along, along)


def formula(n, k, stride=1, padding="valid"):
    """The output-size formula with the numbers filled in, as text.

    ``⌊(n + 2·p − k) / s⌋ + 1`` for ``"valid"`` (``p = 0``) and an int
    ``p``; for ``"same"`` the zeros Keras adds before and after are written
    separately, followed by Keras' shortcut ``⌈n / s⌉``.

    Parameters
    ----------
    n, k, stride, padding
        As in :func:`geometry`.

    Returns
    -------
    str

    Examples
    --------
    >>> formula(6, 3, stride=2, padding=1)
    '⌊(6 + 2·1 − 3) / 2⌋ + 1 = 3'
    >>> formula(6, 3, stride=2, padding="same")
    '⌊(6 + 0 + 1 − 3) / 2⌋ + 1 = ⌈6 / 2⌉ = 3'

    Introduced in chapter 3, Padding and stride.
    """
    g = geometry(n, k, stride, padding)
    if padding == "same":
        return (
            f"⌊({g.n} + {g.before} + {g.after} − {g.k}) / {g.stride}⌋ + 1"
            f" = ⌈{g.n} / {g.stride}⌉ = {g.out}"
        )
    return f"⌊({g.n} + 2·{g.before} − {g.k}) / {g.stride}⌋ + 1 = {g.out}"


def pad(x, width, value=0):
    """Add a border of ``value`` around the height and width of an image.

    Parameters
    ----------
    x : array_like
        Image of shape ``(H, W)`` or ``(H, W, C)``; channels are not padded.
    width : int or tuple
        ``p`` for ``p`` values on every side, ``(ph, pw)`` for ``ph`` rows on
        top and bottom and ``pw`` columns left and right, or
        ``((top, bottom), (left, right))``.
    value : float, optional
        The fill value, by default 0 (zero padding).

    Returns
    -------
    numpy.ndarray
        The padded image, same dtype as ``x``.

    Examples
    --------
    >>> pad([[1, 2], [3, 4]], 1)
    array([[0, 0, 0, 0],
           [0, 1, 2, 0],
           [0, 3, 4, 0],
           [0, 0, 0, 0]])

    Introduced in chapter 3, Padding and stride.
    """
    x = np.asarray(x)
    if x.ndim not in (2, 3):
        raise ValueError(
            f"x must have shape (H, W) or (H, W, C), got shape {x.shape} with {x.ndim} dimensions"
        )
    if (
        isinstance(width, (tuple, list))
        and len(width) == 2
        and all(isinstance(w, (tuple, list)) for w in width)
    ):
        (top, bottom), (left, right) = (
            _pair("width", width[0], 0),
            _pair("width", width[1], 0),
        )
    else:
        ph, pw = _pair("width", width, 0)
        top = bottom = ph
        left = right = pw
    spec = [(top, bottom), (left, right)] + [(0, 0)] * (x.ndim - 2)
    return np.pad(x, spec, mode="constant", constant_values=value)


def _pad_for(x, kernel_hw, strides, padding, fill):
    """Pad ``x`` (H, W, C) for a window of ``kernel_hw`` under ``padding``."""
    (h, w), (kh, kw), (sh, sw) = x.shape[:2], kernel_hw, strides
    if padding == "same":
        spec = (same_padding(h, kh, sh), same_padding(w, kw, sw))
    else:
        p = 0 if padding == "valid" else padding
        spec = ((p, p), (p, p))
    padded = pad(x, spec, value=fill)
    ph, pw = padded.shape[:2]
    if kh > ph or kw > pw:
        raise ValueError(
            f"kernel of size {kh}x{kw} is larger than the "
            f"{'padded ' if padding != 'valid' else ''}input of size "
            f"{ph}x{pw} (padding={padding!r}); expected a kernel no larger "
            f"than the input, or padding='same'"
        )
    return padded


def _windows(x, window_hw, strides):
    """All windows of ``x`` (H, W, C) as an array (H', W', C, kh, kw)."""
    views = sliding_window_view(x, window_hw, axis=(0, 1))
    return views[:: strides[0], :: strides[1]]


def conv2d(image, kernel, stride=1, padding="valid", bias=0.0):
    """Slide a kernel over an image: a Keras ``Conv2D`` in NumPy.

    At every position the kernel's values are multiplied element-wise with
    the pixels under it and summed into one number of the feature map. This
    is cross-correlation, the operation Keras calls convolution.

    Parameters
    ----------
    image : array_like
        Shape ``(H, W)`` (one channel) or ``(H, W, C_in)``.
    kernel : array_like
        Shape ``(kh, kw)`` for a one-channel image, ``(kh, kw, C_in)`` for a
        single filter over all channels, or ``(kh, kw, C_in, C_out)`` for
        ``C_out`` filters (the layout of Keras' ``Conv2D`` kernel).
    stride : int or tuple of int, optional
        Step of the kernel, by default 1.
    padding : {"valid", "same"} or int, optional
        Padding rule, by default ``"valid"``.
    bias : float or array_like, optional
        Added to every output value; one value per filter. By default 0.

    Returns
    -------
    numpy.ndarray
        The feature map: ``(H', W')`` for a 2-D or 3-D kernel,
        ``(H', W', C_out)`` for a 4-D kernel, float64.

    Raises
    ------
    ValueError
        For a wrong number of dimensions, a channel mismatch, a kernel larger
        than the (padded) input, a stride below 1 or an unknown padding.

    Examples
    --------
    >>> conv2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]])
    array([[-4., -4.],
           [-4., -4.]])

    Introduced in chapter 2, Convolution.
    """
    image = _as_array("image", image)
    kernel = _as_array("kernel", kernel)
    strides = _pair("stride", stride, 1)
    padding = _check_padding(padding)
    if image.ndim not in (2, 3):
        raise ValueError(
            f"image must have shape (H, W) or (H, W, C_in), got shape "
            f"{image.shape} with {image.ndim} dimensions"
        )
    if kernel.ndim not in (2, 3, 4):
        raise ValueError(
            f"kernel must have shape (kh, kw), (kh, kw, C_in) or "
            f"(kh, kw, C_in, C_out), got shape {kernel.shape} with "
            f"{kernel.ndim} dimensions"
        )
    x = image if image.ndim == 3 else image[:, :, None]
    c_in = x.shape[2]
    squeeze = kernel.ndim < 4
    k = kernel.reshape(kernel.shape[:2] + (1, 1)) if kernel.ndim == 2 else kernel
    if k.ndim == 3:
        k = k[..., None]
    if k.shape[2] != c_in:
        raise ValueError(
            f"channel mismatch: image has {c_in} channel(s) (shape "
            f"{image.shape}) but kernel has {k.shape[2]} input channel(s) "
            f"(shape {kernel.shape}); expected equal numbers"
        )
    if min(k.shape[:2]) < 1 or min(x.shape[:2]) < 1:
        raise ValueError(
            f"image and kernel must not be empty, got image shape "
            f"{image.shape} and kernel shape {kernel.shape}"
        )
    bias = np.asarray(bias, dtype=np.float64)
    if bias.ndim > 1 or (bias.ndim == 1 and bias.shape[0] != k.shape[3]):
        raise ValueError(
            f"bias must be a number or hold one value per filter "
            f"({k.shape[3]}), got shape {bias.shape}"
        )
    padded = _pad_for(x, k.shape[:2], strides, padding, fill=0.0)
    windows = _windows(padded, k.shape[:2], strides)
    out = np.einsum("ijcab,abco->ijo", windows, k) + bias
    return out[:, :, 0] if squeeze else out


def conv1d(x, kernel, stride=1, padding="valid", bias=0.0):
    """Slide a kernel along a sequence: a Keras ``Conv1D`` in NumPy.

    Parameters
    ----------
    x : array_like
        Shape ``(L,)`` (one channel) or ``(L, C_in)``.
    kernel : array_like
        Shape ``(k,)``, ``(k, C_in)`` or ``(k, C_in, C_out)`` (the layout of
        Keras' ``Conv1D`` kernel).
    stride : int, optional
        Step of the kernel, by default 1.
    padding : {"valid", "same"} or int, optional
        Padding rule, by default ``"valid"``.
    bias : float or array_like, optional
        Added to every output value, one value per filter. By default 0.

    Returns
    -------
    numpy.ndarray
        ``(L',)`` for a 1-D or 2-D kernel, ``(L', C_out)`` for a 3-D kernel.

    Raises
    ------
    ValueError
        As :func:`conv2d`.

    Examples
    --------
    >>> conv1d([0, 0, 0, 1, 1, 0, 0, 0], [0, 1, 0])
    array([0., 0., 1., 1., 0., 0.])

    Introduced in chapter 2, Convolution.
    """
    x = _as_array("x", x)
    kernel = _as_array("kernel", kernel)
    if x.ndim not in (1, 2):
        raise ValueError(
            f"x must have shape (L,) or (L, C_in), got shape {x.shape} with {x.ndim} dimensions"
        )
    if kernel.ndim not in (1, 2, 3):
        raise ValueError(
            f"kernel must have shape (k,), (k, C_in) or (k, C_in, C_out), "
            f"got shape {kernel.shape} with {kernel.ndim} dimensions"
        )
    stride = _check_int("stride", stride, 1)
    x2 = x[None, :] if x.ndim == 1 else x[None, :, :]
    k2 = kernel[None, :] if kernel.ndim == 1 else kernel[None]
    if x.ndim == 2 and kernel.ndim == 1:
        k2 = k2[..., None]
    padding = _check_padding(padding)
    length, k = x2.shape[1], k2.shape[1]
    p = {"valid": 0, "same": None}.get(padding, padding)
    if p is not None and k > length + 2 * p:
        raise ValueError(
            f"kernel of length {k} is larger than the "
            f"{'padded ' if p else ''}input of length {length + 2 * p} "
            f"(padding={padding!r}); expected a kernel no longer than the "
            f"input, or padding='same'"
        )
    if p:
        # Pad the length only, never the dummy height axis.
        x2 = pad(x2, ((0, 0), (p, p)))
        padding = "valid"
    out = conv2d(x2, k2, stride=(1, stride), padding=padding, bias=bias)
    return out[0]


def _pool2d(x, size, stride, padding, reduce):
    x = _as_array("x", x)
    if x.ndim not in (2, 3):
        raise ValueError(
            f"x must have shape (H, W) or (H, W, C), got shape {x.shape} with {x.ndim} dimensions"
        )
    window = _pair("size", size, 1)
    strides = window if stride is None else _pair("stride", stride, 1)
    padding = _check_padding(padding)
    x3 = x if x.ndim == 3 else x[:, :, None]
    # Padded positions are NaN: ignored by the maximum, and not counted in
    # the mean, which is what Keras does for padding="same".
    padded = _pad_for(x3, window, strides, padding, fill=np.nan)
    windows = _windows(padded, window, strides)
    if np.isnan(windows).all(axis=(3, 4)).any():
        raise ValueError(
            f"padding={padding!r} is so large that a {window[0]}x{window[1]} "
            f"window holds only padding; expected padding < window size"
        )
    out = reduce(windows, axis=(3, 4))
    return out if x.ndim == 3 else out[:, :, 0]


def max_pool2d(x, size=2, stride=None, padding="valid"):
    """Max pooling: keep the largest value of every window.

    Parameters
    ----------
    x : array_like
        Shape ``(H, W)`` or ``(H, W, C)``; each channel is pooled on its own.
    size : int or tuple of int, optional
        Window size, by default 2.
    stride : int or tuple of int, optional
        Step between windows, by default equal to ``size``.
    padding : {"valid", "same"} or int, optional
        Padding rule, by default ``"valid"``. Padded positions never win.

    Returns
    -------
    numpy.ndarray
        Pooled array, ``(H', W')`` or ``(H', W', C)``.

    Examples
    --------
    >>> max_pool2d([[1, 2, 0, 0], [3, 4, 0, 5], [0, 0, 1, 1], [0, 9, 1, 1]])
    array([[4., 5.],
           [9., 1.]])

    Introduced in chapter 4, Pooling.
    """
    return _pool2d(x, size, stride, padding, np.nanmax)


def avg_pool2d(x, size=2, stride=None, padding="valid"):
    """Average pooling: the mean of every window.

    Same parameters as :func:`max_pool2d`; padded positions are left out of
    the mean, as in Keras.

    Examples
    --------
    >>> avg_pool2d([[1, 2, 0, 0], [3, 4, 0, 4], [0, 0, 1, 1], [0, 8, 1, 1]])
    array([[2.5, 1. ],
           [2. , 1. ]])

    Introduced in chapter 4, Pooling.
    """
    return _pool2d(x, size, stride, padding, np.nanmean)


def receptive_field(layers):
    """How many input pixels one value sees after each layer of a stack.

    Each layer is a square window of side ``k`` moved with stride ``s``: a
    convolution or a pooling layer, they have the same geometry. One value
    after the layer combines ``k`` neighbouring values of the layer below,
    which lie ``jump`` input pixels apart, where ``jump`` is the product of
    the strides of all layers below. So the side ``r`` of the receptive
    field grows as ``r = r_below + (k - 1) * jump``, starting from ``r = 1``
    (one pixel) and ``jump = 1`` at the input. Padding does not change it.
    ``r`` is the side of the square the field spans; when a layer's stride
    is larger than its window (``s > k``) it skips pixels, and the field
    has holes inside that square.

    Parameters
    ----------
    layers : sequence of (int, int)
        ``(k, s)`` for every layer from the input up, for example
        ``[(3, 1), (2, 2)]`` for a 3x3 convolution and a 2x2 max pooling.

    Returns
    -------
    list of int
        The side of the (square) receptive field after each layer.

    Raises
    ------
    ValueError
        If a layer is not a pair of ints >= 1.

    Examples
    --------
    >>> receptive_field([(3, 1), (3, 1)])
    [3, 5]
    >>> receptive_field([(3, 1), (2, 2), (3, 1), (2, 2)])
    [3, 4, 8, 10]

    Introduced in chapter 5, Many filters, channels and layers.
    """
    sizes, size, jump = [], 1, 1
    for i, layer in enumerate(layers):
        if not isinstance(layer, (tuple, list)) or len(layer) != 2:
            raise ValueError(f"layers[{i}] must be a pair (k, s) of ints, got {layer!r}")
        k = _check_int(f"layers[{i}] k", layer[0], 1)
        s = _check_int(f"layers[{i}] s", layer[1], 1)
        size += (k - 1) * jump
        jump *= s
        sizes.append(size)
    return sizes


__all__.append("receptive_field")


# --- Experiments: shifted images, occlusion, the patches a channel likes most ---


def image_batch(images):
    """A batch of images as ``(N, H, W, C)``: one channel added to ``(N, H, W)``.

    Parameters
    ----------
    images : array_like
        Shape ``(N, H, W)`` or ``(N, H, W, C)`` with ``N >= 1``.

    Returns
    -------
    numpy.ndarray
        Shape ``(N, H, W, C)``.

    Raises
    ------
    ValueError
        For another number of dimensions or an empty batch.

    Examples
    --------
    >>> image_batch(np.zeros((2, 28, 28))).shape
    (2, 28, 28, 1)
    """
    images = np.asarray(images)
    if images.ndim == 3:
        images = images[..., None]
    if images.ndim != 4 or len(images) == 0:
        raise ValueError(
            f"images must have shape (N, H, W) or (N, H, W, C) with N >= 1, got shape {images.shape}"
        )
    return images


def shift_images(images, dx, dy=0):
    """Move a batch of images by whole pixels; what comes in is black (zeros).

    Nothing wraps around, unlike ``np.roll``: the pixels pushed over one
    edge are lost, and zeros come in at the other, as when an object moves
    within the frame of a photo with a black background.

    Parameters
    ----------
    images : array_like
        Shape ``(N, H, W)`` or ``(N, H, W, C)``.
    dx : int
        Pixels to the right (negative: to the left), ``-W < dx < W``.
    dy : int, optional
        Pixels down (negative: up), ``-H < dy < H``; by default 0.

    Returns
    -------
    numpy.ndarray
        The shifted images, same shape and dtype as ``images``.

    Raises
    ------
    ValueError
        For ``images`` of another number of dimensions, or a ``dx`` or
        ``dy`` that is not a whole number or not smaller than the image.

    Examples
    --------
    >>> shift_images([[[1, 2, 3], [4, 5, 6]]], 1)
    array([[[0, 1, 2],
            [0, 4, 5]]])
    >>> shift_images([[[1, 2, 3], [4, 5, 6]]], -1, dy=-1)
    array([[[5, 6, 0],
            [0, 0, 0]]])

    Introduced in chapter 6, A CNN for Fashion-MNIST.
    """
    images = np.asarray(images)
    if images.ndim not in (3, 4):
        raise ValueError(
            f"images must have shape (N, H, W) or (N, H, W, C), got shape {images.shape} "
            f"with {images.ndim} dimensions"
        )
    h, w = images.shape[1:3]
    for name, value, size, axis in (("dx", dx, w, "wide"), ("dy", dy, h, "high")):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
            raise ValueError(
                f"{name} must be a whole number of pixels, got {value!r} of type "
                f"{type(value).__name__}"
            )
        if not -size < value < size:
            raise ValueError(
                f"{name} must be between {-(size - 1)} and {size - 1} for images {size} "
                f"pixels {axis}, got {value}"
            )
    dx, dy = int(dx), int(dy)
    out = np.zeros_like(images)
    rows_to, rows_from = slice(max(dy, 0), h + min(dy, 0)), slice(max(-dy, 0), h - max(dy, 0))
    cols_to, cols_from = slice(max(dx, 0), w + min(dx, 0)), slice(max(-dx, 0), w - max(dx, 0))
    out[:, rows_to, cols_to] = images[:, rows_from, cols_from]
    return out


Occlusion = namedtuple("Occlusion", "drops label probability patch stride")
Occlusion.__doc__ = """What :func:`occlusion_map` measured.

Fields: ``drops`` (one value per position of the grey square: how much the
probability of class ``label`` fell when the square covered it; negative
where it rose), ``label`` (the class watched), ``probability`` (its
probability on the whole image), ``patch`` and ``stride`` (the square's side
and step, to place each value on the image: entry ``(i, j)`` covers rows
``i * stride`` to ``i * stride + patch - 1`` and the same columns).
"""


def occlusion_map(model, image, patch=4, stride=2, fill=0.0, label=None):
    """Which parts of an image a model needs: cover each part, watch the probability.

    A square of ``patch`` x ``patch`` pixels, filled with ``fill``, covers
    the image at every position of a grid with step ``stride``. The model
    predicts the whole image and every covered copy in one ``predict`` call;
    where covering the square lowers the probability of the class a lot,
    the model relied on what the square hid. Only ``predict`` is used, so
    this works with any Keras backend (and any object with such a method).

    Parameters
    ----------
    model : keras.Model
        A trained classifier: ``model.predict(batch, verbose=0)`` returns
        one row of class probabilities per image.
    image : array_like
        One image, ``(H, W)`` or ``(H, W, C)``; a 2-D image gets a channel
        axis, as the course models expect ``(28, 28, 1)``.
    patch : int, optional
        Side of the square in pixels, by default 4.
    stride : int, optional
        Step between two positions of the square, by default 2.
    fill : float, optional
        The value under the square, by default 0 (black, the background of
        Fashion-MNIST).
    label : int, optional
        The class to watch; by default the class the model predicts for the
        whole image.

    Returns
    -------
    Occlusion
        ``drops`` has shape ``(floor((H - patch) / stride) + 1,
        floor((W - patch) / stride) + 1)``: 13 x 13 for the defaults on a
        28 x 28 image.

    Raises
    ------
    ValueError
        For a model without ``predict``, an image that is not 2-D or 3-D,
        a ``patch`` or ``stride`` that is not a whole number >= 1 or a patch
        larger than the image, a ``fill`` that is not a finite number, a
        ``label`` outside the model's classes, or a ``predict`` that does
        not return one row per image.

    Introduced in chapter 7, Going further.
    """
    if not callable(getattr(model, "predict", None)):
        raise ValueError(f"model must have a predict method, got {type(model).__name__}")
    image = _as_array("image", image)
    if image.ndim == 2:
        image = image[:, :, None]
    if image.ndim != 3:
        raise ValueError(
            f"image must have shape (H, W) or (H, W, C), got shape {image.shape} "
            f"with {image.ndim} dimensions"
        )
    patch = _check_int("patch", patch, 1)
    stride = _check_int("stride", stride, 1)
    h, w = image.shape[:2]
    if patch > min(h, w):
        raise ValueError(f"patch must be at most {min(h, w)}, the side of the image, got {patch}")
    if (
        isinstance(fill, (bool, np.bool_))
        or not isinstance(fill, (Integral, float, np.floating))
        or not np.isfinite(fill)
    ):
        raise ValueError(f"fill must be a finite number, got {fill!r}")
    rows, cols = range(0, h - patch + 1, stride), range(0, w - patch + 1, stride)
    copies = np.repeat(image[None], 1 + len(rows) * len(cols), axis=0).astype(np.float32)
    for n, (r, c) in enumerate((r, c) for r in rows for c in cols):
        copies[1 + n, r : r + patch, c : c + patch] = fill
    probs = np.asarray(model.predict(copies, verbose=0), dtype=np.float64)
    if probs.ndim != 2 or len(probs) != len(copies):
        raise ValueError(
            f"model.predict must return one row of probabilities per image, got shape "
            f"{probs.shape} for {len(copies)} images"
        )
    if label is None:
        label = int(np.argmax(probs[0]))
    elif (
        isinstance(label, (bool, np.bool_))
        or not isinstance(label, Integral)
        or not 0 <= label < probs.shape[1]
    ):
        raise ValueError(f"label must be a class from 0 to {probs.shape[1] - 1}, got {label!r}")
    label = int(label)
    drops = (probs[0, label] - probs[1:, label]).reshape(len(rows), len(cols))
    return Occlusion(drops, label, float(probs[0, label]), patch, stride)


Patches = namedtuple("Patches", "patches values images rows cols size layer channel")
Patches.__doc__ = """The image patches that excite one channel most (:func:`top_patches`).

Fields: ``patches`` (shape ``(k, size, size)`` or ``(k, size, size, C)``,
strongest first; pixels of the field outside the image are 0), ``values``
(the channel's value at each patch's position), ``images`` (which image each
patch comes from), ``rows`` and ``cols`` (the top-left pixel of each patch
in its image, negative when the field starts outside the image), ``size``
(the side of the receptive field), ``layer`` and ``channel``.
"""

# Keras layers that keep height and width as they are (between convolutions).
_SAME_SIZE = (
    "InputLayer",
    "BatchNormalization",
    "Dropout",
    "Activation",
    "ReLU",
    "RandomTranslation",
    "RandomFlip",
    "RandomRotation",
    "RandomZoom",
    "RandomContrast",
    "Rescaling",
)


def _field_geometry(model, layer_name, size):
    """``(side, start, jump)``: one value of ``layer_name`` at (i, j) sees
    ``side`` x ``side`` input pixels from row ``start + i * jump``."""
    if layer_name not in [layer.name for layer in model.layers]:
        raise ValueError(f"layer_name {layer_name!r} is not a layer of the model")
    windows, start, jump, n = [], 0, 1, size
    for layer in model.layers:
        kind = type(layer).__name__
        if kind in ("Conv2D", "MaxPooling2D", "AveragePooling2D"):
            k = layer.kernel_size if kind == "Conv2D" else layer.pool_size
            s, padding = layer.strides, layer.padding
            if k[0] != k[1] or s[0] != s[1] or (kind == "Conv2D" and layer.dilation_rate != (1, 1)):
                raise ValueError(
                    f"layer {layer.name!r} has a window {k} with strides {s}; expected "
                    "square windows and strides, without dilation"
                )
            k, s = int(k[0]), int(s[0])
            before = same_padding(n, k, s)[0] if padding == "same" else 0
            start -= before * jump
            windows.append((k, s))
            jump *= s
            n = output_size(n, k, stride=s, padding=padding)
        elif kind not in _SAME_SIZE:
            raise ValueError(
                f"layer_name must name a convolution or pooling layer that only such layers "
                f"(and ones that keep the size) come before, but {layer.name!r} ({kind}) comes "
                f"first"
            )
        if layer.name == layer_name:
            if not windows:
                raise ValueError(f"layer_name {layer_name!r} has no window below it")
            return receptive_field(windows)[-1], start, jump
    raise ValueError(f"layer_name {layer_name!r} is not a layer of the model")


def top_patches(model, layer_name, images, channel, k=9):
    """The image patches that one channel of a convolution layer responds to most.

    Runs the images through the model up to ``layer_name``, finds in every
    image the position where ``channel`` is largest, keeps the ``k`` images
    where that maximum is largest (one patch per image, so that one image
    cannot fill the grid), and crops from each the pixels that position
    sees: its receptive field, whose side comes from
    :func:`receptive_field` and whose place from the layers' strides and
    padding. For conv2 of the course CNN the side is 8 pixels:
    ``receptive_field([(3, 1), (2, 2), (3, 1)])[-1]``.

    Parameters
    ----------
    model : keras.Model
        A ``keras.Sequential`` model whose layers up to ``layer_name`` are
        ``Conv2D``, ``MaxPooling2D`` or ``AveragePooling2D`` layers (square
        windows), or layers that keep the size (batch normalisation,
        dropout, augmentation).
    layer_name : str
        The layer to look into, for example ``"conv2"``.
    images : array_like
        Shape ``(N, H, W)`` or ``(N, H, W, C)``, for example 2,000 test
        images.
    channel : int
        Which channel (filter) of the layer.
    k : int, optional
        How many patches, at most ``N``; by default 9.

    Returns
    -------
    Patches

    Raises
    ------
    ValueError
        For a ``layer_name`` the model does not have or that other layers
        (such as ``Flatten``) come before, a ``channel`` outside the layer's
        channels, malformed ``images`` or a ``k`` out of range.

    Introduced in chapter 7, Going further.
    """
    import keras

    images = image_batch(images)
    if not isinstance(layer_name, str):
        raise ValueError(f"layer_name must be the name of a layer, got {layer_name!r}")
    h, w = images.shape[1:3]
    if h != w:
        raise ValueError(f"images must be square, got {h} x {w}")
    size, start, jump = _field_geometry(model, layer_name, h)
    layer = model.get_layer(layer_name)
    depth = layer.output.shape[-1]
    if isinstance(channel, (bool, np.bool_)) or not isinstance(channel, Integral):
        raise ValueError(f"channel must be a whole number from 0 to {depth - 1}, got {channel!r}")
    if not 0 <= channel < depth:
        raise ValueError(f"channel must be from 0 to {depth - 1}, got {channel}")
    k = _check_int("k", k, 1)
    if k > len(images):
        raise ValueError(f"k must be at most the {len(images)} images given, got {k}")
    probe = keras.Model(inputs=model.inputs[0], outputs=layer.output)
    maps = np.asarray(probe.predict(images.astype(np.float32), verbose=0))[..., int(channel)]
    flat = maps.reshape(len(maps), -1)
    where = flat.argmax(axis=1)
    best = flat[np.arange(len(flat)), where]
    order = np.argsort(-best, kind="stable")[:k]
    rows, cols = np.unravel_index(where[order], maps.shape[1:])
    tops, lefts = start + rows * jump, start + cols * jump
    padded = np.pad(images, ((0, 0), (size, size), (size, size), (0, 0)))
    patches = np.stack(
        [
            padded[i, size + t : size + t + size, size + c : size + c + size]
            for i, t, c in zip(order, tops, lefts)
        ]
    )
    if patches.shape[-1] == 1:
        patches = patches[..., 0]
    return Patches(
        patches,
        best[order].astype(float),
        order.astype(int),
        tops.astype(int),
        lefts.astype(int),
        size,
        layer_name,
        int(channel),
    )


__all__ += ["image_batch", "shift_images", "Occlusion", "occlusion_map", "Patches", "top_patches"]


def kernel_gradient(image, output_gradient):
    """Gradient of a loss with respect to the kernel of a convolution.

    For a feature map ``Y = conv2d(image, K)`` (one channel, stride 1, no
    padding) each kernel value ``K[a, b]`` is used at every position, so the
    gradient of a loss ``L`` sums over all of them::

        dL/dK[a, b] = sum over i, j of dL/dY[i, j] * image[i + a, j + b]

    That is again a cross-correlation: the gradient with respect to the
    output slides over the image like a kernel. Gradient descent moves every
    kernel value against this gradient.

    Parameters
    ----------
    image : array_like
        The input of the convolution, shape ``(H, W)``.
    output_gradient : array_like
        ``dL/dY``, the gradient of the loss with respect to every value of
        the feature map, shape ``(H - kh + 1, W - kw + 1)``.

    Returns
    -------
    numpy.ndarray
        ``dL/dK``, shape ``(kh, kw)``, float64.

    Raises
    ------
    ValueError
        If an argument is not a 2-D array of numbers, is empty, or
        ``output_gradient`` is larger than ``image``.

    Examples
    --------
    >>> kernel_gradient([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, 0]])
    array([[1., 2.],
           [4., 5.]])

    Introduced in chapter 2, Convolution.
    """
    image = _as_array("image", image)
    output_gradient = _as_array("output_gradient", output_gradient)
    for name, x in (("image", image), ("output_gradient", output_gradient)):
        if x.ndim != 2:
            raise ValueError(
                f"{name} must have shape (H, W) (one channel), got shape "
                f"{x.shape} with {x.ndim} dimensions"
            )
        if x.size == 0:
            raise ValueError(f"{name} must not be empty, got shape {x.shape}")
    if output_gradient.shape[0] > image.shape[0] or output_gradient.shape[1] > image.shape[1]:
        raise ValueError(
            f"output_gradient must not be larger than image, got output_gradient "
            f"shape {output_gradient.shape} and image shape {image.shape}"
        )
    return conv2d(image, output_gradient)


__all__.append("kernel_gradient")
