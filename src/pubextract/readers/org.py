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

from .._rx import Lazy
from ..document import Document
from .markdown import read_markdown

_HEADLINE = Lazy(r"^(\*++)[ \t]++(.*?)(?:[ \t]++:(?:[\w@#%]++:)++)?[ \t]*+$")
_BLANKED = Lazy(r"^[ \t]*+(?:#\+\S|#(?:[ \t]|$)|:[\w-]++:)")
_LIST_MARKER = Lazy(r"^[ \t]*+(?:[-+]|\d{1,9}[.)])[ \t]++")
#: A link, or text between two marks of one kind that Org reads as emphasis: the opening mark
#: after the line's start, a space or an opening bracket; the closing one before the end, a
#: space or punctuation; neither next to a space inside. The emphasis lies on one line and is short.
_INLINE = Lazy(
    r"\[\[(?P<url>[^\[\]\n]{1,2000})\](?:\[(?P<label>[^\[\]\n]{1,500})\])?\]"
    r"|(?<![^\s\-('\"{])(?P<mark>[*/_=~+])(?P<body>\S(?:[^\n]{0,298}?\S)?)(?P=mark)"
    r"(?=$|[\s\-.,:!?;'\")}\[\]\\])")
_MARKUP = {"*": ("**", "**"), "/": ("*", "*"), "_": ("<u>", "</u>"), "+": ("~~", "~~")}
_ESCAPED = Lazy(r"[\\`*_\[\]<>#|~]")
_HARD_BREAK = Lazy(r"[ \t]*+\\\\[ \t]*+$")


def _escape(text: str) -> str:
    return _ESCAPED.sub(r"\\\g<0>", text)


def _inline(text: str) -> str:
    """Org inline markup in ``text`` as CommonMark."""
    out = []
    pos = 0
    for match in _INLINE.finditer(text):
        out.append(_escape(text[pos:match.start()]))
        pos = match.end()
        if match.group("url"):
            url = match.group("url").strip()
            label = match.group("label")
            shown = _inline(label) if label else _escape(url)
            out.append(f"[{shown}](<{url.replace('<', '%3C').replace('>', '%3E')}>)")
        elif match.group("mark") in "=~":
            body = match.group("body")
            out.append(f"`` {body} ``" if "`" in body else f"`{body}`")
        else:
            opening, closing = _MARKUP[match.group("mark")]
            out.append(f"{opening}{_inline(match.group('body'))}{closing}")
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
    document = read_markdown(org_to_markdown(text), path)
    return dataclasses.replace(document, format="org", source_text=text)
