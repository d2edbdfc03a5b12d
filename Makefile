# Two commands do everything on a fresh machine:
#   make book   - create .venv, install, build the HTML book into _build/html
#   make test   - the same set-up, then every test (unit, parity, nbval, book)
# and `make execute` re-runs the notebooks in place to refresh their outputs.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NOTEBOOKS ?= $(sort $(wildcard chapters/*/*.ipynb))
# pytest workers: the notebooks and the book build run in parallel.
JOBS ?= 2

# Offline machines (CI, development): use the local Fashion-MNIST copy
# beside the repository unless FASHION_MNIST_DIR is already set.
ifeq ($(origin FASHION_MNIST_DIR),undefined)
  ifneq ($(wildcard ../shared/data/fashion-mnist/train-images-idx3-ubyte.gz),)
    export FASHION_MNIST_DIR := $(abspath ../shared/data/fashion-mnist)
  endif
endif
export TF_CPP_MIN_LOG_LEVEL ?= 3

.PHONY: all venv book pdf test unit lint execute sync configure serve student nbgrader bench compat clean
all: book

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

venv: $(STAMP)

book: $(STAMP)
	$(VENV)/bin/jupyter-book build . -W -n --keep-going
	@echo "Open _build/html/index.html"

# The printable edition: _build/pdf/en.pdf, ru.pdf, nl.pdf, each edition's
# pages printed by headless Chromium (no LaTeX) and put together.
pdf: book
	$(PY) scripts/make_pdf.py --html _build/html --out _build/pdf

# The training cache (lessons_lib.cache): the three editions' notebooks run
# the same trainings, so each distinct training runs once per make test and
# the other editions load it; a fresh empty folder every run, removed after.
# TRAINING_CACHE=off trains every time (as make test did before the cache).
# --dist loadfile: a worker runs whole files, and a training chapter's three
# editions in a row (conftest.py, scope_of).
TRAINING_CACHE ?= on
test: lint
	@cache=""; if [ "$(TRAINING_CACHE)" != off ]; then \
	  cache=$$(mktemp -d -t course-training-cache.XXXXXX); trap 'rm -rf "$$cache"' EXIT; fi; \
	COURSE_TRAINING_CACHE=$$cache $(PY) -m pytest -n $(JOBS) --dist loadfile --doctest-modules \
	  --durations=30 --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg \
	  lessons_lib tests chapters

# Only the fast unit tests (no notebooks, no book build).
unit: lint
	$(PY) -m pytest -n $(JOBS) --doctest-modules lessons_lib tests -m "not book and not slow"

# ruff: lint and format check of every Python file (not the notebooks);
# actionlint: the GitHub workflows.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/actionlint .github/workflows/*.yml

execute: $(STAMP)
	$(PY) scripts/execute_notebooks.py $(NOTEBOOKS)

# Russian and Dutch code cells from the English ones and catalogs/*.yml.
sync: $(STAMP)
	$(PY) scripts/sync_code.py

# A fork: make configure REPO=owner/name [BRANCH=main] points the book, the
# Colab installs and the README at it.
BRANCH ?= main
configure: $(STAMP)
	@test -n "$(REPO)" || { echo "usage: make configure REPO=owner/name [BRANCH=main]"; exit 2; }
	$(PY) scripts/configure.py "$(REPO)" --branch "$(BRANCH)"

# The student edition: every notebook without its solutions, in student/.
student: $(STAMP)
	$(PY) -m lessons_lib.student student

# nbgrader course folders, one per language, in nbgrader/: every exercise a
# graded cell, marked by the same checkers students use.
nbgrader: $(STAMP)
	$(PY) -m lessons_lib.grading nbgrader

# The benchmark (not a test): timings, accuracies, budgets -> bench/results.md,
# and the ablation of chapter 7's changes -> bench/ablation.md.
# About 90 minutes on 2 cores (with make test twice: with and without the
# training cache), 40 to 80 more for the ablation and about 15 for make
# compat COMPAT=colab; run it on an otherwise idle machine.
bench: $(STAMP)
	$(PY) -m bench.run --repeats 2 --make-test
	$(PY) -m bench.throughput
	$(PY) -m bench.ablation
	$(MAKE) compat COMPAT=colab

# The notebooks on other versions than requirements.txt pins: a second
# environment (.venv-compat-$(COMPAT)/) with the versions of compat/$(COMPAT).txt,
# lessons_lib installed by a plain `pip install .` as on Colab, the unit tests
# that need no book tools, every English notebook (errors and "no" checks
# fail). COMPAT=lowest (default, CI): pyproject.toml's lower bounds;
# COMPAT=colab: the versions Colab ships (make bench runs it).
COMPAT ?= lowest
compat:
	$(PYTHON) -m scripts.compat $(COMPAT)

serve: book
	$(PY) -m http.server --bind 127.0.0.1 --directory _build/html 8000

clean:
	rm -rf _build .pytest_cache .hypothesis
