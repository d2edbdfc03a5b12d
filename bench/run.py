"""The course benchmark: how long students and CI wait, and how stable results are.

Usage: python -m bench.run [--repeats N] [--notebooks GLOB] [--skip-notebooks]
                           [--skip-models] [--models a,b] [--make-test] [--out bench]
       python -m bench.run --report-only   (rewrite results.md from results.json)

Measures, on this machine:
- the execution time of every notebook (each run ``--repeats`` times in a
  fresh kernel, outputs compared between runs for every checked cell),
  per edition and in total;
- the book build;
- for the dense baseline, the course CNN and chapter 7's improved model,
  trained as their chapters train them: seconds per epoch, training images
  per second and test accuracy, over ``--repeats`` runs with the seed of
  ``lessons_lib.setup``;
- optionally the whole ``make test``, twice: without the training cache
  (``TRAINING_CACHE=off``, every edition trains every model) and with it,
  so that one run shows what the cache saves.
It checks the budgets of the course and writes ``results.md`` and
``results.json`` (after every stage, so a long run that is stopped keeps
what it measured). It is a benchmark, not a test: it never fails on a missed
budget, it reports it. Run it on an otherwise idle machine.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.nboutputs import cell_text, checked_outputs  # nbval's view of a notebook

ROOT = Path(__file__).resolve().parent.parent

BUDGETS = {
    "make test (s)": 25 * 60,
    "one edition's notebooks (s)": 7 * 60,
    "course CNN, 10 epochs (s)": 3 * 60,
    "book build (s)": 60,
}

# name: (model function in lessons_lib.models, fit arguments as its chapter
# gives them, early-stopping patience as its chapter sets it (None: trains
# every epoch; otherwise val_loss, best weights restored), accuracy floor the
# chapter checks)
MODELS = {
    "dense_baseline": (
        "dense_baseline",
        dict(epochs=5, batch_size=32, validation_split=0.1),
        None,
        0.87,
    ),
    "course_cnn": ("course_cnn", dict(epochs=10, batch_size=32, validation_split=0.1), None, 0.90),
    "improved_cnn": (
        "improved_cnn",
        dict(epochs=12, batch_size=32, validation_split=0.1),
        3,
        0.925,
    ),
}
# "test accuracy: 0.9123", "точность на тесте: 0,9123", "testnauwkeurigheid: 0,9267":
# every accuracy a notebook prints, in the three editions' words and number formats
ACCURACY = re.compile(
    r"^(?P<name>[^:<>=\n]*(?:accuracy|точность|nauwkeurigheid)[^:<>=\n]*):"
    r"\s+(?P<value>[01][.,]\d+)\s*$",
    re.M | re.I,
)
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
        "median": round(statistics.median(values), 4),
        "min": min(values),
        "max": max(values),
        "runs": values,
    }


def cell_seconds(cell):
    """How long a cell ran, from the timing nbclient records in its metadata."""
    from datetime import datetime

    timing = cell.metadata.get("execution", {})
    try:
        start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return 0.0
    return (end - start).total_seconds()


def printed_accuracies(nb):
    """{name: value} of every accuracy the notebook prints, checked cells or not."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            for m in ACCURACY.finditer(cell_text(cell)):
                found[m["name"].strip()] = float(m["value"].replace(",", "."))
    return found


def cell_label(source):
    """A cell's most telling line: a training or setup call if it has one, else its first code line."""
    lines = [
        ln.strip()
        for ln in source.splitlines()
        if ln.strip() and not ln.strip().startswith(("#", "%"))
    ]
    for ln in lines:
        if re.search(r"\.(fit|evaluate|predict|setup)\(", ln):
            return ln
    return lines[0] if lines else ""


def run_notebook(path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=1800,
        kernel_name="python3",
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    cells = [(cell_seconds(c), cell_label(c.source)) for c in nb.cells if c.cell_type == "code"]
    return {
        "seconds": seconds,
        "outputs": checked_outputs(nb),
        "accuracies": printed_accuracies(nb),
        "cells": cells,
    }


def bench_notebooks(repeats, pattern="*/*.ipynb", save=None):
    import nbformat

    results = {}
    for path in sorted((ROOT / "chapters").glob(pattern)):
        key = str(path.relative_to(ROOT))
        stored = checked_outputs(nbformat.read(path, as_version=4))
        runs = [run_notebook(path) for _ in range(repeats)]
        times = [round(r["seconds"], 1) for r in runs]
        first = runs[0]
        differing = [i for (i, text), (_, other) in zip(first["outputs"], stored) if text != other]
        accuracies = {
            name: [r["accuracies"].get(name) for r in runs] for name in first["accuracies"]
        }
        spreads = [max(v) - min(v) for v in accuracies.values() if None not in v]
        slowest = sorted(first["cells"], reverse=True)[:2]
        results[key] = {
            "seconds": spread(times),
            "identical_between_runs": all(r["outputs"] == first["outputs"] for r in runs),
            "identical_to_stored": not differing and len(first["outputs"]) == len(stored),
            "cells_differing_from_stored": differing,
            "accuracies": accuracies,
            "accuracies_within_tolerance": all(s < REPRO_TOLERANCE for s in spreads),
            "slowest_cells": [
                {"seconds": round(sec, 1), "share": round(sec / first["seconds"], 2), "cell": line}
                for sec, line in slowest
            ],
        }
        print(
            f"{key}: {times} s, identical: {results[key]['identical_between_runs']}, "
            f"accuracies: {accuracies}",
            flush=True,
        )
        if save:
            save(results)
    return results


def bench_book():
    jb = Path(sys.executable).with_name("jupyter-book")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run(
            [str(jb), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", tmp],
            check=True,
            capture_output=True,
        )
        return round(time.perf_counter() - start, 1)


def bench_models(repeats, names=tuple(MODELS)):
    import keras

    import lessons_lib
    from lessons_lib import data, models

    (x_train, y_train), (x_test, y_test) = data.load_fashion_mnist()
    results = {}
    for name in names:
        function, fit_args, patience, floor = MODELS[name]
        if not hasattr(models, function):
            results[name] = {"missing": f"lessons_lib.models.{function} does not exist yet"}
            continue
        epoch_times, accuracies, totals = [], [], []
        for _ in range(repeats):
            lessons_lib.setup(lang="en", seed=0)
            model = getattr(models, function)()
            stamps = []

            class Timer(keras.callbacks.Callback):
                def __init__(self, stamps):
                    super().__init__()
                    self.stamps = stamps

                def on_epoch_begin(self, epoch, logs=None):
                    self.stamps.append(time.perf_counter())

                def on_epoch_end(self, epoch, logs=None):
                    self.stamps[-1] = time.perf_counter() - self.stamps[-1]

            callbacks = [Timer(stamps)]
            if patience is not None:
                callbacks.append(
                    keras.callbacks.EarlyStopping(
                        monitor="val_loss", patience=patience, restore_best_weights=True
                    )
                )
            start = time.perf_counter()
            model.fit(x_train, y_train, verbose=0, callbacks=callbacks, **fit_args)
            totals.append(round(time.perf_counter() - start, 1))
            epoch_times += [round(s, 2) for s in stamps]
            accuracies.append(round(float(model.evaluate(x_test, y_test, verbose=0)[1]), 4))
            print(f"{name}: {totals[-1]} s, test accuracy {accuracies[-1]}", flush=True)
        per_epoch = statistics.median(epoch_times)
        results[name] = {
            "fit": fit_args,
            "train_seconds": spread(totals),
            "seconds_per_epoch": spread(epoch_times),
            "epochs_run": len(epoch_times) // repeats,
            # images trained on per second (validation_split holds some back)
            "images_per_second": round(
                len(x_train) * (1 - fit_args.get("validation_split", 0)) / per_epoch
            ),
            "test_accuracy": spread(accuracies),
            "accuracy_floor": floor,
            "reaches_floor": min(accuracies) >= floor,
            "reproducible": max(accuracies) - min(accuracies) < REPRO_TOLERANCE,
        }
    return results


def bench_make_test(training_cache="on"):
    """Time ``make test`` as a student or CI runs it, and keep its verdict.

    ``training_cache="off"`` runs it as it ran before the training cache
    (``lessons_lib.cache``): every edition trains every model.
    """
    start = time.perf_counter()
    proc = subprocess.run(
        ["make", "test", f"TRAINING_CACHE={training_cache}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = round(time.perf_counter() - start, 1)
    summary = [line for line in proc.stdout.splitlines() if re.search(r"\d+ (passed|failed)", line)]
    cache = re.search(r"^trainings run: .*$", proc.stdout, re.M)
    return {
        "training_cache": training_cache,
        "cache_summary": cache.group(0) if cache else None,
        "seconds": seconds,
        "returncode": proc.returncode,
        "summary": summary[-1].strip("= ") if summary else proc.stderr[-500:],
    }


# The time at the end of pytest's last line: " in 12.34s (0:00:12)".
PYTEST_TIME = re.compile(r" in ([0-9.]+)s\b.*$")


def pytest_seconds(summary):
    """The seconds in pytest's last line (``"9 passed in 12.34s (0:00:12)"``), or None."""
    found = PYTEST_TIME.search(summary or "")
    return round(float(found.group(1))) if found else None


def commit():
    """The short hash of the checked-out commit, ``"unknown"`` outside git."""
    proc = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return proc.stdout.strip() if proc.returncode == 0 else "unknown"


def cache_record(results, revision, previous=None):
    """``cache.json`` for the ``make test`` pair of one ``--make-test`` run.

    ``results`` holds ``make_test_uncached`` and ``make_test`` (see
    :func:`bench_make_test`); ``previous`` is the record this one replaces:
    its ``history`` (what earlier runs measured) is kept as it was.
    """
    when = results["date"]
    runs = []
    for key in ("make_test_uncached", "make_test"):
        t = results[key]
        runs.append(
            {
                "label": f"{when}, same run: cache {t['training_cache']}",
                "commit": revision,
                "training_cache": t["training_cache"],
                "make_test_seconds": round(t["seconds"]),
                "pytest_seconds": pytest_seconds(t["summary"]),
                "summary": PYTEST_TIME.sub("", t["summary"]),
                "returncode": t["returncode"],
                **({"cache_summary": t["cache_summary"]} if t.get("cache_summary") else {}),
            }
        )
    m = results["machine"]
    record = {
        "note": (
            f"One `python -m bench.run --make-test` run ({when}, commit {revision}, "
            f"{m.get('cpu', 'unknown CPU')}, {m.get('cores', '?')} cores): `make test` "
            "with `TRAINING_CACHE=off` (every edition trains every model, as before "
            "the cache), then the same `make test` with the cache on, one after the "
            "other on the same code and machine."
        ),
        "runs": runs,
    }
    if previous and previous.get("history"):
        record["history"] = previous["history"]
    return record


def save_cache_record(results, out):
    """Write ``out/cache.json`` from this run's ``make test`` pair."""
    path = Path(out) / "cache.json"
    previous = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    record = cache_record(results, commit(), previous)
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def edition_seconds(notebooks, lang):
    """Median seconds of each of one edition's notebooks in ``notebooks``."""
    return [
        v["seconds"]["median"] for k, v in notebooks.items() if k.startswith(f"chapters/{lang}/")
    ]


def budgets(results):
    rows = []
    if "make_test" in results:
        rows.append(("make test (s)", results["make_test"]["seconds"]))
    nbs = results.get("notebooks", {})
    for lang in ("en", "ru", "nl"):
        mine = edition_seconds(nbs, lang)
        # only a whole edition counts against the budget
        if mine and len(mine) == len(list((ROOT / "chapters" / lang).glob("*.ipynb"))):
            rows.append(("one edition's notebooks (s)", round(sum(mine), 1), lang))
    cnn = results.get("models", {}).get("course_cnn", {})
    if "train_seconds" in cnn:
        rows.append(("course CNN, 10 epochs (s)", cnn["train_seconds"]["median"]))
    if "book_seconds" in results:
        rows.append(("book build (s)", results["book_seconds"]))
    out = []
    for row in rows:
        name, value = row[0], row[1]
        label = name if len(row) == 2 else f"{name} [{row[2]}]"
        out.append(
            {
                "budget": label,
                "limit": BUDGETS[name],
                "measured": value,
                "holds": value <= BUDGETS[name],
            }
        )
    return out


def _yes(flag):
    return "yes" if flag else "NO"


def write_markdown(results, path):
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/run.py`); `results.json` holds every run.",
        "",
        f"Measured {results['date']} on {m['cpu']} ({m['cores']} cores, "
        f"{m.get('memory_gib', '?')} GiB), {m['platform']}, Python {m['python']}, "
        f"Keras {m['keras']} ({m['backend']} backend), {results['repeats']} run(s) of "
        "everything."
        + (
            f" The benchmark took {results['benchmark_minutes']} min."
            if "benchmark_minutes" in results
            else " (Partial: still running or stopped.)"
        ),
        "",
        "## Budgets",
        "",
        "| budget | limit | measured | holds |",
        "| --- | ---: | ---: | --- |",
    ]
    for b in results["budgets"]:
        lines.append(f"| {b['budget']} | {b['limit']} | {b['measured']} | {_yes(b['holds'])} |")
    if "make_test" in results:
        t = results["make_test"]
        lines += [
            "",
            f"`make test`: {t['seconds']} s, exit status {t['returncode']}: {t['summary']}"
            + (f" Training cache: {t['cache_summary']}." if t.get("cache_summary") else ""),
        ]
        if "make_test_uncached" in results:
            u = results["make_test_uncached"]
            lines += [
                "",
                f"The same `make test` in the same run with `TRAINING_CACHE=off` (every edition "
                f"trains every model, as before the cache): {u['seconds']} s, exit status "
                f"{u['returncode']}: {u['summary']}. With the cache it took "
                f"{1 - t['seconds'] / u['seconds']:.0%} less time.",
            ]
    if results.get("models"):
        lines += [
            "",
            "## Models",
            "",
            "Trained as their chapters train them (validation split 0.1; chapter 7 "
            "with early stopping), each run after `lessons_lib.setup(seed=0)`.",
            "",
            "| model | epochs | s/epoch: median (min-max) | training images/s | "
            "test accuracy per run | floor | runs differ < 0.5 pp |",
            "| --- | ---: | --- | ---: | --- | ---: | --- |",
        ]
        for name, r in results["models"].items():
            if "missing" in r:
                lines.append(f"| {name} | {r['missing']} | | | | | |")
                continue
            s, a = r["seconds_per_epoch"], r["test_accuracy"]
            lines.append(
                f"| {name} | {r.get('epochs_run', '')} | {s['median']:.1f} ({s['min']:.1f}-{s['max']:.1f}) | "
                f"{r['images_per_second']} | {', '.join(f'{v:.4f}' for v in a['runs'])} | "
                f"{r['accuracy_floor']} | {_yes(r['reproducible'])} |"
            )
    nbs = results.get("notebooks")
    if nbs:
        lines += [
            "",
            "## Notebooks",
            "",
            'Each executed in a fresh kernel, one at a time. "Same checked outputs": '
            'every output nbval compares is identical between the runs; "as stored": '
            "and identical to the committed one. Accuracies are those the notebook prints "
            "(in checked cells or not), one value per run.",
            "",
            "| notebook | seconds: median (min-max) | same checked outputs | as stored | accuracies per run | slowest cell (share of the notebook) |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for name, r in nbs.items():
            s = r["seconds"]
            acc = (
                "; ".join(
                    f"{k} {'/'.join(f'{v:.4f}' for v in vals if v is not None)}"
                    for k, vals in r.get("accuracies", {}).items()
                )
                or "-"
            )
            slow = r.get("slowest_cells") or [{}]
            cell = (
                f"`{slow[0]['cell'][:40]}` {slow[0]['seconds']} s ({slow[0]['share']:.0%})"
                if slow[0]
                else ""
            )
            lines.append(
                f"| {name} | {s['median']:.1f} ({s['min']:.1f}-{s['max']:.1f}) | "
                f"{_yes(r['identical_between_runs'])} | {_yes(r['identical_to_stored'])} | "
                f"{acc} | {cell} |"
            )
        for lang in ("en", "ru", "nl"):
            total = sum(edition_seconds(nbs, lang))
            if total:
                lines.append(f"| **{lang} edition, total** | {total:.1f} | | | | |")
        lines.append(
            f"| **all notebooks** | {sum(v['seconds']['median'] for v in nbs.values()):.1f} | | | | |"
        )
    if "book_seconds" in results:
        lines += [
            "",
            f"Book build (`jupyter-book build -W -n`, from the stored outputs): {results['book_seconds']} s.",
        ]
    lines += _side_reports(path.parent)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _side_reports(folder):
    """The sections that other measurements of this folder add to the report.

    ``throughput.json`` (``python -m bench.throughput``): the training's
    share of the matmul peak; ``cache.json`` (written by ``--make-test``,
    :func:`save_cache_record`): ``make test`` without and with the training
    cache, from the last run that measured them, which need not be the run
    ``results.json`` holds (its note and each row say where they come from).
    """
    lines = []
    throughput = folder / "throughput.json"
    if throughput.exists():
        from bench.throughput import table

        lines += [
            "",
            "## Throughput against the processor's peak (`python -m bench.throughput`)",
            "",
            table(json.loads(throughput.read_text(encoding="utf-8"))),
        ]
    cache = folder / "cache.json"
    if cache.exists():
        record = json.loads(cache.read_text(encoding="utf-8"))
        lines += [
            "",
            "## `make test` without and with the training cache",
            "",
            record["note"] + (f" {record['history']}" if record.get("history") else ""),
            "",
            "| run | commit | training cache | make test (s) | pytest (s) | tests | trainings |",
            "| --- | --- | --- | ---: | ---: | --- | --- |",
        ]
        for r in record["runs"]:
            lines.append(
                f"| {r['label']} | {r['commit']} | {r['training_cache']} | "
                f"{r['make_test_seconds']} | {r['pytest_seconds']} | {r['summary']} | "
                f"{r.get('cache_summary') or '-'} |"
            )
        before, after = record["runs"][0], record["runs"][-1]
        lines += [
            "",
            f"`make test` took {1 - after['make_test_seconds'] / before['make_test_seconds']:.0%} "
            "less time with the cache.",
        ]
    return lines


def save(results, out):
    results["budgets"] = budgets(results)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    write_markdown(results, out / "results.md")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument(
        "--notebooks",
        default="*/*.ipynb",
        help="which notebooks under chapters/ (a glob), by default all",
    )
    parser.add_argument("--skip-notebooks", action="store_true")
    parser.add_argument("--skip-models", action="store_true")
    parser.add_argument(
        "--models",
        default=",".join(MODELS),
        help=f"which models, comma-separated (by default all: {','.join(MODELS)})",
    )
    parser.add_argument("--make-test", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "bench"))
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: rewrite results.md from results.json",
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    out = Path(args.out)
    if args.report_only:
        save(json.loads((out / "results.json").read_text(encoding="utf-8")), out)
        print((out / "results.md").read_text(encoding="utf-8"))
        return 0
    results = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "repeats": args.repeats,
        "machine": machine(),
    }
    started = time.perf_counter()
    results["book_seconds"] = bench_book()
    save(results, out)
    if not args.skip_notebooks:
        results["notebooks"] = bench_notebooks(
            args.repeats,
            args.notebooks,
            save=lambda partial: save({**results, "notebooks": partial}, out),
        )
        save(results, out)
    if not args.skip_models:
        names = [n.strip() for n in args.models.split(",") if n.strip()]
        unknown = sorted(set(names) - set(MODELS))
        if unknown:
            parser.error(f"unknown model(s) {unknown}; known: {list(MODELS)}")
        results["models"] = bench_models(args.repeats, names)
        save(results, out)
    if args.make_test:
        results["make_test_uncached"] = bench_make_test("off")
        save(results, out)
        results["make_test"] = bench_make_test("on")
        save_cache_record(results, out)
        save(results, out)
    results["benchmark_minutes"] = round((time.perf_counter() - started) / 60, 1)
    save(results, out)
    print((out / "results.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
