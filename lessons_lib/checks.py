"""Checkers for the exercises: friendly feedback that never raises.

Every exercise is registered once with :func:`exercise`, under a name such
as ``"ch02.output_size"``. A notebook checks a student's answer with
:func:`check`, which returns a :class:`Result`: it is truthy when the answer
is right, and shows a message in the reader's language that says what is
right and what to look at next (the type, the shape, the values, a hint).
Whatever the answer, even nonsense, :func:`check` returns and never raises.

An exercise either has an ``expected`` function (the answer is compared
with its value: type, then shape, then values) or a ``validate`` function
(for open questions such as "design a kernel that ..."). Both receive the
keyword arguments given to :func:`check`, so an exercise can depend on the
notebook's data. ``right`` and ``wrong`` hold example answers that the tests
run through every checker.
"""

from dataclasses import dataclass, field
from numbers import Number

import numpy as np

from . import i18n, ops

__all__ = ["Result", "Exercise", "exercise", "check", "compare", "EXERCISES"]


@dataclass(frozen=True)
class Result:
    """The verdict on one answer: ``ok`` and a message for the student."""

    ok: bool
    message: str

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return self.message


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to judge an answer, and examples for the tests."""

    name: str
    expected: object = None
    validate: object = None
    hint: str = None
    atol: float = 1e-6
    right: list = field(default_factory=list)
    wrong: list = field(default_factory=list)


#: Every registered exercise, by name.
EXERCISES = {}


def exercise(name, *, expected=None, validate=None, hint=None, atol=1e-6,
             right=(), wrong=()):
    """Register an exercise.

    Parameters
    ----------
    name : str
        ``"chNN.short_name"``, unique.
    expected : callable, optional
        ``expected(**given) -> value``: the right answer.
    validate : callable, optional
        ``validate(answer, **given) -> Result`` for answers that many values
        can satisfy. Exactly one of ``expected`` and ``validate``.
    hint : str, optional
        An :mod:`i18n` key of a hint shown with a wrong answer.
    atol : float, optional
        Tolerance when comparing numbers.
    right, wrong : sequence of tuple
        ``(answer, given)`` pairs: answers the checker must accept or
        reject (used by the tests).

    Introduced in chapter 2, Convolution.
    """
    if (expected is None) == (validate is None):
        raise ValueError(f"exercise {name!r}: give exactly one of expected and validate")
    if name in EXERCISES:
        raise ValueError(f"exercise {name!r} is registered twice")
    if hint is not None and hint not in i18n.STRINGS:
        raise ValueError(f"exercise {name!r}: hint key {hint!r} is not in i18n.STRINGS")
    EXERCISES[name] = Exercise(name, expected, validate, hint, atol,
                               list(right), list(wrong))
    return EXERCISES[name]


def _ok():
    return Result(True, i18n.t("check_correct"))


def _wrong(key, hint=None, **values):
    message = i18n.t(key, **values)
    if hint:
        message += "\n" + i18n.t("check_hint", hint=i18n.t(hint))
    return Result(False, message)


def _describe(value):
    """A short, localised description of what a value is."""
    if isinstance(value, (bool, np.bool_)):
        return i18n.t("type_bool")
    if isinstance(value, (Number, np.number)):
        return i18n.t("type_number")
    if isinstance(value, str):
        return i18n.t("type_text")
    if isinstance(value, np.ndarray):
        return i18n.t("type_array", shape=value.shape)
    if isinstance(value, (tuple, list)):
        return i18n.t("type_sequence", length=len(value))
    return type(value).__name__


def _is_number(value):
    return isinstance(value, (Number, np.number)) and not isinstance(value, (bool, np.bool_))


def compare(answer, expected, hint=None, atol=1e-6):
    """Compare an answer with the expected value: type, shape, then values.

    Parameters
    ----------
    answer : object
        What the student gave.
    expected : number, tuple of numbers, str or numpy.ndarray
        The right answer.
    hint : str, optional
        :mod:`i18n` key of a hint added to a wrong answer's message.
    atol : float, optional
        Tolerance for numbers.

    Returns
    -------
    Result

    Introduced in chapter 2, Convolution.
    """
    if answer is None or answer is Ellipsis:
        return _wrong("check_not_solved")
    if isinstance(expected, str):
        if not isinstance(answer, str):
            return _wrong("check_wrong_type", hint, expected=i18n.t("type_text"),
                          got=_describe(answer))
        if answer.strip().lower() != expected.lower():
            return _wrong("check_wrong_value", hint, got=repr(answer))
        return _ok()
    if _is_number(expected):
        if isinstance(answer, np.ndarray) and answer.shape == () and answer.dtype.kind in "iuf":
            answer = answer.item()
        if not _is_number(answer):
            return _wrong("check_wrong_type", hint, expected=i18n.t("type_number"),
                          got=_describe(answer))
        if not np.isclose(float(answer), float(expected), atol=atol, rtol=0):
            return _wrong("check_wrong_value", hint, got=f"{answer:g}")
        return _ok()
    if isinstance(expected, tuple):
        if not isinstance(answer, (tuple, list)):
            return _wrong("check_wrong_type", hint,
                          expected=i18n.t("type_sequence", length=len(expected)),
                          got=_describe(answer))
        if len(answer) != len(expected):
            return _wrong("check_wrong_length", hint, expected=len(expected), got=len(answer))
        if not all(_is_number(a) for a in answer):
            return _wrong("check_wrong_type", hint, expected=i18n.t("type_numbers"),
                          got=_describe(answer))
        if not np.allclose(np.asarray(answer, float), np.asarray(expected, float), atol=atol, rtol=0):
            return _wrong("check_wrong_value", hint, got=tuple(answer))
        return _ok()
    expected = np.asarray(expected)
    if isinstance(answer, (str, bytes, dict, set)) or answer is True or answer is False:
        return _wrong("check_wrong_type", hint,
                      expected=i18n.t("type_array", shape=expected.shape), got=_describe(answer))
    try:
        values = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return _wrong("check_wrong_type", hint,
                      expected=i18n.t("type_array", shape=expected.shape), got=_describe(answer))
    if values.shape != expected.shape:
        return _wrong("check_wrong_shape", hint, expected=expected.shape, got=values.shape)
    close = np.isclose(values, expected, atol=atol, rtol=0)
    if not close.all():
        first = tuple(int(i) for i in np.argwhere(~close)[0])
        return _wrong("check_wrong_values", hint, count=int((~close).sum()),
                      total=close.size, where=first)
    return _ok()


def check(name, answer, **given):
    """Check the answer to exercise ``name``; never raises.

    Parameters
    ----------
    name : str
        The exercise, for example ``"ch02.output_size"``.
    answer : object
        The student's answer. ``None`` means "not solved yet".
    **given
        Data from the notebook that the exercise depends on.

    Returns
    -------
    Result
        Truthy when right; its text says what is right or wrong.

    Examples
    --------
    >>> check("ch02.output_size", 24)
    Correct! Well done.

    Introduced in chapter 2, Convolution.
    """
    try:
        ex = EXERCISES.get(name)
        if ex is None:
            return _wrong("check_unknown", name=name)
        if answer is None or answer is Ellipsis:
            return _wrong("check_not_solved")
        if ex.validate is not None:
            return ex.validate(answer, **given)
        return compare(answer, ex.expected(**given), ex.hint, ex.atol)
    except Exception as err:  # a checker must never crash a student's notebook
        return _wrong("check_error", error=f"{type(err).__name__}: {err}")


# ---------------------------------------------------------------------------
# Chapter 2, Convolution
# ---------------------------------------------------------------------------

_CH02_IMAGE = np.array([[1, 2, 1, 8, 9, 8], [2, 1, 0, 9, 8, 9], [1, 0, 2, 8, 9, 7],
                        [0, 1, 1, 9, 7, 8], [2, 1, 0, 8, 9, 9], [1, 2, 1, 7, 8, 9]])
_CH02_EDGE = np.array([[-1, 0, 1]] * 3)

exercise(
    "ch02.output_size",
    expected=lambda: ops.output_size(28, 5),
    hint="hint_ch02_output_size",
    right=[(24, {}), (np.int64(24), {}), (24.0, {})],
    wrong=[(26, {}), ((24, 24), {}), ("24", {}), (28, {})],
)


def _ch02_diagonal(answer):
    kernel = np.asarray(answer, dtype=float)
    if kernel.shape != (3, 3):
        return _wrong("check_wrong_shape", "hint_ch02_diagonal", expected=(3, 3), got=kernel.shape)
    out = ops.conv2d(np.eye(8), kernel)
    diag = np.diag(out)
    off = out[~np.eye(out.shape[0], dtype=bool)]
    if not np.allclose(diag, 3):
        return _wrong("ch02_diagonal_not_three", "hint_ch02_diagonal",
                      got=np.round(diag, 2).tolist())
    if off.max() >= 3 - 1e-9:
        return _wrong("ch02_diagonal_off", "hint_ch02_diagonal", got=f"{off.max():g}")
    lines = np.zeros((8, 8))
    lines[:, 3:5] = 1
    on_lines = max(ops.conv2d(lines, kernel).max(), ops.conv2d(lines.T, kernel).max())
    if on_lines >= 3 - 1e-9:
        return _wrong("ch02_diagonal_lines", "hint_ch02_diagonal", got=f"{on_lines:g}")
    return _ok()


def _validate_array(validate):
    """Wrap a validator so that non-numeric answers get a type message."""
    def wrapped(answer, **given):
        if isinstance(answer, (str, bytes, dict, set, bool)):
            return _wrong("check_wrong_type", expected=i18n.t("type_array", shape=(3, 3)),
                          got=_describe(answer))
        try:
            np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            return _wrong("check_wrong_type", expected=i18n.t("type_array", shape=(3, 3)),
                          got=_describe(answer))
        return validate(answer, **given)
    return wrapped


exercise(
    "ch02.diagonal_kernel",
    validate=_validate_array(_ch02_diagonal),
    right=[(np.eye(3), {}), (np.eye(3) * [[1, 1, 1]] - 0.1 * (1 - np.eye(3)), {})],
    wrong=[(np.ones((3, 3)), {}), (np.ones((3, 3)) - 0.5, {}), (np.eye(2), {}), (np.fliplr(np.eye(3)), {}),
           ("eye", {}), (np.eye(3) * 0.5, {})],
)

exercise(
    "ch02.flipped_map",
    expected=lambda image, kernel: ops.conv2d(np.fliplr(image), kernel),
    hint="hint_ch02_flipped",
    right=[(-np.fliplr(ops.conv2d(_CH02_IMAGE, _CH02_EDGE)),
            {"image": _CH02_IMAGE, "kernel": _CH02_EDGE})],
    wrong=[(np.fliplr(ops.conv2d(_CH02_IMAGE, _CH02_EDGE)),
            {"image": _CH02_IMAGE, "kernel": _CH02_EDGE}),
           (ops.conv2d(_CH02_IMAGE, _CH02_EDGE), {"image": _CH02_IMAGE, "kernel": _CH02_EDGE}),
           (np.zeros((6, 6)), {"image": _CH02_IMAGE, "kernel": _CH02_EDGE})],
)

# --- chapter 1 exercises (add below) ---
# --- chapter 3 exercises (add below) ---
# --- chapter 4 exercises (add below) ---
# --- chapter 5 exercises (add below) ---
# --- chapter 6 exercises (add below) ---
# --- chapter 7 exercises (add below) ---
