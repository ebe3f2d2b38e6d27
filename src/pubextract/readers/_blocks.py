"""Cutting spans into blocks: the one piece every reader shares.

Every reader, whatever it parses, reports the same three things: a block-level
element opens (``li``, ``h2``, ``p``...), a span of inline text or a line break
arrives, the element closes. :class:`BlockBuilder` turns that stream into
:class:`~pubextract.document.Block` objects, so a heading or a list item means
the same thing to later stages whether it came from HTML, text or LaTeX.
"""
from __future__ import annotations

from ..document import Block, BlockKind, Container, Span, Style

HEADING_LEVEL = {f"h{i}": i for i in range(1, 7)}
#: Builds a record from a tuple of its fields in C: a ``NamedTuple``'s own constructor is a
#: Python function, twice as slow, and readers make one record per span, container and block.
_new = tuple.__new__


class BlockBuilder:
    """Collects spans and cuts them into blocks as containers open and close."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.spans: list[Span] = []
        self.containers: list[Container] = []
        self._uid = 0

    def add(self, span: Span) -> None:
        if span.is_break and span.style & Style.SOFT_BREAK and self.spans and self.spans[-1].is_break:
            return  # the source newline after a <br>: one break, not two
        self.spans.append(span)

    def open(self, tag: str, css: str = "", line: int = 1) -> None:
        """Start a block-level element: what came before it is a block of its own."""
        if self.spans:
            self.flush()
        self._uid += 1
        self.containers.append(_new(Container, (self._uid, tag, css, line)))

    def close(self) -> None:
        if self.spans:
            self.flush()
        self.containers.pop()

    @property
    def innermost(self) -> str | None:
        return self.containers[-1].tag if self.containers else None

    def flush(self) -> None:
        """Make a block of the spans gathered so far (none when they are only blanks)."""
        spans = self.spans
        if not spans:
            return
        self.spans = []
        end = len(spans)
        while end and not spans[end - 1].text.strip():  # line breaks and blank text ("\n".strip() is "")
            end -= 1
        start = 0
        while start < end and not spans[start].text.strip():
            start += 1
        if start == end:
            return
        if start or end < len(spans):
            spans = spans[start:end]
        owner = self.containers[-1] if self.containers else None
        level = HEADING_LEVEL.get(owner.tag, 0) if owner else 0
        if level:
            spans = [_new(Span, (s.text, s.style | Style.HEADING, s.href, s.line, s.css)) for s in spans]
        lines = [s.line for s in spans]
        self.blocks.append(_new(Block, (BlockKind.HEADING if level else BlockKind.TEXT, tuple(spans),
                                        min(lines), max(lines), level, tuple(self.containers))))
