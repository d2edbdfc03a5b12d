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
    assert i18n.t("hint_ch02_output_size_nudge", lang) in wrong
    again = checks.check("ch02.output_size", 25).message
    assert i18n.t("hint_ch02_output_size", lang) in again


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


# --- Predict, then run: a recorded prediction against the reader's own run ---

LAB = [
    "ch06.kernel_ranking",
    "ch06.dense_vs_cnn",
    "ch06.patience_epoch",
    "ch06.shift_loss",
    "ch07.best_change",
    "ch07.all_conv_head",
    "ch07.occlusion_square",
]


class _Model:
    def __init__(self, params):
        self.params = params

    def count_params(self):
        return self.params


def _quick(params, accuracy):
    """What models.quick_fit returns, without training."""
    from lessons_lib import models

    return models.QuickFit(accuracy, 12.3, {"val_accuracy": [accuracy]}, _Model(params))


def test_at_least_six_predict_then_run_checkers():
    assert set(LAB) <= set(checks.EXERCISES)
    assert {n for n, ex in checks.EXERCISES.items() if ex.kind == "experiment"} == set(LAB)


def _used_in_chapters():
    """The exercises the check cells of the English chapters check (as grading finds them)."""
    from pathlib import Path

    import nbformat

    from lessons_lib import grading

    used = set()
    for path in sorted(Path(__file__).parent.parent.glob("chapters/en/0*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            used.add(grading._check_name(cell))
    return used - {None}


def test_every_exercise_of_a_chapter_is_registered_and_every_registered_one_is_used():
    used = _used_in_chapters()
    assert set(used) == set(checks.EXERCISES), set(used) ^ set(checks.EXERCISES)


def test_formula_exercises_are_at_most_eight_and_experiments_at_least_six():
    """The course asks for experiments, not only for numbers put into a formula."""
    kinds = [checks.EXERCISES[name].kind for name in _used_in_chapters()]
    assert kinds.count("formula") <= 8, kinds
    assert kinds.count("experiment") >= 6, kinds
    assert set(kinds) <= set(checks.KINDS)


@pytest.mark.parametrize("name", LAB)
def test_every_experiment_has_right_and_wrong_recorded_predictions(name):
    # test_right_answers_pass and test_wrong_answers_are_explained run them
    ex = checks.EXERCISES[name]
    assert len(ex.right) >= 2 and len(ex.wrong) >= 2, name


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind must be one of"):
        checks.exercise("chXX.bad_kind", expected=lambda: 1, kind="quiz")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("name", LAB)
def test_lab_checkers_in_every_language(name, lang):
    """Right predictions pass, wrong ones are told what the run measured, and
    results that cannot be read get their own message, in the reader's language."""
    i18n.set_language(lang)
    ex = checks.EXERCISES[name]
    for answer, given in ex.right:
        assert checks.check(name, answer, **given).message == i18n.t("check_correct", lang)
    missing = i18n.t("lab_run_missing", lang)
    answer, given = ex.right[0]
    assert checks.check(name, answer).message == missing
    for key in given:
        assert checks.check(name, answer, **{**given, key: "nothing"}).message == missing
    for answer in (None, ..., "?", 7.5, (1, 2, 3), {"a": 1}, np.zeros(3), [[1], "x"], True):
        result = checks.check(name, answer, **given)
        assert not result.ok and result.message != i18n.t("check_error", lang), (answer, result)


def test_kernel_ranking_tells_both_rankings_of_the_run():
    results = {3: _quick(320, 0.905), 5: _quick(832, 0.912), 7: _quick(1_600, 0.898)}
    assert checks.check("ch06.kernel_ranking", ((7, 5, 3), (5, 3, 7)), results=results)
    wrong = checks.check("ch06.kernel_ranking", ((3, 5, 7), (3, 5, 7)), results=results).message
    assert "ranks the kernel sizes as (7, 5, 3), with 1,600; 832; 320 parameters" in wrong
    assert "(5, 3, 7), with 91.2%; 90.5%; 89.8%, but you predicted (3, 5, 7)" in wrong
    right_params = checks.check("ch06.kernel_ranking", ((7, 5, 3), (7, 5, 3)), results=results)
    assert "By parameters" not in right_params.message
    assert "By validation accuracy" in right_params.message
    malformed = checks.check("ch06.kernel_ranking", (7, 5, 3), results=results).message
    assert malformed == i18n.t("lab_kernel_format", sizes=(3, 5, 7), example=((3, 5, 7), (7, 5, 3)))
    i18n.set_language("ru")
    wrong = checks.check("ch06.kernel_ranking", ((3, 5, 7), (5, 3, 7)), results=results).message
    assert "параметров соответственно 1600; 832; 320" in wrong
    i18n.set_language("nl")
    wrong = checks.check("ch06.kernel_ranking", ((7, 5, 3), (3, 5, 7)), results=results).message
    assert "met 91,2%; 90,5%; 89,8%" in wrong


def test_dense_vs_cnn_judges_the_readers_own_numbers():
    dense, cnn = _quick(407_050, 0.884), _quick(421_642, 0.907)
    assert checks.check("ch06.dense_vs_cnn", "cnn", dense=dense, cnn=cnn)
    message = checks.check("ch06.dense_vs_cnn", "dense", dense=dense, cnn=cnn).message
    assert message == (
        "In your run the CNN did better: validation accuracy 90.7% against 88.4% for the "
        "dense network, with 421,642 parameters against 407,050."
    )
    # the same prediction is right when the run turned out the other way
    assert checks.check("ch06.dense_vs_cnn", "dense", dense=_quick(407_050, 0.92), cnn=cnn)
    # a tie: both answers are right
    tie = _quick(1, 0.9)
    assert checks.check("ch06.dense_vs_cnn", "dense", dense=tie, cnn=tie)
    assert checks.check("ch06.dense_vs_cnn", "cnn", dense=tie, cnn=tie)
    i18n.set_language("nl")
    message = checks.check("ch06.dense_vs_cnn", "dens", dense=dense, cnn=cnn).message
    assert message == "Geef een van 'cnn', 'dense' als tekst, bijvoorbeeld 'cnn'."


def test_patience_epoch_from_a_history_as_keras_counts():
    class History:
        history = {"val_loss": [0.4, 0.35, 0.36, 0.37, 0.30]}

    # epochs 3 and 4 do not beat 0.35: stopped after epoch 4, epoch 2 kept
    assert checks.check("ch06.patience_epoch", 2, history=History())
    message = checks.check("ch06.patience_epoch", 5, history=History()).message
    assert message.startswith(
        "With patience=2, EarlyStopping would stop after epoch 4 and keep epoch 2, whose "
        "validation loss of 0.35 was the lowest up to then; you predicted epoch 5."
    )
    assert i18n.t("hint_lab_patience_nudge") in message
    assert checks.check("ch06.patience_epoch", 5, history=History(), patience=3)
    ran_on = checks.check("ch06.patience_epoch", 2, history=History(), patience=3).message
    assert "would not stop before the last epoch, 5, and would keep epoch 5" in ran_on
    assert checks.check("ch06.patience_epoch", 0, history=History()).message == (
        "Give the epoch as a whole number from 1 to 5, counting the first epoch as 1."
    )
    i18n.set_language("ru")
    message = checks.check("ch06.patience_epoch", 5, history=History()).message
    assert "сохранил бы эпоху 2: её потери на проверке, 0,35," in message


def test_shift_loss_compares_what_each_network_lost():
    from lessons_lib import models

    dense = {0: 0.88, 1: 0.80, 2: 0.55}
    cnn = {0: 0.91, 1: 0.89, 2: 0.76}
    assert checks.check("ch06.shift_loss", "cnn", dense=dense, cnn=cnn, shift=2)
    message = checks.check("ch06.shift_loss", "dense", dense=dense, cnn=cnn, shift=1).message
    assert message == (
        "In your run the CNN lost less: shifted by 1 pixel, its accuracy went from 91.0% to "
        "89.0%, and the dense network's from 88.0% to 80.0%."
    )
    i18n.set_language("ru")
    for k, pixels in ((1, "1 пиксель"), (2, "2 пикселя")):
        message = checks.check("ch06.shift_loss", "dense", dense=dense, cnn=cnn, shift=k).message
        assert f"при сдвиге на {pixels} её точность" in message
    i18n.set_language("en")
    # what models.shift_accuracy returns is what the checker reads
    shifted = models.shift_accuracy(_ColumnModelForChecks(), *_COLUMNS, shifts=range(3))
    assert set(shifted) == {0, 1, 2}
    result = checks.check("ch06.shift_loss", "cnn", dense=shifted, cnn=shifted, shift=2)
    assert result.ok  # equal losses: either answer


class _ColumnModelForChecks:
    def predict(self, x, verbose=0):
        column = np.asarray(x)[..., 0].max(axis=1).argmax(axis=1)
        return np.eye(10)[np.minimum(column // 3, 9)]


def _columns():
    images = np.zeros((28, 28, 28, 1))
    for c in range(28):
        images[c, 5, c] = 1
    return images, np.minimum(np.arange(28) // 3, 9)


_COLUMNS = _columns()


def test_best_change_names_the_winner_of_the_readers_ablation():
    results = {
        "baseline": _quick(421_642, 0.905),
        "flip": _quick(421_642, 0.909),
        "batchnorm": _quick(422_026, 0.914),
        "all": _quick(422_026, 0.93),
    }
    assert checks.check("ch07.best_change", "BatchNorm", results=results)
    message = checks.check("ch07.best_change", "flip", results=results).message
    assert message == (
        "In your run 'batchnorm' helped most: its validation accuracy was 91.4%, against "
        "90.5% without any change; 'flip' reached 90.9%."
    )
    unknown = checks.check("ch07.best_change", "all", results=results).message
    assert unknown == "Your results have no change called 'all'; give one of 'batchnorm', 'flip'."
    other = {"none": 0.9, "shift": 0.92, "everything": 0.93}
    assert checks.check(
        "ch07.best_change", "shift", results=other, baseline="none", together="everything"
    )


def test_all_conv_head_checks_parameters_and_accuracy_with_a_tolerance():
    from lessons_lib import models

    head, course = _quick(19_466, 0.889), _quick(421_642, 0.907)
    assert checks.check("ch07.all_conv_head", (True, "lower"), all_conv=head, cnn=course)
    both = checks.check("ch07.all_conv_head", (False, "same"), all_conv=head, cnn=course).message
    lines = both.split("\n")
    assert lines[0] == (
        "The all-convolutional model has 19,466 parameters and the course CNN has 421,642 "
        "parameters, so in your run fewer_parameters is True."
    )
    assert "a difference of −1.8 points" in lines[1] and lines[1].endswith("is 'lower'.")
    close = _quick(19_466, 0.904)
    assert checks.check("ch07.all_conv_head", (True, "same"), all_conv=close, cnn=course)
    strict = {"all_conv": close, "cnn": course, "tolerance": 0.001}
    assert checks.check("ch07.all_conv_head", (True, "lower"), **strict)
    i18n.set_language("ru")
    one = _quick(421_641, 0.9)
    message = checks.check("ch07.all_conv_head", (False, "lower"), all_conv=one, cnn=course)
    assert "421\xa0641 параметр," in message.message  # 1: the singular
    # the real model's count, read from what quick_fit returns
    real = models.QuickFit(0.9, 1.0, {}, models.all_conv_cnn())
    assert checks.check(
        "ch07.all_conv_head", (True, "same"), all_conv=real, cnn=course, tolerance=0.01
    )


def test_occlusion_square_accepts_squares_that_overlap_the_most_telling_one():
    from lessons_lib import ops

    image = np.zeros((28, 28))
    image[12:16, 8:12] = 1.0

    class Model:
        def predict(self, x, verbose=0):
            p = np.asarray(x)[:, 12:16, 8:12, 0].mean(axis=(1, 2))
            return np.stack([1 - p, p], axis=1)

    occlusion = ops.occlusion_map(Model(), image, patch=4, stride=2)
    assert checks.check("ch07.occlusion_square", (12, 8), occlusion=occlusion)
    assert checks.check("ch07.occlusion_square", (10, 10), occlusion=occlusion)  # overlaps
    message = checks.check("ch07.occlusion_square", (0, 0), occlusion=occlusion).message
    assert message == (
        "In your run, covering rows 12–15 and columns 8–11 lowers P(Trouser) most, by 1; "
        "your square, rows 0–3 and columns 0–3, lowers it by 0."
    )
    off_grid = checks.check("ch07.occlusion_square", (13, 8), occlusion=occlusion).message
    assert off_grid == (
        "Give the top-left pixel (row, col) of a square: row and col from 0 to 24, in steps of 2."
    )
    i18n.set_language("nl")
    message = checks.check("ch07.occlusion_square", (0, 0), occlusion=occlusion).message
    assert "P(Broek) het meest, met 1;" in message


def test_hints_are_graduated_nudge_first_then_the_recipe(monkeypatch):
    """The first wrong answer to an exercise gets a nudge, later ones the full hint."""
    strings = dict(i18n.STRINGS)
    strings["hint_test_nudge"] = {lang: f"look at the corner ({lang})" for lang in i18n.LANGUAGES}
    strings["hint_test"] = {lang: f"the answer is 4 ({lang})" for lang in i18n.LANGUAGES}
    monkeypatch.setattr(i18n, "STRINGS", strings)
    monkeypatch.setitem(
        checks.EXERCISES,
        "chXX.graduated",
        checks.Exercise("chXX.graduated", lambda: 4, hint="hint_test"),
    )
    for lang in i18n.LANGUAGES:
        i18n.set_language(lang)
        checks.reset_attempts()
        assert checks.check("chXX.graduated", None).message == i18n.t("check_not_solved", lang)
        first = checks.check("chXX.graduated", 5).message
        assert f"look at the corner ({lang})" in first and f"the answer is 4 ({lang})" not in first
        second = checks.check("chXX.graduated", 6).message
        assert i18n.t("check_hint_more", lang, hint=f"the answer is 4 ({lang})") in second
        assert "look at the corner" not in second
        assert checks.check("chXX.graduated", 4)  # right, whatever came before
        checks.reset_attempts()
        assert f"look at the corner ({lang})" in checks.check("chXX.graduated", 5).message
    i18n.set_language("en")
    checks.reset_attempts()


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_occlusion_square_says_when_the_readers_square_raises_the_probability(lang):
    from lessons_lib.ops import Occlusion

    i18n.set_language(lang)
    drops = np.zeros((13, 13))
    drops[6, 4] = 0.5
    drops[0, 0] = -0.18  # covering the corner made the class more likely
    occlusion = Occlusion(drops, 0, 0.8, 4, 2)
    values = dict(
        name=i18n.class_names(lang)[0],
        rows="12–15",
        cols="8–11",
        drop=i18n.number(0.5, 1, lang=lang),
        got_rows="0–3",
        got_cols="0–3",
        got_drop=i18n.number(0.18, 2, lang=lang),
    )
    raised = checks.check("ch07.occlusion_square", (0, 0), occlusion=occlusion).message
    assert raised == i18n.t("lab_square_raises", lang, **values)
    lowered = checks.check("ch07.occlusion_square", (0, 12), occlusion=occlusion).message
    values.update(got_cols="12–15", got_drop=i18n.number(0, lang=lang))
    assert lowered == i18n.t("lab_square", lang, **values)
