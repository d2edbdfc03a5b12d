"""The benchmark's bookkeeping (bench/run.py), without running the benchmark.

``make bench`` takes more than an hour, so it is no test; these tests check
that what it reports is right: which accuracies it finds in the three
editions' outputs, how budgets and partial editions are judged, and that the
report says when something does not hold.
"""

import json
from pathlib import Path

import nbformat
import pytest

from bench import isa as bench_isa
from bench import run as bench_run

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    return bench_run


def _notebook(*texts):
    nb = nbformat.v4.new_notebook()
    for text in texts:
        cell = nbformat.v4.new_code_cell("print(...)")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        nb.cells.append(cell)
    return nb


def test_accuracies_are_found_in_every_edition(bench):
    nb = _notebook(
        "training accuracy:   0.9782\nvalidation accuracy: 0.9098\n",
        "точность на тесте: 0,9123\n",
        "testnauwkeurigheid: 0,9267\n",
        "test accuracy >= 0.90: yes\n",  # a check, not a measurement
        "1688/1688 - 15s - 9ms/step - accuracy: 0.8760 - loss: 0.34\n",  # a training log
    )
    assert bench.printed_accuracies(nb) == {
        "training accuracy": 0.9782,
        "validation accuracy": 0.9098,
        "точность на тесте": 0.9123,
        "testnauwkeurigheid": 0.9267,
    }


def test_every_committed_training_chapter_prints_its_test_accuracy(bench):
    for lang in ("en", "ru", "nl"):
        for name in ("01_images_and_dense_baseline", "06_cnn_fashion_mnist", "07_going_further"):
            nb = nbformat.read(ROOT / "chapters" / lang / f"{name}.ipynb", as_version=4)
            found = bench.printed_accuracies(nb)
            assert found, f"{lang}/{name}: the benchmark finds no printed accuracy"
            assert all(0.8 < v < 1 for v in found.values()), (lang, name, found)


def _nb_result(seconds):
    return {
        "seconds": {"median": seconds, "min": seconds, "max": seconds, "runs": [seconds]},
        "identical_between_runs": True,
        "identical_to_stored": True,
        "accuracies": {},
        "slowest_cells": [{"seconds": seconds / 2, "share": 0.5, "cell": "model.fit("}],
    }


def test_budgets_judge_whole_editions_only(bench):
    whole = {
        f"chapters/en/{p.name}": _nb_result(70.0)
        for p in sorted((ROOT / "chapters" / "en").glob("*.ipynb"))
    }
    partial = {"chapters/ru/02_convolution.ipynb": _nb_result(12.0)}
    rows = bench.budgets(
        {"notebooks": {**whole, **partial}, "book_seconds": 61.0, "make_test": {"seconds": 1400.0}}
    )
    by_name = {r["budget"]: r for r in rows}
    assert "one edition's notebooks (s) [ru]" not in by_name
    edition = by_name["one edition's notebooks (s) [en]"]
    assert edition["measured"] == pytest.approx(70.0 * len(whole))
    assert edition["holds"] is (70.0 * len(whole) <= 7 * 60)
    assert by_name["book build (s)"]["holds"] is False
    assert by_name["make test (s)"]["holds"] is True


def test_report_says_what_does_not_hold(bench, tmp_path):
    results = {
        "date": "2026-11-24 10:00",
        "repeats": 2,
        "machine": {
            "cpu": "test CPU",
            "cores": 2,
            "platform": "Linux",
            "python": "3.11",
            "keras": "3",
            "backend": "tensorflow",
        },
        "book_seconds": 9.0,
        "notebooks": {
            "chapters/en/02_convolution.ipynb": {
                **_nb_result(12.0),
                "identical_between_runs": False,
            }
        },
        "models": {
            "course_cnn": {
                "fit": {},
                "epochs_run": 10,
                "train_seconds": {
                    "median": 200.0,
                    "min": 190.0,
                    "max": 210.0,
                    "runs": [190.0, 210.0],
                },
                "seconds_per_epoch": {"median": 20.0, "min": 19.0, "max": 21.0, "runs": []},
                "images_per_second": 2700,
                "test_accuracy": {
                    "median": 0.91,
                    "min": 0.905,
                    "max": 0.915,
                    "runs": [0.905, 0.915],
                },
                "accuracy_floor": 0.9,
                "reaches_floor": True,
                "reproducible": False,
            }
        },
    }
    bench.save(results, tmp_path)
    report = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| course CNN, 10 epochs (s) | 180 | 200.0 | NO |" in report
    assert "| chapters/en/02_convolution.ipynb | 12.0 (12.0-12.0) | NO | yes |" in report
    assert "0.9050, 0.9150" in report and "Partial" in report
    assert (tmp_path / "results.json").exists()


def test_a_cell_is_named_by_its_training_call(bench):
    assert (
        bench.cell_label("start = time.perf_counter()\nhistory = model.fit(\n    x, y)\n")
        == "history = model.fit("
    )
    assert bench.cell_label("# Setup\nimport sys\n%pip install x\n") == "import sys"
    assert (
        bench.cell_label("import sys\nlessons_lib.setup(lang='nl')\n")
        == "lessons_lib.setup(lang='nl')"
    )
    assert bench.cell_label("# only a comment\n") == ""


@pytest.fixture(scope="module")
def isa():
    return bench_isa


def test_isa_reads_the_thresholds_the_chapters_check(isa):
    found = isa.thresholds()
    assert set(found) == {"dense_baseline", "course_cnn", "improved_cnn"}
    assert all(0.8 < value < 1 for value in found.values())


def test_isa_report_judges_each_margin_against_the_lowest_run(isa, monkeypatch):
    monkeypatch.setattr(isa, "thresholds", lambda: {"course_cnn": 0.89, "improved_cnn": 0.925})
    monkeypatch.setattr(isa, "ELSEWHERE", {"elsewhere": {"course_cnn": {"test_accuracy": 0.9033}}})
    results = {
        "date": "2026-11-29",
        "machine": "test",
        "settings": {
            "default": {
                "isa_used": "AVX-512",
                "course_cnn": {"test_accuracy": 0.9123},
                "improved_cnn": {"test_accuracy": 0.9267},
            },
            "AVX2": {
                "isa_used": "AVX2",
                "course_cnn": {"test_accuracy": 0.9089},
                "improved_cnn": {"error": "killed"},
            },
        },
    }
    text = isa.report(results)
    course, improved = text.split("## course_cnn")[1].split("## improved_cnn")
    assert "from 0.9033 to 0.9123" in course  # the run made elsewhere counts
    assert "1.33 points below the lowest value, holds" in course
    assert "0.17 points below the lowest value, **too thin**" in improved
    assert "| AVX2 |" not in improved  # a failed run is no measurement


# --- bench/ablation.py: what each of chapter 7's changes does ---


def _variant(test_accuracy, epochs=12, best=10, name="none"):
    from bench import ablation

    return {
        "changes": ablation.describe(name),
        "parameters": 421642,
        "epochs_run": epochs,
        "best_epoch": best,
        "val_accuracy": test_accuracy + 0.001,
        "test_accuracy": test_accuracy,
        "seconds": 200.4,
    }


def test_ablation_variants_turn_on_one_change_each():
    from bench import ablation

    assert list(ablation.VARIANTS)[0] == "none" and list(ablation.VARIANTS)[-1] == "all"
    switches, stops = ablation.VARIANTS["none"]
    assert not any(switches.values()) and not stops
    for name in ("shift", "flip", "batchnorm", "dropout", "lr_decay"):
        switches, stops = ablation.VARIANTS[name]
        assert [k for k, v in switches.items() if v] == [name] and not stops
    assert ablation.VARIANTS["early_stopping"][1] is True
    assert ablation.VARIANTS["all"] == ({}, True)  # improved_cnn's defaults: chapter 7
    assert ablation.describe("dropout") == "dropout 0.2"
    assert ablation.describe("early_stopping") == "early stopping (patience 3)"
    assert ablation.describe("none") == "none (the course CNN's layers)"


def test_ablation_table_gives_the_difference_from_none_in_points():
    from bench import ablation

    results = {
        "variants": {
            "none": _variant(0.9123),
            "shift": _variant(0.9201, name="shift"),
            "flip": _variant(0.9100, name="flip"),
            "all": _variant(0.9325, epochs=12, best=11, name="all"),
        }
    }
    lines = ablation.format_table(results).splitlines()
    assert lines[0].startswith("| variant | changes | epochs run (best) |")
    assert len(lines) == 2 + 4
    assert lines[2] == (
        "| none | none (the course CNN's layers) | 12 (10) | 0.9133 | 0.9123 | 0.0 | 200 |"
    )
    assert lines[3].split(" | ")[5] == "+0.8"
    assert lines[4].split(" | ")[5] == "-0.2"
    assert "| 12 (11) |" in lines[5] and lines[5].split(" | ")[5] == "+2.0"
    without_none = ablation.format_table({"variants": {"flip": _variant(0.91, name="flip")}})
    assert without_none.splitlines()[2].split(" | ")[5] == ""


def test_ablation_report_says_when_it_is_only_a_smoke_run(tmp_path):
    from bench import ablation

    full = {"images": None, "epochs": 12, "test_images": None, "minutes": 55.0}
    full["variants"] = {"none": _variant(0.91)}
    ablation.save(full, tmp_path)
    text = (tmp_path / "ablation.md").read_text(encoding="utf-8")
    assert "smoke run" not in text and "took 55.0 min" in text
    assert json.loads((tmp_path / "ablation.json").read_text())["variants"]["none"]
    smoke = {**full, "images": 400, "epochs": 1, "test_images": 300}
    ablation.save(smoke, tmp_path)
    text = (tmp_path / "ablation.md").read_text(encoding="utf-8")
    assert "**A smoke run** (400 training images, 1 epoch(s), 300 test images)" in text
    assert ablation.is_smoke({**full, "epochs": 3})
    assert not ablation.is_smoke(full)
    # --report-only rewrites the report from the JSON, training nothing
    (tmp_path / "ablation.md").unlink()
    assert ablation.main(["--report-only", "--out", str(tmp_path)]) == 0
    assert "smoke run" in (tmp_path / "ablation.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--variants", "none,magic"], "unknown variant(s) ['magic']"),
        (["--images", "1"], "--images must be at least 2, got 1"),
        (["--epochs", "0"], "--epochs must be at least 1, got 0"),
    ],
)
def test_ablation_rejects_bad_arguments(argv, message, capsys):
    from bench import ablation

    with pytest.raises(SystemExit):
        ablation.main(argv)
    assert message in capsys.readouterr().err


def test_make_bench_runs_the_ablation():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nbench:", 1)[1].split("\n\n", 1)[0]
    assert "-m bench.run" in target and "-m bench.ablation" in target


def test_report_shows_what_the_training_cache_saves(bench, tmp_path):
    results = {
        "date": "2026-11-29 20:00",
        "repeats": 1,
        "machine": {
            "cpu": "test CPU",
            "cores": 2,
            "platform": "Linux",
            "python": "3.11",
            "keras": "3",
            "backend": "tensorflow",
        },
        "make_test_uncached": {"seconds": 1600.0, "returncode": 0, "summary": "9 passed"},
        "make_test": {
            "seconds": 1000.0,
            "returncode": 0,
            "summary": "9 passed",
            "cache_summary": "trainings run: 4 (900 s); loaded from the cache: 5",
        },
    }
    bench.save(results, tmp_path)
    report = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| make test (s) | 1500 | 1000.0 | yes |" in report
    assert "`TRAINING_CACHE=off`" in report and "1600.0 s" in report
    assert "took 38% less time" in report
    assert "loaded from the cache: 5" in report


def test_a_make_test_pair_writes_cache_json_and_keeps_its_history(bench, tmp_path, monkeypatch):
    import json

    monkeypatch.setattr(bench, "commit", lambda: "abc1234")
    (tmp_path / "cache.json").write_text(
        json.dumps({"note": "old run", "history": "Earlier: 1719 s, then 922 s.", "runs": []})
    )
    results = {
        "date": "2026-11-30 07:24",
        "machine": {"cpu": "test CPU", "cores": 2},
        "make_test_uncached": {
            "training_cache": "off",
            "seconds": 2105.4,
            "returncode": 0,
            "summary": "1918 passed, 1 skipped in 2102.31s (0:35:02)",
            "cache_summary": None,
        },
        "make_test": {
            "training_cache": "on",
            "seconds": 1104.2,
            "returncode": 0,
            "summary": "1918 passed, 1 skipped in 1100.62s (0:18:20)",
            "cache_summary": "trainings run: 18 (1075 s); loaded from the cache: 29",
        },
    }
    bench.save_cache_record(results, tmp_path)
    record = json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))
    assert record["history"] == "Earlier: 1719 s, then 922 s."
    assert "2026-11-30 07:24, commit abc1234, test CPU, 2 cores" in record["note"]
    off, on = record["runs"]
    keys = ("training_cache", "make_test_seconds", "pytest_seconds")
    assert [off[k] for k in keys] == ["off", 2105, 2102]
    assert [on[k] for k in keys] == ["on", 1104, 1101]
    assert off["summary"] == on["summary"] == "1918 passed, 1 skipped"
    assert "cache_summary" not in off and on["cache_summary"].startswith("trainings run: 18")
    machine = {
        "cpu": "c",
        "cores": 2,
        "platform": "L",
        "python": "3",
        "keras": "3",
        "backend": "tf",
    }
    bench.save({"date": "d", "repeats": 1, "machine": machine}, tmp_path)
    report = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "same run: cache on | abc1234 | on | 1104 | 1101 | 1918 passed, 1 skipped |" in report
    assert "Earlier: 1719 s, then 922 s." in report
    assert "took 48% less time with the cache" in report


def test_pytest_seconds_come_from_the_summary_line(bench):
    assert bench.pytest_seconds("9 passed in 12.6s (0:00:12)") == 13
    assert bench.pytest_seconds("9 passed, 2 failed in 0.40s") == 0
    assert bench.pytest_seconds("make: *** [test] Error 2") is None
    assert bench.pytest_seconds(None) is None


def test_throughput_counts_the_course_cnn_by_hand():
    from bench import throughput
    from lessons_lib import models

    # conv1 28x28x32 positions x 3x3x1, conv2 14x14x64 x 3x3x32, dense 3136x128, output 128x10
    by_hand = 2 * (28 * 28 * 32 * 9 + 14 * 14 * 64 * 9 * 32 + 3136 * 128 + 128 * 10)
    assert throughput.forward_flops(models.course_cnn()) == by_hand
    text = throughput.table(
        {
            "date": "d",
            "machine": {"cpu": "c", "cores": 2},
            "matmul_gflops": 150.0,
            "matmul_gflops_before_after": [149.0, 150.0],
            "ratio": 0.26,
            "training": {
                "backend": "tensorflow",
                "isa": "AVX2",
                "images": 16000,
                "batch_size": 32,
                "forward_mflop_per_image": 8.482,
                "seconds": 10.0,
                "gflops": 39.0,
            },
        }
    )
    assert "| training / matmul peak | 26% |" in text


def test_gpu_jax_reports_compilations_per_epoch(monkeypatch):
    from bench import gpu_jax

    row = {
        "model": "course_cnn",
        "batch_size": 32,
        "device": "GPU",
        "epoch_seconds": [12.0, 4.7, 4.6],
        "epoch_compilations": [5, 0, 0],
        "steady_seconds_per_epoch": 4.65,
        "images_per_second": 11613,
        "test_accuracy": 0.9,
    }
    assert "| course_cnn | 32 | GPU | 12.0, then 4.65 | 5, 0, 0 | 11,613 | 0.9000 |" in (
        gpu_jax.table([row])
    )
    monkeypatch.delenv("KERAS_BACKEND", raising=False)
    with pytest.raises(SystemExit):
        gpu_jax.main([])  # it measures JAX only


def test_report_adds_the_throughput_and_cache_measurements(bench, tmp_path):
    import json

    (tmp_path / "throughput.json").write_text(
        json.dumps(
            {
                "date": "d",
                "machine": {"cpu": "c", "cores": 2},
                "matmul_gflops": 100.0,
                "matmul_gflops_before_after": [99.0, 100.0],
                "ratio": 0.3,
                "training": {
                    "backend": "tensorflow",
                    "isa": "AVX2",
                    "images": 16000,
                    "batch_size": 32,
                    "forward_mflop_per_image": 8.482,
                    "seconds": 10.0,
                    "gflops": 30.0,
                },
            }
        )
    )
    runs = [
        {
            "label": "before",
            "commit": "a",
            "training_cache": "none",
            "make_test_seconds": 2000,
            "pytest_seconds": 1900,
            "summary": "9 passed",
        },
        {
            "label": "after",
            "commit": "b",
            "training_cache": "on",
            "make_test_seconds": 1000,
            "pytest_seconds": 900,
            "summary": "9 passed",
            "cache_summary": "trainings run: 4",
        },
    ]
    (tmp_path / "cache.json").write_text(json.dumps({"note": "Two runs.", "runs": runs}))
    results = {
        "date": "d",
        "repeats": 1,
        "machine": {
            "cpu": "c",
            "cores": 2,
            "platform": "L",
            "python": "3",
            "keras": "3",
            "backend": "tensorflow",
        },
    }
    bench.save(results, tmp_path)
    report = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| training / matmul peak | 30% |" in report
    assert "| after | b | on | 1000 | 900 | 9 passed | trainings run: 4 |" in report
    assert "took 50% less time with the cache" in report


def test_only_a_complete_full_ablation_is_published_for_chapter_7(tmp_path):
    from bench import ablation

    variants = {name: _variant(0.91, name=name) for name in ablation.VARIANTS}
    full = {
        "images": None,
        "epochs": 12,
        "test_images": None,
        "minutes": 55.0,
        "date": "2026-11-30 01:00",
        "machine": {"cpu": "x", "cores": 2, "keras": "3", "backend": "tensorflow", "other": 1},
        "variants": variants,
    }
    path = tmp_path / "results" / "ablation.json"
    assert not ablation.publish({**full, "epochs": 3}, path)  # a smoke run
    assert not ablation.publish({**full, "variants": dict(list(variants.items())[:3])}, path)
    assert not ablation.publish({k: v for k, v in full.items() if k != "minutes"}, path)
    assert not path.exists()
    assert ablation.publish({**full, "note": "shared machine"}, path)
    chapter = json.loads(path.read_text(encoding="utf-8"))
    assert list(chapter["variants"]) == list(ablation.VARIANTS)
    assert chapter["variants"]["none"] == {
        k: variants["none"][k]
        for k in ("epochs_run", "best_epoch", "val_accuracy", "test_accuracy", "seconds")
    }
    assert chapter["machine"] == {"cpu": "x", "cores": 2, "keras": "3", "backend": "tensorflow"}
    assert chapter["note"] == "shared machine" and chapter["patience"] == ablation.PATIENCE


def test_chapter_7_shows_the_ablation_the_bench_measured():
    """The package's copy (what chapter 7 prints) holds the numbers of bench/ablation.json."""
    from bench import ablation
    from lessons_lib import data

    measured = json.loads((ROOT / "bench" / "ablation.json").read_text(encoding="utf-8"))
    assert not ablation.is_smoke(measured)
    shown = data.ablation()
    assert list(shown["variants"]) == list(ablation.VARIANTS)
    for name, row in shown["variants"].items():
        for key, value in row.items():
            assert value == measured["variants"][name][key], (name, key)
        assert 0.8 < row["test_accuracy"] < 1 and 1 <= row["best_epoch"] <= row["epochs_run"] <= 12
    assert shown["minutes"] == measured["minutes"]
