"""Repairs to what the pinned theme stack puts in every page's <head>.

A small local Sphinx extension, loaded from ``_config.yml``
(``sphinx: local_extensions: {course_theme: _ext}``).

Sphinx 7.4 adds an inline script registered after ``Builder.init()``
(``app.add_js_file(None, body=...)``) twice: once with the file name None
and once more, in ``prepare_writing``, with the name ''. Two inline scripts
of sphinx-thebe then declare ``const THEBE_JS_URL`` twice and every page
opens with "SyntaxError: Identifier 'THEBE_JS_URL' has already been
declared" in the console (sphinx-togglebutton's is repeated too, harmlessly).
This drops the repeats, keeping the first of each.

pydata-sphinx-theme 0.17 puts a search field in a top navbar of its own
unless ``navbar_persistent`` is set, while sphinx-book-theme 1.3 (whose
theme.conf leaves it empty) has no top navbar and its own search field in the
sidebar: every page showed an empty bar with a second search field above the
article. This sets ``navbar_persistent`` to [] unless _config.yml sets it.

At 390 px, a phone's width, a long inline code span (the pip command with
the repository's URL on the "Start here" pages) pushed the page sideways;
``static/course_theme.css`` lets inline code and long words break.

The search index only where it is used: pydata-sphinx-theme's layout puts
``searchtools.js``, ``language_data.js`` and ``searchindex.js`` (together
about 250 kB, render-blocking) in the head of every page, for a search as you
type that the book theme leaves off; the search field only opens the search
page. This keeps them on the search pages alone (once each: the theme's
layout adds them a second time on a search page not named ``search``).
The theme's ``fontawesome.js`` (1.49 MB, FontAwesome's icons as SVG drawn
by JavaScript) goes too: the theme's CSS draws the same icons with
FontAwesome's web fonts, which every page loaded anyway.

On a phone: each output figure is a link to its PNG, so a tap opens it
full size (a four-panel figure is shown at 30 % in a 358 px column), and
loads lazily; a table stacks into labelled rows (``course-stack``: each cell
gets its column's heading as ``data-label``) instead of scrolling sideways
in a box a keyboard cannot reach; the animation player fits the column
(``static/course_theme.css``).

MathJax ships with the book: Sphinx's default ``mathjax_path`` is a CDN
address, so a page opened offline (a USB stick, a school mirror) showed its
formulas as raw TeX. ``_config.yml`` sets ``mathjax_path`` to
``mathjax/tex-mml-chtml.js``, a path inside ``_static``, and this copies
MathJax 3.2.2 there from the PyPI package ``django-static-mathjax`` (pinned in
requirements.txt; it is a plain copy of MathJax's own ``es5`` folder, the
version Sphinx asks the CDN for): the combined file, the TeX extensions it
loads on demand, the CHTML fonts and the menu with its accessibility parts.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

__version__ = "1.3"
STATIC_DIR = Path(__file__).resolve().parent / "static"


def _key(script):
    return (script.filename or "", script.priority, tuple(sorted(script.attributes.items())))


def drop_repeated_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = _key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    if len(unique) != len(scripts):
        # In place: it is the builder's own list, restored after each page.
        scripts[:] = unique


def no_top_navbar(app, config):
    options = config.html_theme_options
    if isinstance(options, dict):
        options.setdefault("navbar_persistent", [])


SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|'
    r'searchindex\.js)"></script>\n?'
)
#: FontAwesome as SVG and JavaScript, 1.49 MB a page: the theme's CSS already
#: draws the same icons with FontAwesome's web fonts.
FONTAWESOME_JS = re.compile(
    r'[ \t]*<script defer src="[^"]*scripts/fontawesome\.js[^"]*"></script>\n?'
)


def search_scripts_on_search_pages(render):
    """Wrap the template loader's render: the search scripts on search pages
    only, and there once."""

    def wrapped(template, context):
        text = FONTAWESOME_JS.sub("", render(template, context))
        found = list(SEARCH_SCRIPTS.finditer(text))
        keep = found[-3:] if template == "search.html" else []
        for match in reversed(found):
            if match not in keep:
                text = text[: match.start()] + text[match.end() :]
        return text

    return wrapped


FIGURE = re.compile(r'(<div class="cell_output docutils container">\s*)(<img ([^>]*?)\s*/?>)')
TABLE = re.compile(r"<table class=\"([^\"]*)\">(.*?)</table>", re.S)
CELL_TEXT = re.compile(r"<t([hd])[^>]*>(.*?)</t\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def _figure_links(body: str) -> str:
    """Each output image a link to its file, loaded lazily."""

    def link(match):
        attributes = match.group(3)
        src = re.search(r'src="([^"]+)"', attributes)
        if not src or "data:" in src.group(1):
            return match.group(0)
        lazy = "" if "loading=" in attributes else ' loading="lazy"'
        return (
            f'{match.group(1)}<a class="course-figure" href="{src.group(1)}">'
            f"<img {attributes}{lazy} /></a>"
        )

    return FIGURE.sub(link, body)


def _stacking_tables(body: str) -> str:
    """Tables with a heading row: class course-stack, data-label per cell."""

    def stack(match):
        classes, inner = match.group(1), match.group(2)
        head, sep, rows = inner.partition("</thead>")
        if not sep:
            return match.group(0)
        labels = [html.escape(TAG.sub("", m.group(2)).strip()) for m in CELL_TEXT.finditer(head)]
        out = []
        for row in re.split(r"(?=<tr)", rows):
            column = iter(labels)
            out.append(
                re.sub(
                    r"<td(?=[ >])",
                    lambda _m, column=column: f'<td data-label="{next(column, "")}"',
                    row,
                )
            )
        return f'<table class="{classes} course-stack">{head}</thead>{"".join(out)}</table>'

    return TABLE.sub(stack, body)


def phone_friendly_body(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = _stacking_tables(_figure_links(context["body"]))


def long_code_breaks(app):
    """Add course_theme.css: long inline code wraps on a phone's screen."""
    if app.builder.format == "html":
        if str(STATIC_DIR) not in app.config.html_static_path:
            app.config.html_static_path.append(str(STATIC_DIR))
        app.add_css_file("course_theme.css")
        app.builder.templates.render = search_scripts_on_search_pages(app.builder.templates.render)


#: What of MathJax's es5 folder goes to _static/mathjax (the other combined
#: files and the SVG output are never asked for).
MATHJAX_PARTS = (
    "tex-mml-chtml.js",
    "input/tex/extensions",
    "input/mml",
    "output/chtml/fonts/woff-v2",
    "ui",
    "a11y",
    "sre",
    "adaptors",
)


def mathjax_source() -> Path:
    """MathJax's es5 folder, as installed by the django-static-mathjax wheel."""
    try:
        import mathjax
    except ImportError as err:
        raise ExtensionError(
            "course_theme: MathJax ships with the book from the django-static-mathjax "
            "package (requirements.txt); it is not installed"
        ) from err
    es5 = Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"
    if not (es5 / "tex-mml-chtml.js").is_file():
        raise ExtensionError(f"course_theme: no tex-mml-chtml.js in {es5}")
    return es5


def copy_mathjax(app, exception):
    """Copy MathJax into _static/mathjax when mathjax_path points there."""
    if exception is not None or app.builder.format != "html":
        return
    path = app.config.mathjax_path
    if "://" in path or path.startswith("/"):
        return  # a server of its own: nothing to ship
    es5 = mathjax_source()
    target = Path(app.outdir) / "_static" / Path(path).parent
    for part in MATHJAX_PARTS:
        source = es5 / part
        if source.is_dir():
            shutil.copytree(source, target / part, dirs_exist_ok=True)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)


def setup(app):
    app.connect("config-inited", no_top_navbar)
    app.connect("builder-inited", long_code_breaks)
    app.connect("build-finished", copy_mathjax)
    app.connect("html-page-context", phone_friendly_body)
    # Late, after the handlers that add a page's own scripts (MathJax).
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
