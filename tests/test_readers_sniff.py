"""Choosing a reader: the explicit name, then the suffix, then the content."""
from __future__ import annotations

from pathlib import Path

import pytest

from pubextract.errors import UsageError
from pubextract.readers import choose_format, sniff_format

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"


@pytest.mark.parametrize(("page", "expected"), [
    ("000_d72f305e6d0c41d5.txt", "markdown"), ("001_9c2814318dd6f793.txt", "markdown"),
    ("002_924a23f64a2718d7.txt", "markdown"), ("003_063b118cda4a1f2d.txt", "markdown"),
    ("004_8522c0a1baac56ea.txt", "markdown"),
    ("shyamkumawatmath__Shyam__Publications.txt", "text"), ("stchang__stchang.github.io__cv.txt", "text"),
    ("AbhilashReddyM__AbhilashReddyM.github.io__papers.html", "html"),
    ("JiaweiLian__curriculum_vitae__publications.tex", "latex"),
])
def test_dev_pages_are_sniffed_as_what_they_are(page: str, expected: str) -> None:
    text = (PAGES / page).read_text(encoding="utf-8")
    assert sniff_format(text) == expected
    assert choose_format(text, "page.txt", None) == expected  # .txt settles nothing


@pytest.mark.parametrize(("text", "expected"), [
    ("# Publications\n\n- Smith, J. Paper. 2020.\n", "markdown"),
    ("Publications\n\n- Smith, J. Paper. 2020.\n", "text"),
    ("Some text with <b>inline</b> HTML and **bold** and [a link](https://x.org) and **more**.", "markdown"),
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("\\section{Publications}\n\\begin{itemize}\n\\item \\textbf{Me}. Paper. 2020.\n\\end{itemize}\n", "latex"),
    ("", "text"),
])
def test_sniffing_small_pages(text: str, expected: str) -> None:
    assert sniff_format(text) == expected


def test_suffix_and_explicit_format() -> None:
    assert choose_format("# Markdown", "cv.tex", None) == "latex"
    assert choose_format("<p>x</p>", "page.md", None) == "markdown"
    assert choose_format("# Markdown", "page.md", "txt") == "text"
    assert choose_format("x", None, "TEX") == "latex"
    with pytest.raises(UsageError):
        choose_format("x", None, "docx")
