"""Prove the notebooks on other versions than requirements.txt pins.

Usage: python -m scripts.compat lowest|colab [--stage env|unit|notebooks|all]

``make compat`` (``COMPAT=lowest``, the default) and ``make compat
COMPAT=colab`` run this. For the version set ``compat/<set>.txt`` it

1. creates the virtual environment ``.venv-compat-<set>/`` (reused while the
   set file and the Python are unchanged) and installs the set;
2. installs lessons_lib from this repository with a plain ``pip install .``
   (no ``-e``), as the notebooks' setup cell installs it on Colab, and prints
   every version that installing it changed; for the ``lowest`` set a change
   of a pinned version fails the run (the set would no longer be the lowest);
3. runs the unit tests of ``UNIT_TESTS`` (those that need neither the book
   tools nor nbgrader) with that environment's pytest;
4. executes every ``chapters/en/*.ipynb`` with that environment's kernel,
   without comparing outputs (what nbval's lax mode does), and fails on any
   cell error and on any accuracy check that prints "no" (see
   :func:`check_verdicts`).

With ``--stage all`` (the default) steps 3 and 4 run side by side, two
processes (see :class:`BackgroundUnit`); ``--stage unit`` and ``--stage
notebooks`` run one of them alone.

Nothing of it sees the source tree's lessons_lib: PYTHONPATH is dropped,
Python runs with ``-P`` (no script or working folder on ``sys.path``), pytest
with ``--import-mode=importlib``, and both the test run and every notebook's
kernel report where ``lessons_lib`` came from; a path outside the
environment's site-packages fails the run.

This file only imports the standard library at the top: the same file runs
inside the compatibility environment (``--run-notebooks``, ``--where``),
where only that environment's packages exist.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("lowest", "colab")
# Pinned versions that installing lessons_lib may change: none for the
# lowest set (that would mean it is not the lowest), any for Colab's (pip
# changes Colab's own packages in the same way when the setup cell runs).
STRICT_SETS = ("lowest",)
# Unit tests that need only lessons_lib's dependencies, pytest, nbformat and
# hypothesis: not the book build (jupyter-book, Chromium), nbgrader, JAX,
# the bench or the repository scripts (test_parity, test_configure).
UNIT_TESTS = (
    "tests/test_checks.py",
    "tests/test_data.py",
    "tests/test_env.py",
    "tests/test_i18n.py",
    "tests/test_messages.py",
    "tests/test_models.py",
    "tests/test_ops.py",
    "tests/test_plots.py",
    "tests/test_prose.py",
    "tests/test_student.py",
    "tests/test_widgets.py",
)
# Left out of those files: the one test that needs myst_nb (a book tool).
# (The explorer's grid of settings was left out too while it took 140 s;
# it takes about 30 s since the explorer redraws faster, and runs here.)
DESELECT = ("tests/test_prose.py::test_glue_stores_text_that_myst_nb_pastes_unchanged",)
PROBE_MARK = "COMPAT-PROBE"
# The source of the cell appended to every notebook: where the kernel found
# its Python and lessons_lib, and the versions it really ran with.
PROBE_CELL = f"""\
import importlib.metadata as _md
import json as _json
import sys as _sys

import lessons_lib as _ll

_seen = {{"python": _sys.executable, "lessons_lib": _ll.__file__, "versions": {{}}}}
for _name in ("keras", "numpy", "matplotlib", "ipywidgets", "tensorflow-cpu", "scipy", "ipykernel"):
    try:
        _seen["versions"][_name] = _md.version(_name)
    except _md.PackageNotFoundError:
        pass
print("{PROBE_MARK}", _json.dumps(_seen))
"""

# "label: yes" / "label: no", the verdict lines the check cells print, e.g.
# "test accuracy >= 0.89: yes" (chapter 6) or "3 conv  7  7 × 7  filled: no"
# (chapter 5).
VERDICT = re.compile(r"^(?P<label>.*\S):\s+(?P<verdict>yes|no)\s*$")
# A check cell prints its verdict with `"yes" if ... else "no"`.
CHECK_SOURCE = re.compile(r"""["']yes["']\s+if\b.*?\belse\s+["']no["']""", re.S)


# --- the logic (tested by tests/test_compat.py) -----------------------------


def is_check_cell(source):
    """Whether a code cell's source prints a yes/no verdict."""
    return bool(CHECK_SOURCE.search(source))


def stdout_text(outputs):
    """The text a cell printed to stdout (its stream outputs joined)."""
    return "".join(
        "".join(out.get("text", ""))
        for out in outputs
        if out.get("output_type") == "stream" and out.get("name") == "stdout"
    )


def verdict_lines(text):
    """``[(label, "yes" | "no"), ...]`` for every verdict line of ``text``."""
    found = []
    for line in text.splitlines():
        match = VERDICT.match(line)
        if match:
            found.append((match["label"].strip(), match["verdict"]))
    return found


def check_verdicts(source, outputs, stored_outputs=()):
    """The problems of one executed cell's checks: ``[]`` when it passed.

    A cell whose source prints ``"yes" if ... else "no"`` is a check cell.
    It fails when a verdict line says "no" (unless its stored output, which
    nbval verifies on requirements.txt, says "no" for the same label: a
    computed fact such as chapter 2's "map of the shifted photo = map at the
    same place: no"), when a stored "no" turned into "yes", when it printed
    no verdict at all, and when it printed fewer verdict lines than its
    stored output has (a check that silently stopped printing).
    """
    if not is_check_cell(source):
        return []
    verdicts = verdict_lines(stdout_text(outputs))
    stored = dict(verdict_lines(stdout_text(stored_outputs)))
    problems = []
    for label, verdict in verdicts:
        expected = stored.get(label, "yes")
        if verdict == "no" and expected != "no":
            problems.append(f"check says no: {label!r}")
        elif verdict != expected:
            problems.append(
                f"check says {verdict} where its stored output says {expected}: {label!r}"
            )
    if not verdicts:
        problems.append("check cell printed no yes/no verdict")
    expected = len(verdict_lines(stdout_text(stored_outputs)))
    if verdicts and len(verdicts) < expected:
        problems.append(
            f"check cell printed {len(verdicts)} verdict lines, its stored output has {expected}"
        )
    return problems


def requirements_key(set_file, python):
    """What the environment was made from: the set file and the Python."""
    digest = hashlib.sha256(Path(set_file).read_bytes()).hexdigest()
    return f"{digest} {python}"


def pinned(set_file):
    """``{name: version}`` of every ``name==version`` line of a set file."""
    pins = {}
    for line in Path(set_file).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[normalize(name)] = version.strip()
    return pins


def normalize(name):
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def changed_versions(before, after):
    """``[(name, old, new), ...]`` for every package whose version changed
    (``None``: absent on that side), sorted by name."""
    names = sorted(set(before) | set(after))
    return [
        (name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    ]


def inside(path, folder):
    """Whether ``path`` lies in ``folder`` (absolute paths; symbolic links
    are not followed: a virtual environment's python links outside it)."""
    path, folder = (Path(os.path.normpath(os.path.abspath(p))) for p in (path, folder))
    return path == folder or folder in path.parents


# --- inside the compatibility environment -----------------------------------


def where():
    """Print this Python's site-packages and the lessons_lib it imports."""
    import sysconfig

    import lessons_lib

    print(
        json.dumps(
            {
                "purelib": sysconfig.get_paths()["purelib"],
                "platlib": sysconfig.get_paths()["platlib"],
                "lessons_lib": lessons_lib.__file__,
                "python": sys.executable,
            }
        )
    )


def run_notebooks(paths, report_path, timeout=1800):
    """Execute each notebook in its own folder; write a JSON report."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    report = []
    for path in paths:
        path = Path(path)
        stored = nbformat.read(path, as_version=4)
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(PROBE_CELL))
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            store_widget_state=True,
        )
        entry = {"notebook": str(path), "problems": [], "probe": None}
        start = time.perf_counter()
        try:
            client.execute()
        except CellExecutionError as error:
            text = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip()  # no colours
            entry["problems"].append(f"cell error: {text[-1500:]}")
        except Exception as error:  # a dead kernel, a timeout
            entry["problems"].append(f"{type(error).__name__}: {error}")
        entry["seconds"] = round(time.perf_counter() - start, 1)
        for index, (cell, old) in enumerate(zip(nb.cells, stored.cells)):
            if cell.cell_type == "code":
                for problem in check_verdicts(cell.source, cell.outputs, old.get("outputs", [])):
                    entry["problems"].append(f"cell {index}: {problem}")
        for line in stdout_text(nb.cells[-1].get("outputs", [])).splitlines():
            if line.startswith(PROBE_MARK + " "):
                entry["probe"] = json.loads(line[len(PROBE_MARK) + 1 :])
        report.append(entry)
        print(
            f"{path}: {entry['seconds']} s, "
            + ("ok" if not entry["problems"] else f"{len(entry['problems'])} problem(s)"),
            flush=True,
        )
        Path(report_path).write_text(json.dumps(report, indent=1))
    return report


# --- the driver (any Python 3.10+, standard library only) -------------------


def clean_env():
    """The environment of every step: no PYTHONPATH, no user site."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"):
        env.pop(name, None)
    env["PYTHONSAFEPATH"] = "1"
    env["PYTHONNOUSERSITE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["MPLBACKEND"] = "Agg"
    # ipykernel < 6.18 (Colab's 6.17) warns about frozen modules on every start
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    return env


def echo(cmd, note=""):
    """Print a command as the shell's ``set -x`` would, before running it."""
    print("+ " + " ".join(str(c) for c in cmd) + note, flush=True)


def sh(cmd, **kwargs):
    echo(cmd)
    return subprocess.run([str(c) for c in cmd], check=True, env=clean_env(), **kwargs)


def installed(py):
    """``{name: version}`` of everything installed in an environment."""
    out = subprocess.run(
        [str(py), "-m", "pip", "list", "--format=json"],
        check=True,
        capture_output=True,
        text=True,
        env=clean_env(),
    ).stdout
    return {normalize(p["name"]): p["version"] for p in json.loads(out)}


def make_env(name, python):
    """Create or reuse ``.venv-compat-<name>/`` with the set installed."""
    set_file = ROOT / "compat" / f"{name}.txt"
    venv = ROOT / f".venv-compat-{name}"
    py = venv / "bin" / "python"
    stamp = venv / ".compat-installed"
    python_path = shutil.which(python) or python
    version = subprocess.run(
        [python_path, "-c", "import sys; print(sys.version.split()[0])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    key = requirements_key(set_file, version)
    if py.exists() and stamp.exists() and stamp.read_text() == key:
        print(f"compat: reusing {venv.name} (Python {version}, {set_file.name} unchanged)")
        return py
    shutil.rmtree(venv, ignore_errors=True)
    sh([python_path, "-m", "venv", venv])
    sh([py, "-m", "pip", "install", "-qq", "--upgrade", "pip"])
    sh([py, "-m", "pip", "install", "-qq", "-r", set_file])
    stamp.write_text(key)
    return py


def install_package(name, py):
    """``pip install .`` as the Colab setup cell does; check what it changed."""
    set_file = ROOT / "compat" / f"{name}.txt"
    before = installed(py)
    if "lessons-lib" in before:
        sh([py, "-m", "pip", "uninstall", "--quiet", "--yes", "lessons-lib"])
        before.pop("lessons-lib")
    with tempfile.TemporaryDirectory() as build:
        # build from a copy, so that no build/ or egg-info lands in the tree
        source = Path(build) / "src"
        shutil.copytree(
            ROOT,
            source,
            ignore=shutil.ignore_patterns(
                ".git", ".venv*", "_build", "build", "*.egg-info", "chapters", "student", "nbgrader"
            ),
        )
        sh([py, "-m", "pip", "install", "-qq", source])
    after = installed(py)
    changes = [c for c in changed_versions(before, after) if c[0] != "lessons-lib"]
    pins = pinned(set_file)
    broken = []
    for pkg, old, new in changes:
        print(f"compat: installing lessons_lib changed {pkg}: {old} -> {new}")
        if pkg in pins and name in STRICT_SETS:
            broken.append(f"{pkg} {old} -> {new}")
    if broken:
        raise SystemExit(
            f"compat: installing lessons_lib changed pinned versions of the {name} set: "
            + ", ".join(broken)
            + " (pyproject.toml needs more than compat/lowest.txt says)"
        )


def check_where(py):
    """Fail unless this environment imports lessons_lib from its site-packages."""
    out = subprocess.run(
        [py, "-P", Path(__file__).resolve(), "--where"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=clean_env(),
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    site = {seen["purelib"], seen["platlib"]}
    if not any(inside(seen["lessons_lib"], folder) for folder in site):
        raise SystemExit(
            f"compat: lessons_lib came from {seen['lessons_lib']}, not from {seen['purelib']}"
        )
    print(f"compat: lessons_lib is {seen['lessons_lib']}")
    return seen


# A pytest plugin (put in a temporary folder, never the source tree) that
# fails the test run unless lessons_lib comes from the environment.
PLUGIN = """
import sysconfig

import pytest


def pytest_collection_finish(session):
    import lessons_lib

    site = sysconfig.get_paths()["purelib"]
    if not lessons_lib.__file__.startswith(site):
        raise pytest.UsageError(f"lessons_lib came from {lessons_lib.__file__}, not {site}")
    print(f"\\ncompat: the tests use {lessons_lib.__file__}")
"""


def unit_command(py, plugin_folder):
    """The unit tests' command and environment (the where-plugin in ``plugin_folder``)."""
    (Path(plugin_folder) / "compat_where_plugin.py").write_text(PLUGIN)
    env = clean_env()
    env["PYTHONPATH"] = str(plugin_folder)  # the plugin only
    cmd = [
        py,
        "-P",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "compat_where_plugin",
        "--import-mode=importlib",
        "--durations=12",
        "-m",
        "not book and not slow",
        *[arg for test in DESELECT for arg in ("--deselect", test)],
        *UNIT_TESTS,
    ]
    return [str(c) for c in cmd], env


def run_unit(py):
    """Run the unit tests in the foreground; raise CalledProcessError if they fail."""
    with tempfile.TemporaryDirectory() as folder:
        cmd, env = unit_command(py, folder)
        echo(cmd)
        subprocess.run(cmd, check=True, cwd=ROOT, env=env)


class BackgroundUnit:
    """The unit tests in a second process, beside the notebooks.

    Chapters 1 to 5 (about a minute) mostly keep one core busy, and so do
    the unit tests (about a minute): side by side they use the two cores
    that each would leave half idle alone. (Chapters 6 and 7 train on both
    cores; what of the tests still runs then shares them.) The tests'
    output goes to a file and is printed, whole, when they end, so that it
    does not mix with the notebooks' lines.
    """

    def __init__(self, py):
        self._folder = tempfile.TemporaryDirectory()
        cmd, env = unit_command(py, self._folder.name)
        self._log = open(Path(self._folder.name) / "unit.log", "w+", encoding="utf-8")
        echo(cmd, "  (in the background)")
        self.start = time.perf_counter()
        self._proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        self._ended = None
        # a watcher notes when the tests end, which is usually long before
        # the notebooks do (and before wait() is called)
        self._watcher = threading.Thread(target=self._watch, daemon=True)
        self._watcher.start()

    def _watch(self):
        self._proc.wait()
        self._ended = time.perf_counter()

    def wait(self):
        """Wait for the tests to end; print their output; ``(passed, seconds)``."""
        self._watcher.join()
        code = self._proc.returncode
        seconds = self._ended - self.start
        self._log.seek(0)
        print("\n--- compat: the unit tests' output ---", flush=True)
        print(self._log.read(), flush=True)
        self._log.close()
        self._folder.cleanup()
        return code == 0, seconds


def run_notebook_stage(py, seen, notebooks):
    with tempfile.TemporaryDirectory() as folder:
        report_path = Path(folder) / "report.json"
        cmd = [
            py,
            "-P",
            Path(__file__).resolve(),
            "--run-notebooks",
            report_path,
            "--notebooks",
            *notebooks,
        ]
        echo(cmd)
        subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, env=clean_env())
        report = json.loads(report_path.read_text())
    failures = []
    site = {seen["purelib"], seen["platlib"]}
    for entry in report:
        probe = entry["probe"]
        problems = list(entry["problems"])
        if probe is None:
            problems.append("the kernel never reported where lessons_lib came from")
        else:
            if not any(inside(probe["lessons_lib"], folder) for folder in site):
                problems.append(f"the kernel imported lessons_lib from {probe['lessons_lib']}")
            if not inside(probe["python"], Path(seen["python"]).parent.parent):
                problems.append(f"the kernel ran {probe['python']}, not {seen['python']}")
            print(f"compat: {entry['notebook']} ran with {probe['versions']}")
        for problem in problems:
            failures.append(f"{entry['notebook']}: {problem}")
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("set", nargs="?", choices=SETS)
    parser.add_argument("--stage", choices=("env", "unit", "notebooks", "all"), default="all")
    parser.add_argument(
        "--python",
        default=os.environ.get("COMPAT_PYTHON", "python3"),
        help="the Python of the environment (default: $COMPAT_PYTHON or python3)",
    )
    parser.add_argument("--notebooks", nargs="*", help="default: chapters/en/*.ipynb")
    parser.add_argument("--where", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--run-notebooks", metavar="REPORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.where:
        where()
        return 0
    if args.run_notebooks:
        run_notebooks(args.notebooks or [], args.run_notebooks)
        return 0
    if not args.set:
        parser.error("give a version set: " + " or ".join(SETS))

    times = {}
    start = time.perf_counter()
    py = make_env(args.set, args.python)
    install_package(args.set, py)
    seen = check_where(py)
    times["environment and install"] = time.perf_counter() - start
    failures = []
    if args.stage == "unit":
        start = time.perf_counter()
        try:
            run_unit(py)
        except subprocess.CalledProcessError:
            failures.append("unit tests failed")
        times["unit tests"] = time.perf_counter() - start
    if args.stage in ("notebooks", "all"):
        notebooks = args.notebooks or sorted(
            str(p.relative_to(ROOT)) for p in (ROOT / "chapters" / "en").glob("*.ipynb")
        )
        unit = BackgroundUnit(py) if args.stage == "all" else None
        start = time.perf_counter()
        try:
            failures += run_notebook_stage(py, seen, notebooks)
        finally:  # even when the notebook runner itself broke: no orphaned tests
            times["notebooks"] = time.perf_counter() - start
            if unit is not None:
                passed, seconds = unit.wait()
                times["unit tests (beside the notebooks)"] = seconds
                if not passed:
                    failures.append("unit tests failed")
    print(f"\ncompat ({args.set}): " + ", ".join(f"{k} {v:.0f} s" for k, v in times.items()))
    if failures:
        print(f"compat ({args.set}): FAILED", file=sys.stderr)
        for failure in failures:
            print("  " + failure, file=sys.stderr)
        return 1
    print(f"compat ({args.set}): passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
