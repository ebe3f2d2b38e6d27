"""HTML reader: lxml (libxml2) parses, a single walk turns the tree into blocks.

lxml is used because it is fast (C) *and* keeps ``sourceline`` on every element,
which the JSON contract needs (selectolax/lexbor keeps no positions). The walk is
iterative (``iterwalk``), so 10,000 nested tags cannot exhaust Python's stack.
The Markdown reader renders Markdown to HTML and reuses :func:`blocks_from_tree`
with its own line mapping, so both formats meet later stages in one form.
"""
from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import regex
from lxml import etree

from ..document import BREAK, Block, Document, Span, Style
from ..errors import InputError
from ._blocks import BlockBuilder

#: Elements that start a new block; everything else is inline.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li "
    "main menu nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
#: Elements whose content is never page text.
SKIP_TAGS = frozenset(
    "script style noscript template head title svg math iframe object embed canvas "
    "button select textarea audio video map".split()
)
INLINE_STYLE = {
    "b": Style.BOLD, "strong": Style.BOLD, "mark": Style.BOLD,
    "i": Style.ITALIC, "em": Style.ITALIC, "var": Style.ITALIC, "dfn": Style.ITALIC,
    "u": Style.UNDERLINE, "ins": Style.UNDERLINE,
    "sup": Style.SUP, "sub": Style.SUB,
    "code": Style.CODE, "tt": Style.CODE, "kbd": Style.CODE, "samp": Style.CODE,
    "s": Style.STRIKE, "strike": Style.STRIKE, "del": Style.STRIKE,
}
_CSS_STYLE = (
    (regex.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", regex.I), Style.BOLD),
    (regex.compile(r"font-style\s*:\s*italic", regex.I), Style.ITALIC),
    (regex.compile(r"text-decoration[^;]*underline", regex.I), Style.UNDERLINE),
)
_CLASS_STYLE = (
    (regex.compile(r"\b(?:bold|strong|fw-bold|font-weight-bold|me|self|author-me|my-?name|self-?name|author-self|"
                   r"highlight)\b", regex.I),
     Style.BOLD),
    (regex.compile(r"\b(?:italic|fst-italic)\b", regex.I), Style.ITALIC),
    (regex.compile(r"\bunderline\b", regex.I), Style.UNDERLINE),
)
#: Elements that never enclose anything (no end tag).
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: Nesting kept when a page is deeper than libxml2's limit (2048); deeper tags are dropped.
MAX_DEPTH = 1000
_SPACES = regex.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_NEWLINE = regex.compile(r"[ \t]*\n\s*")
_XML_DECL = regex.compile(r"^\s*<\?xml[^>]{0,200}\?>")


_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_BROKEN_BR = regex.compile(r"</br\s*>", regex.I)


def clean_text(text: str) -> str:
    """Drop invisible characters, fold every kind of space into one, and read the
    typographic hyphens (U+2010, U+2011) that initials like "P.‑C." use as "-"."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).translate(_HYPHENS)


def parse_html(text: str) -> Any:
    """Parse HTML text into an lxml root element (never raises on bad markup)."""
    return _parse_within_depth(text)[0]


def _parse(text: str) -> tuple[Any, bool]:
    """The root, and whether libxml2 gave up on the page for nesting too deep."""
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, recover=True)
    try:
        root = etree.fromstring(text, parser)
    except (etree.ParserError, ValueError) as err:  # empty or undecodable documents
        raise InputError(f"cannot parse HTML: {err}") from err
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in parser.error_log)
    return root, too_deep


def _parse_within_depth(text: str) -> tuple[Any, bool]:
    """Parse; when the page nests deeper than libxml2 allows, flatten it and parse again.

    libxml2 stops at 2048 open elements and then returns an empty tree, so a
    page of 10,000 nested tags would silently lose everything. Returns the root
    and whether tags had to be dropped.
    """
    # browsers read the common typo </br> as <br> (HTML's parsing rules); libxml2 drops it
    text = _BROKEN_BR.sub("<br>", _XML_DECL.sub("", text.replace("\x00", "\ufffd")))
    root, too_deep = _parse(text)
    if not too_deep:
        return root, False
    return _parse(_flatten(text, MAX_DEPTH))[0], True


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


def _flatten(text: str, limit: int) -> str:
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


def _is_page_chrome(el: Any, tag: str) -> bool:
    """Site navigation, or the page's own footer (an article's ``<footer>`` may hold its venue)."""
    if tag == "nav":
        return True
    parent = el.getparent()
    return tag == "footer" and parent is not None and parent.tag in ("body", "html")


def _inline_style(el: Any) -> tuple[int, str]:
    tag = el.tag
    style = INLINE_STYLE.get(tag, Style.NONE)
    css = el.get("class") or ""
    inline_css = el.get("style")
    if inline_css:
        for pattern, flag in _CSS_STYLE:
            if pattern.search(inline_css):
                style |= flag
    if css:
        for pattern, flag in _CLASS_STYLE:
            if pattern.search(css):
                style |= flag
    return style, css


class _Walker:
    """Follows the tree's open/close events and hands text and containers to a builder."""

    def __init__(self, line_of: Callable[[Any], int | None]):
        self.line_of = line_of
        self.builder = BlockBuilder()
        self.line = 1
        self.styles: list[tuple[int, str | None, str]] = [(Style.NONE, None, "")]
        self.pre_depth = 0

    def text(self, raw: str | None) -> None:
        if not raw:
            return
        style, href, css = self.styles[-1]
        if self.pre_depth:
            pieces = raw.split("\n")
        else:
            pieces = _NEWLINE.split(raw) if "\n" in raw else [raw]
        for i, piece in enumerate(pieces):
            if i:
                self.line += 1
                self.builder.add(Span(BREAK, style | Style.SOFT_BREAK, href, self.line, css))
            piece = clean_text(piece)
            if piece:
                self.builder.add(Span(piece, style, href, self.line, css))
        # whitespace-only lines inside raw text still advance the line counter
        extra = raw.count("\n") - (len(pieces) - 1)
        if extra > 0:
            self.line += extra

    def start(self, el: Any) -> bool:
        """Open an element; False when its whole subtree is to be skipped."""
        tag = el.tag
        if not isinstance(tag, str):
            return False
        tag = tag.lower()
        line = self.line_of(el)
        if line is not None:
            self.line = line
        if tag in SKIP_TAGS or _is_page_chrome(el, tag):
            return False
        if tag in BLOCK_TAGS:
            self.builder.open(tag, el.get("class") or "", self.line)
            if tag == "pre":
                self.pre_depth += 1
        elif tag == "br":
            style, _, css = self.styles[-1]
            self.builder.add(Span(BREAK, style, None, self.line, css))
        else:
            style, css = _inline_style(el)
            outer_style, outer_href, outer_css = self.styles[-1]
            href = el.get("href") if tag == "a" else None
            self.styles.append((outer_style | style, href or outer_href, css or outer_css))
        self.text(el.text)
        return True

    def end(self, el: Any) -> None:
        tag = el.tag.lower()
        if tag in BLOCK_TAGS:
            self.builder.close()
            if tag == "pre":
                self.pre_depth -= 1
        elif tag != "br":
            self.styles.pop()

    def walk(self, root: Any) -> list[Block]:
        skipping: Any = None
        for event, el in etree.iterwalk(root, events=("start", "end")):
            if skipping is not None:
                if event == "end" and el is skipping:
                    skipping = None
                    self.text(el.tail)
                continue
            if event == "start":
                if not self.start(el):
                    skipping = el
            else:
                if isinstance(el.tag, str):
                    self.end(el)
                if el is not root:
                    self.text(el.tail)
        self.builder.flush()
        return self.builder.blocks


def blocks_from_tree(root: Any, line_of: Callable[[Any], int | None]) -> list[Block]:
    """Turn a parsed tree into blocks; ``line_of`` gives an element's 1-based page line."""
    return _Walker(line_of).walk(root)


def page_title(root: Any) -> str | None:
    found = root.find(".//title")
    if found is not None and found.text:
        return clean_text(found.text).strip() or None
    return None


def read_html(text: str, path: str | None = None) -> Document:
    line_count = text.count("\n") + 1
    if not text.strip():
        return Document(blocks=(), format="html", path=path, source_text=text, line_count=line_count)
    root, flattened = _parse_within_depth(text)
    warnings = (f"{path or 'input'}: tags nested deeper than {MAX_DEPTH} levels were dropped "
                "(their text is kept)",) if flattened else ()
    if root is None:
        return Document(blocks=(), format="html", path=path, source_text=text, warnings=warnings,
                        line_count=line_count)
    blocks = blocks_from_tree(root, lambda el: el.sourceline)
    title = page_title(root)
    return Document(
        blocks=tuple(blocks), format="html", path=path, source_text=text,
        meta={"title": title} if title else {}, warnings=warnings, line_count=line_count,
    )
