"""How the course's trained numbers move with the processor's instruction set.

Usage: python -m bench.isa [--settings default,AVX2,AVX,SSE41,onednn-off]
                           [--models dense_baseline,course_cnn,improved_cnn]
                           [--out bench]
       python -m bench.isa --report-only

TensorFlow's CPU kernels (oneDNN) pick their code path by the instruction
set of the processor: AVX-512, AVX2, AVX or SSE4.1. Each path sums in its
own order, so the same training, deterministic on one machine, ends with
other last digits on another kind of processor, and after thousands of
steps the trained weights differ. ``ONEDNN_MAX_CPU_ISA`` caps the path oneDNN
may use, so one machine can stand in for older ones; ``TF_ENABLE_ONEDNN_OPTS=0``
turns oneDNN off (TensorFlow's Eigen kernels instead).

This trains the three course models exactly as their chapters do (the
``MODELS`` table of ``bench/run.py``), once per setting, each in a fresh
process, and records every number a chapter's checked cells test (test and
training accuracy, validation loss, misclassified images, epochs run). It
then writes ``isa.json`` and ``isa.md``: the spread per model, and each
chapter's accuracy threshold against the lowest value measured, with its
margin. The thresholds are read from the English notebooks, so the report
shows the thresholds the course really uses.

It is a measurement, not a test; it never fails. It takes hours on the
2-core course machine: the course CNN trains in about 3 minutes with
AVX-512 or AVX2 but two to three times as long with AVX, SSE4.1 or oneDNN off
(``bench/isa_speed.py``), and chapter 7's model takes twice the course CNN's
time. ``--settings`` and ``--models`` measure a part; results are merged
into ``isa.json`` setting by setting.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# setting: environment variables that select it
SETTINGS = {
    "default": {},
    "AVX2": {"ONEDNN_MAX_CPU_ISA": "AVX2"},
    "AVX": {"ONEDNN_MAX_CPU_ISA": "AVX"},
    "SSE41": {"ONEDNN_MAX_CPU_ISA": "SSE41"},
    "onednn-off": {"TF_ENABLE_ONEDNN_OPTS": "0"},
}
DEFAULT_SETTINGS = "default,AVX2,AVX,SSE41,onednn-off"

# model: the English chapter that trains it and checks its test accuracy
CHAPTERS = {
    "dense_baseline": "01_images_and_dense_baseline",
    "course_cnn": "06_cnn_fashion_mnist",
    "improved_cnn": "07_going_further",
}
THRESHOLD = re.compile(r"test accuracy >= (0\.\d+)")  # the check cell's threshold
MARGIN = 0.005  # a threshold sits at least half a point below the lowest value measured

# Runs not made by this script, with what they measured; they count for the
# lowest value like the runs made here. A capped instruction set on one
# processor is not the same as another processor (oneDNN also sizes its
# blocks by the caches): a Zen 3 with AVX2 ended elsewhere than AVX2 here.
# The notebooks draw from the random generator before they train (chapter 7's
# demonstrations of augmentation and dropout), so their runs differ from
# this script's too.
ELSEWHERE = {
    "notebooks as stored (AVX-512, 2026-11)": {
        "dense_baseline": {"test_accuracy": 0.879},
        "course_cnn": {"train_accuracy": 0.9782, "test_accuracy": 0.9123, "misclassified": 877},
        "improved_cnn": {
            "epochs_run": 12,
            "best_epoch": 11,
            "test_accuracy": 0.9325,
            "accuracy_10k_training": 0.9486,
        },
    },
    "chapter 6 notebook on a Zen 3, AVX2 (issue 18)": {
        "course_cnn": {"test_accuracy": 0.9033, "misclassified": 967},
    },
}

PROBE = """
import numpy as np, keras
keras.layers.Conv2D(4, 3)(np.zeros((1, 8, 8, 1), "float32"))
"""


def probe_isa(env):
    """The instruction set oneDNN reports for one convolution under ``env``."""
    env = {**env, "ONEDNN_VERBOSE": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=300
    )
    match = re.search(r"isa:([^,\n]+)", out.stdout)
    if not match or ",exec," not in out.stdout:  # oneDNN loaded but ran no primitive
        return "oneDNN not used"
    return match.group(1).strip()


def train(name):
    """Train one course model as its chapter does; return what its checks test."""
    import keras
    import numpy as np

    import lessons_lib
    from bench.run import MODELS
    from lessons_lib import data, models

    function, fit_args, patience, _ = MODELS[name]
    (x_train, y_train), (x_test, y_test) = data.load_fashion_mnist()
    lessons_lib.setup(lang="en", seed=0)
    model = getattr(models, function)()
    callbacks = []
    if patience is not None:
        callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor="val_loss", patience=patience, restore_best_weights=True
            )
        )
    start = time.perf_counter()
    history = model.fit(x_train, y_train, verbose=0, callbacks=callbacks, **fit_args).history
    seconds = time.perf_counter() - start
    y_pred = model.predict(x_test, verbose=0).argmax(axis=1)
    result = {
        "seconds": round(seconds, 1),
        "epochs_run": len(history["loss"]),
        "best_epoch": int(np.argmin(history["val_loss"])) + 1,
        "train_accuracy": round(float(history["accuracy"][-1]), 4),
        "val_accuracy": round(float(history["val_accuracy"][-1]), 4),
        "val_loss_last_minus_lowest": round(
            float(history["val_loss"][-1] - min(history["val_loss"])), 4
        ),
        "test_accuracy": round(float(np.mean(y_pred == y_test)), 4),
        "misclassified": int(np.sum(y_pred != y_test)),
    }
    if name == "improved_cnn":  # chapter 7 evaluates 10,000 training images too
        result["accuracy_10k_training"] = round(
            float(model.evaluate(x_train[:10_000], y_train[:10_000], verbose=0)[1]), 4
        )
    return result


def run_setting(setting, names):
    env = {**os.environ, **SETTINGS[setting], "TF_CPP_MIN_LOG_LEVEL": "3"}
    out = {"isa_used": probe_isa(env)}
    for name in names:
        proc = subprocess.run(
            [sys.executable, "-m", "bench.isa", "--worker", name],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode:
            out[name] = {"error": proc.stderr[-2000:]}
        else:
            out[name] = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{setting:11} {name:15} {out[name]}", flush=True)
    return out


def thresholds():
    """Each model's accuracy threshold as its English chapter checks it."""
    import nbformat

    found = {}
    for name, notebook in CHAPTERS.items():
        nb = nbformat.read(ROOT / "chapters" / "en" / f"{notebook}.ipynb", as_version=4)
        for cell in nb.cells:
            match = THRESHOLD.search(cell.source) if cell.cell_type == "code" else None
            if match:
                found[name] = float(match.group(1))
                break
    return found


def report(results):
    settings = list(results["settings"])
    lines = [
        "# Trained results across instruction sets",
        "",
        f"Measured {results['date']} with `python -m bench.isa` on {results['machine']}.",
        "Each model is trained exactly as its chapter trains it, once per setting,",
        "in a fresh process. `ONEDNN_MAX_CPU_ISA` caps the instruction set of",
        "TensorFlow's oneDNN kernels; `onednn-off` is `TF_ENABLE_ONEDNN_OPTS=0`:",
        "TensorFlow's own (Eigen) kernels, which still multiply matrices with",
        "oneDNN's `gemm_api`, so that row names an instruction set too.",
        "Rows not named after a setting are runs made elsewhere (`ELSEWHERE` in",
        "`bench/isa.py` says where); they count for the lowest value too.",
        "The seconds are wall time while other runs shared the two cores, not",
        "speeds: `python -m bench.isa_speed` measures those on an idle machine.",
        "",
        "| setting | oneDNN ran on |",
        "| --- | --- |",
    ]
    lines += [f"| {s} | {results['settings'][s]['isa_used']} |" for s in settings]
    limits = thresholds()
    for name in CHAPTERS:
        runs = {s: results["settings"][s].get(name) for s in settings}
        runs = {s: r for s, r in runs.items() if r and "error" not in r}
        runs.update({label: found[name] for label, found in ELSEWHERE.items() if name in found})
        if not runs:
            continue
        keys = max((list(r) for r in runs.values()), key=len)
        lines += [
            "",
            f"## {name}",
            "",
            "| " + " | ".join(["setting"] + keys) + " |",
            "|" + " --- |" * (len(keys) + 1),
        ]
        for s, r in runs.items():
            lines.append("| " + " | ".join([s] + [str(r.get(k, "")) for k in keys]) + " |")
        accuracies = [r["test_accuracy"] for r in runs.values()]
        low, high = min(accuracies), max(accuracies)
        lines += [
            "",
            f"Test accuracy from {low:.4f} to {high:.4f} (spread {100 * (high - low):.2f} points).",
        ]
        if name in limits:
            margin = low - limits[name]
            verdict = "holds" if margin >= MARGIN - 1e-9 else "**too thin**"
            lines.append(
                f"The chapter checks `test accuracy >= {limits[name]}`: "
                f"{100 * margin:.2f} points below the lowest value, "
                f"{verdict} (required: {100 * MARGIN:.1f})."
            )
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default=DEFAULT_SETTINGS)
    parser.add_argument("--models", default=",".join(CHAPTERS))
    parser.add_argument("--out", default=str(ROOT / "bench"))
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(train(args.worker)))
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "isa.json"
    if args.report_only:
        results = json.loads(path.read_text(encoding="utf-8"))
    else:
        settings = [s.strip() for s in args.settings.split(",") if s.strip()]
        unknown = [s for s in settings if s not in SETTINGS]
        if unknown:
            parser.error(f"unknown settings {unknown}; expected some of {list(SETTINGS)}")
        names = [n.strip() for n in args.models.split(",") if n.strip()]
        results = (
            json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"settings": {}}
        )
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "unknown CPU",
        )
        results.update(date=time.strftime("%Y-%m-%d"), machine=f"{cpu}, {os.cpu_count()} cores")
        for setting in settings:
            previous = results["settings"].get(setting, {})
            results["settings"][setting] = {**previous, **run_setting(setting, names)}
            path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    text = report(results)
    (out / "isa.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
