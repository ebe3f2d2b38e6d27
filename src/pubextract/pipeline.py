"""The pipeline, end to end: read -> sections -> entries -> fields -> normalise.

:func:`extract_document` runs the stages on a page already read;
:func:`extract_page` reads a path, URL or ``-`` first. Both return an
:class:`Extraction`, which keeps what was skipped and why beside the records.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ._rx import Lazy
from .document import Document
from .entries import RawEntry, Skipped, segment
from .fields import PageContext, parse_entry
from .models import Publication
from .normalise import normalise, omits_owner
from .readers import STRUCTURED, choose_format, reader_for, readable
from .readers._source import PageText, load_text
from .venues import VenueTable

_I_AM = Lazy(r"\b(?:I am|I'm|My name is)\s+((?:\p{Lu}[\p{L}'-]+\s?){2,4})")


@dataclass(frozen=True, slots=True)
class Extraction:
    """The records of one page, and everything the page held that is not a record."""

    publications: tuple[Publication, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    owner: str | None
    document: Document


def _owner_hint(document: Document) -> str | None:
    """Who the page says it belongs to: front matter, "I am ...", else a page title or first
    heading that is a name ("Yaroslav Alekseev"). normalise uses it only if an entry spells it."""
    for key in ("author", "name"):
        if document.meta.get(key):
            return document.meta[key]
    match = _I_AM.search(document.source_text[:20000])
    if match:
        return match.group(1).strip()
    from .authors import looks_like_name
    from .document import BlockKind

    heading = next((b.text for b in document.blocks if b.kind is BlockKind.HEADING), "")
    for candidate in (document.meta.get("title", ""), heading):
        candidate = " ".join(candidate.split()[:4]).strip(" -|:")
        if 2 <= len(candidate.split()) <= 4 and looks_like_name(candidate):
            return candidate
    return None


_WORD = Lazy(r"\p{Lu}[\p{Ll}'’-]+")


def _reread_family_only_lists(read: list[tuple[RawEntry, Publication]], context: PageContext,
                              ) -> list[tuple[RawEntry, Publication]]:
    """A page whose author lists are family names only ("_Henderson, Clevert, Montanari._"): an
    entry of three or more bare family names shows it, and an entry read as "Lee, Henderson"
    pairs, where one of those words stands alone as a name elsewhere on the page, is read again
    with every comma between two people."""
    bare = {a.name for _, pub in read if len(pub.authors) >= 3 and all(_WORD.fullmatch(a.name) for a in pub.authors)
            for a in pub.authors}
    if not bare:
        return read
    again = replace(context, family_first=False)
    out = []
    for raw, pub in read:
        halves = [part.strip() for a in pub.authors for part in a.name.split(",")]
        paired = bool(pub.authors) and all(
            a.name.count(",") == 1 and all(_WORD.fullmatch(part.strip()) for part in a.name.split(","))
            for a in pub.authors)
        out.append((raw, parse_entry(raw, again)) if paired and bare.intersection(halves) else (raw, pub))
    return out


def extract_document(document: Document, *, owner: str | None = None, add_owner: bool = False,
                     venues: VenueTable | None = None) -> Extraction:
    seg = segment(document)
    context = PageContext(path=document.path, legend=seg.legend.meanings, venues=venues)
    publications = []
    skipped = list(seg.skipped)
    read = [(raw, parse_entry(raw, context)) for raw in seg.entries]
    read = _reread_family_only_lists(read, context)
    for raw, record in read:
        if record.title is None and (not record.authors or omits_owner(record)):  # "With K. Falconer." alone
            skipped.append(Skipped(raw.text, raw.line_start, raw.line_end, "no title or authors could be read"))
        else:
            publications.append(record)
    hint = _owner_hint(document)
    publications = normalise(publications, legend=seg.legend.meanings, owner=owner, owner_hint=hint,
                             add_owner=add_owner)
    resolved = owner
    if resolved is None:
        from .normalise import infer_owner

        resolved = infer_owner(publications, hint)
    warnings = list(document.warnings)
    if not publications:
        warnings.append(f"{document.path or 'input'}: no publications found")
    unreadable = sum(1 for s in skipped if s.reason == "no title or authors could be read")
    if unreadable:
        warnings.append(f"{document.path or 'input'}: {unreadable} entr{'y' if unreadable == 1 else 'ies'} "
                        "in a publication list could not be read (see `pubextract review`)")
    skipped.sort(key=lambda s: s.line_start)
    return Extraction(tuple(publications), tuple(skipped), tuple(warnings), resolved, document)


def extract_text(text: str, *, format: str | None = None, path: str | None = None,
                 owner: str | None = None, add_owner: bool = False,
                 venues: VenueTable | None = None, warnings: tuple[str, ...] = ()) -> Extraction:
    """Extract from page text already decoded; ``warnings`` are the decoder's, passed on."""
    text = readable(text)
    chosen = choose_format(text, path, format)
    if chosen in STRUCTURED:
        return _extract_records(text, path, owner, warnings)
    document = reader_for(chosen)(text, path)
    if warnings:
        document = Document(document.blocks, document.format, document.path, document.source_text,
                            document.meta, document.warnings + warnings, document.line_count)
    return extract_document(document, owner=owner, add_owner=add_owner, venues=venues)


def _extract_records(text: str, path: str | None, owner: str | None, warnings: tuple[str, ...]) -> Extraction:
    """A ``.bib``: records as they are, with the page-wide owner rule applied."""
    from .readers.bibtex import read_bibtex

    read = read_bibtex(text, path)
    publications = normalise(list(read.publications), legend={}, owner=owner)
    document = Document(blocks=(), format="bibtex", path=path, source_text=text,
                        warnings=warnings + read.warnings, line_count=text.count("\n") + 1)
    all_warnings = list(document.warnings)
    if not publications:
        all_warnings.append(f"{path or 'input'}: no publications found")
    return Extraction(tuple(publications), (), tuple(all_warnings), owner, document)


def extract_page(source: str | Path, *, format: str | None = None, owner: str | None = None,
                 add_owner: bool = False, venues: VenueTable | None = None) -> Extraction:
    """Read a path, an http(s) URL or ``-`` (stdin), and extract its publications.

    ``venues`` is a venue table (:func:`pubextract.venues.load_table` adds a user's file).
    """
    page: PageText = load_text(str(source))
    return extract_text(page.text, format=format, path=page.path, owner=owner, add_owner=add_owner,
                        venues=venues, warnings=page.warnings)
