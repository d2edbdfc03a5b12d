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

__all__ = [
    "Result",
    "Exercise",
    "exercise",
    "check",
    "compare",
    "reset_attempts",
    "EXERCISES",
    "KINDS",
]


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
    kind: str = "task"


#: Every registered exercise, by name.
EXERCISES = {}


#: What an exercise asks of the reader (``Exercise.kind``): fill numbers into
#: a formula (an output size, a shape, a parameter count); predict the
#: outcome of an experiment, then run it (the checker judges the prediction
#: against the reader's own run); or any other task (write code, design a
#: kernel, read an output).
KINDS = ("formula", "experiment", "task")


def exercise(
    name, *, expected=None, validate=None, hint=None, atol=1e-6, right=(), wrong=(), kind="task"
):
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
    kind : {"formula", "experiment", "task"}, optional
        What the exercise asks (:data:`KINDS`), by default ``"task"``. The
        tests keep formula exercises at most 8 of all, and require right
        and wrong predictions for every experiment.

    Introduced in chapter 2, Convolution.
    """
    if (expected is None) == (validate is None):
        raise ValueError(f"exercise {name!r}: give exactly one of expected and validate")
    if name in EXERCISES:
        raise ValueError(f"exercise {name!r} is registered twice")
    if hint is not None and hint not in i18n.STRINGS:
        raise ValueError(f"exercise {name!r}: hint key {hint!r} is not in i18n.STRINGS")
    if kind not in KINDS:
        raise ValueError(f"exercise {name!r}: kind must be one of {KINDS}, got {kind!r}")
    EXERCISES[name] = Exercise(name, expected, validate, hint, atol, list(right), list(wrong), kind)
    return EXERCISES[name]


#: Wrong answers so far, per exercise, in this Python session (graduated
#: hints: the first wrong answer gets a nudge, later ones the full recipe).
_attempts = {}
#: Which answer to the exercise being checked this is: 1 for the first.
_attempt = 1


def reset_attempts():
    """Forget earlier wrong answers: the next wrong answer gets the nudge again.

    Introduced in chapter 2, Convolution.
    """
    _attempts.clear()


def _hint_line(hint):
    """The hint for a wrong answer, graduated.

    A hint key ``k`` may have a gentler first step, ``k + "_nudge"``, in
    :data:`lessons_lib.i18n.STRINGS`: it points at what to look at without
    giving the answer away. The first wrong answer to an exercise gets the
    nudge; every later one gets ``k`` itself, the recipe, introduced as a
    further hint. Without a nudge, every wrong answer gets ``k``.
    """
    nudge = f"{hint}_nudge"
    if nudge not in i18n.STRINGS:
        return i18n.t("check_hint", hint=i18n.t(hint))
    if _attempt <= 1:
        return i18n.t("check_hint", hint=i18n.t(nudge))
    return i18n.t("check_hint_more", hint=i18n.t(hint))


def _ok():
    return Result(True, i18n.t("check_correct"))


def _wrong(key, hint=None, **values):
    message = i18n.t(key, **values)
    if hint:
        message += "\n" + _hint_line(hint)
    return Result(False, message)


def _describe(value):
    """A short description of what a value is, in words of the reader's language.

    Never a Python type name: a reader of the Dutch edition reads "een lijst
    met 2 elementen" or "een dictionary", not ``list`` or ``dict``.
    """
    if isinstance(value, (bool, np.bool_)):
        return i18n.t("type_bool")
    if isinstance(value, (Number, np.number)):
        return i18n.t("type_number")
    if isinstance(value, str):
        return i18n.t("type_text")
    if isinstance(value, np.ndarray):
        return i18n.t("type_array", shape=value.shape)
    if isinstance(value, tuple):
        return i18n.plural("tuple_of", len(value))
    if isinstance(value, list):
        return i18n.plural("list_of", len(value))
    if isinstance(value, dict):
        return i18n.t("type_dict")
    if isinstance(value, (set, frozenset)):
        return i18n.t("type_set")
    if callable(value):
        return i18n.t("type_function")
    return i18n.t("type_other")


def _num(value):
    """A computed number as the reader writes it (``0,5`` in Russian and Dutch)."""
    return i18n.number(value, 4, trim=True)


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
            return _wrong(
                "check_wrong_type", hint, expected=i18n.t("type_text"), got=_describe(answer)
            )
        if answer.strip().lower() != expected.lower():
            return _wrong("check_wrong_value", hint, got=repr(answer))
        return _ok()
    if _is_number(expected):
        if isinstance(answer, np.ndarray) and answer.shape == () and answer.dtype.kind in "iuf":
            answer = answer.item()
        if not _is_number(answer):
            return _wrong(
                "check_wrong_type", hint, expected=i18n.t("type_number"), got=_describe(answer)
            )
        if not np.isclose(float(answer), float(expected), atol=atol, rtol=0):
            got = answer.item() if isinstance(answer, np.generic) else answer
            return _wrong("check_wrong_value", hint, got=repr(got))
        return _ok()
    if isinstance(expected, tuple):
        if not isinstance(answer, (tuple, list)):
            return _wrong(
                "check_wrong_type",
                hint,
                expected=i18n.plural("tuple_of_numbers", len(expected)),
                got=_describe(answer),
            )
        if len(answer) != len(expected):
            return _wrong(
                "check_wrong_length",
                hint,
                expected=i18n.plural("n_entries", len(expected)),
                got=i18n.plural("n_entries", len(answer)),
            )
        if not all(_is_number(a) for a in answer):
            return _wrong(
                "check_wrong_type",
                hint,
                expected=i18n.t("type_numbers"),
                got=i18n.t("type_mixed", sequence=_describe(answer)),
            )
        if not np.allclose(
            np.asarray(answer, float), np.asarray(expected, float), atol=atol, rtol=0
        ):
            return _wrong("check_wrong_value", hint, got=tuple(answer))
        return _ok()
    expected = np.asarray(expected)
    if isinstance(answer, (str, bytes, dict, set)) or answer is True or answer is False:
        return _wrong(
            "check_wrong_type",
            hint,
            expected=i18n.t("type_array", shape=expected.shape),
            got=_describe(answer),
        )
    try:
        values = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return _wrong(
            "check_wrong_type",
            hint,
            expected=i18n.t("type_array", shape=expected.shape),
            got=_describe(answer),
        )
    if values.shape != expected.shape:
        return _wrong("check_wrong_shape", hint, expected=expected.shape, got=values.shape)
    close = np.isclose(values, expected, atol=atol, rtol=0)
    if not close.all():
        first = tuple(int(i) for i in np.argwhere(~close)[0])
        wrong = i18n.plural("values_wrong", int((~close).sum()), total=close.size)
        return _wrong("check_wrong_values", hint, wrong=wrong, where=first)
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
    global _attempt
    try:
        ex = EXERCISES.get(name)
        if ex is None:
            return _wrong("check_unknown", name=name)
        if answer is None or answer is Ellipsis:
            return _wrong("check_not_solved")
        _attempt = _attempts.get(name, 0) + 1
        if ex.validate is not None:
            result = ex.validate(answer, **given)
        else:
            result = compare(answer, ex.expected(**given), ex.hint, ex.atol)
        if not result.ok:
            _attempts[name] = _attempt
        return result
    except Exception:  # a checker must never crash a student's notebook
        return _wrong("check_error")
    finally:
        _attempt = 1


def _finite_array(answer, shape, hint):
    """``(array, None)`` for a finite float array of ``shape``, else ``(None, verdict)``.

    The verdict says "wrong type" for anything that is not a finite numeric
    array and "wrong shape" (with ``hint``) for an array of another shape.
    """
    expected = i18n.t("type_array", shape=shape)
    wrong_type = (None, _wrong("check_wrong_type", expected=expected, got=_describe(answer)))
    if isinstance(answer, (str, bytes, dict, set, bool, np.bool_)):
        return wrong_type
    try:
        array = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return wrong_type
    if array.shape != shape:
        return None, _wrong("check_wrong_shape", hint, expected=shape, got=array.shape)
    if not np.isfinite(array).all():
        return wrong_type
    return array, None


# --- Chapter 1, Images as numbers ---

exercise(
    "ch01.dense_params",
    kind="formula",
    expected=lambda: 28 * 28 * 64 + 64,
    hint="hint_ch01_dense_params",
    right=[(50240, {}), (np.int64(50240), {}), (50240.0, {})],
    wrong=[(50176, {}), (101770, {}), ("50240", {}), ((784, 64), {}), (784 * 65, {})],
)

exercise(
    "ch01.normalised_value",
    expected=lambda: 204 / 255,
    hint="hint_ch01_normalised",
    atol=1e-3,
    right=[(0.8, {}), (204 / 255, {}), (np.float32(0.8), {})],
    wrong=[(204, {}), (0.2, {}), ("0.8", {}), (80, {})],
)

_CH01_PROBS = np.full(10, 0.02)
_CH01_PROBS[7] = 0.82

exercise(
    "ch01.predicted_name",
    expected=lambda probabilities: i18n.class_names()[int(np.argmax(probabilities))],
    hint="hint_ch01_predicted_name",
    right=[
        ("Sneaker", {"probabilities": _CH01_PROBS}),
        (" sneaker ", {"probabilities": _CH01_PROBS}),
    ],
    wrong=[
        ("Sandal", {"probabilities": _CH01_PROBS}),
        (7, {"probabilities": _CH01_PROBS}),
        ("T-shirt/top", {"probabilities": _CH01_PROBS}),
    ],
)


def _ch01_unshuffle(shuffled, perm):
    flat = np.asarray(shuffled).reshape(-1)
    return flat[np.argsort(perm)].reshape(28, 28)


_CH01_PERM = np.random.default_rng(1).permutation(784)
_CH01_IMAGE = np.arange(784, dtype=float).reshape(28, 28) / 784
_CH01_SHUFFLED = _CH01_IMAGE.reshape(-1)[_CH01_PERM].reshape(28, 28)

exercise(
    "ch01.unshuffle",
    expected=_ch01_unshuffle,
    hint="hint_ch01_unshuffle",
    right=[
        (_CH01_IMAGE, {"shuffled": _CH01_SHUFFLED, "perm": _CH01_PERM}),
        (_CH01_IMAGE.tolist(), {"shuffled": _CH01_SHUFFLED[..., None], "perm": _CH01_PERM}),
    ],
    wrong=[
        (_CH01_SHUFFLED, {"shuffled": _CH01_SHUFFLED, "perm": _CH01_PERM}),
        (
            _CH01_SHUFFLED.reshape(-1)[_CH01_PERM].reshape(28, 28),
            {"shuffled": _CH01_SHUFFLED, "perm": _CH01_PERM},
        ),
        (_CH01_IMAGE.reshape(-1), {"shuffled": _CH01_SHUFFLED, "perm": _CH01_PERM}),
    ],
)

# --- Chapter 2, Convolution ---

_CH02_IMAGE = np.array(
    [
        [1, 2, 1, 8, 9, 8],
        [2, 1, 0, 9, 8, 9],
        [1, 0, 2, 8, 9, 7],
        [0, 1, 1, 9, 7, 8],
        [2, 1, 0, 8, 9, 9],
        [1, 2, 1, 7, 8, 9],
    ]
)
_CH02_EDGE = np.array([[-1, 0, 1]] * 3)

exercise(
    "ch02.output_size",
    kind="formula",
    expected=lambda: ops.output_size(28, 5),
    hint="hint_ch02_output_size",
    right=[(24, {}), (np.int64(24), {}), (24.0, {})],
    wrong=[(26, {}), ((24, 24), {}), ("24", {}), (28, {})],
)


def _ch02_diagonal(answer):
    kernel, verdict = _finite_array(answer, (3, 3), "hint_ch02_diagonal")
    if verdict is not None:
        return verdict
    out = ops.conv2d(np.eye(8), kernel)
    diag = np.diag(out)
    off = out[~np.eye(out.shape[0], dtype=bool)]
    if not np.allclose(diag, 3):
        return _wrong(
            "ch02_diagonal_not_three", "hint_ch02_diagonal", got=np.round(diag, 2).tolist()
        )
    if off.max() >= 3 - 1e-9:
        return _wrong("ch02_diagonal_off", "hint_ch02_diagonal", got=_num(float(off.max())))
    lines = np.zeros((8, 8))
    lines[:, 3:5] = 1
    on_lines = max(ops.conv2d(lines, kernel).max(), ops.conv2d(lines.T, kernel).max())
    if on_lines >= 3 - 1e-9:
        return _wrong("ch02_diagonal_lines", "hint_ch02_diagonal", got=_num(float(on_lines)))
    return _ok()


exercise(
    "ch02.diagonal_kernel",
    validate=_ch02_diagonal,
    right=[(np.eye(3), {}), (np.eye(3) * [[1, 1, 1]] - 0.1 * (1 - np.eye(3)), {})],
    wrong=[
        (np.ones((3, 3)), {}),
        (np.ones((3, 3)) - 0.5, {}),
        (np.eye(2), {}),
        (np.fliplr(np.eye(3)), {}),
        ("eye", {}),
        (np.eye(3) * 0.5, {}),
    ],
)

exercise(
    "ch02.flipped_map",
    expected=lambda image, kernel: ops.conv2d(np.fliplr(image), kernel),
    hint="hint_ch02_flipped",
    right=[
        (
            -np.fliplr(ops.conv2d(_CH02_IMAGE, _CH02_EDGE)),
            {"image": _CH02_IMAGE, "kernel": _CH02_EDGE},
        )
    ],
    wrong=[
        (
            np.fliplr(ops.conv2d(_CH02_IMAGE, _CH02_EDGE)),
            {"image": _CH02_IMAGE, "kernel": _CH02_EDGE},
        ),
        (ops.conv2d(_CH02_IMAGE, _CH02_EDGE), {"image": _CH02_IMAGE, "kernel": _CH02_EDGE}),
        (np.zeros((6, 6)), {"image": _CH02_IMAGE, "kernel": _CH02_EDGE}),
    ],
)

# --- Chapter 3, Padding and stride ---

exercise(
    "ch03.output_size",
    kind="formula",
    expected=lambda: ops.output_size(28, 5, stride=2, padding=1),
    hint="hint_ch03_output_size",
    right=[(13, {}), (np.int64(13), {}), (13.0, {})],
    wrong=[(14, {}), (12.5, {}), (12, {}), ((13, 13), {}), ("13", {})],
)

exercise(
    "ch03.same_padding",
    kind="formula",
    expected=lambda: 2,
    hint="hint_ch03_same_padding",
    right=[(2, {}), (np.int64(2), {})],
    wrong=[(4, {}), (1, {}), ((2, 2), {}), ("same", {})],
)


def _ch03_halve(answer):
    if (
        not isinstance(answer, (tuple, list))
        or len(answer) != 3
        or not all(
            isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in answer
        )
    ):
        return _wrong("ch03_halve_format", "hint_ch03_halve")
    k, p, s = (int(v) for v in answer)
    if k < 1 or p < 0 or s < 1:
        return _wrong("ch03_halve_format", "hint_ch03_halve")
    if k > 28 + 2 * p:
        return _wrong("ch03_halve_no_fit", "hint_ch03_halve", k=k, p=p)
    out = ops.output_size(28, k, stride=s, padding=p)
    if out != 14:
        return _wrong("ch03_halve_size", "hint_ch03_halve", k=k, p=p, s=s, out=out)
    if p >= k:
        return _wrong("ch03_halve_padding", "hint_ch03_halve", k=k, p=p)
    unused = int((ops.coverage(28, k, s, p) == 0).sum())
    if unused:
        unused = i18n.plural("pixels_unused", unused)
        return _wrong("ch03_halve_skipped", "hint_ch03_halve", unused=unused, k=k, p=p, s=s)
    return _ok()


exercise(
    "ch03.halve",
    validate=_ch03_halve,
    right=[((3, 1, 2), {}), ((2, 0, 2), {}), ([4, 1, 2], {}), ((5, 2, 2), {})],
    wrong=[
        ((3, 0, 2), {}),
        ((1, 0, 2), {}),
        ((3, 1, 1), {}),
        ((2, 2, 2), {}),
        ((3, 1), {}),
        ((3.0, 1, 2), {}),
        ((40, 0, 1), {}),
        ((0, 0, 2), {}),
        ((1, 6, 3), {}),
    ],
)
# --- Chapter 4, Pooling ---

_CH04_SMALL = np.array([[3, -1, 0, 2], [-4, 5, -2, 1], [0, -3, -6, -1], [2, 1, -5, -2]])

exercise(
    "ch04.output_size",
    kind="formula",
    expected=lambda: ops.output_size(7, 2, stride=2),
    hint="hint_ch04_output_size",
    right=[(3, {}), (np.int64(3), {}), (3.0, {})],
    wrong=[(3.5, {}), (4, {}), ((3, 3), {}), ("3", {})],
)

exercise(
    "ch04.pool_by_hand",
    expected=lambda small: ops.max_pool2d(small, 2, stride=1),
    hint="hint_ch04_by_hand",
    right=[
        (ops.max_pool2d(_CH04_SMALL, 2, stride=1), {"small": _CH04_SMALL}),
        ([[5, 5, 2], [5, 5, 1], [2, 1, -1]], {"small": _CH04_SMALL}),
    ],
    wrong=[
        (ops.max_pool2d(_CH04_SMALL, 2), {"small": _CH04_SMALL}),
        (ops.avg_pool2d(_CH04_SMALL, 2, stride=1), {"small": _CH04_SMALL}),
        ([[5, 5, 2], [5, 5, 1], [2, 1, 0]], {"small": _CH04_SMALL}),
    ],
)


def _ch04_shift(answer):
    image, verdict = _finite_array(answer, (6, 6), "hint_ch04_shift")
    if verdict is not None:
        return verdict
    if not image.any():
        return _wrong("ch04_shift_zero", "hint_ch04_shift")
    shifted = np.roll(image, 1, axis=1)
    if np.array_equal(shifted, image):
        return _wrong("ch04_shift_same", "hint_ch04_shift")
    before, after = ops.max_pool2d(image, 2), ops.max_pool2d(shifted, 2)
    changed = ~np.isclose(before, after, atol=1e-9, rtol=0)
    if changed.any():
        where = i18n.plural("at_positions", int(changed.sum()), total=changed.size)
        return _wrong("ch04_shift_changed", "hint_ch04_shift", changed=where)
    return _ok()


def _one_pixel(row, col):
    image = np.zeros((6, 6))
    image[row, col] = 1
    return image


exercise(
    "ch04.shift_proof",
    validate=_ch04_shift,
    right=[
        (_one_pixel(0, 0), {}),
        (_one_pixel(3, 4), {}),
        (np.tile([1.0, 0.0], (6, 3)), {}),
        (_one_pixel(5, 2).tolist(), {}),
    ],
    wrong=[
        (_one_pixel(0, 1), {}),
        (np.eye(6), {}),
        (np.ones((6, 6)), {}),
        (np.zeros((6, 6)), {}),
        (np.ones((4, 4)), {}),
        (_one_pixel(2, 5), {}),
    ],
)
# --- Chapter 5, Channels and layers ---

exercise(
    "ch05.output_shape",
    kind="formula",
    expected=lambda: (ops.output_size(32, 3), ops.output_size(32, 3), 16),
    hint="hint_ch05_output_shape",
    right=[((30, 30, 16), {}), ([30, 30, 16], {}), ((30.0, 30, 16), {})],
    wrong=[((30, 30, 3), {}), ((32, 32, 16), {}), ((1, 30, 30, 16), {}), ((30, 30), {}), (30, {})],
)

exercise(
    "ch05.params",
    kind="formula",
    expected=lambda: (5 * 5 * 3 + 1) * 64,
    hint="hint_ch05_params",
    right=[(4864, {}), (np.int64(4864), {})],
    wrong=[(4800, {}), (1664, {}), (76, {}), ((4864,), {}), ("4864", {})],
)

exercise(
    "ch05.layers_needed",
    kind="formula",
    expected=lambda: next(n for n in range(1, 100) if ops.receptive_field([(3, 1)] * n)[-1] >= 28),
    hint="hint_ch05_layers",
    right=[(14, {}), (np.int64(14), {})],
    wrong=[(13, {}), (28, {}), (27, {}), (4, {})],
)

_CH05_GRAYS = (0.0, 0.5, 1.0)


def _ch05_red(answer):
    kernel, verdict = _finite_array(answer, (3, 3, 3), "hint_ch05_red")
    if verdict is not None:
        return verdict

    def response(colour):
        return float(ops.conv2d(np.ones((5, 5, 3)) * colour, kernel)[1, 1])

    red = response([1.0, 0.0, 0.0])
    if red <= 1e-6:
        return _wrong("ch05_red_on_red", "hint_ch05_red", value=_num(red))
    for level in _CH05_GRAYS:
        gray = response([level] * 3)
        if abs(gray) > 1e-6:
            return _wrong("ch05_red_on_gray", "hint_ch05_red", level=_num(level), value=_num(gray))
    for key, colour in (
        ("ch05_red_on_green", [0.0, 1.0, 0.0]),
        ("ch05_red_on_blue", [0.0, 0.0, 1.0]),
    ):
        value = response(colour)
        if value >= -1e-6:
            return _wrong(key, "hint_ch05_red", value=_num(value))
    return _ok()


def _red_kernel(red, green, blue):
    kernel = np.zeros((3, 3, 3))
    kernel[:, :, 0], kernel[:, :, 1], kernel[:, :, 2] = red, green, blue
    return kernel


exercise(
    "ch05.red_filter",
    validate=_ch05_red,
    right=[
        (_red_kernel(2, -1, -1), {}),
        (_red_kernel(1, -0.5, -0.5), {}),
        (_red_kernel(3, -2, -1).tolist(), {}),
    ],
    wrong=[
        (_red_kernel(1, 0, 0), {}),
        (_red_kernel(-2, 1, 1), {}),
        (_red_kernel(1, -1, 0), {}),
        (_red_kernel(2, -2, 0), {}),
        (np.zeros((3, 3, 3)), {}),
        (np.ones((3, 3)), {}),
    ],
)
# --- Chapter 6, A CNN for Fashion-MNIST ---


def _ch06_count_wrong(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true).ravel(), np.asarray(y_pred).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred hold {y_true.size} and {y_pred.size} labels")
    return int((y_true != y_pred).sum())


_CH06_TRUE = np.array([0, 1, 2, 6, 6, 9, 4, 2])
_CH06_PRED = np.array([0, 1, 6, 6, 0, 9, 2, 2])

exercise(
    "ch06.misclassified",
    expected=_ch06_count_wrong,
    hint="hint_ch06_misclassified",
    right=[
        (3, {"y_true": _CH06_TRUE, "y_pred": _CH06_PRED}),
        (np.int64(3), {"y_true": _CH06_TRUE, "y_pred": _CH06_PRED}),
    ],
    wrong=[
        (5, {"y_true": _CH06_TRUE, "y_pred": _CH06_PRED}),
        (0.375, {"y_true": _CH06_TRUE, "y_pred": _CH06_PRED}),
        (_CH06_PRED != _CH06_TRUE, {"y_true": _CH06_TRUE, "y_pred": _CH06_PRED}),
    ],
)

# --- Chapter 7, Going further ---


def _ch07_dropout_zeros(rate):
    if isinstance(rate, bool) or not _is_number(rate) or not 0 <= rate < 1:
        raise ValueError(f"rate must be a number in [0, 1), got {rate!r}")
    return float(rate)


exercise(
    "ch07.dropout_zeros",
    expected=_ch07_dropout_zeros,
    hint="hint_ch07_dropout_zeros",
    atol=0.02,
    right=[(0.3, {"rate": 0.3}), (0.31, {"rate": 0.3}), (np.float32(0.5), {"rate": 0.5})],
    wrong=[
        (0.7, {"rate": 0.3}),
        (30, {"rate": 0.3}),
        (1 / 0.7, {"rate": 0.3}),
        ((0.3,), {"rate": 0.3}),
    ],
)


def _ch07_early_stop(val_loss, patience):
    """(kept epoch, last epoch), counting from 1, as Keras' EarlyStopping."""
    val_loss = [float(v) for v in val_loss]
    if not val_loss:
        raise ValueError("val_loss must hold at least one value, got none")
    if isinstance(patience, bool) or not isinstance(patience, int) or patience < 0:
        raise ValueError(f"patience must be an int >= 0, got {patience!r}")
    best, wait = 0, 0
    for epoch, value in enumerate(val_loss):
        if value < val_loss[best] or epoch == 0:
            best, wait = epoch, 0
            continue
        wait += 1
        if wait >= patience:
            return (best + 1, epoch + 1)
    return (best + 1, len(val_loss))


_CH07_VAL_LOSS = [0.42, 0.33, 0.30, 0.29, 0.31, 0.28, 0.30, 0.29, 0.32, 0.27]

exercise(
    "ch07.early_stop",
    expected=_ch07_early_stop,
    hint="hint_ch07_early_stop",
    right=[
        ((6, 9), {"val_loss": _CH07_VAL_LOSS, "patience": 3}),
        ([6, 9], {"val_loss": _CH07_VAL_LOSS, "patience": 3}),
        ((4, 5), {"val_loss": _CH07_VAL_LOSS, "patience": 1}),
    ],
    wrong=[
        ((10, 10), {"val_loss": _CH07_VAL_LOSS, "patience": 3}),
        ((5, 8), {"val_loss": _CH07_VAL_LOSS, "patience": 3}),
        ((6, 10), {"val_loss": _CH07_VAL_LOSS, "patience": 3}),
        (6, {"val_loss": _CH07_VAL_LOSS, "patience": 3}),
    ],
)


# --- Predict, then run: a recorded prediction against the reader's own run ---
#
# These checkers judge a prediction the reader wrote down *before* training,
# against what their own training then measured (passed in as keyword
# arguments). A "run" may be what models.quick_fit returns (val_accuracy and
# the trained model), a dict with "params" and "val_accuracy", or a pair
# (parameters, accuracy). Whatever the prediction, the message says what the
# run measured, so a wrong prediction still teaches something.


class _Unreadable(Exception):
    """The reader's results are missing or malformed."""


def _lab(validate):
    """A checker that answers "results could not be read" instead of failing."""

    def checker(answer, **given):
        try:
            return validate(answer, **given)
        except _Unreadable:
            return _wrong("lab_run_missing")

    checker.__name__ = validate.__name__
    checker.__doc__ = validate.__doc__
    return checker


def _accuracy_of(run):
    if hasattr(run, "val_accuracy"):
        value = run.val_accuracy
    elif isinstance(run, dict):
        value = run.get("val_accuracy", run.get("accuracy"))
    elif isinstance(run, (tuple, list)) and len(run) == 2:
        value = run[1]
    else:
        value = run
    if not _is_number(value) or not 0 <= float(value) <= 1:
        raise _Unreadable(f"no accuracy in {run!r}")
    return float(value)


def _params_of(run):
    model = getattr(run, "model", run)
    if callable(getattr(model, "count_params", None)):
        value = model.count_params()
    elif isinstance(run, dict):
        value = run.get("params", run.get("parameters"))
    elif isinstance(run, (tuple, list)) and len(run) == 2:
        value = run[0]
    else:
        value = None
    if not _is_number(value) or value < 0 or int(value) != value:
        raise _Unreadable(f"no parameter count in {run!r}")
    return int(value)


def _percent(value):
    return i18n.number(value, 1, percent=True)


def _points(value):
    return i18n.number(100 * value, 1)


def _choice(answer, choices):
    """``answer`` as one of ``choices`` (text, any case and spacing), else None."""
    if isinstance(answer, str) and answer.strip().lower() in choices:
        return answer.strip().lower()
    return None


def _pick_one(choices):
    return _wrong("lab_pick_one", choices=", ".join(map(repr, choices)), example=repr(choices[0]))


def _ranking(answer, sizes):
    """``answer`` as a tuple holding each of ``sizes`` once, else None."""
    if not isinstance(answer, (tuple, list)) or len(answer) != len(sizes):
        return None
    if not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in answer):
        return None
    ranking = tuple(int(v) for v in answer)
    return ranking if sorted(ranking) == sorted(sizes) else None


def _kernel_ranking(answer, results=None):
    """Kernel sizes ranked by parameters (most first) and by accuracy (best first)."""
    if not isinstance(results, dict) or len(results) < 2:
        raise _Unreadable("results must map each kernel size to its run")
    runs = {}
    for size, run in results.items():
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
            raise _Unreadable(f"kernel size {size!r}")
        runs[int(size)] = (_params_of(run), _accuracy_of(run))
    sizes = sorted(runs)
    if isinstance(answer, dict):
        answer = (answer.get("parameters"), answer.get("accuracy"))
    pair = answer if isinstance(answer, (tuple, list)) and len(answer) == 2 else (None, None)
    by_params, by_accuracy = (_ranking(r, sizes) for r in pair)
    if by_params is None or by_accuracy is None:
        example = (tuple(sizes), tuple(reversed(sizes)))
        return _wrong("lab_kernel_format", sizes=tuple(sizes), example=example)
    params_order = tuple(sorted(sizes, key=lambda k: -runs[k][0]))
    accuracy_order = tuple(sorted(sizes, key=lambda k: -runs[k][1]))
    lines = []
    if any(runs[a][0] < runs[b][0] for a, b in zip(by_params, by_params[1:])):
        counts = "; ".join(i18n.number(runs[k][0]) for k in params_order)
        lines.append(i18n.t("lab_kernel_params", actual=params_order, counts=counts, got=by_params))
    # equal accuracies may come in either order
    if any(runs[a][1] < runs[b][1] for a, b in zip(by_accuracy, by_accuracy[1:])):
        accuracies = "; ".join(_percent(runs[k][1]) for k in accuracy_order)
        lines.append(
            i18n.t(
                "lab_kernel_accuracy", actual=accuracy_order, accuracies=accuracies, got=by_accuracy
            )
        )
    if lines:
        return Result(False, "\n".join(lines + [_hint_line("hint_lab_kernel")]))
    return _ok()


def _run(params, accuracy):
    return {"params": params, "val_accuracy": accuracy}


_KERNEL_RUNS = {3: _run(421_642, 0.905), 5: _run(438_282, 0.912), 7: _run(463_242, 0.898)}

exercise(
    "ch06.kernel_ranking",
    kind="experiment",
    validate=_lab(_kernel_ranking),
    right=[
        (((7, 5, 3), (5, 3, 7)), {"results": _KERNEL_RUNS}),
        ([[7, 5, 3], [5, 3, 7]], {"results": _KERNEL_RUNS}),
        ({"parameters": (7, 5, 3), "accuracy": (5, 3, 7)}, {"results": _KERNEL_RUNS}),
        (
            ((5, 3), (3, 5)),
            {"results": {3: (100, 0.9), 5: (200, 0.9)}},  # a tie: either order
        ),
    ],
    wrong=[
        (((3, 5, 7), (5, 3, 7)), {"results": _KERNEL_RUNS}),
        (((7, 5, 3), (7, 5, 3)), {"results": _KERNEL_RUNS}),
        (((3, 5, 7), (7, 5, 3)), {"results": _KERNEL_RUNS}),
        (((7, 5, 3),), {"results": _KERNEL_RUNS}),
        (((7, 5, 5), (5, 3, 7)), {"results": _KERNEL_RUNS}),
        ("7, 5, 3", {"results": _KERNEL_RUNS}),
        (((7, 5, 3), (5, 3, 7)), {"results": {3: "fast", 5: (1, 2)}}),
    ],
)

_NETWORKS = ("cnn", "dense")


def _dense_vs_cnn(answer, dense=None, cnn=None):
    """Which network reaches the higher validation accuracy: "cnn" or "dense"."""
    if dense is None or cnn is None:
        raise _Unreadable("give dense= and cnn=")
    (dense_params, dense_acc), (cnn_params, cnn_acc) = (
        (_params_of(run), _accuracy_of(run)) for run in (dense, cnn)
    )
    choice = _choice(answer, _NETWORKS)
    if choice is None:
        return _pick_one(_NETWORKS)
    winners = (
        {"cnn"} if cnn_acc > dense_acc else {"dense"} if dense_acc > cnn_acc else set(_NETWORKS)
    )
    if choice in winners:
        return _ok()
    values = dict(
        cnn=_percent(cnn_acc),
        dense=_percent(dense_acc),
        cnn_params=i18n.number(cnn_params),
        dense_params=i18n.number(dense_params),
    )
    return _wrong("lab_cnn_won" if "cnn" in winners else "lab_dense_won", **values)


_DENSE_RUN, _CNN_RUN = _run(407_050, 0.884), _run(421_642, 0.907)

exercise(
    "ch06.dense_vs_cnn",
    kind="experiment",
    validate=_lab(_dense_vs_cnn),
    right=[
        ("cnn", {"dense": _DENSE_RUN, "cnn": _CNN_RUN}),
        (" CNN ", {"dense": _DENSE_RUN, "cnn": _CNN_RUN}),
        ("dense", {"dense": _run(407_050, 0.911), "cnn": _CNN_RUN}),
    ],
    wrong=[
        ("dense", {"dense": _DENSE_RUN, "cnn": _CNN_RUN}),
        ("cnn", {"dense": _run(407_050, 0.911), "cnn": _CNN_RUN}),
        ("the CNN", {"dense": _DENSE_RUN, "cnn": _CNN_RUN}),
        (1, {"dense": _DENSE_RUN, "cnn": _CNN_RUN}),
    ],
)


def _val_losses(history):
    history = getattr(history, "history", history)
    if isinstance(history, dict):
        history = history.get("val_loss")
    if not isinstance(history, (list, tuple, np.ndarray)) or len(history) == 0:
        raise _Unreadable("no val_loss")
    if not all(_is_number(v) and np.isfinite(v) for v in history):
        raise _Unreadable("val_loss holds something other than numbers")
    return [float(v) for v in history]


def _early_stopping(val_loss, patience):
    """(kept epoch, last epoch, stopped early), counting from 1, as Keras' EarlyStopping."""
    best, wait = 0, 0
    for epoch, value in enumerate(val_loss):
        if epoch == 0 or value < val_loss[best]:
            best, wait = epoch, 0
            continue
        wait += 1
        if wait >= patience:
            return best + 1, epoch + 1, True
    return best + 1, len(val_loss), False


def _patience_epoch(answer, history=None, patience=2):
    """The epoch EarlyStopping(patience, restore_best_weights=True) keeps."""
    val_loss = _val_losses(history)
    if isinstance(patience, bool) or not isinstance(patience, (int, np.integer)) or patience < 1:
        raise _Unreadable(f"patience {patience!r}")
    kept, last, stopped = _early_stopping(val_loss, int(patience))
    if (
        isinstance(answer, (bool, np.bool_))
        or not isinstance(answer, (int, np.integer))
        or not 1 <= answer <= len(val_loss)
    ):
        return _wrong("lab_epoch_format", last=len(val_loss))
    if int(answer) == kept:
        return _ok()
    return _wrong(
        "lab_patience_stopped" if stopped else "lab_patience_ran_on",
        "hint_lab_patience",
        patience=int(patience),
        last=last,
        kept=kept,
        loss=_num(round(val_loss[kept - 1], 4)),
        got=int(answer),
    )


_CH06_VAL_LOSS = [0.31, 0.27, 0.25, 0.26, 0.24, 0.25, 0.26, 0.27, 0.28, 0.30]

exercise(
    "ch06.patience_epoch",
    kind="experiment",
    validate=_lab(_patience_epoch),
    right=[
        (5, {"history": {"val_loss": _CH06_VAL_LOSS}}),
        (np.int64(5), {"history": _CH06_VAL_LOSS}),
        (3, {"history": _CH06_VAL_LOSS, "patience": 1}),
        (3, {"history": [0.5, 0.4, 0.3, 0.35, 0.31]}),  # never stopped early
    ],
    wrong=[
        (10, {"history": {"val_loss": _CH06_VAL_LOSS}}),
        (7, {"history": {"val_loss": _CH06_VAL_LOSS}}),
        (4, {"history": {"val_loss": _CH06_VAL_LOSS}}),
        (4, {"history": [0.5, 0.4, 0.3, 0.35, 0.31]}),
        (0, {"history": {"val_loss": _CH06_VAL_LOSS}}),
        (5.0, {"history": {"val_loss": _CH06_VAL_LOSS}}),
        (5, {"history": {"loss": _CH06_VAL_LOSS}}),
    ],
)


def _shift_loss(answer, dense=None, cnn=None, shift=None):
    """Which network loses less accuracy at a shift of ``shift`` pixels."""
    if isinstance(shift, bool) or not isinstance(shift, (int, np.integer)) or shift < 1:
        raise _Unreadable(f"shift {shift!r}")
    curves = {}
    for name, result in (("dense", dense), ("cnn", cnn)):
        if not isinstance(result, dict) or 0 not in result or shift not in result:
            raise _Unreadable(f"{name} has no accuracy at 0 or {shift}")
        curves[name] = (_accuracy_of(result[0]), _accuracy_of(result[shift]))
    choice = _choice(answer, _NETWORKS)
    if choice is None:
        return _pick_one(_NETWORKS)
    lost = {name: before - after for name, (before, after) in curves.items()}
    if lost["cnn"] < lost["dense"]:
        winners = {"cnn"}
    elif lost["dense"] < lost["cnn"]:
        winners = {"dense"}
    else:
        winners = set(_NETWORKS)
    if choice in winners:
        return _ok()
    return _wrong(
        "lab_shift_cnn_kept" if "cnn" in winners else "lab_shift_dense_kept",
        pixels=i18n.plural("n_pixels", int(shift)),
        cnn_before=_percent(curves["cnn"][0]),
        cnn_after=_percent(curves["cnn"][1]),
        dense_before=_percent(curves["dense"][0]),
        dense_after=_percent(curves["dense"][1]),
    )


_SHIFT_DENSE = {0: 0.884, 1: 0.79, 2: 0.52, 3: 0.31, 4: 0.2}
_SHIFT_CNN = {0: 0.907, 1: 0.88, 2: 0.74, 3: 0.52, 4: 0.35}

exercise(
    "ch06.shift_loss",
    kind="experiment",
    validate=_lab(_shift_loss),
    right=[
        ("cnn", {"dense": _SHIFT_DENSE, "cnn": _SHIFT_CNN, "shift": 2}),
        ("CNN", {"dense": _SHIFT_DENSE, "cnn": _SHIFT_CNN, "shift": 1}),
        ("dense", {"dense": {0: 0.9, 3: 0.85}, "cnn": {0: 0.9, 3: 0.5}, "shift": 3}),
    ],
    wrong=[
        ("dense", {"dense": _SHIFT_DENSE, "cnn": _SHIFT_CNN, "shift": 2}),
        ("cnn", {"dense": {0: 0.9, 3: 0.85}, "cnn": {0: 0.9, 3: 0.5}, "shift": 3}),
        ("convolutional", {"dense": _SHIFT_DENSE, "cnn": _SHIFT_CNN, "shift": 2}),
        ("cnn", {"dense": _SHIFT_DENSE, "cnn": _SHIFT_CNN, "shift": 7}),
    ],
)


def _best_change(answer, results=None, baseline="baseline", together="all"):
    """The single change whose run reached the highest validation accuracy."""
    if not isinstance(results, dict) or baseline not in results:
        raise _Unreadable("results must hold the baseline")
    accuracies = {str(name): _accuracy_of(run) for name, run in results.items()}
    changes = {k: v for k, v in accuracies.items() if k not in (str(baseline), str(together))}
    if not changes:
        raise _Unreadable("no single change in results")
    if not isinstance(answer, str) or not answer.strip():
        return _pick_one(sorted(changes))
    lookup = {k.lower(): k for k in changes}
    if answer.strip().lower() not in lookup:
        return _wrong(
            "lab_unknown_change", got=repr(answer), choices=", ".join(map(repr, sorted(changes)))
        )
    got = lookup[answer.strip().lower()]
    top = max(changes.values())
    if changes[got] == top:
        return _ok()
    best = next(k for k, v in changes.items() if v == top)
    return _wrong(
        "lab_best_change",
        best=repr(best),
        best_acc=_percent(top),
        base_acc=_percent(accuracies[str(baseline)]),
        got=repr(got),
        got_acc=_percent(changes[got]),
    )


_ABLATION = {
    "baseline": 0.905,
    "shift": 0.915,
    "flip": 0.909,
    "batchnorm": 0.911,
    "dropout": 0.912,
    "lr_decay": 0.913,
    "all": 0.931,
}

exercise(
    "ch07.best_change",
    kind="experiment",
    validate=_lab(_best_change),
    right=[
        ("shift", {"results": _ABLATION}),
        (" Shift", {"results": {k: _run(1, v) for k, v in _ABLATION.items()}}),
        ("flip", {"results": {"none": 0.9, "flip": 0.91, "dropout": 0.91}, "baseline": "none"}),
        ("dropout", {"results": {"none": 0.9, "flip": 0.91, "dropout": 0.91}, "baseline": "none"}),
    ],
    wrong=[
        ("all", {"results": _ABLATION}),
        ("dropout", {"results": _ABLATION}),
        ("augmentation", {"results": _ABLATION}),
        ("baseline", {"results": _ABLATION}),
        ("", {"results": _ABLATION}),
        ("shift", {"results": {"shift": 0.9}}),
    ],
)


_VERDICTS = ("higher", "lower", "same")


def _all_conv_head(answer, all_conv=None, cnn=None, tolerance=0.005):
    """(fewer parameters?, accuracy "higher", "lower" or "same") for the all-convolutional head."""
    if all_conv is None or cnn is None:
        raise _Unreadable("give all_conv= and cnn=")
    if not _is_number(tolerance) or not 0 <= tolerance < 1:
        raise _Unreadable(f"tolerance {tolerance!r}")
    conv_params, conv_acc = _params_of(all_conv), _accuracy_of(all_conv)
    cnn_params, cnn_acc = _params_of(cnn), _accuracy_of(cnn)
    if (
        not isinstance(answer, (tuple, list))
        or len(answer) != 2
        or not isinstance(answer[0], (bool, np.bool_))
        or _choice(answer[1], _VERDICTS) is None
    ):
        return _wrong("lab_head_format")
    fewer, verdict = bool(answer[0]), _choice(answer[1], _VERDICTS)
    difference = conv_acc - cnn_acc
    if abs(difference) <= tolerance:
        truth = "same"
    else:
        truth = "higher" if difference > 0 else "lower"
    lines = []
    if fewer != (conv_params < cnn_params):
        lines.append(
            i18n.t(
                "lab_head_params",
                conv=i18n.plural("n_parameters", conv_params),
                cnn=i18n.plural("n_parameters", cnn_params),
                truth=conv_params < cnn_params,
            )
        )
    if verdict != truth:
        lines.append(
            i18n.t(
                "lab_head_accuracy",
                conv=_percent(conv_acc),
                cnn=_percent(cnn_acc),
                diff=_points(difference),
                tolerance=_points(tolerance),
                verdict=repr(truth),
            )
        )
    return Result(False, "\n".join(lines)) if lines else _ok()


_HEAD, _COURSE = _run(19_466, 0.889), _run(421_642, 0.907)

exercise(
    "ch07.all_conv_head",
    kind="experiment",
    validate=_lab(_all_conv_head),
    right=[
        ((True, "lower"), {"all_conv": _HEAD, "cnn": _COURSE}),
        ([np.True_, " Lower "], {"all_conv": _HEAD, "cnn": _COURSE}),
        ((True, "same"), {"all_conv": _run(19_466, 0.904), "cnn": _COURSE}),
        ((True, "higher"), {"all_conv": _run(19_466, 0.92), "cnn": _COURSE, "tolerance": 0.01}),
    ],
    wrong=[
        ((False, "lower"), {"all_conv": _HEAD, "cnn": _COURSE}),
        ((True, "higher"), {"all_conv": _HEAD, "cnn": _COURSE}),
        ((False, "same"), {"all_conv": _HEAD, "cnn": _COURSE}),
        ((True, "same"), {"all_conv": _run(19_466, 0.904), "cnn": _COURSE, "tolerance": 0.001}),
        (("yes", "lower"), {"all_conv": _HEAD, "cnn": _COURSE}),
        ((1, "lower"), {"all_conv": _HEAD, "cnn": _COURSE}),
        ((True, "worse"), {"all_conv": _HEAD, "cnn": _COURSE}),
    ],
)


def _occlusion_square(answer, occlusion=None):
    """The square whose covering lowers the watched class's probability most."""
    fields = ("drops", "label", "patch", "stride")
    if not all(hasattr(occlusion, f) for f in fields):
        raise _Unreadable("give occlusion= what ops.occlusion_map returned")
    drops = np.asarray(occlusion.drops, dtype=float)
    patch, stride = int(occlusion.patch), int(occlusion.stride)
    if drops.ndim != 2 or not drops.size or not np.isfinite(drops).all():
        raise _Unreadable("occlusion.drops")
    last = ((drops.shape[0] - 1) * stride, (drops.shape[1] - 1) * stride)
    if (
        not isinstance(answer, (tuple, list))
        or len(answer) != 2
        or not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in answer)
        or not all(0 <= v <= top and v % stride == 0 for v, top in zip(answer, last))
    ):
        return _wrong("lab_square_format", last=last[0], stride=stride)
    row, col = (int(v) for v in answer)
    best_row, best_col = (int(i) * stride for i in np.unravel_index(drops.argmax(), drops.shape))
    # a square that overlaps the most telling one found the same evidence
    if abs(row - best_row) < patch and abs(col - best_col) < patch:
        return _ok()
    got = float(drops[row // stride, col // stride])
    return _wrong(
        "lab_square" if got >= 0 else "lab_square_raises",
        name=i18n.class_names()[int(occlusion.label)],
        rows=f"{best_row}–{best_row + patch - 1}",
        cols=f"{best_col}–{best_col + patch - 1}",
        drop=_num(round(float(drops.max()), 2)),
        got_rows=f"{row}–{row + patch - 1}",
        got_cols=f"{col}–{col + patch - 1}",
        got_drop=_num(round(abs(got), 2)),
    )


def _occlusion(best, drop=0.6, shape=(13, 13), label=1):
    from .ops import Occlusion

    drops = np.zeros(shape)
    drops[best] = drop
    drops[best[0], min(best[1] + 1, shape[1] - 1)] = drop / 2
    return Occlusion(drops, label, 0.97, 4, 2)


exercise(
    "ch07.occlusion_square",
    kind="experiment",
    validate=_lab(_occlusion_square),
    right=[
        ((12, 8), {"occlusion": _occlusion((6, 4))}),
        ([14, 10], {"occlusion": _occlusion((6, 4))}),  # overlaps rows 12-15, columns 8-11
        ((np.int64(10), 6), {"occlusion": _occlusion((6, 4))}),
    ],
    wrong=[
        ((0, 0), {"occlusion": _occlusion((6, 4))}),
        ((16, 8), {"occlusion": _occlusion((6, 4))}),
        ((13, 8), {"occlusion": _occlusion((6, 4))}),
        ((6, 4), {"occlusion": _occlusion((6, 4))}),
        ((12, 26), {"occlusion": _occlusion((6, 4))}),
        ((12.0, 8), {"occlusion": _occlusion((6, 4))}),
        ((12, 8), {"occlusion": np.zeros((13, 13))}),
    ],
)
