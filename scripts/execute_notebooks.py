"""Re-execute notebooks in place so that their stored outputs are fresh.

Usage: python scripts/execute_notebooks.py chapters/en/02_convolution.ipynb ...

Each notebook runs in its own folder with a fresh kernel of this Python, as
nbval runs it. Cell metadata that changes on every run (execution timings)
is dropped so that a re-run only changes what really changed. The training
cache of make test (lessons_lib.cache) is always off here.
"""

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path, timeout=1800):
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        # nbclient 0.11 needs the widget state to capture Output widgets
        # (chapter 3's explorer); it is dropped below.
        store_widget_state=True,
    )
    start = time.perf_counter()
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    # Widget state in the metadata makes the book load require.js and an old
    # widget loader from a CDN; the explorer stores a still picture instead.
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(paths):
    # Stored outputs come from real trainings: never from make test's cache.
    os.environ.pop("COURSE_TRAINING_CACHE", None)
    if not paths:
        print("usage: execute_notebooks.py NOTEBOOK...", file=sys.stderr)
        return 2
    for p in paths:
        seconds = execute(p)
        print(f"{p}: executed in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
