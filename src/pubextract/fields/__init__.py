"""Fields: one raw entry in, one :class:`~pubextract.models.Publication` out.

The entry's spans are first cut into *lines* (hard breaks always; a soft break
only where the line before it ends a sentence or a bracket), link labels like
``[PDF]`` are taken out as links, and a leading tag like ``[OSDI'24]`` is read
as the venue. Then the title is found by the strongest signal present, in
this order: quotes, emphasis or a long link text (that is not a list of
names), a line of its own, the sentence after the authors in a one-line
citation. The authors are the most name-like line (or the text before the
title), and the venue is what is left, with years, statuses and notes taken
out. Every choice is recorded as a :class:`~pubextract.models.Decision`.

:func:`parse_entry` and :class:`PageContext` are the stage's interface; the work is in
:mod:`.lines` (lines, links, the leading tag, sentences), :mod:`.title` (the title finder),
:mod:`.names` (where a list of names ends; the author finder), :mod:`.venue` (what is left:
the venue phrase and notes) and :mod:`.values` (year, identifiers, status, details).
The modules share their names with leading underscores: they are the package's own.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

from .. import venues
from .._rx import Lazy
from ..authors import ParsedAuthor, split_author_list, split_name
from ..entries import VERSION_REMARK, RawEntry
from ..models import Author, Decision, Kind, Publication, Source, Status, Venue
from .lines import Line, _lines, _take_lead, _take_links
from .names import _ENTRY_MEMO, _find_authors, _with_list
from .title import _locate_title
from .values import _STATUS_ACCEPTED, _STATUS_UNDER_REVIEW, _STATUS_UNKNOWN, _details, _ids, _status, _tag_year, _year_of
from .venue import (
    _ARXIV_MENTION,
    _PATENT,
    _PATENT_NUMBER,
    _PREPRINT_SERVER,
    _remainder,
    _venue_text,
    _whole_emphasised_venue,
    _without_rankings,
)

__all__ = ["PageContext", "parse_entry"]

#: A link's label that says its target is not the paper ("[Data](https://doi.org/10.18710/…)"): its DOI is
#: the dataset's or the code's.
_NOT_THE_PAPER = Lazy(r"(?:background |replication |research )?(?:data(?:sets?)?|code|software|"
                      r"replication(?: files| package| code)?|supp(?:lementary|\.)?(?: materials?| data)?)",
                      regex.I)


@dataclass(slots=True)
class PageContext:
    """What the page as a whole says, handed to every entry."""

    path: str | None
    legend: dict[str, str] = field(default_factory=dict)
    venues: venues.VenueTable | None = None  # the shipped table when None
    family_first: bool = True  # False: the page's lists are family names only ("Lee, Henderson, Feng")


def parse_entry(raw: RawEntry, context: PageContext) -> Publication:
    """Read the fields of one entry; never raises on odd text."""
    _ENTRY_MEMO.clear()
    decisions: list[Decision] = []
    lead, lines = _take_lead(_lines(raw.spans))
    tag = lead.tag
    lines, links, urls = _take_links(lines)
    urls = lead.urls + urls
    # "Previously circulated as "…"", "Earlier version: …, NBER Working Paper": a line on the paper's
    # other versions, a note; its title, venue and year are not this entry's
    kept, remarks = lines[:1], []  # type: tuple[list[Line], list[Line]]
    for line in lines[1:]:
        (remarks if VERSION_REMARK.match(line.text) else kept).append(line)
    lines = kept
    full_text = " ".join(line.text for line in lines)
    beside = {link.url for link in links if _NOT_THE_PAPER.fullmatch(link.label)}
    ids = _ids(full_text, [url for url in urls if url not in beside] if beside else urls)

    joint = _with_list(lines)
    found, author_span = _locate_title(lines, joint)
    decisions.append(_decision("title", found.rule, 0.9 if found.rule != "none" else 0.0))

    if author_span is not None:
        joint = None
    if author_span is None and joint is None:
        author_span = _find_authors(lines, found)
        if author_span is not None and _is_status_phrase(lines[author_span[0]].text[author_span[1]:author_span[2]]):
            author_span = None  # "Title." Revise & Resubmit, *Journal*: a status, not two people
    parsed_authors: tuple[ParsedAuthor, ...] = ()
    truncated = False
    if author_span is not None:
        index, start, end = author_span
        result = split_author_list(lines[index].text[start:end], lines[index].styles[start:end],
                                   context.family_first)
        parsed_authors, truncated = result.authors, result.truncated
        decisions.append(_decision("authors", "most name-like stretch", 0.8))
    elif joint is not None:
        # a page that never writes its owner: "(with X and Y)" names the co-authors only
        start, end = joint.names
        parsed_authors = split_author_list(lines[joint.line].text[start:end]).authors
        author_span = (joint.line, *joint.cut)  # the phrase leaves the text the venue is read from
        decisions.append(_decision("authors", "joint-with list; the owner is not written", 0.6))

    rest = _without_rankings(_remainder(lines, found, author_span))
    heading = raw.section.heading_words
    venue_text = _ARXIV_MENTION.sub(" " if ids.doi else " arXiv ", rest)
    venue_phrase, notes = _venue_text(venue_text)
    venue_phrase = _whole_emphasised_venue(lines, found, venue_phrase)
    classed = next((line.text for line in lines if line.role == "venue"), None)
    if classed:  # <div class="venue">: the page says which line names the venue
        venue_phrase = _venue_text(_ARXIV_MENTION.sub(" arXiv ", classed))[0] or venue_phrase
    # "(submitted | [arXiv](…))": a server named only by a link's label is the venue when nothing else is
    servers = "".join(f"\n{link.label}" for link in links if _PREPRINT_SERVER.fullmatch(link.label))
    venue_match = venues.recognise(tag, venue_phrase, venue_text + servers, context.venues)
    patent_number = _PATENT_NUMBER.search(rest)
    if (patent_number or _PATENT.search(rest)) and not tag:
        venue_match = None  # "Chinese Patent", "CN111143245B": a kind of work and its number, not a venue
    # "[Draft](…)", "[Working paper](…)": what a link's label says of an entry that names no venue
    unpublished = "" if venue_match else "".join(
        f" {link.label}" for link in links if _STATUS_UNKNOWN.fullmatch(link.label))
    status = _status(rest + " " + (tag or "") + unpublished, heading)
    year = _tag_year(tag) or lead.year or _year_of(rest) or raw.section.year
    kind = Kind.PATENT if patent_number and not tag else venues.kind_of(
        venue_match, rest + " " + (tag or "") + unpublished, heading, ids, context.venues)
    decisions += _value_decisions(tag, rest, year, venue_match, kind)
    if kind is Kind.REPORT and status in (None, Status.UNKNOWN) and venues.is_paper_series(venue_match):
        status = Status.PREPRINT  # "NBER Working Paper No. 24567": circulated, not (yet) published
    if status is None:
        status = Status.PREPRINT if kind is Kind.PREPRINT else Status.PUBLISHED
    authors = tuple(_author(a.name, a.emphasised, a.marks, a.variants) for a in parsed_authors)
    return Publication(
        title=found.title or None,
        authors=authors,
        authors_truncated=truncated,
        year=year,
        venue=venue_match,
        kind=kind,
        status=status,
        ids=ids,
        links=tuple(links),
        notes=tuple(dict.fromkeys(n for n in (*notes, *(line.text for line in remarks)) if n)),
        details=_details(rest),
        source=Source(path=context.path, line_start=raw.line_start, line_end=raw.line_end, raw=raw.text),
        section=raw.section.title,
        decisions=tuple(decisions),
    )


def _is_status_phrase(text: str) -> bool:
    """Text that is only where the paper stands ("Revise & Resubmit", "Forthcoming"), its capitals
    notwithstanding."""
    core = text.strip(" \t,.;:()[]")
    return any(pattern.fullmatch(core) for pattern in (_STATUS_UNDER_REVIEW, _STATUS_ACCEPTED, _STATUS_UNKNOWN))


@functools.lru_cache(maxsize=1024)
def _decision(field: str, rule: str, confidence: float) -> Decision:
    """One frozen record per (field, rule, confidence): entries share the few there are."""
    return Decision(field=field, rule=rule, confidence=confidence)


@functools.lru_cache(maxsize=16384)
def _author(name: str, emphasised: bool, marks: tuple[str, ...], variants: tuple[str, ...]) -> Author:
    """The record of one name as written (cached: a page names its people again and again)."""
    given, family = split_name(name)
    return Author(name=name, given=given, family=family, is_owner=emphasised, markers=marks, variants=variants)


#: How far each rule for year, venue and kind is trusted (0..1); "none" means nothing was found.
_RULE_CONFIDENCE = {
    "entry tag": 0.9, "year in the entry": 0.85, "section heading": 0.75,
    "venue table": 0.9, "short venue phrase": 0.7, "leftover text": 0.5,
    "venue table and keywords": 0.85, "keywords": 0.7, "no signal": 0.3, "none": 0.0,
}


def _value_decisions(tag: str | None, rest: str, year: int | None, venue: Venue | None, kind: Kind) -> list[Decision]:
    """Where year, venue and kind came from, so that a reviewer sees which ones are guesses."""
    year_rule = ("none" if not year else "entry tag" if _tag_year(tag) else "year in the entry" if _year_of(rest)
                 else "section heading")
    from_table = venue is not None and bool(venue.name or venue.acronym)
    written = (venue.as_written or "") if venue else ""
    venue_rule = ("venue table" if from_table else "short venue phrase" if 0 < len(written.split()) <= 8
                  else "leftover text" if venue else "none")
    kind_rule = "venue table and keywords" if from_table else "no signal" if kind is Kind.OTHER else "keywords"
    return [_decision(name, rule, _RULE_CONFIDENCE[rule])
            for name, rule in (("year", year_rule), ("venue", venue_rule), ("kind", kind_rule))]
