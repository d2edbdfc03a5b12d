"""A training cache for the test suite: train each distinct model once per run.

``make test`` runs every notebook in three editions whose code cells are
identical by construction (the Russian and Dutch ones are generated from the
English ones), so chapters 1, 6 and 7 would train the same models three
times. With the cache on, ``keras.Model.fit`` first computes a key from
everything that determines its result; the first call with a key trains and
stores the weights, the optimizer's state, the history, the callbacks' state,
the printed log and the random-number states after the training; every later
call with the same key waits for the first one to finish (a file lock, so two
pytest workers may reach the same training at once) and loads all of that
instead of training. The notebook then continues exactly as after the
training: ``tests/test_cache.py`` proves that a cached and an uncached run
give identical weights, histories and later random draws.

The key holds: the model's architecture and compile configuration (optimizer,
learning-rate schedule, loss, metrics), the values of all its variables and
of the optimizer's variables at the start (the random-seed states of its
layers included), every argument of ``fit`` (arrays by a checksum of their
bytes, callbacks by their settings), the random-number states of Python,
NumPy, Keras and TensorFlow, the Keras backend and the versions of Python,
NumPy, Keras and the backend, the instruction set (``ONEDNN_MAX_CPU_ISA``
and the processor's flags), the thread settings and the variables that
change how the backend computes. A call whose arguments cannot be keyed
safely (a generator, a dataset, an unknown object) is never cached.

The cache is off unless the environment variable ``COURSE_TRAINING_CACHE``
names a folder when :func:`lessons_lib.env.setup` runs: ``make test`` sets
it to a fresh temporary folder per run, so every run still trains every
model at least once. Readers never see it, and ``make execute`` (the stored
outputs) removes it from its kernels' environment.

The one visible difference: a loaded training takes no time, so a cell that
times ``fit`` (chapter 7) prints other seconds; such cells are excluded from
nbval's comparison anyway, since their times vary from run to run.
"""

import contextlib
import fcntl
import hashlib
import io
import json
import os
import pickle
import platform
import random
import sys
import time
from pathlib import Path

import numpy as np

#: The environment variable that turns the cache on (a folder).
VARIABLE = "COURSE_TRAINING_CACHE"
#: Bump when what is stored or keyed changes.
FORMAT = 1
#: Environment variables that change how a backend computes.
_ENVIRONMENT = (
    "ONEDNN_MAX_CPU_ISA",
    "TF_ENABLE_ONEDNN_OPTS",
    "TF_XLA_FLAGS",
    "XLA_FLAGS",
    "TF_DETERMINISTIC_OPS",
    "TF_NUM_INTRAOP_THREADS",
    "TF_NUM_INTEROP_THREADS",
    "OMP_NUM_THREADS",
    "CUDA_VISIBLE_DEVICES",
    "KERAS_BACKEND",
)

_original_fit = None
_folder = None


class _Unkeyable(Exception):
    """An argument of fit that cannot be keyed safely: train without the cache."""


def enable(folder):
    """Turn the training cache on: ``keras.Model.fit`` loads trainings it has seen.

    Parameters
    ----------
    folder : str or os.PathLike
        Where trainings are stored; created if missing. One folder per test
        run: ``make test`` passes a fresh temporary one.

    Returns
    -------
    pathlib.Path
        The folder.

    Raises
    ------
    ValueError
        If ``folder`` is empty or names an existing file.
    """
    global _original_fit, _folder
    if not isinstance(folder, (str, os.PathLike)) or not str(folder).strip():
        raise ValueError(f"folder must be a non-empty path, got {folder!r}")
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise ValueError(f"folder must be a directory, got the file {str(path)!r}")
    path.mkdir(parents=True, exist_ok=True)
    import keras

    if _original_fit is None:
        _original_fit = keras.Model.fit
        keras.Model.fit = _cached_fit
    _folder = path
    return path


def disable():
    """Turn the training cache off again (``keras.Model.fit`` trains every time)."""
    global _original_fit, _folder
    if _original_fit is not None:
        import keras

        keras.Model.fit = _original_fit
    _original_fit = None
    _folder = None


def enabled():
    """Whether the training cache is on in this process."""
    return _original_fit is not None


def enable_from_environment():
    """Turn the cache on if ``COURSE_TRAINING_CACHE`` names a folder (``env.setup`` calls this)."""
    folder = os.environ.get(VARIABLE, "").strip()
    if folder:
        return enable(folder)
    return None


# --- keys -------------------------------------------------------------------


def _array_digest(array):
    array = np.ascontiguousarray(array)
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{array.dtype.str}{array.shape}".encode())
    digest.update(array.view(np.uint8).reshape(-1) if array.size else b"")
    return digest.hexdigest()


def _value_key(value):
    """A JSON-able description of a fit argument, or _Unkeyable."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return {"array": _array_digest(value)}
    if isinstance(value, (list, tuple)):
        return [_value_key(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _value_key(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    import keras

    if isinstance(value, keras.callbacks.Callback):
        return {"callback": type(value).__qualname__, "state": _callback_settings(value)}
    if hasattr(value, "numpy") and hasattr(value, "shape") and hasattr(value, "dtype"):
        return {"array": _array_digest(np.asarray(value))}  # a backend tensor
    raise _Unkeyable(type(value).__qualname__)


def _simple(value):
    return value is None or isinstance(value, (bool, int, float, str, np.generic))


def _callback_settings(callback):
    return {
        name: (value.item() if isinstance(value, np.generic) else value)
        for name, value in sorted(vars(callback).items())
        if _simple(value) and not name.startswith("__")
    }


def _variables_digest(variables):
    digest = hashlib.blake2b(digest_size=16)
    for variable in variables:
        digest.update(str(getattr(variable, "path", "")).encode())
        digest.update(_array_digest(np.asarray(variable.numpy())).encode())
    return digest.hexdigest()


def _random_states():
    """Python, NumPy, Keras and TensorFlow random states, as picklable objects."""
    states = {"python": random.getstate(), "numpy": np.random.get_state()}
    try:
        from keras.src.backend.common import global_state

        generator = global_state.get_global_attribute("global_seed_generator")
        if generator is not None:
            states["keras"] = np.asarray(generator.state.numpy())
    except ImportError:  # pragma: no cover - a Keras without this module
        pass
    if "tensorflow" in sys.modules:
        from tensorflow.python.eager import context

        rng = getattr(context.context(), "_rng", None)
        if rng is not None:
            states["tensorflow"] = rng.getstate()
        states["tensorflow_seed"] = getattr(context.context(), "_seed", None)
    return states


def _set_random_states(states):
    random.setstate(states["python"])
    np.random.set_state(states["numpy"])
    if "keras" in states:
        from keras.src.backend.common import global_state

        generator = global_state.get_global_attribute("global_seed_generator")
        if generator is not None:
            generator.state.assign(states["keras"])
    if "tensorflow" in states:
        from tensorflow.python.eager import context

        rng = getattr(context.context(), "_rng", None)
        if rng is not None:
            rng.setstate(states["tensorflow"])


def _states_digest(states):
    return hashlib.blake2b(pickle.dumps(states, protocol=4), digest_size=16).hexdigest()


def _processor():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return hashlib.blake2b(line.encode(), digest_size=8).hexdigest()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _environment():
    import keras

    backend = keras.backend.backend()
    versions = {"python": platform.python_version(), "numpy": np.__version__}
    versions["keras"] = keras.__version__
    if backend in sys.modules or backend == "tensorflow":
        module = __import__(backend)
        versions[backend] = getattr(module, "__version__", "?")
    environment = {name: os.environ.get(name) for name in _ENVIRONMENT}
    environment["cpu_count"] = os.cpu_count()
    environment["processor"] = _processor()
    if backend == "tensorflow":
        import tensorflow as tf

        environment["intra_op_threads"] = tf.config.threading.get_intra_op_parallelism_threads()
        environment["inter_op_threads"] = tf.config.threading.get_inter_op_parallelism_threads()
        from tensorflow.python.framework import config as tf_config

        environment["op_determinism"] = tf_config.is_op_determinism_enabled()
    return {"backend": backend, "versions": versions, "environment": environment}


def fingerprint(model, args, kwargs):
    """The cache key of ``model.fit(*args, **kwargs)`` now, or None if it cannot be keyed.

    Parameters
    ----------
    model : keras.Model
        A compiled model about to be trained.
    args : tuple
        The positional arguments of ``fit``.
    kwargs : dict
        The keyword arguments of ``fit``.

    Returns
    -------
    str or None
        A hexadecimal key; None when an argument (a generator, a dataset,
        an object of unknown kind) cannot be keyed safely.
    """
    try:
        arguments = {"args": _value_key(list(args)), "kwargs": _value_key(dict(kwargs))}
    except _Unkeyable:
        return None
    optimizer = getattr(model, "optimizer", None)
    description = {
        "format": FORMAT,
        "model": json.loads(model.to_json()),
        "compile": model.get_compile_config(),
        "variables": _variables_digest(model.variables),
        "optimizer": _variables_digest(optimizer.variables) if optimizer is not None else None,
        "arguments": arguments,
        "random": _states_digest(_random_states()),
        "platform": _environment(),
    }
    text = json.dumps(description, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


# --- storing and loading ----------------------------------------------------


class _Tee(io.TextIOBase):
    """Writes to the real stream and keeps a copy (the training log)."""

    def __init__(self, stream):
        self.stream = stream
        self.copy = io.StringIO()

    def write(self, text):
        self.copy.write(text)
        return self.stream.write(text)

    def flush(self):
        self.stream.flush()


@contextlib.contextmanager
def _locked(path):
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _callbacks(kwargs, args):
    callbacks = kwargs.get("callbacks")
    if callbacks is None and len(args) > 5:  # fit(x, y, batch_size, epochs, verbose, callbacks)
        callbacks = args[5]
    return list(callbacks or [])


def _store(folder, model, history, callbacks, log, seconds):
    folder.mkdir()
    np.savez(folder / "model.npz", *[np.asarray(v.numpy()) for v in model.variables])
    optimizer = model.optimizer
    np.savez(folder / "optimizer.npz", *[np.asarray(v.numpy()) for v in optimizer.variables])
    record = {
        "history": history.history,
        "epoch": history.epoch,
        "params": history.params,
        "callbacks": [_callback_settings(callback) for callback in callbacks],
        "log": log,
        "seconds": seconds,
        "random": _random_states(),
        "stop_training": bool(getattr(model, "stop_training", False)),
    }
    with open(folder / "record.pkl", "wb") as handle:
        pickle.dump(record, handle, protocol=4)
    (folder / "done").touch()


def _assign(variables, path, what):
    with np.load(path) as stored:
        values = [stored[f"arr_{i}"] for i in range(len(stored.files))]
    if len(values) != len(variables):
        raise RuntimeError(
            f"training cache: {len(values)} stored {what} values for {len(variables)} variables"
        )
    for variable, value in zip(variables, values):
        variable.assign(value)


def _load(folder, model, callbacks):
    import keras

    with open(folder / "record.pkl", "rb") as handle:
        record = pickle.load(handle)
    _assign(model.variables, folder / "model.npz", "model")
    optimizer = model.optimizer
    if not optimizer.built:
        optimizer.build(model.trainable_variables)
    _assign(optimizer.variables, folder / "optimizer.npz", "optimizer")
    for callback, state in zip(callbacks, record["callbacks"]):
        for name, value in state.items():
            setattr(callback, name, value)
    _set_random_states(record["random"])
    model.stop_training = record["stop_training"]
    sys.stdout.write(record["log"])
    history = keras.callbacks.History()
    history.set_model(model)
    history.history = record["history"]
    history.epoch = record["epoch"]
    history.params = record["params"]
    model.history = history
    return history


def _note(line):
    with open(_folder / "events.log", "a") as handle:
        handle.write(line + "\n")


def _cached_fit(self, *args, **kwargs):
    """``keras.Model.fit`` through the cache (see the module's docstring)."""
    folder = _folder
    key = fingerprint(self, args, kwargs) if getattr(self, "optimizer", None) else None
    if folder is None or key is None:
        if folder is not None:
            _note(f"uncacheable {self.name}")
        return _original_fit(self, *args, **kwargs)
    entry = folder / key
    callbacks = _callbacks(kwargs, args)
    with _locked(folder / f"{key}.lock"):
        if (entry / "done").exists():
            history = _load(entry, self, callbacks)
            _note(f"loaded {key[:12]} {self.name}")
            return history
        tee = _Tee(sys.stdout)
        start = time.perf_counter()
        with contextlib.redirect_stdout(tee):
            history = _original_fit(self, *args, **kwargs)
        seconds = time.perf_counter() - start
        _store(entry, self, history, callbacks, tee.copy.getvalue(), seconds)
        _note(f"trained {key[:12]} {self.name} {seconds:.1f} s")
        return history


def summary(folder):
    """Counts of the cache's events in ``folder``: trained, loaded, uncacheable.

    Parameters
    ----------
    folder : str or os.PathLike
        A cache folder (``COURSE_TRAINING_CACHE``).

    Returns
    -------
    dict
        ``{"trained": n, "loaded": n, "uncacheable": n, "seconds_trained": s}``.
    """
    counts = {"trained": 0, "loaded": 0, "uncacheable": 0, "seconds_trained": 0.0}
    log = Path(folder) / "events.log"
    if log.exists():
        for line in log.read_text().splitlines():
            kind = line.split(" ", 1)[0]
            if kind in counts:
                counts[kind] += 1
            if kind == "trained":
                counts["seconds_trained"] += float(line.split()[-2])
    return counts
