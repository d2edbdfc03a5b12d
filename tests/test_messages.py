"""Every message a checker can show, in all three languages, read as a translator would.

The messages of every exercise are generated for right answers, for the
exercise's own wrong ones and for wrong answers of each kind (type, shape,
length, value) with counts 1, 2, 5 and 21. A Russian or Dutch message holds
no English word (only Python names the reader types, such as ``np.argmax``),
and a Russian numeral agrees with its noun (1 значение, 2 значения,
5 значений, 21 значение).
"""

import re
from pathlib import Path

import numpy as np
import pytest

from lessons_lib import checks, i18n

ROOT = Path(__file__).resolve().parent.parent
COUNTS = (1, 2, 5, 21)
WRONG_TYPES = ["7", b"7", {"a": 1}, {1, 2}, [1, "x"], (1, "x"), True, 7, 7.5, lambda: 0, object()]

#: Latin words a Russian message may hold: Python, NumPy and Keras names the reader types.
CODE_WORDS = set(
    "True False None np argmax argsort fliplr sum perm names feature_map lines T "
    "floor ops output_size widgets coverage receptive_field layers kernel Keras "
    "Flatten Dense Conv2D BatchNormalization gamma beta val_loss patience rate "
    "dropout pool1 pool2 conv2 c_in c_out y_pred y_test same in out k n p s j R G B "
    "ch99 nothing results EarlyStopping fewer_parameters accuracy row col P".split()
)
#: Words of the English messages that Dutch writes the same way.
DUTCH_TOO = set(
    "is in op de tuple kernel filter filters pixel pixels bias feature map pooling "
    "dropout epoch epochs array set dictionary index object element rate elementen "
    "type of batch parameters per as was model parameter".split()
)
#: English words an untranslated message would hold, whether or not the English ones do.
COMMON_ENGLISH = set(
    "expected got wrong the and but your yours answer not value values shape should with "
    "number text could checked error dict list entries".split()
)
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ_][\w.]*")


def _messages(lang):
    """Every message the checkers can show in ``lang``, with what produced it."""
    i18n.set_language(lang)
    out = []
    for name, ex in sorted(checks.EXERCISES.items()):
        given = ex.right[0][1]
        answers = [a for a, _ in ex.right + ex.wrong] + WRONG_TYPES + [None]
        for answer in answers:
            out.append((name, checks.check(name, answer, **given).message))
        if ex.expected is not None:
            expected = ex.expected(**given)
            if isinstance(expected, tuple):
                answers = [tuple(expected) + (0,) * n for n in COUNTS]
            elif isinstance(expected, np.ndarray):
                answers = [np.zeros((n, n)) for n in (1, 2, 5)]
            else:
                answers = []
            for answer in answers:
                out.append((name, checks.check(name, answer, **given).message))
    m = checks.compare
    for n in COUNTS:
        out.append(("values", m(np.r_[np.ones(n), np.zeros(30 - n)], np.zeros(30)).message))
        out.append(("length", m(tuple(range(n)), tuple(range(n + 1))).message))
        out.append(("length", m(tuple(range(n + 1)), tuple(range(n))).message))
        out.append(("type", m(tuple(range(n)), np.zeros(3)).message))
        out.append(("type", m(list(range(n)), 3).message))
        out.append(("type", m("x", tuple(range(n))).message))
        out.append(("type", m((1, "x") * n, (1, 2) * n).message))
        out.append(("shape", m(np.zeros((n, 2)), np.zeros((3, 3))).message))
        for key in i18n.PLURALS:
            out.append((key, i18n.plural(key, n, total=36)))
    out.append(("error", checks.check("ch06.misclassified", 3, y_true=[1, 2], y_pred=[1]).message))
    out.append(("unknown", checks.check("ch99.nothing", 1).message))
    i18n.set_language("en")
    return out


@pytest.fixture(scope="module")
def messages():
    return {lang: _messages(lang) for lang in i18n.LANGUAGES}


def test_every_kind_of_message_is_generated(messages):
    english = "\n".join(text for _, text in messages["en"])
    for phrase in (
        "Wrong type",
        "Wrong shape",
        "Wrong number of entries",
        "is not the answer",
        "1 of 30 values is wrong",
        "21 of 30 values are wrong",
        "Correct!",
        "could not be checked",
        "Hint:",
    ):
        assert phrase in english


@pytest.mark.parametrize("lang", ["ru", "nl"])
def test_no_english_in_translated_messages(messages, lang):
    english = {w.lower() for _, text in messages["en"] for w in WORD.findall(text)}
    english |= COMMON_ENGLISH
    english -= {w.lower() for w in CODE_WORDS | DUTCH_TOO}
    for name, text in messages[lang]:
        text = re.sub(r"'[^']*'", "", text)  # the student's own text, echoed in quotes
        words = [w.rstrip(".") for w in WORD.findall(text)]
        if lang == "ru":
            latin = [
                w for w in words if re.match(r"[A-Za-z]", w) and not re.fullmatch(r"[\d.]+", w)
            ]
            leaks = [w for w in latin if w not in CODE_WORDS and w.split(".")[0] not in CODE_WORDS]
        else:
            leaks = [w for w in words if w.lower() in english and w.split(".")[0] not in CODE_WORDS]
        assert not leaks, f"{name}: English {leaks} in {text!r}"
        assert "Error" not in text and "dict" not in text.split(), text


#: Russian nouns after a numeral: (one, few, many); after «из» the genitive.
RU_FORMS = {
    "значени": ("значение", "значения", "значений"),
    "элемент": ("элемент", "элемента", "элементов"),
    "пиксел": ("пиксель", "пикселя", "пикселей"),
    "чис": ("число", "числа", "чисел"),
}
RU_GENITIVE = {
    "элемент": ("элемента", "элементов", "элементов"),
    "чис": ("числа", "чисел", "чисел"),
    "позици": ("позиции", "позициях", "позициях"),
}
RU_NUMERAL = re.compile(r"(из |в )?(\d+) ([а-яё]+)")


def test_russian_numerals_agree(messages):
    seen = set()
    for name, text in messages["ru"]:
        for prep, digits, noun in RU_NUMERAL.findall(text):
            table = RU_GENITIVE if prep else RU_FORMS
            stem = next((s for s in table if noun.startswith(s)), None)
            if stem is None:
                continue
            form = i18n.plural_form(int(digits), "ru")
            assert noun == table[stem][form], f"{name}: «{digits} {noun}» in {text!r}"
            seen.add(f"{digits} {noun}")
    for phrase in ("1 значение", "2 значения", "5 значений", "21 значение", "1 элемент"):
        assert phrase in seen, phrase
    assert "из 1 элемента" in "\n".join(t for _, t in messages["ru"])


def test_russian_verbs_agree_with_the_count():
    assert i18n.plural("values_wrong", 1, "ru", total=9) == "1 значение из 9 неверно"
    assert i18n.plural("values_wrong", 21, "ru", total=30) == "21 значение из 30 неверно"
    assert i18n.plural("values_wrong", 5, "ru", total=9) == "5 значений из 9 неверны"
    assert i18n.plural("pixels_unused", 2, "ru").startswith("2 пикселя входа не попадают")
    assert i18n.plural("pixels_unused", 11, "ru").startswith("11 пикселей")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_messages_are_whole_sentences(messages, lang):
    """Each line starts with a capital letter and ends with a full stop (or ! / ?)."""
    for name, text in messages[lang]:
        if name in i18n.PLURALS:
            continue
        for line in text.split("\n"):
            body = (
                line.split(": ", 1)[1] if line.startswith(("Hint:", "Подсказка:", "Tip:")) else line
            )
            if line.startswith(("Hint:", "Подсказка:", "Tip:")):
                assert body[0].islower() or body[0] == "(" or body.split()[0] in CODE_WORDS, line
            else:
                assert body[0].isupper(), (name, line)
            assert line.rstrip()[-1] in ".!?", (name, line)


def test_plural_rules():
    counts = (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 111, 101)
    assert "".join(str(i18n.plural_form(n, "ru")) for n in counts) == "201122220120"
    assert [i18n.plural_form(n, "en") for n in (0, 1, 2)] == [1, 0, 1]
    assert i18n.plural("n_entries", 18496, "nl") == "18.496 elementen"
    with pytest.raises(ValueError, match="count"):
        i18n.plural_form(-1, "ru")
    with pytest.raises(ValueError, match="count"):
        i18n.plural_form(2.5, "ru")
    with pytest.raises(KeyError, match="no_such"):
        i18n.plural("no_such", 1)


@pytest.mark.parametrize("key", sorted(i18n.PLURALS))
def test_every_counted_text_in_every_language(key):
    entry = i18n.PLURALS[key]
    assert set(entry) == set(i18n.LANGUAGES)
    assert len(entry["ru"]) == 3 and len(entry["en"]) == len(entry["nl"]) == 2
    for forms in entry.values():
        assert all("{n}" in form for form in forms), forms


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_teachers_guide_quotes_the_real_messages(lang):
    """The guide's table of the messages for ch02.output_size shows what the checker prints."""
    guide = (ROOT / "chapters" / lang / "teachers_guide.md").read_text(encoding="utf-8")
    i18n.set_language(lang)
    try:
        for answer, cell in ((None, "`None`"), ("24", '`"24"`'), (26, "`26`"), (24, "`24`")):
            row = re.search(rf"^\| {re.escape(cell)} \| (.*) \|$", guide, re.MULTILINE)
            assert row, f"{lang} guide: no row for {cell}"
            message = checks.check("ch02.output_size", answer).message.replace("\n", " ")
            assert row.group(1) == message, (cell, row.group(1), message)
    finally:
        i18n.set_language("en")
