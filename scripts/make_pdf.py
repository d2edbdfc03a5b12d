"""The printable edition: one PDF per language, from the built web site.

    python scripts/make_pdf.py [--html _build/html] [--out _build/pdf]

(``make pdf`` builds the book first.) Every page of an edition, in the order
of ``_toc.yml``, is opened in headless Chromium (Debian's, through
Playwright, as in tests/test_site.py), its formulas typeset by the MathJax
that ships with the book and its figures loaded, and printed with the
theme's print style (no sidebars, no buttons) to A4; the pages are then put
together into ``<out>/<lang>.pdf`` with a bookmark per chapter. No LaTeX,
no network: requests for other hosts are refused. Chromium embeds the fonts
it prints with, Cyrillic included; code wraps instead of running off the
page (``_ext/static/course_theme.css``, ``@media print``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import sys
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
MARGIN = {"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}

READY_JS = """async () => {
    for (const img of document.querySelectorAll('img[loading=lazy]')) img.loading = 'eager';
    await Promise.all([...document.images].map(img => img.complete ? null :
        new Promise(done => { img.onload = img.onerror = done; })));
    if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
    await document.fonts.ready;
    return document.querySelector('article h1')?.textContent.replace(/#$/, '').trim() || '';
}"""


def edition_pages(lang: str, editions_dir: str = "chapters") -> list[str]:
    """The pages of one edition, in the order of _toc.yml."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                pages.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    prefix = f"{editions_dir}/{lang}/"
    names = [p.removesuffix(".md").removesuffix(".ipynb") for p in pages]
    return [p for p in dict.fromkeys(names) if p.startswith(prefix)]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_pdfs(html_dir: Path, out_dir: Path, langs) -> dict[str, Path]:
    """Print each edition of the site in html_dir to out_dir/<lang>.pdf."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    handler = functools.partial(_Quiet, directory=str(html_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1100, "height": 1400})
            context.route(lambda url: not url.startswith(base), lambda route: route.abort())
            page = context.new_page()
            page.set_default_timeout(60_000)
            for lang in langs:
                writer = PdfWriter()
                for name in edition_pages(lang):
                    page.goto(f"{base}{name}.html", wait_until="load")
                    title = page.evaluate(READY_JS)
                    page.emulate_media(media="print")
                    pdf = page.pdf(format="A4", margin=MARGIN, print_background=True, outline=False)
                    page.emulate_media(media="screen")
                    first = len(writer.pages)
                    for sheet in PdfReader(io.BytesIO(pdf)).pages:
                        writer.add_page(sheet)
                    writer.add_outline_item(title=title or name, page_number=first)
                writer.add_metadata({"/Title": lang, "/Producer": "scripts/make_pdf.py"})
                target = out_dir / f"{lang}.pdf"
                with target.open("wb") as fp:
                    writer.write(fp)
                written[lang] = target
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf")
    parser.add_argument("--lang", action="append", help="only this edition (repeatable)")
    args = parser.parse_args(argv)
    if not (args.html / "index.html").is_file():
        print(f"no built site in {args.html}: run `make book` first", file=sys.stderr)
        return 2
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    langs = args.lang or list(
        config["sphinx"]["config"].get("course_languages") or ["en", "ru", "nl"]
    )
    for lang, path in make_pdfs(args.html, args.out, langs).items():
        print(f"{lang}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
