"""BibTeX input: an existing ``.bib`` read straight into records.

A ``.bib`` is already structured, so it does not go through sections, entries
and fields (that would throw its structure away and guess it back); it is the
one reader that returns records instead of a Document. bibtexparser v2 parses
it, its LaTeX-decoding middleware turns ``{\\'e}`` into ``é``, and every block
it cannot parse is reported as a warning with its line, never dropped silently.
Users read a ``.bib`` to compare it with a page or to merge it with others.
"""
from __future__ import annotations

from dataclasses import dataclass

import bibtexparser
from bibtexparser.middlewares import (
    LatexDecodingMiddleware,
    SeparateCoAuthors,
    SplitNameParts,
)

from .._rx import Lazy
from ..models import Author, Details, Ids, Kind, Link, Publication, Source, Status
from ..venues import kind_of, recognise

#: BibTeX entry type -> the kind it says, where it says one.
KINDS = {
    "article": Kind.JOURNAL, "inproceedings": Kind.CONFERENCE, "conference": Kind.CONFERENCE,
    "proceedings": Kind.CONFERENCE, "book": Kind.BOOK, "inbook": Kind.CHAPTER, "incollection": Kind.CHAPTER,
    "phdthesis": Kind.THESIS, "mastersthesis": Kind.THESIS, "thesis": Kind.THESIS,
    "techreport": Kind.REPORT, "report": Kind.REPORT, "patent": Kind.PATENT, "unpublished": Kind.PREPRINT,
}
_VENUE_FIELDS = ("booktitle", "journal", "journaltitle", "school", "institution", "publisher", "howpublished")
_YEAR = Lazy(r"(?:19|20)\d\d")
_BRACES = Lazy(r"[{}]")


@dataclass(frozen=True, slots=True)
class BibtexRead:
    publications: tuple[Publication, ...]
    warnings: tuple[str, ...]


def _field(entry: bibtexparser.model.Entry, name: str) -> str | None:
    found = entry.fields_dict.get(name)
    if found is None:
        return None
    value = found.value
    if isinstance(value, str):
        value = " ".join(_BRACES.sub("", value).split())
        return value or None
    return None


def _authors(entry: bibtexparser.model.Entry) -> tuple[tuple[Author, ...], bool]:
    found = entry.fields_dict.get("author")
    if found is None or not isinstance(found.value, list):
        return (), False
    authors: list[Author] = []
    truncated = False
    for person in found.value:
        if isinstance(person, str):  # a name SplitNameParts could not split
            authors.append(Author(name=_BRACES.sub("", person)))
            continue
        given = " ".join(person.first + person.von) or None
        family = " ".join(person.last + person.jr) or None
        if (family or "").lower() == "others":
            truncated = True
            continue
        given = _BRACES.sub("", given) if given else None
        family = _BRACES.sub("", family) if family else None
        authors.append(Author(name=" ".join(p for p in (given, family) if p), given=given, family=family))
    return tuple(authors), truncated


def _record(entry: bibtexparser.model.Entry, path: str | None) -> Publication:
    authors, truncated = _authors(entry)
    year_text = _field(entry, "year") or _field(entry, "date") or ""
    year = _YEAR.search(year_text)
    venue_written = next((v for v in map(lambda f: _field(entry, f), _VENUE_FIELDS) if v), None)
    eprint = _field(entry, "eprint")
    archive = (_field(entry, "archiveprefix") or _field(entry, "eprinttype") or "").lower()
    ids = Ids(doi=_field(entry, "doi"), arxiv=eprint if eprint and archive in ("arxiv", "") else None,
              isbn=_field(entry, "isbn"))
    venue = recognise(None, venue_written, venue_written or "") if venue_written else None
    kind = KINDS.get(entry.entry_type.lower()) or kind_of(venue, venue_written or "", "", ids)
    if kind is Kind.OTHER and ids.arxiv:
        kind = Kind.PREPRINT
    note = _field(entry, "note")
    url = _field(entry, "url")
    raw = entry.raw or ""
    start = (entry.start_line or 0) + 1
    return Publication(
        title=_field(entry, "title"),
        authors=authors,
        authors_truncated=truncated,
        year=int(year.group(0)) if year else None,
        venue=venue,
        kind=kind,
        status=Status.PREPRINT if kind is Kind.PREPRINT else Status.PUBLISHED,
        ids=ids,
        links=(Link(label="url", url=url),) if url else (),
        notes=(note,) if note else (),
        details=Details(volume=_field(entry, "volume"), issue=_field(entry, "number"),
                        pages=_field(entry, "pages"), publisher=_field(entry, "publisher")),
        source=Source(path=path, line_start=start, line_end=start + raw.rstrip().count("\n"), raw=raw),
    )


def read_bibtex(text: str, path: str | None = None) -> BibtexRead:
    """Every entry of a ``.bib`` as a record, and a warning for each block that failed."""
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()])
    warnings = tuple(
        f"{path or 'input'}:{(block.start_line or 0) + 1}: BibTeX block could not be parsed ({block.error})"
        for block in library.failed_blocks)
    return BibtexRead(tuple(_record(entry, path) for entry in library.entries), warnings)
