"""The three editions stay in lockstep.

Same files; code cells identical up to comments, string literals and the
``lang`` argument of the setup cell; same cell types and tags; every
notebook executed with its outputs stored; Colab asks for a GPU and installs
lessons_lib from the repository named in ``_config.yml``.
"""

import difflib
import io
import re
import tokenize
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import load_script

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
LANGS = ("en", "ru", "nl")
REFERENCE = "en"
NOTEBOOKS = sorted(p.name for p in (CHAPTERS / REFERENCE).glob("*.ipynb"))
MAGIC = re.compile(r"^(\s*)[%!]+", re.MULTILINE)
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)
HEADING = re.compile(r"^(#{1,6}) ", re.MULTILINE)


def load(lang, name):
    return nbformat.read(CHAPTERS / lang / name, as_version=4)


def code_tokens(source):
    """Tokens of a code cell with comments and string contents blanked."""
    text = MAGIC.sub(r"\1", source) + "\n"
    out = []
    fstring_depth = 0  # Python 3.12+ splits f-strings into several tokens
    fstring_start = getattr(tokenize, "FSTRING_START", None)
    fstring_end = getattr(tokenize, "FSTRING_END", None)
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if fstring_start is not None and tok.type == fstring_start:
            fstring_depth += 1
            continue
        if fstring_depth:
            if tok.type == fstring_end:
                fstring_depth -= 1
                if not fstring_depth:
                    out.append("<str>")  # one token, as on Python 3.11
            continue
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.ENDMARKER):
            continue
        out.append("<str>" if tok.type == tokenize.STRING else tok.string)
    return out


def repository_url():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"]


def test_reference_edition_has_notebooks():
    assert NOTEBOOKS, "chapters/en has no notebooks"


def test_same_files_in_every_edition():
    files = {lang: sorted(p.name for p in (CHAPTERS / lang).iterdir()
                          if p.suffix in (".ipynb", ".md")) for lang in LANGS}
    for lang in LANGS:
        assert files[lang] == files[REFERENCE], (
            f"chapters/{lang} differs from chapters/{REFERENCE}: "
            f"missing {sorted(set(files[REFERENCE]) - set(files[lang]))}, "
            f"extra {sorted(set(files[lang]) - set(files[REFERENCE]))}"
        )


def test_toc_lists_every_edition_in_the_same_order():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    parts = {p["caption"]: [c["file"] for c in p["chapters"]] for p in toc["parts"]}
    assert list(parts) == ["English", "Русский", "Nederlands"]
    stems = [[f.split("/", 2)[2] for f in files] for files in parts.values()]
    assert stems[0] == stems[1] == stems[2]
    for caption, lang in zip(parts, LANGS):
        assert all(f.startswith(f"chapters/{lang}/") for f in parts[caption])
    listed = {f"{f}" for files in parts.values() for f in files}
    on_disk = {str(p.relative_to(ROOT).with_suffix("")) for p in CHAPTERS.glob("*/*")
               if p.suffix in (".ipynb", ".md")}
    assert on_disk == listed, f"not in _toc.yml: {sorted(on_disk - listed)}"


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("lang", [l for l in LANGS if l != REFERENCE])
def test_code_and_structure_match_english(lang, name):
    ref, nb = load(REFERENCE, name), load(lang, name)
    where = f"chapters/{lang}/{name}"
    assert [c.cell_type for c in nb.cells] == [c.cell_type for c in ref.cells], (
        f"{where}: the sequence of markdown/code cells differs from English")
    for i, (a, b) in enumerate(zip(ref.cells, nb.cells)):
        tags_a, tags_b = a.metadata.get("tags", []), b.metadata.get("tags", [])
        assert tags_a == tags_b, f"{where}, cell {i}: tags {tags_b} != English {tags_a}"
        if a.cell_type == "code":
            ta, tb = code_tokens(a.source), code_tokens(b.source)
            diff = "\n".join(difflib.unified_diff(ta, tb, "en", lang, lineterm="", n=2))
            assert ta == tb, (
                f"{where}, cell {i}: code differs from English beyond comments "
                f"and strings:\n{diff}")
            assert bool(a.outputs) == bool(b.outputs), (
                f"{where}, cell {i}: English {'has' if a.outputs else 'has no'} "
                f"output, this edition {'has' if b.outputs else 'has no'}")
        else:
            ha, hb = HEADING.findall(a.source), HEADING.findall(b.source)
            assert ha == hb, f"{where}, cell {i}: headings {hb} != English {ha}"
            la = [l.split("-", 1)[1] for l in LABEL.findall(a.source)]
            lb = [l.split("-", 1)[1] for l in LABEL.findall(b.source)]
            assert la == lb, f"{where}, cell {i}: labels {lb} != English {la}"


def test_code_tokens_ignore_only_comments_and_strings():
    assert code_tokens('plots.show("cross")  # a cross') == code_tokens("plots.show('крест')")
    assert code_tokens("x = 1") != code_tokens("y = 1")
    assert code_tokens("f(a, b)") != code_tokens("f(b, a)")
    # An f-string is one string, whatever the Python version tokenizes.
    assert code_tokens('print(f"{n:4} images")') == code_tokens('print(f"{n:4} изображений")')
    assert code_tokens('x = f"{a}" + y') != code_tokens('x = f"{a}" - y')


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("lang", LANGS)
def test_notebook_conventions(lang, name):
    nb = load(lang, name)
    where = f"chapters/{lang}/{name}"
    code = [c for c in nb.cells if c.cell_type == "code"]
    # Executed, with stored outputs.
    assert all(c.execution_count for c in code), f"{where}: a code cell was never executed"
    with_output = sum(bool(c.outputs) for c in code)
    assert with_output >= len(code) // 2, f"{where}: only {with_output} of {len(code)} code cells have outputs"
    errors = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
              and any(o.output_type == "error" for o in c.outputs)]
    assert not errors, f"{where}: cells {errors} stored an error"
    # Colab asks for a GPU.
    assert nb.metadata.get("accelerator") == "GPU", f"{where}: no Colab GPU metadata"
    # Title, label and language prefix.
    first = nb.cells[0]
    assert first.cell_type == "markdown" and HEADING.findall(first.source)[0] == "#"
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for label in LABEL.findall(cell.source):
                assert label.startswith(f"{lang}-"), f"{where}: label {label} lacks '{lang}-'"
    # The hidden setup cell: Colab-only install from the repository, then setup.
    setup = code[0]
    assert "hide-cell" in setup.metadata.get("tags", []), f"{where}: setup cell not hidden"
    assert f'lessons_lib.setup(lang="{lang}"' in setup.source
    urls = re.findall(r"git\+(\S+?)[\"'\s]", setup.source)
    assert urls == [repository_url()], f"{where}: installs from {urls}, _config.yml says {repository_url()}"
    assert 'if "google.colab" in sys.modules:' in setup.source
    # Keras 3 only, no TensorFlow in notebooks.
    assert "import keras" in code[1].source
    for i, c in enumerate(code):
        assert not re.search(r"\btensorflow\b|\btf\.", c.source), f"{where}, code cell {i}: uses TensorFlow"
    # Ends with a summary and exercises.
    headings = [h for c in nb.cells if c.cell_type == "markdown" for h in re.findall(r"^## (.+)$", c.source, re.M)]
    assert len(headings) >= 3, f"{where}: too few sections"


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_pages_have_prefixed_labels(lang):
    for page in (CHAPTERS / lang).glob("*.md"):
        labels = LABEL.findall(page.read_text(encoding="utf-8"))
        assert labels and all(l.startswith(f"{lang}-") for l in labels), page


def _fingerprint():
    return load_script("scripts/stamp_translations.py", "stamp").fingerprint


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("lang", [l for l in LANGS if l != REFERENCE])
def test_translation_follows_current_english(lang, name):
    fingerprint = _fingerprint()
    current = fingerprint(load(REFERENCE, name))
    recorded = load(lang, name).metadata.get("course", {}).get("translates")
    assert recorded == current, (
        f"chapters/{lang}/{name} translates English version {recorded}, but "
        f"chapters/{REFERENCE}/{name} is now at {current}: bring the translation "
        f"up to date, then run `python scripts/stamp_translations.py chapters/{lang}/{name}`")


def test_fingerprint_sees_prose_and_code_changes():
    fingerprint = _fingerprint()
    nb = load(REFERENCE, NOTEBOOKS[0])
    before = fingerprint(nb)
    nb.cells[0].source += " "
    assert fingerprint(nb) != before
