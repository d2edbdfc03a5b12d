"""i18n: every key in every language, and nothing else knows languages."""

import re
from pathlib import Path

import pytest

from lessons_lib import i18n

PLACEHOLDER = re.compile(r"{(\w+)[^}]*}")


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_every_key_in_every_language(key):
    entry = i18n.STRINGS[key]
    assert set(entry) == set(i18n.LANGUAGES)
    fields = {lang: set(PLACEHOLDER.findall(text)) for lang, text in entry.items()}
    assert all(f == fields["en"] for f in fields.values()), fields
    assert all(text.strip() for text in entry.values())


def test_class_names_complete_and_distinct():
    for lang in i18n.LANGUAGES:
        names = i18n.class_names(lang)
        assert len(names) == 10 == len(set(names))


def test_russian_and_dutch_are_translated():
    assert i18n.t("feature_map", "ru") == "карта признаков"
    assert i18n.t("kernel", "ru") == "ядро"
    assert i18n.class_names("nl")[1] == "Broek"


def test_current_language_and_format():
    i18n.set_language("ru")
    assert i18n.get_language() == "ru"
    assert i18n.t("sum_is", value=24) == "сумма = 24"
    assert i18n.t("sum_is", "nl", value=2.5) == "som = 2.5"


def test_unknown_language_and_key():
    with pytest.raises(ValueError, match="'en', 'ru', 'nl'.*'de'"):
        i18n.set_language("de")
    with pytest.raises(KeyError, match="no_such_key"):
        i18n.t("no_such_key")


def test_no_other_module_holds_language_codes():
    """Only i18n knows languages: the others never name 'ru' or 'nl'."""
    pkg = Path(i18n.__file__).parent
    for path in pkg.glob("*.py"):
        if path.name == "i18n.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""["'](ru|nl)["']""", text), path.name
        assert not re.search(r"[а-яё]", text, re.IGNORECASE), path.name


def test_every_text_is_used_and_none_is_a_copy():
    """No key that nothing asks for, and no two keys with the same texts."""
    root = Path(i18n.__file__).parent.parent
    sources = [p for p in (root / "lessons_lib").rglob("*.py") if p.name != "i18n.py"]
    sources += sorted((root / "chapters" / "en").glob("*.ipynb"))
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    # a hint's nudge, k + "_nudge", is used wherever the hint k is (checks._hint_line)
    unused = [
        k
        for k in i18n.STRINGS
        if not re.search(rf"[\"']{re.escape(k.removesuffix('_nudge'))}[\"']", corpus)
    ]
    assert not unused, f"texts nothing uses: {unused}"
    seen = {}
    for key, texts in i18n.STRINGS.items():
        same = seen.setdefault(tuple(texts[lang] for lang in i18n.LANGUAGES), key)
        assert same == key, f"{key!r} repeats the texts of {same!r}"


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("0.25", "ru", "0,25"),
        ("0.25", "nl", "0,25"),
        ("0.25", "en", "0.25"),
        ("\u22120.5", "ru", "\u22120,5"),
        ("-1.5", "nl", "\u22121,5"),
        ("12000", "ru", "12\u00a0000"),
        ("12000", "nl", "12.000"),
        ("1000", "ru", "1000"),
        ("1e-05", "ru", "1e-05"),
        ("(28, 28)", "nl", "(28, 28)"),
        ("conv1", "ru", "conv1"),
        ("", "nl", ""),
    ],
)
def test_numeral_rewrites_only_plain_numbers(text, lang, expected):
    assert i18n.numeral(text, lang) == expected


def test_numeral_rejects_what_is_not_text():
    with pytest.raises(ValueError, match=r"text must be a string, got float 0\.5"):
        i18n.numeral(0.5, "ru")
