"""RIS: the tagged format reference managers (EndNote, Zotero, Mendeley) import.

One record per publication, ``TY`` first and ``ER`` last; each author on its
own ``AU`` line as "Family, Given"; the venue in ``T2`` (``JO`` for journals),
the BibTeX key in ``ID``.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import Kind, Publication
from .bibtex import unique_keys

RIS_TYPES = {
    Kind.CONFERENCE: "CPAPER", Kind.WORKSHOP: "CPAPER", Kind.JOURNAL: "JOUR", Kind.PREPRINT: "UNPB",
    Kind.BOOK: "BOOK", Kind.CHAPTER: "CHAP", Kind.THESIS: "THES", Kind.PATENT: "PAT", Kind.REPORT: "RPRT",
    Kind.OTHER: "GEN",
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def record(pub: Publication, key: str) -> list[tuple[str, str]]:
    tags = [("TY", RIS_TYPES[pub.kind]), ("ID", key)]
    if pub.title:
        tags.append(("TI", pub.title))
    for author in pub.authors:
        name = f"{author.family}, {author.given}" if author.family and author.given else author.name
        tags.append(("AU", name))
    venue = pub.venue
    if venue and (venue.name or venue.as_written):
        tags.append(("JO" if pub.kind is Kind.JOURNAL else "T2", venue.name or venue.as_written or ""))
        if venue.acronym:
            tags.append(("J2", venue.acronym))
    if pub.year:
        tags.append(("PY", str(pub.year)))
    details = pub.details
    if details.volume:
        tags.append(("VL", details.volume))
    if details.issue:
        tags.append(("IS", details.issue))
    if details.pages:
        start, _, end = details.pages.partition("--")
        tags.append(("SP", start))
        if end:
            tags.append(("EP", end))
    if details.publisher:
        tags.append(("PB", details.publisher))
    if pub.ids.doi:
        tags.append(("DO", pub.ids.doi))
    if pub.ids.isbn:
        tags.append(("SN", pub.ids.isbn))
    if pub.ids.arxiv:
        tags.append(("UR", f"https://arxiv.org/abs/{pub.ids.arxiv}"))
    tags += [("UR", link.url) for link in pub.links if link.url.startswith(("http://", "https://"))]
    tags += [("N1", note) for note in pub.notes]
    tags.append(("ER", ""))
    return [(tag, _one_line(value)) for tag, value in tags]


def render(publications: Sequence[Publication], **_: Any) -> str:
    lines = []
    for pub, key in zip(publications, unique_keys(publications)):
        lines += [f"{tag}  - {value}".rstrip() if value else f"{tag}  -" for tag, value in record(pub, key)]
        lines.append("")
    return "\n".join(lines)
