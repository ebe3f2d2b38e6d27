"""BibTeX, written by bibtexparser v2 so that LaTeX and bibtexparser read it back.

* Entry type from the kind (``@inproceedings``, ``@article``, ``@misc`` with
  ``eprint``/``archivePrefix`` for arXiv, ``@book``, ``@phdthesis``...).
* Keys: ``{family}{year}{first title word}`` folded to ASCII, e.g.
  ``zheng2024bladedisc``; a clash gets ``a``, ``b``... in page order.
* Unicode becomes LaTeX here, field by field (pylatexenc for non-ASCII, and the
  ASCII characters LaTeX treats specially: ``& % $ # _``), *before* the braces that
  protect acronyms in titles (``{BladeDISC}``) are added. bibtexparser's
  LaTeX-encoding middleware runs over whole values and so escapes those braces
  (``\\{BladeDISC\\}``), which is why it is not used. ``url`` and ``doi`` stay
  verbatim (hyperref and the styles read them raw).
* al-folio's ``papers.bib`` is the same entries plus that template's own fields
  (:mod:`pubextract.export.alfolio`), so the fields are built by :func:`fields_of`
  and extended there.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import bibtexparser
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import UnicodeToLatexEncoder

from .._rx import Lazy, rx
from ..models import Kind, Publication, Status

ENTRY_TYPES = {
    Kind.CONFERENCE: "inproceedings", Kind.WORKSHOP: "inproceedings", Kind.JOURNAL: "article",
    Kind.PREPRINT: "misc", Kind.BOOK: "book", Kind.CHAPTER: "incollection", Kind.THESIS: "phdthesis",
    Kind.PATENT: "misc", Kind.REPORT: "techreport", Kind.OTHER: "misc",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_STOP = frozenset("a an the of on in for and to with via from towards toward is are by at".split())
_PROTECT = Lazy(r"(?<!\\)\b(\p{L}*\p{Lu}\p{L}*\p{Lu}\p{L}*|\p{L}+\d[\p{L}\d]*)\b")
_STATUS_NOTE = {Status.ACCEPTED: "To appear", Status.UNDER_REVIEW: "Under review", Status.UNKNOWN: "Unpublished"}
_VERBATIM = frozenset({"url", "doi", "eprint", "isbn"})
_ASCII_SPECIAL = Lazy(r"(?<!\\)([&%$#_])")
_ENCODER = UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-almost-all",
                                 unknown_char_policy="keep", unknown_char_warning=False)


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return rx(r"[^a-z0-9]").sub("", "".join(c for c in text if not unicodedata.combining(c)).lower())


def citation_key(pub: Publication) -> str:
    family = next((_ascii(a.family or a.name) for a in pub.authors if _ascii(a.family or a.name)), "anon")
    words = [w for w in rx(r"[\p{L}\d]+").findall(pub.title or "") if w.lower() not in _STOP]
    first = _ascii(words[0]) if words else "untitled"
    return f"{family}{pub.year or ''}{first}"


def unique_keys(publications: Sequence[Publication]) -> list[str]:
    """One key per record, unique within the file, stable for the same input."""
    keys = [citation_key(p) for p in publications]
    seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    out = []
    for key in keys:
        if counts[key] == 1:
            out.append(key)
            continue
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(key + _suffix(n))
    return out


def _suffix(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(97 + rem) + letters
    return letters


def latex(text: str) -> str:
    """Plain Unicode text as LaTeX that bibtex and LaTeX accept: no stray braces, specials escaped."""
    text = text.replace("\\", " ").replace("{", "(").replace("}", ")")
    return _ENCODER.unicode_to_latex(_ASCII_SPECIAL.sub(r"\\\1", text))


def _protect(title: str) -> str:
    """Brace words whose capitals a bibliography style must not lower (``{BladeDISC}``)."""
    return _PROTECT.sub(lambda m: "{" + m.group(1) + "}", latex(title))


def _person(pub: Publication) -> str:
    names = []
    for author in pub.authors:
        if author.family and author.given:
            names.append(f"{latex(author.family)}, {latex(author.given)}")
        else:
            names.append("{" + latex(author.family or author.name) + "}")
    if pub.authors_truncated:
        names.append("others")
    return " and ".join(names)


def fields_of(pub: Publication) -> list[tuple[str, str]]:
    """The BibTeX fields of one record, in the usual order."""
    kind = pub.kind
    fields: list[tuple[str, str]] = []
    if pub.authors:
        fields.append(("author", _person(pub)))
    if pub.title:
        fields.append(("title", _protect(pub.title)))
    venue = pub.venue
    venue_text = (venue.name or venue.as_written) if venue else None
    if venue_text:
        if kind in (Kind.CONFERENCE, Kind.WORKSHOP, Kind.CHAPTER):
            fields.append(("booktitle", venue_text))
        elif kind is Kind.JOURNAL:
            fields.append(("journal", venue_text))
        elif kind is Kind.THESIS:
            fields.append(("school", venue_text))
        elif kind is Kind.REPORT:
            fields.append(("institution", venue_text))
        elif kind is Kind.BOOK:
            fields.append(("publisher", venue_text))
        elif not (kind is Kind.PREPRINT and pub.ids.arxiv):
            fields.append(("howpublished", venue_text))
    details = pub.details
    for name, value in (("volume", details.volume), ("number", details.issue), ("pages", details.pages)):
        # the standard styles take a number only for articles (a volume *or* a number in proceedings)
        if value and (kind is Kind.JOURNAL or (kind in (Kind.CONFERENCE, Kind.WORKSHOP, Kind.CHAPTER)
                                               and name != "number")):
            fields.append((name, value))
    if details.publisher and kind is not Kind.BOOK:
        fields.append(("publisher", details.publisher))
    if pub.year:
        fields.append(("year", str(pub.year)))
    if details.month and pub.year:
        fields.append(("month", _MONTHS[details.month - 1]))
    if pub.ids.arxiv:
        fields += [("eprint", pub.ids.arxiv), ("archivePrefix", "arXiv")]
        category = rx(r"\[([a-z-]+(?:\.[A-Za-z-]{2,})?)\]").search(pub.source.raw)
        if category:
            fields.append(("primaryClass", category.group(1)))
    if pub.ids.doi:
        fields.append(("doi", pub.ids.doi))
    if pub.ids.isbn:
        fields.append(("isbn", pub.ids.isbn))
    url = next((link.url for link in pub.links if link.url.startswith(("http://", "https://"))), None)
    if url:
        fields.append(("url", url))
    notes = [*([_STATUS_NOTE[pub.status]] if pub.status in _STATUS_NOTE else []), *pub.notes]
    if notes:
        fields.append(("note", "; ".join(notes)))
    return [(name, value if name in _VERBATIM or name in ("author", "title") else latex(value))
            for name, value in fields]


FieldMaker = Callable[[Publication], list[tuple[str, str]]]


def to_library(publications: Sequence[Publication], make_fields: FieldMaker = fields_of) -> bibtexparser.Library:
    library = bibtexparser.Library()
    for pub, key in zip(publications, unique_keys(publications)):
        fields = [Field(name, value) for name, value in make_fields(pub)]
        if not pub.authors:  # bibtex sorts by author, else by the `key` field: give it one
            fields.append(Field("key", key))
        library.add(Entry(ENTRY_TYPES[pub.kind], key, fields))
    return library


def render(publications: Sequence[Publication], **_: Any) -> str:
    return bibtexparser.write_string(to_library(publications))
