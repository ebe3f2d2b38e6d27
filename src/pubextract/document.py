"""The intermediate form every reader produces and every later stage consumes.

A page becomes a flat sequence of :class:`Block` (a heading or a run of inline
text) in reading order. Each block keeps its inline :class:`Span` pieces with
their style, link target and 1-based source line, and the chain of enclosing
:class:`Container` elements (list items, table rows, ``div``s) so that the entry
stage can tell which blocks belong to one publication. Readers only cut and
label; they never interpret. Spans, blocks and containers are immutable
``NamedTuple`` records: a page makes tens of thousands of them, and a tuple is
built in a third of the time a frozen dataclass takes; the public records in
:mod:`pubextract.models` are pydantic.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from collections.abc import Callable
from typing import Any, NamedTuple


class Style:
    """Inline emphasis carried by a span: bit flags, combined with ``|``.

    Plain ints rather than an ``IntFlag``: the field stage tests a style per
    character, and an enum operation costs a microsecond each time.
    """

    NONE = 0
    BOLD = 1
    ITALIC = 2
    UNDERLINE = 4
    SUP = 8
    SUB = 16
    CODE = 32
    STRIKE = 64
    HEADING = 128  # text that sits inside a heading element
    SOFT_BREAK = 256  # a "\n" span that only the source shows (not a <br>)
    #: the text a link holding only an icon or image stands for (its aria-label, title or alt text,
    #: else "link"): a label the page shows as a picture, so that the link's target is not lost
    ICON = 512


#: The text of a line-break span; ``Style.SOFT_BREAK`` tells soft from hard.
BREAK = "\n"

#: The labels a line may open with to say which field it holds ("Venue: Physical Review D",
#: "Authors: A. Zur, Z. Ying"), by the role they give it (pattern sources, case-insensitive): the
#: text reader keeps such a line on its own, the field stage reads the role off it.
FIELD_LABELS = {"venue": r"venue|journal|conference|published\s+in", "authors": r"authors?|author\(s\)",
                "notes": r"notes?|details|summary"}


class Span(NamedTuple):
    """A piece of inline text, or a line break (``text == BREAK``)."""

    text: str
    style: int = Style.NONE
    href: str | None = None
    line: int = 1
    css: str = ""  # class names of the enclosing inline elements, e.g. "author-me"

    @property
    def is_break(self) -> bool:
        return self.text == BREAK


class BlockKind(str, Enum):
    HEADING = "heading"
    TEXT = "text"


class Container(NamedTuple):
    """A block-level element that encloses a block: ``li``, ``tr``, ``div``..."""

    uid: int
    tag: str
    css: str = ""
    line: int = 1


class _BlockFields(NamedTuple):
    kind: BlockKind
    spans: tuple[Span, ...]
    line_start: int
    line_end: int
    level: int = 0  # heading level 1..6 (0 for text)
    path: tuple[Container, ...] = ()  # enclosing block elements, outermost first, own element last


class _Once:
    """A value of a block computed on first use and then kept in the block's ``__dict__``
    (a non-data descriptor: the stored value is found before this on every later use).
    The segmenting stage asks a block for its text and its word count a dozen times."""

    def __init__(self, compute: Callable[[Block], Any]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, block: Block | None, owner: type) -> Any:
        if block is None:
            return self
        value = block.__dict__[self.name] = self.compute(block)
        return value


class Block(_BlockFields):
    """A heading, or the inline content of one block-level element.

    Immutable like every ``NamedTuple`` (its fields are those of ``_BlockFields``; the
    subclass only adds a ``__dict__`` for the values computed once, which repr and equality ignore).
    """

    @_Once
    def text(self) -> str:
        """Plain text, line breaks as ``\\n``."""
        return "".join([s.text for s in self.spans])

    @_Once
    def word_count(self) -> int:
        """``len(self.text.split())``."""
        return len(self.text.split())

    @property
    def list_depth(self) -> int:
        return sum(1 for c in self.path if c.tag == "li")


@dataclass(frozen=True, slots=True)
class Document:
    """A page read into blocks, with what the reader learnt about it."""

    blocks: tuple[Block, ...]
    format: str
    path: str | None = None
    source_text: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # front matter title/author, <title>
    warnings: tuple[str, ...] = ()
    line_count: int = 0
