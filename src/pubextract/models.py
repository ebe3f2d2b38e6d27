"""The records pubextract produces: frozen pydantic models.

Every stage returns new records (``model_copy(update=...)``), never mutates one.
``Publication.model_dump(mode="json")`` is the JSON contract of
``pubextract extract --format json`` (see ``docs/formats.md``); keys beyond the
contract (``decisions``, ``details``) are documented there too.
"""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Kind(str, Enum):
    """What sort of work an entry is."""

    CONFERENCE = "conference"
    JOURNAL = "journal"
    WORKSHOP = "workshop"
    PREPRINT = "preprint"
    BOOK = "book"
    CHAPTER = "chapter"
    THESIS = "thesis"
    PATENT = "patent"
    REPORT = "report"
    OTHER = "other"


class Status(str, Enum):
    """Where the work stands: "to appear" is ACCEPTED, "submitted" UNDER_REVIEW."""

    PUBLISHED = "published"
    ACCEPTED = "accepted"
    UNDER_REVIEW = "under_review"
    PREPRINT = "preprint"
    UNKNOWN = "unknown"


class Author(_Record):
    """One author as the entry writes them.

    ``name`` is the display form without markers; ``given``/``family`` keep
    initials as written (no invented expansions). ``markers`` are the raw marks
    that were attached to the name (``*``, ``#``, ``†``, ``1``...).
    """

    name: str
    given: str | None = None
    family: str | None = None
    is_owner: bool = False
    equal_contribution: bool = False
    corresponding: bool = False
    markers: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()


class Venue(_Record):
    """Where the work appeared. ``as_written`` is always the entry's own words."""

    name: str | None = None
    acronym: str | None = None
    as_written: str | None = None


class Ids(_Record):
    doi: str | None = None
    arxiv: str | None = None
    isbn: str | None = None


class Link(_Record):
    label: str
    url: str


class Source(_Record):
    """Where on the page an entry came from: 1-based, inclusive lines."""

    path: str | None = None
    line_start: int
    line_end: int
    raw: str = ""


class Details(_Record):
    """Bibliographic details an entry may give beside its venue."""

    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None
    location: str | None = None
    month: int | None = None


class Decision(_Record):
    """Which rule decided a field, and how sure it is (0..1)."""

    field: str
    rule: str
    confidence: float = Field(ge=0.0, le=1.0)


class Publication(_Record):
    """One publication entry of a page."""

    title: str | None = None
    authors: tuple[Author, ...] = ()
    authors_truncated: bool = False
    year: int | None = None
    venue: Venue | None = None
    kind: Kind = Kind.OTHER
    status: Status = Status.PUBLISHED
    ids: Ids = Ids()
    links: tuple[Link, ...] = ()
    notes: tuple[str, ...] = ()
    details: Details = Details()
    source: Source
    section: str | None = None
    decisions: tuple[Decision, ...] = ()

    def decision(self, field: str) -> Decision | None:
        """The decision recorded for ``field``, if any."""
        return next((d for d in self.decisions if d.field == field), None)


class MergedPublication(Publication):
    """One work merged from several page entries; ``sources`` lists them all."""

    sources: tuple[Source, ...] = ()
