"""Venues: recognising where a work appeared, and what kind of work that makes it.

The table is data (``data/venues.toml``, documented there), loaded once and
indexed two ways: by an *exact* key (case, accents, punctuation, years and
ordinals folded away) and by a *core* key that also drops filler words
("Proceedings of the", "International", "IEEE"...). A user's TOML file with the
same layout extends it (:func:`load_table`).

:func:`recognise` turns what :mod:`pubextract.fields` hands over (a tag such as
``OSDI'24`` or the venue phrase left of an entry) into a :class:`Venue`. It
never invents one: ``as_written`` is always the entry's own words (tidied of
years, volume/pages, places and notes), and ``name``/``acronym`` are filled
from the table only when the table knows the venue. A workshop held at a known
conference ("NeurIPS 2024 Workshop on ...", "EMDL@MobiSys") is not that
conference, so it keeps only its own words. :func:`kind_of` decides the kind
from the entry's words, the table, identifiers and the section heading, in that
order of trust.
"""
from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from ._rx import Lazy, Needled, rx
from .data import load_toml
from .errors import InputError
from .models import Ids, Kind, Venue

_WORD = Lazy(r"[\p{L}\p{N}]+")
_ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth "
    "twenty thirty forty fifty sixty".split())
_ABBREVIATIONS = {"conf": "conference", "symp": "symposium", "trans": "transactions", "intl": "international",
                  "int": "international", "proc": "proceedings", "ann": "annual", "annu": "annual"}
#: Words that do not tell two venues apart; the scorer in ../shared/eval folds the same ones.
_FILLER = frozenset("in proceedings of the on annual conference international and for ieee acm usenix cvf aaai "
                    "siam ifip rsj sigplan sigsoft sigops sigkdd sigmod sigsac sigda joint".split())

_NOTE_IN_PARENS = Lazy(
    r"\((?=[^()]*\b(?:accept|acceptance|rate|oral|spotlight|poster|tutorial|award|best|invited|highlight|mention|finalist|"
    r"to appear|in press|submitted|review|short|long|full|demo|track|selected|top|at\b|with\b|"
    r"co-located|colocated|held)|[^()]*%)[^()]*\)", regex.I)
_PREFIX = Lazy(
    r"^\s*(?:published in|appeared in|appears in|to appear(?: in| at)?|accepted(?: at| to| by| in| for)?|"
    r"submitted(?: to| at)?|under review(?: at| for| in| with)?|in review(?: with| at| for)?|presented at|"
    r"under revision(?: at| for| in)?|r\s?&\s?r(?: at)?|forthcoming(?: in| at)?|in press(?: at| in)?|"
    r"(?:[\w-]+\s+){0,2}?special issue (?:of|in)(?: the)?|for(?=\s+(?:the|a|an)\s)|in\s*:|in\b)"  # "in" last: "In press at X" is not "In"
    r"\s*[,:]?\s+", regex.I)
_LATEX_COMMAND = Lazy(r"\\(?:textit|textbf|emph|textsc|underline|mbox|textrm|textsl|it|bf|em)\s*\{([^{}]*)\}")
_YEARS = Lazy(r"(?<![\d/.-])(?:19|20)\d\d[a-z]?(?!\d)|['’‘]\s?\d\d\b")
#: Volume, issue and pages after the venue, to the end: "…, vol. 12, pp. 3-9", "… (TSP) (pp. 1-5). IEEE."
_DETAILS = Lazy(
    r"(?<![,\s])[,\s]++\(?(?:vol(?:ume)?\b\.?|no\.|nr\.|issue\b|pp?\.|pp?$|pp?\s+\d|pages?\b|art(?:icle)?\.?\s*(?:no\.?)?\s*\d|n\.\s*\d)"
    r".*$", regex.I)
_TRAILING_NUMBERS = Lazy(  # where a separator run starts, at most 20 numbers: linear
    r"(?:(?<![\s,:])[\s,:]++(?:(?<=:)[A-Za-z]{2,6}+)?[A-Za-z]?\d[\d.]*+(?:[–-]+[A-Za-z]?\d+)?(?:\s*\(\d[\d–-]*\))?)"
    r"{1,20}+[\s,.:;–-]*$")  # "Science 387:eado5578": a volume, then an article id after its colon
_MONTH_WORD = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
#: A Vancouver (PubMed) date after the journal: "Nat. Methods 2022 Nov;", "Biophys. J. 2016 Mar 29;".
_VANCOUVER_DATE = Lazy(rf"(?<=\S)\s++(?:19|20)\d\d\s++{_MONTH_WORD}\.?(?:\s*+\d{{1,2}})?(?=\s*+[;,.:(]|\s*+$)",
                       regex.I)
_DATE_PIECE = Lazy(rf"^(?:{_MONTH_WORD}\.?|fall|spring|summer|winter)(?:\s*\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?)?$"
                   rf"|^\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH_WORD}\.?$", regex.I)  # "24 - 26 September"
#: A remark on the venue's selectivity: "Typical conference acceptance rate: <25%".
_ACCEPTANCE_PIECE = Lazy(r"\bacceptance rate\b", regex.I)
#: An article number or a volume:issue after the venue: "bbab609", "e1002", "106406", "23:2".
#: An article number or pages, or an edition ("1st Edition", "2nd ed."): no part of the venue's name.
_ARTICLE_PIECE = Lazy(r"^(?:\p{L}{1,6}\d{3,}|\d[\d:()–-]*+|\d{1,2}(?:st|nd|rd|th)\s++ed(?:ition|\.)?)$", regex.I)
_PLACE_PIECE = Lazy(
    r"^(?:virtual(?: event)?|online|hybrid|\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|del|da|di|la|le|am|"
    r"upon|sur|en|of))*)$")
_INSTITUTION = Lazy(r"\b(?:university|universit[àäé]t?|institute|college|school|laborator(?:y|ies)|"
                          r"academy|department|centre|center)\b", regex.I)
_MONTH_IN_BRACKETS = Lazy(r"[(\[]\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*[)\]]", regex.I)
#: The editors after a book's title: ", Julia Freund, Matteo Nanni, and Jakob M. Schermann, eds." and all after.
_EDITOR_NAMES_TAIL = Lazy(
    r",\s++(?:and\s+)?\p{Lu}[\p{L}'-]*+(?:\s++(?:\p{Lu}\.|\p{Lu}[\p{L}'-]*+)){1,3}"
    r"(?:,?\s++(?:and\s+)?\p{Lu}[\p{L}'-]*+(?:\s++(?:\p{Lu}\.|\p{Lu}[\p{L}'-]*+)){1,3}){0,12}"
    r",?\s++(?i:eds?|editors?)\.?(?=\s|$|[,;:]).*$", regex.S)
_EDITORS_PIECE = Lazy(r"^(?:edited by|eds?|editors?)(?:\b|(?<=\.))", regex.I)  # "eds. R. Woods and S. Wolfe"
_PUBLISHERS = Lazy(r"^(?:ieee|acm|springer(?: nature)?|elsevier|wiley|pmlr|mit press|usenix|aaai(?: press)?|"
                   r"curran associates|openreview(?:\.net)?|mdpi|ios press|cambridge university press|"
                   r"oxford university press|taylor (?:&|and) francis|sage|de gruyter|iop publishing|"
                   r"association for computational linguistics)$", regex.I)
_VENUE_HINT = Lazy(
    r"\b(?:proc(?:eedings|\.)|journal|conference|conf\.|symposium|workshop|transactions|trans\.|letters|"
    r"arxiv|biorxiv|medrxiv|ssrn|preprint|ieee|acm|usenix|springer|elsevier|press|review|thesis|"
    r"dissertation|"
    # Latin and German journal-name words ("Indagationes Mathematicae", "Acta Math. Hungarica", "Math. Zeitschrift")
    r"acta|annales|annalen|zeitschrift|mathematicae|mathematica|mathematische|physica|chimica|scientiarum|"
    r"commentarii|fundamenta|inventiones)\b", regex.I)
_GENERIC = Lazy(r"^(?:an?\s+)?(?:preprints?|e-?prints?|working papers?|manuscripts?|drafts?|"
                r"under review|in review|submitted|in preparation|in prep|accepted|to appear|forthcoming|"
                r"in press|accepted manuscript(?: version)?|free view|track(?:\s*:.*)?|\w+ attendance|"
                r"(?:to be )?filed|(?:patent )?pending|granted|issued|tb[ad]|to be (?:determined|announced))$",
                regex.I)
_ARXIV_CATEGORY = Lazy(r"^\[?(?:cs|math|stat|physics|q-bio|q-fin|econ|eess|astro-ph|cond-mat|gr-qc|hep-\w+|"
                       r"nlin|nucl-\w+|quant-ph|math-ph)(?:\.[A-Za-z-]{2,})?\]?$")
_ARXIV_CATEGORY_IN = Lazy(r"\[\s*[a-z-]+\.[A-Za-z-]{2,}\s*\]?")
_SERVER = Lazy(r"\b(arxiv|biorxiv|medrxiv|ssrn|chemrxiv|techrxiv|psyarxiv|socarxiv|research square)\b",
               regex.I)
_WORKSHOP = Lazy(r"\bworkshops?\b|\bW@|\p{L}@\s*\p{L}|@\s*\p{Lu}|\bW\)", regex.I)
_PREPRINT_WORDS = Lazy(r"\b(?:arxiv|biorxiv|medrxiv|ssrn|chemrxiv|techrxiv|preprints?|research square|"
                       r"working papers?|e-?prints?)\b", regex.I)
#: A series of working papers an institution numbers (a report series; its papers are not yet
#: published): "NBER Working Paper", "CEPR Discussion Paper", "CEPR DP", "ECB Working Paper Series",
#: "Federal Reserve Bank of New York Staff Reports" (its name before the words, not a bare "Working paper").
_PAPER_SERIES = Lazy(r"\S\s+(?:(?:working|discussion|policy\s+research)\s+papers?|staff\s+reports?|"
                     r"(?:WP|DP)(?=\s|\d|$))", regex.I)
_UNPUBLISHED_WORDS = Lazy(r"\b(?:submitted|under review|in review|in submission|submission|"
                          r"in preparation|in prep|working paper|draft|manuscript|work in progress|"
                          r"revise\s(?:and|&)\sresubmit|r\s?&\s?r)\b", regex.I)
#: A chapter: the word, editors, "ch. 5", or a collection that holds chapters (a handbook, a Festschrift).
#: An edited book: "(eds.)" right after the entry's own names, what is left of the entry once they are cut.
_EDITED_BOOK = Lazy(r"^[\s,]*+\((?:eds?|editors?)\.?\)", regex.I)
_CHAPTER_WORDS = Lazy(r"\bchapter\b|\bedited by\b|\(eds?\.?\)|\beds?\.\s*\)|\bin:?\s+[^,]{2,80},?\s+eds?\."
                      r"|\bin\s.{2,200}?\p{L},\s+(?:eds?\.|editors?,)(?=\s|$)"  # "In Book, A. One, and B. Two, eds."
                      r"|\beds?\.\s+by\b"  # "Lectures on Econophysics, ed. by J. J. Schneider"
                      r"|\bch\.\s*\d|\bhandbook\b|\bfestschrift\b|\bencyclop(?:e|ae|æ)dia\b", regex.I)
_BOOK_WORDS = Lazy(r"\b(?:press|publishers?|publishing|book|monograph|verlag)\b", regex.I)
#: "Proc." and "Symp." end at their word ("\\bproc\\.\\b" could never match before a space).
_CONFERENCE_WORDS = Lazy(r"\b(?:conference|conf|symposium|symp|proceedings|proc|congress|"
                         r"meeting|colloquium|summit|forum)\b", regex.I)
_JOURNAL_PROCEEDINGS = Lazy(
    r"\bproc(?:eedings|\.)\s+(?:of\s+)?(?:the\s+)?(?:national academy|royal society|american (?:mathematical|"
    r"philosophical)|london mathematical|edinburgh|institute|indian academy|japan academy|steklov|ieee\s*$)",
    regex.I)
#: A journal that publishes a conference's papers, written so: "ACM Transactions on Graphics (Proceedings
#: of SIGGRAPH 2023)", "PACM on Computer Graphics and Interactive Techniques", "Proc. VLDB Endow.".
_JOURNAL_OF_A_CONFERENCE = Lazy(
    r"\b(?:transactions|journal) on [^()]{3,80}\(\s*proc(?:eedings|\.)\s|\bpacm\b|\bproceedings of the acm on\b"
    r"|\bpvldb\b|\bproc(?:eedings|\.) (?:of )?(?:the )?vldb endow", regex.I)
#: "28(1): 5-9", "47(4):70": a journal's volume, issue and pages.
_VOLUME_ISSUE_PAGES = Lazy(r"\b\d{1,4}\s*\(\d{1,4}\)\s*:\s*[a-z]?\d", regex.I)
_JOURNAL_WORDS = Lazy(r"\b(?:journal|transactions|trans\.|letters|lett\.|review|reviews|rev\.|magazine|"
                      r"quarterly|annals|bulletin|j\.|acta|communications|nature|science|plos|"
                      r"frontiers in|physical review|phys\.)", regex.I)
#: An undotted "J" of a Vancouver journal abbreviation: "J Clin Invest", "Am J Physiol".
_UNDOTTED_J = Lazy(r"(?<![\w.])J(?![\w.'’-])")
#: A volume and its issue or pages, "73(5)", "38 (3-4)", "55:501-510": journals number volumes and issues.
_VOLUME_ISSUE = Lazy(r"\b\d{1,4}(?:\s?\(\d{1,3}(?:[-–/]\d{1,3})?\)|\s?:\s?\d{1,6}\s?[-–]\s?\d{1,6}\b)")
_THESIS = Lazy(r"\b(?:ph\.?\s?d\.?|master'?s?|doctoral|bachelor'?s?|senior|honou?rs|diploma)?\s*"
               r"(?:thesis|dissertation)\b", regex.I)
_THESIS_SCHOOL = Lazy(r"^(?:ph\.?\s?d\.?|master'?s?|doctoral|bachelor'?s?|senior|honou?rs|diploma)?\s*"
                            r"(?:thesis|dissertation)\s*(?:,|:|\bof\b|\bat\b|-|–)\s*(\p{Lu}.{2,100})$", regex.I)
#: A word that names a school ("University of Stuttgart", "Bose Institute", "ETH Zürich"), and the
#: words that may stand beside a school's name in a venue that is only the school.
_SCHOOL_WORD = Lazy(r"^(?:universit\p{L}*|institut\p{L}*|college|école|ecole|polytechni\p{L}*|hochschule|eth)$",
                    regex.I)
_PUNCTUATION_ONLY = Lazy(r"^[\p{P}\p{S}]++$")
_SCHOOL_NAME_WORD = Lazy(r"^[\p{L}\p{M}][\p{L}\p{M}&'’.-]*+$")


def _only_a_school(written: str) -> bool:
    """A venue that is a school's name and nothing else ("University of Stuttgart", "Kyoto University and
    Heidelberg University"): where a thesis was written. A press, a journal or proceedings of one
    ("University of Bamberg Press", "Proceedings of the Steklov Institute") has a venue word too."""
    words = [w for w in written.split() if not _PUNCTUATION_ONLY.match(w)]  # "Bose Institute, )"
    if not 1 < len(words) <= 8:
        return False
    if not any(_SCHOOL_WORD.match(w.strip(",.")) for w in words):
        return False
    if not all(_SCHOOL_NAME_WORD.match(w.strip(",")) for w in words):
        return False  # a number, a bracket: a volume, an acronym of a conference
    return _VENUE_HINT.search(written) is None and _BOOK_WORDS.search(written) is None \
        and _CONFERENCE_WORDS.search(written) is None and _JOURNAL_WORDS.search(written) is None


_PATENT = Lazy(r"\bpatents?\b|\b(?:US|CN|EP|WO|JP|KR)\s?\d{6,}", regex.I)
_REPORT = Lazy(r"\btech(?:nical|\.)?\s*rep(?:ort|\.)?\b|\bwhite ?paper\b", regex.I)
#: DOI prefixes of preprint servers: arXiv, bioRxiv/medRxiv, SSRN, OSF, Research Square, Preprints.org,
#: TechRxiv, ChemRxiv, Authorea.
_PREPRINT_DOI = Lazy(r"^10\.(?:48550|1101|2139|31219|31234|21203|20944|36227|26434|22541)/")
_DOI_IN_TEXT = Lazy(r"\b10\.\d{4,9}/\S+")
_HEADING_KINDS = (("workshop", Kind.WORKSHOP), ("journal", Kind.JOURNAL), ("conference", Kind.CONFERENCE),
                  ("proceeding", Kind.CONFERENCE), ("preprint", Kind.PREPRINT), ("working paper", Kind.PREPRINT),
                  ("chapter", Kind.CHAPTER), ("book", Kind.BOOK), ("thesis", Kind.THESIS),
                  ("dissertation", Kind.THESIS), ("patent", Kind.PATENT), ("report", Kind.REPORT),
                  ("progress", Kind.PREPRINT), ("submitted", Kind.PREPRINT), ("under review", Kind.PREPRINT),
                  ("in preparation", Kind.PREPRINT), ("unpublished", Kind.PREPRINT), ("draft", Kind.PREPRINT))


#: A heading over published papers and preprints both ("Publications and preprints"): its "preprints"
#: says nothing of an entry that names its venue ("… Published in Nonlinearity, 2021").
_PUBLISHED_AND_PREPRINTS = Lazy(r"\b(?:publications?|papers?|articles?)\s*(?:and|&|/)\s*preprints?\b"
                                r"|\bpreprints?\s*(?:and|&|/)\s*(?:publications?|papers?|articles?)\b")


#: A heading over writing for the public rather than for peers: "Popular Articles", "Non-technical writing",
#: "Outreach", "Op-eds" (matched with the plain test for "popular" in front).
_FOR_THE_PUBLIC_HEADING = Lazy(r"\bnon-?technical\b|\boutreach\b|\bop-?eds?\b", regex.I)


#: A heading that names one kind of work and nothing else.
_KIND_ONLY_HEADING = Lazy(
    r"\A\W*+(?:(?P<thesis>(?:(?:ph\.?\s?d\.?|doctoral|master'?s?|m\.?sc?\.?|b\.?sc?\.?|bachelor'?s?)\s+)?"
    r"(?:thes[ie]s|dissertations?)(?:\s*(?:&|and)\s*(?:thes[ie]s|dissertations?))?)"
    r"|(?:granted\s+|registered\s+|us\s+)?(?:patents?|inventions?)(?:\s*(?:&|and)\s*(?:patents?|inventions?))?)"
    r"\s*+(?:\(\d+\))?\W*+", regex.I)  # anchored, possessive: searched, it stays linear


class _Needles:
    """The stage's word patterns behind needle tests (:class:`._rx.Needled`): most texts hold none
    of a pattern's words, and a substring test costs a fraction of the regex trying its alternation
    at every position. Made on first use (it compiles the patterns)."""

    def __init__(self) -> None:
        self.thesis = Needled(_THESIS, "thesis", "dissertation")
        self.patent = Needled(_PATENT, "patent", "us", "cn", "ep", "wo", "jp", "kr")
        self.report = Needled(_REPORT, "tech", "white")
        self.workshop = Needled(_WORKSHOP, "workshop", "@", "w)")
        self.workshop_word = Needled(rx(r"\bworkshop\b", regex.I), "workshop")
        self.preprint = Needled(_PREPRINT_WORDS, "rxiv", "ssrn", "print", "research square", "working paper")
        self.unpublished = Needled(_UNPUBLISHED_WORDS, "submi", "review", "prep", "working paper", "draft",
                                   "manuscript", "work in progress", "&")
        self.chapter = Needled(_CHAPTER_WORDS, "chapter", "edited by", "(ed", "ed", "ch.", "handbook", "festschrift",
                               "encyclop")
        self.journal_proceedings = Needled(_JOURNAL_PROCEEDINGS, "proc")
        self.conference = Needled(_CONFERENCE_WORDS, "conf", "symp", "proc", "congress", "meeting", "colloquium",
                                  "summit", "forum")
        self.book = Needled(_BOOK_WORDS, "press", "publish", "book", "monograph", "verlag")
        self.journal = Needled(_JOURNAL_WORDS, "journal", "trans", "lett", "rev", "magazine", "quarterly", "annals",
                               "bulletin", "j.", "acta", "communications", "nature", "science", "plos", "frontiers in",
                               "phys.")
        self.server = Needled(_SERVER, "rxiv", "ssrn", "research square")


@functools.cache
def _needled() -> _Needles:
    return _Needles()


@dataclass(frozen=True, slots=True)
class VenueEntry:
    """One venue of the table; ``acronym`` is None for journals known by name only."""

    acronym: str | None
    name: str
    kind: Kind
    field: str
    aliases: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (*((self.acronym,) if self.acronym else ()), self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class VenueTable:
    """The venues, indexed by exact key, by core key (possibly ambiguous) and by acronym."""

    entries: tuple[VenueEntry, ...]
    exact: dict[str, VenueEntry]
    core: dict[str, tuple[VenueEntry, ...]]
    acronyms: dict[str, VenueEntry]

    def find(self, text: str) -> VenueEntry | None:
        """The venue ``text`` names as a whole, or None (also when two venues fit equally)."""
        found = self.exact.get(exact_key(text))
        if found:
            return found
        candidates = self.core.get(fold(text), ())
        if len(candidates) == 1:
            return candidates[0]
        if candidates:  # "Machine Learning" the journal vs ICML: the phrase's own words decide
            wanted = Kind.JOURNAL if _needled().journal.search(text) else (
                Kind.CONFERENCE if _needled().conference.search(text) else None)
            fitting = [c for c in candidates if c.kind is wanted]
            return fitting[0] if len(fitting) == 1 else None
        return None

    def by_acronym(self, token: str) -> VenueEntry | None:
        return self.acronyms.get(token.casefold())


def _words(text: str) -> list[str]:
    if not text.isascii():  # most venue names are: skip the accent folding for them
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    text = text.replace("&", " and ").replace("int'l", "international").replace("int’l", "international")
    words = [_ABBREVIATIONS.get(w, w) for w in _WORD.findall(text)]
    return [w for w in words if not w.isdigit() and not rx(r"\d+(?:st|nd|rd|th)").fullmatch(w)
            and w not in _ORDINAL_WORDS]


@functools.lru_cache(maxsize=8192)
def exact_key(text: str) -> str:
    """Case, accents, punctuation, years and ordinals folded: "Proc. of the 18th OSDI" -> "proceedings of the osdi"."""
    words = _words(text)
    return " ".join(w for w in words if w != "the") or " ".join(words)


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The core key: :func:`exact_key` without filler words ("Proceedings of the", "IEEE", "International")."""
    words = _words(text)
    core = [w for w in words if w not in _FILLER]
    return " ".join(core or words)


def _acronym_like(text: str) -> bool:
    """"OSDI", "NeurIPS", "EMNLP-Findings": two capitals, no spaces."""
    return " " not in text and sum(map(str.isupper, text)) >= 2


def _entries_from(raw: str, origin: str) -> list[VenueEntry]:
    import tomllib  # a user's table, or the shipped one while its index is stale

    try:
        data = tomllib.loads(raw)
        return [VenueEntry(acronym=v.get("acronym") or None, name=v["name"], kind=Kind(v.get("kind", "other")),
                           field=v.get("field", ""), aliases=tuple(v.get("aliases", ())))
                for v in data.get("venue", [])]
    except (tomllib.TOMLDecodeError, KeyError, ValueError, TypeError, AttributeError) as err:
        raise InputError(f"{origin}: not a venue table ({err})") from err


def clashes(entries: Iterable[VenueEntry]) -> list[str]:
    """Spellings that would name two different venues (the integrity test wants none)."""
    owner: dict[str, VenueEntry] = {}
    problems = []
    for entry in entries:
        for spelling in entry.spellings:
            key = exact_key(spelling)
            if key in owner and owner[key] is not entry:
                problems.append(f"{spelling!r} names both {owner[key].name!r} and {entry.name!r}")
            owner.setdefault(key, entry)
    return problems


def build_table(entries: Iterable[VenueEntry]) -> VenueTable:
    """Index the entries; a later entry (a user's file) wins over an earlier one for the same spelling."""
    entries = tuple(entries)
    exact: dict[str, VenueEntry] = {}
    core: dict[str, dict[str, VenueEntry]] = {}
    acronyms: dict[str, VenueEntry] = {}
    for entry in entries:
        for spelling in entry.spellings:
            exact[exact_key(spelling)] = entry
            key = fold(spelling)
            if len(key) >= 4:  # "J. ACM" folds to "j": too little to name a venue by
                core.setdefault(key, {})[entry.name] = entry
            if spelling == entry.acronym or _acronym_like(spelling):
                acronyms[spelling.casefold()] = entry
    return VenueTable(entries, exact, {k: tuple(v.values()) for k, v in core.items()}, acronyms)


def shipped_entries() -> tuple[VenueEntry, ...]:
    return default_table().entries


@functools.cache
def default_table() -> VenueTable:
    """The shipped table: from its prebuilt index while that matches ``venues.toml``, else built from the TOML."""
    data = resources.files("pubextract.data")
    raw = data.joinpath("venues.toml").read_text(encoding="utf-8")
    try:
        index = json.loads(data.joinpath(INDEX_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        index = None
    if index is not None and index.get("source_sha256") == _sha256(raw):
        return _table_from_index(index)
    return build_table(_entries_from(raw, "venues.toml"))


#: A derived copy of ``venues.toml`` with its three indexes built: JSON loads in a few
#: milliseconds where parsing the TOML and folding every spelling costs ~50 ms of every
#: run's start-up. ``python -m pubextract.venues`` rewrites it; it is used only while the
#: SHA-256 of the TOML it was built from matches, and tests/test_venues.py fails when it is stale.
INDEX_FILE = "venues.index.json"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def index_json(raw: str) -> str:
    """The index file's text for the venue table ``raw`` (TOML)."""
    table = build_table(_entries_from(raw, "venues.toml"))
    position = {id(entry): i for i, entry in enumerate(table.entries)}
    index = {
        "source_sha256": _sha256(raw),
        "entries": [[e.acronym, e.name, e.kind.value, e.field, list(e.aliases)] for e in table.entries],
        "exact": {key: position[id(e)] for key, e in table.exact.items()},
        "core": {key: [position[id(e)] for e in found] for key, found in table.core.items()},
        "acronyms": {key: position[id(e)] for key, e in table.acronyms.items()},
    }
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n"


def _table_from_index(index: dict[str, Any]) -> VenueTable:
    entries = tuple(VenueEntry(acronym, name, Kind(kind), field, tuple(aliases))
                    for acronym, name, kind, field, aliases in index["entries"])
    return VenueTable(entries, {key: entries[i] for key, i in index["exact"].items()},
                      {key: tuple(entries[i] for i in found) for key, found in index["core"].items()},
                      {key: entries[i] for key, i in index["acronyms"].items()})


def load_table(extra: str | Path | None = None) -> VenueTable:
    """The shipped table, extended (and overridden) by a user's TOML file of the same layout."""
    if extra is None:
        return default_table()
    try:
        raw = Path(extra).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read venue table {extra}: {err}") from err
    return build_table([*shipped_entries(), *_entries_from(raw, str(extra))])


#: "... in corpus research: A systematic review": a title's kind of study, not a journal's "Review".
_A_REVIEW = Lazy(r"\ban?\s+(?:[\p{L}-]+\s+){0,2}review\b", regex.I)
#: A review of a book, named with its authors: "Review of <Book> by <Author>" (no venue is "... by Name").
_BOOK_REVIEW = Lazy(r"\b[Rr]eview\s+of\s.{3,200}?\sby\s+\p{Lu}")


def names_publisher(text: str) -> bool:
    """ "Springer US", "Elsevier", "IEEE": a publisher's name (with its country code), which follows a
    venue but is none."""
    head, _, last = text.rpartition(" ")
    return _PUBLISHERS.match(text) is not None or (
        bool(head) and last.isupper() and len(last) <= 3 and _PUBLISHERS.match(head) is not None)


def looks_like_venue(text: str) -> bool:
    """A phrase that names a venue rather than a title: "Proc. of ...", "IEEE Trans. ...", a known name."""
    hint = _VENUE_HINT.search(text)
    if hint and hint.group(0).lower() == "review" and _BOOK_REVIEW.search(text):
        return False  # "Review of Generalized Linear Models and Extensions by Hardin and Hilbe": a review's title
    if hint and hint.group(0).lower() == "review" and _A_REVIEW.search(text):
        hint = _VENUE_HINT.search(_A_REVIEW.sub(" ", text))
    if hint and len(text.split()) <= 14:
        return True
    if _abbreviated(text):
        return True
    return default_table().find(text) is not None


def acronym_in_lower_case(word: str) -> bool:
    """A word the table knows only as an acronym in capitals, written as an ordinary word
    ("Jie" for JIE, the Journal of International Economics): a reader takes it for the word
    (a given name in "Zhang, Jie, Yuwen Lai, and Craig Sailor"), not for the venue."""
    if " " in word or word.isupper():
        return False
    entry = default_table().find(word)
    return entry is not None and entry.acronym is not None and entry.acronym.isupper() and (
        entry.acronym.casefold() == word.casefold())


_ABBREVIATION = Lazy(r"\p{Lu}\p{Ll}{1,6}\.")


def _abbreviated(text: str) -> bool:
    """A journal's abbreviated name ("Environ. Int.", "J. Agric. Food Chem.", "Philos. Trans. Royal Soc. B"):
    two or more abbreviated words (not initials), and at least half of its words are."""
    words = text.split()
    if not 2 <= len(words) <= 8 or text.count(".") < 2:
        return False
    shortened = sum(1 for w in words if _ABBREVIATION.fullmatch(w))
    return shortened >= 2 and 2 * sum(1 for w in words if w.endswith(".")) >= len(words)


# ---------------------------------------------------------------- tidying a phrase


def _balanced_tail(text: str) -> str:
    """Drop an unclosed "(" and what follows it ("... (Tutorial"), keep a balanced "(WACV)"."""
    if "(" not in text:
        return text
    depth = 0
    cut = None
    for i, c in enumerate(text):
        if c == "(":
            if depth == 0:
                cut = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
    return text[:cut] if depth and cut is not None else text


#: How the work was presented, after a dash at the venue's end ("VISAPP 2026 - Oral", "MIRU 2026, Nagasaki -
#: Peer-reviewed Poster"): a note on the entry, not part of the venue's name.
_PRESENTATION_TAIL = Lazy(r"\s[-–—]\s*(?:peer[- ]reviewed\s+|invited\s+|contributed\s+)?"
                          r"(?:oral|poster|spotlight|talk|demo)(?:\s+(?:presentation|paper|session|talk))?\s*$", regex.I)


def _drop_trailing_pieces(text: str) -> str:
    """Cut places, dates, editors and publishers after the venue: "NAACL, Albuquerque, New Mexico"."""
    pieces = [p.strip() for p in text.split(",")]
    keep = len(pieces)
    while keep > 1:
        piece = pieces[keep - 1]
        if (not piece or _DATE_PIECE.match(piece) or _PUBLISHERS.match(piece) or _EDITORS_PIECE.match(piece)
                or _ARTICLE_PIECE.match(piece) or _ACCEPTANCE_PIECE.search(piece)
                or (_PLACE_PIECE.match(piece) and len(piece.split()) <= 4 and not _VENUE_HINT.search(piece)
                    and not _INSTITUTION.search(piece))):
            keep -= 1
            continue
        break
    for index in range(1, keep):  # "..., edited by A and B, Oxford": editors end the venue
        if _EDITORS_PIECE.match(pieces[index]):
            keep = index
            break
    return ", ".join(pieces[:keep])


#: "PLoS One 14:e0223641 (DOI:10.1371/…)": an identifier or a link written after the venue, bracketed or not.
_IDENTIFIER = Lazy(r"\(\s*+(?:doi\b\s*+:?|https?://)[^()]*+\)|\b(?:doi\b\s*+:?\s*+10\.|https?://)\S*+"
                   r"|\bIS[BS]N\b[^,;()]*+(?:\([^()]*+\)[^,;()]*+)*+", regex.I)  # "…, ISBN: 978-… (Print)"


@functools.cache
def abbreviations() -> frozenset[str]:
    """The abbreviated words of ``data/abbreviations.toml`` (journal-name words, "vol", "pp"...)."""
    return frozenset(load_toml("abbreviations.toml")["words"])


@functools.cache
def _abbreviated_word() -> regex.Pattern[str]:
    """The last word of a text is an abbreviation (its full stop abbreviates): "Phys", "Comp", "J"."""
    words = "|".join(sorted(map(regex.escape, abbreviations()), key=lambda word: (-len(word), word)))
    return rx(rf"(?:^|\s)(?:(?i:{words})|[A-Z])$")


_ASCII_SPACES = " \t\n\v\f\r"  # what \s matches in ASCII text
_DIGITS = frozenset("0123456789")  # what \d matches in ASCII text


def _ends_abbreviated(text: str, start: int = 0, end: int | None = None) -> bool:
    """``_abbreviated_word().search(text, start, end)``, without trying its ~200 alternatives at every position.

    In ASCII text the match can only be the word after the last space before ``end`` (or the
    whole of ``text[:end]`` when it has none and ``start`` is 0: ``^`` is the real start) and
    before a final newline (``$``): one look-up. Other text goes to the pattern."""
    end = len(text) if end is None else end
    if not text.isascii():
        return _abbreviated_word().search(text, start, end) is not None
    stop = end - 1 if end > start and text[end - 1] == "\n" else end
    # printable ASCII holds no space but " "
    space = text.rfind(" ", start, stop) if text.isprintable() else max(text.rfind(c, start, stop) for c in _ASCII_SPACES)
    if space < 0 and start > 0:
        return False
    word = text[space + 1:stop]
    return word.lower() in _lowered_abbreviations() or (len(word) == 1 and "A" <= word <= "Z")


@functools.cache
def _lowered_abbreviations() -> frozenset[str]:
    return frozenset(word.lower() for word in abbreviations())


_EDITION = Lazy(r"\s?\(\s*+(?:\w++|\d+(?:st|nd|rd|th))\s++[Ee]dition\s*+\)")


def tidy_venue(text: str) -> str | None:
    """A venue phrase without "In:", statuses, years, volume/pages, notes, places and empty brackets."""
    # Each step runs only where its pattern can match: on the character or word every match
    # starts with or holds (most phrases have no LaTeX, link, brackets or year).
    latex = "\\" in text
    if latex:
        text = _LATEX_COMMAND.sub(r"\1", text)
    if not text.isascii() or any(map(text.lower().__contains__, ("doi", "http", "isbn", "issn"))):
        text = _IDENTIFIER.sub(" ", text)
    if latex:
        text = text.replace("\\&", "&")
    if "dition" in text:
        text = _EDITION.sub("", text)  # "A Companion to ... (Second Edition)": the book's edition, not its name
    text = " ".join(text.replace("{", "").replace("}", "").split()).strip(" ,;:-–|*[]")
    if text.startswith("(") and text.endswith(")") and _balanced_tail(text[1:-1]) == text[1:-1]:
        text = text[1:-1]  # "(Under review, TPAMI)": the whole phrase in brackets
    for _ in range(3):  # "Submitted to In Proc. of": prefixes come stacked
        prefix = _PREFIX.match(text)  # the pattern starts with "^": only ever a match at the start
        if prefix is None:
            break
        text = text[prefix.end():]
    if "(" in text:
        text = _NOTE_IN_PARENS.sub(" ", text)
    if "[" in text:
        text = _ARXIV_CATEGORY_IN.sub(" ", text)
    if not text.isascii() or any(map(text.__contains__, ("19", "20", "'"))):  # a year, or "'24" (any quote)
        text = _YEARS.sub(" ", _VANCOUVER_DATE.sub(" ", text))
    if "(" in text or "[" in text:
        text = _MONTH_IN_BRACKETS.sub(" ", rx(r"\(\s*\)|\[\s*\]").sub(" ", text))  # "26.3 (September 2020)"
    text = _DETAILS.sub("", text)
    if not text.isascii() or not _DIGITS.isdisjoint(text):
        text = _TRAILING_NUMBERS.sub("", text)
    text = _balanced_tail(" ".join(text.split()))
    if any(map(text.__contains__, (" ,", " .", " ;", " :", " )"))):  # the only space left is " " (\s is isspace)
        text = rx(r"\s+([,.;:)])").sub(r"\1", text)
    if "ed" in text:
        editors = _EDITOR_NAMES_TAIL.search(text)
        if editors and editors.start() > 0:
            text = text[:editors.start()]  # "Book Title, A. One, B. Two, and C. Three, eds. Publisher"
    if text[-3:].upper() in _NOT_YET_KNOWN:
        text = rx(r"\s*[,;:(–-]+\s*(?i:tb[adc])$").sub("", text)  # "Encyclopedia of Optimization - TBD"
    if "-" in text or "–" in text or "—" in text:
        text = _PRESENTATION_TAIL.sub("", text)
    text = _drop_trailing_pieces(text.strip(" ,;:-–|*"))
    text = text.strip(" ,;:-–|*")
    if text.endswith(".") and not _ends_abbreviated(text, 0, len(text) - 1) and not rx(r"\.\p{L}+\.$").search(text):
        text = text[:-1]  # a full stop, not the end of "Lett."
    return text.strip() or None


def _complete(phrase: str, text: str) -> str:
    """The whole clause of the entry that a phrase starts: a phrase cut at a comma or at an abbreviation's
    full stop ("IEEE/ACM Transactions on Audio" + ", Speech, and Language Processing") is made whole again;
    :func:`tidy_venue` then drops the places, dates and pages the clause carries."""
    start = text.find(phrase)
    if start < 0:
        return phrase
    line = text[start:].split("\n", 1)[0]
    stop_mark = rx(r";|\s[·•|](?:\s|$)").search(line, len(phrase))  # "arXiv · math.AT": a new clause
    line = line if stop_mark is None else line[:stop_mark.start()]
    for stop in rx(r"\.(?:\s|$)").finditer(line, pos=len(phrase.rstrip(" ."))):
        if not _ends_abbreviated(line, 0, stop.start()):
            return line[:stop.start()]
    return line


# ---------------------------------------------------------------- recognising


def _tag_text(tag: str) -> str | None:
    """``OSDI'24`` -> ``OSDI``; ``Workshop @ ICML25`` keeps its words."""
    text = _YEARS.sub(" ", tag)
    text = " ".join(text.split()).strip(" ,.;:-–()[]")
    return text if rx(r"\p{L}").search(text) else None


#: "To be determined / announced / confirmed": said where a venue or date will go, and an acronym only
#: after "IEEE" (IEEE TBD, Transactions on Big Data).
_NOT_YET_KNOWN = frozenset({"TBD", "TBA", "TBC"})


def _by_tokens(written: str, table: VenueTable) -> VenueEntry | None:
    """The first acronym in the phrase the table knows ("IEEE ICASSP", "EMNLP-Findings", "ICML25")."""
    tokens = rx(r"[\p{L}\d][\p{L}\d&+*-]*").findall(written)
    short = len(tokens) <= 3
    for token in tokens:
        if not token.isascii():
            stripped = rx(r"(?<=\p{L})\d{2}$").sub("", token)
        else:  # the same cut: two digits after a letter ("ICML25")
            stripped = token[:-2] if len(token) > 2 and token[-2:].isdigit() and token[-3].isalpha() else token
        for candidate in (token,) if stripped == token else (token, stripped):
            if not (_acronym_like(candidate) or (short and candidate.isupper() and len(candidate) > 1)):
                continue
            if candidate in _NOT_YET_KNOWN and "IEEE" not in written:
                continue  # "Encyclopedia of Optimization - TBD": a status; "IEEE TBD" is Transactions on Big Data
            entry = table.by_acronym(candidate)
            if entry and (len(candidate) >= 3 or short):
                return entry
    return None


def _match(written: str, table: VenueTable) -> tuple[VenueEntry | None, str]:
    """The table entry the phrase names, and the part of the phrase that names it."""
    found = table.find(written)
    if found:
        return found, written
    pair = rx(r"^\s*(?P<a>[^()]{2,150}?)\s*\((?P<b>[^()]{2,150})\)\s*(?P<rest>.*)$").match(written)
    if pair:
        found = table.find(pair["a"]) or _unless_named_otherwise(table.find(pair["b"]), pair["a"])
        if found:
            return found, written
    pieces = written.split(",")
    for k in range(len(pieces) - 1, 0, -1):
        prefix = ",".join(pieces[:k]).strip()
        found = table.find(prefix) if len(prefix) >= 3 else None
        if found:
            return found, prefix
    return _unless_named_otherwise(_by_tokens(written, table), written), written


#: The words that make a name a journal's for :func:`_unless_named_otherwise`: not "Science" or "Review",
#: which conferences' names hold too ("Robotics: Science and Systems").
_JOURNAL_NAME = Lazy(r"\b(?:journal|transactions|letters|magazine|quarterly|annals|bulletin)\b", regex.I)


def _unless_named_otherwise(entry: VenueEntry | None, name: str) -> VenueEntry | None:
    """The venue an acronym in brackets stands for, unless the name before it says another kind of
    venue: "International Conference on Telecommunications and Signal Processing (TSP)" is not the
    journal IEEE TSP, "Journal of Systems Architecture (JSA)" no conference of that acronym."""
    if entry is None:
        return None
    needled = _needled()
    says_journal = _JOURNAL_NAME.search(name) is not None or _JOURNAL_OF_A_CONFERENCE.search(name) is not None \
        or needled.journal_proceedings.search(name) is not None
    says_conference = needled.conference.search(name) is not None
    if entry.kind is Kind.JOURNAL and says_conference and not says_journal:
        return None
    if entry.kind in (Kind.CONFERENCE, Kind.WORKSHOP) and says_journal and not says_conference:
        return None
    return entry


def _server_named(text: str) -> Venue | None:
    """A preprint server the entry names, when no journal DOI says it was published elsewhere."""
    dois = _DOI_IN_TEXT.findall(text)
    server = _needled().server.search(_DOI_IN_TEXT.sub(" ", rx(r"https?://\S+").sub(" ", text)))
    if not server or any(not _PREPRINT_DOI.match(d) for d in dois):
        return None
    entry = default_table().find(server.group(1))
    if entry is None:
        return Venue(as_written=server.group(1))
    return Venue(name=entry.name, acronym=entry.acronym, as_written=server.group(1))


def _clauses(text: str) -> list[str]:
    """The lines and sentences of an entry's remainder, shortest first-come: where else a venue may sit."""
    out = []
    for line in text.split("\n"):
        start = 0
        for stop in rx(r"\.(?:\s|$)").finditer(line):
            # only the word before the stop matters: looking at the whole prefix is quadratic on "A. A. A."
            if not _ends_abbreviated(line, max(0, stop.start() - 16), stop.start()):
                out.append(line[start:stop.start()])
                start = stop.end()
        out.append(line[start:])
    return [c.strip() for c in out if len(c.split()) <= 14 and rx(r"\p{L}{2}").search(c)]


def _usable(written: str | None) -> bool:
    return bool(written) and not _GENERIC.match(written or "") and not _ARXIV_CATEGORY.match(written or "")


def _venue_from(entry: VenueEntry, written: str) -> Venue:
    if _needled().workshop.search(written) and entry.kind is not Kind.WORKSHOP:
        return Venue(as_written=written)  # a workshop at the conference is not the conference
    return Venue(name=entry.name, acronym=entry.acronym, as_written=written)


def _unknown(written: str) -> Venue | None:
    """A venue the table does not know: the entry's words, split into name and acronym when it gives both."""
    if len(written.split()) > 15 and not _VENUE_HINT.search(written):
        return None  # a sentence of an abstract, not a venue
    pair = rx(r"\s*([^()]{2,150}?)\s*\(([^()]{2,150})\)\s*").fullmatch(written)
    if pair:
        short, long = sorted((pair.group(1).strip(), pair.group(2).strip()), key=len)
        if _acronym_like(short) or short.isupper() or _abbreviates(short, long):
            return Venue(name=long, acronym=short, as_written=written)
    return Venue(as_written=written)


def _abbreviates(short: str, long: str) -> bool:
    """ "Big Data" for "IEEE International Conference on Big Data": a few words of the long name."""
    words = short.split()
    return len(words) <= 3 and all(regex.search(rf"\b{regex.escape(w)}\b", long, regex.I) for w in words)


def recognise(tag: str | None, phrase: str | None, text: str, table: VenueTable | None = None) -> Venue | None:
    """The venue of an entry from its tag (``OSDI'24``), its venue phrase, or a known venue elsewhere in it.

    Trust goes: the tag; the phrase when the table knows it; another line or
    sentence of the entry that the table knows wholly ("In: Scientific Reports
    13.1" when the phrase handed over was an author's name) or that names a
    thesis's school; the phrase as written; a preprint server the entry names.
    """
    table = table or default_table()
    tagged = _tag_text(tag) if tag else None
    written: str | None
    if tagged:
        entry, written = _match(tagged, table)
        return _venue_from(entry, written) if entry else _unknown(written)
    written = tidy_venue(_complete(phrase, text)) if phrase else None
    if written and _usable(written):
        entry, part = _match(written, table)
        if entry:
            return _venue_from(entry, part)
    for clause in _clauses(text):
        school = _THESIS_SCHOOL.match(clause)
        if school:
            return Venue(as_written=tidy_venue(school.group(1)) or school.group(1))
        candidate = tidy_venue(clause)
        if candidate and _usable(candidate) and candidate != written:
            found = table.find(candidate)
            if found and found.kind is not Kind.PREPRINT:  # servers: see _server_named
                return _venue_from(found, candidate)
    if written and _usable(written):
        return _unknown(written)
    return _server_named(text)


def _table_kind(venue: Venue, table: VenueTable) -> Kind | None:
    for spelling in (venue.acronym, venue.name):
        if spelling:
            entry = _unless_named_otherwise(table.find(spelling), venue.as_written or "")
            if entry:
                return entry.kind
    return None


def is_paper_series(venue: Venue | None) -> bool:
    """The venue is a working-paper series ("NBER Working Paper No. 24567"): a paper in it is a preprint."""
    return venue is not None and any(_PAPER_SERIES.search(v) for v in (venue.as_written, venue.name) if v)


def kind_of(venue: Venue | None, text: str, heading: str, ids: Ids, table: VenueTable | None = None) -> Kind:
    """The kind of work, from the entry's words, its venue, its identifiers, then its section heading."""
    table = table or default_table()
    written = (venue.as_written or "") if venue else ""
    needled = _needled()
    if needled.thesis.search(written) or needled.thesis.search(text):
        return Kind.THESIS
    only = _KIND_ONLY_HEADING.fullmatch(heading.strip())
    if only:  # a section headed only "Thesis" or "Patents": what a venue's words say cannot override it
        return Kind.THESIS if only.group("thesis") else Kind.PATENT
    if needled.patent.search(written) or needled.patent.search(text):
        return Kind.PATENT
    if "popular" in heading.lower() or _FOR_THE_PUBLIC_HEADING.search(heading):
        return Kind.OTHER  # "Popular Articles": a magazine's pages, though written as a journal's "11(3):4-13"
    if needled.report.search(written) or needled.report.search(text):
        return Kind.REPORT
    if needled.workshop.search(written) or (not written and needled.workshop_word.search(text)):
        return Kind.WORKSHOP
    if _JOURNAL_OF_A_CONFERENCE.search(written) or _JOURNAL_OF_A_CONFERENCE.search(text):
        return Kind.JOURNAL  # (its badge or "Also in" may name the conference)
    known = _table_kind(venue, table) if venue else None
    if known:
        return known
    if written:
        if _PAPER_SERIES.search(written):
            return Kind.REPORT  # "CEPR Discussion Paper 12345"
        if _only_a_school(written) and not needled.unpublished.search(text):
            return Kind.THESIS  # "*2016*, University of Stuttgart" under the author's name (not "Working paper, …")
        if needled.preprint.search(written):
            return Kind.PREPRINT
        if _EDITED_BOOK.match(text):
            return Kind.BOOK  # "Cuddington, K. and B. Beisner (eds.) (2005). Ecological Paradigms Lost ..."
        if needled.chapter.search(text):
            return Kind.CHAPTER
        if needled.journal_proceedings.search(written):
            return Kind.JOURNAL
        if needled.conference.search(written):
            return Kind.CONFERENCE
        if needled.book.search(written):
            return Kind.BOOK
        if needled.journal.search(written) or _UNDOTTED_J.search(written) or _VOLUME_ISSUE_PAGES.search(text):
            return Kind.JOURNAL
    if ids.doi and _PREPRINT_DOI.match(ids.doi):
        return Kind.PREPRINT
    if ids.doi and not written:
        return Kind.JOURNAL
    if ids.arxiv and not written:
        return Kind.PREPRINT
    lowered = heading.lower()
    mixed = "preprint" in lowered and written and _PUBLISHED_AND_PREPRINTS.search(lowered)
    for word, kind in _HEADING_KINDS:
        if word in lowered and not (mixed and kind is Kind.PREPRINT):
            return kind
    if written:
        if _VOLUME_ISSUE.search(text):
            return Kind.JOURNAL  # "BioScience, 73(5), 364-375": a volume and its issue or pages
        return Kind.CONFERENCE if _acronym_like(written.split()[0]) or written.split()[0].isupper() else Kind.JOURNAL
    if needled.unpublished.search(text) or needled.preprint.search(text):
        return Kind.PREPRINT
    return Kind.OTHER


if __name__ == "__main__":  # python -m pubextract.venues: rebuild the indexes after editing a file of data/
    from . import data

    _DATA = Path(__file__).parent / "data"
    (_DATA / INDEX_FILE).write_text(index_json((_DATA / "venues.toml").read_text(encoding="utf-8")), encoding="utf-8")
    (_DATA / data.PARSED_FILE).write_text(data.parsed_json(), encoding="utf-8")
