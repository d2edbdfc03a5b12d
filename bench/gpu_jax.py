"""Seconds per epoch of the course's three models on Keras' JAX backend, any device.

Usage (on a GPU machine; KERAS_BACKEND must be jax):
    KERAS_BACKEND=jax python -m bench.gpu_jax [--epochs 3] [--batches 32,128,256]
        [--models dense_baseline,course_cnn,improved_cnn] [--images 60000] [--out bench]

For each model and batch size: ``lessons_lib.setup(seed=0)`` (what every
notebook runs first), the model built as its chapter builds it (chapter 7's
with its learning-rate schedule sized for that batch), trained with
``validation_split=0.1`` for ``--epochs`` epochs; it records every epoch's
seconds (the first includes compilation; "steady" is the mean of the
others), the number of JAX compilations in each epoch (a model that is
retraced every step shows compilations after the first epoch), and the test
accuracy after those epochs (a short training: not the chapter's number).
Writes ``gpu_jax.json`` and prints a Markdown table for ``bench/gpu.md``.

It runs on a CPU as well (slowly: JAX's CPU backend trains these models
several times slower than TensorFlow), which is how it is tested.
"""

import argparse
import json
import logging
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ("dense_baseline", "course_cnn", "improved_cnn")


class _CompileCounter(logging.Handler):
    """Counts JAX's "Compiling ..." log lines (jax_log_compiles)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record):
        if record.getMessage().startswith("Compiling"):
            self.count += 1


def run(name, batch_size, epochs, images):
    """Train one model at one batch size; return its timings and accuracy."""
    import keras

    import lessons_lib
    from lessons_lib import data, env, models

    lessons_lib.setup("en", seed=0)
    (x_train, y_train), (x_test, y_test) = data.load_fashion_mnist()
    x_train, y_train = x_train[:images], y_train[:images]
    train_images = int(len(x_train) * 0.9)
    if name == "improved_cnn":
        model = models.improved_cnn(batch_size, train_images, epochs)
    else:
        model = getattr(models, name)()
    counter = _CompileCounter()

    class Timer(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.seconds, self.compiles = [], []

        def on_epoch_begin(self, epoch, logs=None):
            self.start, self.before = time.perf_counter(), counter.count

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(round(time.perf_counter() - self.start, 2))
            self.compiles.append(counter.count - self.before)
            print(
                f"  {name} batch {batch_size} epoch {epoch + 1}: {self.seconds[-1]} s, "
                f"{self.compiles[-1]} compilations",
                flush=True,
            )

    timer = Timer()
    logger = logging.getLogger("jax")
    logger.addHandler(counter)
    try:
        import jax

        jax.config.update("jax_log_compiles", True)
        model.fit(
            x_train,
            y_train,
            batch_size=batch_size,
            epochs=epochs,
            validation_split=0.1,
            verbose=0,
            callbacks=[timer],
        )
    finally:
        logger.removeHandler(counter)
        jax.config.update("jax_log_compiles", False)
    _, accuracy = model.evaluate(x_test, y_test, verbose=0)
    steady = timer.seconds[1:] or timer.seconds
    return {
        "model": name,
        "batch_size": batch_size,
        "device": env.accelerator(),
        "epoch_seconds": timer.seconds,
        "epoch_compilations": timer.compiles,
        "steady_seconds_per_epoch": round(sum(steady) / len(steady), 2),
        "images_per_second": round(train_images / (sum(steady) / len(steady))),
        "test_accuracy": round(float(accuracy), 4),
    }


def table(rows):
    """The Markdown table of a run."""
    lines = [
        "| model | batch | device | s/epoch (epoch 1, then steady) | compilations per epoch "
        "| images/s | test accuracy |",
        "| --- | ---: | --- | --- | --- | ---: | ---: |",
    ]
    for r in rows:
        first, steady = r["epoch_seconds"][0], r["steady_seconds_per_epoch"]
        lines.append(
            f"| {r['model']} | {r['batch_size']} | {r['device']} | {first}, then {steady} "
            f"| {', '.join(map(str, r['epoch_compilations']))} | {r['images_per_second']:,} "
            f"| {r['test_accuracy']:.4f} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batches", default="32,128,256")
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--images", type=int, default=60_000)
    parser.add_argument("--out", default=str(ROOT / "bench"))
    args = parser.parse_args(argv)
    if os.environ.get("KERAS_BACKEND") != "jax":
        parser.error("set KERAS_BACKEND=jax: this measures Keras on JAX")
    names = [n.strip() for n in args.models.split(",") if n.strip()]
    unknown = sorted(set(names) - set(MODELS))
    if unknown:
        parser.error(f"--models: unknown {unknown}; known: {list(MODELS)}")
    try:
        batches = [int(b) for b in args.batches.split(",")]
    except ValueError:
        parser.error(f"--batches must be whole numbers separated by commas, got {args.batches!r}")
    if args.epochs < 2:
        parser.error("--epochs must be at least 2 (the first epoch compiles)")
    rows = [run(name, batch, args.epochs, args.images) for name in names for batch in batches]
    import jax
    import keras

    result = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "keras": keras.__version__,
        "jax": jax.__version__,
        "devices": [str(d) for d in jax.devices()],
        "epochs": args.epochs,
        "images": args.images,
        "rows": rows,
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "gpu_jax.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
