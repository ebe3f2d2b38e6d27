"""Flattening a page nested deeper than libxml2 parses (2048 open elements).

The standard library's tokenizer has no depth limit and reports where each tag
is, so the tags below the limit can be cut out of the text, keeping their text
and line breaks. Only :func:`pubextract.readers.html.parse_html` needs this, for
hostile pages: it is a module of its own so that ``html.parser`` is imported
only then.
"""
from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

#: Elements that never enclose anything (no end tag).
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _DepthLimiter(HTMLParser):
    """Finds the tags that open below ``limit`` elements, and their end tags.

    The standard library's tokenizer has no depth limit and reports where each
    tag is; only positions are collected, the text itself is not rebuilt here.
    """

    def __init__(self, text: str, limit: int):
        super().__init__(convert_charrefs=False)
        self.limit = limit
        self.depth = 0
        self.dropped: dict[str, int] = {}
        self.cuts: list[tuple[int, int]] = []
        self.line_offsets = [0]
        for line in text.split("\n"):
            self.line_offsets.append(self.line_offsets[-1] + len(line) + 1)
        self.source = text

    def _cut_here(self) -> None:
        line, column = self.getpos()
        start = self.line_offsets[line - 1] + column
        end = self.source.find(">", start)
        self.cuts.append((start, len(self.source) if end < 0 else end + 1))

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in VOID_TAGS:
            return
        self.depth += 1
        if self.depth > self.limit:
            self.dropped[tag] = self.dropped.get(tag, 0) + 1
            self._cut_here()

    def handle_endtag(self, tag: str) -> None:
        if self.dropped.get(tag):
            self.dropped[tag] -= 1
            self._cut_here()
        self.depth = max(0, self.depth - 1)


def flatten(text: str, limit: int) -> str:
    """The page with every tag deeper than ``limit`` removed (its text and line breaks kept)."""
    limiter = _DepthLimiter(text, limit)
    limiter.feed(text)
    limiter.close()
    pieces: list[str] = []
    position = 0
    for start, end in limiter.cuts:
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append("\n" * text.count("\n", start, end))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
