"""academicpages' ``_publications/*.md``: one Markdown file per paper with YAML front matter.

The template (academicpages.github.io) reads ``title``, ``collection``,
``permalink``, ``date`` (YYYY-MM-DD), ``venue``, ``paperurl`` and ``citation``.
:func:`files` gives ``{file name: text}`` for ``-o DIR``; :func:`render` (stdout)
joins the files, each after a ``# FILE`` comment line. File names are
``{date}-{bibtex key}.md``, unique because the keys are.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..models import Publication
from .bibtex import unique_keys


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def citation(pub: Publication) -> str:
    """A plain-text citation: "Authors (Year). "Title." <i>Venue</i>."."""
    names = ", ".join(a.name for a in pub.authors) + (" et al." if pub.authors_truncated else "")
    parts = [f"{names} ({pub.year})." if pub.year else f"{names}." if names else ""]
    if pub.title:
        parts.append(f"\"{pub.title}.\"")
    venue = pub.venue.as_written or pub.venue.name if pub.venue else None
    if venue:
        parts.append(f"<i>{venue}</i>.")
    return " ".join(p for p in parts if p)


def page(pub: Publication, key: str) -> tuple[str, str]:
    month = pub.details.month or 1
    date = f"{pub.year}-{month:02d}-01" if pub.year else None
    url = next((link.url for link in pub.links if link.url.startswith(("http://", "https://"))), None)
    lines = ["---", f"title: {_yaml(pub.title or 'Untitled')}", "collection: publications",
             f"permalink: /publication/{key}"]
    if date:
        lines.append(f"date: {date}")
    if pub.venue and (pub.venue.as_written or pub.venue.name):
        lines.append(f"venue: {_yaml(pub.venue.as_written or pub.venue.name or '')}")
    if url:
        lines.append(f"paperurl: {_yaml(url)}")
    lines += [f"citation: {_yaml(citation(pub))}", "---", ""]
    if pub.notes:
        lines += ["; ".join(pub.notes), ""]
    name = f"{date or 'undated'}-{key}.md"
    return name, "\n".join(lines)


def files(publications: Sequence[Publication]) -> dict[str, str]:
    return dict(page(p, k) for p, k in zip(publications, unique_keys(publications)))


def render(publications: Sequence[Publication], **_: Any) -> str:
    return "".join(f"# {name}\n{text}\n" for name, text in files(publications).items())
