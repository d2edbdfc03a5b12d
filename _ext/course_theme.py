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

import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

__version__ = "1.2"
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


def long_code_breaks(app):
    """Add course_theme.css: long inline code wraps on a phone's screen."""
    if app.builder.format == "html":
        if str(STATIC_DIR) not in app.config.html_static_path:
            app.config.html_static_path.append(str(STATIC_DIR))
        app.add_css_file("course_theme.css")


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
    # Late, after the handlers that add a page's own scripts (MathJax).
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
