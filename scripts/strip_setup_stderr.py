"""Drop backend start-up noise that an older setup cell stored on stderr.

Usage: python scripts/strip_setup_stderr.py NOTEBOOK...

Before lessons_lib.setup silenced it, TensorFlow's C++ start-up log
("All log messages before absl::InitializeLog() ...") could land in a
notebook's setup cell. Re-executing fixes that too; this only removes those
stderr outputs from the first code cell, without running anything.
"""

import sys

import nbformat


def strip(path):
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    before = len(first.outputs)
    first.outputs = [o for o in first.outputs
                     if not (o.output_type == "stream" and o.name == "stderr"
                             and "absl::InitializeLog" in o.text)]
    if len(first.outputs) != before:
        nbformat.write(nb, path)
    return before - len(first.outputs)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        print(f"{p}: removed {strip(p)} output(s)")
