"""al-folio's ``_bibliography/papers.bib``: BibTeX plus the template's own fields.

al-folio (the Jekyll academic template) reads ``abbr`` (the badge: the venue's
acronym), ``pdf``, ``code``, ``website``, ``slides``, ``arxiv``, ``selected`` and
``bibtex_show`` beside the standard fields. Links are sorted into those fields
by their label; ``selected`` is set for entries the page lists under a
"selected" heading.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import bibtexparser
import regex

from .._rx import Lazy, rx
from ..models import Publication
from .bibtex import fields_of, latex, to_library

_LINK_FIELDS = (("pdf", Lazy(r"\bpdf\b|\bpaper\b|\.pdf$", regex.I)),
                ("code", Lazy(r"\bcode\b|github|gitlab", regex.I)),
                ("slides", Lazy(r"\bslides?\b", regex.I)),
                ("poster", Lazy(r"\bposter\b", regex.I)),
                ("video", Lazy(r"\bvideo\b|youtube", regex.I)),
                ("website", Lazy(r"\bproject\b|\bwebsite\b|\bpage\b|\bhtml\b", regex.I)))


def alfolio_fields(pub: Publication) -> list[tuple[str, str]]:
    fields = fields_of(pub)
    if pub.venue and (pub.venue.acronym or pub.venue.as_written):
        abbr = pub.venue.acronym or pub.venue.as_written or ""
        if len(abbr) <= 20:
            fields.append(("abbr", latex(abbr)))
    taken: set[str] = set()
    for link in pub.links:
        for name, pattern in _LINK_FIELDS:
            if name not in taken and (pattern.search(link.label) or pattern.search(link.url)):
                fields.append((name, link.url))
                taken.add(name)
                break
    if pub.ids.arxiv:
        fields.append(("arxiv", pub.ids.arxiv))
    if pub.section and rx(r"\bselected\b", regex.I).search(pub.section):
        fields.append(("selected", "true"))
    fields.append(("bibtex_show", "true"))
    return fields


def render(publications: Sequence[Publication], **_: Any) -> str:
    return bibtexparser.write_string(to_library(publications, alfolio_fields))
