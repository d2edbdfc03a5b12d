"""The training cache (lessons_lib.cache): a loaded training is the training.

The decisive test runs one script three times in fresh processes: without
the cache, with an empty cache (it trains and stores) and with the filled
cache (it loads). The weights, histories, callback state, log and every
random draw after the trainings must be identical in all three.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from lessons_lib import cache

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(
    """
    import hashlib, json, random, sys
    import numpy as np
    import lessons_lib
    lessons_lib.setup("en", seed=3)
    import keras

    def digest(model):
        h = hashlib.sha256()
        for v in model.variables:
            h.update(np.asarray(v.numpy()).tobytes())
        for v in model.optimizer.variables:
            h.update(np.asarray(v.numpy()).tobytes())
        return h.hexdigest()

    x = np.random.rand(240, 8, 8, 1).astype("float32")
    y = np.random.randint(0, 3, 240)
    def build():
        model = keras.Sequential([
            keras.Input((8, 8, 1)),
            keras.layers.RandomFlip("horizontal"),
            keras.layers.Conv2D(4, 3, activation="relu"),
            keras.layers.BatchNormalization(),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(3, activation="softmax"),
        ])
        schedule = keras.optimizers.schedules.CosineDecay(0.01, 60)
        model.compile(keras.optimizers.Adam(schedule),
                      "sparse_categorical_crossentropy", metrics=["accuracy"])
        return model

    out = {}
    model = build()
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=1,
                                         restore_best_weights=True)
    h = model.fit(x, y, batch_size=16, epochs=6, validation_split=0.25,
                  callbacks=[stop], verbose=2)
    out["history"] = h.history
    out["epoch"] = h.epoch
    out["model_history_is_returned"] = model.history is h
    out["stopped_epoch"] = stop.stopped_epoch
    out["weights"] = digest(model)
    out["predict"] = model.predict(x[:5], verbose=0).round(6).tolist()
    # random draws after the training: every generator must be where the
    # training left it
    out["python"] = random.random()
    out["numpy"] = float(np.random.rand())
    out["keras"] = float(keras.random.uniform((1,))[0])
    import tensorflow as tf
    out["tensorflow"] = float(tf.random.uniform((1,))[0])
    # a second training of the same model continues from the loaded state
    h2 = model.fit(x, y, batch_size=16, epochs=2, verbose=0)
    out["history2"] = h2.history
    out["weights2"] = digest(model)
    # a second model built after the trainings gets the same initial weights
    out["fresh"] = digest(build())
    print("RESULT " + json.dumps(out, sort_keys=True))
    """
)


def _run(tmp_path, folder):
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3")
    env.pop(cache.VARIABLE, None)
    if folder is not None:
        env[cache.VARIABLE] = str(folder)
    script = tmp_path / "train.py"
    script.write_text(SCRIPT)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    log = [line for line in done.stdout.splitlines() if line.startswith("Epoch ")]
    return json.loads(result[0][len("RESULT ") :]), log


def test_a_cached_run_equals_an_uncached_one(tmp_path):
    folder = tmp_path / "cache"
    plain, plain_log = _run(tmp_path, None)
    first, first_log = _run(tmp_path, folder)
    assert cache.summary(folder) == {
        "trained": 2,
        "loaded": 0,
        "uncacheable": 0,
        "seconds_trained": pytest.approx(cache.summary(folder)["seconds_trained"]),
    }
    second, second_log = _run(tmp_path, folder)
    counts = cache.summary(folder)
    assert (counts["trained"], counts["loaded"]) == (2, 2)
    # early stopping really happened, so its state and the restored best
    # weights are part of what is compared
    assert plain["stopped_epoch"] > 0 and len(plain["epoch"]) < 6
    assert first == plain
    assert second == plain
    # the log of the training is printed again when it is loaded
    assert first_log == plain_log and second_log == plain_log and plain_log


@pytest.fixture
def keras_model():
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    model.compile("adam", "mse")
    return model


def test_the_key_changes_with_what_determines_the_training(keras_model, monkeypatch):
    import keras

    x = np.zeros((8, 4), "float32")
    y = np.zeros((8, 2), "float32")
    key = cache.fingerprint(keras_model, (x, y), {"epochs": 1})
    assert key == cache.fingerprint(keras_model, (x, y), {"epochs": 1})
    assert key != cache.fingerprint(keras_model, (x + 1, y), {"epochs": 1})
    assert key != cache.fingerprint(keras_model, (x, y), {"epochs": 2})
    stop = keras.callbacks.EarlyStopping(patience=2)
    other = keras.callbacks.EarlyStopping(patience=3)
    assert cache.fingerprint(keras_model, (x, y), {"callbacks": [stop]}) != cache.fingerprint(
        keras_model, (x, y), {"callbacks": [other]}
    )
    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "AVX")
    assert key != cache.fingerprint(keras_model, (x, y), {"epochs": 1})
    monkeypatch.delenv("ONEDNN_MAX_CPU_ISA")
    np.random.rand()  # the random state is part of the key
    assert key != cache.fingerprint(keras_model, (x, y), {"epochs": 1})
    before = cache.fingerprint(keras_model, (x, y), {})
    keras_model.layers[0].kernel.assign(np.ones((4, 2), "float32"))  # other initial weights
    assert cache.fingerprint(keras_model, (x, y), {}) != before


def test_what_cannot_be_keyed_is_never_cached(keras_model):
    def batches():
        yield np.zeros((2, 4)), np.zeros((2, 2))

    assert cache.fingerprint(keras_model, (batches(),), {}) is None
    assert cache.fingerprint(keras_model, (np.zeros((2, 4)),), {"y": object()}) is None


def test_enable_checks_its_folder(tmp_path):
    with pytest.raises(ValueError, match="folder must be a non-empty path, got ''"):
        cache.enable("")
    file = tmp_path / "file"
    file.write_text("x")
    with pytest.raises(ValueError, match="folder must be a directory"):
        cache.enable(file)
    assert not cache.enabled()


def test_enable_and_disable_put_fit_back(tmp_path):
    import keras

    was_on = cache._folder  # make test may have turned it on in this worker (env.setup)
    cache.disable()
    original = keras.Model.fit
    try:
        assert cache.enable(tmp_path / "c") == tmp_path / "c"
        assert cache.enabled() and keras.Model.fit is not original
    finally:
        cache.disable()
    assert keras.Model.fit is original and not cache.enabled()
    if was_on is not None:
        cache.enable(was_on)


def test_the_cache_is_off_unless_the_variable_names_a_folder(monkeypatch):
    monkeypatch.delenv(cache.VARIABLE, raising=False)
    assert cache.enable_from_environment() is None
    monkeypatch.setenv(cache.VARIABLE, "  ")
    assert cache.enable_from_environment() is None and not cache.enabled()


def test_summary_counts_events(tmp_path):
    (tmp_path / "events.log").write_text(
        "trained abc m 12.5 s\nloaded abc m\nloaded abc m\nuncacheable m\n"
    )
    assert cache.summary(tmp_path) == {
        "trained": 1,
        "loaded": 2,
        "uncacheable": 1,
        "seconds_trained": 12.5,
    }
    assert cache.summary(tmp_path / "none")["trained"] == 0


def test_make_execute_never_uses_the_cache(monkeypatch):
    from scripts import execute_notebooks

    monkeypatch.setenv(cache.VARIABLE, "/tmp/somewhere")
    assert execute_notebooks.main([]) == 2
    assert cache.VARIABLE not in os.environ
