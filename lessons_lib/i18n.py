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
    # --- exercise checkers (lessons_lib.checks) ---
    "check_correct": {
        "en": "Correct! Well done.",
        "ru": "Верно! Отличная работа.",
        "nl": "Goed zo! Helemaal juist.",
    },
    "check_not_solved": {
        "en": "Not solved yet: replace None with your answer and run the cell again.",
        "ru": "Пока не решено: замените None своим ответом и снова выполните ячейку.",
        "nl": "Nog niet opgelost: vervang None door je antwoord en voer de cel opnieuw uit.",
    },
    "check_wrong_type": {
        "en": "Wrong type: expected {expected}, got {got}.",
        "ru": "Не тот тип: ожидалось {expected}, а получено {got}.",
        "nl": "Verkeerd type: verwacht was {expected}, maar je gaf {got}.",
    },
    "check_wrong_value": {
        "en": "The type is right, but {got} is not the answer.",
        "ru": "Тип правильный, но {got} — не тот ответ.",
        "nl": "Het type klopt, maar {got} is niet het antwoord.",
    },
    "check_wrong_length": {
        "en": "Wrong number of entries: expected {expected}, got {got}.",
        "ru": "Не то число элементов: ожидалось {expected}, получено {got}.",
        "nl": "Verkeerd aantal elementen: verwacht {expected}, gekregen {got}.",
    },
    "check_wrong_shape": {
        "en": "Wrong shape: expected {expected}, got {got}.",
        "ru": "Не та форма: ожидалась {expected}, получена {got}.",
        "nl": "Verkeerde vorm: verwacht {expected}, gekregen {got}.",
    },
    "check_wrong_values": {
        "en": "The shape is right, but {count} of {total} values are wrong; the first at index {where}.",
        "ru": "Форма верная, но {count} из {total} значений неверны; первое — в позиции {where}.",
        "nl": "De vorm klopt, maar {count} van de {total} waarden zijn fout; de eerste op index {where}.",
    },
    "check_unknown": {
        "en": "There is no exercise called {name!r}.",
        "ru": "Упражнения с именем {name!r} нет.",
        "nl": "Er is geen oefening met de naam {name!r}.",
    },
    "check_error": {
        "en": "Your answer could not be checked ({error}). Look at its type and shape.",
        "ru": "Ответ не удалось проверить ({error}). Проверьте его тип и форму.",
        "nl": "Je antwoord kon niet worden gecontroleerd ({error}). Kijk naar het type en de vorm.",
    },
    "check_hint": {"en": "Hint: {hint}", "ru": "Подсказка: {hint}", "nl": "Tip: {hint}"},
    "type_bool": {"en": "True or False", "ru": "True или False", "nl": "True of False"},
    "type_number": {"en": "a number", "ru": "число", "nl": "een getal"},
    "type_numbers": {"en": "numbers", "ru": "числа", "nl": "getallen"},
    "type_text": {"en": "a text", "ru": "строка", "nl": "een tekst"},
    "type_array": {
        "en": "an array of shape {shape}",
        "ru": "массив формы {shape}",
        "nl": "een array met vorm {shape}",
    },
    "type_sequence": {
        "en": "a tuple of {length}",
        "ru": "кортеж из {length} элементов",
        "nl": "een tuple van {length}",
    },
    "student_placeholder": {
        "en": "Your solution here: fill in the answer cell above, then run the check below.",
        "ru": "Здесь ваше решение: заполните ячейку с ответом выше и запустите проверку ниже.",
        "nl": "Jouw oplossing: vul de antwoordcel hierboven in en voer daarna de controle hieronder uit.",
    },
    "student_placeholder_text": {
        "en": "*The solution is in the teacher's edition.*",
        "ru": "*Решение есть в версии для преподавателя.*",
        "nl": "*De uitwerking staat in de docentenversie.*",
    },
    # --- chapter 2 exercises ---
    "hint_ch02_output_size": {
        "en": "without padding, a k x k kernel fits n - k + 1 times along a side of n pixels.",
        "ru": "без дополнения ядро k x k помещается вдоль стороны из n пикселей n - k + 1 раз.",
        "nl": "zonder opvulling past een k x k-kernel n - k + 1 keer langs een zijde van n pixels.",
    },
    "hint_ch02_diagonal": {
        "en": "put ones where the diagonal runs through the window and zeros elsewhere.",
        "ru": "поставьте единицы там, где диагональ проходит через окно, а остальное заполните нулями.",
        "nl": "zet enen waar de diagonaal door het venster loopt en nullen op de andere plekken.",
    },
    "hint_ch02_flipped": {
        "en": "flip feature_map left to right with np.fliplr, then think about the sign.",
        "ru": "отразите feature_map слева направо с помощью np.fliplr и подумайте о знаке.",
        "nl": "spiegel feature_map van links naar rechts met np.fliplr en denk dan aan het teken.",
    },
    "ch02_diagonal_not_three": {
        "en": "On the diagonal your kernel gives {got}; every value there should be 3.",
        "ru": "На диагонали ваше ядро даёт {got}, а там везде должно быть 3.",
        "nl": "Op de diagonaal geeft je kernel {got}; daar zou overal 3 moeten staan.",
    },
    "ch02_diagonal_off": {
        "en": "The diagonal is 3, but off the diagonal the map reaches {got} too: the largest value must be on the diagonal only.",
        "ru": "На диагонали получилось 3, но и вне её карта доходит до {got}: наибольшее значение должно быть только на диагонали.",
        "nl": "Op de diagonaal staat 3, maar ernaast haalt de map ook {got}: de grootste waarde mag alleen op de diagonaal staan.",
    },
    "ch02_diagonal_lines": {
        "en": "On the diagonal it works, but on the image lines (or lines.T) your kernel reaches {got}: a diagonal detector must stay below 3 on straight lines.",
        "ru": "Диагональ находится, но на изображении lines (или lines.T) ваше ядро доходит до {got}: детектор диагонали должен давать на прямых линиях меньше 3.",
        "nl": "Op de diagonaal werkt het, maar op de afbeelding lines (of lines.T) haalt je kernel {got}: een diagonaaldetector moet op rechte lijnen onder 3 blijven.",
    },
    # --- chapter 1 strings (add below) ---
    # --- chapter 3 strings (add below) ---
    # --- chapter 4 strings (add below) ---
    # --- chapter 5 strings (add below) ---
    # --- chapter 6 strings (add below) ---
    # --- chapter 7 strings (add below) ---
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
