"""Every exercise checker: right answers pass, wrong ones are explained,
nonsense never raises, and messages follow the reader's language."""

import numpy as np
import pytest

from lessons_lib import checks, i18n

NAMES = sorted(checks.EXERCISES)
NONSENSE = [
    None,
    ...,
    "abc",
    b"\x00",
    object(),
    [1, "x"],
    {"a": 1},
    {1, 2},
    float("nan"),
    -1,
    True,
    np.zeros((100, 100)),
    [[1, 2], [3]],
    lambda: 0,
]


def test_exercises_are_registered():
    assert NAMES, "no exercise is registered"
    for name in NAMES:
        assert name.split(".")[0].startswith("ch"), name


@pytest.mark.parametrize("name", NAMES)
def test_examples_exist(name):
    ex = checks.EXERCISES[name]
    assert ex.right and len(ex.wrong) >= 2, f"{name}: give right and wrong example answers"


@pytest.mark.parametrize("name", NAMES)
def test_right_answers_pass(name):
    for answer, given in checks.EXERCISES[name].right:
        result = checks.check(name, answer, **given)
        assert result.ok, f"{name}: {answer!r} rejected: {result.message}"
        assert result.message == i18n.t("check_correct")


@pytest.mark.parametrize("name", NAMES)
def test_wrong_answers_are_explained(name):
    for answer, given in checks.EXERCISES[name].wrong:
        result = checks.check(name, answer, **given)
        assert not result.ok, f"{name}: wrong answer {answer!r} accepted"
        assert result.message and result.message != i18n.t("check_correct")
        assert "Error" not in result.message


@pytest.mark.parametrize("name", NAMES)
def test_nonsense_never_raises(name):
    given = (checks.EXERCISES[name].right or [(None, {})])[0][1]
    for answer in NONSENSE:
        result = checks.check(name, answer, **given)
        assert isinstance(result, checks.Result) and not result.ok, (name, answer)
    assert checks.check(name, None, **given).message == i18n.t("check_not_solved")


@pytest.mark.parametrize("name", NAMES)
def test_missing_data_never_raises(name):
    answer, given = checks.EXERCISES[name].right[0]
    if given:
        assert not checks.check(name, answer).ok


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_messages_in_the_readers_language(lang):
    i18n.set_language(lang)
    assert checks.check("ch02.output_size", 24).message == i18n.t("check_correct", lang)
    wrong = checks.check("ch02.output_size", 26).message
    assert i18n.t("hint_ch02_output_size", lang) in wrong


def test_kinds_of_wrong_are_told_apart():
    m = checks.compare
    assert "type" in m("x", np.zeros(3)).message.lower()
    assert "shape" in m(np.zeros(4), np.zeros(3)).message.lower()
    assert "3 of 3 values are wrong" in m(np.ones(3), np.zeros(3)).message
    assert "1 of 3 values is wrong" in m(np.r_[1.0, 0, 0], np.zeros(3)).message
    assert "should have 2 entries, but yours has 3 entries" in m((1, 2, 3), (1, 2)).message
    assert m((1, 2), (1, 2)).ok and m(np.float32(2.0), 2).ok and m(" Same ", "same").ok
    assert not m(True, 1).ok


def test_unknown_exercise():
    result = checks.check("ch99.nothing", 1)
    assert not result.ok and "ch99.nothing" in result.message


def test_registration_errors():
    with pytest.raises(ValueError, match="exactly one"):
        checks.exercise("chXX.bad")
    with pytest.raises(ValueError, match="twice"):
        checks.exercise("ch02.output_size", expected=lambda: 1)
    with pytest.raises(ValueError, match="hint key"):
        checks.exercise("chXX.bad_hint", expected=lambda: 1, hint="no_such_hint")
