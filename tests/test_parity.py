"""The three editions stay in lockstep.

Same files; every Russian and Dutch code cell is what ``make sync``
(``scripts/sync_code.py``) writes from its English twin and the catalogs;
same cell types, tags, headings and labels; every markdown cell of a
translation follows the English text it translates (``course.follows``);
every notebook executed with its outputs stored and ending with a summary and
exercises; Colab asks for a GPU and installs lessons_lib from the repository
named in ``_config.yml``.
"""

import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from scripts import configure, stamp_translations, sync_code

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
LANGS = ("en", "ru", "nl")
REFERENCE = "en"
NOTEBOOKS = sorted(p.name for p in (CHAPTERS / REFERENCE).glob("*.ipynb"))
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)
HEADING = re.compile(r"^(#{1,6}) ", re.MULTILINE)
# every chapter ends with these two sections
ENDINGS = {
    "en": ("Summary", "Exercises"),
    "ru": ("Итоги", "Упражнения"),
    "nl": ("Samenvatting", "Oefeningen"),
}


def load(lang, name):
    return nbformat.read(CHAPTERS / lang / name, as_version=4)


def install_target(root=ROOT):
    """What the setup cells must install from: ``git+<url>[@<branch>]`` of ``_config.yml``."""
    return configure.pip_target(*configure.current(root))


def setup_install_targets(nb):
    """The ``git+...`` targets the setup cell (the first code cell) installs from."""
    setup = next(c for c in nb.cells if c.cell_type == "code")
    return re.findall(r"(git\+\S+?)[\"'\s]", setup.source)


def test_reference_edition_has_notebooks():
    assert NOTEBOOKS, "chapters/en has no notebooks"


def test_same_files_in_every_edition():
    files = {
        lang: sorted(p.name for p in (CHAPTERS / lang).iterdir() if p.suffix in (".ipynb", ".md"))
        for lang in LANGS
    }
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
    on_disk = {
        str(p.relative_to(ROOT).with_suffix(""))
        for p in CHAPTERS.glob("*/*")
        if p.suffix in (".ipynb", ".md")
    }
    assert on_disk == listed, f"not in _toc.yml: {sorted(on_disk - listed)}"


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("lang", [x for x in LANGS if x != REFERENCE])
def test_code_cells_are_synced_from_english(lang, name):
    sync = sync_code
    try:
        changes = sync.sync_notebook(name, lang, write=False)
    except sync.SyncError as error:
        pytest.fail(str(error), pytrace=False)
    assert not changes, (
        "\n".join(changes) + "\nrun `make sync` (and `make execute` for the outputs of these cells)"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("lang", [x for x in LANGS if x != REFERENCE])
def test_structure_matches_english(lang, name):
    ref, nb = load(REFERENCE, name), load(lang, name)
    where = f"chapters/{lang}/{name}"
    assert [c.cell_type for c in nb.cells] == [c.cell_type for c in ref.cells], (
        f"{where}: the sequence of markdown/code cells differs from English"
    )
    for i, (a, b) in enumerate(zip(ref.cells, nb.cells)):
        tags_a, tags_b = a.metadata.get("tags", []), b.metadata.get("tags", [])
        assert tags_a == tags_b, f"{where}, cell {i}: tags {tags_b} != English {tags_a}"
        if a.cell_type == "code":
            assert bool(a.outputs) == bool(b.outputs), (
                f"{where}, cell {i}: English {'has' if a.outputs else 'has no'} "
                f"output, this edition {'has' if b.outputs else 'has no'}"
            )
        else:
            ha, hb = HEADING.findall(a.source), HEADING.findall(b.source)
            assert ha == hb, f"{where}, cell {i}: headings {hb} != English {ha}"
            la = [label.split("-", 1)[1] for label in LABEL.findall(a.source)]
            lb = [label.split("-", 1)[1] for label in LABEL.findall(b.source)]
            assert la == lb, f"{where}, cell {i}: labels {lb} != English {la}"


def test_literals_are_strings_and_comments_as_written():
    literals = sync_code.literals
    src = (
        "%matplotlib inline\nplots.show(\"cross\", 'x')  # a cross\n"
        'print(f"{n:4} images", f"{m!r}")\ns = """two\nlines"""\n!pip install "a b"\n'
    )
    assert [src[a:b] for a, b in literals(src)] == [
        '"cross"',
        "'x'",
        "# a cross",
        'f"{n:4} images"',
        'f"{m!r}"',
        '"""two\nlines"""',
        '"a b"',
    ]
    assert literals("x = 1 + y") == []


def test_every_catalog_literal_is_in_the_english_code():
    """A catalog entry whose English literal no code cell has any more is
    left over from an edit: it would translate nothing."""
    used = set()
    for name in NOTEBOOKS:
        nb = nbformat.read(CHAPTERS / REFERENCE / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                used |= {cell.source[a:b] for a, b in sync_code.literals(cell.source)}
    keep, tables = sync_code.load_catalogs()
    assert sorted(keep - used) == [], "catalogs/code.yml keeps literals no cell has"
    for lang, table in tables.items():
        assert sorted(set(table) - used) == [], (
            f"catalogs/{lang}.yml translates literals no cell has"
        )


def test_a_translation_is_the_english_code_with_catalog_text():
    sync = sync_code
    keep, tables = sync.load_catalogs()
    source, missing = sync.synced_source(
        'lessons_lib.setup(lang="en", seed=0)',
        "ru",
        "01_images_and_dense_baseline",
        keep,
        tables["ru"],
    )
    assert (source, missing) == ('lessons_lib.setup(lang="ru", seed=0)', [])
    # one literal, two grammatical forms: a count, then a shape
    one = sync.synced_source(
        'print("training images:", n)', "ru", "01_images_and_dense_baseline", keep, tables["ru"]
    )[0]
    six = sync.synced_source(
        'print("training images:", n)', "ru", "06_cnn_fashion_mnist", keep, tables["ru"]
    )[0]
    assert one != six and "обучающ" in one and "обучающ" in six
    assert sync.synced_source('f("conv1")  # a new comment', "nl", "x", keep, tables["nl"])[1] == [
        "# a new comment"
    ]


@pytest.fixture
def chapters_copy(tmp_path, monkeypatch):
    """chapters/ copied to tmp_path, with both scripts pointed at the copy."""
    shutil.copytree(CHAPTERS, tmp_path / "chapters")
    sync, stamp = sync_code, stamp_translations
    monkeypatch.setattr(sync, "CHAPTERS", tmp_path / "chapters")
    monkeypatch.setattr(stamp, "CHAPTERS", tmp_path / "chapters")
    monkeypatch.setattr(stamp, "ROOT", tmp_path)
    return tmp_path / "chapters", sync, stamp


def _first_cell(nb, needle):
    return next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and needle in c.source)


def test_a_new_english_string_fails_and_names_the_cell(chapters_copy):
    chapters, sync, _ = chapters_copy
    name = "04_pooling.ipynb"
    path = chapters / REFERENCE / name
    nb = nbformat.read(path, as_version=4)
    i = _first_cell(nb, "print(")
    nb.cells[i].source = nb.cells[i].source.replace("print(", 'print("a brand-new label",', 1)
    nbformat.write(nb, path)
    with pytest.raises(sync.SyncError) as error:
        sync.sync_notebook(name, "ru", write=False)
    assert f'chapters/en/{name}, cell {i}: "a brand-new label"' in str(error.value)
    assert "catalogs/ru.yml" in str(error.value)


def test_changed_english_code_is_reported_then_synced(chapters_copy):
    chapters, sync, _ = chapters_copy
    name = "02_convolution.ipynb"
    path = chapters / REFERENCE / name
    nb = nbformat.read(path, as_version=4)
    i = _first_cell(nb, "import")
    nb.cells[i].source += "\nimport math"
    nbformat.write(nb, path)
    changes = sync.sync_notebook(name, "nl", write=True)
    assert len(changes) == 1 and changes[0].startswith(f"chapters/nl/{name}, cell {i}:")
    synced = nbformat.read(chapters / "nl" / name, as_version=4)
    assert synced.cells[i].source.endswith("\nimport math")
    assert sync.sync_notebook(name, "nl", write=False) == []


def test_one_changed_english_paragraph_marks_exactly_its_twins_stale(chapters_copy):
    chapters, _, stamp = chapters_copy
    name = "03_padding_and_stride.ipynb"
    path = chapters / REFERENCE / name
    nb = nbformat.read(path, as_version=4)
    i = [k for k, c in enumerate(nb.cells) if c.cell_type == "markdown"][5]
    nb.cells[i].source = nb.cells[i].source.replace(" ", "  ", 1)  # a one-character edit
    nbformat.write(nb, path)
    stale = stamp.all_stale()
    assert [(str(p), k) for p, k, _ in stale] == [
        (f"chapters/ru/{name}", i),
        (f"chapters/nl/{name}", i),
    ]
    assert stale[0][2].split()[0] == nb.cells[i].source.split()[0]  # named by its first words
    stamp.stamp(chapters / "ru" / name, [i])
    assert [(str(p), k) for p, k, _ in stamp.all_stale()] == [(f"chapters/nl/{name}", i)]


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("lang", LANGS)
def test_notebook_conventions(lang, name):
    nb = load(lang, name)
    where = f"chapters/{lang}/{name}"
    code = [c for c in nb.cells if c.cell_type == "code"]
    # Executed, with stored outputs.
    assert all(c.execution_count for c in code), f"{where}: a code cell was never executed"
    with_output = sum(bool(c.outputs) for c in code)
    assert with_output >= len(code) // 2, (
        f"{where}: only {with_output} of {len(code)} code cells have outputs"
    )
    errors = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and any(o.output_type == "error" for o in c.outputs)
    ]
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
    urls = setup_install_targets(nb)
    assert urls == [install_target()], (
        f"{where}: installs from {urls}, _config.yml says {install_target()}"
    )
    assert 'if "google.colab" in sys.modules:' in setup.source
    # Keras 3 only, no TensorFlow in notebooks.
    assert "import keras" in code[1].source
    for i, c in enumerate(code):
        assert not re.search(r"\btensorflow\b|\btf\.", c.source), (
            f"{where}, code cell {i}: uses TensorFlow"
        )
    # Ends with a summary and exercises.
    headings = [
        h
        for c in nb.cells
        if c.cell_type == "markdown"
        for h in re.findall(r"^## (.+)$", c.source, re.M)
    ]
    assert len(headings) >= 3, f"{where}: too few sections"
    assert headings[-2:] == list(ENDINGS[lang]), (
        f"{where}: the last sections are {headings[-2:]}, expected {list(ENDINGS[lang])}"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_pages_have_prefixed_labels(lang):
    for page in (CHAPTERS / lang).glob("*.md"):
        labels = LABEL.findall(page.read_text(encoding="utf-8"))
        assert labels and all(label.startswith(f"{lang}-") for label in labels), page


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("lang", [x for x in LANGS if x != REFERENCE])
def test_translation_follows_current_english(lang, name):
    stale = stamp_translations.stale_cells(load(REFERENCE, name), load(lang, name))
    assert not stale, (
        f"chapters/{lang}/{name}: these cells translate an older English text:\n"
        + "\n".join(f"  cell {i}: {words}" for i, words in stale)
        + f"\nbring each up to date, then run `python scripts/stamp_translations.py "
        f"chapters/{lang}/{name} --cell N` for each"
    )


def test_binder_installs_what_ci_proves():
    """Binder builds from binder/: the pins of requirements.txt, Python 3.11, then lessons_lib."""
    binder = ROOT / "binder"
    lines = [
        line.strip()
        for line in (binder / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines == ["-r ../requirements.txt"], f"binder/requirements.txt installs {lines}"
    assert (binder / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
    workflow = (ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8")
    assert 'python-version: "3.11"' in workflow, "CI and Binder run different Pythons"
    post = (binder / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-cache-dir --no-deps -e ." in post


# Every figure a notebook stores carries a description for screen readers in
# its cell's metadata, ``mystnb.image.alt``, which myst-nb puts on the <img>.
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)
PATH_LIKE = re.compile(r"(^|[\s/\\])[\w.-]+\.(png|jpe?g|svg|gif)\b|_images/", re.IGNORECASE)


def figure_alts(nb):
    """``{cell index: alt text or None}`` for every code cell with an image output."""
    alts = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        images = sum(
            any(mime in out.get("data", {}) for mime in IMAGE_TYPES) for out in cell.outputs
        )
        if images:
            alts[i] = (images, cell.metadata.get("mystnb", {}).get("image", {}).get("alt"))
    return alts


def alt_problem(alt, lang):
    """What is wrong with an alt text, or None."""
    if not isinstance(alt, str) or not alt.strip():
        return "no alt text (set metadata.mystnb.image.alt)"
    if PATH_LIKE.search(alt):
        return f"alt text is a file name: {alt!r}"
    if len(alt.split()) < 6:
        return f"alt text too short to describe the figure: {alt!r}"
    letters = len(CYRILLIC.findall(alt)) + len(LATIN.findall(alt))
    cyrillic = len(CYRILLIC.findall(alt)) / max(letters, 1)
    if lang == "ru" and cyrillic < 0.7:
        return f"alt text is not in Russian (Cyrillic): {alt!r}"
    if lang != "ru" and cyrillic > 0:
        return f"alt text holds Cyrillic letters: {alt!r}"
    return None


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_has_alt_text(lang, name):
    """Each figure has an alt text in its edition's language; ru/nl exactly where English has one."""
    where = f"chapters/{lang}/{name}"
    alts = figure_alts(load(lang, name))
    problems = [
        f"cell {i}: {problem}"
        for i, (_, alt) in alts.items()
        if (problem := alt_problem(alt, lang))
    ]
    # One alt text per cell: a cell that shows two figures must be split in two.
    problems += [
        f"cell {i}: {n} image outputs share one alt text; give each figure its own cell"
        for i, (n, _) in alts.items()
        if n > 1
    ]
    assert not problems, f"{where}:\n  " + "\n  ".join(problems)
    if lang != REFERENCE:
        english = figure_alts(load(REFERENCE, name))
        assert sorted(alts) == sorted(english), (
            f"{where}: figures with alt text in cells {sorted(alts)}, English in {sorted(english)}"
        )
        copied = [i for i in alts if alts[i][1] == english[i][1]]
        assert not copied, f"{where}: cells {copied} copy the English alt text"


#: Words the glossary (``../shared/COURSE.md``) gives to another concept, or
#: words a reader would misread, per language: (pattern, what to write instead).
#: Checked in every prose cell, code cell (the labels), page, catalog and
#: ``lessons_lib.i18n`` text of the edition.
FORBIDDEN = {
    "en": [
        (r"RandomFlip[^.]*mirrors half", "'with probability 1/2': the flip is random"),
        (r"\bdense weights without pooling\b", "'parameters': the total includes the biases"),
    ],
    "ru": [
        (r"шаг\w* обучени", "«скорость обучения»: «шаг» is the stride"),
        (r"обозревател", "«интерактивная схема» («обозреватель» is a browser or a columnist)"),
        (r"усредняющ", "«подвыборка по среднему», as in the glossary"),
        (
            r"тестов\w* (картинк|рисунк)",
            "«пробная (рисованная) картинка»: «тестовая» is the test set",
        ),
        (r"(?<![(])\bпулинг", "«подвыборка»; «пулинг» only in parentheses after it"),
        (r"\bКроссовок\b", "«Кроссовка» (the normative singular)"),
    ],
    "nl": [
        (
            r"stapgrootte[^.]{0,60}\bepoch",
            "'leersnelheid (learning rate)': stapgrootte is the stride",
        ),
        (
            r"(?<!feature)(?<!feature )(?<!feature\n)\b(een\s+map\s+van\s+\d+|gepoolde\s+maps?"
            r"|\d+\s+(kleinere\s+)?maps|de\s+maps|de\s+map\s+(is|van\s+de\s+vert|na\s+pool))\b",
            "'feature map': a map is a folder",
        ),
        (r"\beenhe(id|den)\b", "'neuron' / 'neuronen', as in chapter 6 and the guide"),
        (r"\blopende?\s+(gemiddelde|variantie)", "'voortschrijdend gemiddelde', as in chapter 7"),
        (r"\bde CNN\b|\been gewone CNN\b", "'het CNN', as in the chapters"),
        (r"elementsgewijs", "'elementgewijs', as in the glossary"),
        (r"hussel", "'schudden', as in chapter 1"),
        (r"\blesuur|\bblokuur|Magister|computerlokaal", "university words: college, werkcollege"),
    ],
}


def _edition_texts(lang):
    """(where, text) for every text of an edition that a reader sees."""
    from lessons_lib import i18n

    for page in sorted((CHAPTERS / lang).glob("*.md")):
        yield page.name, page.read_text(encoding="utf-8")
    for name in NOTEBOOKS:
        for i, cell in enumerate(load(lang, name).cells):
            yield f"{name} cell {i}", cell.source
    if lang != REFERENCE:
        yield f"catalogs/{lang}.yml", (ROOT / "catalogs" / f"{lang}.yml").read_text("utf-8")
    for key, texts in i18n.STRINGS.items():
        yield f"i18n {key}", texts[lang]
    yield "i18n class names", " ".join(i18n.CLASS_NAMES[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_no_glossary_collisions(lang):
    found = [
        f"{where}: «{match.group(0)}» -> {instead}"
        for where, text in _edition_texts(lang)
        for pattern, instead in FORBIDDEN[lang]
        for match in re.finditer(pattern, text)
    ]
    assert not found, "terms that collide with the glossary:\n" + "\n".join(found)


def test_the_collision_check_can_fail():
    text = "maakt een map van 14 bij 14; шаг обучения; RandomFlip mirrors half of them."
    for lang in LANGS:
        assert any(re.search(p, text) for p, _ in FORBIDDEN[lang]), lang
