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


def exercise(name, *, expected=None, validate=None, hint=None, atol=1e-6, right=(), wrong=()):
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
    EXERCISES[name] = Exercise(name, expected, validate, hint, atol, list(right), list(wrong))
    return EXERCISES[name]


def _ok():
    return Result(True, i18n.t("check_correct"))


def _wrong(key, hint=None, **values):
    message = i18n.t(key, **values)
    if hint:
        message += "\n" + i18n.t("check_hint", hint=i18n.t(hint))
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
    try:
        ex = EXERCISES.get(name)
        if ex is None:
            return _wrong("check_unknown", name=name)
        if answer is None or answer is Ellipsis:
            return _wrong("check_not_solved")
        if ex.validate is not None:
            return ex.validate(answer, **given)
        return compare(answer, ex.expected(**given), ex.hint, ex.atol)
    except Exception:  # a checker must never crash a student's notebook
        return _wrong("check_error")


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
        return _wrong("ch02_diagonal_off", "hint_ch02_diagonal", got=f"{off.max():g}")
    lines = np.zeros((8, 8))
    lines[:, 3:5] = 1
    on_lines = max(ops.conv2d(lines, kernel).max(), ops.conv2d(lines.T, kernel).max())
    if on_lines >= 3 - 1e-9:
        return _wrong("ch02_diagonal_lines", "hint_ch02_diagonal", got=f"{on_lines:g}")
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
    expected=lambda: ops.output_size(28, 5, stride=2, padding=1),
    hint="hint_ch03_output_size",
    right=[(13, {}), (np.int64(13), {}), (13.0, {})],
    wrong=[(14, {}), (12.5, {}), (12, {}), ((13, 13), {}), ("13", {})],
)

exercise(
    "ch03.same_padding",
    expected=lambda: 2,
    hint="hint_ch03_same_padding",
    right=[(2, {}), (np.int64(2), {})],
    wrong=[(4, {}), (1, {}), ((2, 2), {}), ("same", {})],
)

exercise(
    "ch03.strided_shape",
    expected=lambda: (1, ops.output_size(28, 3, stride=2), ops.output_size(28, 3, stride=2), 1),
    hint="hint_ch03_strided_shape",
    right=[((1, 13, 13, 1), {}), ([1, 13, 13, 1], {})],
    wrong=[((13, 13), {}), ((1, 14, 14, 1), {}), ((1, 26, 26, 1), {}), (13, {})],
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
    expected=lambda: (ops.output_size(32, 3), ops.output_size(32, 3), 16),
    hint="hint_ch05_output_shape",
    right=[((30, 30, 16), {}), ([30, 30, 16], {}), ((30.0, 30, 16), {})],
    wrong=[((30, 30, 3), {}), ((32, 32, 16), {}), ((1, 30, 30, 16), {}), ((30, 30), {}), (30, {})],
)

exercise(
    "ch05.params",
    expected=lambda: (5 * 5 * 3 + 1) * 64,
    hint="hint_ch05_params",
    right=[(4864, {}), (np.int64(4864), {})],
    wrong=[(4800, {}), (1664, {}), (76, {}), ((4864,), {}), ("4864", {})],
)

exercise(
    "ch05.layers_needed",
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

exercise(
    "ch06.pool2_shape",
    expected=lambda: (7, 7, 64),
    hint="hint_ch06_pool2_shape",
    right=[((7, 7, 64), {}), ([7, 7, 64], {})],
    wrong=[
        ((14, 14, 64), {}),
        ((7, 7, 32), {}),
        ((None, 7, 7, 64), {}),
        ((1, 7, 7, 64), {}),
        (3136, {}),
    ],
)

exercise(
    "ch06.conv2_params",
    expected=lambda: (3 * 3 * 32 + 1) * 64,
    hint="hint_ch06_conv2_params",
    right=[(18496, {}), (np.int64(18496), {})],
    wrong=[(18432, {}), (640, {}), ((3 * 3 * 1 + 1) * 64, {}), ((18496,), {}), ("18496", {})],
)


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

exercise(
    "ch06.no_pool2_params",
    expected=lambda: (
        (3 * 3 * 1 + 1) * 32 + (3 * 3 * 32 + 1) * 64 + (14 * 14 * 64 + 1) * 128 + (128 + 1) * 10
    ),
    hint="hint_ch06_no_pool2_params",
    right=[(1625866, {}), (np.int64(1625866), {})],
    wrong=[(421642, {}), (1605760, {}), (1625738, {}), ("1625866", {})],
)
# --- Chapter 7, Going further ---

exercise(
    "ch07.bn_params",
    expected=lambda: 4 * 64,
    hint="hint_ch07_bn_params",
    right=[(256, {}), (np.int64(256), {})],
    wrong=[(128, {}), (64, {}), (2 * 64 + 1, {}), ((256,), {}), ("256", {})],
)


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

exercise(
    "ch07.third_block_params",
    expected=lambda: (
        320
        + 4 * 32
        + 18496
        + 4 * 64
        + (3 * 3 * 64 + 1) * 128
        + 4 * 128
        + (3 * 3 * 128 + 1) * 128
        + (128 + 1) * 10
    ),
    hint="hint_ch07_third_block",
    right=[(242442, {}), (np.int64(242442), {})],
    wrong=[(422026, {}), (496394, {}), (241930, {}), ("242442", {})],
)
