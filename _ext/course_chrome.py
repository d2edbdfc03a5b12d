"""The interface of each page in the page's own language.

A small local Sphinx extension, loaded from ``_config.yml``
(``sphinx: local_extensions: {course_chrome: _ext}``). The book is one Sphinx
project with one ``language`` ("en") and three editions, so Sphinx, the
theme and myst-nb label every page in English: "Contents", "Previous" /
"Next", "Search this book...", "Show code cell content", "Back to top", the
tooltips, the footer, the copy button and the search page. A screen reader
then reads those English words with the Russian or Dutch voice that
``<html lang>`` asks for. This translates the interface page by page, by
the page's edition (``chapters/<lang>/...``, as in ``course_i18n``):

1. **Templates.** Jinja's ``_()`` and ``{% trans %}`` look ``gettext`` up in
   the page's context first, and the book theme's templates call
   ``translate``: both are set, per page, to a translator for the page's
   language. It looks in ``CHROME`` (the course's own words, checked by a
   native reader of each language) and then in the catalogs that Sphinx,
   pydata-sphinx-theme and sphinx-book-theme ship.
2. **What Python built before the template.** The book theme's header
   buttons and search field text, and Sphinx's "Link to this heading", are
   translated in the context; myst-nb's "Show code cell content" in the
   page's body. A cell tagged ``solution`` says "Show solution" instead, in
   every edition, so a solution no longer hides behind the same words as the
   setup code; ``aria-label="Toggle hidden content"`` goes, since it hid the
   visible label from screen readers (axe: label-content-name-mismatch).
   The animation player of chapter 3 gets a name for its frame and its
   slider where the stored output has none.
3. **Words written into the theme's HTML** (a few tooltips and landmark
   labels with no translation call) are replaced in the rendered page, as
   whole attribute values only.
4. **A search page per edition**, ``chapters/<lang>/search.html``, which the
   search field of that edition's pages opens; ``static/course_chrome.js``
   gives Sphinx's search script and the copy button their words in the
   page's language (``COURSE_CHROME``, written into it at build time), and
   search snippets from the article alone, without the header buttons and
   the language links, with ё read as е (the Russian stemmer does the same,
   so a snippet is found for "свёртка" too).
"""

from __future__ import annotations

import gettext
import html
import json
import re
from pathlib import Path

import pydata_sphinx_theme
import sphinx
import sphinx_book_theme
from course_i18n import edition_of

__version__ = "1.3"
STATIC_DIR = Path(__file__).resolve().parent / "static"

#: The course's own words for the interface, by language. Keys are the
#: English message ids of Sphinx, the themes, myst-nb and sphinx-copybutton.
CHROME: dict[str, dict[str, str]] = {
    "ru": {
        # theme, templates
        "Contents": "Содержание",
        "Search": "Поиск",
        "Search this book...": "Поиск…",
        "Back to top": "Наверх",
        "Skip to main content": "Перейти к содержанию",
        "previous": "Назад",
        "next": "Далее",
        "previous page": "предыдущая страница",
        "next page": "следующая страница",
        "Color mode": "Оформление",
        "Light": "Светлое",
        "Dark": "Тёмное",
        "System Settings": "Как в системе",
        "Version warning": "Предупреждение о версии",
        "Announcement": "Объявление",
        "On this page": "На этой странице",
        "Section Navigation": "Навигация по разделу",
        "Site navigation": "Навигация по сайту",
        "Breadcrumb": "Путь к странице",
        "Home": "Главная",
        "By": "Авторы:",
        "© Copyright %(copyright)s.": "© %(copyright)s.",
        "Link to this heading": "Ссылка на этот заголовок",
        # sphinx-book-theme's header buttons
        "Download source file": "Скачать исходный файл",
        "Download notebook file": "Скачать блокнот",
        "Print to PDF": "Печать в PDF",
        "Download this page": "Скачать эту страницу",
        "Fullscreen mode": "Полноэкранный режим",
        "Launch on": "Открыть в",
        "Launch interactive content": "Запустить интерактивно",
        "Source repository": "Репозиторий с исходным кодом",
        "Toggle primary sidebar": "Показать или скрыть навигацию",
        "Toggle secondary sidebar": "Показать или скрыть содержание страницы",
        "Main": "Навигация по курсу",
        "Page": "Содержание страницы",
        # myst-nb's hidden cells, and the course's solutions
        "Show code cell content": "Показать код ячейки",
        "Hide code cell content": "Скрыть код ячейки",
        "Show code cell source": "Показать код ячейки",
        "Hide code cell source": "Скрыть код ячейки",
        "Show code cell outputs": "Показать вывод ячейки",
        "Hide code cell outputs": "Скрыть вывод ячейки",
        "Show solution": "Показать решение",
        "Hide solution": "Скрыть решение",
        # the animation player's frame and slider, while lessons_lib's
        # player has no labels of its own
        "Animation frame": "Кадр анимации",
        "Frame": "Кадр",
        # the search page (Sphinx's searchtools.js)
        "Search Results": "Результаты поиска",
        "Searching": "Идёт поиск",
        "Preparing search...": "Подготовка поиска…",
        "Hide Search Matches": "Снять выделение",
        "Search finished, found ${resultCount} page(s) matching the search query.": (
            "Поиск закончен, найдено страниц: ${resultCount}."
        ),
        "Your search did not match any documents. Please make sure that all words "
        "are spelled correctly and that you've selected enough categories.": (
            "Ничего не найдено. Проверьте, правильно ли написаны слова."
        ),
        "Please activate JavaScript to enable the search functionality.": (
            "Для поиска нужен JavaScript: включите его в браузере."
        ),
        "Error": "Ошибка",
        # sphinx-copybutton
        "Copy": "Скопировать",
        "Copy to clipboard": "Скопировать в буфер обмена",
        "Copied!": "Скопировано!",
        "Failed to copy": "Не удалось скопировать",
    },
    "nl": {
        "Contents": "Inhoud",
        "Search": "Zoeken",
        "Search this book...": "Zoeken…",
        "Back to top": "Terug naar boven",
        "Skip to main content": "Naar de inhoud",
        "previous": "Vorige",
        "next": "Volgende",
        "previous page": "vorige pagina",
        "next page": "volgende pagina",
        "Color mode": "Kleurenschema",
        "Light": "Licht",
        "Dark": "Donker",
        "System Settings": "Systeeminstelling",
        "Version warning": "Waarschuwing over de versie",
        "Announcement": "Mededeling",
        "On this page": "Op deze pagina",
        "Section Navigation": "Navigatie in dit deel",
        "Site navigation": "Sitenavigatie",
        "Breadcrumb": "Kruimelpad",
        "Home": "Start",
        "By": "Door",
        "© Copyright %(copyright)s.": "© %(copyright)s.",
        "Link to this heading": "Link naar deze kop",
        "Download source file": "Bronbestand downloaden",
        "Download notebook file": "Notebook downloaden",
        "Print to PDF": "Afdrukken als pdf",
        "Download this page": "Deze pagina downloaden",
        "Fullscreen mode": "Volledig scherm",
        "Launch on": "Openen in",
        "Launch interactive content": "Interactief openen",
        "Source repository": "Broncode",
        "Toggle primary sidebar": "Navigatie tonen of verbergen",
        "Toggle secondary sidebar": "Inhoud van de pagina tonen of verbergen",
        "Main": "Cursusnavigatie",
        "Page": "Inhoud van de pagina",
        "Show code cell content": "Code van de cel tonen",
        "Hide code cell content": "Code van de cel verbergen",
        "Show code cell source": "Code van de cel tonen",
        "Hide code cell source": "Code van de cel verbergen",
        "Show code cell outputs": "Uitvoer van de cel tonen",
        "Hide code cell outputs": "Uitvoer van de cel verbergen",
        "Show solution": "Toon oplossing",
        "Hide solution": "Verberg oplossing",
        "Animation frame": "Beeld van de animatie",
        "Frame": "Beeld",
        "Search Results": "Zoekresultaten",
        "Searching": "Bezig met zoeken",
        "Preparing search...": "Zoeken wordt voorbereid…",
        "Hide Search Matches": "Markering verbergen",
        "Search finished, found ${resultCount} page(s) matching the search query.": (
            "Zoeken klaar, gevonden pagina's: ${resultCount}."
        ),
        "Your search did not match any documents. Please make sure that all words "
        "are spelled correctly and that you've selected enough categories.": (
            "Niets gevonden. Controleer of alle woorden goed gespeld zijn."
        ),
        "Please activate JavaScript to enable the search functionality.": (
            "Zoeken werkt alleen met JavaScript: zet het aan in de browser."
        ),
        "Error": "Fout",
        "Copy": "Kopiëren",
        "Copy to clipboard": "Naar het klembord kopiëren",
        "Copied!": "Gekopieerd!",
        "Failed to copy": "Kopiëren mislukt",
    },
}

#: Messages that JavaScript shows (searchtools.js, copybutton.js).
JS_MESSAGES = (
    "Search Results",
    "Searching",
    "Preparing search...",
    "Hide Search Matches",
    "Search finished, found ${resultCount} page(s) matching the search query.",
    "Your search did not match any documents. Please make sure that all words "
    "are spelled correctly and that you've selected enough categories.",
    "Copy",
    "Copy to clipboard",
    "Copied!",
    "Failed to copy",
)

#: Attributes written into the theme's HTML with no translation call.
FIXED_ATTRIBUTES = (
    ("title", "Toggle primary sidebar"),
    ("title", "Toggle secondary sidebar"),
    ("aria-label", "Main"),
    ("aria-label", "Page"),
    ("aria-label", "Site navigation"),
)
#: The sidebar's first item, the course's title linking to the start page,
#: stood outside any landmark (axe: region): it becomes a small navigation
#: landmark of its own, "Site navigation" beside the course's "Main".
BRAND = re.compile(r'(<div class="sidebar-primary-item")(>\s*<a class="navbar-brand logo")')

#: myst-nb's labels of a hidden cell: "Show code cell {type}".
CELL_LABEL = re.compile(r"(Show|Hide) code cell (content|source|outputs)")
CELL = re.compile(r'<div class="cell( [^"]*)? docutils container">')
SUMMARY_LABEL = ' aria-label="Toggle hidden content"'
SUMMARY = re.compile(r"<summary[ >].*?</summary>", re.S)
LOGO_ALT = re.compile(r'alt="(Binder|Colab|JupyterHub|Deepnote) logo"')


def _catalogs(lang: str) -> list[gettext.NullTranslations]:
    """The catalogs that Sphinx and the two themes ship for ``lang``."""
    places = [
        (Path(sphinx.__file__).parent / "locale", "sphinx"),
        (Path(pydata_sphinx_theme.__file__).parent / "locale", "sphinx"),
        (
            Path(sphinx_book_theme.__file__).parent
            / "theme"
            / "sphinx_book_theme"
            / "static"
            / "locales",
            "booktheme",
        ),
    ]
    found = []
    for folder, domain in places:
        mo = folder / lang / "LC_MESSAGES" / f"{domain}.mo"
        if mo.is_file():
            with mo.open("rb") as fp:
                found.append(gettext.GNUTranslations(fp))
    return found


class Chrome:
    """The interface words of one language: CHROME first, then the catalogs."""

    def __init__(self, lang: str):
        self.lang = lang
        self.words = CHROME.get(lang, {})
        self.catalogs = _catalogs(lang) if self.words else []

    def gettext(self, message: str, **variables) -> str:
        if not message:  # a catalog's "" is its header
            return message
        text = self.words.get(message)
        if text is None:
            for catalog in self.catalogs:
                text = catalog.gettext(message)
                if text != message:
                    break
            else:
                text = message
        return text % variables if variables else text

    def ngettext(self, singular: str, plural: str, n: int, **variables) -> str:
        return self.gettext(singular if n == 1 else plural, **variables)

    def button(self, text: str) -> str:
        """A header button's tooltip or label ("Launch on Colab")."""
        if text.startswith("Launch on "):
            return f"{self.gettext('Launch on')} {text.removeprefix('Launch on ')}"
        return self.gettext(text)


def _cell_labels(body: str, chrome: Chrome) -> str:
    """myst-nb's toggles in the page's language; solution cells say so."""
    out, pos = [], 0
    cells = list(CELL.finditer(body)) + [None]
    for start, end in zip(cells, cells[1:]):
        if start is None:
            break
        stop = end.start() if end else len(body)
        out.append(body[pos : start.start()])
        part = body[start.start() : stop]
        solution = " tag_solution " in f" {start.group(1) or ''} "

        def label(match, solution=solution):
            if solution:
                return chrome.gettext(f"{match.group(1)} solution")
            return chrome.gettext(match.group(0))

        # Only the toggle's own labels: prose that names them stays as written.
        out.append(SUMMARY.sub(lambda m, label=label: CELL_LABEL.sub(label, m.group(0)), part))
        pos = stop
    out.append(body[pos:])
    return "".join(out).replace(SUMMARY_LABEL, "")


ANIMATION_IMG = re.compile(r'<img id="_anim_img(\w+)"(?![^>]*\balt=)')
ANIMATION_SLIDER = re.compile(r'<input id="_anim_slider(\w+)"(?![^>]*\baria-label=)')


#: The player's "Repetition" radio buttons: a <form> with a name is a
#: landmark, and chapter 3's two players made two alike (axe:
#: landmark-unique). The name goes to a radio group inside the form.
ANIMATION_FORM = re.compile(
    r'<form title="([^"]*)" aria-label="([^"]*)"( action="#n" name="_anim_loop_select\w+"'
    r'\s+class="anim-state">)(.*?)(</form>)',
    re.S,
)


def _player_labels(body: str, chrome: Chrome) -> str:
    """The animation player's frame and slider get a name where the stored
    output has none (axe: image-alt, label), and its repetition buttons are
    a named radio group, not a landmark (axe: landmark-unique)."""
    body = ANIMATION_FORM.sub(
        lambda m: (
            f"<form{m.group(3)}"
            f'<div role="radiogroup" aria-label="{m.group(2)}" title="{m.group(1)}">'
            f"{m.group(4)}</div>{m.group(5)}"
        ),
        body,
    )
    body = ANIMATION_IMG.sub(
        lambda m: f'{m.group(0)} alt="{html.escape(chrome.gettext("Animation frame"))}"', body
    )
    return ANIMATION_SLIDER.sub(
        lambda m: f'{m.group(0)} aria-label="{html.escape(chrome.gettext("Frame"))}"', body
    )


def page_language(app, pagename: str) -> str | None:
    """The edition of a page, or of a search page ``chapters/<lang>/search``."""
    edition = edition_of(pagename, app.config.course_editions_dir, app.config.course_languages)
    return edition[0] if edition else None


def _translate_buttons(buttons, chrome: Chrome):
    for button in buttons or []:
        for key in ("tooltip", "label", "text"):
            if isinstance(button.get(key), str):
                button[key] = chrome.button(button[key])
        _translate_buttons(button.get("buttons"), chrome)


def on_html_page_context(app, pagename, templatename, context, doctree):
    lang = page_language(app, pagename)
    if lang is None:
        if "body" in context:  # English and the landing page: solutions, summaries
            context["body"] = _player_labels(
                _cell_labels(context["body"], Chrome("en")), Chrome("en")
            )
        return
    chrome = Chrome(lang)
    context["course_chrome"] = chrome
    context["language"] = lang
    if "body" in context:
        context["body"] = _player_labels(_cell_labels(context["body"], chrome), chrome).replace(
            'title="Link to this heading"',
            f'title="{html.escape(chrome.gettext("Link to this heading"))}"',
        )
    if not chrome.words:
        return
    context["gettext"] = chrome.gettext
    context["ngettext"] = chrome.ngettext
    context["translate"] = chrome.gettext
    context["theme_search_bar_text"] = chrome.gettext("Search this book...")
    _translate_buttons(context.get("header_buttons"), chrome)
    author = app.config.course_authors.get(lang)
    if author:
        context["author"] = author
    title = app.config.course_titles.get(lang)
    if title:
        context["docstitle"] = title
    # The search field of this edition's pages opens its own search page.
    pathto = context["pathto"]
    search = f"{app.config.course_editions_dir}/{lang}/search"

    def edition_pathto(otheruri, *args, **kwargs):
        return pathto(search if otheruri == "search" else otheruri, *args, **kwargs)

    context["pathto"] = edition_pathto


def search_pages(app):
    """chapters/<lang>/search.html for each edition but the book's language."""
    for lang in app.config.course_languages:
        if lang != app.config.language:
            yield f"{app.config.course_editions_dir}/{lang}/search", {}, "search.html"


def _sidebar_languages(text: str, languages: dict[str, str]) -> str:
    """The sidebar's part of each edition (captioned "Русский") gets its lang."""
    for code, label in languages.items():
        text = re.sub(
            rf'<span class="caption-text">{re.escape(label)}</span></p>\s*'
            r'<ul class="([^"]*bd-sidenav[^"]*)">',
            f'<span class="caption-text" lang="{code}">{html.escape(label)}</span></p>\n'
            rf'<ul class="\1" lang="{code}">',
            text,
        )
    return text


def _render_in_language(render, app):
    """Wrap the template loader's render: sidebar languages, FIXED_ATTRIBUTES."""

    def wrapped(template, context):
        text = render(template, context)
        # The launch buttons' logos sit beside their names ("Colab"): an alt
        # repeating the name only doubles what a screen reader says.
        text = LOGO_ALT.sub('alt=""', text)
        text = _sidebar_languages(text, app.config.course_languages)
        text = BRAND.sub(r'\1 role="navigation" aria-label="Site navigation"\2', text)
        chrome = context.get("course_chrome")
        if chrome is None or not chrome.words:
            return text
        for attribute, value in FIXED_ATTRIBUTES:
            text = text.replace(
                f'{attribute}="{value}"', f'{attribute}="{html.escape(chrome.gettext(value))}"'
            )
        return text

    return wrapped


def on_builder_inited(app):
    if app.builder.format != "html":
        return
    if str(STATIC_DIR) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC_DIR))
    app.add_js_file("course_chrome.js", loading_method="defer")
    app.builder.templates.render = _render_in_language(app.builder.templates.render, app)


#: The first line of the words written into _static/course_chrome.js.
WORDS_HEADER = "/* course_chrome: interface words of Sphinx's search and the copy button. */\n"


def write_js_words(app, exception):
    """The JavaScript messages per language, written at the top of
    _static/course_chrome.js (one request, not a file of their own)."""
    if exception is not None or app.builder.format != "html":
        return
    words = {
        lang: {m: table[m] for m in JS_MESSAGES if m in table} for lang, table in CHROME.items()
    }
    path = Path(app.outdir) / "_static" / "course_chrome.js"
    script = (STATIC_DIR / "course_chrome.js").read_text(encoding="utf-8")
    path.write_text(
        WORDS_HEADER
        + f"var COURSE_CHROME = {json.dumps(words, ensure_ascii=False, indent=1)};\n"
        + script,
        encoding="utf-8",
    )


def setup(app):
    app.setup_extension("course_i18n")
    app.add_config_value("course_authors", {}, "html", dict)
    app.connect("builder-inited", on_builder_inited)
    # After the themes (500) and course_i18n have filled in the context.
    app.connect("html-page-context", on_html_page_context, priority=700)
    app.connect("html-collect-pages", search_pages)
    app.connect("build-finished", write_js_words)
    return {
        "version": __version__,
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
