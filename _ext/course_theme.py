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
"""

from __future__ import annotations

from pathlib import Path

__version__ = "1.1"
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


def setup(app):
    app.connect("config-inited", no_top_navbar)
    app.connect("builder-inited", long_code_breaks)
    # Late, after the handlers that add a page's own scripts (MathJax).
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
