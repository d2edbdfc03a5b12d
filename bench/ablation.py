"""Which of chapter 7's changes does what: an ablation of the improved CNN.

Usage: python -m bench.ablation [--images N] [--epochs E] [--test-images N]
                                [--variants none,shift,...] [--out bench]
       python -m bench.ablation --report-only   (rewrite ablation.md from ablation.json)

Chapter 7 changes the course CNN of chapter 6 in several ways at once: it
shifts and mirrors the training images at random, normalises after each
convolution, drops units before the output layer, lowers the learning rate
along a cosine curve and stops early. This trains

- ``none``: the course CNN's layers with none of the changes,
- each change alone (``shift``, ``flip``, ``batchnorm``, ``dropout``,
  ``lr_decay``, ``early_stopping``),
- ``all``: every change, which is chapter 7's model,

all under chapter 7's training: batch size 32, at most 12 epochs, the last
10% of the training images for validation, the Keras seed 0, each built
with :func:`lessons_lib.models.improved_cnn`'s switches and trained with
:func:`lessons_lib.models.quick_fit`. Early stopping (where used) has
patience 3 and restores the best weights, as in chapter 7. It writes
``ablation.json`` and ``ablation.md``: validation and test accuracy, the
difference from ``none`` in points, epochs and seconds; a complete full run
also writes ``lessons_lib/results/ablation.json``, the copy chapter 7
shows (:func:`lessons_lib.data.ablation`). The file is saved
after every variant, so a run that is stopped keeps what it measured.

It is a measurement, not a test. On the full data (the default) it takes
roughly 40 to 80 minutes on two idle processor cores (eight trainings of up
to 12 epochs); run it on an otherwise idle machine, as ``make bench`` does.
``--images N --epochs E`` is a smoke run on a random subset, to check that
everything works; its numbers say nothing, and its report says so.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Chapter 7's training.
EPOCHS = 12
BATCH_SIZE = 32
VALIDATION_SPLIT = 0.1
PATIENCE = 3

_OFF = {"shift": False, "flip": False, "batchnorm": False, "dropout": 0.0, "lr_decay": False}

#: variant: (improved_cnn switches, early stopping on?)
VARIANTS = {
    "none": (dict(_OFF), False),
    "shift": ({**_OFF, "shift": True}, False),
    "flip": ({**_OFF, "flip": True}, False),
    "batchnorm": ({**_OFF, "batchnorm": True}, False),
    "dropout": ({**_OFF, "dropout": 0.2}, False),
    "lr_decay": ({**_OFF, "lr_decay": True}, False),
    "early_stopping": (dict(_OFF), True),
    "all": ({}, True),
}


def describe(variant):
    """The changes a variant makes, in words for the table."""
    switches, stops = VARIANTS[variant]
    if not switches and stops:
        return "all: shift, flip, batchnorm, dropout 0.2, lr_decay, early stopping"
    words = [k if v is True else f"{k} {v:g}" for k, v in switches.items() if v]
    if stops:
        words.append(f"early stopping (patience {PATIENCE})")
    return ", ".join(words) or "none (the course CNN's layers)"


def train(variant, data, images, epochs, test_images):
    """Train one variant; return what the report needs."""
    import functools

    import keras
    import numpy as np

    from lessons_lib import models

    (x_train, y_train), (x_test, y_test) = data
    switches, stops = VARIANTS[variant]
    callbacks = []
    if stops:
        callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor="val_loss", patience=PATIENCE, restore_best_weights=True
            )
        )
    run = models.quick_fit(
        functools.partial(models.improved_cnn, **switches),
        x_train,
        y_train,
        images=images,
        epochs=epochs,
        batch_size=BATCH_SIZE,
        validation_split=VALIDATION_SPLIT,
        seed=0,
        callbacks=callbacks,
    )
    scores = run.model.predict(x_test[:test_images], verbose=0)
    test_accuracy = float(np.mean(scores.argmax(axis=1) == y_test[:test_images]))
    val_loss = run.history["val_loss"]
    return {
        "changes": describe(variant),
        "parameters": int(run.model.count_params()),
        "epochs_run": len(val_loss),
        "best_epoch": int(np.argmin(val_loss)) + 1,
        "val_accuracy": round(run.val_accuracy, 4),
        "test_accuracy": round(test_accuracy, 4),
        "seconds": round(run.seconds, 1),
    }


def format_table(results):
    """The Markdown table of ``results["variants"]``, with the difference from ``none``.

    Parameters
    ----------
    results : dict
        ``{"variants": {name: {...}}, ...}`` as :func:`main` saves it.

    Returns
    -------
    str
    """
    rows = results.get("variants", {})
    base = rows.get("none")
    lines = [
        "| variant | changes | epochs run (best) | validation accuracy | test accuracy | "
        "test vs none (points) | seconds |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in rows.items():
        if base is None:
            delta = ""
        elif name == "none":
            delta = "0.0"
        else:
            delta = f"{100 * (r['test_accuracy'] - base['test_accuracy']):+.1f}"
        lines.append(
            f"| {name} | {r['changes']} | {r['epochs_run']} ({r['best_epoch']}) | "
            f"{r['val_accuracy']:.4f} | {r['test_accuracy']:.4f} | {delta} | {r['seconds']:.0f} |"
        )
    return "\n".join(lines)


def is_smoke(results):
    """Whether the run trained on less than chapter 7 does (a smoke run)."""
    return (
        results.get("images") is not None
        or results.get("epochs", EPOCHS) != EPOCHS
        or results.get("test_images") not in (None, 10_000)
    )


def write_markdown(results, path):
    m = results.get("machine", {})
    subset = results.get("images")
    lines = [
        "# Ablation: what each of chapter 7's changes does",
        "",
        "Written by `python -m bench.ablation` (part of `make bench`); `ablation.json` holds "
        "the numbers.",
        "",
    ]
    if is_smoke(results):
        lines += [
            f"**A smoke run** ({subset or 'all'} training images, {results.get('epochs')} "
            f"epoch(s), {results.get('test_images') or 'all'} test images): it shows that "
            "the script works; its numbers say nothing about the changes.",
            "",
        ]
    lines += [
        f"Measured {results.get('date', '?')} on {m.get('cpu', '?')} ({m.get('cores', '?')} "
        f"cores), Keras {m.get('keras', '?')} ({m.get('backend', '?')} backend)."
        + (
            f" The ablation took {results['minutes']} min."
            if "minutes" in results
            else " (Partial: still running or stopped.)"
        ),
        "",
        f"Every variant is `models.improved_cnn` with some switches off, trained as chapter 7 "
        f"trains: batch size {BATCH_SIZE}, at most {results.get('epochs', EPOCHS)} epochs, the "
        f"last {VALIDATION_SPLIT:.0%} of the training images for validation, Keras seed 0; "
        f"early stopping with patience {PATIENCE} restores the best weights. `none` has the "
        "course CNN's layers; `all` is chapter 7's model. One run each: differences of a few "
        "tenths of a point can come from the seed alone.",
        "",
        format_table(results),
        "",
    ]
    if results.get("note"):
        lines += [f"Note: {results['note']}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


#: The copy chapter 7 shows (lessons_lib.data.ablation), installed with the package.
PUBLISHED = ROOT / "lessons_lib" / "results" / "ablation.json"


def publish(results, path=PUBLISHED):
    """Write the numbers chapter 7 shows, if ``results`` is a complete full run.

    A smoke run, or one that has not trained every variant, is never
    published: the chapter keeps the last complete measurement.

    Returns
    -------
    bool
        Whether ``path`` was written.
    """
    variants = results.get("variants", {})
    if is_smoke(results) or list(variants) != list(VARIANTS) or "minutes" not in results:
        return False
    m = results.get("machine", {})
    keep = ("epochs_run", "best_epoch", "val_accuracy", "test_accuracy", "seconds")
    chapter = {
        "date": results.get("date"),
        "machine": {k: m.get(k) for k in ("cpu", "cores", "keras", "backend")},
        "epochs": results.get("epochs", EPOCHS),
        "batch_size": BATCH_SIZE,
        "patience": PATIENCE,
        "minutes": results["minutes"],
        "variants": {name: {k: r[k] for k in keep} for name, r in variants.items()},
    }
    if results.get("note"):
        chapter["note"] = results["note"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(chapter, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


def save(results, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "ablation.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    write_markdown(results, out / "ablation.md")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--images",
        type=int,
        default=None,
        help="train on this many training images (a random subset, validation included); "
        "by default all 60,000 in their order, as chapter 7",
    )
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument(
        "--test-images", type=int, default=None, help="by default all 10,000 test images"
    )
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS),
        help=f"which variants, comma-separated (by default all: {','.join(VARIANTS)})",
    )
    parser.add_argument("--out", default=str(ROOT / "bench"))
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="train nothing: rewrite ablation.md from ablation.json",
    )
    args = parser.parse_args(argv)
    out = Path(args.out)
    if args.report_only:
        results = json.loads((out / "ablation.json").read_text(encoding="utf-8"))
        save(results, out)
        if publish(results):
            print(f"chapter 7's copy written: {PUBLISHED.relative_to(ROOT)}")
        print((out / "ablation.md").read_text(encoding="utf-8"))
        return 0
    names = [n.strip() for n in args.variants.split(",") if n.strip()]
    unknown = sorted(set(names) - set(VARIANTS))
    if unknown:
        parser.error(f"unknown variant(s) {unknown}; known: {list(VARIANTS)}")
    for flag, value in (("--images", args.images), ("--test-images", args.test_images)):
        if value is not None and value < 2:
            parser.error(f"{flag} must be at least 2, got {value}")
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import lessons_lib
    from lessons_lib import data

    from .run import machine

    lessons_lib.setup(lang="en", seed=0)
    loaded = data.load_fashion_mnist()
    results = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "images": args.images,
        "epochs": args.epochs,
        "test_images": args.test_images,
        "variants": {},
    }
    started = time.perf_counter()
    for name in names:
        results["variants"][name] = train(
            name, loaded, args.images, args.epochs, args.test_images or len(loaded[1][0])
        )
        r = results["variants"][name]
        print(
            f"{name}: validation {r['val_accuracy']:.4f}, test {r['test_accuracy']:.4f}, "
            f"{r['epochs_run']} epochs, {r['seconds']} s",
            flush=True,
        )
        save(results, out)
    results["minutes"] = round((time.perf_counter() - started) / 60, 1)
    save(results, out)
    if publish(results):
        print(f"chapter 7's copy written: {PUBLISHED.relative_to(ROOT)}")
    print((out / "ablation.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
