"""The course benchmark: how long students and CI wait, and how stable results are.

Usage: python bench/run.py [--repeats N] [--skip-notebooks] [--skip-models]
                           [--make-test] [--out bench]

Measures, on this machine:
- the execution time of every notebook (each run ``--repeats`` times in a
  fresh kernel, outputs compared between runs for every checked cell),
  per edition and in total;
- the book build;
- for the dense baseline, the course CNN and chapter 7's improved model:
  seconds per epoch, training images per second and test accuracy, over
  ``--repeats`` runs with the seed of ``lessons_lib.setup``;
- optionally the whole ``make test``.
It checks the budgets of the course and writes ``results.md`` and
``results.json``. It is a benchmark, not a test: it never fails on a missed
budget, it reports it.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGETS = {
    "make test (s)": 25 * 60,
    "one edition's notebooks (s)": 7 * 60,
    "course CNN, 10 epochs (s)": 3 * 60,
    "book build (s)": 60,
}

# name: (model function in lessons_lib.models, fit arguments, accuracy floor)
MODELS = {
    "dense_baseline": ("dense_baseline", dict(epochs=5, batch_size=32), 0.87),
    "course_cnn": ("course_cnn", dict(epochs=10, batch_size=32), 0.90),
    "improved_cnn": ("improved_cnn", dict(epochs=12, batch_size=64), 0.925),
}
REPRO_TOLERANCE = 0.005  # two runs' accuracies differ by less than 0.5 pp


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import keras

    info = {
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
    }
    try:
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        info["memory_gib"] = round(int(mem) / 2**20, 1)
    except (OSError, IndexError, ValueError):
        pass
    return info


def spread(values):
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": values,
    }


def checked_outputs(nb):
    """Text outputs of every cell nbval compares (images and ignored cells left out)."""
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        if "nbval-ignore-output" in tags or "nbval-skip" in tags:
            continue
        texts = []
        for o in cell.outputs:
            if o.output_type == "stream":
                texts.append(o.text)
            elif "data" in o:
                texts.append(o.data.get("text/plain", ""))
        out.append((i, "".join(texts)))
    return out


def run_notebook(path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=1800, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start, checked_outputs(nb)


def bench_notebooks(repeats):
    import nbformat

    results = {}
    for path in sorted((ROOT / "chapters").glob("*/*.ipynb")):
        key = str(path.relative_to(ROOT))
        stored = checked_outputs(nbformat.read(path, as_version=4))
        times, runs = [], []
        for _ in range(repeats):
            seconds, outputs = run_notebook(path)
            times.append(round(seconds, 1))
            runs.append(outputs)
        results[key] = {
            "seconds": spread(times),
            "identical_between_runs": all(r == runs[0] for r in runs),
            "identical_to_stored": runs[0] == stored,
        }
        print(f"{key}: {times} s, identical: {results[key]['identical_between_runs']}", flush=True)
    return results


def bench_book():
    jb = Path(sys.executable).with_name("jupyter-book")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([str(jb), "build", str(ROOT), "-W", "-n", "--keep-going",
                        "--path-output", tmp], check=True, capture_output=True)
        return round(time.perf_counter() - start, 1)


def bench_models(repeats):
    import keras

    import lessons_lib
    from lessons_lib import data, models

    (x_train, y_train), (x_test, y_test) = data.load_fashion_mnist()
    results = {}
    for name, (function, fit_args, floor) in MODELS.items():
        if not hasattr(models, function):
            results[name] = {"missing": f"lessons_lib.models.{function} does not exist yet"}
            continue
        epoch_times, accuracies, totals = [], [], []
        for _ in range(repeats):
            lessons_lib.setup(lang="en", seed=0)
            model = getattr(models, function)()
            stamps = []

            class Timer(keras.callbacks.Callback):
                def on_epoch_begin(self, epoch, logs=None):
                    stamps.append(time.perf_counter())

                def on_epoch_end(self, epoch, logs=None):
                    stamps[-1] = time.perf_counter() - stamps[-1]

            start = time.perf_counter()
            model.fit(x_train, y_train, verbose=0, callbacks=[Timer()], **fit_args)
            totals.append(round(time.perf_counter() - start, 1))
            epoch_times += [round(s, 2) for s in stamps]
            accuracies.append(round(float(model.evaluate(x_test, y_test, verbose=0)[1]), 4))
            print(f"{name}: {totals[-1]} s, test accuracy {accuracies[-1]}", flush=True)
        per_epoch = statistics.median(epoch_times)
        results[name] = {
            "fit": fit_args,
            "train_seconds": spread(totals),
            "seconds_per_epoch": spread(epoch_times),
            "images_per_second": round(len(x_train) / per_epoch),
            "test_accuracy": spread(accuracies),
            "accuracy_floor": floor,
            "reaches_floor": min(accuracies) >= floor,
            "reproducible": max(accuracies) - min(accuracies) < REPRO_TOLERANCE,
        }
    return results


def bench_make_test():
    start = time.perf_counter()
    subprocess.run(["make", "test"], cwd=ROOT, check=True, capture_output=True)
    return round(time.perf_counter() - start, 1)


def budgets(results):
    rows = []
    if "make_test_seconds" in results:
        rows.append(("make test (s)", results["make_test_seconds"]))
    nbs = results.get("notebooks", {})
    for lang in ("en", "ru", "nl"):
        total = sum(v["seconds"]["median"] for k, v in nbs.items() if k.startswith(f"chapters/{lang}/"))
        if total:
            rows.append((f"one edition's notebooks (s)", round(total, 1), lang))
    cnn = results.get("models", {}).get("course_cnn", {})
    if "train_seconds" in cnn:
        rows.append(("course CNN, 10 epochs (s)", cnn["train_seconds"]["median"]))
    if "book_seconds" in results:
        rows.append(("book build (s)", results["book_seconds"]))
    out = []
    for row in rows:
        name, value = row[0], row[1]
        label = name if len(row) == 2 else f"{name} [{row[2]}]"
        out.append({"budget": label, "limit": BUDGETS[name], "measured": value,
                    "holds": value <= BUDGETS[name]})
    return out


def write_markdown(results, path):
    m = results["machine"]
    lines = ["# Benchmark results", "",
             f"Measured {results['date']} on {m['cpu']} ({m['cores']} cores, "
             f"{m.get('memory_gib', '?')} GiB), Python {m['python']}, Keras {m['keras']} "
             f"({m['backend']} backend), {results['repeats']} run(s) each.", "",
             "## Budgets", "", "| budget | limit | measured | holds |", "| --- | ---: | ---: | --- |"]
    for b in results["budgets"]:
        lines.append(f"| {b['budget']} | {b['limit']} | {b['measured']} | {'yes' if b['holds'] else 'NO'} |")
    if results.get("models"):
        lines += ["", "## Models", "",
                  "| model | s/epoch (median, min-max) | images/s | test accuracy (median, min-max) | floor | reproducible (< 0.5 pp) |",
                  "| --- | --- | ---: | --- | ---: | --- |"]
        for name, r in results["models"].items():
            if "missing" in r:
                lines.append(f"| {name} | {r['missing']} | | | | |")
                continue
            s, a = r["seconds_per_epoch"], r["test_accuracy"]
            lines.append(f"| {name} | {s['median']:.1f} ({s['min']:.1f}-{s['max']:.1f}) | "
                         f"{r['images_per_second']} | {a['median']:.4f} ({a['min']:.4f}-{a['max']:.4f}) | "
                         f"{r['accuracy_floor']} | {'yes' if r['reproducible'] else 'NO'} |")
    if results.get("notebooks"):
        lines += ["", "## Notebooks", "", "| notebook | seconds (median, min-max) | checked outputs identical between runs | identical to stored |",
                  "| --- | --- | --- | --- |"]
        for name, r in results["notebooks"].items():
            s = r["seconds"]
            lines.append(f"| {name} | {s['median']} ({s['min']}-{s['max']}) | "
                         f"{'yes' if r['identical_between_runs'] else 'NO'} | {'yes' if r['identical_to_stored'] else 'NO'} |")
        for lang in ("en", "ru", "nl"):
            total = sum(v["seconds"]["median"] for k, v in results["notebooks"].items() if k.startswith(f"chapters/{lang}/"))
            lines.append(f"| **{lang} edition, total** | {total:.1f} | | |")
        lines.append(f"| **all notebooks** | {sum(v['seconds']['median'] for v in results['notebooks'].values()):.1f} | | |")
    if "book_seconds" in results:
        lines += ["", f"Book build: {results['book_seconds']} s."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--skip-notebooks", action="store_true")
    parser.add_argument("--skip-models", action="store_true")
    parser.add_argument("--make-test", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "bench"))
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    results = {"date": time.strftime("%Y-%m-%d %H:%M"), "repeats": args.repeats,
               "machine": machine()}
    results["book_seconds"] = bench_book()
    if not args.skip_notebooks:
        results["notebooks"] = bench_notebooks(args.repeats)
    if not args.skip_models:
        results["models"] = bench_models(args.repeats)
    if args.make_test:
        results["make_test_seconds"] = bench_make_test()
    results["budgets"] = budgets(results)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    write_markdown(results, out / "results.md")
    print((out / "results.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
