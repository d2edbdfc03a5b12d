"""The book builds from the stored outputs with warnings as errors."""

import html as html_text
import re
from pathlib import Path

import pytest
import yaml

from lessons_lib import i18n

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.book
def test_book_builds_without_warnings(book_html):
    # book_html (tests/conftest.py): one build per test run, warnings as errors.
    html = book_html
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    repository = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    slug = repository["url"].split("github.com/", 1)[1]
    branch = repository.get("branch", "main")
    for page in pages:
        path = html / f"{page}.html"
        assert path.is_file(), f"{path} was not built"
        text = path.read_text(encoding="utf-8")
        if (ROOT / f"{page}.ipynb").exists():
            assert f"colab.research.google.com/github/{slug}/blob/{branch}/{page}.ipynb" in text, (
                f"{page}: no Colab launch link to {slug}"
            )
            # The stored figures made it into the page.
            assert text.count("<img") >= 3, f"{page}: figures missing"
            # Each with the alt text of its cell: a screen reader never reads a file path.
            for img in re.findall(r"<img\b[^>]*>", text):
                alt = re.search(r'\balt="([^"]*)"', img)
                assert alt, f"{page}: an image without alt text: {img[:120]}"
                assert not re.search(r"_images/|\.(png|jpe?g|svg|gif)$", alt.group(1)), (
                    f"{page}: an image's alt text is its file name: {alt.group(1)}"
                )
            # The stored verdict of a check cell is that of the model answer:
            # under "answer = None" on a web page it would read as "None is
            # correct", so the site shows check cells without their output.
            for lang in i18n.LANGUAGES:
                verdict = html_text.escape(i18n.t("check_correct", lang))
                assert verdict not in text, f"{page}: a check cell shows {verdict!r}"
