"""The printable edition (make pdf): one PDF per language that a teacher can
print handouts from.

Takes the run's build of the book (``book_html``, tests/conftest.py),
prints each edition with scripts/make_pdf.py (headless Chromium, no LaTeX)
and reads the PDFs back with pypdf: a plausible number of pages, and every chapter's title in the
text layer, so the text (Cyrillic included) is embedded as text and not as
pictures of it. Needs Debian's Chromium, as tests/test_site.py does.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from pathlib import Path

import pytest

from scripts import make_pdf

ROOT = Path(__file__).resolve().parent.parent

LANGS = ("en", "ru", "nl")
pytestmark = pytest.mark.book


def _squash(text: str) -> str:
    """Text as compared: ligatures spelled out (NFKC: the "fi" of "filters"
    is one glyph in the PDF), one space between words, no soft hyphens."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, book_html):
    chromium = make_pdf.CHROMIUM
    if not (os.path.isfile(chromium) and os.access(chromium, os.X_OK)):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"no Chromium at {chromium}", pytrace=False)
        pytest.skip(f"no Chromium at {chromium} (Debian: apt-get install chromium)")
    out = tmp_path_factory.mktemp("pdf")
    return book_html, make_pdf.make_pdfs(book_html, out / "pdf", LANGS)


def chapter_titles(html_dir: Path, lang: str) -> list[str]:
    titles = []
    for name in make_pdf.edition_pages(lang):
        text = (html_dir / f"{name}.html").read_text(encoding="utf-8")
        h1 = re.search(r"<h1>(.*?)</h1>", text, re.S)
        assert h1, name
        titles.append(html.unescape(re.sub(r"<[^>]+>|#", "", h1.group(1))).strip())
    return titles


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_has_every_chapter(lang, pdfs):
    from pypdf import PdfReader

    html_dir, written = pdfs
    reader = PdfReader(written[lang])
    pages = make_pdf.edition_pages(lang)
    # Each web page prints on one page at least; the whole edition, with its
    # figures, is a few dozen pages per chapter at most.
    assert 2 * len(pages) <= len(reader.pages) <= 40 * len(pages), len(reader.pages)
    text = _squash(" ".join(page.extract_text() or "" for page in reader.pages))
    missing = [t for t in chapter_titles(html_dir, lang) if _squash(t) not in text]
    assert not missing, f"{lang}.pdf: titles not in the text layer: {missing}"
    # One bookmark per chapter, in the order of _toc.yml.
    outline = [item.title for item in reader.outline]
    assert outline == chapter_titles(html_dir, lang)


def test_editions_print_to_similar_lengths(pdfs):
    """The editions are translations of each other: their PDFs differ in
    length by less than a third (a page lost in one would show here)."""
    from pypdf import PdfReader

    counts = {lang: len(PdfReader(path).pages) for lang, path in pdfs[1].items()}
    assert max(counts.values()) < 1.34 * min(counts.values()), counts
