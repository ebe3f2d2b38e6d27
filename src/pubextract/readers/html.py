"""HTML reader: lxml (libxml2) parses, a single walk turns the tree into blocks.

lxml is used because it is fast (C) *and* keeps ``sourceline`` on every element,
which the JSON contract needs (selectolax/lexbor keeps no positions). The walk is
iterative (``iterwalk``), so 10,000 nested tags cannot exhaust Python's stack.
The Markdown reader renders Markdown to HTML and reuses :func:`blocks_from_tree`
with its own line mapping, so both formats meet later stages in one form.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import regex
from lxml import etree

from .._rx import Lazy
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
    (Lazy(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", regex.I), Style.BOLD),
    (Lazy(r"font-style\s*:\s*italic", regex.I), Style.ITALIC),
    (Lazy(r"text-decoration[^;]*underline", regex.I), Style.UNDERLINE),
)
_CLASS_STYLE = (
    (Lazy(r"\b(?:bold|strong|fw-bold|font-weight-bold|me|self|author-me|my-?name|self-?name|author-self|"
          r"highlight)\b", regex.I),
     Style.BOLD),
    (Lazy(r"\b(?:italic|fst-italic)\b", regex.I), Style.ITALIC),
    (Lazy(r"\bunderline\b", regex.I), Style.UNDERLINE),
)
#: Nesting kept when a page is deeper than libxml2's limit (2048); deeper tags are dropped.
MAX_DEPTH = 1000
#: What :func:`clean_text` folds into one space (runs of them too), drops, and reads as "-".
_SPACES = " \t\r\f\v\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_HYPHENS = "\u2010\u2011"  # the typographic hyphens that initials like "P.‑C." use
_CLEAN = str.maketrans({**dict.fromkeys(_SPACES, " "), **dict.fromkeys(_INVISIBLE), **dict.fromkeys(_HYPHENS, "-")})
_SPACE_RUN = Lazy(" {2,}")
#: What ``\s`` matches (str.isspace() less the separators U+001C..U+001F; none lies above U+3000), spelled
#: out: finding them among 12,289 characters was 9 M instructions of every start (a test checks the list).
_WHITESPACE = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
               "\u2028\u2029\u202f\u205f\u3000")
_XML_DECL = Lazy(r"^\s*<\?xml[^>]{0,200}\?>")
_BROKEN_BR = Lazy(r"</br\s*>", regex.I)


def clean_text(text: str) -> str:
    """Drop invisible characters, fold every kind of space into one, and read the
    typographic hyphens (U+2010, U+2011) that initials like "P.‑C." use as "-"."""
    # Most text nodes hold nothing to replace. A printable string has no control character,
    # no space but " " and no invisible (format) character: only the two hyphens to look for.
    if not text.isprintable() or (not text.isascii() and ("\u2010" in text or "\u2011" in text)):
        text = text.translate(_CLEAN)
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def split_lines(text: str) -> list[str]:
    """``regex.split(r"[ \\t]*\\n\\s*", text)`` without the regex (3-8x faster on text nodes):
    the pieces between line breaks, spaces and tabs before a break and all whitespace after it
    (blank lines too) dropped. Linear in the text."""
    segments = text.split("\n")
    last = len(segments) - 1
    if not last:
        return segments
    pieces = [segments[0].rstrip(" \t")]
    segment = ""
    for i in range(1, last + 1):
        segment = segments[i].lstrip(_WHITESPACE)
        if segment:
            pieces.append(segment if i == last else segment.rstrip(" \t"))
    if not segment:  # the text ends in whitespace after a break: an empty last piece
        pieces.append("")
    return pieces


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
    from ._flatten import flatten  # imported late: only such pages need html.parser

    return _parse(flatten(text, MAX_DEPTH))[0], True


def _inline_style(el: Any, tag: str) -> tuple[int, str]:
    css = el.get("class") or ""
    inline_css = el.get("style")
    style = INLINE_STYLE.get(tag, Style.NONE)
    if inline_css:
        style |= _attribute_style("style", inline_css)
    if css:
        style |= _attribute_style("class", css)
    return style, css


@functools.lru_cache(maxsize=8192)
def _attribute_style(attribute: str, value: str) -> int:
    """The emphasis an element's ``style`` or ``class`` attribute gives ("font-weight: bold",
    "author-me"...); pages repeat a few values, so the answers are cached."""
    style = Style.NONE
    for pattern, flag in _CSS_STYLE if attribute == "style" else _CLASS_STYLE:
        if pattern.search(value):
            style |= flag
    return style


#: Elements whose own ``<footer>`` may hold a paper's venue; any other footer is the page's.
_HOLDS_A_FOOTER = frozenset(("article", "li", "blockquote", "figure", "td"))


def _page_footer(el: Any) -> bool:
    """The page's own footer, however deep in layout ``div``s (an article's ``<footer>`` may hold its venue)."""
    return not any(ancestor.tag in _HOLDS_A_FOOTER for ancestor in el.iterancestors())


#: ``id``/``class`` names of a footer written as a ``div`` (``<div id="footer">``: jemdoc, hand-written pages).
_FOOTER_NAMES = frozenset(("footer", "site-footer", "page-footer", "footer-text"))


def _is_page_footer(el: Any, tag: str) -> bool:
    """The page's footer: a ``<footer>`` or a footer-named ``div`` outside any paper's element, or a
    ``div`` whose *id* names it a footer wherever it is (an id names one element of the page: jemdoc
    puts ``<div id="footer">`` in its layout ``<td>``)."""
    if tag == "footer":
        return _page_footer(el)
    if tag != "div":
        return False
    if el.get("id") in _FOOTER_NAMES:
        return True
    return not _FOOTER_NAMES.isdisjoint((el.get("class") or "").split()) and _page_footer(el)


def blocks_from_tree(root: Any, line_of: Callable[[Any, str], int | None] | None = None) -> list[Block]:
    """Turn a parsed tree into blocks; ``line_of(element, tag)`` gives an element's 1-based
    page line (its ``sourceline`` when None).

    One walk over the tree's open/close events, handing text and containers to a
    :class:`BlockBuilder`. It is the hot loop of both HTML and Markdown reading, so
    it keeps its state in locals and works on the builder's span list directly:
    blank text and line breaks before a block's first text are not added at all
    (the builder would trim them), and text without a newline skips the split.
    """
    builder = BlockBuilder()
    columns: dict[int, list[str] | None] = {}  # a table's column roles, by id(table), found on first use
    styles: list[tuple[int, str | None, str]] = [(Style.NONE, None, "")]  # style, href, css of open inline elements
    line = 1
    pre_depth = 0
    new = tuple.__new__  # a Span from a tuple, in C (``Span(...)`` is a Python function)
    #: what each open element's end does, innermost last: close a block (and a <pre>), pop a style, nothing
    ends: list[int] = []
    skipping: Any = None  # an element whose whole subtree is left out
    #: for each open <a href>: how many blocks and spans there were when it opened
    open_links: list[tuple[int, int]] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if skipping is not None:
            if el is not skipping or event != "end":
                continue
            skipping = None
            raw = el.tail
        elif event == "end":  # of an element whose start was taken (the others are skipped)
            end = ends.pop()
            if end == _POP_STYLE:
                styles.pop()
            elif end == _POP_LINK:
                style, href, css = styles.pop()
                # no text, but an element (<i class="ai ai-arxiv">, <img>): an icon link. With nothing
                # in it at all, one to an arXiv or DOI address is too (Markdown's
                # "[](https://arxiv.org/abs/…){: .paper-link}", drawn by the theme's CSS); any other is
                # an editor's leftover ('<a href="paper.pdf"></a>' after the title's own link)
                if open_links.pop() == (len(builder.blocks), len(builder.spans)) and (
                        len(el) or (href and _IDENTIFIER_ADDRESS.search(href))):
                    builder.spans.append(new(Span, (f" {_icon_label(el)} ", style | Style.ICON, href, line, css)))
            elif end != _NOTHING:
                if end == _CLOSE_POP:
                    styles.pop()
                if builder.spans:  # (BlockBuilder.close, without a call for the common empty case)
                    builder.flush()
                builder.containers.pop()
                if end == _CLOSE_PRE:
                    pre_depth -= 1
            raw = el.tail if el is not root else None
        else:
            tag = el.tag
            if not isinstance(tag, str):
                skipping = el
                continue
            tag = tag.lower()
            found = el.sourceline if line_of is None else line_of(el, tag)
            if found is not None:
                line = found
            if tag in SKIP_TAGS or tag == "nav" or _is_page_footer(el, tag):
                skipping = el
                continue
            column = _column_role(el, columns) if tag in _CELLS or tag == "tr" else ""
            if column == _NOT_A_FIELD:
                skipping = el  # a header row of column names, or a column that describes ("Summary")
                continue
            if tag in BLOCK_TAGS:
                builder.open(tag, f"{el.get('class') or ''} {column}".strip() if column else el.get("class") or "", line)
                if tag == "pre":
                    pre_depth += 1
                    ends.append(_CLOSE_PRE)
                elif _set_large(el):  # <p style="font-size:24px;">Books</p>: a heading in all but name
                    outer_style, outer_href, outer_css = styles[-1]
                    styles.append((outer_style | Style.BOLD, outer_href, outer_css))
                    ends.append(_CLOSE_POP)
                else:
                    ends.append(_CLOSE)
            elif tag == "br":
                ends.append(_NOTHING)
                if builder.spans:  # a break before a block's first text would be trimmed
                    style, _, css = styles[-1]
                    builder.spans.append(new(Span, (BREAK, style, None, line, css)))
            else:
                style, css = _inline_style(el, tag)
                outer_style, outer_href, outer_css = styles[-1]
                href = el.get("href") if tag == "a" else None
                if href and not href.startswith(("#", "javascript:", "mailto:")):
                    ends.append(_POP_LINK)
                    open_links.append((len(builder.blocks), len(builder.spans)))
                else:
                    ends.append(_POP_STYLE)
                styles.append((outer_style | style, href or outer_href, css or outer_css))
            raw = el.text
        if not raw:
            continue
        # the element's text or its tail: spans and line breaks of the current block
        spans = builder.spans
        if not spans and not raw.strip():  # blank before a block's first text: only lines to count
            line += raw.count("\n")
            continue
        style, href, css = styles[-1]
        if "\n" not in raw:
            piece = clean_text(raw)
            if piece and (spans or piece.strip()):
                spans.append(new(Span, (piece, style, href, line, css)))
            continue
        pieces = raw.split("\n") if pre_depth else split_lines(raw)
        at = line
        for i, piece in enumerate(pieces):
            if i:
                at += 1
                # a soft break right after another break adds nothing (BlockBuilder.add's rule)
                if spans and spans[-1].text != BREAK:
                    spans.append(new(Span, (BREAK, style | Style.SOFT_BREAK, href, at, css)))
            if piece:
                piece = clean_text(piece)
                if piece and (spans or piece.strip()):
                    spans.append(new(Span, (piece, style, href, at, css)))
        line += raw.count("\n")  # whitespace-only lines inside raw text count too
    builder.flush()
    return builder.blocks


_CLOSE, _CLOSE_PRE, _POP_STYLE, _NOTHING, _CLOSE_POP, _POP_LINK = range(6)


#: Where a link's address alone gives the entry an identifier.
_IDENTIFIER_ADDRESS = Lazy(r"^https?://(?:www\.)?(?:arxiv\.org/(?:abs|pdf)/|(?:dx\.)?doi\.org/10\.)", regex.I)


def _icon_label(link: Any) -> str:
    """What a link that shows no text stands for (``<a href="…/abs/2401.01234"><i class="ai ai-arxiv">``,
    ``[![arXiv](badge.svg)](…)``): its accessible name, from its own ``aria-label`` or ``title`` or
    an image's ``alt`` in it, else "link"."""
    for el in link.iter():
        if not isinstance(el.tag, str):
            continue
        for attribute in ("aria-label", "title", "alt"):
            name = clean_text(el.get(attribute) or "").strip()
            if name:
                return name
    return "link"

#: A font size well above body text: 18px and up, 14pt and up, 1.3em/rem and up, 130% and up, large and larger.
_LARGE_FONT = Lazy(r"font-size\s*:\s*(?:(?:1[89]|[2-9]\d)(?:\.\d+)?px|(?:1[4-9]|[2-9]\d)(?:\.\d+)?pt"
                   r"|(?:1\.[3-9]|[2-9](?:\.\d+)?)r?em|(?:1[3-9]\d|[2-9]\d\d)%|x{0,2}-?large\b|larger\b)", regex.I)


def _set_large(el: Any) -> bool:
    """A block element whose own style sets its text well above body size (read as emphasis:
    a short line of it is a heading, as a reader sees it)."""
    css = el.get("style")
    return bool(css) and "font-size" in css and _LARGE_FONT.search(css) is not None

_CELLS = frozenset(("td", "th"))
_NOT_A_FIELD = "-"
#: What a table's column header says its cells hold ("| Year | Title | Journal | Summary |"): a role
#: the fields read (the class names a page would give), or no field of the citation at all.
_COLUMN_HEADERS = (
    ("title", Lazy(r"(?:(?:paper|article|publication)\s*+)?title|paper|article|publication|work", regex.I)),
    ("authors", Lazy(r"(?:co-?)?authors?(?:\s*list)?", regex.I)),
    ("venue", Lazy(r"journal|venue|conference|outlet|published\s+in|(?:publication\s+)?venue|journal\s*/\s*conference",
                   regex.I)),
    (_NOT_A_FIELD, Lazy(r"summary|description|topic|abstract|tl;?\s?dr|highlights?|key\s+(?:findings?|results?)|"
                        r"take-?aways?|in\s+(?:a\s+)?(?:nutshell|brief|short)|keywords?|comments?|remarks?", regex.I)),
)


def _header_roles(table: Any) -> list[str] | None:
    """The roles of a table's columns, read off its header row (``<th>`` cells only, its first row
    or its ``<thead>``'s), when the header names a title column; else None."""
    first = next((row for row in table.iter("tr")), None)
    if first is None:
        return None
    cells = [c for c in first if isinstance(c.tag, str) and c.tag.lower() in _CELLS]
    if not cells or any(c.tag.lower() != "th" for c in cells):
        return None
    roles = []
    for cell in cells:
        text = clean_text("".join(cell.itertext())).strip(" :*")
        roles.append(next((role for role, pattern in _COLUMN_HEADERS if pattern.fullmatch(text)), ""))
    return roles if "title" in roles else None


def _column_role(el: Any, columns: dict[int, list[str] | None]) -> str:
    """A cell's role from its column's header (a header row: not a field), "" when the table names none."""
    row = el if el.tag.lower() == "tr" else el.getparent()
    if row is None or not isinstance(row.tag, str) or row.tag.lower() != "tr":
        return ""
    table = next((a for a in row.iterancestors() if isinstance(a.tag, str) and a.tag.lower() == "table"), None)
    if table is None:
        return ""
    key = id(table)
    if key not in columns:
        columns[key] = _header_roles(table)
    roles = columns[key]
    if roles is None:
        return ""
    if el is row:
        return _NOT_A_FIELD if next(iter(table.iter("tr")), None) is row else ""
    cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in _CELLS]
    index = cells.index(el)
    return roles[index] if index < len(roles) else ""


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
    blocks = blocks_from_tree(root)
    title = page_title(root)
    return Document(
        blocks=tuple(blocks), format="html", path=path, source_text=text,
        meta={"title": title} if title else {}, warnings=warnings, line_count=line_count,
    )
