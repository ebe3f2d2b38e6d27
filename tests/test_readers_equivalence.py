"""The same page as Markdown and as HTML gives the same records (all but ``source``)."""
from __future__ import annotations

from pathlib import Path

import cmarkgfm
import pytest

import pubextract
from pubextract.readers.markdown import kramdown_compatible, split_front_matter

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"


@pytest.mark.parametrize("page", ["AstroKriel__astrokriel.github.io__papers.md", "003_063b118cda4a1f2d.txt"])
def test_markdown_and_its_html_rendering_agree(page: str) -> None:
    markdown = (PAGES / page).read_text(encoding="utf-8")
    # the Markdown reader's two Jekyll fixes (front matter, blank line after an HTML block) come first
    body, _ = kramdown_compatible(split_front_matter(markdown)[0])
    html = "<html><body>\n" + cmarkgfm.github_flavored_markdown_to_html(
        body, options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE) + "</body></html>"
    from_markdown = pubextract.extract_text(markdown, format="markdown")
    from_html = pubextract.extract_text(html, format="html")
    assert from_markdown, "the fixture must hold publications for the test to mean anything"
    strip = {"source"}
    assert [p.model_dump(exclude=strip) for p in from_html] == [p.model_dump(exclude=strip) for p in from_markdown]
