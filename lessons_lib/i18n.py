"""Every string the helpers show a reader, in English, Russian and Dutch.

This is the only module that knows about languages. The other modules ask
it for text by key (:func:`t`) and never hold a sentence of their own. The
current language is set once per notebook by :func:`lessons_lib.setup`.
"""

LANGUAGES = ("en", "ru", "nl")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE

#: Fashion-MNIST class names, index = label.
CLASS_NAMES = {
    "en": (
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ),
    "ru": (
        "Футболка/топ", "Брюки", "Пуловер", "Платье", "Пальто",
        "Сандалия", "Рубашка", "Кроссовок", "Сумка", "Ботинок",
    ),
    "nl": (
        "T-shirt/top", "Broek", "Trui", "Jurk", "Jas",
        "Sandaal", "Overhemd", "Sneaker", "Tas", "Enkellaars",
    ),
}

#: Labels of figures and messages, by key and language.
STRINGS = {
    "image": {"en": "image", "ru": "изображение", "nl": "afbeelding"},
    "kernel": {"en": "kernel", "ru": "ядро", "nl": "kernel"},
    "feature_map": {"en": "feature map", "ru": "карта признаков", "nl": "feature map"},
    "patch": {
        "en": "patch under the kernel",
        "ru": "фрагмент под ядром",
        "nl": "stukje onder de kernel",
    },
    "products": {
        "en": "element-wise products",
        "ru": "поэлементные произведения",
        "nl": "elementgewijze producten",
    },
    "sum_is": {"en": "sum = {value:g}", "ru": "сумма = {value:g}", "nl": "som = {value:g}"},
    "output_at": {
        "en": "output at ({row}, {col})",
        "ru": "выход ({row}, {col})",
        "nl": "uitvoer op ({row}, {col})",
    },
    "filter": {"en": "filter {index}", "ru": "фильтр {index}", "nl": "filter {index}"},
    "epoch": {"en": "epoch", "ru": "эпоха", "nl": "epoch"},
    "accuracy": {"en": "accuracy", "ru": "точность", "nl": "nauwkeurigheid"},
    "loss": {"en": "loss", "ru": "потери", "nl": "verlies"},
    "training": {"en": "training", "ru": "обучение", "nl": "training"},
    "validation": {"en": "validation", "ru": "проверка", "nl": "validatie"},
    "true_label": {"en": "true class", "ru": "истинный класс", "nl": "werkelijke klasse"},
    "predicted_label": {
        "en": "predicted class",
        "ru": "предсказанный класс",
        "nl": "voorspelde klasse",
    },
    "confusion_matrix": {
        "en": "confusion matrix",
        "ru": "матрица ошибок",
        "nl": "confusiematrix",
    },
    "true_vs_predicted": {
        "en": "true: {true}\npredicted: {pred}",
        "ru": "истина: {true}\nпрогноз: {pred}",
        "nl": "werkelijk: {true}\nvoorspeld: {pred}",
    },
}


def _check_language(lang):
    if lang not in LANGUAGES:
        raise ValueError(
            f"lang must be one of {', '.join(map(repr, LANGUAGES))}, "
            f"got {lang!r}"
        )
    return lang


def set_language(lang):
    """Make ``lang`` the language of every label and message.

    Parameters
    ----------
    lang : {"en", "ru", "nl"}
        The edition's language.

    Raises
    ------
    ValueError
        For a language the course has no edition in.

    Introduced in chapter 2, Convolution (called by the setup cell).
    """
    global _current
    _current = _check_language(lang)


def get_language():
    """Return the current language code ("en", "ru" or "nl").

    Introduced in chapter 2, Convolution.
    """
    return _current


def t(key, lang=None, **values):
    """Return the text for ``key`` in ``lang`` (default: the current one).

    Parameters
    ----------
    key : str
        A key of :data:`STRINGS`.
    lang : str, optional
        Language code; by default the one set by :func:`set_language`.
    **values
        Filled into the text's ``{placeholders}``.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        For an unknown key, naming the known ones.

    Examples
    --------
    >>> t("kernel", "ru")
    'ядро'

    Introduced in chapter 2, Convolution.
    """
    lang = _check_language(lang or _current)
    if key not in STRINGS:
        raise KeyError(f"no text with key {key!r}; known keys: {sorted(STRINGS)}")
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def class_names(lang=None):
    """The ten Fashion-MNIST class names in ``lang``, index = label.

    Examples
    --------
    >>> class_names("nl")[9]
    'Enkellaars'

    Introduced in chapter 1, Images as numbers.
    """
    return list(CLASS_NAMES[_check_language(lang or _current)])
