"""Every string the helpers show a reader, in English, Russian and Dutch.

This is the only module that knows about languages. The other modules ask
it for text by key (:func:`t`) and never hold a sentence of their own. The
current language is set once per notebook by :func:`lessons_lib.setup`.
"""

import re

LANGUAGES = ("en", "ru", "nl")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE

#: Fashion-MNIST class names, index = label.
CLASS_NAMES = {
    "en": (
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    ),
    "ru": (
        "Футболка/топ",
        "Брюки",
        "Пуловер",
        "Платье",
        "Пальто",
        "Сандалия",
        "Рубашка",
        "Кроссовка",
        "Сумка",
        "Ботинок",
    ),
    "nl": (
        "T-shirt/top",
        "Broek",
        "Trui",
        "Jurk",
        "Jas",
        "Sandaal",
        "Overhemd",
        "Sneaker",
        "Tas",
        "Enkellaars",
    ),
}

#: Labels of figures and messages, by key and language.
STRINGS = {
    "image": {"en": "image", "ru": "изображение", "nl": "afbeelding"},
    "kernel": {"en": "kernel", "ru": "ядро", "nl": "kernel"},
    "feature_map": {"en": "feature map", "ru": "карта признаков", "nl": "feature map"},
    "products": {
        "en": "element-wise products",
        "ru": "поэлементные произведения",
        "nl": "elementgewijze producten",
    },
    "sum_is": {"en": "sum = {value}", "ru": "сумма = {value}", "nl": "som = {value}"},
    "output_at": {
        "en": "output at ({row}, {col})",
        "ru": "выход ({row}, {col})",
        "nl": "uitvoer op ({row}, {col})",
    },
    "filter": {"en": "filter {index}", "ru": "фильтр {index}", "nl": "filter {index}"},
    "epoch": {"en": "epoch", "ru": "эпоха", "nl": "epoch"},
    "accuracy": {"en": "accuracy", "ru": "точность", "nl": "nauwkeurigheid"},
    "summary_model": {"en": "Model: {name}", "ru": "Модель: {name}", "nl": "Model: {name}"},
    "summary_layer": {"en": "Layer (type)", "ru": "Слой (тип)", "nl": "Laag (type)"},
    "summary_shape": {"en": "Output shape", "ru": "Форма выхода", "nl": "Vorm van de uitvoer"},
    "summary_params": {"en": "Parameters", "ru": "Параметры", "nl": "Parameters"},
    "summary_total": {
        "en": "Total parameters: {total} (trainable: {trainable}; non-trainable: {frozen})",
        "ru": "Всего параметров: {total} (обучаемых: {trainable}, необучаемых: {frozen})",
        "nl": "Parameters in totaal: {total} (trainbaar: {trainable}, niet trainbaar: {frozen})",
    },
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
    # --- experiments (plots.shift_curve, plots.occlusion_map) ---
    "shift_pixels": {
        "en": "shift in pixels",
        "ru": "сдвиг в пикселях",
        "nl": "verschuiving in pixels",
    },
    "occlusion_image": {
        "en": "{name}: probability {p}",
        "ru": "{name}: вероятность {p}",
        "nl": "{name}: kans {p}",
    },
    "occlusion_drop": {
        "en": "how much covering lowers P({name})",
        "ru": "насколько закрытие снижает P({name})",
        "nl": "hoeveel afdekken P({name}) verlaagt",
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
        "en": "Wrong type: the answer should be {expected}, but yours is {got}.",
        "ru": "Не тот тип ответа: ожидается {expected}, а ваш ответ — {got}.",
        "nl": "Verkeerd type: verwacht was {expected}, maar je antwoord is {got}.",
    },
    "check_wrong_value": {
        "en": "The type is right, but {got} is not the answer.",
        "ru": "Тип правильный, но {got} — не тот ответ.",
        "nl": "Het type klopt, maar {got} is niet het antwoord.",
    },
    "check_wrong_length": {
        "en": "Wrong number of entries: the answer should have {expected}, but yours has {got}.",
        "ru": "Не то число элементов. Ожидается: {expected}; в вашем ответе: {got}.",
        "nl": "Verkeerd aantal elementen: het antwoord hoort {expected} te hebben, maar jouw antwoord heeft {got}.",
    },
    "check_wrong_shape": {
        "en": "Wrong shape: the answer should have shape {expected}, but yours has shape {got}.",
        "ru": "Не та форма: нужна форма {expected}, а у вашего ответа форма {got}.",
        "nl": "Verkeerde vorm: verwacht was de vorm {expected}, maar je antwoord heeft de vorm {got}.",
    },
    "check_wrong_values": {
        "en": "The shape is right, but {wrong}; the first wrong one is at index {where}.",
        "ru": "Форма верная, но {wrong}; первое неверное — в позиции {where}.",
        "nl": "De vorm klopt, maar {wrong}; de eerste foute staat op index {where}.",
    },
    "check_unknown": {
        "en": "There is no exercise called {name!r}.",
        "ru": "Упражнения с именем {name!r} нет.",
        "nl": "Er is geen oefening met de naam {name!r}.",
    },
    "check_error": {
        "en": "Your answer could not be checked. Look at its type and shape, and run the cells above it again.",
        "ru": "Ответ не удалось проверить. Посмотрите на его тип и форму и снова выполните ячейки над ним.",
        "nl": "Je antwoord kon niet worden gecontroleerd. Kijk naar het type en de vorm, en voer de cellen erboven opnieuw uit.",
    },
    "check_hint": {"en": "Hint: {hint}", "ru": "Подсказка: {hint}", "nl": "Tip: {hint}"},
    "check_hint_more": {
        "en": "A further hint: {hint}",
        "ru": "Ещё одна подсказка: {hint}",
        "nl": "Nog een tip: {hint}",
    },
    "type_bool": {
        "en": "a truth value (True or False)",
        "ru": "логическое значение (True или False)",
        "nl": "een waarheidswaarde (True of False)",
    },
    "type_number": {"en": "a number", "ru": "число", "nl": "een getal"},
    "type_numbers": {
        "en": "a tuple of numbers only",
        "ru": "кортеж из одних чисел",
        "nl": "een tuple met alleen getallen",
    },
    "type_mixed": {
        "en": "{sequence}, not all of them numbers",
        "ru": "{sequence}, и не все они числа",
        "nl": "{sequence}, en niet allemaal getallen",
    },
    "type_text": {"en": "a text (a string)", "ru": "текст (строка)", "nl": "een tekst"},
    "type_array": {
        "en": "an array of shape {shape}",
        "ru": "массив формы {shape}",
        "nl": "een array met de vorm {shape}",
    },
    "type_dict": {"en": "a dictionary", "ru": "словарь", "nl": "een dictionary"},
    "type_set": {"en": "a set", "ru": "множество", "nl": "een verzameling (set)"},
    "type_function": {"en": "a function", "ru": "функция", "nl": "een functie"},
    "type_other": {
        "en": "an object of another kind",
        "ru": "объект другого типа",
        "nl": "een object van een ander soort",
    },
    "grading_code_stub": {
        "en": "Your code here: give the variable above its value, then run the check below.",
        "ru": "Здесь ваш код: присвойте переменной выше её значение и запустите проверку ниже.",
        "nl": "Jouw code hier: geef de variabele hierboven zijn waarde en voer daarna de controle hieronder uit.",
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
    # --- predict, then run (lessons_lib.checks: a prediction against the reader's run) ---
    "lab_run_missing": {
        "en": "Your results could not be read: run the training cells above this one again, then this check.",
        "ru": "Не удалось прочитать результаты вашего запуска: снова выполните ячейки с обучением выше, а затем эту проверку.",
        "nl": "Je resultaten konden niet worden gelezen: voer de trainingscellen hierboven opnieuw uit en daarna deze controle.",
    },
    "lab_pick_one": {
        "en": "Give one of {choices} as text, for example {example}.",
        "ru": "Укажите в виде текста одно из значений {choices}, например {example}.",
        "nl": "Geef een van {choices} als tekst, bijvoorbeeld {example}.",
    },
    "lab_kernel_format": {
        "en": "Give two rankings of the kernel sizes {sizes}: first from the most to the fewest parameters, then from the highest to the lowest validation accuracy, for example {example}.",
        "ru": "Дважды упорядочьте размеры ядра {sizes}: сначала от наибольшего числа параметров к наименьшему, затем от самой высокой точности на проверке к самой низкой, например {example}.",
        "nl": "Geef twee rangordes van de kernelgroottes {sizes}: eerst van de meeste naar de minste parameters, dan van de hoogste naar de laagste validatienauwkeurigheid, bijvoorbeeld {example}.",
    },
    "lab_kernel_params": {
        "en": "By parameters your run ranks the kernel sizes as {actual}, with {counts} parameters, but you predicted {got}.",
        "ru": "В вашем запуске по числу параметров размеры ядра идут в таком порядке: {actual} (параметров соответственно {counts}), а вы предсказали {got}.",
        "nl": "Naar het aantal parameters ordent je experiment de kernelgroottes als {actual}, met {counts} parameters, maar je voorspelde {got}.",
    },
    "lab_kernel_accuracy": {
        "en": "By validation accuracy your run ranks the kernel sizes as {actual}, with {accuracies}, but you predicted {got}.",
        "ru": "В вашем запуске по точности на проверке размеры ядра идут в таком порядке: {actual} (точность соответственно {accuracies}), а вы предсказали {got}.",
        "nl": "Naar validatienauwkeurigheid ordent je experiment de kernelgroottes als {actual}, met {accuracies}, maar je voorspelde {got}.",
    },
    "hint_lab_kernel": {
        "en": "a k × k filter has k · k · c_in weights and one bias, so its parameters grow with k · k; the accuracies are the ones your own run measured, in results.",
        "ru": "у фильтра k × k есть k · k · c_in весов и одно смещение, поэтому число его параметров растёт как k · k; точности — те, что измерил ваш собственный запуск, они в results.",
        "nl": "een filter van k × k heeft k · k · c_in gewichten en één bias, dus het aantal parameters groeit met k · k; de nauwkeurigheden zijn die van je eigen experiment, in results.",
    },
    "hint_lab_kernel_nudge": {
        "en": "how does the number of weights of one filter grow when its kernel gets larger? The accuracies come from your own run, not from a rule.",
        "ru": "как растёт число весов одного фильтра, когда его ядро становится больше? А точности взяты из вашего собственного запуска, а не из какого-то правила.",
        "nl": "hoe groeit het aantal gewichten van één filter als de kernel groter wordt? De nauwkeurigheden komen uit je eigen experiment, niet uit een regel.",
    },
    "lab_cnn_won": {
        "en": "In your run the CNN did better: validation accuracy {cnn} against {dense} for the dense network, with {cnn_params} parameters against {dense_params}.",
        "ru": "В вашем запуске свёрточная сеть оказалась лучше: точность на проверке {cnn} против {dense} у полносвязной сети (параметров: {cnn_params} против {dense_params}).",
        "nl": "In je experiment was het convolutionele netwerk beter: validatienauwkeurigheid {cnn} tegen {dense} voor het dense netwerk, met {cnn_params} parameters tegen {dense_params}.",
    },
    "lab_dense_won": {
        "en": "In your run the dense network did better: validation accuracy {dense} against {cnn} for the CNN, with {dense_params} parameters against {cnn_params}.",
        "ru": "В вашем запуске полносвязная сеть оказалась лучше: точность на проверке {dense} против {cnn} у свёрточной сети (параметров: {dense_params} против {cnn_params}).",
        "nl": "In je experiment was het dense netwerk beter: validatienauwkeurigheid {dense} tegen {cnn} voor het convolutionele netwerk, met {dense_params} parameters tegen {cnn_params}.",
    },
    "lab_epoch_format": {
        "en": "Give the epoch as a whole number from 1 to {last}, counting the first epoch as 1.",
        "ru": "Укажите эпоху целым числом от 1 до {last}; первая эпоха имеет номер 1.",
        "nl": "Geef de epoch als een geheel getal van 1 tot en met {last}; de eerste epoch telt als 1.",
    },
    "lab_patience_stopped": {
        "en": "With patience={patience}, EarlyStopping would stop after epoch {last} and keep epoch {kept}, whose validation loss of {loss} was the lowest up to then; you predicted epoch {got}.",
        "ru": "При patience={patience} EarlyStopping остановил бы обучение после эпохи {last} и сохранил бы эпоху {kept}: её потери на проверке, {loss}, были наименьшими до того момента. Вы предсказали эпоху {got}.",
        "nl": "Met patience={patience} zou EarlyStopping na epoch {last} stoppen en epoch {kept} bewaren, met het laagste validatieverlies tot dan toe ({loss}); je voorspelde epoch {got}.",
    },
    "lab_patience_ran_on": {
        "en": "With patience={patience}, EarlyStopping would not stop before the last epoch, {last}, and would keep epoch {kept}, whose validation loss of {loss} was the lowest; you predicted epoch {got}.",
        "ru": "При patience={patience} EarlyStopping не остановил бы обучение до последней эпохи ({last}) и сохранил бы эпоху {kept} с наименьшими потерями на проверке, {loss}. Вы предсказали эпоху {got}.",
        "nl": "Met patience={patience} zou EarlyStopping niet vóór de laatste epoch ({last}) stoppen en epoch {kept} bewaren, met het laagste validatieverlies ({loss}); je voorspelde epoch {got}.",
    },
    "hint_lab_patience": {
        "en": "epochs count from 1; EarlyStopping keeps the epoch with the lowest val_loss so far and stops once patience epochs in a row have not beaten it.",
        "ru": "эпохи считаются с 1; EarlyStopping сохраняет эпоху с наименьшим на тот момент val_loss и останавливается, когда patience эпох подряд не смогли его улучшить.",
        "nl": "epochs tellen vanaf 1; EarlyStopping bewaart de epoch met het tot dan toe laagste val_loss en stopt zodra patience epochs op rij dat niet verbeterd hebben.",
    },
    "hint_lab_patience_nudge": {
        "en": "go through val_loss epoch by epoch and mark each new lowest value: which of them is the last one before training stops?",
        "ru": "пройдите по val_loss эпоху за эпохой и отмечайте каждое новое наименьшее значение: какое из них последнее перед остановкой обучения?",
        "nl": "loop val_loss epoch voor epoch door en markeer elke nieuwe laagste waarde: welke daarvan is de laatste voordat het trainen stopt?",
    },
    "lab_shift_cnn_kept": {
        "en": "In your run the CNN lost less: shifted by {pixels}, its accuracy went from {cnn_before} to {cnn_after}, and the dense network's from {dense_before} to {dense_after}.",
        "ru": "В вашем запуске свёрточная сеть потеряла меньше: при сдвиге на {pixels} её точность изменилась с {cnn_before} до {cnn_after}, а точность полносвязной сети — с {dense_before} до {dense_after}.",
        "nl": "In je experiment verloor het convolutionele netwerk minder: bij een verschuiving van {pixels} ging de nauwkeurigheid van {cnn_before} naar {cnn_after}, en die van het dense netwerk van {dense_before} naar {dense_after}.",
    },
    "lab_shift_dense_kept": {
        "en": "In your run the dense network lost less: shifted by {pixels}, its accuracy went from {dense_before} to {dense_after}, and the CNN's from {cnn_before} to {cnn_after}.",
        "ru": "В вашем запуске полносвязная сеть потеряла меньше: при сдвиге на {pixels} её точность изменилась с {dense_before} до {dense_after}, а точность свёрточной сети — с {cnn_before} до {cnn_after}.",
        "nl": "In je experiment verloor het dense netwerk minder: bij een verschuiving van {pixels} ging de nauwkeurigheid van {dense_before} naar {dense_after}, en die van het convolutionele netwerk van {cnn_before} naar {cnn_after}.",
    },
    "lab_unknown_change": {
        "en": "Your results have no change called {got}; give one of {choices}.",
        "ru": "В ваших результатах нет изменения с названием {got}; укажите одно из этих: {choices}.",
        "nl": "Je resultaten hebben geen verandering met de naam {got}; geef een van {choices}.",
    },
    "lab_best_change": {
        "en": "In your run {best} helped most: its validation accuracy was {best_acc}, against {base_acc} without any change; {got} reached {got_acc}.",
        "ru": "В вашем запуске больше всего помогло изменение {best}: точность на проверке {best_acc} против {base_acc} без изменений, а у {got} — {got_acc}.",
        "nl": "In je experiment hielp {best} het meest: validatienauwkeurigheid {best_acc}, tegen {base_acc} zonder verandering; {got} haalde {got_acc}.",
    },
    "lab_head_format": {
        "en": "Give a pair (fewer_parameters, accuracy): True or False, then 'higher', 'lower' or 'same', for example (True, 'lower').",
        "ru": "Укажите пару (fewer_parameters, accuracy): True или False, затем 'higher', 'lower' или 'same', например (True, 'lower').",
        "nl": "Geef een paar (fewer_parameters, accuracy): True of False, dan 'higher', 'lower' of 'same', bijvoorbeeld (True, 'lower').",
    },
    "lab_head_params": {
        "en": "The all-convolutional model has {conv} and the course CNN has {cnn}, so in your run fewer_parameters is {truth}.",
        "ru": "У полностью свёрточной модели {conv}, а у свёрточной сети курса — {cnn}, поэтому в вашем запуске fewer_parameters равно {truth}.",
        "nl": "Het volledig convolutionele model heeft {conv} en het convolutionele netwerk van de cursus {cnn}, dus in je experiment is fewer_parameters {truth}.",
    },
    "lab_head_accuracy": {
        "en": "The all-convolutional model's validation accuracy was {conv} against the course CNN's {cnn}, a difference of {diff} points; with a tolerance of {tolerance} points the answer for your run is {verdict}.",
        "ru": "Точность полностью свёрточной модели на проверке — {conv} против {cnn} у свёрточной сети курса, разница составляет {diff} п. п.; с допуском {tolerance} п. п. для вашего запуска ответ — {verdict}.",
        "nl": "De validatienauwkeurigheid van het volledig convolutionele model was {conv} tegen {cnn} voor het convolutionele netwerk van de cursus, een verschil van {diff} procentpunt; met een marge van {tolerance} procentpunt is het antwoord voor je experiment {verdict}.",
    },
    "lab_square_format": {
        "en": "Give the top-left pixel (row, col) of a square: row and col from 0 to {last}, in steps of {stride}.",
        "ru": "Укажите левый верхний пиксель квадрата (row, col): row и col от 0 до {last} с шагом {stride}.",
        "nl": "Geef de pixel linksboven (row, col) van een vierkant: row en col van 0 tot en met {last}, in stappen van {stride}.",
    },
    "lab_square": {
        "en": "In your run, covering rows {rows} and columns {cols} lowers P({name}) most, by {drop}; your square, rows {got_rows} and columns {got_cols}, lowers it by {got_drop}.",
        "ru": "В вашем запуске вероятность P({name}) сильнее всего снижается, если закрыть строки {rows} и столбцы {cols}: на {drop}. Ваш квадрат, строки {got_rows} и столбцы {got_cols}, снижает её на {got_drop}.",
        "nl": "In je experiment verlaagt het afdekken van de rijen {rows} en de kolommen {cols} P({name}) het meest, met {drop}; jouw vierkant, rijen {got_rows} en kolommen {got_cols}, verlaagt de kans met {got_drop}.",
    },
    "lab_square_raises": {
        "en": "In your run, covering rows {rows} and columns {cols} lowers P({name}) most, by {drop}; your square, rows {got_rows} and columns {got_cols}, even raises it, by {got_drop}: what it hides speaks against {name}.",
        "ru": "В вашем запуске вероятность P({name}) сильнее всего снижается, если закрыть строки {rows} и столбцы {cols}: на {drop}. Ваш квадрат, строки {got_rows} и столбцы {got_cols}, её даже повышает, на {got_drop}: то, что он закрывает, говорит против класса «{name}».",
        "nl": "In je experiment verlaagt het afdekken van de rijen {rows} en de kolommen {cols} P({name}) het meest, met {drop}; jouw vierkant, rijen {got_rows} en kolommen {got_cols}, verhoogt de kans zelfs, met {got_drop}: wat het afdekt, pleit tegen {name}.",
    },
    # --- chapter 2 exercises ---
    "hint_ch02_output_size": {
        "en": "without padding, a k × k kernel fits n - k + 1 times along a side of n pixels.",
        "ru": "без дополнения ядро k × k помещается вдоль стороны из n пикселей n − k + 1 раз.",
        "nl": "zonder opvulling past een kernel van k × k precies n - k + 1 keer langs een zijde van n pixels.",
    },
    "hint_ch02_output_size_nudge": {
        "en": "the feature map has one value for each position where the whole kernel fits inside the image: how many such positions are there along one side?",
        "ru": "в карте признаков по одному значению на каждое положение, в котором ядро целиком помещается в изображение: сколько таких положений вдоль одной стороны?",
        "nl": "de feature map heeft één waarde voor elke positie waarop de hele kernel binnen de afbeelding past: hoeveel van zulke posities zijn er langs één zijde?",
    },
    "hint_ch02_diagonal": {
        "en": "put ones where the diagonal runs through the window, from the top left to the bottom right, and zeros elsewhere.",
        "ru": "поставьте единицы там, где диагональ проходит через окно из левого верхнего угла в правый нижний, а остальное заполните нулями.",
        "nl": "zet enen waar de diagonaal door het venster loopt, van linksboven naar rechtsonder, en nullen op de andere plekken.",
    },
    "hint_ch02_diagonal_nudge": {
        "en": "a kernel responds most where the patch under it looks like the kernel itself: what should your kernel look like?",
        "ru": "ядро сильнее всего откликается там, где участок изображения под ним похож на само ядро: как должно выглядеть ваше ядро?",
        "nl": "een kernel reageert het sterkst waar het stuk afbeelding eronder op de kernel zelf lijkt: hoe moet jouw kernel er dan uitzien?",
    },
    "hint_ch02_flipped": {
        "en": "flip feature_map left to right with np.fliplr, then think about the sign.",
        "ru": "отразите feature_map слева направо с помощью np.fliplr и подумайте о знаке.",
        "nl": "spiegel feature_map van links naar rechts met np.fliplr en denk dan aan het teken.",
    },
    "hint_ch02_flipped_nudge": {
        "en": "mirroring the image changes two things: where each window ends up in the feature map, and what the kernel sees in it.",
        "ru": "отражение изображения меняет две вещи: куда каждое окно попадает в карте признаков и что ядро в нём видит.",
        "nl": "het spiegelen van de afbeelding verandert twee dingen: waar elk venster in de feature map terechtkomt, en wat de kernel erin ziet.",
    },
    "ch02_diagonal_not_three": {
        "en": "On the diagonal your kernel gives {got}; every value there should be 3.",
        "ru": "На диагонали ваше ядро даёт {got}, а там везде должно быть 3.",
        "nl": "Op de diagonaal geeft je kernel {got}; daar zou overal 3 moeten staan.",
    },
    "ch02_diagonal_off": {
        "en": "The diagonal is 3, but off the diagonal the map reaches {got} too: the largest value must be on the diagonal only.",
        "ru": "На диагонали получилось 3, но и вне её карта доходит до {got}: наибольшее значение должно быть только на диагонали.",
        "nl": "Op de diagonaal staat 3, maar ernaast haalt de feature map ook {got}: de grootste waarde mag alleen op de diagonaal staan.",
    },
    "ch02_diagonal_lines": {
        "en": "On the diagonal it works, but on the image lines (or lines.T) your kernel reaches {got}: a diagonal detector must stay below 3 on vertical and horizontal lines.",
        "ru": "Диагональ находится, но на изображении lines (или lines.T) ваше ядро доходит до {got}: детектор диагонали должен давать на вертикальных и горизонтальных линиях меньше 3.",
        "nl": "Op de diagonaal werkt het, maar op de afbeelding lines (of lines.T) haalt je kernel {got}: een diagonaaldetector moet op verticale en horizontale lijnen onder 3 blijven.",
    },
    # --- Chapter 1, Images as numbers ---
    "whole_image": {
        "en": "the whole image, {h} × {w}",
        "ru": "всё изображение, {h} × {w}",
        "nl": "de hele afbeelding, {h} × {w}",
    },
    "pixels_at": {
        "en": "rows {r0}–{r1}, columns {c0}–{c1}",
        "ru": "строки {r0}–{r1}, столбцы {c0}–{c1}",
        "nl": "rijen {r0}–{r1}, kolommen {c0}–{c1}",
    },
    "true_predicted_title": {
        "en": "true: {true}\npredicted: {pred}",
        "ru": "верный класс: {true}\nответ сети: {pred}",
        "nl": "werkelijk: {true}\nvoorspeld: {pred}",
    },
    "probability": {"en": "probability", "ru": "вероятность", "nl": "kans"},
    "flattened_title": {
        "en": "the same pixels in one row: a vector of {n} numbers",
        "ru": "те же пиксели в один ряд: вектор из {n} чисел",
        "nl": "dezelfde pixels op één rij: een vector van {n} getallen",
    },
    "vector_index": {
        "en": "position in the vector (a tick at the start of every image row)",
        "ru": "позиция в векторе (штрих в начале каждой строки изображения)",
        "nl": "positie in de vector (een streepje aan het begin van elke beeldrij)",
    },
    "hint_ch01_dense_params": {
        "en": "every input is connected to every unit (inputs × units weights), and every unit has one bias.",
        "ru": "каждый вход связан с каждым нейроном (всего весов: входы × нейроны), и у каждого нейрона есть одно смещение.",
        "nl": "elke invoerwaarde is verbonden met elk neuron (het aantal gewichten is dus het aantal invoerwaarden × het aantal neuronen), en elk neuron heeft één bias.",
    },
    "hint_ch01_dense_params_nudge": {
        "en": "start with a single unit: how many inputs does it see, and which parameter does it have besides its weights?",
        "ru": "начните с одного нейрона: сколько входов он видит и какой параметр есть у него, кроме весов?",
        "nl": "begin met één neuron: hoeveel invoerwaarden ziet het, en welke parameter heeft het naast zijn gewichten?",
    },
    "hint_ch01_normalised": {
        "en": "normalising divides every pixel by 255.",
        "ru": "при нормализации каждый пиксель делится на 255.",
        "nl": "normaliseren deelt elke pixel door 255.",
    },
    "hint_ch01_normalised_nudge": {
        "en": "normalising brings the stored values 0 to 255 into a smaller range: which range, and where in it does 204 land?",
        "ru": "нормализация переводит хранящиеся в файле значения от 0 до 255 в меньший диапазон: в какой именно и где в нём окажется 204?",
        "nl": "normaliseren brengt de opgeslagen waarden 0 tot en met 255 naar een kleiner bereik: welk bereik, en waar komt 204 daarin terecht?",
    },
    "hint_ch01_predicted_name": {
        "en": "take the index of the largest probability (np.argmax) and look it up in names.",
        "ru": "найдите номер наибольшей вероятности (np.argmax) и возьмите по нему название из names.",
        "nl": "neem de index van de grootste kans (np.argmax) en zoek die op in names.",
    },
    "hint_ch01_predicted_name_nudge": {
        "en": "the network gives ten probabilities, one per class: which of them decides the answer, and how do you get from its position to a class name?",
        "ru": "сеть выдаёт десять вероятностей, по одной на класс: какая из них определяет ответ и как по её номеру узнать название класса?",
        "nl": "het netwerk geeft tien kansen, één per klasse: welke daarvan bepaalt het antwoord, en hoe vind je bij haar positie de naam van de klasse?",
    },
    "hint_ch01_unshuffle": {
        "en": "pixel j of the shuffled image came from pixel perm[j]; np.argsort(perm) undoes the permutation. Flatten first, reshape to 28 × 28 at the end.",
        "ru": "пиксель j перемешанного изображения взят из пикселя perm[j]; np.argsort(perm) отменяет перестановку. Сначала вытяните изображение в вектор, а в конце верните форму 28 × 28.",
        "nl": "pixel j van de geschudde afbeelding kwam van pixel perm[j]; np.argsort(perm) maakt de permutatie ongedaan. Maak de afbeelding eerst plat en geef haar aan het eind weer de vorm 28 × 28.",
    },
    "hint_ch01_unshuffle_nudge": {
        "en": "try it on something small first: shuffle np.arange(5) with a permutation of your own and find out what undoes it.",
        "ru": "сначала попробуйте на маленьком примере: перемешайте np.arange(5) своей перестановкой и выясните, что её отменяет.",
        "nl": "probeer het eerst op iets kleins: schud np.arange(5) met een eigen permutatie en zoek uit wat die ongedaan maakt.",
    },
    # --- Chapter 3, Padding and stride ---
    "padded_input": {
        "en": "input with padding {padding}",
        "ru": "вход с дополнением {padding}",
        "nl": "invoer met opvulling {padding}",
    },
    "windows_per_pixel": {
        "en": "number = windows that use the pixel",
        "ru": "число = сколько окон используют пиксель",
        "nl": "getal = aantal vensters dat de pixel gebruikt",
    },
    "output_grid": {
        "en": "output {out} × {out}",
        "ru": "выход {out} × {out}",
        "nl": "uitvoer {out} × {out}",
    },
    "position_of": {
        "en": "position {step} of {total}",
        "ru": "позиция {step} из {total}",
        "nl": "positie {step} van {total}",
    },
    "explorer_n": {"en": "input size n", "ru": "размер входа n", "nl": "invoergrootte n"},
    "explorer_k": {"en": "kernel size k", "ru": "размер ядра k", "nl": "kernelgrootte k"},
    "explorer_padding": {"en": "padding", "ru": "дополнение", "nl": "opvulling"},
    "explorer_stride": {"en": "stride s", "ru": "шаг s", "nl": "stapgrootte s"},
    "explorer_step": {"en": "kernel position", "ru": "позиция ядра", "nl": "positie van de kernel"},
    "explorer_summary": {
        "en": "Output: {out} × {out}, because {formula}",
        "ru": "Выход: {out} × {out}, потому что {formula}",
        "nl": "Uitvoer: {out} × {out}, want {formula}",
    },
    "kernel_too_large": {
        "en": "The {k} × {k} kernel does not fit into the {n} × {n} input, even with its padding: there is no output. Add padding or choose a smaller kernel.",
        "ru": "Ядро {k} × {k} не помещается во вход {n} × {n} даже с дополнением: выхода нет. Добавьте нулей по краям или возьмите ядро поменьше.",
        "nl": "De kernel van {k} × {k} past niet in de invoer van {n} × {n}, ook niet met opvulling: er is geen uitvoer. Vul meer op of kies een kleinere kernel.",
    },
    "anim_slower": {"en": "Slower", "ru": "Медленнее", "nl": "Langzamer"},
    "anim_first": {"en": "First frame", "ru": "Первый кадр", "nl": "Eerste beeld"},
    "anim_previous": {"en": "Previous frame", "ru": "Предыдущий кадр", "nl": "Vorig beeld"},
    "anim_backwards": {
        "en": "Play backwards",
        "ru": "Воспроизвести назад",
        "nl": "Achteruit afspelen",
    },
    "anim_pause": {"en": "Pause", "ru": "Пауза", "nl": "Pauze"},
    "anim_play": {"en": "Play", "ru": "Воспроизвести", "nl": "Afspelen"},
    "anim_next": {"en": "Next frame", "ru": "Следующий кадр", "nl": "Volgend beeld"},
    "anim_last": {"en": "Last frame", "ru": "Последний кадр", "nl": "Laatste beeld"},
    "anim_faster": {"en": "Faster", "ru": "Быстрее", "nl": "Sneller"},
    "anim_repetition": {"en": "Repetition", "ru": "Повтор", "nl": "Herhaling"},
    "anim_once": {"en": "Once", "ru": "Один раз", "nl": "Eén keer"},
    "anim_loop": {"en": "Loop", "ru": "По кругу", "nl": "Steeds opnieuw"},
    "anim_reflect": {"en": "Back and forth", "ru": "Туда и обратно", "nl": "Heen en weer"},
    # The player's frame: its alt text and the slider's label and value.
    "anim_slider": {"en": "Frame", "ru": "Кадр", "nl": "Beeld"},
    "anim_step": {
        "en": "Frame {step} of {total}",
        "ru": "Кадр {step} из {total}",
        "nl": "Beeld {step} van {total}",
    },
    "anim_sliding_alt": {
        "en": "the {k} × {k} kernel's window is highlighted on the input; it gives the value at row {row}, column {col} of the {out} × {out} output, marked there.",
        "ru": "на входе выделено окно ядра {k} × {k}; оно даёт значение в строке {row}, столбце {col} выхода {out} × {out}, и эта клетка выхода отмечена.",
        "nl": "op de invoer is het venster van de kernel van {k} × {k} gemarkeerd; het levert de waarde in rij {row}, kolom {col} van de uitvoer van {out} × {out}, die daar omkaderd is.",
    },
    "anim_pool_max_alt": {
        "en": "the {size} × {size} window for output row {row}, column {col} is outlined on the image with its largest value circled; that value is written into the output.",
        "ru": "на изображении выделено окно {size} × {size} для строки {row}, столбца {col} выхода; его наибольшее значение обведено кружком и записано в выход.",
        "nl": "op de afbeelding is het venster van {size} × {size} voor rij {row}, kolom {col} van de uitvoer omlijnd, met de grootste waarde omcirkeld; die waarde staat nu in de uitvoer.",
    },
    "anim_pool_average_alt": {
        "en": "the {size} × {size} window for output row {row}, column {col} is outlined on the image; the mean of its values is written into the output.",
        "ru": "на изображении выделено окно {size} × {size} для строки {row}, столбца {col} выхода; среднее его значений записано в выход.",
        "nl": "op de afbeelding is het venster van {size} × {size} voor rij {row}, kolom {col} van de uitvoer omlijnd; het gemiddelde van de waarden staat nu in de uitvoer.",
    },
    "hint_ch03_output_size": {
        "en": "fill n, k, p and s into floor((n + 2p - k) / s) + 1; floor rounds down.",
        "ru": "подставьте n, k, p и s в floor((n + 2p - k) / s) + 1; floor округляет вниз.",
        "nl": "vul n, k, p en s in de formule floor((n + 2p - k) / s) + 1 in; floor rondt naar beneden af.",
    },
    "hint_ch03_output_size_nudge": {
        "en": "padding adds p zeros on each side, and the stride moves the kernel s pixels at a time: the chapter's output-size formula takes both into account.",
        "ru": "дополнение добавляет p нулей с каждой стороны, а шаг сдвигает ядро сразу на s пикселей: формула размера выхода из этой главы учитывает и то и другое.",
        "nl": "opvulling voegt aan elke kant p nullen toe, en de stapgrootte schuift de kernel telkens s pixels op: de formule voor de uitvoergrootte uit dit hoofdstuk houdt met allebei rekening.",
    },
    "hint_ch03_same_padding": {
        "en": "with stride 1 the output is n + 2p - k + 1 wide; it equals n when 2p = k - 1. Give p, the zeros on one side.",
        "ru": "при шаге 1 ширина выхода равна n + 2p − k + 1; она равна n, когда 2p = k − 1. Укажите p — число нулей с одной стороны.",
        "nl": "bij stapgrootte 1 is de uitvoer n + 2p - k + 1 breed; dat is n als 2p = k - 1. Geef p, het aantal nullen aan één kant.",
    },
    "hint_ch03_same_padding_nudge": {
        "en": "without padding a 5 × 5 kernel makes the image narrower: by how many pixels, and how many zeros on each side make up for that?",
        "ru": "без дополнения ядро 5 × 5 делает изображение уже: на сколько пикселей и сколько нулей с каждой стороны это возместят?",
        "nl": "zonder opvulling maakt een kernel van 5 × 5 de afbeelding smaller: hoeveel pixels, en hoeveel nullen aan elke kant maken dat goed?",
    },
    "hint_ch03_halve": {
        "en": "try stride 2 with a 2 × 2, 3 × 3 or 4 × 4 kernel, and check your choice with ops.output_size and widgets.coverage.",
        "ru": "попробуйте шаг 2 с ядром 2 × 2, 3 × 3 или 4 × 4 и проверьте свой выбор функциями ops.output_size и widgets.coverage.",
        "nl": "probeer stapgrootte 2 met een kernel van 2 × 2, 3 × 3 of 4 × 4, en controleer je keuze met ops.output_size en widgets.coverage.",
    },
    "hint_ch03_halve_nudge": {
        "en": "one of the three numbers does the halving: choose it first, then a kernel size and a padding that give exactly 14 × 14 and leave no pixel out.",
        "ru": "уменьшение вдвое делает одно из трёх чисел: выберите сначала его, а затем размер ядра и дополнение, при которых выход будет ровно 14 × 14 и ни один пиксель не будет пропущен.",
        "nl": "een van de drie getallen zorgt voor de halvering: kies dat eerst, en dan een kernelgrootte en een opvulling die precies 14 × 14 geven en geen pixel overslaan.",
    },
    "ch03_halve_format": {
        "en": "Give three whole numbers (k, p, s): kernel size k >= 1, padding p >= 0 and stride s >= 1.",
        "ru": "Укажите три целых числа (k, p, s): размер ядра k >= 1, дополнение p >= 0 и шаг s >= 1.",
        "nl": "Geef drie gehele getallen (k, p, s): kernelgrootte k >= 1, opvulling p >= 0 en stapgrootte s >= 1.",
    },
    "ch03_halve_size": {
        "en": "With k = {k}, p = {p}, s = {s} the output is {out} × {out}, not 14 × 14.",
        "ru": "При k = {k}, p = {p}, s = {s} выход имеет размер {out} × {out}, а не 14 × 14.",
        "nl": "Met k = {k}, p = {p}, s = {s} is de uitvoer {out} × {out}, niet 14 × 14.",
    },
    "ch03_halve_no_fit": {
        "en": "With k = {k} and p = {p} the kernel does not fit into the padded 28 × 28 image.",
        "ru": "При k = {k} и p = {p} ядро не помещается в изображение 28 × 28 даже с дополнением.",
        "nl": "Met k = {k} en p = {p} past de kernel niet in de opgevulde afbeelding van 28 × 28.",
    },
    "ch03_halve_padding": {
        "en": "The padding p = {p} is as wide as the kernel (k = {k}) or wider: a window in the corner would see nothing but zeros. Choose p < k.",
        "ru": "Дополнение p = {p} не уже ядра (k = {k}): окно в углу увидит одни нули. Выберите p < k.",
        "nl": "De opvulling p = {p} is even breed als de kernel (k = {k}) of breder: een venster in de hoek ziet alleen nullen. Kies p < k.",
    },
    "ch03_halve_skipped": {
        "en": "The output is 14 × 14, but {unused} (see widgets.coverage(28, {k}, {s}, {p})). Every pixel should count.",
        "ru": "Выход имеет размер 14 × 14, но {unused} (см. widgets.coverage(28, {k}, {s}, {p})). Каждый пиксель должен учитываться.",
        "nl": "De uitvoer is 14 × 14, maar {unused} (zie widgets.coverage(28, {k}, {s}, {p})). Elke pixel moet meetellen.",
    },
    # --- Chapter 4, Pooling ---
    "max_pooling": {"en": "max pooling", "ru": "подвыборка по максимуму", "nl": "max pooling"},
    "average_pooling": {
        "en": "average pooling",
        "ru": "подвыборка по среднему",
        "nl": "average pooling",
    },
    "pooled": {"en": "pooled output", "ru": "результат подвыборки", "nl": "uitvoer na pooling"},
    "pooling_setting": {
        "en": "{kind}: window {size} × {size}, stride {stride}",
        "ru": "{kind}: окно {size} × {size}, шаг {stride}",
        "nl": "{kind}: venster {size} × {size}, stapgrootte {stride}",
    },
    "window_of": {
        "en": "window {step} of {total}",
        "ru": "окно {step} из {total}",
        "nl": "venster {step} van {total}",
    },
    "hint_ch04_output_size": {
        "en": "use the output-size formula of chapter 3, floor((n - k) / s) + 1, with n = 7, k = 2 and s = 2; floor rounds down.",
        "ru": "воспользуйтесь формулой размера выхода из главы 3, floor((n - k) / s) + 1, с n = 7, k = 2 и s = 2; floor округляет вниз.",
        "nl": "gebruik de formule voor de uitvoergrootte uit hoofdstuk 3, floor((n - k) / s) + 1, met n = 7, k = 2 en s = 2; floor rondt naar beneden af.",
    },
    "hint_ch04_output_size_nudge": {
        "en": "pooling uses whole windows only: how many 2 × 2 windows fit side by side along 7 pixels?",
        "ru": "подвыборка использует только целые окна: сколько окон 2 × 2 помещается вплотную друг к другу вдоль 7 пикселей?",
        "nl": "pooling gebruikt alleen hele vensters: hoeveel vensters van 2 × 2 passen er naast elkaar langs 7 pixels?",
    },
    "hint_ch04_by_hand": {
        "en": "with stride 1 the 2 × 2 windows overlap: they start in rows 0, 1, 2 and columns 0, 1, 2, so the output is 3 × 3. Keep the largest of the four values of each window; with negative numbers the largest is the one closest to zero.",
        "ru": "при шаге 1 окна 2 × 2 перекрываются: они начинаются в строках 0, 1, 2 и столбцах 0, 1, 2, поэтому выход имеет размер 3 × 3. Из четырёх чисел каждого окна оставьте наибольшее; среди отрицательных наибольшее то, что ближе всего к нулю.",
        "nl": "bij stapgrootte 1 overlappen de vensters van 2 × 2: ze beginnen in de rijen 0, 1, 2 en de kolommen 0, 1, 2, dus de uitvoer is 3 × 3. Houd van elk venster de grootste van de vier waarden over; bij negatieve getallen is dat het getal dat het dichtst bij nul ligt.",
    },
    "hint_ch04_by_hand_nudge": {
        "en": "with stride 1 a window moves one pixel at a time, so neighbouring windows overlap: in how many positions does a 2 × 2 window fit into a 4 × 4 array?",
        "ru": "при шаге 1 окно каждый раз сдвигается на один пиксель, поэтому соседние окна перекрываются: в скольких положениях окно 2 × 2 помещается в массив 4 × 4?",
        "nl": "bij stapgrootte 1 schuift een venster telkens één pixel op, dus buurvensters overlappen: op hoeveel posities past een venster van 2 × 2 in een array van 4 × 4?",
    },
    "hint_ch04_shift": {
        "en": "the 2 × 2 windows cover the columns 0–1, 2–3 and 4–5: a pixel in column 0, 2 or 4 stays inside its window when it moves one column to the right, one in column 1, 3 or 5 crosses into another window. Put the bright pixels in columns 0, 2 and 4 only.",
        "ru": "окна 2 × 2 накрывают столбцы 0–1, 2–3 и 4–5: пиксель в столбце 0, 2 или 4 при сдвиге на один столбец вправо остаётся в своём окне, а пиксель в столбце 1, 3 или 5 переходит в другое окно. Ставьте яркие пиксели только в столбцы 0, 2 и 4.",
        "nl": "de vensters van 2 × 2 bedekken de kolommen 0–1, 2–3 en 4–5: een pixel in kolom 0, 2 of 4 blijft in zijn venster als hij één kolom naar rechts schuift, een pixel in kolom 1, 3 of 5 komt in een ander venster terecht. Zet de lichte pixels alleen in de kolommen 0, 2 en 4.",
    },
    "hint_ch04_shift_nudge": {
        "en": "max pooling keeps the largest value of each window, but not where in the window it sits: which moves of a bright pixel does it therefore not notice?",
        "ru": "подвыборка по максимуму сохраняет наибольшее значение каждого окна, но не его место внутри окна: какие сдвиги яркого пикселя она поэтому не замечает?",
        "nl": "max pooling bewaart de grootste waarde van elk venster, maar niet waar die in het venster staat: welke verschuivingen van een lichte pixel merkt pooling dus niet op?",
    },
    "ch04_shift_zero": {
        "en": "Your image is all zeros, so a shift has nothing to move. Give it at least one bright pixel.",
        "ru": "Ваше изображение состоит из одних нулей: сдвигать нечего. Добавьте хотя бы один яркий пиксель.",
        "nl": "Je afbeelding bestaat alleen uit nullen, dus er valt niets te verschuiven. Geef haar minstens één lichte pixel.",
    },
    "ch04_shift_same": {
        "en": "Your image looks exactly the same after the shift, so of course the pooled output does not change. Find an image that the shift does change.",
        "ru": "После сдвига ваше изображение выглядит точно так же, поэтому результат подвыборки, конечно, не меняется. Найдите изображение, которое сдвиг всё-таки меняет.",
        "nl": "Je afbeelding ziet er na de verschuiving precies hetzelfde uit, dus natuurlijk verandert de uitvoer na pooling niet. Zoek een afbeelding die door de verschuiving wél verandert.",
    },
    "ch04_shift_changed": {
        "en": "After the shift the pooled output differs {changed}; it should not change at all.",
        "ru": "После сдвига результат подвыборки отличается {changed}, а он не должен меняться вовсе.",
        "nl": "Na de verschuiving verschilt de uitvoer na pooling {changed}; hij zou helemaal niet mogen veranderen.",
    },
    # --- Chapter 5, Channels and layers ---
    "colour_image": {"en": "colour image", "ru": "цветное изображение", "nl": "kleurenafbeelding"},
    "channel_red": {"en": "channel 0: red", "ru": "канал 0: красный", "nl": "kanaal 0: rood"},
    "channel_green": {"en": "channel 1: green", "ru": "канал 1: зелёный", "nl": "kanaal 1: groen"},
    "channel_blue": {"en": "channel 2: blue", "ru": "канал 2: синий", "nl": "kanaal 2: blauw"},
    "hint_ch05_output_shape": {
        "en": "without padding a 3 × 3 kernel turns 32 pixels into 32 - 3 + 1; the depth of the output is the number of filters, not the 3 colour channels of the input.",
        "ru": "без дополнения ядро 3 × 3 превращает 32 пикселя в 32 − 3 + 1; глубина выхода равна числу фильтров, а не трём цветовым каналам входа.",
        "nl": "zonder opvulling houdt een kernel van 3 × 3 van 32 pixels er 32 - 3 + 1 over; de diepte van de uitvoer is het aantal filters, niet de 3 kleurkanalen van de invoer.",
    },
    "hint_ch05_output_shape_nudge": {
        "en": "height and width work as in chapter 2; for the depth, ask what each of the 16 filters of the layer produces.",
        "ru": "высота и ширина считаются так же, как в главе 2; а для глубины подумайте, что даёт каждый из 16 фильтров слоя.",
        "nl": "hoogte en breedte gaan zoals in hoofdstuk 2; vraag je voor de diepte af wat elk van de 16 filters van de laag oplevert.",
    },
    "hint_ch05_params": {
        "en": "each filter has k · k · c_in weights and one bias; here k = 5 and c_in = 3 (red, green, blue). Multiply by the number of filters.",
        "ru": "у каждого фильтра k · k · c_in весов и одно смещение; здесь k = 5 и c_in = 3 (красный, зелёный, синий). Умножьте на число фильтров.",
        "nl": "elk filter heeft k · k · c_in gewichten en één bias; hier is k = 5 en c_in = 3 (rood, groen, blauw). Vermenigvuldig met het aantal filters.",
    },
    "hint_ch05_params_nudge": {
        "en": "count one filter first: how deep is it on a colour image, and what does it have besides its weights? Then count the filters.",
        "ru": "сначала посчитайте параметры одного фильтра: какова его глубина на цветном изображении и что у него есть, кроме весов? Затем посчитайте фильтры.",
        "nl": "tel eerst één filter: hoe diep is het op een kleurenafbeelding, en wat heeft het naast zijn gewichten? Tel daarna de filters.",
    },
    "hint_ch05_layers": {
        "en": "every 3 × 3 layer with stride 1 makes the receptive field 2 pixels wider: 3, 5, 7, ... Try ops.receptive_field([(3, 1)] * layers) for a few numbers of layers.",
        "ru": "каждый слой 3 × 3 с шагом 1 расширяет рецептивное поле на 2 пикселя: 3, 5, 7, … Попробуйте ops.receptive_field([(3, 1)] * layers) для нескольких значений числа слоёв.",
        "nl": "elke laag van 3 × 3 met stapgrootte 1 maakt het receptieve veld 2 pixels breder: 3, 5, 7, … Probeer ops.receptive_field([(3, 1)] * layers) voor een paar aantallen lagen.",
    },
    "hint_ch05_layers_nudge": {
        "en": "work out the receptive field after one, two and three layers, with ops.receptive_field or on paper, and look for the pattern.",
        "ru": "найдите рецептивное поле после одного, двух и трёх слоёв, с помощью ops.receptive_field или на бумаге, и поищите закономерность.",
        "nl": "bepaal het receptieve veld na één, twee en drie lagen, met ops.receptive_field of op papier, en zoek het patroon.",
    },
    "hint_ch05_red": {
        "en": "give the red slice kernel[:, :, 0] positive weights and the green and blue slices negative ones, so that they cancel on a gray pixel, where R = G = B.",
        "ru": "задайте красному срезу kernel[:, :, 0] положительные веса, а зелёному и синему — отрицательные, чтобы на сером пикселе, где R = G = B, они взаимно уничтожались.",
        "nl": "geef de rode plak kernel[:, :, 0] positieve gewichten en de groene en blauwe plakken negatieve, zodat ze elkaar opheffen op een grijze pixel, waar R = G = B.",
    },
    "hint_ch05_red_nudge": {
        "en": "on a gray pixel red, green and blue are equal: how must the weights of the three channels relate for the response there to be 0?",
        "ru": "на сером пикселе красный, зелёный и синий равны: как должны соотноситься веса трёх каналов, чтобы отклик там был равен 0?",
        "nl": "op een grijze pixel zijn rood, groen en blauw gelijk: hoe moeten de gewichten van de drie kanalen zich tot elkaar verhouden om daar 0 te geven?",
    },
    "ch05_red_on_red": {
        "en": "On a pure red image your filter gives {value}; it should give a positive number.",
        "ru": "На чисто красном изображении ваш фильтр даёт {value}, а должен давать положительное число.",
        "nl": "Op een zuiver rode afbeelding geeft je filter {value}; dat zou een positief getal moeten zijn.",
    },
    "ch05_red_on_gray": {
        "en": "On a gray image with R = G = B = {level} your filter gives {value}; it should give 0.",
        "ru": "На сером изображении с R = G = B = {level} ваш фильтр даёт {value}, а должен давать 0.",
        "nl": "Op een grijze afbeelding met R = G = B = {level} geeft je filter {value}; dat zou 0 moeten zijn.",
    },
    "ch05_red_on_green": {
        "en": "On a pure green image your filter gives {value}; it should give a negative number.",
        "ru": "На чисто зелёном изображении ваш фильтр даёт {value}, а должен давать отрицательное число.",
        "nl": "Op een zuiver groene afbeelding geeft je filter {value}; dat zou een negatief getal moeten zijn.",
    },
    "ch05_red_on_blue": {
        "en": "On a pure blue image your filter gives {value}; it should give a negative number.",
        "ru": "На чисто синем изображении ваш фильтр даёт {value}, а должен давать отрицательное число.",
        "nl": "Op een zuiver blauwe afbeelding geeft je filter {value}; dat zou een negatief getal moeten zijn.",
    },
    # --- Chapter 6, A CNN for Fashion-MNIST ---
    "map_channel": {"en": "channel {index}", "ru": "канал {index}", "nl": "kanaal {index}"},
    "hint_ch06_misclassified": {
        "en": "compare y_pred with y_test element by element (y_pred != y_test) and count the True values with np.sum.",
        "ru": "сравните y_pred с y_test поэлементно (y_pred != y_test) и посчитайте значения True с помощью np.sum.",
        "nl": "vergelijk y_pred element voor element met y_test (y_pred != y_test) en tel de waarden True met np.sum.",
    },
    "hint_ch06_misclassified_nudge": {
        "en": "y_pred != y_test is an array of True and False: what does one True stand for?",
        "ru": "y_pred != y_test — это массив из значений True и False: что означает одно значение True?",
        "nl": "y_pred != y_test is een array van True en False: waar staat één True voor?",
    },
    # --- Chapter 7, Going further ---
    "ch07_value": {"en": "value", "ru": "значение", "nl": "waarde"},
    "ch07_count": {"en": "count", "ru": "количество", "nl": "aantal"},
    "ch07_unit": {"en": "unit", "ru": "нейрон", "nl": "neuron"},
    "ch07_patience": {
        "en": "patience: {patience} epochs without improvement",
        "ru": "допустимо эпох без улучшения: {patience}",
        "nl": "geduld: {patience} epochs zonder verbetering",
    },
    "ch07_best_epoch": {
        "en": "lowest validation loss (epoch {epoch})",
        "ru": "наименьшие потери на проверке (эпоха {epoch})",
        "nl": "laagste validatieverlies (epoch {epoch})",
    },
    "hint_ch07_dropout_zeros": {
        "en": "in training, dropout sets each value to 0 with probability rate, independently of the others; give a fraction between 0 and 1.",
        "ru": "при обучении dropout обнуляет каждое значение с вероятностью rate, независимо от остальных; укажите долю от 0 до 1.",
        "nl": "tijdens het trainen zet dropout elke waarde met kans rate op 0, onafhankelijk van de andere; geef een fractie tussen 0 en 1.",
    },
    "hint_ch07_dropout_zeros_nudge": {
        "en": "in training, dropout does one of two things to each value: which of them turns it into 0, and how often does that happen?",
        "ru": "при обучении dropout делает с каждым значением одно из двух: что из этого превращает его в 0 и как часто это происходит?",
        "nl": "tijdens het trainen doet dropout met elke waarde een van twee dingen: welk van de twee maakt er 0 van, en hoe vaak gebeurt dat?",
    },
    "hint_ch07_early_stop": {
        "en": "give (kept epoch, last epoch), counting from 1: the kept epoch has the lowest val_loss seen before stopping; training stops once patience epochs in a row have not beaten it.",
        "ru": "укажите пару (сохранённая эпоха, последняя эпоха), считая с 1: сохранённая эпоха имеет наименьшее val_loss до остановки; обучение останавливается, когда patience эпох подряд не улучшили его.",
        "nl": "geef (bewaarde epoch, laatste epoch), geteld vanaf 1: de bewaarde epoch heeft het laagste val_loss van vóór het stoppen; het trainen stopt zodra patience epochs op rij het niet verbeterd hebben.",
    },
    "hint_ch07_early_stop_nudge": {
        "en": "the kept epoch and the last one are different epochs: which val_loss does EarlyStopping compare each new epoch with, and what does patience=3 count?",
        "ru": "сохранённая эпоха и последняя — это разные эпохи: с каким значением val_loss EarlyStopping сравнивает каждую новую эпоху и что отсчитывает patience=3?",
        "nl": "de bewaarde en de laatste epoch zijn verschillende epochs: met welk val_loss vergelijkt EarlyStopping elke nieuwe epoch, en wat telt patience=3?",
    },
}


#: Texts with a count, in each language's plural forms: English and Dutch
#: (one, other), Russian (one, few, many); see :func:`plural`. ``{n}`` is the
#: count in the reader's number format; other fields are filled as in :func:`t`.
PLURALS = {
    "n_entries": {
        "en": ("{n} entry", "{n} entries"),
        "ru": ("{n} элемент", "{n} элемента", "{n} элементов"),
        "nl": ("{n} element", "{n} elementen"),
    },
    "tuple_of": {
        "en": ("a tuple of {n} entry", "a tuple of {n} entries"),
        "ru": ("кортеж из {n} элемента", "кортеж из {n} элементов", "кортеж из {n} элементов"),
        "nl": ("een tuple met {n} element", "een tuple met {n} elementen"),
    },
    "list_of": {
        "en": ("a list of {n} entry", "a list of {n} entries"),
        "ru": ("список из {n} элемента", "список из {n} элементов", "список из {n} элементов"),
        "nl": ("een lijst met {n} element", "een lijst met {n} elementen"),
    },
    "tuple_of_numbers": {
        "en": ("a tuple of {n} number", "a tuple of {n} numbers"),
        "ru": ("кортеж из {n} числа", "кортеж из {n} чисел", "кортеж из {n} чисел"),
        "nl": ("een tuple met {n} getal", "een tuple met {n} getallen"),
    },
    "values_wrong": {
        "en": ("{n} of {total} values is wrong", "{n} of {total} values are wrong"),
        "ru": (
            "{n} значение из {total} неверно",
            "{n} значения из {total} неверны",
            "{n} значений из {total} неверны",
        ),
        "nl": ("{n} van de {total} waarden is fout", "{n} van de {total} waarden zijn fout"),
    },
    "pixels_unused": {
        "en": (
            "{n} input pixel is used by no window at all",
            "{n} input pixels are used by no window at all",
        ),
        "ru": (
            "{n} пиксель входа не попадает ни в одно окно",
            "{n} пикселя входа не попадают ни в одно окно",
            "{n} пикселей входа не попадают ни в одно окно",
        ),
        "nl": (
            "{n} pixel van de invoer valt in geen enkel venster",
            "{n} pixels van de invoer vallen in geen enkel venster",
        ),
    },
    "n_pixels": {
        "en": ("{n} pixel", "{n} pixels"),
        "ru": ("{n} пиксель", "{n} пикселя", "{n} пикселей"),
        "nl": ("{n} pixel", "{n} pixels"),
    },
    "n_parameters": {
        "en": ("{n} parameter", "{n} parameters"),
        "ru": ("{n} параметр", "{n} параметра", "{n} параметров"),
        "nl": ("{n} parameter", "{n} parameters"),
    },
    "at_positions": {
        "en": ("at {n} of its {total} positions", "at {n} of its {total} positions"),
        "ru": (
            "в {n} позиции из {total}",
            "в {n} позициях из {total}",
            "в {n} позициях из {total}",
        ),
        "nl": ("op {n} van de {total} posities", "op {n} van de {total} posities"),
    },
}


# How each language writes a number: decimal mark, thousands separator (used
# from ``group_from`` digits on) and the space before a percent sign. Russian
# and Dutch group from five digits (1688, 18 496 / 18.496), English from four.
NUMBER_FORMATS = {
    "en": {"decimal": ".", "thousands": ",", "group_from": 4, "percent": "%"},
    "ru": {"decimal": ",", "thousands": "\u00a0", "group_from": 5, "percent": "\u00a0%"},
    "nl": {"decimal": ",", "thousands": ".", "group_from": 5, "percent": "%"},
}


def _check_language(lang):
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGUAGES))}, got {lang!r}")
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


def plural_form(count, lang=None):
    """Which plural form ``count`` takes in ``lang``: an index into a :data:`PLURALS` entry.

    English and Dutch have two forms (0: one, 1: other); Russian has three
    (0: one, as in 1, 21, 101; 1: few, as in 2-4, 22-24; 2: many, as in 0,
    5-20, 25-30, 111-114).

    Parameters
    ----------
    count : int
        A whole number, 0 or more.
    lang : str, optional
        Language code; by default the current one.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        If ``count`` is not a whole number of 0 or more.

    Examples
    --------
    >>> [plural_form(n, "ru") for n in (1, 2, 5, 11, 21, 22, 25, 111)]
    [0, 1, 2, 2, 0, 1, 2, 2]
    >>> [plural_form(n, "nl") for n in (0, 1, 2, 21)]
    [1, 0, 1, 1]

    Introduced in chapter 2, Convolution (the checkers' messages).
    """
    import numbers

    lang = _check_language(lang or _current)
    if isinstance(count, bool) or not isinstance(count, numbers.Integral) or count < 0:
        raise ValueError(f"count must be a whole number of 0 or more, got {count!r}")
    count = int(count)
    if lang == "ru":
        if count % 10 == 1 and count % 100 != 11:
            return 0
        if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
            return 1
        return 2
    return 0 if count == 1 else 1


def plural(key, count, lang=None, **values):
    """The text of :data:`PLURALS` ``key`` in the form that ``count`` takes in ``lang``.

    Parameters
    ----------
    key : str
        A key of :data:`PLURALS`.
    count : int
        The count; it fills ``{n}`` in the reader's number format.
    lang : str, optional
        Language code; by default the current one.
    **values
        Filled into the text's other ``{placeholders}``.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        For an unknown key, naming the known ones.
    ValueError
        For a ``count`` that :func:`plural_form` rejects.

    Examples
    --------
    >>> [plural("n_entries", n, "ru") for n in (1, 2, 5, 21)]
    ['1 элемент', '2 элемента', '5 элементов', '21 элемент']
    >>> plural("values_wrong", 1, "nl", total=9)
    '1 van de 9 waarden is fout'

    Introduced in chapter 2, Convolution (the checkers' messages).
    """
    lang = _check_language(lang or _current)
    if key not in PLURALS:
        raise KeyError(f"no counted text with key {key!r}; known keys: {sorted(PLURALS)}")
    form = PLURALS[key][lang][plural_form(count, lang)]
    return form.format(n=number(count, lang=lang), **values)


def class_names(lang=None):
    """The ten Fashion-MNIST class names in ``lang``, index = label.

    Examples
    --------
    >>> class_names("nl")[9]
    'Enkellaars'

    Introduced in chapter 1, Images as numbers.
    """
    return list(CLASS_NAMES[_check_language(lang or _current)])


_NUMERAL = re.compile(r"^(?P<sign>[-\u2212]?)(?P<whole>\d+)(?:\.(?P<fraction>\d+))?$")


def numeral(text, lang=None):
    """A number that Python or matplotlib wrote (``"0.25"``, ``"\u22121.5"``) in the reader's format.

    Figures write numbers through Python's formatting (``f"{v:g}"``) and
    matplotlib's tick labels; this rewrites such a text with the separators
    of :func:`number`. A text that is not a plain decimal number (``"1e-05"``,
    ``"(28, 28)"``, a word) is returned unchanged.

    Parameters
    ----------
    text : str
        The number as Python wrote it: digits, an optional ``.`` and
        decimals, an optional ``-`` or ``\u2212`` in front.
    lang : str, optional
        Language code; by default the current one.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``text`` is not a string.

    Examples
    --------
    >>> numeral("0.25", "ru"), numeral("\u22120.5", "nl"), numeral("12000", "ru")
    ('0,25', '\u22120,5', '12\xa0000')
    >>> numeral("0.25", "en"), numeral("1e-05", "nl"), numeral("conv1", "ru")
    ('0.25', '1e-05', 'conv1')

    Introduced in chapter 1, Images as numbers (the numbers on the figures' axes).
    """
    lang = _check_language(lang or _current)
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__} {text!r}")
    m = _NUMERAL.match(text)
    if m is None:
        return text
    fraction = m["fraction"] or ""
    written = number(float(f"{m['whole']}.{fraction or 0}"), len(fraction), lang=lang)
    return ("\u2212" if m["sign"] else "") + written


def number(value, digits=0, percent=False, lang=None, trim=False):
    """``value`` written as a reader of ``lang`` writes numbers.

    Parameters
    ----------
    value : int or float
        A finite number.
    digits : int, optional
        Digits after the decimal mark, by default 0.
    percent : bool, optional
        Write ``value`` (a fraction, such as an accuracy of 0.912) as a
        percentage, with the language's percent sign.
    lang : str, optional
        Language code; by default the current one.
    trim : bool, optional
        Drop zeros at the end of the decimals (8.00 -> 8, 8.50 -> 8.5).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``value`` is not a finite real number or ``digits`` is not a whole
        number from 0 to 10.

    Examples
    --------
    >>> number(421642, lang="en"), number(421642, lang="ru"), number(421642, lang="nl")
    ('421,642', '421\xa0642', '421.642')
    >>> number(0.9123, 1, percent=True, lang="nl")
    '91,2%'
    >>> number(1688, lang="nl")
    '1688'
    >>> number(8.0, 2, lang="ru", trim=True), number(8.666, 2, lang="ru", trim=True)
    ('8', '8,67')

    Introduced in chapter 1, Images as numbers (the numbers in the text).
    """
    fmt = NUMBER_FORMATS[_check_language(lang or _current)]
    import math
    import numbers

    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not math.isfinite(float(value))
    ):
        raise ValueError(f"value must be a finite real number, got {value!r}")
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 10:
        raise ValueError(f"digits must be a whole number from 0 to 10, got {digits!r}")
    value = float(value) * (100 if percent else 1)
    text = f"{abs(value):.{digits}f}"
    whole, _, fraction = text.partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    if len(whole) >= fmt["group_from"]:
        whole = f"{int(whole):,}".replace(",", fmt["thousands"])
    text = whole + (fmt["decimal"] + fraction if fraction else "")
    if value < 0 and text.strip("0.,") != "":
        text = "\u2212" + text  # a true minus sign
    return text + (fmt["percent"] if percent else "")
