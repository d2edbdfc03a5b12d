"""Refresh the stored outputs of chosen cells without re-running a whole notebook.

Usage: python scripts/refresh_cell_outputs.py NOTEBOOK CELL [CELL ...]

Runs the notebook's cells from the first one up to the last CELL named (by
index in nb.cells) in a fresh kernel and stores the new outputs of the named
cells only. For a figure whose code changed in lessons_lib when the cells
before it are cheap: chapter 7's dropout figure comes before its training.
`make execute` (scripts/execute_notebooks.py) remains the way to refresh a
whole notebook.
"""

import copy
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def refresh(path, cells):
    # stored outputs come from real trainings, never from make test's cache
    os.environ.pop("COURSE_TRAINING_CACHE", None)
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    head = copy.deepcopy(nb)
    head.cells = head.cells[: max(cells) + 1]
    NotebookClient(
        head, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    for i in cells:
        if nb.cells[i].cell_type != "code":
            raise SystemExit(f"{path}: cell {i} is not a code cell")
        nb.cells[i].outputs = head.cells[i].outputs
        nb.cells[i].execution_count = head.cells[i].execution_count
    nbformat.write(nb, path)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    refresh(sys.argv[1], [int(c) for c in sys.argv[2:]])
    print(f"{sys.argv[1]}: refreshed cells {sys.argv[2:]}")
