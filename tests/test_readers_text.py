"""The plain-text reader: headings and entries cut from layout alone, with true lines."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubextract.document import BlockKind, Style
from pubextract.readers import read_text
from pubextract.readers.text import read_plain_text

FIXTURES = Path(__file__).parent.parent / "fixtures"
CASES = json.loads((FIXTURES / "readers" / "text_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_text_blocks(case: dict) -> None:
    document = read_plain_text(case["input"])
    got = [[b.kind.value, b.level, b.text, b.line_start] for b in document.blocks]
    assert got == case["blocks"]


def test_entries_sit_in_list_items_and_headings_do_not() -> None:
    document = read_plain_text("PUBLICATIONS\n\n- Smith, J. Paper one. 2020.\n- Doe, K. Paper two. 2021.\n")
    heading, first, second = document.blocks
    assert heading.kind is BlockKind.HEADING and heading.list_depth == 0
    assert [c.tag for c in first.path] == ["ul", "li"]
    assert first.path[0] == second.path[0] and first.path[1] != second.path[1]


def test_line_breaks_inside_an_entry_are_soft_and_carry_their_line() -> None:
    block = read_plain_text("\n\n- Smith, J. A title\n  that wraps. 2020.\n").blocks[0]
    breaks = [s for s in block.spans if s.is_break]
    assert len(breaks) == 1 and breaks[0].style & Style.SOFT_BREAK and breaks[0].line == 4
    assert [s.line for s in block.spans if not s.is_break] == [3, 4]


@pytest.mark.parametrize("page", ["shyamkumawatmath__Shyam__Publications.txt", "stchang__stchang.github.io__cv.txt"])
def test_dev_text_pages_are_read_as_text(page: str) -> None:
    text = (FIXTURES / "pages" / page).read_text(encoding="utf-8")
    document = read_text(text, path=page)
    assert document.format == "text"
    lines = text.split("\n")
    for block in document.blocks:
        for span in block.spans:
            if not span.is_break:
                assert span.text in " ".join(lines[span.line - 1].split()), (span.line, span.text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB:.,-•*[]()1290\n\t=")), max_size=400))
def test_every_span_lies_inside_the_input(text: str) -> None:
    document = read_plain_text(text)
    line_count = len(text.split("\n"))
    for block in document.blocks:
        assert 1 <= block.line_start <= block.line_end <= line_count
        for span in block.spans:
            assert 1 <= span.line <= line_count
