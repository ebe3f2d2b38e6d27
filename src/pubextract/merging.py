"""Merge the publication lists of many pages into one list of works.

The same paper appears on every co-author's page, each time written a little
differently. Merging runs in four plain steps, each a top-level function so that
a distributed engine (Dask, Ray, Spark: see ``docs/merge.md``) can call them:

1. :func:`features` folds one record into what comparison needs (title forms,
   markers such as "Part II" or "Erratum", authors, year, ids).
2. :func:`blocking_keys` gives each record a few keys (its longest title words,
   with and without a "System-Name:" prefix, and its DOI / arXiv id); only
   records sharing a key are compared, and :func:`block_pairs` compares a large
   block within a sliding window of sorted titles, so each record meets a
   bounded number of others and the cost grows with the number of records, not
   its square.
3. :func:`score_pair` compares two records with rapidfuzz on titles, author
   overlap through :func:`pubextract.identity.compatible`, years and venues, and
   returns a :class:`PairScore` naming the rule that decided.
4. :func:`cluster` joins the accepted pairs with union-find, best pairs first,
   and refuses a join that would put two records that must stay apart (different
   parts, an erratum, different DOIs, unrelated titles) into one work: scores are
   pairwise, and without that guard a chain of near matches could join works
   that no single comparison would.

:func:`fuse` then builds one :class:`MergedPublication` per work from the
best-supported value of each field. Everything is ordered by the records' own
sources (:func:`record_key`), so the same pages in any order give the same works
in the same order. A distributed engine runs the same functions with the blocking
key as its partition key (``docs/merge.md``) and gets the same works.
"""
from __future__ import annotations

import sys
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar, overload

import regex
from rapidfuzz import fuzz

from ._rx import Lazy
from .identity import compatible
from .identity import fold as fold_name
from .models import (
    Author,
    Decision,
    Ids,
    Kind,
    MergedPublication,
    Publication,
    Status,
)

__all__ = [
    "Features", "MergeResult", "PairDecision", "PairDecisions", "PairScore", "bibliography_order", "block_pairs",
    "blocking_keys", "candidate_pairs", "cluster", "features", "fuse", "merge", "merge_with_report", "record_key",
    "score_pair",
]

#: Title similarity (0..1, rapidfuzz ``fuzz.ratio``) at which the title alone identifies a work.
SAME_TITLE = 0.95
#: Below SAME_TITLE, a title this close still merges when the author lists agree (``STRONG_AUTHORS``).
SIMILAR_TITLE = 0.88
#: A workshop paper and a conference/journal version merge only with titles this close.
EXTENSION_TITLE = 0.97
#: Share of the shorter author list that must be found in the other list; below it the works differ.
AUTHOR_OVERLAP = 0.5
STRONG_AUTHORS = 0.8
#: Two records in one work whose titles are further apart than this refuse the join (chain guard).
CHAIN_FLOOR = 0.8
#: Records sharing a DOI or arXiv id whose titles are further apart than this hold a misplaced id.
ID_TITLE_FLOOR = 0.6
#: How much earlier than the published version a preprint may be dated.
PREPRINT_LEAD_YEARS = 3
#: Blocks larger than this are compared only within a sliding window of sorted titles.
MAX_BLOCK = 16
WINDOW = 6
#: Titles with fewer content words than this need authors or ids to merge ("Introduction", "Preface").
MIN_CONTENT_WORDS = 3

_STOP = frozenset(
    "a an the of on in for and to with via from towards toward is are by at as its into using based".split())
_NOTICES = frozenset(
    "erratum errata corrigendum corrigenda correction corrections retraction retracted addendum reply "
    "comment comments response rebuttal".split())
_ROMAN = frozenset("ii iii iv vi vii viii ix x xi xii".split())
_MARKER_WORDS = _ROMAN | _NOTICES
_NO_MARKERS: frozenset[str] = frozenset()
_WORD = Lazy(r"[\p{L}\p{N}]+")
_PREFIX = Lazy(r"^\s*([^:]{1,40}?)\s*:\s+(\S.*)$", regex.DOTALL)
_ARXIV_DOI = Lazy(r"^10\.48550/arxiv\.", regex.I)
#: A record's id in the engine functions: an index into the records, or :func:`record_key` (any orderable value).
Id = TypeVar("Id")
_STATUS_RANK = {Status.PUBLISHED: 4, Status.ACCEPTED: 3, Status.UNDER_REVIEW: 1, Status.UNKNOWN: 1,
                Status.PREPRINT: 0}


# ---------------------------------------------------------------- features

def fold_title(text: str | None) -> tuple[str, ...]:
    """Title words, lower case, accents and punctuation gone, hyphenated words split."""
    if not text:
        return ()
    if not text.isascii():  # NFKD leaves ASCII as it is: only other text needs the accents stripped
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return tuple(_WORD.findall(text.casefold()))


def _split_prefix(title: str) -> tuple[str | None, str]:
    """("Flash-LLM", "Enabling ...") for "Flash-LLM: Enabling ..."; a prefix is at most four words."""
    match = _PREFIX.match(title)
    if not match or len(match.group(1).split()) > 4 or len(match.group(2).split()) < 3:
        return None, title
    return match.group(1), match.group(2)


def _markers(words: tuple[str, ...]) -> frozenset[str]:
    """What tells two otherwise equal titles apart: numbers, parts, "Erratum", "Reply"..."""
    found = {w for w in words if w in _MARKER_WORDS or w.isdigit()}
    for before, after in zip(words, words[1:]):
        if before == "part":
            found.add("part " + after)
    if len(words) > 3 and words[-1] == "i":
        found.add("part i")
    return frozenset(found) if found else _NO_MARKERS


@dataclass(frozen=True, slots=True)
class Features:
    """What comparing one record needs, computed once; plain data, so it pickles."""

    full: str  # folded title
    bare: str  # folded title without its "System-Name:" prefix
    prefix: str  # folded prefix, "" when none
    content_words: int
    markers: frozenset[str]
    authors: tuple[str, ...]
    truncated: bool
    year: int | None
    preprint: bool
    thesis: bool
    workshop: bool
    venue: str
    doi: str | None
    arxiv: str | None


def features(pub: Publication) -> Features:
    """Fold one record for comparison (pure: the same record always gives the same features)."""
    title = pub.title or ""
    prefix, rest = _split_prefix(title)
    words = fold_title(title)
    venue = pub.venue
    venue_text = (venue.acronym or venue.as_written or venue.name or "") if venue else ""
    doi = pub.ids.doi.lower().strip() if pub.ids.doi else None
    arxiv = pub.ids.arxiv.lower().strip() if pub.ids.arxiv else None
    if doi and _ARXIV_DOI.match(doi):
        arxiv, doi = arxiv or doi.split("arxiv.", 1)[1], None
    full = " ".join(words)
    return Features(  # one string for the title and its bare form when there is no prefix: a million of these add up
        full=full, bare=" ".join(fold_title(rest)) if prefix else full, prefix=" ".join(fold_title(prefix)),
        content_words=sum(1 for w in words if w not in _STOP), markers=_markers(words),
        authors=tuple(a.name for a in pub.authors), truncated=pub.authors_truncated, year=pub.year,
        preprint=pub.kind is Kind.PREPRINT or pub.status in (Status.PREPRINT, Status.UNDER_REVIEW),
        thesis=pub.kind is Kind.THESIS, workshop=pub.kind is Kind.WORKSHOP,
        venue=sys.intern("".join(fold_title(venue_text))), doi=doi, arxiv=arxiv)


# ---------------------------------------------------------------- blocking

def _word_keys(folded: str) -> list[str]:
    """Every pair among the four longest words: a typo in one word leaves three pairs intact."""
    words = sorted({w for w in folded.split() if w not in _STOP and (len(w) >= 3 or w.isdigit())},
                   key=lambda w: (-len(w), w))[:4]
    if len(words) < 2:
        return [f"t:{folded}"] if folded else []
    return [f"t:{a} {b}" for n, a in enumerate(sorted(words)) for b in sorted(words)[n + 1:]]


def blocking_keys(feat: Features) -> tuple[str, ...]:
    """The keys under which a record is compared: only records sharing one are scored.

    Pairs of the four longest title words (so that one typo does not hide a
    pair) of the title with and without its prefix, and the record's DOI and
    arXiv id. Plain strings: a distributed engine can partition on them.
    """
    keys = _word_keys(feat.full)
    if feat.bare != feat.full:
        keys += _word_keys(feat.bare)
    if feat.doi:
        keys.append(f"doi:{feat.doi}")
    if feat.arxiv:
        keys.append(f"arxiv:{feat.arxiv}")
    return tuple(dict.fromkeys(keys))


def block_pairs(block: Sequence[tuple[Id, Features]]) -> list[tuple[Id, Id]]:
    """The pairs ``(a, b)``, ``a < b``, to score within one block of ``(record id, features)``.

    A block of at most :data:`MAX_BLOCK` records compares all its pairs. A larger
    one (a common pair of title words) is sorted by title and each record is
    compared with the next :data:`WINDOW` (a sorted neighbourhood: copies of one
    work sort next to each other), so no block costs more than linear time. Pure:
    ids are any orderable values and the order of ``block`` does not matter.
    """
    ids: list[Any]
    if len(block) <= MAX_BLOCK:
        ids = sorted(i for i, _ in block)
        return [(a, b) for n, a in enumerate(ids) for b in ids[n + 1:]]
    ids = [i for _, i in sorted((feat.bare, i) for i, feat in block)]
    return [(a, b) if a < b else (b, a) for n, a in enumerate(ids) for b in ids[n + 1:n + 1 + WINDOW]]


def candidate_pairs(all_features: Sequence[Features]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) that share a blocking key (:func:`block_pairs` within each block), sorted, once each.

    Pairs are held as one integer each (``i * n + j``) while they are collected
    and sorted: a million records make millions of pairs, and a tuple apiece
    would cost ten times the memory.
    """
    count = len(all_features)
    blocks: dict[str, list[int]] = {}
    for index, feat in enumerate(all_features):
        for key in blocking_keys(feat):
            blocks.setdefault(key, []).append(index)
    codes = array("q")
    for members in blocks.values():
        if len(members) > 1:
            codes.extend(a * count + b for a, b in block_pairs([(i, all_features[i]) for i in members]))
    del blocks
    previous = -1
    for code in sorted(codes):
        if code != previous:
            previous = code
            yield divmod(code, count)


# ---------------------------------------------------------------- scoring

@dataclass(frozen=True, slots=True)
class PairScore:
    """How alike two records are (0..1), whether they are one work, and the rule that said so."""

    score: float
    same: bool
    rule: str


def _title_similarity(a: Features, b: Features) -> tuple[float, bool]:
    """Best rapidfuzz ratio of the titles, and whether it needed dropping a prefix."""
    full = fuzz.ratio(a.full, b.full) / 100.0
    if a.prefix == b.prefix:
        return full, False
    bare = fuzz.ratio(a.bare, b.bare) / 100.0
    return (bare, True) if bare > full else (full, False)


def _one_title_holds_the_other(a: Features, b: Features) -> bool:
    """Words only added ("... with complexity analysis"), none replaced ("for X" vs "for Y")."""
    words_a, words_b = set(a.bare.split()) - _STOP, set(b.bare.split()) - _STOP
    return words_a <= words_b or words_b <= words_a


@lru_cache(maxsize=1 << 18)
def _same_name(a: str, b: str) -> bool:
    """Cached: co-authors recur across pages, and ``compatible`` parses both names each call."""
    return a == b or fold_name(a) == fold_name(b) or compatible(a, b)


def author_overlap(a: Sequence[str], b: Sequence[str]) -> tuple[float, int] | None:
    """Share of the shorter list found (one to one) in the other, and how many; None when a list is empty."""
    if not a or not b:
        return None
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    free = list(long_)
    matched = 0
    for name in short:
        hit = next((n for n, other in enumerate(free) if _same_name(name, other)), None)
        if hit is not None:
            matched += 1
            del free[hit]
    return matched / len(short), matched


def _years_agree(a: Features, b: Features) -> bool:
    if a.year is None or b.year is None:
        return True
    if a.preprint != b.preprint:
        early, late = (a.year, b.year) if a.preprint else (b.year, a.year)
        return -1 <= late - early <= PREPRINT_LEAD_YEARS
    return abs(a.year - b.year) <= 1


def _identifiers(a: Features, b: Features) -> PairScore | None:
    shared = "DOI" if a.doi and a.doi == b.doi else "arXiv id" if a.arxiv and a.arxiv == b.arxiv else None
    if shared:
        if _title_similarity(a, b)[0] < ID_TITLE_FLOOR:
            return PairScore(0.0, False, f"same {shared} on unrelated titles (an id put on the wrong entry)")
        return PairScore(1.0, True, f"same {shared}")
    if a.markers != b.markers:
        return PairScore(0.0, False, "titles differ in part, number or notice (erratum, reply)")
    if a.doi and b.doi:
        return PairScore(0.0, False, "different DOIs")
    if a.arxiv and b.arxiv:
        return PairScore(0.0, False, "different arXiv ids")
    return None


def score_pair(a: Features, b: Features) -> PairScore:
    """Are two records one work? The first rule that applies decides (pure and picklable)."""
    decided = _identifiers(a, b)
    if decided is not None:
        return decided
    title, without_prefix = _title_similarity(a, b)
    if title < SIMILAR_TITLE:
        return PairScore(title, False, "titles differ")
    if a.prefix and b.prefix and a.prefix != b.prefix:
        return PairScore(title, False, "different system names")
    if a.thesis != b.thesis:
        return PairScore(title, False, "a thesis and a paper are kept apart without a shared id")
    if not _years_agree(a, b):
        return PairScore(title, False, "years too far apart")
    overlap = author_overlap(a.authors, b.authors)
    share = overlap[0] if overlap else None
    score = round(0.7 * title + 0.3 * (0.5 if share is None else share), 4)
    if share is not None and share < AUTHOR_OVERLAP:
        return PairScore(score, False, "authors differ")
    if (a.workshop != b.workshop and not (a.preprint or b.preprint) and a.venue and b.venue
            and a.venue != b.venue and title < EXTENSION_TITLE):
        return PairScore(score, False, "workshop paper and extended version with a changed title")
    if a.content_words < MIN_CONTENT_WORDS and share is None:
        return PairScore(score, False, "short title without authors to confirm")
    strong_authors = overlap is not None and overlap[0] >= STRONG_AUTHORS and overlap[1] >= 2
    if without_prefix and share is None:
        return PairScore(score, False, "same title but for a prefix, without authors to confirm")
    if title >= SAME_TITLE:
        return PairScore(score, True, "same title without prefix" if without_prefix else "same title")
    if strong_authors and _one_title_holds_the_other(a, b):
        return PairScore(score, True, "similar title, same authors")
    return PairScore(score, False, "similar title, authors do not confirm")


# ---------------------------------------------------------------- clustering

@dataclass(frozen=True, slots=True)
class PairDecision:
    """One scored candidate pair and what became of it (``merged``, ``apart`` or ``refused``)."""

    left: int
    right: int
    score: PairScore
    outcome: str


def _conflict(a: Features, b: Features) -> bool:
    """Two records that must not share a work, whatever chain of pairs joins them."""
    decided = _identifiers(a, b)
    if decided is not None:
        return not decided.same
    return _title_similarity(a, b)[0] < CHAIN_FLOOR or a.thesis != b.thesis


def cluster(features_of: Mapping[Any, Features] | Sequence[Features], accepted: Iterable[tuple[Id, Id, float]]
            ) -> tuple[list[list[Id]], set[tuple[Id, Id]]]:
    """Union-find over the accepted pairs ``(a, b, score)``, best score first, with a guard against chaining.

    Returns the works of more than one record (each a sorted list of record ids,
    the list sorted) and the accepted pairs whose join the guard refused; a record
    in no accepted pair is a work of its own. ``features_of`` needs only the
    records of the accepted pairs, so a distributed engine can collect just those.
    """
    parent: dict[Any, Any] = {}
    members: dict[Any, list[Any]] = {}

    def root(i: Any) -> Any:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    refused: set[tuple[Id, Id]] = set()
    for left, right, _ in sorted(accepted, key=lambda item: (-item[2], item[0], item[1])):
        ra, rb = root(left), root(right)
        if ra == rb:
            continue
        group_a, group_b = members.get(ra, [ra]), members.get(rb, [rb])
        if any(_conflict(features_of[x], features_of[y]) for x in group_a for y in group_b):
            refused.add((left, right))
            continue
        (big, kept), (small, gone) = sorted([(ra, group_a), (rb, group_b)], key=lambda g: -len(g[1]))
        parent[small] = big
        members[big] = kept + gone
        members.pop(small, None)
    return sorted(sorted(group) for group in members.values()), refused


class PairDecisions(Sequence[PairDecision]):
    """Every scored pair with its outcome, held in flat arrays rather than an object per pair.

    A million records make millions of scored pairs; the report needs them all,
    the merge only the few accepted. Indexing gives a :class:`PairDecision`.
    """

    OUTCOMES = ("apart", "merged", "refused")

    def __init__(self) -> None:
        self._left, self._right, self._score = array("q"), array("q"), array("d")
        self._rule, self._outcome = array("H"), array("B")
        self._rules: dict[str, int] = {}
        self._rule_names: list[str] = []

    def add(self, left: int, right: int, result: PairScore) -> None:
        rule = self._rules.get(result.rule)
        if rule is None:
            rule = self._rules[result.rule] = len(self._rule_names)
            self._rule_names.append(result.rule)
        self._left.append(left)
        self._right.append(right)
        self._score.append(result.score)
        self._rule.append(rule)
        self._outcome.append(int(result.same))

    def accepted(self) -> Iterator[tuple[int, int, float]]:
        """``(left, right, score)`` of every pair scored as one work."""
        return ((self._left[n], self._right[n], self._score[n]) for n in range(len(self)) if self._outcome[n])

    def merged(self) -> Iterator[tuple[int, PairScore]]:
        """``(left, PairScore)`` of every pair that joined its work, in pair order."""
        for n in range(len(self)):
            if self._outcome[n] == 1:
                yield self._left[n], PairScore(self._score[n], True, self._rule_names[self._rule[n]])

    def refuse(self, pairs: set[tuple[int, int]]) -> None:
        for n in range(len(self)):
            if self._outcome[n] and (self._left[n], self._right[n]) in pairs:
                self._outcome[n] = 2

    def __len__(self) -> int:
        return len(self._left)

    @overload
    def __getitem__(self, index: int) -> PairDecision: ...
    @overload
    def __getitem__(self, index: slice) -> list[PairDecision]: ...

    def __getitem__(self, index: int | slice) -> PairDecision | list[PairDecision]:
        if isinstance(index, slice):
            return [self[n] for n in range(len(self))[index]]
        outcome = self._outcome[index]
        return PairDecision(self._left[index], self._right[index],
                            PairScore(self._score[index], outcome > 0, self._rule_names[self._rule[index]]),
                            self.OUTCOMES[outcome])


# ---------------------------------------------------------------- fusion

def record_key(pub: Publication) -> tuple[str, int, int, str]:
    """A record's id: unique per page entry, and the order :func:`merge` compares records in.

    A distributed engine uses it as the record id in :func:`block_pairs` and
    :func:`cluster` to get exactly the pairs and works :func:`merge` gets.
    """
    return (pub.source.path or "", pub.source.line_start, pub.source.line_end, pub.title or "")


def _authority(pub: Publication) -> tuple[int, int]:
    """Published before accepted before preprint; a non-preprint kind before a preprint kind."""
    return _STATUS_RANK[pub.status], int(pub.kind is not Kind.PREPRINT)


def _vote(values: Sequence[str], fold: bool = True) -> str:
    """The value most records give (folded when comparing); ties go to the first given."""
    keys = [" ".join(fold_title(v)) if fold else v for v in values]
    counts = Counter(keys)
    best = max(counts.values())
    return next(v for v, k in zip(values, keys) if counts[k] == best)


def _fuse_authors(ranked: Sequence[Publication]) -> tuple[tuple[Author, ...], bool]:
    """The fullest list (untruncated, longest), each name in the spelling most records use."""
    base = max(ranked, key=lambda p: (not p.authors_truncated, len(p.authors)))
    fused = []
    for author in base.authors:
        peers = [other for pub in ranked for other in pub.authors if _same_name(author.name, other.name)]
        spellings = sorted((p.name for p in peers), key=lambda n: -len(n))
        name = _vote(spellings, fold=False)
        chosen = next(p for p in peers if p.name == name)
        fused.append(chosen.model_copy(update={
            "is_owner": any(p.is_owner for p in peers),
            "equal_contribution": author.equal_contribution, "corresponding": author.corresponding}))
    return tuple(fused), base.authors_truncated


def _alone(pub: Publication) -> MergedPublication:
    """A work only one record lists: that record as it is (what :func:`fuse` gives, without the voting)."""
    fields = {name: getattr(pub, name) for name in Publication.model_fields}
    fields["links"] = tuple({link.url: link for link in pub.links}.values())
    fields["notes"] = tuple(dict.fromkeys(pub.notes))
    return MergedPublication(**fields, sources=(pub.source,))


def fuse(records: Sequence[Publication], rules: Sequence[PairScore] = ()) -> MergedPublication:
    """One work from its records: each field from the best-supported record, every link, id and source."""
    if len(records) == 1:
        return _alone(records[0])
    ordered = sorted(records, key=record_key)
    ranked = sorted(ordered, key=_authority, reverse=True)  # stable: ties keep source order
    primary = ranked[0]
    title = _vote([p.title for p in ranked if p.title]) if any(p.title for p in ranked) else None
    authors, truncated = _fuse_authors(ranked) if any(p.authors for p in ranked) else ((), primary.authors_truncated)
    best = [p for p in ranked if _authority(p) == _authority(primary)]
    year = Counter(p.year for p in best if p.year).most_common(1)[0][0] if any(p.year for p in best) else None
    venue = next((p.venue for p in best if p.venue), None) or next((p.venue for p in ranked if p.venue), None)
    ids = Ids(doi=next((p.ids.doi for p in ranked if p.ids.doi and not _ARXIV_DOI.match(p.ids.doi)), None)
              or next((p.ids.doi for p in ranked if p.ids.doi), None),
              arxiv=next((p.ids.arxiv for p in ordered if p.ids.arxiv), None),
              isbn=next((p.ids.isbn for p in ranked if p.ids.isbn), None))
    links = tuple({link.url: link for p in ordered for link in p.links}.values())
    notes = tuple(dict.fromkeys(note for p in ordered for note in p.notes))
    decisions = [Decision(field="merge", rule=r.rule, confidence=min(1.0, max(0.0, r.score))) for r in rules]
    if len(ordered) > 1:
        decisions.append(Decision(field="venue", rule="most advanced version (published over preprint)",
                                  confidence=0.9))
    return MergedPublication(
        title=title, authors=authors, authors_truncated=truncated, year=year, venue=venue,
        kind=primary.kind, status=primary.status, ids=ids, links=links, notes=notes, details=primary.details,
        source=primary.source, section=primary.section, decisions=primary.decisions + tuple(decisions),
        sources=tuple(p.source for p in ordered))


def bibliography_order(work: MergedPublication) -> tuple[int, str, tuple[tuple[str, int], ...]]:
    """Newest first, then by title, then by sources: independent of the order pages were given."""
    return (-(work.year or 0), " ".join(fold_title(work.title)),
            tuple((s.path or "", s.line_start) for s in work.sources))


# ---------------------------------------------------------------- the whole merge

@dataclass(frozen=True, slots=True)
class MergeResult:
    """The works, the records in the order they were compared, every pair decision, and each record's work.

    ``work_index[i]`` is the index into ``works`` of the work that holds ``records[i]`` (sources
    alone cannot say: entries of a minified page share one line).
    """

    works: tuple[MergedPublication, ...]
    records: tuple[Publication, ...]
    decisions: PairDecisions
    work_index: Sequence[int]

    @property
    def merges(self) -> int:
        return len(self.records) - len(self.works)


def merge_with_report(pages: Iterable[Sequence[Publication]]) -> MergeResult:
    """Merge the records of many pages, keeping every pair decision for ``--report``."""
    records = sorted((pub for page in pages for pub in page), key=record_key)
    all_features = [features(pub) for pub in records]
    decisions = PairDecisions()
    for i, j in candidate_pairs(all_features):
        decisions.add(i, j, score_pair(all_features[i], all_features[j]))
    groups, refused = cluster(all_features, decisions.accepted())
    decisions.refuse(refused)
    work = array("q", [-1]) * len(records)
    for n, group in enumerate(groups):
        for i in group:
            work[i] = n
    rules: dict[int, list[PairScore]] = {}
    for left, result in decisions.merged():
        rules.setdefault(work[left], []).append(result)
    built = [(fuse([records[i] for i in group], rules[n]), group) for n, group in enumerate(groups)]
    built += [(_alone(pub), [i]) for i, pub in enumerate(records) if work[i] < 0]
    built.sort(key=lambda item: bibliography_order(item[0]))
    for n, (_, members) in enumerate(built):
        for i in members:
            work[i] = n
    return MergeResult(tuple(w for w, _ in built), tuple(records), decisions, work)


def merge(pages: Iterable[Sequence[Publication]]) -> list[MergedPublication]:
    """Each work once, from the publication lists of many pages (any order gives the same result)."""
    return list(merge_with_report(pages).works)
