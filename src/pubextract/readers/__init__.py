"""Readers: the bytes or text of one page in, a :class:`~pubextract.document.Document` out.

One module per input format, each exposing ``read(text, path) -> Document``;
this package decodes bytes (:mod:`._decode`), chooses the format (explicit
name, then suffix, then content) and dispatches. Adding a format is one module
and one line in :data:`READERS`.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath

import regex

from ..document import Document
from ..errors import UsageError

#: format name -> "module:function" of its reader, imported on first use.
READERS: dict[str, str] = {
    "markdown": "markdown:read_markdown",
    "html": "html:read_html",
}
SUFFIXES: dict[str, str] = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".rmd": "markdown", ".qmd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".php": "html",
}

_HTML_SNIFF = regex.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                            regex.I | regex.S)
_HTML_TAG = regex.compile(r"</?(?:p|div|li|ul|ol|table|tr|td|br|h[1-6]|span|a)\b[^>]{0,500}>", regex.I)
_MARKDOWN_SIGNS = regex.compile(
    r"^(?:#{1,6}\s|[-*+]\s|\d{1,3}\.\s|={3,}\s*$|-{3,}\s*$|>\s)|\*\*[^*\n]+\*\*|\]\([^)\s]+\)|\\[\[\]*_]",
    regex.M)


def sniff_format(text: str) -> str:
    """Guess the format of page text: a full HTML document, else Markdown.

    Inline HTML inside Markdown does not make a page HTML: it counts as HTML only
    when it starts like an HTML document or its tags outnumber Markdown signs.
    """
    head = text[:20000]
    if _HTML_SNIFF.match(head):
        return "html"
    tags = len(_HTML_TAG.findall(head))
    signs = len(_MARKDOWN_SIGNS.findall(head))
    if tags > 20 and tags > 4 * signs:
        return "html"
    return "markdown"


def choose_format(text: str, path: str | None, requested: str | None) -> str:
    if requested:
        name = requested.lower()
        if name == "md":
            name = "markdown"
        if name not in READERS:
            raise UsageError(f"unknown input format {requested!r} (known: {', '.join(sorted(READERS))})")
        return name
    if path:
        by_suffix = SUFFIXES.get(PurePath(path).suffix.lower())
        if by_suffix:
            return by_suffix
    return sniff_format(text)


def reader_for(name: str) -> Callable[[str, str | None], Document]:
    module, function = READERS[name].split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)  # type: ignore[no-any-return]


def read_text(text: str, *, path: str | None = None, format: str | None = None) -> Document:
    """Read page text (already decoded) into a Document."""
    name = choose_format(text, path, format)
    return reader_for(name)(text, path)
