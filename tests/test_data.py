"""The IDX reader and the Fashion-MNIST loader, on small files written here."""

import gzip
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from lessons_lib import data
from lessons_lib.data import IDXError, read_idx


def idx_bytes(array, type_code=0x08):
    array = np.asarray(array)
    header = bytes([0, 0, type_code, array.ndim])
    header += b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def write(path, payload, compress=None):
    path = Path(path)
    compress = path.suffix == ".gz" if compress is None else compress
    path.write_bytes(gzip.compress(payload) if compress else payload)
    return path


def fake_folder(folder, n_train=12, n_test=5, gz=True):
    """A folder with four valid Fashion-MNIST-like IDX files."""
    rng = np.random.default_rng(0)
    arrays = {
        "train_images": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train_labels": np.arange(n_train, dtype=np.uint8) % 10,
        "test_images": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "test_labels": (np.arange(n_test, dtype=np.uint8) * 3) % 10,
    }
    for key, stem in data.FILES.items():
        write(Path(folder) / (stem + (".gz" if gz else "")), idx_bytes(arrays[key]))
    return arrays


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_read_idx_round_trip(tmp_path, suffix):
    arr = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    path = write(tmp_path / f"x-idx3-ubyte{suffix}", idx_bytes(arr))
    out = read_idx(path, ndim=3)
    assert out.dtype == np.uint8
    np.testing.assert_array_equal(out, arr)


def test_read_idx_big_endian_types(tmp_path):
    arr = np.array([[1.5, -2.0], [3.25, 4.0]], dtype=np.float32)
    out = read_idx(write(tmp_path / "f.idx", idx_bytes(arr, 0x0D)))
    np.testing.assert_array_equal(out, arr)


@pytest.mark.parametrize(
    "payload, words",
    [
        (b"", ["too short", "4 bytes"]),
        (b"\x01\x00\x08\x01" + struct.pack(">I", 1) + b"\x00", ["magic number", "0x01000801"]),
        (b"\x00\x00\x42\x01" + struct.pack(">I", 1) + b"\x00", ["magic number", "type code"]),
        (b"\x00\x00\x08\x03" + struct.pack(">I", 2), ["header truncated", "16"]),
        (idx_bytes(np.zeros((3, 4, 4), np.uint8))[:-5], ["truncated", "(3, 4, 4)"]),
        (idx_bytes(np.zeros((3, 4, 4), np.uint8)) + b"xx", ["trailing bytes"]),
    ],
)
def test_read_idx_rejects_corrupt_files(tmp_path, payload, words):
    path = write(tmp_path / "bad-idx3-ubyte", payload)
    with pytest.raises(IDXError) as info:
        read_idx(path)
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message


def test_read_idx_checks_dimensions(tmp_path):
    path = write(tmp_path / "labels", idx_bytes(np.zeros((2, 2), np.uint8)))
    with pytest.raises(IDXError, match="2 dimension.*expected 1"):
        read_idx(path, ndim=1)


def test_read_idx_rejects_broken_gzip(tmp_path):
    good = gzip.compress(idx_bytes(np.zeros((100, 28, 28), np.uint8)))
    truncated = write(tmp_path / "cut.gz", good[: len(good) // 2], compress=False)
    with pytest.raises(IDXError, match="cut.gz.*gzip"):
        read_idx(truncated)
    garbage = write(tmp_path / "junk.gz", b"this is not gzip at all", compress=False)
    with pytest.raises(IDXError, match="junk.gz"):
        read_idx(garbage)


def test_read_idx_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_idx(tmp_path / "nope.gz")


@pytest.mark.parametrize("gz", [True, False])
def test_load_from_folder(tmp_path, gz):
    arrays = fake_folder(tmp_path, gz=gz)
    (x_train, y_train), (x_test, y_test) = data.load_fashion_mnist(tmp_path)
    assert x_train.shape == (12, 28, 28, 1) and x_test.shape == (5, 28, 28, 1)
    assert x_train.dtype == np.float32 and y_train.dtype == np.uint8
    assert 0.0 <= x_train.min() and x_train.max() <= 1.0
    np.testing.assert_allclose(x_test[..., 0] * 255, arrays["test_images"], atol=1e-4)
    np.testing.assert_array_equal(y_train, arrays["train_labels"])


def test_load_uses_environment_variable(tmp_path, monkeypatch):
    fake_folder(tmp_path, n_train=3, n_test=2)
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    (x_train, _), (x_test, _) = data.load_fashion_mnist()
    assert len(x_train) == 3 and len(x_test) == 2


def test_load_without_folder_uses_keras_download(monkeypatch):
    import keras

    monkeypatch.delenv(data.ENV_VAR, raising=False)
    calls = []

    def fake_load_data():
        calls.append(1)
        imgs = np.full((2, 28, 28), 255, np.uint8)
        return (imgs, np.array([1, 2], np.uint8)), (imgs[:1], np.array([3], np.uint8))

    monkeypatch.setattr(keras.datasets.fashion_mnist, "load_data", fake_load_data)
    (x_train, y_train), (x_test, y_test) = data.load_fashion_mnist()
    assert calls == [1]
    assert x_train.shape == (2, 28, 28, 1) and float(x_train.max()) == 1.0
    assert y_test.tolist() == [3]


def test_folder_errors_name_the_problem(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a folder"):
        data.load_fashion_mnist(tmp_path / "missing")
    fake_folder(tmp_path)
    os.remove(tmp_path / "t10k-labels-idx1-ubyte.gz")
    with pytest.raises(FileNotFoundError, match="t10k-labels-idx1-ubyte"):
        data.load_fashion_mnist(tmp_path)


def test_folder_checks_consistency(tmp_path):
    fake_folder(tmp_path)
    write(tmp_path / "train-labels-idx1-ubyte.gz", idx_bytes(np.zeros(11, np.uint8)))
    with pytest.raises(IDXError, match="12 images but .* 11 labels"):
        data.load_fashion_mnist(tmp_path)
    write(tmp_path / "train-labels-idx1-ubyte.gz", idx_bytes(np.full(12, 10, np.uint8)))
    with pytest.raises(IDXError, match="label 10 .*0..9"):
        data.load_fashion_mnist(tmp_path)
    write(tmp_path / "train-images-idx3-ubyte.gz", idx_bytes(np.zeros((12, 32, 32), np.uint8)))
    with pytest.raises(IDXError, match=r"\(32, 32\).*\(28, 28\)"):
        data.load_fashion_mnist(tmp_path)


def test_normalize_rejects_wrong_shape():
    with pytest.raises(ValueError, match="(N, H, W)"):
        data.normalize(np.zeros((2, 28, 28, 3)))


def test_class_names():
    assert data.class_names("en") == [
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    ]
    assert len(set(data.class_names("ru"))) == 10


REAL = os.environ.get(data.ENV_VAR)


@pytest.mark.skipif(not REAL, reason="FASHION_MNIST_DIR is not set")
def test_real_files_load():
    """The offline copy CI uses (shared/data/fashion-mnist) reads cleanly."""
    (x_train, y_train), (x_test, y_test) = data.load_fashion_mnist()
    assert x_train.shape == (60000, 28, 28, 1) and x_test.shape == (10000, 28, 28, 1)
    assert np.bincount(y_train, minlength=10).tolist() == [6000] * 10
    assert np.bincount(y_test, minlength=10).tolist() == [1000] * 10
