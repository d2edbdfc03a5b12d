"""The built web site, opened page by page in a real browser.

Serves the run's build of the book (the ``book_html`` fixture of
tests/conftest.py, shared with test_book.py and test_pdf.py) on 127.0.0.1 and
opens every page of _toc.yml, and the landing page, in headless Chromium
driven by Playwright. Per page: a title; every local image loaded; no
JavaScript error and no failed local request; ``<html lang>`` and the links
to the same page in the other editions (which answer 200); on notebook
pages the Colab (and Binder) launch links to this repository's notebook; the
download button. At 390 px no horizontal scrolling. Search finds words of
all three languages. Screenshots go to _build/screenshots/<page>.png (the
whole page, 1280 px wide) and <page>-390.png (the first screen of a phone).

Nothing leaves the machine: every request not for the local server is
recorded and aborted, as an offline classroom would see it, and a page that
asks any other host for anything fails. MathJax ships with the book, so
every formula is typeset (no TeX source left on the page), and no notebook
output renders as an empty box (a widget view with no widget state).

The browser is Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``);
Playwright's own browser downloads are never used. Without Chromium the
tests skip, except under CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
SCREENSHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _course_i18n():
    """The book's own extension, _ext/course_i18n.py."""
    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import course_i18n
    finally:
        sys.path.remove(str(ROOT / "_ext"))
    return course_i18n


LANGUAGES = CONFIG["sphinx"]["config"].get("course_languages") or _course_i18n().DEFAULT_LANGUAGES
LANGS = tuple(LANGUAGES)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# One word per language, each expected on a page of its own edition: the
# Russian one inflected ("свёртки", the glossary says "свёртка") to prove
# that the Russian stemmer is at work.
SEARCH_WORDS = {"en": "convolution", "ru": "свёртки", "nl": "convolutie"}

# The interface words of Sphinx, the themes, myst-nb and sphinx-copybutton in
# English: none may be seen, or read by a screen reader, on a Russian or Dutch
# page (text outside code and formulas, and the labels and tooltips).
ENGLISH_LABELS = (
    "Contents",
    "Search",
    "Search this book",
    "Searching",
    "Search Results",
    "Search finished",
    "Preparing search",
    "Hide Search Matches",
    "Show code cell",
    "Hide code cell",
    "Show solution",
    "Hide solution",
    "Toggle hidden content",
    "Back to top",
    "Skip to main content",
    "previous",
    "next",
    "previous page",
    "next page",
    "Copy",
    "Copied",
    "Copy to clipboard",
    "Color mode",
    "Light",
    "Dark",
    "System Settings",
    "Toggle primary sidebar",
    "Toggle secondary sidebar",
    "Download source file",
    "Download notebook file",
    "Download this page",
    "Print to PDF",
    "Fullscreen mode",
    "Launch interactive content",
    "Launch on",
    "Source repository",
    "Link to this heading",
    "On this page",
    "Section Navigation",
    "Site navigation",
    "By",
    "Copyright",
    "Main",
    "Page",
    "Error",
)
# axe-core (bundled by the axe-playwright-python package) runs on every page
# at both widths; a violation of these impacts fails the test.
AXE_FAILING = {"serious", "critical"}
# The weight of a page of an edition, measured with an empty cache (see the
# README, "Page weight"): uncompressed bytes and requests, in total and
# without MathJax, which a page with formulas loads (the course's 0.76 MB
# MathJax file and three or four font files) and one without does not. Each
# budget is the heaviest page measured plus a margin of about 5 % (bytes)
# or 2 requests.
BUDGET_BYTES = 2_000_000
BUDGET_REQUESTS = 31
BUDGET_BYTES_WITHOUT_MATHJAX = 1_130_000
BUDGET_REQUESTS_WITHOUT_MATHJAX = 27
BUDGET_MATHJAX_BYTES = 860_000
REPORT = ROOT / "_build" / "site-report.json"

# What a cell tagged "solution" says in each edition.
SHOW_SOLUTION = {"en": "Show solution", "ru": "Показать решение", "nl": "Toon oplossing"}

pytestmark = pytest.mark.book


def toc_pages() -> list[str]:
    """The root page and every file of _toc.yml, in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                pages.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in toc.items() if k != "root"})
    return [p.removesuffix(".md").removesuffix(".ipynb") for p in dict.fromkeys(pages)]


PAGES = toc_pages()


def edition(page: str) -> tuple[str, str] | None:
    parts = page.split("/", 2)
    if len(parts) == 3 and parts[0] == "chapters" and parts[1] in LANGS:
        return parts[1], parts[2]
    return None


def _missing_browser(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: .ci/run installs it)", pytrace=False)
    pytest.skip(reason)


# --- fixtures -------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(book_html):
    """Base URL of the site, served by a thread on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(book_html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _missing_browser(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser("the playwright package is not installed (requirements.txt)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A browser context on the local site that records what went wrong."""

    def __init__(self, browser, base, viewport, color_scheme="light"):
        self.base = base
        self.external: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
        self.context.set_default_timeout(20_000)
        self.context.route(lambda url: not url.startswith(base), self._outside)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", self._console)
        self.page.on("response", self._response)
        self.page.on("requestfailed", self._failed)

    def _outside(self, route):
        # Recorded and refused: the site must work with no network at all.
        self.external.append(route.request.url)
        route.abort("internetdisconnected")

    def _console(self, msg):
        if msg.type == "error":
            where = msg.location.get("url", "") if msg.location else ""
            self.errors.append(f"console.error: {msg.text} ({where})")

    def _response(self, response):
        if response.url.startswith(self.base) and response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def _failed(self, request):
        # ERR_ABORTED: cancelled by the page (a search result's snippet
        # still loading when the test moves on), not a failure of the site.
        if request.url.startswith(self.base) and "ERR_ABORTED" not in (request.failure or ""):
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def open(self, path):
        """Load a page; errors and outside requests are counted from here."""
        self.errors.clear()
        self.external.clear()
        self.page.goto(self.base + path, wait_until="load")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def desktop(browser, server):
    v = Visit(browser, server, DESKTOP)
    yield v
    v.close()


@pytest.fixture(scope="module")
def phone(browser, server):
    v = Visit(browser, server, PHONE)
    yield v
    v.close()


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def load_all_images(page) -> None:
    """Load the figures a reader has not scrolled to yet (loading="lazy")."""
    page.evaluate("""async () => {
        for (const img of document.querySelectorAll('img[loading=lazy]')) img.loading = 'eager';
        await Promise.all([...document.images].map(img => img.complete ? null :
            new Promise(done => { img.onload = img.onerror = done; })));
    }""")


FONTAWESOME = {"solid": "fa-solid-900", "regular": "fa-regular-400", "brands": "fa-brands-400"}


@pytest.fixture(scope="module")
def icon_fonts(book_html) -> dict[str, set[int]]:
    """The code points of FontAwesome's fonts as the site ships them: cut
    down by _ext/course_theme.py to the icons it shows."""
    from fontTools.ttLib import TTFont

    fonts = book_html / "_static" / "vendor" / "fontawesome" / "webfonts"
    out = {}
    for key, name in FONTAWESOME.items():
        path = fonts / f"{name}.course.woff"
        assert path.is_file(), path
        with TTFont(path) as font:
            out[key] = set(font.getBestCmap())
    return out


def missing_icons(page, icon_fonts) -> list[str]:
    """Icons the page shows (FontAwesome's font on an element or on its
    ::before / ::after) that the shipped fonts lack: a box instead."""
    shown = page.evaluate("""() => {
        const out = [];
        for (const el of document.querySelectorAll('body *')) {
            for (const pseudo of [null, '::before', '::after']) {
                const s = getComputedStyle(el, pseudo);
                if (!/Font Awesome/.test(s.fontFamily)) continue;
                if (pseudo && (s.content === 'none' || s.display === 'none')) continue;
                const text = pseudo ? s.content : [...el.childNodes]
                    .filter(n => n.nodeType === 3).map(n => n.textContent).join('');
                for (const ch of text) {
                    const code = ch.codePointAt(0);
                    if (code >= 0xe000 && code <= 0xf8ff)
                        out.push([code, s.fontFamily, Number(s.fontWeight)]);
                }
            }
        }
        return out;
    }""")
    missing = set()
    for code, family, weight in shown:
        key = "brands" if "Brands" in family else ("solid" if weight >= 600 else "regular")
        if code not in icon_fonts[key]:
            missing.add(f"U+{code:04X} ({key})")
    return sorted(missing)


def typeset(page) -> dict:
    """Wait for MathJax; how many formulas the page has and how many are
    still TeX source (a formula MathJax did not set)."""
    return page.evaluate("""async () => {
        if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
            await MathJax.startup.promise;
        }
        const math = [...document.querySelectorAll('.math')];
        return {
            formulas: math.length,
            raw: math.filter(m => !m.querySelector('mjx-container'))
                     .map(m => m.textContent.trim().slice(0, 60)),
        };
    }""")


def empty_outputs(page) -> list[str]:
    """Notebook outputs that show nothing: no text, no image, no element of
    any size (a widget view with no widget state renders as an empty box)."""
    return page.evaluate("""() => [...document.querySelectorAll('.cell_output > *')]
        .filter(o => {
            const shown = o.getClientRects().length > 0 && o.offsetHeight > 1;
            const media = o.matches('img, svg, canvas, video')
                || o.querySelector('img, svg, canvas, video');
            return !shown || (!o.innerText.trim() && !media);
        })
        .map(o => o.outerHTML.trim().slice(0, 160))""")


def interface_text(page) -> dict:
    """What the page says outside code and formulas, and its labels and
    tooltips; parts marked with another language (the other editions'
    entries in the sidebar, the language links) are left out."""
    return page.evaluate("""() => {
        const lang = document.documentElement.lang;
        const body = document.body;
        const skip = el => el.closest('pre, code, .math, mjx-container, script, style')
            || [...ancestors(el)].some(a => a.lang && a.lang !== lang);
        function* ancestors(el) { for (; el && el !== body; el = el.parentElement) yield el; }
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        const texts = [];
        for (let node; (node = walker.nextNode());) {
            const el = node.parentElement;
            if (!node.textContent.trim() || skip(el)) continue;
            if (!el.checkVisibility()) continue;
            texts.push(node.textContent.trim());
        }
        const names = ['title', 'aria-label', 'placeholder', 'data-tooltip',
                       'data-bs-original-title', 'data-bs-title'];
        const labels = [];
        for (const el of body.querySelectorAll('*')) {
            if (skip(el)) continue;
            for (const n of names) if (el.getAttribute(n)) labels.push(el.getAttribute(n));
            if (el.matches('img[alt]') && el.closest('.header-article, .bd-sidebar-primary'))
                labels.push(el.alt);
        }
        document.title && labels.push(document.title);
        return {texts, labels};
    }""")


def english_labels(page) -> list[str]:
    """The ENGLISH_LABELS a page shows or reads out (whole words, as cased)."""
    found = interface_text(page)
    words = "\n".join(found["texts"] + found["labels"])
    return [w for w in ENGLISH_LABELS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", words)]


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now, MathJax done."""
    from axe_playwright_python.sync_playwright import Axe

    typeset(page)
    # preload off: axe would fetch each stylesheet again and resolve the
    # theme's `@import "../basic.css"` against the page, asking for a file
    # that is not there (it only serves css-orientation-lock).
    options = {"resultTypes": ["violations"], "preload": False}
    response = Axe().run(page, options=options).response
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": len(v["nodes"]),
            "first": v["nodes"][0]["target"],
        }
        for v in response["violations"]
    ]


_report: dict = {"axe": {}, "weight": {}}


def record(kind: str, key: str, value) -> None:
    """Add to _build/site-report.json: axe's findings, page weights."""
    _report[kind][key] = value
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(_report, indent=1, ensure_ascii=False), encoding="utf-8")


def check_axe(page, name: str) -> None:
    found = axe_violations(page)
    record("axe", name, found)
    failing = [v for v in found if v["impact"] in AXE_FAILING]
    assert not failing, f"{name}: axe {failing}"


def screenshot(page, name, full_page=True):
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    # A long page on a busy machine: more time than the default 20 s.
    page.screenshot(path=str(path), full_page=full_page, timeout=90_000)


# --- tests ----------------------------------------------------------------------


def test_toc_lists_the_editions():
    assert len(PAGES) > 1
    assert {edition(p)[0] for p in PAGES if edition(p)} == set(LANGS)


@pytest.fixture(scope="module", autouse=True)
def _fresh_screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)


# The theme follows the reader's system setting (default_mode: auto): one
# chapter page per edition in dark mode, the code, the outputs and the
# course's own CSS (stacked tables, figure links, the player) included.
DARK_PAGES = [
    "chapters/en/03_padding_and_stride",
    "chapters/ru/06_cnn_fashion_mnist",
    "chapters/nl/07_going_further",
]


@pytest.mark.parametrize("page_name", DARK_PAGES)
def test_dark_mode(page_name, browser, server):
    assert page_name in PAGES
    visit = Visit(browser, server, DESKTOP, color_scheme="dark")
    try:
        page = visit.open(f"{page_name}.html")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        check_axe(page, f"{page_name} dark")
        screenshot(page, f"{page_name.replace('/', '_')}_dark", full_page=False)
        assert not visit.external, f"{page_name}: outside requests {visit.external}"
        assert not visit.errors, f"{page_name}: {visit.errors}"
    finally:
        visit.close()


@pytest.mark.parametrize("page_name", PAGES)
def test_page(page_name, desktop, phone, server, icon_fonts):
    page = desktop.open(f"{page_name}.html")

    title = page.title().strip()
    assert title, f"{page_name}: empty <title>"

    load_all_images(page)
    images = page.evaluate("""() => [...document.images].map(img => ({
        src: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0}))""")
    broken = [img["src"] for img in images if img["src"].startswith(server) and not img["ok"]]
    assert not broken, f"{page_name}: images not loaded: {broken}"

    ed = edition(page_name)
    lang = page.evaluate("document.documentElement.lang")
    assert lang == (ed[0] if ed else CONFIG["sphinx"]["config"].get("language", "en")), (
        f"{page_name}: <html lang={lang!r}>"
    )

    if ed:
        own, rest = ed
        if own != "en":
            # The interface in the page's language, and solutions so labelled.
            english = english_labels(page)
            assert not english, f"{page_name}: English interface words {english}"
        solutions = page.locator(".cell.tag_solution summary")
        for i in range(solutions.count()):
            label = solutions.nth(i).inner_text().strip()
            assert label == SHOW_SOLUTION[own], f"{page_name}: solution toggle {label!r}"
        current = page.locator("nav.course-languages [aria-current=page]")
        assert current.get_attribute("lang") == own
        links = page.eval_on_selector_all(
            "nav.course-languages a[hreflang]",
            "els => els.map(a => [a.hreflang, a.href, a.textContent])",
        )
        assert sorted(code for code, _, _ in links) == sorted(set(LANGS) - {own}), (
            f"{page_name}: language links {links}"
        )
        for code, href, label in links:
            twin = f"chapters/{code}/{rest}"
            expected = twin if twin in PAGES else f"chapters/{code}/index"
            assert urlsplit(href).path == f"/{expected}.html", f"{page_name}: {label} -> {href}"
            assert status_of(href) == 200, f"{page_name}: {label} -> {href}"
        # "Previous" / "Next" never lead into another edition.
        for href in page.eval_on_selector_all(".prev-next-area a", "els => els.map(a => a.href)"):
            target = edition(urlsplit(href).path.lstrip("/").removesuffix(".html"))
            assert target is None or target[0] == own, f"{page_name}: prev/next -> {href}"
    else:
        # The landing page: a section headed "Русский" is marked lang="ru".
        by_label = {label: code for code, label in LANGUAGES.items()}
        sections = page.eval_on_selector_all(
            "section",
            """els => els.map(s => [
            (s.querySelector('h1,h2,h3,h4,h5,h6')?.firstChild?.textContent || '').trim(),
            s.lang])""",
        )
        for heading, section_lang in sections:
            if heading in by_label:
                assert section_lang == by_label[heading], f"{page_name}: {heading} {section_lang}"

    if (ROOT / f"{page_name}.ipynb").is_file():
        # Colab (and Binder) open this notebook from _config.yml's repository.
        repo = urlsplit(CONFIG["repository"]["url"]).path.strip("/")
        branch = CONFIG["repository"].get("branch", "main")
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        prefix = f"https://colab.research.google.com/github/{repo}/blob/{branch}/"
        colab = [h for h in hrefs if h.startswith("https://colab.research.google.com/")]
        assert colab == [f"{prefix}{page_name}.ipynb"], f"{page_name}: Colab links {colab}"
        assert (ROOT / colab[0].removeprefix(prefix)).is_file()
        binder = CONFIG.get("launch_buttons", {}).get("binderhub_url")
        if binder:
            want = f"{binder.rstrip('/')}/v2/gh/{repo}/{branch}?urlpath=tree/{page_name}.ipynb"
            assert want in hrefs, f"{page_name}: no Binder link {want}"

    source = page.locator("a.btn-download-source-button")
    assert source.count() == 1, f"{page_name}: no download button"
    assert status_of(source.evaluate("a => a.href")) == 200

    math = typeset(page)
    assert not math["raw"], f"{page_name}: formulas left as TeX: {math['raw'][:5]}"
    assert not empty_outputs(page), f"{page_name}: empty outputs {empty_outputs(page)}"

    assert not missing_icons(page, icon_fonts), f"{page_name}: {missing_icons(page, icon_fonts)}"

    screenshot(page, page_name)
    check_axe(page, f"{page_name} 1280")
    assert not desktop.errors, f"{page_name}: " + "\n".join(desktop.errors)
    outside = {urlsplit(u).hostname for u in desktop.external}

    small = phone.open(f"{page_name}.html")
    widths = small.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 1, f"{page_name}: scrolls sideways at 390 px: {widths}"
    screenshot(small, f"{page_name}-390", full_page=False)  # the first screen
    assert not missing_icons(small, icon_fonts), f"{page_name}: {missing_icons(small, icon_fonts)}"
    check_axe(small, f"{page_name} 390")
    assert not phone.errors, f"{page_name} at 390 px: " + "\n".join(phone.errors)

    outside |= {urlsplit(u).hostname for u in phone.external}
    assert not outside, f"{page_name}: asks the internet for {sorted(outside)}"


def search_page(lang: str) -> str:
    """Each edition's search page; English uses the book's own."""
    return "search.html" if lang == "en" else f"chapters/{lang}/search.html"


@pytest.mark.parametrize("lang, word", sorted(SEARCH_WORDS.items()))
def test_search_finds_each_language(lang, word, desktop):
    """Each edition's search page, in its language, finds a word of it, with
    snippets from the article: no header buttons, no language links."""
    page = desktop.open(f"{search_page(lang)}?q={word}")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && s.textContent.trim().length > 0; }"
    )
    assert page.evaluate("document.documentElement.lang") == lang
    hits = page.eval_on_selector_all(
        "#search-results ul.search li a", "els => els.map(a => a.href)"
    )
    assert any(f"/chapters/{lang}/" in h for h in hits), f"{word!r}: {hits}"
    # Each result leads to its page (from a search page in a sub-folder too).
    broken = [h for h in hits if status_of(h.split("#")[0]) != 200]
    assert not broken, f"{word!r}: result links that lead nowhere {broken}"
    snippets = page.eval_on_selector_all(
        "#search-results ul.search li p.context", "els => els.map(p => p.textContent)"
    )
    assert snippets, f"{word!r}: no snippets"
    stem = word.replace("ё", "е")[:5].lower()
    good = [s for s in snippets if stem in s.lower()]
    assert len(good) >= len(snippets) // 2, f"{word!r}: snippets without the word {snippets}"
    furniture = r"\.ipynb|\.pdf|Binder|Contents|code cell|код ячейки|English\s+Русский\s+Nederlands"
    noise = [s for s in snippets if re.search(furniture, s)]
    assert not noise, f"{word!r}: snippets with page furniture {noise}"
    if lang != "en":
        english = english_labels(page)
        assert not english, f"{search_page(lang)}: English interface words {english}"
    screenshot(page, f"search-{lang}", full_page=False)
    check_axe(page, f"{search_page(lang)} 1280")
    assert not desktop.errors, "\n".join(desktop.errors)


@pytest.mark.parametrize("lang", [code for code in LANGS if code != "en"])
def test_search_field_opens_the_editions_search_page(lang, desktop):
    page = desktop.open(f"chapters/{lang}/02_convolution.html")
    action = page.eval_on_selector("form.bd-search", "f => f.action")
    assert urlsplit(action).path == f"/{search_page(lang)}", action


#: Each edition's words, stemmed in the browser on its search page as the
#: index builder stemmed them: Cyrillic with the Russian stemmer, Latin words
#: of the Dutch edition with the Dutch one.
STEMMED = {"ru": r"[\u0400-\u04ff]", "nl": r"^[a-zà-ÿ]+$"}


@pytest.mark.parametrize("lang", sorted(STEMMED))
def test_stemmer_agrees_with_the_index(lang, desktop):
    """The browser stems query words as the index builder did."""
    stemmer = _course_i18n().SearchEnRuNl({})
    stemmer.edition = lang
    pairs = []
    # The stemmer is loaded on the search pages only: stem there the words
    # of every page of the edition.
    page = desktop.open(search_page(lang))
    for page_name in [p for p in PAGES if edition(p) and edition(p)[0] == lang]:
        pairs += page.evaluate(
            """async ([url, pattern]) => {
            const html = await (await fetch(url)).text();
            const doc = new DOMParser().parseFromString(html, 'text/html');
            const stemmer = new Stemmer();
            const text = doc.querySelector('[role=main]').textContent.toLowerCase();
            return [...new Set(splitQuery(text))].filter(w => new RegExp(pattern).test(w))
                .map(w => [w, stemmer.stemWord(w)]); }""",
            [f"/{page_name}.html", STEMMED[lang]],
        )
    assert len(pairs) > 100, pairs
    differ = [(w, js, stemmer.stem(w)) for w, js in pairs if stemmer.stem(w) != js]
    assert not differ, differ[:20]


#: Dutch words and their inflections (plural, -en with the vowel undoubled)
#: that must find the same pages, each used in the Dutch edition.
DUTCH_INFLECTIONS = [
    ("filter", "filters"),
    ("laag", "lagen"),
    ("gewicht", "gewichten"),
    ("afbeelding", "afbeeldingen"),
    ("kanaal", "kanalen"),
]


def test_dutch_inflections_share_a_stem():
    stemmer = _course_i18n().SearchEnRuNl({})
    stemmer.edition = "nl"
    unlike = [(a, b) for a, b in DUTCH_INFLECTIONS if stemmer.stem(a) != stemmer.stem(b)]
    assert not unlike, unlike
    # Only in the Dutch edition: elsewhere Latin words keep English stems.
    stemmer.edition = "en"
    assert stemmer.stem("lagen") != stemmer.stem("laag")


def search_hits(page, path: str) -> list[str]:
    """The pages a search page lists, once its search has finished."""
    page.goto(path, wait_until="load")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && s.textContent.trim().length > 0; }"
    )
    hrefs = page.eval_on_selector_all(
        "#search-results ul.search li a", "els => els.map(a => a.href)"
    )
    return sorted({urlsplit(h).path for h in hrefs})


@pytest.mark.parametrize("word, inflected", DUTCH_INFLECTIONS)
def test_dutch_search_finds_inflections(word, inflected, desktop, server):
    """On the Dutch search page a word and its inflection find the same
    Dutch pages, and at least one of them has the inflected form."""
    page = desktop.open(search_page("nl"))
    base = f"{server}{search_page('nl')}?q="
    hits = search_hits(page, base + word)
    dutch = [h for h in hits if h.startswith("/chapters/nl/")]
    assert dutch, f"{word!r}: {hits}"
    assert all(status_of(server + h.lstrip("/")) == 200 for h in hits), hits
    assert search_hits(page, base + inflected) == hits, inflected
    texts = [
        page.evaluate(
            "async url => (await (await fetch(url)).text()).toLowerCase()", server + h.lstrip("/")
        )
        for h in dutch
    ]
    assert any(re.search(rf"\b{inflected}\b", t) for t in texts), f"{inflected!r} in {dutch}"
    assert not desktop.errors, "\n".join(desktop.errors)


@pytest.mark.parametrize("lang", LANGS)
def test_formulas_and_explorer_figure_offline(lang, desktop):
    """Chapter 3 offline: its formulas typeset by the MathJax shipped with
    the book, and the padding explorer's stored figure on the page."""
    page = desktop.open(f"chapters/{lang}/03_padding_and_stride.html")
    math = typeset(page)
    assert math["formulas"] >= 10 and not math["raw"], math
    # The label is the section's id, or a span at the top of the section.
    label = f"{lang}-padding-explorer"
    figure = page.locator(
        f"section#{label} .cell_output img, section:has(> #{label}) .cell_output img"
    ).first
    load_all_images(page)
    assert figure.evaluate("img => img.complete && img.naturalWidth > 200")
    figure.scroll_into_view_if_needed()
    screenshot(page, f"{lang}-03-explorer", full_page=False)
    formula = page.locator("div.math mjx-container").first
    formula.scroll_into_view_if_needed()
    screenshot(page, f"{lang}-03-formula", full_page=False)
    assert not desktop.external, desktop.external
    assert not desktop.errors, "\n".join(desktop.errors)


WEIGHT_JS = """async () => {
    if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
    await document.fonts.ready;
    const nav = performance.getEntriesByType('navigation')[0];
    const all = performance.getEntriesByType('resource');
    const mathjax = all.filter(e => e.name.includes('/_static/mathjax/'));
    const sum = list => list.reduce((total, e) => total + e.decodedBodySize, 0);
    return {requests: 1 + all.length, bytes: nav.decodedBodySize + sum(all),
            mathjax_requests: mathjax.length, mathjax_bytes: sum(mathjax)};
}"""


@pytest.mark.parametrize("page_name", [p for p in PAGES if edition(p)])
def test_page_weight(page_name, browser, server):
    """Bytes (uncompressed) and requests of a page of an edition, loaded
    with an empty cache, against the README's budget."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        context.route(lambda url: not url.startswith(server), lambda route: route.abort())
        page = context.new_page()
        page.goto(f"{server}{page_name}.html", wait_until="load")
        page.wait_for_timeout(300)  # late requests: MathJax's fonts
        weight = page.evaluate(WEIGHT_JS)
    finally:
        context.close()
    record("weight", page_name, weight)
    without = {
        "bytes": weight["bytes"] - weight["mathjax_bytes"],
        "requests": weight["requests"] - weight["mathjax_requests"],
    }
    assert weight["bytes"] <= BUDGET_BYTES, f"{page_name}: {weight}"
    assert weight["requests"] <= BUDGET_REQUESTS, f"{page_name}: {weight}"
    assert without["bytes"] <= BUDGET_BYTES_WITHOUT_MATHJAX, f"{page_name}: {weight}"
    assert without["requests"] <= BUDGET_REQUESTS_WITHOUT_MATHJAX, f"{page_name}: {weight}"
    assert weight["mathjax_bytes"] <= BUDGET_MATHJAX_BYTES, f"{page_name}: {weight}"


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_only_on_the_search_page(lang, desktop):
    page = desktop.open(f"chapters/{lang}/02_convolution.html")
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(s => s.src)")
    assert not [s for s in scripts if "searchindex" in s or "searchtools" in s], scripts
    page = desktop.open(search_page(lang))
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(s => s.src)")
    assert sum("searchindex.js" in s for s in scripts) == 1, scripts


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_assets_a_page_uses(lang, desktop):
    """No thebe anywhere (the book has no live-code button); sphinx-design's
    assets only where its dropdowns are (the teachers' guide, whose first
    dropdown still opens); no MathJax on a page with no formula."""
    assets = "els => els.map(e => e.src || e.href || e.textContent.slice(0, 40))"
    page = desktop.open(f"chapters/{lang}/02_convolution.html")
    loaded = page.eval_on_selector_all("script, link[rel=stylesheet]", assets)
    unused = ("thebe", "THEBE", "togglebutton", "toggleHint", "design-tabs", "sphinx-design")
    assert not [a for a in loaded if any(u in a for u in unused)], loaded
    assert any("/mathjax/" in a for a in loaded), loaded
    page = desktop.open(f"chapters/{lang}/glossary.html")
    loaded = page.eval_on_selector_all("script, link[rel=stylesheet]", assets)
    assert not [a for a in loaded if "/mathjax/" in a or "MathJax" in a], loaded
    page = desktop.open(f"chapters/{lang}/teachers_guide.html")
    loaded = page.eval_on_selector_all("script, link[rel=stylesheet]", assets)
    assert any("sphinx-design" in a for a in loaded), loaded
    dropdown = page.locator("details.sd-dropdown").first
    dropdown.locator("summary").click()
    assert dropdown.evaluate("d => d.open")
    assert dropdown.locator(".sd-summary-content").is_visible()
    assert not desktop.errors, "\n".join(desktop.errors)


def test_switching_language_keeps_the_section(desktop):
    # Opened at a heading's own anchor (not a label): its section's label.
    page = desktop.open("chapters/en/03_padding_and_stride.html#explore-it-yourself")
    page.locator("nav.course-languages a[hreflang=ru]").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/chapters/ru/03_padding_and_stride.html#ru-padding-explorer")
    assert page.evaluate("window.scrollY") > 1000
