"""Readers: the bytes or text of one page in, a :class:`~pubextract.document.Document` out.

One module per input format, each exposing ``read(text, path) -> Document``;
:mod:`._source` gets and decodes the bytes; this package chooses the format (explicit
name, then suffix, then content) and dispatches. Adding a format is one module
and one line in :data:`READERS`.
"""
from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable
from pathlib import PurePath

import regex

from .._rx import Lazy
from ..document import Document
from ..errors import UsageError

#: format name -> "module:function" of its reader, imported on first use.
READERS: dict[str, str] = {
    "markdown": "markdown:read_markdown",
    "html": "html:read_html",
    "text": "text:read_plain_text",
    "latex": "latex:read_latex",
    "org": "org:read_org",
}
#: Formats that are already bibliographic records: read by their own module into
#: records (see :mod:`.bibtex`), not into a Document.
STRUCTURED: frozenset[str] = frozenset({"bibtex"})
#: Other names users give a format (``--input-format txt``).
ALIASES: dict[str, str] = {"md": "markdown", "htm": "html", "txt": "text", "plain": "text", "tex": "latex",
                           "bib": "bibtex"}
#: Suffixes that settle the format; any other suffix (``.txt`` included) is sniffed.
SUFFIXES: dict[str, str] = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".rmd": "markdown", ".qmd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".php": "html",
    ".tex": "latex", ".ltx": "latex",
    ".org": "org",
    ".bib": "bibtex", ".bibtex": "bibtex",
}

_SNIFF_CHARS = 20000
_HTML_SNIFF = Lazy(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                   regex.I | regex.S)
_HTML_TAG = Lazy(r"</?(?:p|div|li|ul|ol|table|tr|td|br|h[1-6]|span|a)\b[^>]{0,500}>", regex.I)
#: Lines that open a Markdown block or carry inline Markdown (lists too: text has them as well).
_MARKDOWN_SIGNS = Lazy(
    r"^(?:#{1,6}\s|[-*+]\s|\d{1,3}\.\s|={3,}\s*$|-{3,}\s*$|>\s)|\*\*[^*\n]+\*\*|\]\([^)\s]+\)|\\[\[\]*_]",
    regex.M)
#: Markup that plain text exported from a PDF or typed by hand does not have.
_MARKDOWN_ONLY = Lazy(
    r"^ {0,3}#{1,6}[ \t]|\*\*[^*\n]+\*\*|__[^_\n]+__|\]\([^)\s]*\)|\]\[[^\]\n]*\]|\\[\[\]*_#`]"
    r"|^ {0,3}>[ \t]|^ {0,3}(?:```|~~~)|`[^`\n]+`",
    regex.M)
_BIBTEX_ENTRY = Lazy(r"\A(?:\s*%[^\n]*\n)*\s*@(?:article|inproceedings|conference|misc|book|inbook|"
                     r"incollection|phdthesis|mastersthesis|techreport|unpublished|online|string|"
                     r"preamble|comment)\s*[{(]", regex.I)
_LATEX_COMMAND = Lazy(
    r"\\(?:documentclass|usepackage|begin|end|(?:sub)*section|item|textbf|textit|emph|href|bibitem"
    r"|makerubrichead|cvsection)\b")


def sniff_format(text: str) -> str:
    """Guess the format of page text: HTML, LaTeX, Markdown, else plain text.

    Inline HTML inside Markdown does not make a page HTML: it counts as HTML only
    when it starts like an HTML document or its tags outnumber Markdown signs.
    Markdown needs markup that plain text does not have (``**``, ``](``, ``#``
    headings); bullets and numbered lines alone are read as plain text, whose
    reader handles them. A short page needs fewer signs than a long one.
    """
    head = text[:_SNIFF_CHARS]
    if _HTML_SNIFF.match(head):
        return "html"
    if _BIBTEX_ENTRY.match(head):
        return "bibtex"
    # the tests below only need counts up to a bound: scanning stops there
    markdown_only = _count(_MARKDOWN_ONLY, head, 3)
    if markdown_only < 3 and _count(_LATEX_COMMAND, head, 3) >= 3:
        return "latex"
    tags = len(_HTML_TAG.findall(head)) if head.count("<") > 20 else 0  # each tag starts with "<"
    if tags > 20 and _count(_MARKDOWN_SIGNS, head, (tags - 1) // 4 + 1) <= (tags - 1) // 4:  # tags > 4 * signs
        return "html"
    lines = head.count("\n") + 1
    if markdown_only >= min(3, 1 + lines // 20):
        return "markdown"
    return "text"


def _count(pattern: regex.Pattern[str], text: str, bound: int) -> int:
    """How many times ``pattern`` matches in ``text``, counting no further than ``bound``."""
    return sum(1 for _ in itertools.islice(pattern.finditer(text), bound))


def choose_format(text: str, path: str | None, requested: str | None) -> str:
    if requested:
        name = ALIASES.get(requested.lower(), requested.lower())
        if name not in READERS and name not in STRUCTURED:
            known = ", ".join(sorted({*READERS, *STRUCTURED}))
            raise UsageError(f"unknown input format {requested!r} (known: {known})")
        return name
    if path:
        by_suffix = SUFFIXES.get(PurePath(path).suffix.lower())
        if by_suffix:
            return by_suffix
    return sniff_format(text)


def reader_for(name: str) -> Callable[[str, str | None], Document]:
    module, function = READERS[name].split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)  # type: ignore[no-any-return]


#: Lone surrogates (text decoded with ``surrogateescape``, or built by hand) cannot be encoded for the C parsers.
_LONE_SURROGATE = Lazy(r"[\ud800-\udfff]")
#: A carriage return not followed by a line feed (old Mac line ends, or one stray byte).
_LONE_CR = Lazy(r"\r(?!\n)")


def readable(text: str) -> str:
    """The text as every reader can take it: each lone surrogate becomes U+FFFD, so that it can be
    encoded for the C parsers, and each lone carriage return a line feed. cmark-gfm and libxml2 end
    a line at a lone ``\r`` while line numbers here count ``\n``; one character for one, so the
    text keeps its length and its other lines."""
    if "\r" in text:
        text = _LONE_CR.sub("\n", text)
    return _LONE_SURROGATE.sub("\ufffd", text)


def read_text(text: str, *, path: str | None = None, format: str | None = None) -> Document:
    """Read page text (already decoded) into a Document (made :func:`readable` first)."""
    text = readable(text)
    name = choose_format(text, path, format)
    return reader_for(name)(text, path)
