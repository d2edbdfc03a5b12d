"""Numbers in the prose come from the outputs: lessons_lib.prose.glue, and no typed results.

The last tests read every notebook of every edition. A number in a markdown
cell that equals (to the digits it is written with) a number in the outputs
of the same notebook must be glued (``{glue:text}`key```), not typed; only the
numbers of ``DEFINITIONS`` may be typed. What counts as a result-like number:
one with decimals, a percentage, or a whole number of 100 or more (smaller
whole numbers are sizes and counts that define the lesson: 3 by 3, 10
epochs). Math (``$...$``) is a derivation the reader can follow and is not
searched.
"""

import re
from pathlib import Path

import nbformat
import pytest

from lessons_lib import i18n, prose

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
LANGS = ("en", "ru", "nl")
NOTEBOOKS = sorted(p.name for p in (CHAPTERS / "en").glob("*.ipynb"))

# Numbers the prose may type although an output shows them too: what defines
# the data and the models, and the course's stated figures. (value, percent)
DEFINITIONS = {
    (255, False): "the largest pixel value of an 8-bit image",
    (784, False): "28 x 28 pixels, the input of a dense layer",
    (70_000, False): "Fashion-MNIST's size",
    (60_000, False): "Fashion-MNIST's training set",
    (10_000, False): "Fashion-MNIST's test set (and a count the exercises choose)",
    (6_000, False): "training images per class",
    (1_000, False): "test images per class; the photos chapter 4 picks",
    (128, False): "a layer width the course chooses",
    (256, False): "a layer width or batch the course chooses",
    (512, False): "a layer width the course chooses",
    (0.1, False): "the validation split; a probability in an example",
    (5, True): "chapter 7's shift",
    (10, True): "the validation split",
    (88, True): "COURSE.md: the dense baseline reaches about 88%",
    (91, True): "COURSE.md: the course CNN reaches about 91%",
    (97, True): "COURSE.md: the course CNN reaches about 97% on its training images",
    (92.5, True): "COURSE.md: chapter 7's target, at least 92.5%",
    (89, True): "chapter 6's accuracy check",
    (90.3, True): "measured by bench/isa.py, not by the notebook (bench/isa.md)",
    (91.5, True): "measured by bench/isa.py, not by the notebook (bench/isa.md)",
}

# Stripped from the prose before numbers are searched: math, code, roles
# (glue included), targets, link addresses, HTML.
NOT_PROSE = re.compile(
    r"\$\$.*?\$\$|\$[^$\n]*\$|```.*?```|`[^`]*`|\{[a-z:]+\}`[^`]*`|^\([\w-]+\)=|\]\([^)]*\)|<[^>]+>",
    re.S | re.M,
)
SPACE = "[ \u00a0\u202f]"
# A number as the prose of each language writes it: thousands groups, decimals, percent.
PROSE_NUMBER = {
    "en": re.compile(
        r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(" + SPACE + r"?%)?(?![\w,.]\d)"
    ),
    "ru": re.compile(
        r"(?<![\w.,])(\d{1,3}(?:"
        + SPACE
        + r"\d{3})+|\d+)(?:,(\d+))?("
        + SPACE
        + r"?%)?(?![\w,.]\d)"
    ),
    "nl": re.compile(
        r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(" + SPACE + r"?%)?(?![\w,.]\d)"
    ),
}
# Python prints numbers the English way, in every edition.
OUTPUT_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
GLUE_ROLE = re.compile(r"\{glue:text\}`([^`]+)`")


def output_texts(cell):
    """``(printed, glued)``: the text a code cell prints, and the values it glues."""
    printed, glued = [], []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            printed.append(out.text)
        is_glue = "scrapbook" in out.get("metadata", {})
        for key, value in out.get("data", {}).items():
            if key.endswith("text/plain"):
                (glued if is_glue else printed).append(
                    value if isinstance(value, str) else "".join(value)
                )
    return "\n".join(printed), "\n".join(glued)


def _value(whole, decimals):
    return float(re.sub(r"\D", "", whole) + "." + (decimals or "0")), len(decimals or "")


def output_numbers(nb, lang):
    """{(value, decimals)} of every number the notebook's outputs show.

    Python prints numbers the English way in every edition; glued values are
    in the edition's own format.
    """
    found = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            printed, glued = output_texts(cell)
            found |= {_value(m[1], m[2]) for m in OUTPUT_NUMBER.finditer(printed)}
            found |= {_value(m[1], m[2]) for m in PROSE_NUMBER[lang].finditer(glued)}
    return found


def typed_results(nb, lang):
    """``[(cell, text as typed)]``: result-like numbers of the prose that an output shows."""
    outputs = output_numbers(nb, lang)
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for m in PROSE_NUMBER[lang].finditer(NOT_PROSE.sub(" ", cell.source)):
            whole, decimals, percent = re.sub(r"\D", "", m[1]), m[2] or "", bool(m[3])
            value = float(whole + "." + (decimals or "0"))
            if not (decimals or percent or value >= 100):
                continue
            if (value, percent) in DEFINITIONS:
                continue
            digits = len(decimals) + (2 if percent else 0)
            target = round(value / 100 if percent else value, digits)
            if any(d >= digits and round(v, digits) == target for v, d in outputs):
                found.append((i, m[0]))
    return found


def glued_keys(nb):
    keys = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                keys.add(name)
    return keys


# --- i18n.number and prose.glue ---


def test_numbers_in_each_language():
    assert i18n.number(421642, lang="en") == "421,642"
    assert i18n.number(421642, lang="ru") == "421\u00a0642"
    assert i18n.number(421642, lang="nl") == "421.642"
    assert [i18n.number(1688, lang=x) for x in LANGS] == ["1,688", "1688", "1688"]
    assert [i18n.number(0.91234, 3, lang=x) for x in LANGS] == ["0.912", "0,912", "0,912"]
    assert [i18n.number(0.9123, 1, percent=True, lang=x) for x in LANGS] == [
        "91.2%",
        "91,2\u00a0%",
        "91,2%",
    ]
    assert i18n.number(-0.25, 2, lang="en") == "\u22120.25"
    assert i18n.number(-0.001, 1, lang="en") == "0.0"  # no minus before a zero
    assert i18n.number(12.5, 0, lang="en") == "12"  # Python rounds half to even
    i18n.set_language("nl")
    assert i18n.number(3.5, 1) == "3,5"


@pytest.mark.parametrize(
    "value, digits, message",
    [
        ("0.9", 0, "value must be a finite real number, got '0.9'"),
        (float("nan"), 0, "value must be a finite real number, got nan"),
        (True, 0, "value must be a finite real number, got True"),
        (0.9, -1, "digits must be a whole number from 0 to 10, got -1"),
        (0.9, 1.5, "digits must be a whole number from 0 to 10, got 1.5"),
    ],
)
def test_number_rejects_bad_input(value, digits, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        i18n.number(value, digits)


def test_glue_stores_text_that_myst_nb_pastes_unchanged(monkeypatch):
    from myst_nb.core.variables import format_plain_text

    shown = []
    import IPython
    import IPython.display

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(
        IPython.display, "display", lambda data, raw, metadata: shown.append((data, metadata))
    )
    i18n.set_language("ru")
    prose.glue("ch06.total_params", 421642)
    prose.glue("ch06.test_accuracy", 0.91234, digits=3)
    (data, meta), (data2, _) = shown
    assert meta == {
        "scrapbook": {"name": "ch06.total_params", "mime_prefix": "application/papermill.record/"}
    }
    text = data["application/papermill.record/text/plain"]
    # the role {glue:text} shows exactly the reader's number, not a tuple or quotes
    assert format_plain_text(text, "s") == "421\u00a0642"
    assert format_plain_text(data2["application/papermill.record/text/plain"], "s") == "0,912"


@pytest.mark.parametrize("name", ["ch06", "Ch06.x", "ch06.x y", "ch06..x", "", 6])
def test_glue_rejects_malformed_names(name):
    with pytest.raises(ValueError, match="name must look like 'ch06.test_accuracy'"):
        prose.glue(name, 1)


def test_glue_outside_a_kernel_stores_nothing_and_does_not_fail():
    assert prose.glue("ch01.anything", 3.5, digits=1) is None


# --- the notebooks ---


def test_detector_finds_a_typed_result():
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("print(x)")
    code.outputs = [nbformat.v4.new_output("stream", text="total: 421,642\naccuracy: 0.9123\n")]
    nb.cells = [
        code,
        nbformat.v4.new_markdown_cell(
            "All 421,642 parameters; 91.2% accurate; $421{,}642$ in math; a 3 x 3 kernel; "
            "{glue:text}`ch06.total_params` glued; 88% as the course says."
        ),
    ]
    assert typed_results(nb, "en") == [(1, "421,642"), (1, "91.2%")]
    nb.cells[1].source = "Все 421\u00a0642 параметра, точность 91,2\u00a0% и 0,912."
    assert typed_results(nb, "ru") == [(1, "421\u00a0642"), (1, "91,2\u00a0%"), (1, "0,912")]
    nb.cells[1].source = "Alle 421.642 parameters, 91,2% juist."
    assert typed_results(nb, "nl") == [(1, "421.642"), (1, "91,2%")]


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_typed_result_in_prose(lang, name):
    nb = nbformat.read(CHAPTERS / lang / name, as_version=4)
    typed = typed_results(nb, lang)
    assert not typed, (
        f"chapters/{lang}/{name}: numbers typed in the prose that an output of the notebook "
        f"shows; glue them (lessons_lib.prose.glue in the code, {{glue:text}}`key` in the text):\n"
        + "\n".join(f"  cell {i}: {text}" for i, text in typed)
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_glued_name_in_the_prose_is_stored(lang, name):
    nb = nbformat.read(CHAPTERS / lang / name, as_version=4)
    stored = glued_keys(nb)
    used = {
        (i, key)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown"
        for key in GLUE_ROLE.findall(c.source)
        if "::" not in key
    }
    missing = sorted((i, k) for i, k in used if k not in stored)
    assert not missing, f"chapters/{lang}/{name}: glued in the text, never stored: {missing}"
