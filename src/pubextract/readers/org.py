"""Org-mode reader: each line rewritten as CommonMark, then read by the Markdown reader.

Org pages (Emacs's outline format, exported by ox-hugo and org-publish sites) carry the
same structure as Markdown with other marks, so the rewrite is line for line and keeps
every line number:

- a headline ``** Title`` becomes ``## Title`` (its ``:tags:`` dropped);
- ``#+KEYWORD:`` lines, ``# comments`` and drawer lines (``:PROPERTIES:``) become blank;
- ``[[url][label]]`` becomes ``[label](url)``; ``*bold*``, ``/italic/``, ``_underline_``,
  ``=code=``/``~code~`` and ``+strike+`` become their Markdown (or inline HTML) forms, with
  Org's rule for where a mark may open and close;
- ``\\\\`` at the end of a line is a hard break; other text is escaped so that Markdown
  reads it as the letters it is.

Lists (``-``, ``+``, ``1.``, ``1)``) are written the same way in both, and stay as they are.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left

from .._rx import Lazy
from ..document import Document
from .markdown import read_markdown

_HEADLINE = Lazy(r"^(\*++)[ \t]++(.*?)(?:[ \t]++:(?:[\w@#%]++:)++)?[ \t]*+$")
_BLANKED = Lazy(r"^[ \t]*+(?:#\+\S|#(?:[ \t]|$)|:[\w-]++:)")
_LIST_MARKER = Lazy(r"^[ \t]*+(?:[-+]|\d{1,9}[.)])[ \t]++")
#: A link, or the mark that may open emphasis: after the line's start, a space or an opening
#: bracket, and before a letter that is no space.
_OPENING = Lazy(r"\[\[|(?<![^\s\-('\"{])[*/_=~+](?=\S)")
_LINK = Lazy(r"\[\[(?P<url>[^\[\]\n]{1,2000})\](?:\[(?P<label>[^\[\]\n]{1,500})\])?\]")
#: A mark that may close emphasis: after a letter that is no space, before the end, a space or punctuation.
_CLOSING = Lazy(r"(?<=\S)[*/_=~+](?=$|[\s\-.,:!?;'\")}\[\]\\])")
#: How deep emphasis nests at most ("/*Alejandro Gallo*/" is two deep).
_DEPTH = 8
_MARKUP = {"*": ("**", "**"), "/": ("*", "*"), "_": ("<u>", "</u>"), "+": ("~~", "~~")}
_ESCAPED = Lazy(r"[\\`*_\[\]<>#|~]")
_HARD_BREAK = Lazy(r"[ \t]*+\\\\[ \t]*+$")


def _escape(text: str) -> str:
    return _ESCAPED.sub(r"\\\g<0>", text)


def _inline(text: str, depth: int = 0) -> str:
    """Org inline markup in ``text`` (one line) as CommonMark.

    Emphasis runs from an opening mark to the first closing mark of its kind at least one letter
    later, however far along the line (a long author list in italics): the closing marks are
    found once, and each opening one looks its closer up, so the line is read in linear time.
    Marks nested deeper than :data:`_DEPTH` are read as the letters they are."""
    out = []
    pos = 0
    closers: dict[str, list[int]] | None = None
    search = 0
    while True:
        match = _OPENING.search(text, search)
        if match is None:
            break
        start = match.start()
        if match.group(0) == "[[":
            link = _LINK.match(text, start)
            if link is None:
                search = start + 1
                continue
            out.append(_escape(text[pos:start]))
            url = link.group("url").strip()
            label = link.group("label")
            shown = _inline(label, depth + 1) if label else _escape(url)
            out.append(f"[{shown}](<{url.replace('<', '%3C').replace('>', '%3E')}>)")
            pos = search = link.end()
            continue
        mark = match.group(0)
        if depth >= _DEPTH:
            search = start + 1
            continue
        if closers is None:
            closers = {}
            for closing in _CLOSING.finditer(text):
                closers.setdefault(closing.group(0), []).append(closing.start())
        candidates = closers.get(mark, ())
        at = bisect_left(candidates, start + 2)  # a body of one letter at least
        if at == len(candidates):
            search = start + 1
            continue
        end = candidates[at]
        out.append(_escape(text[pos:start]))
        body = text[start + 1:end]
        if mark in "=~":
            out.append(f"`` {body} ``" if "`" in body else f"`{body}`")
        else:
            opening, closing = _MARKUP[mark]
            out.append(f"{opening}{_inline(body, depth + 1)}{closing}")
        pos = search = end + 1
    out.append(_escape(text[pos:]))
    return "".join(out)


def org_to_markdown(text: str) -> str:
    """The page rewritten as CommonMark, line for line."""
    lines = []
    for line in text.split("\n"):
        line = line.rstrip("\r")
        headline = _HEADLINE.match(line)
        if headline:
            lines.append("#" * min(len(headline.group(1)), 6) + " " + _inline(headline.group(2)))
            continue
        if _BLANKED.match(line):
            lines.append("")
            continue
        hard_break = _HARD_BREAK.search(line)
        if hard_break:
            line = line[:hard_break.start()]
        marker = _LIST_MARKER.match(line)
        head = marker.group(0) if marker else line[:len(line) - len(line.lstrip())]
        lines.append(head + _inline(line[len(head):]) + ("\\" if hard_break else ""))
    return "\n".join(lines)


def read_org(text: str, path: str | None = None) -> Document:
    document = read_markdown(org_to_markdown(text), path, escaped=True)
    return dataclasses.replace(document, format="org", source_text=text)
