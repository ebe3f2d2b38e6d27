"""CSL-JSON: the records as citation items that Zotero, Pandoc and citeproc read.

Types follow the CSL 1.0 vocabulary (``paper-conference``, ``article-journal``,
``article`` for preprints...); ``container-title`` carries the venue's full name
and ``container-title-short`` its acronym; dates are ``date-parts``. Item ids
are the BibTeX keys (:func:`pubextract.export.bibtex.unique_keys`), so a
document can cite the same key in either format. Checked against the official
schema in ``tests/data/csl-data.json``.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..models import Kind, Publication, Status
from .bibtex import unique_keys

CSL_TYPES = {
    Kind.CONFERENCE: "paper-conference", Kind.WORKSHOP: "paper-conference", Kind.JOURNAL: "article-journal",
    Kind.PREPRINT: "article", Kind.BOOK: "book", Kind.CHAPTER: "chapter", Kind.THESIS: "thesis",
    Kind.PATENT: "patent", Kind.REPORT: "report", Kind.OTHER: "document",
}
_STATUS = {Status.ACCEPTED: "in press", Status.UNDER_REVIEW: "under review", Status.UNKNOWN: "unpublished"}


def item(pub: Publication, key: str) -> dict[str, Any]:
    """One CSL-JSON item; keys only for what the entry gives."""
    data: dict[str, Any] = {"id": key, "type": CSL_TYPES[pub.kind]}
    if pub.title:
        data["title"] = pub.title
    authors = []
    for author in pub.authors:
        if author.family:
            authors.append({"family": author.family, **({"given": author.given} if author.given else {})})
        else:
            authors.append({"literal": author.name})
    if authors:
        data["author"] = authors
    venue = pub.venue
    if venue and (venue.name or venue.as_written):
        field = "publisher" if pub.kind in (Kind.THESIS, Kind.BOOK, Kind.REPORT) else "container-title"
        data[field] = venue.name or venue.as_written
        if venue.acronym and field == "container-title":
            data["container-title-short"] = venue.acronym
    if pub.year:
        data["issued"] = {"date-parts": [[pub.year, *([pub.details.month] if pub.details.month else [])]]}
    for name, value in (("volume", pub.details.volume), ("issue", pub.details.issue), ("page", pub.details.pages),
                        ("publisher-place", pub.details.location)):
        if value:
            data[name] = value.replace("--", "–") if name == "page" else value
    if pub.details.publisher and "publisher" not in data:
        data["publisher"] = pub.details.publisher
    if pub.ids.doi:
        data["DOI"] = pub.ids.doi
    if pub.ids.isbn:
        data["ISBN"] = pub.ids.isbn
    if pub.ids.arxiv:
        data["number"] = f"arXiv:{pub.ids.arxiv}"
    url = next((link.url for link in pub.links if link.url.startswith(("http://", "https://"))), None)
    if url:
        data["URL"] = url
    if pub.status in _STATUS:
        data["status"] = _STATUS[pub.status]
    if pub.notes:
        data["note"] = "; ".join(pub.notes)
    return data


def render(publications: Sequence[Publication], **_: Any) -> str:
    items = [item(p, k) for p, k in zip(publications, unique_keys(publications))]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
