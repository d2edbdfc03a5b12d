"""The three editions of the course: language links, page language, search.

A small local Sphinx extension, loaded from ``_config.yml``
(``sphinx: local_extensions: {course_i18n: _ext}``). It knows nothing about
the list of chapters: a page ``chapters/<lang>/<name>`` belongs to the edition
``<lang>``, and its twins are ``chapters/<other>/<name>`` whenever Sphinx
built them. It does three things:

1. **Language links.** Every page of an edition starts with a small
   navigation "English · Русский · Nederlands": the current language is
   marked ``aria-current="page"``, the other two link to the same page in
   their edition (or to that edition's start page, should a twin be missing).
   The head gets the matching ``<link rel="alternate" hreflang=...>``.
   "Previous" and "Next" stay within the page's edition.
2. **Page language.** ``<html lang="...">`` is the page's edition, so that
   browsers pick the right hyphenation and fonts and screen readers the right
   voice, and the course's name in ``<title>`` and in the sidebar is the
   edition's own (``course_titles``). Pages outside the editions (the landing
   page, search, index) keep ``language`` ("en") and ``html_title``; on them
   a section headed with an edition's label ("Русский") gets that ``lang``.
3. **Search in three languages.** Sphinx builds one search index for one
   language. ``SearchEnRuNl`` indexes Cyrillic words with the Russian
   Snowball stemmer, Latin words of the Dutch edition with the Dutch
   Snowball stemmer and the other Latin words with the English Porter
   stemmer, and ships the same stemmers to the browser, so "свёртки",
   "свертка" and "свёрткой" all find the Russian chapter, and "laag" and
   "lagen", "gewicht" and "gewichten", "afbeelding" and "afbeeldingen" the
   same Dutch pages. A search page knows its edition by ``<html lang>``: the
   Dutch one stems Latin words as Dutch, the others as English.

No JavaScript from the internet: the links are plain HTML and the stemmers
are the ones Sphinx itself ships.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import snowballstemmer
import sphinx.search
from docutils import nodes
from sphinx.search import SearchLanguage
from sphinx.search import en as _en
from sphinx.search import ru as _ru

__version__ = "1.1"

#: Edition code -> label shown in the links, in the order shown.
DEFAULT_LANGUAGES = {"en": "English", "ru": "Русский", "nl": "Nederlands"}
#: The folder whose sub-folders are the editions.
DEFAULT_EDITIONS_DIR = "chapters"

STATIC_DIR = Path(__file__).resolve().parent / "static"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def edition_of(pagename: str, editions_dir: str, languages) -> tuple[str, str] | None:
    """(lang, rest) for ``<editions_dir>/<lang>/<rest>``, else None."""
    parts = pagename.split("/", 2)
    if len(parts) == 3 and parts[0] == editions_dir and parts[1] in languages:
        return parts[1], parts[2]
    return None


def _twin(app, lang: str, rest: str) -> str | None:
    """The docname of page ``rest`` in edition ``lang``, or its start page."""
    found = app.env.found_docs
    base = f"{app.config.course_editions_dir}/{lang}"
    for candidate in (f"{base}/{rest}", f"{base}/index"):
        if candidate in found:
            return candidate
    return None


def _language_nav(app, pagename: str, lang: str, rest: str) -> tuple[str, list[str]]:
    """The HTML of the language links and the head's alternate links."""
    items, alternates = [], []
    for code, label in app.config.course_languages.items():
        text = html.escape(label)
        if code == lang:
            items.append(
                f'<li><span class="course-lang-current" lang="{code}" '
                f'aria-current="page">{text}</span></li>'
            )
            continue
        target = _twin(app, code, rest)
        if target is None:
            continue
        href = html.escape(app.builder.get_relative_uri(pagename, target))
        items.append(
            f'<li><a class="course-lang-link" href="{href}" hreflang="{code}" '
            f'lang="{code}">{text}</a></li>'
        )
        alternates.append(f'<link rel="alternate" hreflang="{code}" href="{href}" />')
    nav = (
        '<nav class="course-languages" aria-label="Language · Язык · Taal">'
        f"<ul>{''.join(items)}</ul></nav>\n"
    )
    return nav, alternates


def _linked_docname(app, pagename: str, link: str) -> str:
    """The docname a relative link of page ``pagename`` points to."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(pagename), link.split("#", 1)[0]))
    return path.removesuffix(app.builder.out_suffix)


def on_html_page_context(app, pagename, templatename, context, doctree):
    editions_dir, languages = app.config.course_editions_dir, app.config.course_languages
    edition = edition_of(pagename, editions_dir, languages)
    if edition is None or "body" not in context:
        return
    lang, rest = edition
    # "Previous" and "Next" follow _toc.yml, which puts the editions one after
    # the other: the last page of one would lead on into the next language.
    for key in ("prev", "next"):
        rel = context.get(key)
        if rel and rel.get("link"):
            other = edition_of(_linked_docname(app, pagename, rel["link"]), editions_dir, languages)
            if other is not None and other[0] != lang:
                context[key] = None
    context["language"] = lang  # <html lang="..."> in the theme's layout
    title = app.config.course_titles.get(lang)
    if title:  # <title>Page — Title</title> and the sidebar's heading
        context["docstitle"] = title
    nav, alternates = _language_nav(app, pagename, lang, rest)
    context["body"] = nav + context["body"]
    if alternates:
        context["metatags"] = context.get("metatags", "") + "\n".join(alternates) + "\n"


def mark_language_sections(app, doctree, docname):
    """On pages outside the editions (the landing page), a section headed
    with an edition's label ("Русский") is marked as written in it."""
    if edition_of(docname, app.config.course_editions_dir, app.config.course_languages):
        return
    by_label = {label: code for code, label in app.config.course_languages.items()}
    for section in doctree.findall(nodes.section):
        title = section.next_node(nodes.title)
        code = by_label.get(title.astext().strip()) if title else None
        if code:
            # docutils writes the class "language-xx" as lang="xx".
            section["classes"].append(f"language-{code}")


def on_builder_inited(app):
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))
        app.add_css_file("course_i18n.css")
    if hasattr(app.builder, "index_page"):
        app.builder.index_page = _index_in_edition(app, app.builder.index_page)


def _index_in_edition(app, index_page):
    """The builder's index_page, telling SearchEnRuNl the page's edition."""

    def wrapped(pagename, *args, **kwargs):
        lang = getattr(getattr(app.builder, "indexer", None), "lang", None)
        if isinstance(lang, SearchEnRuNl):
            found = edition_of(
                pagename, app.config.course_editions_dir, app.config.course_languages
            )
            lang.edition = found[0] if found else None
        return index_page(pagename, *args, **kwargs)

    return wrapped


# --- search -------------------------------------------------------------------

_JS_DISPATCH = r"""
/* course_i18n: Cyrillic words get the Russian stemmer; Latin ones the Dutch
   stemmer on a Dutch page (the Dutch search page), Porter elsewhere. */
var CoursePorterStemmer = Stemmer;
var Stemmer = function() {
  var russian = new RussianStemmer();
  var latin = document.documentElement.lang === "nl"
    ? new DutchStemmer() : new CoursePorterStemmer();
  this.stemWord = function(w) {
    return /[\u0400-\u04ff]/.test(w) ? russian.stemWord(w) : latin.stemWord(w);
  };
};
"""
#: Snowball's Dutch stemmer as Sphinx ships it to the browser
#: (minified-js/dutch-stemmer.js): snowballstemmer 3 calls it "dutch_porter"
#: and gives the name "dutch" to a newer algorithm with other stems
#: ("gewicht" -> "wicht"), which the browser would not reproduce.
DUTCH = "dutch_porter" if "dutch_porter" in snowballstemmer.algorithms() else "dutch"


def _minified_js(name: str) -> str:
    """A Snowball stemmer for the browser, as shipped with Sphinx."""
    path = Path(sphinx.search.__file__).parent / "minified-js" / name
    return path.read_text(encoding="utf-8")


class SearchEnRuNl(SearchLanguage):
    """Russian Snowball stemming for Cyrillic; for Latin script, Dutch
    Snowball on the Dutch edition's pages and English Porter elsewhere."""

    lang = "en_ru_nl"
    language_name = "English, Russian and Dutch"
    stopwords = set(_en.english_stopwords) | set(_ru.russian_stopwords)
    #: The edition of the page being indexed (``index_page`` sets it).
    edition: str | None = None

    def init(self, options) -> None:
        self.porter = snowballstemmer.stemmer("porter")
        self.russian = snowballstemmer.stemmer("russian")
        self.dutch = snowballstemmer.stemmer(DUTCH)
        self.js_stemmer_code = "\n".join(
            [
                _en.js_porter_stemmer,
                _minified_js("base-stemmer.js"),
                _minified_js("russian-stemmer.js"),
                _minified_js("dutch-stemmer.js"),
                _JS_DISPATCH,
            ]
        )

    def stem(self, word: str) -> str:
        word = word.lower()
        if CYRILLIC.search(word):
            return self.russian.stemWord(word)
        if self.edition == "nl":
            return self.dutch.stemWord(word)
        return self.porter.stemWord(word)

    def word_filter(self, word: str) -> bool:
        # The default filter only drops Latin-1 stop words; drop Russian ones too.
        return bool(word) and word not in self.stopwords


def on_config_inited(app, config):
    if not config.html_search_language:
        config.html_search_language = SearchEnRuNl.lang


def setup(app):
    app.add_config_value("course_languages", DEFAULT_LANGUAGES, "html", dict)
    app.add_config_value("course_editions_dir", DEFAULT_EDITIONS_DIR, "html", str)
    app.add_config_value("course_titles", {}, "html", dict)
    app.add_search_language(SearchEnRuNl)
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("html-page-context", on_html_page_context)
    app.connect("doctree-resolved", mark_language_sections)
    # Bump env_version whenever the output changes: Sphinx then rebuilds every
    # page instead of keeping those written by the older version.
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
