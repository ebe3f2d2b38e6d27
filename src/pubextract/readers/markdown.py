"""Markdown reader: cmark-gfm (C) renders, the HTML reader's walk cuts blocks.

cmark-gfm is CommonMark-exact and ~20x faster than markdown-it-py. Rendering to
HTML with ``SOURCEPOS`` and ``UNSAFE`` keeps each block's source lines and lets
inline HTML mixed into the Markdown (``<b>``, ``<sup>``, ``<br>``, whole
``<ul>`` lists) be read by a real HTML parser instead of by hand. Elements of
raw HTML blocks carry no sourcepos; their lines are found by aligning the
verbatim copy cmark makes of them with the page's own lines.

Two Jekyll habits are undone first, keeping every line number: YAML front matter
is blanked (its ``title``/``author`` kept as metadata), and a Markdown line that
follows an HTML block without the blank line kramdown does not need is given one
(CommonMark would otherwise swallow it into the HTML block).
"""
from __future__ import annotations

import bisect
import functools
from typing import Any

import cmarkgfm
import regex
from cmarkgfm.cmark import Options

from .._rx import AsciiTwin, Lazy, rx
from ..document import Document
from .html import BLOCK_TAGS, blocks_from_tree, parse_html

_OPTIONS = Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_UNSAFE
#: A carriage return alone: cmark ends a line there, but the page's lines are counted by "\n".
_LONE_CR = Lazy(r"\r(?!\n)")
_FRONT_MATTER = Lazy(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n(.{0,100000}?)\r?\n\1[ \t]*(?:\r?\n|\Z)", regex.S)
_META_KEY = Lazy(r"^(title|author|name)[ \t]*:[ \t]*[\"']?(.*?)[\"']?[ \t]*$", regex.M)
_SOURCEPOS = AsciiTwin(r"(\d+):\d+-(\d+):\d+")  # cmark's are ASCII: the stdlib twin reads them
#: A line that closes an HTML block element, e.g. ``</u> </h3>`` or ``</div>``.
_HTML_CLOSER = Lazy(
    r"</(?:h[1-6]|div|p|ul|ol|table|section|center|details|blockquote)>\s*$", regex.I)
_MARKDOWN_START = Lazy(r"^ {0,3}(?:[-*+]\s|\d{1,9}[.)]\s|#{1,6}\s|>|\*\*|__|\[)")
_HTML_BLOCK_START = Lazy(
    r"^ {0,3}<(div|table|ul|ol|dl|section|article|details|center|blockquote|figure)\b", regex.I)
_ITEM_NEWLINE = Lazy(r"(<li data-sourcepos=\"[^\"]*\">)\n")
_ATTRIBUTE = r"(?:[.#][\w-]{1,60}|[\w-]{1,60}=(?:\"[^\"\n]{0,100}\"|'[^'\n]{0,100}'|[^\s{}\"']{1,100}))"
#: Markup, not text: kramdown's inline attribute lists, ``[PDF](x.pdf){:target="_blank"}``; Pandoc's
#: (Quarto, R Markdown) right after a link, image or emphasis, ``[OSF](…){target="_blank"}``,
#: ``![](icon.png){.center}``; and Hugo/Quarto shortcodes, ``{{< ai osf >}}``.
_IAL = Lazy(r"\{:[^{}\n]{0,200}\}"
            rf"|(?<=[)\]*_`])\{{\s*{_ATTRIBUTE}(?:\s+{_ATTRIBUTE}){{0,10}}\s*\}}"
            r"|\{\{[<%][^\n]{0,200}?[>%]\}\}")
#: An empty anchor element opening a line or list item before text, ``- <div id="EC"></div> **Title**``:
#: CommonMark makes the whole line raw HTML, kramdown reads the text after it as Markdown.
_LEADING_ANCHOR = Lazy(r"^( {0,3}(?:[-*+]|\d{1,9}[.)])?[ \t]*)<(div|span|a)\b[^<>\n]{0,200}></\2\s*>[ \t]*(?=\S)", regex.I)
_MARKDOWN_INSIDE = Lazy(r"\smarkdown\s*=\s*[\"']?(?:1|block|span)\b", regex.I)
_LIQUID = Lazy(r"^\s*\{%.*%\}\s*$")
#: A MathJax superscript that marks a name, "Xingyue Guan,$^{\star}$", "$^\dagger$", "$^{1,*}$".
_MATH_MARK = Lazy(r"\$\^\{?((?:\\(?:star|ast|dagger|ddagger|S|\#)|[*#\d,])+)\s*\}?\$")
_MATH_MARK_SYMBOL = {"\\star": "*", "\\ast": "*", "\\dagger": "†", "\\ddagger": "‡", "\\S": "§", "\\#": "#"}
_MATH_MARK_NAME = Lazy(r"\\(?:star|ast|ddagger|dagger|S|\#)")


def _math_mark_sup(match: Any) -> str:
    """``$^{\\star}$`` as the superscript it draws, ``<sup>*</sup>``."""
    return "<sup>" + _MATH_MARK_NAME.sub(lambda m: _MATH_MARK_SYMBOL[m.group(0)], match.group(1)) + "</sup>"


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Blank the front matter out (same number of lines) and keep its title/author."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    meta = {key: value for key, value in _META_KEY.findall(match.group(2)) if value}
    blank = "\n" * match.group(0).count("\n")
    return blank + text[match.end():], meta


def kramdown_compatible(text: str) -> tuple[str, list[int]]:
    """Rewrite the kramdown habits CommonMark reads differently, keeping lines.

    kramdown (Jekyll's parser) reads ``{:target="_blank"}`` attribute lists as
    markup (they are dropped here), and lets an HTML block run to its closing tag across
    blank lines, where CommonMark ends it at the first blank line and turns the
    indented HTML that follows into a code block; blank lines inside such a
    block become empty comments. An empty anchor element before a line's text
    (``- <div id="EC"></div> **Title**``) is dropped, so the text is Markdown, as in kramdown.
    And a Markdown line right after an HTML block
    or a Liquid tag gets the blank line CommonMark needs to see it as Markdown: one that
    opens like Markdown (a list item, heading, emphasis) or carries a Markdown link, as
    ``(2024) "[Title](paper.pdf)" (with …)`` under a one-line ``<h2> Publications </h2>``.
    Returns the new text and, for each of its lines, the 1-based line of the page.
    """
    if "<" not in text and "{" not in text:  # nothing below can apply
        return text, list(range(1, text.count("\n") + 2))
    out: list[str] = []
    origin: list[int] = []
    open_tag: str | None = None
    depth = 0
    # every pattern below needs a "<", "{" or "=" in the line: the cheap ``in`` tests come first
    for number, line in enumerate(text.split("\n"), start=1):
        if open_tag is None and "></" in line:
            line = _LEADING_ANCHOR.sub(r"\1", line)
        if open_tag is None and "<" in line[:4]:
            start = _HTML_BLOCK_START.match(line)
            if start:
                open_tag = start.group(1).lower()
                depth = 0
        if open_tag is not None:
            if "<" in line:
                lowered = line.lower() if line.isascii() else None  # (regex.I also folds "İ", "ſ", "K")
                if lowered is None or "<" + open_tag in lowered:
                    depth += len(_opener(open_tag).findall(line))
                if lowered is None or "</" + open_tag in lowered:
                    depth -= len(_closer(open_tag).findall(line))
            if depth <= 0:
                open_tag = None
            elif not line.strip():
                line = "<!-- -->"
            elif "=" in line and _MARKDOWN_INSIDE.search(line):
                # <div markdown="1">: kramdown reads what follows as Markdown; so does CommonMark
                # once the HTML block ends here (the closing tags come later as blocks of their own)
                out.append(line)
                origin.append(number)
                line, open_tag = "", None
        elif out and ("</" in out[-1] or "{%" in out[-1]) and out[-1].strip() and line.strip() and (
                (_MARKDOWN_START.match(line) or "](" in line)
                and (_HTML_CLOSER.search(out[-1]) or _LIQUID.match(out[-1]))):
            out.append("")
            origin.append(number)
        if "{" in line:
            line = "" if _LIQUID.match(line) else _IAL.sub(_markup_out, line)
        out.append(line)
        origin.append(number)
    return "\n".join(out), origin


#: TeX math in a line, ``$O(n^2)$``, ``$\ell_1$``: no blank inside either dollar, no digit after the
#: closing one (Pandoc's rule, so "$5-$10" is money), no dollar, backslash or word character before.
_INLINE_MATH = Lazy(r"(?<![\\$\w])\$(?=[^\s$])([^$\n]{1,300}?)(?<=[^\s\\$])\$(?![\d$])")
#: What Markdown reads as markup inside such math: emphasis (``$A^*$ and $B^*$``, ``$H_2$ … $H_\infty$``),
#: escapes (``\{0,1\}``), code, links, HTML and strikethrough.
_MARKUP_IN_MATH = Lazy(r"[*_\\`\[\]<&~]")
_FENCE = Lazy(r"^ {0,3}(?:```|~~~)")


def math_as_written(text: str) -> str:
    """The page with each ``$…$`` of TeX math that holds Markdown markup characters escaped
    (every ASCII punctuation mark in it backslashed), so that cmark keeps the math as written:
    a title "The $A^*$ search with $B^*$ trees" keeps its stars rather than turning into emphasis.
    A superscript mark on a name (``$^{\\star}$``, ``$^\\dagger$``) becomes the ``<sup>`` it draws.
    Lines of fenced code, of HTML blocks (a line opening with a tag, up to a blank line: copied
    verbatim) and lines with code spans are left as they are, as is the number of lines."""
    if "$" not in text:
        return text
    lines = text.split("\n")
    in_fence = in_html = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not line.strip():
            in_html = False
            continue
        if line.lstrip().startswith("<"):
            in_html = True
        if in_fence or in_html or "$" not in line or "`" in line:
            continue
        if "$^" in line:  # a mark on a name, "Guan,$^{\\star}$", is the <sup>*</sup> it draws, not math
            line = _MATH_MARK.sub(_math_mark_sup, line)
        lines[index] = _INLINE_MATH.sub(_escaped_math, line)
    return "\n".join(lines)


def _escaped_math(match: Any) -> str:
    math = match.group(1)
    if not _MARKUP_IN_MATH.search(math):
        return match.group(0)
    return "$" + "".join("\\" + c if c.isascii() and not c.isalnum() and not c.isspace() else c for c in math) + "$"


def _markup_out(match: Any) -> str:
    """An attribute list or a shortcode is dropped; a shortcode that is a link's whole text
    (``[{{< ai arxiv >}}](https://arxiv.org/abs/…)``, an icon) leaves a label, so the link is kept."""
    line, start, end = match.string, match.start(), match.end()
    if line.startswith("{{", start) and line[:start].rstrip().endswith("[") and line[end:].lstrip().startswith("]("):
        return "link"
    return ""


@functools.cache
def _opener(tag: str) -> regex.Pattern[str]:
    return rx(rf"<{tag}\b", regex.I)


@functools.cache
def _closer(tag: str) -> regex.Pattern[str]:
    return rx(rf"</{tag}\s*>", regex.I)


class _LineMap:
    """Maps an element of the rendered HTML to its 1-based line in the page."""

    def __init__(self, page_lines: list[str], origin: list[int], rendered: str):
        self.origin = origin
        self.page_lines = page_lines
        self.rendered_lines = rendered.split("\n")
        self.cursor = 0  # index into page_lines where the last anchor was
        self._where: dict[str, list[int]] | None = None  # stripped page line -> its indexes, built on first use

    def line_of(self, el: Any, tag: str) -> int | None:
        """The element's page line (handed to the walk as a bound method: calling it costs
        half what calling the instance does)."""
        pos = el.get("data-sourcepos")
        if pos:
            match = _SOURCEPOS.match(pos)
            if match:
                index = int(match.group(1)) - 1
                self.cursor = index
                return self.origin[min(index, len(self.origin) - 1)]
        if tag not in BLOCK_TAGS:
            return None  # inline: the walker counts line breaks from the block's line
        rendered_line = el.sourceline
        if rendered_line is None or rendered_line > len(self.rendered_lines):
            return None
        wanted = self.rendered_lines[rendered_line - 1].strip()
        if not wanted:
            return None
        # raw HTML is copied verbatim: the first page line from the cursor on (at most 200 on) that is the same
        if self._where is None:
            self._where = {}
            for index, page_line in enumerate(self.page_lines):
                self._where.setdefault(page_line.strip(), []).append(index)
        found = self._where.get(wanted)
        if found:
            first = bisect.bisect_left(found, self.cursor)
            if first < len(found) and found[first] < self.cursor + 200:
                self.cursor = found[first]
                return self.origin[self.cursor]
        return None


def read_markdown(text: str, path: str | None = None, escaped: bool = False) -> Document:
    """``escaped``: the text escapes its own markup (Org rewritten as Markdown), math included."""
    body, meta = split_front_matter(text)
    body = _LONE_CR.sub(" ", body)
    body, origin = kramdown_compatible(body if escaped else math_as_written(body))
    # cmark puts a newline after <li ...> before content that is raw HTML; it is layout,
    # not a line of the page, so it must not move the content's line past the item's
    rendered = _ITEM_NEWLINE.sub(r"\1", cmarkgfm.github_flavored_markdown_to_html(body, options=_OPTIONS))
    line_count = text.count("\n") + 1
    if not rendered.strip():
        return Document(blocks=(), format="markdown", path=path, source_text=text, meta=meta,
                        line_count=line_count)
    wrapped = f"<html><body>\n{rendered}</body></html>"
    root = parse_html(wrapped)
    line_of = _LineMap(body.split("\n"), origin, wrapped).line_of
    blocks = blocks_from_tree(root, line_of) if root is not None else []
    return Document(blocks=tuple(blocks), format="markdown", path=path, source_text=text,
                    meta=meta, line_count=line_count)
