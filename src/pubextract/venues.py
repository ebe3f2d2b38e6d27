"""Venues: recognising where a work appeared, and what kind of work that makes it.

The table is data (``data/venues.toml``, documented there), loaded once and
indexed by folded acronym, name and alias; users add their own TOML file with
the same layout (:func:`load_table`). :func:`recognise` never invents a venue:
``as_written`` is always the entry's own words, and ``name``/``acronym`` are
filled from the table only when it knows the venue.
"""
from __future__ import annotations

import functools
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import regex

from .models import Ids, Kind, Venue

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_FILLER = frozenset("in proc proceedings of the on annual conference international".split())
_ACRONYM_TOKEN = regex.compile(r"\b[\p{L}][\p{L}\d&+-]*\b")
_PAREN_PAIR = regex.compile(r"^\s*(?P<a>[^()]{2,150}?)\s*\((?P<b>[^()]{2,150})\)\s*$")
_JOURNAL_WORDS = regex.compile(r"\b(?:journal|transactions|trans\.|letters|lett\.|review|magazine|quarterly|"
                               r"annals|bulletin|j\.|acta|communications of|nature|science|plos|frontiers in|"
                               r"proceedings of the national academy|physical review|phys\. rev)\b", regex.I)
_CONFERENCE_WORDS = regex.compile(r"\b(?:conference|conf\.|symposium|symp\.|proceedings|proc\.|congress|"
                                  r"meeting|colloquium|summit|forum)\b", regex.I)
_WORKSHOP = regex.compile(r"\bworkshops?\b|\bW@|@\s*\p{Lu}|\bW\)", regex.I)
_IN_PREFIX = regex.compile(r"^\s*(?:in\s*:?|published in|appeared in|appears in|accepted (?:at|to|by|in)|"
                           r"to appear (?:in|at)|submitted to|under review (?:at|for|in)|in review (?:with|at|for)|"
                           r"presented at)\s+", regex.I)
_MONTH = regex.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                       r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\b", regex.I)
_VENUE_HINT = regex.compile(
    r"\b(?:proc(?:eedings|\.)|journal|conference|conf\.|symposium|workshop|transactions|trans\.|letters|"
    r"arxiv|biorxiv|medrxiv|ssrn|preprint|ieee|acm|usenix|springer|elsevier|press|review|thesis|"
    r"dissertation)\b", regex.I)


@dataclass(frozen=True, slots=True)
class VenueEntry:
    acronym: str
    name: str
    kind: Kind
    field: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VenueTable:
    entries: tuple[VenueEntry, ...]
    index: dict[str, VenueEntry]  # folded acronym / name / alias -> entry

    def find(self, text: str) -> VenueEntry | None:
        return self.index.get(fold(text))


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = [w.lower() for w in _WORD.findall(text)]
    core = [w for w in words if w not in _FILLER and not w.isdigit()]
    return " ".join(core or words)


def _entries_from(raw: str) -> list[VenueEntry]:
    data = tomllib.loads(raw)
    return [VenueEntry(acronym=v["acronym"], name=v["name"], kind=Kind(v.get("kind", "other")),
                       field=v.get("field", ""), aliases=tuple(v.get("aliases", ())))
            for v in data.get("venue", [])]


def build_table(entries: list[VenueEntry]) -> VenueTable:
    index: dict[str, VenueEntry] = {}
    for entry in entries:  # later entries (a user's file) win over the shipped table
        for key in (entry.acronym, entry.name, *entry.aliases):
            index[fold(key)] = entry
    return VenueTable(tuple(entries), index)


@functools.cache
def shipped_entries() -> tuple[VenueEntry, ...]:
    raw = resources.files("pubextract.data").joinpath("venues.toml").read_text(encoding="utf-8")
    return tuple(_entries_from(raw))


@functools.cache
def default_table() -> VenueTable:
    return build_table(list(shipped_entries()))


def load_table(extra: str | Path | None = None) -> VenueTable:
    """The shipped table, extended (and overridden) by a user's TOML file."""
    if extra is None:
        return default_table()
    raw = Path(extra).read_text(encoding="utf-8")
    return build_table([*shipped_entries(), *_entries_from(raw)])


def looks_like_venue(text: str) -> bool:
    """A phrase that names a venue rather than a title: "Proc. of ...", "IEEE Trans. ...", a known name."""
    if _VENUE_HINT.search(text) and len(text.split()) <= 14:
        return True
    return default_table().find(text) is not None


def _lookup(text: str, table: VenueTable) -> VenueEntry | None:
    found = table.find(text)
    if found:
        return found
    pair = _PAREN_PAIR.match(text)
    if pair:
        return table.find(pair.group("a")) or table.find(pair.group("b"))
    for token in _ACRONYM_TOKEN.findall(text):
        if len(token) >= 2 and (token.isupper() or any(c.isupper() for c in token[1:])):
            entry = table.find(token)
            if entry and entry.acronym.lower() == token.lower():
                return entry
    return None


def _clean(text: str) -> str:
    text = regex.sub(r"(?:\s*['’‘]\s*\d\d\b|\s*\b(?:19|20)\d\d\b)", "", text)
    return " ".join(text.split()).strip(" ,.;:-–")


def tidy_venue(text: str) -> str | None:
    """A venue phrase without "In:", years, volume/pages and brackets left empty."""
    text = _IN_PREFIX.sub("", text)
    text = regex.sub(r"\(\s*\)", "", text)
    text = regex.sub(r"(?<![\d/.-])(?:19|20)\d\d(?!\d)", "", text)
    text = regex.sub(r"['’]\d\d\b", "", text)
    text = regex.sub(r"\b(?:vol(?:ume)?\.?\s*\d+|no\.?\s*\d+|pp?\.\s*[\w–-]+|\d+\s*\(\d+\)|\d+\.\d+)\b.*$",
                     "", text, flags=regex.I)
    if len(text.split()) > 2:
        text = _MONTH.sub("", text)
    text = regex.sub(r"\s+", " ", text).strip(" ,.;:-–()[]*")
    return text or None


def recognise(tag: str | None, phrase: str | None, text: str, table: VenueTable | None = None) -> Venue | None:
    """The venue of an entry from its tag (``[OSDI'24]``) or its venue phrase."""
    table = table or default_table()
    written = _clean(tag) if tag else None
    if written and not regex.search(r"\p{L}", written):
        written = None
    if not written and phrase:
        written = tidy_venue(phrase)
    if not written:
        arxiv = regex.search(r"\barxiv\b", text, regex.I)
        return Venue(name="arXiv", acronym="arXiv", as_written="arXiv") if arxiv else None
    entry = _lookup(written, table)
    pair = _PAREN_PAIR.match(written)
    if entry:
        return Venue(name=entry.name, acronym=entry.acronym, as_written=written)
    if pair:
        a, b = pair.group("a").strip(), pair.group("b").strip()
        short, long = (a, b) if len(a) < len(b) else (b, a)
        if len(short.split()) <= 2:
            return Venue(name=long, acronym=short, as_written=written)
    return Venue(as_written=written)


def kind_of(venue: Venue | None, text: str, heading: str, ids: Ids) -> Kind:
    """The kind of work, from the entry's words, its venue, then its section heading."""
    lowered = text.lower()
    if regex.search(r"\b(?:ph\.?\s?d\.?|master'?s?|doctoral|bachelor'?s?)?\s*(?:thesis|dissertation)\b", lowered):
        return Kind.THESIS
    if regex.search(r"\bpatent\b", lowered):
        return Kind.PATENT
    if regex.search(r"\btech(?:nical|\.)?\s*rep(?:ort|\.)?\b|\bwhite ?paper\b", lowered):
        return Kind.REPORT
    written = (venue.as_written or "") if venue else ""
    if _WORKSHOP.search(written) or regex.search(r"\bworkshop\b", lowered):
        return Kind.WORKSHOP
    if venue and venue.acronym:
        entry = default_table().find(venue.acronym)
        if entry:
            return entry.kind
    if venue and written:
        if regex.search(r"\b(?:arxiv|biorxiv|medrxiv|ssrn|preprint|research square)\b", written, regex.I):
            return Kind.PREPRINT
        if regex.search(r"\bchapter\b|\(eds?\.\)", text, regex.I):
            return Kind.CHAPTER
        if regex.search(r"\bpress\b|\bpublishers?\b|\bbook\b", written, regex.I):
            return Kind.BOOK
        if _CONFERENCE_WORDS.search(written):
            return Kind.CONFERENCE
        if _JOURNAL_WORDS.search(written):
            return Kind.JOURNAL
    if ids.arxiv and not written:
        return Kind.PREPRINT
    for word, kind in (("workshop", Kind.WORKSHOP), ("journal", Kind.JOURNAL), ("conference", Kind.CONFERENCE),
                       ("proceeding", Kind.CONFERENCE), ("preprint", Kind.PREPRINT), ("book", Kind.BOOK),
                       ("chapter", Kind.CHAPTER), ("thesis", Kind.THESIS), ("patent", Kind.PATENT),
                       ("report", Kind.REPORT), ("working paper", Kind.PREPRINT)):
        if word in heading:
            return kind
    if venue and written:
        return Kind.CONFERENCE if regex.search(r"\p{Lu}{2,}", written) else Kind.JOURNAL
    return Kind.OTHER
