"""The outputs of a notebook that nbval compares, as text.

Shared by ``tests/test_backends.py`` and ``bench.run``: both execute a
notebook afresh and compare what it printed with the stored outputs, the way
nbval does (``nbval-ignore-output`` cells left out, images left out, the
masks of ``tests/sanitize.cfg`` applied).
"""

import configparser
import re
from pathlib import Path

SANITIZE_CFG = Path(__file__).resolve().parent.parent / "tests" / "sanitize.cfg"


def _masks():
    config = configparser.ConfigParser()
    config.read(SANITIZE_CFG)
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


MASKS = _masks()  # nbval's masks, read once


def sanitize(text):
    """Apply nbval's masks (memory addresses, step times) to ``text``."""
    for pattern, replace in MASKS:
        text = pattern.sub(replace, text)
    return text


def cell_text(cell):
    """Everything a code cell printed or returned, as one string."""
    texts = []
    for o in cell.outputs:
        if o.output_type == "stream":
            texts.append(o.text)
        elif o.output_type == "error":
            texts.append(f"{o.ename}: {o.evalue}")
        elif "data" in o:
            texts.append(o.data.get("text/plain", ""))
    return "".join(texts)


def checked_outputs(nb, leave_out=()):
    """(cell index, sanitized text) of every cell whose output nbval compares.

    Cells tagged ``nbval-ignore-output`` or ``nbval-skip`` are left out, and
    so is every cell whose source contains one of the strings ``leave_out``.
    """
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        if "nbval-ignore-output" in tags or "nbval-skip" in tags:
            continue
        if any(piece in cell.source for piece in leave_out):
            continue
        out.append((i, sanitize(cell_text(cell))))
    return out
