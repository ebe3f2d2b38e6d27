"""The Markdown reader: cmark-gfm's sourcepos mapped back to page lines, kramdown habits."""
from __future__ import annotations

import pytest

from pubextract.document import BlockKind, Style
from pubextract.readers.markdown import (
    kramdown_compatible,
    read_markdown,
    split_front_matter,
)
from tests.gold import PAGES


def test_front_matter_is_blanked_not_removed() -> None:
    text = '---\ntitle: "About Me"\nauthor: Qipeng Wang\n---\n# Publications\n'
    body, meta = split_front_matter(text)
    assert body.count("\n") == text.count("\n")
    assert meta == {"title": "About Me", "author": "Qipeng Wang"}
    heading = read_markdown(text).blocks[0]
    assert (heading.kind, heading.text, heading.line_start) == (BlockKind.HEADING, "Publications", 5)


def test_markdown_after_an_html_block_is_still_markdown() -> None:
    # kramdown ends an HTML block at its closing tag; CommonMark needs a blank line
    text = "<h3><u>\n Papers\n</u> </h3>\n1. **Kriel, N.** (2022). A title.\n"
    rewritten, origin = kramdown_compatible(text)
    assert rewritten.split("\n")[3] == ""
    assert origin[4] == 4  # the inserted line maps back to the page line it stands before
    blocks = read_markdown(text).blocks
    assert blocks[1].text.startswith("Kriel, N.") and blocks[1].line_start == 4
    assert blocks[1].spans[0].style & Style.BOLD


def test_html_block_with_blank_lines_stays_html() -> None:
    text = ("<div class=\"pubs\">\n  <div class=\"item\">\n    <h3>A title</h3>\n\n"
            "    <div class=\"authors\">A. Author</div>\n  </div>\n</div>\n")
    blocks = read_markdown(text).blocks
    assert [b.text for b in blocks] == ["A title", "A. Author"]
    assert [b.line_start for b in blocks] == [3, 5]
    assert all(c.tag != "pre" for b in blocks for c in b.path)


def test_escapes_entities_and_inline_html() -> None:
    text = "\\[EuroSys'24\\] &amp; <b>Zhen Zheng</b><sup>*</sup>, Wei Lin\\*\n"
    block = read_markdown(text).blocks[0]
    assert block.text == "[EuroSys'24] & Zhen Zheng*, Wei Lin*"
    bold = [s.text for s in block.spans if s.style & Style.BOLD]
    assert bold == ["Zhen Zheng"]
    assert any(s.text == "*" and s.style & Style.SUP for s in block.spans)


def test_soft_and_hard_breaks_keep_their_lines() -> None:
    block = read_markdown("Title line  \nAuthor line\nVenue line\n").blocks[0]
    breaks = [s for s in block.spans if s.is_break]
    assert [bool(s.style & Style.SOFT_BREAK) for s in breaks] == [False, True]
    assert [s.line for s in block.spans if not s.is_break] == [1, 2, 3]


def test_a_lone_carriage_return_does_not_start_a_line() -> None:
    """The page's lines are counted by "\\n"; cmark alone would end one at a bare "\\r" and count past the page."""
    document = read_markdown("# Publications\nA. Author \" a title\r2020\n")
    assert all(s.line <= document.line_count for b in document.blocks for s in b.spans)
    assert document.blocks[-1].line_end == 2


def test_every_block_of_the_seed_pages_lies_inside_the_page() -> None:
    for page in sorted(PAGES.glob("00*.txt")):
        text = page.read_text(encoding="utf-8")
        lines = text.count("\n") + 1
        for block in read_markdown(text).blocks:
            assert 1 <= block.line_start <= block.line_end <= lines


def test_list_item_starting_with_raw_html_keeps_its_line() -> None:
    text = "# Publications\n\n- <span>Ann Lee</span>. A paper. CHI 2021.\n- Bo Chen. Another paper. ICML 2020.\n"
    items = [b for b in read_markdown(text).blocks if b.kind is BlockKind.TEXT]
    assert [b.line_start for b in items] == [3, 4]


@pytest.mark.parametrize(("line", "text"), [
    ('[PDF](x.pdf){:target="_blank"} 2020', "PDF 2020"),  # kramdown
    ('doi: [10.1515/x](https://doi.org/10.1515/x){target="_blank"} | [OSF](u)', "doi: 10.1515/x | OSF"),  # Pandoc
    ("![](icon.png){.center} [Published version](u)", "Published version"),
    ("{{< ai osf >}} [OSF](u) and {{% note %}}", "OSF and"),  # Hugo / Quarto shortcodes
    ("A set {x=1} in a title", "A set {x=1} in a title"),  # braces in text stay
])
def test_attribute_lists_and_shortcodes_are_markup(line: str, text: str) -> None:
    """Quarto, R Markdown and Hugo pages put ``{target="_blank"}`` after links and ``{{< icon >}}``
    before them; read as text, they ran into the DOI ("10.1515/x{target=") and the venue."""
    assert read_markdown(line + "\n").blocks[0].text.strip() == text
