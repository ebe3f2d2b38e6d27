"""One person across spellings: "Zhen Zheng", "Z. Zheng", "Zheng, Zhen" and "ZHENG Zhen".

Pages write the same co-author in many ways, and merging records across pages
needs to know who is who. Two questions, two tools:

* :func:`compatible` says whether two spellings *can* be one person: the family
  names agree (accents, case and hyphens folded; rapidfuzz forgives a typo in a
  long name), and the given names agree as far as both are written: initials
  must match initials ("Z." fits "Zhen", "H-T" fits "Hsiang-Tsung"), written-out
  names must match fuzzily. "Zhen Zheng" and "Zhongzhu Zhou" are both "Z. Z."
  and still not compatible, because the family names differ.
* :class:`AuthorIndex` groups every spelling found in many records into
  identities. Spellings join a group only when compatible with *every* member
  (so "J. Smith" cannot bridge "John Smith" and "Jane Smith"); an initials-only
  spelling that fits several groups goes where its co-authors are, and stays
  apart when they do not tell. Then the occurrences of one group are split into
  homonyms when they share neither a co-author nor a page.
"""
from __future__ import annotations

import functools
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ._rx import Lazy
from .authors import split_name
from .models import Publication

__all__ = ["AuthorIndex", "Identity", "compatible", "fold"]


def _first_ratio(a: str, b: str) -> float:
    """rapidfuzz ``fuzz.ratio``, imported on first use (a page whose names all agree or differ
    plainly never needs it); the first call puts rapidfuzz's own function in its place."""
    global _ratio
    from rapidfuzz.fuzz import ratio

    _ratio = ratio
    return ratio(a, b)


_ratio: Callable[[str, str], float] = _first_ratio

#: rapidfuzz ``fuzz.ratio`` (0..100) two written-out given names need to be one name ("Jon"/"John").
GIVEN_SIMILARITY = 85.0
#: rapidfuzz ``fuzz.ratio`` two family names need; only names this long or longer may differ at all.
FAMILY_SIMILARITY = 90.0
FAMILY_FUZZY_MIN_LENGTH = 7

_PARTICLES = frozenset("van von der den de del della di da du le la dos das ter ten zu bin al el".split())
_NOT_LETTER = Lazy(r"[^\p{L}]+")
_GIVEN_TOKEN = Lazy(r"\p{L}+\.?")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case letters only, accents removed: "Sánchez-López" -> "sanchezlopez".

    Cached: merging compares every co-author's name words again and again.
    """
    if not text.isascii():  # NFKD leaves ASCII as it is
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_LETTER.sub("", text.casefold())


@dataclass(frozen=True, slots=True)
class _GivenPart:
    initial: str
    full: str | None  # None when the page wrote only the initial


@dataclass(frozen=True, slots=True)
class _Reading:
    """One way to read a spelling: folded family name and the given-name parts in order."""

    family: str
    given: tuple[_GivenPart, ...]
    core: str  # the family name without particles: "berg" for "van der Berg"

    @property
    def initials(self) -> str:
        return "".join(p.initial for p in self.given)

    @property
    def fully_written(self) -> bool:
        return bool(self.given) and all(p.full for p in self.given)


def _given_parts(given: str, whole_name: str) -> tuple[_GivenPart, ...]:
    """"Zhen" -> (z, zhen); "H.-T." -> (h), (t); "KRA" -> (k), (r), (a) unless the whole name is capitals."""
    parts: list[_GivenPart] = []
    shouting = whole_name.isupper()
    for word in given.split():
        for token in _GIVEN_TOKEN.findall(word):
            letters = fold(token)
            if not letters:
                continue
            if len(letters) == 1 or token.endswith(".") and len(letters) <= 2:
                parts.append(_GivenPart(letters[0], None))
            elif token.isupper() and len(letters) <= 3 and not shouting:
                parts.extend(_GivenPart(c, None) for c in letters)
            else:
                parts.append(_GivenPart(letters[0], letters))
    return tuple(parts)


@lru_cache(maxsize=1 << 18)  # a merge of a million entries meets a few hundred thousand spellings
def _readings(name: str) -> tuple[_Reading, ...]:
    """The readings of a spelling: as :func:`split_name` reads it, and family-first for "Zheng Zhen"."""
    given, family = split_name(name)
    if not family:
        return ()
    readings = [_reading(given or "", family, name)]
    words = name.split()
    if "," not in name and len(words) == 2 and fold(words[0]) and fold(words[1]):
        swapped = _reading(words[1], words[0], name)
        if swapped != readings[0]:
            readings.append(swapped)
    if "," not in name and len(words) >= 3 and len(family.split()) == 1 and "-" not in family and fold(words[-2]) \
            and len(fold(words[-2])) > 1 and words[-2][0].isupper():
        # "Julianne Sansa Otim" is also "J. Sansa-Otim": two family names, written with a space
        readings.append(_reading(" ".join(words[:-2]), " ".join(words[-2:]), name))
    return tuple(readings)


def _reading(given: str, family: str, whole_name: str) -> _Reading:
    tokens = tuple(t for t in (fold(w) for w in family.split()) if t)
    return _Reading(fold(family), _given_parts(given, whole_name), "".join(t for t in tokens if t not in _PARTICLES))


def _families_agree(a: _Reading, b: _Reading) -> bool:
    if not a.family or not b.family:
        return False
    if a.family == b.family:
        return True
    if a.core and a.core == b.core:
        return True  # "van der Berg" and "Berg"
    shorter = min(len(a.family), len(b.family))
    return shorter >= FAMILY_FUZZY_MIN_LENGTH and _ratio(a.family, b.family) >= FAMILY_SIMILARITY


def _givens_agree(a: _Reading, b: _Reading) -> bool:
    if not a.given or not b.given:
        return True  # one spelling gives the family name only
    if a.fully_written and b.fully_written:
        joined_a = "".join(p.full or "" for p in a.given)
        joined_b = "".join(p.full or "" for p in b.given)
        if _ratio(joined_a, joined_b) >= GIVEN_SIMILARITY:
            return True  # "Zhenyu" and "Zhen-Yu"
    ini_a, ini_b = a.initials, b.initials
    if not (ini_a.startswith(ini_b) or ini_b.startswith(ini_a)):
        return False
    for part_a, part_b in zip(a.given, b.given):
        if part_a.full and part_b.full and _ratio(part_a.full, part_b.full) < GIVEN_SIMILARITY:
            return False
    return True


@functools.lru_cache(maxsize=16384)
def compatible(a: str, b: str) -> bool:
    """Whether two spellings can name the same person ("Z. Zheng" and "Zheng, Zhen": yes)."""
    if fold(a) and sorted(fold(w) for w in a.split()) == sorted(fold(w) for w in b.split()):
        return True
    return any(_families_agree(ra, rb) and _givens_agree(ra, rb)
               for ra in _readings(a) for rb in _readings(b))


def _informativeness(name: str) -> tuple[int, int, int]:
    """Fully written names first, then more given parts, then longer."""
    readings = _readings(name)
    if not readings:
        return (0, 0, len(name))
    best = readings[0]
    return (int(best.fully_written), len(best.given), len(name))


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One author slot of one record: which record, which position, as written there."""

    record: int
    position: int
    name: str
    page: str | None
    coauthors: frozenset[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Identity:
    """One person: the fullest spelling, every spelling seen, and where they occur."""

    id: int
    canonical: str
    variants: tuple[str, ...]
    occurrences: tuple[Occurrence, ...]

    @property
    def count(self) -> int:
        return len(self.occurrences)


def _coauthor_key(name: str) -> tuple[str, str]:
    readings = _readings(name)
    if not readings:
        return (fold(name), "")
    return (readings[0].family, readings[0].initials[:1])


class AuthorIndex:
    """Identities of the people in many records; build with :meth:`from_publications`.

    ``split_homonyms`` (default on) splits one spelling group into several
    identities when its occurrences share neither a co-author nor a page.
    """

    def __init__(self, occurrences: Sequence[Occurrence], *, split_homonyms: bool = True,
                 native: dict[str, set[str]] | None = None) -> None:
        self._occurrences = tuple(occurrences)
        self._native = native or {}
        groups = self._group_spellings()
        identities: list[Identity] = []
        for spellings in groups:
            members = [o for o in self._occurrences if o.name in spellings]
            parts = self._split(members) if split_homonyms else [members]
            for part in parts:
                identities.append(self._identity(len(identities), part))
        self._identities = tuple(identities)
        self._by_slot = {(o.record, o.position): ident.id for ident in identities for o in ident.occurrences}
        by_spelling: dict[str, list[int]] = defaultdict(list)
        for ident in identities:
            for variant in dict.fromkeys(o.name for o in ident.occurrences):
                by_spelling[variant].append(ident.id)
        self._by_spelling = dict(by_spelling)

    @classmethod
    def from_publications(cls, publications: Iterable[Publication], *, split_homonyms: bool = True) -> AuthorIndex:
        occurrences: list[Occurrence] = []
        native: dict[str, set[str]] = defaultdict(set)
        for record, pub in enumerate(publications):
            keys = [_coauthor_key(a.name) for a in pub.authors]
            for position, author in enumerate(pub.authors):
                others = frozenset(k for i, k in enumerate(keys) if i != position)
                occurrences.append(Occurrence(record, position, author.name, pub.source.path, others))
                native[author.name].update(author.variants)
        return cls(occurrences, split_homonyms=split_homonyms, native=native)

    # -- grouping ---------------------------------------------------------------------------

    def _group_spellings(self) -> list[list[str]]:
        """Complete-linkage groups of compatible spellings, most informative spellings first."""
        frequency = Counter(o.name for o in self._occurrences)
        coauthors: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        for occurrence in self._occurrences:
            coauthors[occurrence.name].update(occurrence.coauthors)
        order = sorted(frequency, key=lambda n: (_informativeness(n), frequency[n], n), reverse=True)
        groups: list[list[str]] = []
        buckets: dict[str, set[int]] = defaultdict(set)
        for name in order:
            keys = {r.family for r in _readings(name)} or {fold(name)}
            candidates = sorted({g for key in keys for g in buckets[key]})
            fits = [g for g in candidates if all(compatible(name, member) for member in groups[g])]
            chosen = fits[0] if len(fits) == 1 else self._by_context(name, fits, groups, coauthors)
            if chosen is None:
                chosen = len(groups)
                groups.append([])
            groups[chosen].append(name)
            for key in keys:
                buckets[key].add(chosen)
        return groups

    @staticmethod
    def _by_context(name: str, fits: list[int], groups: list[list[str]],
                    coauthors: dict[str, Counter[tuple[str, str]]]) -> int | None:
        """The one group whose co-authors overlap this spelling's most; None on a tie or no overlap."""
        if not fits:
            return None
        mine = set(coauthors[name])
        overlap = [(len(mine & {k for m in groups[g] for k in coauthors[m]}), g) for g in fits]
        overlap.sort(reverse=True)
        best, group = overlap[0]
        if best == 0 or (len(overlap) > 1 and overlap[1][0] == best):
            return None
        return group

    @staticmethod
    def _split(members: list[Occurrence]) -> list[list[Occurrence]]:
        """Connected components of occurrences linked by a shared co-author or a shared page."""
        parent = list(range(len(members)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        first_by_link: dict[object, int] = {}
        for index, occurrence in enumerate(members):
            links: list[object] = [("page", occurrence.page)]
            links.extend(("co", key) for key in occurrence.coauthors)
            for link in links:
                if link in first_by_link:
                    parent[find(index)] = find(first_by_link[link])
                else:
                    first_by_link[link] = index
        components: dict[int, list[Occurrence]] = defaultdict(list)
        for index, occurrence in enumerate(members):
            components[find(index)].append(occurrence)
        return list(components.values())

    def _identity(self, number: int, occurrences: list[Occurrence]) -> Identity:
        frequency = Counter(o.name for o in occurrences)
        canonical = max(frequency, key=lambda n: (_informativeness(n)[:2], frequency[n], -len(n), n))
        variants = list(dict.fromkeys(sorted(frequency, key=lambda n: (-frequency[n], n))))
        for spelling in list(variants):
            variants.extend(v for v in sorted(self._native.get(spelling, ())) if v not in variants)
        return Identity(number, canonical, tuple(variants), tuple(occurrences))

    # -- queries ----------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Identity]:
        return iter(self._identities)

    def __len__(self) -> int:
        return len(self._identities)

    def __getitem__(self, identity: int) -> Identity:
        return self._identities[identity]

    def identity_at(self, record: int, position: int) -> int | None:
        """The identity of the author at ``position`` of the ``record``-th publication indexed."""
        return self._by_slot.get((record, position))

    def identity_of(self, name: str, coauthors: Iterable[str] = ()) -> int | None:
        """The identity a spelling belongs to; None when unknown or when it fits several people.

        A spelling never seen is matched by :func:`compatible` against every
        identity. ``coauthors`` (names) pick between homonyms.
        """
        known = self._by_spelling.get(name)
        candidates = known or [i.id for i in self._identities
                               if any(compatible(name, v) for v in dict.fromkeys(o.name for o in i.occurrences))]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            return None
        context = {_coauthor_key(c) for c in coauthors}
        scored = sorted(((sum(len(context & o.coauthors) for o in self._identities[c].occurrences), c)
                         for c in candidates), reverse=True)
        if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
            return scored[0][1]
        return None
