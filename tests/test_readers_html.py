"""The HTML reader on pages of every era, and decoding of their bytes."""
from __future__ import annotations

import time

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from pubextract.document import BlockKind, Style
from pubextract.readers._source import decode
from pubextract.readers.html import clean_text, read_html, split_lines


def texts(html: str) -> list[str]:
    return [b.text for b in read_html(html).blocks]


def test_table_layout_gives_one_row_per_paper() -> None:
    html = ("<table>\n<tr><td><img src=a.png></td><td><b>Title One</b><br>\nA. Smith, B. Jones<br>\nCVPR 2020</td></tr>\n"
            "<tr><td></td><td><b>Title Two</b><br>\nA. Smith<br>\nICCV 2021</td></tr>\n</table>")
    blocks = read_html(html).blocks
    rows = {b.path[-2].uid for b in blocks}
    assert len(blocks) == 2 and len(rows) == 2
    assert blocks[0].text == "Title One\nA. Smith, B. Jones\nCVPR 2020"  # a <br> and the source's newline: one break
    assert [(b.line_start, b.line_end) for b in blocks] == [(2, 4), (5, 7)]


def test_br_is_a_hard_break() -> None:
    block = read_html("<p>Title<br>Authors</p>").blocks[0]
    breaks = [s for s in block.spans if s.is_break]
    assert block.text == "Title\nAuthors" and not breaks[0].style & Style.SOFT_BREAK


def test_sub_and_sup_insert_no_space() -> None:
    block = read_html("<p>Splitting H<sub>2</sub>O with CO<sub>2</sub>, Smith<sup>*</sup></p>").blocks[0]
    assert block.text == "Splitting H2O with CO2, Smith*"
    assert ("2", Style.SUB) in {(s.text, s.style) for s in block.spans}


def test_comments_scripts_styles_and_chrome_hide_content() -> None:
    html = ("<body><nav><a href=/>Home</a></nav><ul><li>Kept, A. Paper. 2020.</li>"
            "<!-- <li>Hidden, B. Old paper. 2001.</li> --></ul><script>document.write('<li>no</li>')</script>"
            "<style>li{}</style><footer>Copyright 2024</footer></body>")
    assert texts(html) == ["Kept, A. Paper. 2020."]


@pytest.mark.parametrize("footer", [
    '<div id="footer"><div id="footer-text">Page generated 2013-03-15 17:48:29 PDT, by jemdoc.</div></div>',
    '<div class="site-footer">Last updated: 2024-01-05 by Ann Lee, Bo Li</div>',
    "<footer>Copyright 2024</footer>",
])
def test_the_pages_footer_written_as_a_div_is_chrome(footer: str) -> None:
    """jemdoc and hand-written pages close with ``<div id="footer">``; a paper's own footer stays (see below)."""
    assert texts(f"<body><ul><li>Kept, A. Paper. 2020.</li></ul>{footer}</body>") == ["Kept, A. Paper. 2020."]
    assert texts('<ul><li>Kept, A. Paper.<div class="footer">Nature, 2020.</div></li></ul>') == [
        "Kept, A. Paper.", "Nature, 2020."]


def test_a_footer_named_by_id_is_the_pages_inside_a_layout_table() -> None:
    """jemdoc lays the page out in a table: its ``<div id="footer">`` sits in ``<td id="layout-content">``.
    An id names one element of the page, so it is the page's footer wherever it is; a class may repeat
    in every paper's cell, so a cell's ``class="footer"`` stays."""
    page = ('<table><tr><td id="layout-content"><ul><li>Kept, A. Paper. 2020.</li></ul>'
            '<div id="footer"><div id="footer-text">Page generated 2013-03-15, by jemdoc.</div></div></td></tr></table>')
    assert texts(page) == ["Kept, A. Paper. 2020."]
    assert texts('<table><tr><td>Kept, A. Paper.<div class="footer">Nature, 2020.</div></td></tr></table>') == [
        "Kept, A. Paper.", "Nature, 2020."]


def test_entities_unclosed_tags_and_fragments() -> None:
    assert texts("<li>Caf&eacute; &amp; &quot;Bar&quot;<li>Second &#8211; item") == ["Café & \"Bar\"", "Second – item"]
    assert [b.kind for b in read_html("<h2>Publications</h2><p>One").blocks] == [BlockKind.HEADING, BlockKind.TEXT]


@pytest.mark.parametrize("html", ["", "   \n", "<script>var x = '<p>a</p>';</script>", "<html><head><title>t</title></head></html>"])
def test_pages_without_text_give_no_blocks(html: str) -> None:
    assert read_html(html).blocks == ()


@pytest.mark.parametrize("tag", ["div", "b"])
def test_ten_thousand_nested_tags_are_read_quickly(tag: str) -> None:
    depth = 10_000
    html = "<ul><li>" + f"<{tag}>\n" * depth + "Deep, A. Paper. 2020." + f"</{tag}>" * depth + "</li><li>After</li></ul>"
    started = time.process_time()
    document = read_html(html)
    assert time.process_time() - started < 5
    assert [b.text for b in document.blocks] == ["Deep, A. Paper. 2020.", "After"]
    assert document.warnings and "nested deeper" in document.warnings[0]


@pytest.mark.parametrize(("encoding", "declared"), [
    ("shift_jis", "Shift_JIS"), ("cp1252", "windows-1252"), ("cp1252", "iso-8859-1"), ("euc_jp", "EUC-JP"),
])
def test_legacy_encodings_declared_in_meta(encoding: str, declared: str) -> None:
    body = "山田 太郎「深層学習」" if "j" in encoding.lower() else "Café “quoted” – Müller"
    html = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}"></head><body><p>{body}</p></body></html>'
    page = decode(html.encode(encoding))
    assert page.warnings == ()
    assert texts(page.text) == [body]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_unicode_with_and_without_bom(encoding: str) -> None:
    html = "<p>Café Müller, 2020</p>"
    assert texts(decode(html.encode(encoding)).text) == ["Café Müller, 2020"]


def test_binary_input_is_refused() -> None:
    from pubextract.errors import DecodeError

    with pytest.raises(DecodeError):
        decode(b"PK\x03\x04\x00\x00\x08\x00" * 2000)


def test_dev_html_pages_have_lines_inside_the_file() -> None:
    from pathlib import Path

    for page in sorted((Path(__file__).parent.parent / "fixtures" / "pages").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        document = read_html(text, str(page))
        assert document.blocks
        for block in document.blocks:
            assert 1 <= block.line_start <= block.line_end <= document.line_count


# ---- the fast paths of the walk against the regexes they replace (rapidfuzz's habit) ----

_TRICKY = st.text(alphabet=" \t\r\f\v\n\x00\x1c\u00a0\u2000\u2005\u200a\u200b\u200c\u200d\u2028\u202f\u205f\u3000"
                           "\u2060\ufeff\u00ad\u2010\u2011\u2013\u0130\u0301aZé王", max_size=40)
_SPACE_CLASS = regex.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


@given(text=_TRICKY)
def test_clean_text_is_the_two_substitutions_and_the_hyphens(text: str) -> None:
    expected = _SPACE_CLASS.sub(" ", _INVISIBLE.sub("", text)).replace("\u2010", "-").replace("\u2011", "-")
    assert clean_text(text) == expected


@given(text=_TRICKY)
def test_split_lines_is_the_regex_split(text: str) -> None:
    assert split_lines(text) == regex.split(r"[ \t]*\n\s*", text)


def test_whitespace_is_what_str_isspace_finds() -> None:
    """html._WHITESPACE is spelled out (finding it at import cost every start); it is every
    character ``str.isspace`` accepts but the separators U+001C..U+001F."""
    import sys

    from pubextract.readers.html import _WHITESPACE

    assert _WHITESPACE == "".join(c for c in map(chr, range(sys.maxunicode + 1))
                                  if c.isspace() and c not in "\x1c\x1d\x1e\x1f")
