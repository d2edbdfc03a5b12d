"""Repairs to what the pinned theme stack puts in every page, and its weight.

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
``mathjax/tex-chtml-course.js``, a path inside ``_static``, and this writes
that file from MathJax 3.2.2's components in the PyPI package
``django-static-mathjax`` (pinned in requirements.txt; it is a plain copy of
MathJax's own ``es5`` folder, the version Sphinx asks the CDN for): startup,
core, TeX input, CommonHTML output and its fonts' data, assistive MathML,
in the order of MathJax's combined files, without the contextual menu (0.76
MB instead of ``tex-chtml.js``'s 1.16 MB); beside it, the TeX extensions
autoload fetches on demand and the CHTML fonts.

Page weight (README, "Page weight"): a page loads only the assets of the
extensions it uses (no thebe: the book has no live-code button;
togglebutton and sphinx-design only where a page has their elements;
MathJax only where there is something to typeset, not on the landing page
whose table of contents made Sphinx add it), ``basic.css`` directly instead
of ``theme.css`` that imports it, the launch menu's logos lazily, and no
favicon request. FontAwesome's web fonts are cut down with fontTools to the
icons the site shows (named by a class ``fa-*`` in a page or script, or
written by a stylesheet), and the theme stylesheet's rules for the other
icons go.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

__version__ = "1.5"
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


#: Assets of extensions Jupyter Book always loads, by extension: file names
#: (scripts and stylesheets) and the start of their inline scripts.
EXTENSION_ASSETS = {
    "thebe": (("sphinx-thebe.js", "sphinx-thebe.css"), ("const THEBE_JS_URL",)),
    "togglebutton": (
        ("togglebutton.js", "togglebutton.css"),
        ("let toggleHint", "let toggleOpenOnPrint", "var togglebuttonSelector"),
    ),
    "design": (("design-tabs.js", "sphinx-design.min.css"), ()),
}
#: What in a page's body uses each of them. Thebe never: the book has no
#: live-code button (_config.yml's launch_buttons name no thebe), so its
#: script and its per-page configuration are dead weight.
EXTENSION_USED = {
    "thebe": None,
    # .toggle, .admonition.dropdown and details.toggle-details are what
    # togglebutton.js looks for; myst-nb's folded cells are its own <details>.
    "togglebutton": re.compile(
        r'class="[^"]*(?<![\w-])(?:toggle|dropdown|toggle-details)(?![\w-])'
    ),
    # sphinx-design's dropdowns, cards, tabs, grids: classes sd-*.
    "design": re.compile(r'class="(?:[^"]*\s)?sd-'),
}
#: What MathJax typesets (Sphinx's processHtmlClass): no such element, no MathJax.
MATH = re.compile(
    r'class="[^"]*(?<![\w-])(?:math|tex2jax_process|mathjax_process|output_area)(?![\w-])'
)
THEBE_CONFIG = re.compile(
    r'\s*<script type="text/x-thebe-config">.*?</script>\s*<script>kernelName = [^<]*</script>',
    re.S,
)


def _unused_extensions(body: str) -> list[str]:
    return [name for name, used in EXTENSION_USED.items() if used is None or not used.search(body)]


def _is_asset_of(asset, names) -> bool:
    filename = getattr(asset, "filename", None) or ""
    body = (getattr(asset, "attributes", None) or {}).get("body", "")
    for name in names:
        files, inline = EXTENSION_ASSETS[name]
        if filename and Path(filename.split("?")[0]).name in files:
            return True
        if not filename and body.lstrip().startswith(inline):
            return True
    return False


def only_the_assets_a_page_uses(app, pagename, templatename, context, doctree):
    """Drop the scripts and stylesheets of extensions a page does not use
    (thebe on every page; togglebutton and sphinx-design where nothing in
    the page is theirs): each is a request or two on every page."""
    body = context.get("body") or ""
    unused = _unused_extensions(body)
    for key in ("script_files", "css_files"):
        assets = context.get(key)
        if assets:
            # In place: the builder's own lists, restored after each page.
            assets[:] = [a for a in assets if not _is_asset_of(a, unused)]
    if "body" in context and not MATH.search(body):
        # Sphinx counts the formulas of the pages a page's toctree includes
        # (for a single-page build): the landing page loaded MathJax for none.
        mathjax = Path(app.config.mathjax_path.split("?")[0]).name
        scripts = context.get("script_files") or []
        scripts[:] = [
            s
            for s in scripts
            if Path((getattr(s, "filename", None) or "").split("?")[0]).name != mathjax
            and not (getattr(s, "attributes", None) or {})
            .get("body", "")
            .startswith("window.MathJax")
        ]
    if "thebe" in unused and "body" in context:
        context["body"] = THEBE_CONFIG.sub("", body)


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


THEME_CSS = re.compile(r'(<link href=")((?:\.\./)*_static/)styles/theme\.css\?[^"]*(")')
LAUNCH_LOGO = re.compile(
    r'(<img alt="" src="[^"]*_static/images/logo_(?:colab|binder|jupyterhub|deepnote)\.[a-z]+")>'
)
NO_FAVICON = '<link rel="icon" href="data:," />\n'


def search_scripts_on_search_pages(render):
    """Wrap the template loader's render: the search scripts on search pages
    only, and there once."""

    def wrapped(template, context):
        text = FONTAWESOME_JS.sub("", render(template, context))
        # theme.css only says @import "../basic.css": link basic.css itself,
        # one request instead of two, one after the other.
        text = THEME_CSS.sub(r"\1\2basic.css\3", text)
        # The launch menu's logos load when the menu opens, not with the page.
        text = LAUNCH_LOGO.sub(r'\1 loading="lazy">', text)
        if 'rel="icon"' not in text and 'rel="shortcut icon"' not in text:
            # No favicon: say so, or every page asks for /favicon.ico (a 404).
            text = text.replace("</head>", NO_FAVICON + "</head>", 1)
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


#: The course's MathJax: one file made at build time from MathJax's own
#: components, in this order (as MathJax's combined files are made): the
#: loader and startup, the core, TeX input (base, ams, newcommand, autoload
#: and the rest of MathJax's ``input/tex``), CommonHTML output and its TeX
#: fonts, and assistive MathML (the hidden MathML a screen reader reads).
#: MathJax's combined ``tex-chtml.js`` has the same parts plus the
#: contextual menu (``ui/menu``, 426 kB of its 1.16 MB): this file is 0.76 MB.
COURSE_MATHJAX = "tex-chtml-course.js"
MATHJAX_BUNDLE = (
    "startup.js",
    "core.js",
    "input/tex.js",
    "output/chtml.js",
    "output/chtml/fonts/tex.js",
    "a11y/assistive-mml.js",
)
#: Told to MathJax's loader as loaded, so that a TeX extension loaded on
#: demand (autoload: ``\color``, ``\boldsymbol``) does not fetch them again.
MATHJAX_PRELOADED = (
    "core",
    "input/tex",
    "input/tex-base",
    "output/chtml",
    "output/chtml/fonts/tex",
    "a11y/assistive-mml",
)
#: What of MathJax's es5 folder goes beside it: the TeX extensions autoload
#: may ask for, and the CHTML fonts.
MATHJAX_PARTS = (
    "input/tex/extensions",
    "output/chtml/fonts/woff-v2",
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
    missing = [name for name in MATHJAX_BUNDLE if not (es5 / name).is_file()]
    if missing:
        raise ExtensionError(f"course_theme: no {', '.join(missing)} in {es5}")
    return es5


def mathjax_bundle(es5: Path) -> str:
    """The text of ``tex-chtml-course.js``: MathJax's components, one file."""
    parts = [(es5 / name).read_text(encoding="utf-8") for name in MATHJAX_BUNDLE]
    # startup.js starts MathJax when a promise resolves, after this whole
    # file has run: every component below has registered itself by then.
    preload = ", ".join(f'"{name}"' for name in MATHJAX_PRELOADED)
    parts.append(f"MathJax.loader.preLoad({preload});\n")
    return "\n;\n".join(parts)


def copy_mathjax(app, exception):
    """Write MathJax into _static/mathjax when mathjax_path points there."""
    if exception is not None or app.builder.format != "html":
        return
    path = app.config.mathjax_path
    if "://" in path or path.startswith("/"):
        return  # a server of its own: nothing to ship
    es5 = mathjax_source()
    target = Path(app.outdir) / "_static" / Path(path).parent
    target.mkdir(parents=True, exist_ok=True)
    name = Path(path).name
    if name == COURSE_MATHJAX:
        (target / name).write_text(mathjax_bundle(es5), encoding="utf-8")
    elif (es5 / name).is_file():
        shutil.copy2(es5 / name, target / name)  # one of MathJax's own files
    else:
        raise ExtensionError(f"course_theme: mathjax_path {path!r}: no such MathJax file")
    for part in MATHJAX_PARTS:
        shutil.copytree(es5 / part, target / part, dirs_exist_ok=True)


#: FontAwesome's web fonts, shipped by pydata-sphinx-theme with every icon
#: (fa-solid 156 kB, fa-brands 118 kB as WOFF2, both loaded by every page),
#: of which the book shows a few dozen.
FA_WEBFONTS = "vendor/fontawesome/webfonts"
FA_FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
#: FontAwesome's CSS: ``.fa-github:before,.fa-...:before{content:"\f09b"}``.
FA_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:"\\([0-9a-f]{4,5})"\}')
FA_CLASS = re.compile(r"(?<![\w-])fa-([a-z0-9-]+)")
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})")


def _private_use(code: int) -> bool:
    return 0xE000 <= code <= 0xF8FF or 0xF0000 <= code <= 0x10FFFF


def fontawesome_codepoints(static: Path, pages) -> set[int]:
    """Every FontAwesome code point the site can show: the icons named by a
    class ``fa-*`` in a page or in a script, and those the stylesheets write
    themselves (admonitions, the contents' toggle: ``content:"\\f107"``)."""
    theme_css = (static / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    by_name = {}
    for match in FA_RULE.finditer(theme_css):
        for name in re.findall(r"\.fa-([a-z0-9-]+):", match.group(1)):
            by_name[name] = int(match.group(2), 16)
    texts = [p.read_text(encoding="utf-8") for p in pages]
    texts += [
        p.read_text(encoding="utf-8")
        for p in static.rglob("*.js")
        if p.name != "fontawesome.js" and "mathjax" not in p.parts
    ]
    used = {by_name[n] for text in texts for n in FA_CLASS.findall(text) if n in by_name}
    for css in static.rglob("*.css"):
        text = FA_RULE.sub("", css.read_text(encoding="utf-8"))
        used |= {int(h, 16) for h in CSS_ESCAPE.findall(text)}
        used |= {ord(c) for c in text if _private_use(ord(c))}
    return {code for code in used if _private_use(code)}


def subset_fontawesome(app, exception):
    """FontAwesome's fonts cut down to the icons the site shows (WOFF, a few
    kB each); the theme's @font-face asks for them before the full fonts.
    Sphinx copies the theme's stylesheet afresh on every build, so this
    always starts from the whole of it."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    theme_css = static / "styles" / "pydata-sphinx-theme.css"
    webfonts = static / FA_WEBFONTS
    if not theme_css.is_file() or not webfonts.is_dir():
        return  # another theme: nothing to do
    from fontTools import subset

    codepoints = fontawesome_codepoints(static, Path(app.outdir).rglob("*.html"))
    css = theme_css.read_text(encoding="utf-8")
    for name in FA_FONTS:
        full = webfonts / f"{name}.ttf"
        woff2 = f'url(../{FA_WEBFONTS}/{name}.woff2) format("woff2")'
        if not full.is_file():
            continue
        options = subset.Options()
        options.flavor = "woff"  # zlib: WOFF2 would need brotli
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(full), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        subset.save_font(font, str(webfonts / f"{name}.course.woff"), options)
        font.close()
        course = f'url(../{FA_WEBFONTS}/{name}.course.woff) format("woff")'
        if course not in css:  # once, should the stylesheet be kept from a build before
            css = css.replace(woff2, f"{course},{woff2}")
    # The stylesheet's rules for the icons not shipped go too (85 kB of
    # ``.fa-...:before{content:...}``): they could only draw an empty box.
    css = FA_RULE.sub(lambda m: m.group(0) if int(m.group(2), 16) in codepoints else "", css)
    theme_css.write_text(css, encoding="utf-8")


def setup(app):
    app.connect("config-inited", no_top_navbar)
    app.connect("builder-inited", long_code_breaks)
    app.connect("build-finished", copy_mathjax)
    app.connect("build-finished", subset_fontawesome)
    app.connect("html-page-context", phone_friendly_body)
    # Late, after the handlers that add a page's own scripts (MathJax).
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    app.connect("html-page-context", only_the_assets_a_page_uses, priority=900)
    return {
        "version": __version__,
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
