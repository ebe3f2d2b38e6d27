"""Normalise: page-wide decisions that no single entry can make alone.

* The owner: ``--owner`` matched against every spelling on the page, else the
  name the page emphasises (bold/underline) across entries, else the name that
  appears in nearly every entry.
* Author marks: the page's legend (or an entry's own "(* equal contribution)")
  gives each mark its meaning; without one, ``*``/``†`` on several names at the
  front of a list mean equal contribution and a lone one means corresponding;
  ``#`` and ``✉`` mean corresponding.
"""
from __future__ import annotations

import functools
from collections import Counter

import regex

from .entries import read_legend
from .models import Author, Decision, Publication

_EQUAL_DEFAULT = {"*", "†", "‡", "⁎", "∗", "equal"}
_CORRESPONDING_DEFAULT = {"#", "✉", "corresponding"}
_NOT_LETTER = regex.compile(r"[^\p{L}]")
_NOT_LETTER_OR_SPACE = regex.compile(r"[^\p{L} ]")


@functools.lru_cache(maxsize=8192)  # a page repeats the same few names in every entry
def name_key(name: str) -> tuple[str, str]:
    """(family, first initial), folded: "Zhen Zheng", "Z. Zheng" and "Zheng, Zhen" share it."""
    from .authors import split_name

    given, family = split_name(name)
    family_folded = _NOT_LETTER.sub("", (family or "").lower())
    initial = _NOT_LETTER.sub("", (given or "").lower())[:1]
    return family_folded, initial


def _same_person(name: str, owner: str) -> bool:
    a, b = name_key(name), name_key(owner)
    if not a[0] or a[0] != b[0]:
        # "WANG Jue" vs "Jue Wang", or a one-token name like "Shyamsunder"
        folded = sorted(_NOT_LETTER_OR_SPACE.sub(" ", name.lower()).split())
        return folded == sorted(_NOT_LETTER_OR_SPACE.sub(" ", owner.lower()).split())
    return not a[1] or not b[1] or a[1] == b[1]


def infer_owner(publications: list[Publication], hint: str | None = None) -> str | None:
    """The page's person: most emphasised name, else the name in nearly every entry."""
    with_authors = [p for p in publications if p.authors]
    if not with_authors:
        return hint
    emphasised: Counter[tuple[str, str]] = Counter()
    spelled: dict[tuple[str, str], str] = {}
    for pub in with_authors:
        for key in {name_key(a.name) for a in pub.authors if a.is_owner}:
            emphasised[key] += 1
        for author in pub.authors:
            spelled.setdefault(name_key(author.name), author.name)
    if emphasised:
        key, count = emphasised.most_common(1)[0]
        if count >= max(2, len(with_authors) // 4) or len(with_authors) <= 2:
            return spelled[key]
    if hint:
        return hint
    present: Counter[tuple[str, str]] = Counter()
    for pub in with_authors:
        for key in {name_key(a.name) for a in pub.authors}:
            present[key] += 1
    key, count = present.most_common(1)[0]
    if len(with_authors) >= 3 and count >= 0.6 * len(with_authors):
        return spelled[key]
    return None


def _mark_meaning(mark: str, legend: dict[str, str], marked_positions: list[int], total: int) -> str | None:
    if mark in legend:
        return legend[mark]
    if mark in _CORRESPONDING_DEFAULT:
        return "corresponding"
    if mark in _EQUAL_DEFAULT:
        at_front = len(marked_positions) >= 2 and marked_positions == list(range(len(marked_positions)))
        several = len(marked_positions) >= 2
        return "equal" if (at_front or several) else "corresponding"
    return None


def apply_marks(pub: Publication, page_legend: dict[str, str]) -> Publication:
    legend = {**page_legend, **read_legend(pub.source.raw)}
    by_mark: dict[str, list[int]] = {}
    for position, author in enumerate(pub.authors):
        for mark in author.markers:
            by_mark.setdefault(mark, []).append(position)
    if not by_mark:
        return pub
    authors = []
    rules = []
    for position, author in enumerate(pub.authors):
        equal = corresponding = False
        for mark in author.markers:
            meaning = _mark_meaning(mark, legend, by_mark[mark], len(pub.authors))
            equal |= meaning == "equal"
            corresponding |= meaning == "corresponding"
        authors.append(author.model_copy(update={"equal_contribution": equal, "corresponding": corresponding}))
    rules.append(Decision(field="markers", rule="page legend" if legend else "default meanings",
                          confidence=0.9 if legend else 0.6))
    return pub.model_copy(update={"authors": tuple(authors), "decisions": pub.decisions + tuple(rules)})


def mark_owner(pub: Publication, owner: str | None, explicit: bool) -> Publication:
    """Flag the owner's name wherever it is spelled compatibly; drop stray emphasis."""
    authors: list[Author] = []
    changed = False
    for author in pub.authors:
        is_owner = owner is not None and _same_person(author.name, owner)
        if not explicit and owner is None:
            is_owner = author.is_owner
        if is_owner != author.is_owner:
            changed = True
        authors.append(author.model_copy(update={"is_owner": is_owner}) if is_owner != author.is_owner else author)
    if not changed:
        return pub
    return pub.model_copy(update={"authors": tuple(authors)})


def normalise(publications: list[Publication], *, legend: dict[str, str], owner: str | None,
              owner_hint: str | None = None) -> list[Publication]:
    """Apply the page-wide rules to every entry of one page."""
    explicit = owner is not None
    resolved = owner if explicit else infer_owner(publications, owner_hint)
    out = []
    for pub in publications:
        pub = apply_marks(pub, legend)
        pub = mark_owner(pub, resolved, explicit)
        out.append(pub)
    return out
