"""Fashion-MNIST: the official Keras download, or IDX files from a folder.

Set the environment variable ``FASHION_MNIST_DIR`` to a folder that holds
the four standard files (``train-images-idx3-ubyte.gz`` and so on, gzipped
or not) to work offline; otherwise Keras downloads the official data set
once and caches it.
"""

import gzip
import json
import os
from pathlib import Path

import numpy as np

from . import i18n

ENV_VAR = "FASHION_MNIST_DIR"
IMAGE_SIZE = 28
NUM_CLASSES = 10

FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}

_IDX_TYPES = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


class IDXError(ValueError):
    """A file that is not a valid IDX file, or not the one expected."""


def read_idx(path, ndim=None):
    """Read an IDX file (the format of MNIST and Fashion-MNIST).

    An IDX file is a 4-byte magic number (two zero bytes, a type code and
    the number of dimensions), one big-endian uint32 per dimension, then the
    values in C order. Gzipped files (``.gz``) are read transparently.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read.
    ndim : int, optional
        The number of dimensions the caller expects (3 for images, 1 for
        labels); checked when given.

    Returns
    -------
    numpy.ndarray
        The array, with the dimensions stored in the header.

    Raises
    ------
    IDXError
        Naming the file, when the magic number, the type code, the number of
        dimensions or the length of the data is wrong, or the gzip stream is
        corrupt or truncated.
    FileNotFoundError
        When the file does not exist.

    Introduced in chapter 1, Images as numbers.
    """
    path = Path(path)
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as fh:
                raw = fh.read()
        else:
            raw = path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        if isinstance(err, FileNotFoundError):
            raise
        raise IDXError(f"{path}: cannot be read as gzip data ({err})") from err
    if len(raw) < 4:
        raise IDXError(
            f"{path}: file is {len(raw)} bytes long, too short for an IDX "
            f"header (expected at least 4 bytes)"
        )
    zero0, zero1, type_code, dims = raw[0], raw[1], raw[2], raw[3]
    if zero0 != 0 or zero1 != 0 or type_code not in _IDX_TYPES:
        raise IDXError(
            f"{path}: bad magic number 0x{raw[:4].hex()}; expected two zero "
            f"bytes, a type code (0x08 for uint8) and the number of dimensions"
        )
    if ndim is not None and dims != ndim:
        raise IDXError(f"{path}: header says {dims} dimension(s); expected {ndim}")
    header = 4 + 4 * dims
    if len(raw) < header:
        raise IDXError(
            f"{path}: header truncated: {len(raw)} bytes, expected {header} for {dims} dimension(s)"
        )
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims))
    dtype = _IDX_TYPES[type_code]
    expected = header + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(raw) != expected:
        kind = "truncated" if len(raw) < expected else "has trailing bytes"
        raise IDXError(
            f"{path}: data {kind}: {len(raw)} bytes, expected {expected} "
            f"for shape {shape} of {dtype.name}"
        )
    return (
        np.frombuffer(raw, dtype=dtype, offset=header)
        .reshape(shape)
        .astype(dtype.newbyteorder("="))
    )


def _find(folder, stem):
    for name in (stem + ".gz", stem):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(
        f"{stem}.gz (or {stem}) not found in {folder}; {ENV_VAR} must name a "
        f"folder with the four Fashion-MNIST IDX files: "
        f"{', '.join(f + '.gz' for f in FILES.values())}"
    )


def load_idx_folder(folder):
    """Read the four Fashion-MNIST IDX files of ``folder``, as uint8.

    Returns
    -------
    tuple
        ``(x_train, y_train), (x_test, y_test)`` with images of shape
        ``(N, 28, 28)`` and labels of shape ``(N,)``, uint8.

    Raises
    ------
    IDXError
        When a file is corrupt, images are not 28x28, labels are not in
        0..9 or the numbers of images and labels differ.

    Introduced in chapter 1, Images as numbers.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{ENV_VAR}={folder} is not a folder")
    out = []
    for split in ("train", "test"):
        img_path = _find(folder, FILES[f"{split}_images"])
        lbl_path = _find(folder, FILES[f"{split}_labels"])
        images = read_idx(img_path, ndim=3)
        labels = read_idx(lbl_path, ndim=1)
        if images.dtype != np.uint8 or labels.dtype != np.uint8:
            raise IDXError(
                f"{img_path}, {lbl_path}: expected uint8 data, got "
                f"{images.dtype} and {labels.dtype}"
            )
        if images.shape[1:] != (IMAGE_SIZE, IMAGE_SIZE):
            raise IDXError(
                f"{img_path}: images of shape {images.shape[1:]}; expected "
                f"({IMAGE_SIZE}, {IMAGE_SIZE})"
            )
        if len(images) != len(labels):
            raise IDXError(
                f"{img_path} holds {len(images)} images but {lbl_path} holds "
                f"{len(labels)} labels; expected the same number"
            )
        if labels.size and labels.max() >= NUM_CLASSES:
            raise IDXError(
                f"{lbl_path}: label {int(labels.max())} found; expected labels "
                f"in 0..{NUM_CLASSES - 1}"
            )
        out.append((images, labels))
    return tuple(out)


def normalize(images):
    """Scale uint8 pixels (0..255) to float32 in [0, 1] with a channel axis.

    Parameters
    ----------
    images : array_like
        Shape ``(N, H, W)`` or ``(N, H, W, 1)``, values 0..255.

    Returns
    -------
    numpy.ndarray
        float32 of shape ``(N, H, W, 1)``.

    Introduced in chapter 1, Images as numbers.
    """
    images = np.asarray(images)
    if images.ndim == 3:
        images = images[..., None]
    if images.ndim != 4 or images.shape[-1] != 1:
        raise ValueError(f"images must have shape (N, H, W) or (N, H, W, 1), got {images.shape}")
    return images.astype(np.float32) / np.float32(255.0)


def load_fashion_mnist(data_dir=None):
    """Load Fashion-MNIST, ready for a Keras model.

    Parameters
    ----------
    data_dir : str or os.PathLike, optional
        A folder with the four IDX files. By default the folder named by the
        environment variable ``FASHION_MNIST_DIR``; when neither is set,
        ``keras.datasets.fashion_mnist.load_data()`` downloads the official
        files.

    Returns
    -------
    tuple
        ``(x_train, y_train), (x_test, y_test)``: images as float32 of shape
        ``(N, 28, 28, 1)`` in [0, 1], labels as uint8 in 0..9.

    Introduced in chapter 1, Images as numbers.
    """
    data_dir = data_dir or os.environ.get(ENV_VAR)
    if data_dir:
        (x_train, y_train), (x_test, y_test) = load_idx_folder(data_dir)
    else:
        import keras

        (x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
    return (
        (normalize(x_train), np.asarray(y_train, np.uint8)),
        (normalize(x_test), np.asarray(y_test, np.uint8)),
    )


def class_names(lang=None):
    """The ten class names in ``lang`` (default: the notebook's language).

    Examples
    --------
    >>> class_names("en")[:3]
    ['T-shirt/top', 'Trouser', 'Pullover']

    Introduced in chapter 1, Images as numbers.
    """
    return i18n.class_names(lang)


#: Where :func:`ablation` reads from: written by ``make bench`` (``bench/ablation.py``).
ABLATION_FILE = Path(__file__).parent / "results" / "ablation.json"


def ablation():
    """What each of chapter 7's changes does: the full ablation ``make bench`` measured.

    Every variant is ``models.improved_cnn`` with some of its switches off
    (``"none"``: the course CNN's layers; ``"all"``: chapter 7's model),
    trained as chapter 7 trains: all the training images, batch size 32, at
    most 12 epochs, the last 10% for validation, early stopping only where
    the variant uses it. Trainings of a few minutes each, too long for a
    notebook, so the numbers are stored with the package and the chapter
    shows them; ``python -m bench.ablation`` measures them again.

    Returns
    -------
    dict
        ``date``, ``machine`` (``cpu``, ``cores``, ``keras``, ``backend``),
        ``epochs``, ``batch_size``, ``patience``, ``minutes`` and
        ``variants``: ``{name: {"val_accuracy", "test_accuracy",
        "epochs_run", "best_epoch", "seconds"}}`` in the order ``none``,
        the single changes, ``all``.

    Raises
    ------
    FileNotFoundError
        If the package was installed without its results (name the file).

    Introduced in chapter 7, Going further.
    """
    if not ABLATION_FILE.is_file():
        raise FileNotFoundError(
            f"the ablation results are missing: expected {ABLATION_FILE}, which "
            "python -m bench.ablation writes and the package installs"
        )
    return json.loads(ABLATION_FILE.read_text(encoding="utf-8"))
