"""nbval settings for the whole suite: the instruction-set guard and timings.

The instruction-set guard (issue: stored outputs must not depend on the
processor). TensorFlow's CPU kernels (oneDNN) choose their code path by the
processor's instruction set, and each path sums in its own order, so a
training ends with other last digits on another kind of processor. Stored
outputs that nbval compares must not depend on that. To catch an output that
secretly does, the notebooks of some editions run under a capped instruction
set (``ONEDNN_MAX_CPU_ISA``) while the others run under the machine's own:
the stored outputs, made on one machine, must hold under both. This costs no
extra run, only the slower kernels of the capped set.

- ``COURSE_ISA_GUARD`` sets the caps as ``pattern=ISA`` pairs, the pattern
  matching ``<edition>/<notebook file>`` (``en`` alone means ``en/*``). By
  default ``"en=AVX2,ru/0[167]_*=AVX2,nl/0[67]_*=AVX2,nl/0[1-5]_*=AVX"``:
  every English notebook under AVX2, what most readers' machines have, the
  trainings of chapters 6 and 7 included; the trainings of the other two
  editions (chapters 1, 6, 7; Dutch chapter 1 excepted) under the same cap,
  so that make test's training cache (``lessons_lib.cache``, keyed by the
  instruction set among the rest) trains each of them once and loads it in
  the other editions; the Dutch chapters 1 to 5 under AVX, the oldest path
  that still uses vector instructions; the Russian chapters 2 to 5 under the
  machine's own. Chapters 6 and 7 are not run under AVX here:
  a training step takes 2.3 times as long there as with AVX2 or AVX-512
  (``bench/isa-speed.md``); ``bench/isa.py`` covers AVX, SSE4.1 and oneDNN
  off for their trainings instead.
  ``COURSE_ISA_GUARD=off`` turns the guard off.
- A cap the machine does not reach changes nothing there (oneDNN never goes
  above what the processor has).
- When ``ONEDNN_MAX_CPU_ISA`` is set for the whole run, it is respected for
  every edition: the guard never overrides a choice made outside it.

Timings: the nbval time of every notebook, per edition and in total, is
printed at the end of ``make test``, and so is what the training cache did
(trained, loaded). Nothing here changes what is tested.
"""

import fnmatch
import os
from collections import defaultdict
from pathlib import Path

import pytest

ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA"
DEFAULT_GUARD = "en=AVX2,ru/0[167]_*=AVX2,nl/0[67]_*=AVX2,nl/0[1-5]_*=AVX"
_USER_ISA = os.environ.get(ISA_VARIABLE)

_seconds = defaultdict(float)
_isa_used = {}  # notebook -> the instruction set its kernel started with


def parse_guard(text):
    """``"en=AVX2,nl/01_*=AVX"`` -> ``{"en/*": "AVX2", "nl/01_*": "AVX"}``; ``"off"`` -> ``{}``."""
    text = (text or "").strip()
    if text.lower() in ("", "off", "0", "none"):
        return {}
    caps = {}
    for part in text.split(","):
        lang, sep, isa = part.partition("=")
        if not sep or not lang.strip() or not isa.strip():
            raise pytest.UsageError(
                f"COURSE_ISA_GUARD must look like 'en=AVX2,nl/01_*=AVX' or 'off', got {text!r}"
            )
        pattern = lang.strip() if "/" in lang else lang.strip() + "/*"
        caps[pattern] = isa.strip().upper()
    return caps


def isa_for(path, guard, user_isa):
    """The instruction-set cap a notebook's kernel starts with (None: the machine's own)."""
    if user_isa:
        return user_isa
    name = f"{Path(path).parent.name}/{Path(path).name}"
    for pattern, isa in guard.items():
        if fnmatch.fnmatchcase(name, pattern):
            return isa
    return None


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_setup(item):
    """Start a notebook's kernel (nbval does so in the setup of its first cell)
    under its edition's cap; the variable is put back right after, so nothing
    else in this worker sees it."""
    path = str(item.fspath)
    isa = None
    if path.endswith(".ipynb"):
        isa = isa_for(
            path, parse_guard(os.environ.get("COURSE_ISA_GUARD", DEFAULT_GUARD)), _USER_ISA
        )
        # reports carry user_properties from the pytest-xdist workers
        item.user_properties.append(("instruction_set", isa or "the machine's own"))
    before = os.environ.get(ISA_VARIABLE)
    if isa:
        os.environ[ISA_VARIABLE] = isa
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ISA_VARIABLE, None)
        else:
            os.environ[ISA_VARIABLE] = before


def pytest_runtest_logreport(report):
    path = report.nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        _seconds[path] += report.duration
        for key, value in report.user_properties:
            if key == "instruction_set":
                _isa_used.setdefault(path, value)


def pytest_terminal_summary(terminalreporter):
    if not _seconds:
        return
    write = terminalreporter.write_line
    folder = os.environ.get("COURSE_TRAINING_CACHE", "").strip()
    if folder:
        from lessons_lib import cache

        counts = cache.summary(folder)
        terminalreporter.section("training cache (lessons_lib.cache)")
        write(
            f"trainings run: {counts['trained']} ({counts['seconds_trained']:.0f} s); "
            f"loaded from the cache: {counts['loaded']}; not cacheable: {counts['uncacheable']}"
        )
    terminalreporter.section("notebook execution times (nbval)")
    editions = defaultdict(float)
    for path, seconds in sorted(_seconds.items()):
        cap = _isa_used.get(path)
        write(f"{seconds:8.1f} s  {path}" + (f"  (instruction set: {cap})" if cap else ""))
        editions[Path(path).parent.name] += seconds
    for lang, seconds in sorted(editions.items()):
        write(f"{seconds:8.1f} s  edition {lang}")
    write(f"{sum(_seconds.values()):8.1f} s  all notebooks")


# --- which worker runs what (make test: pytest -n 2 --dist loadfile) ----------
#
# --dist loadfile sends each file to one worker, whole: a notebook's cells
# share one kernel, and a module's fixtures (a book build) run once. The
# three editions of a chapter that trains (1, 6, 7) go to one worker in a
# row instead: the first trains, the next two load the training from the
# cache (lessons_lib.cache), while the other worker goes on with other
# files. Without this, both workers could reach the same training at once
# and one would wait idle for minutes on the cache's lock (measured in one
# make test: 400 s for chapter 7, 154 s for chapter 6).
TRAINING_CHAPTERS = ("01_images_and_dense_baseline", "06_cnn_fashion_mnist", "07_going_further")


def scope_of(nodeid):
    """The scope (one worker, in order) of a test: its file, or its training chapter."""
    path = nodeid.split("::", 1)[0]
    stem = Path(path).stem
    if path.endswith(".ipynb") and stem in TRAINING_CHAPTERS:
        return f"training-{stem}"
    return path


@pytest.hookimpl(optionalhook=True)  # make compat's environment has no pytest-xdist
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class CourseScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid):
            return scope_of(nodeid)

    return CourseScheduling(config, log)
