"""Normalise: page-wide decisions that no single entry can make alone.

* The owner: ``--owner`` matched against every spelling on the page
  (:func:`pubextract.identity.compatible`: "Zhen Zheng" ~ "Z. Zheng" ~ "Zheng, Z."),
  else the name the page emphasises (bold/underline/code) across entries, else
  the page's own hint (front matter, "I am ...") when some entry spells it,
  else the name that appears in nearly every entry.
* Author marks: the page's legend (or an entry's own "(* equal contribution)")
  gives each mark its meaning; without one, ``*``/``†`` on several names mean
  equal contribution and a lone one means corresponding; ``#`` and ``✉`` mean
  corresponding. Each entry records which rule decided.
* Pages that never write the owner ("with X and Y"): the owner is added to such
  entries only when asked (``add_owner``), and the entry records it.
"""
from __future__ import annotations

import functools
from collections import Counter

from ._rx import Lazy
from .authors import looks_like_name, split_name
from .entries import read_legend
from .identity import compatible, fold
from .models import Author, Decision, Publication

_EQUAL_DEFAULT = {"*", "†", "‡", "⁎", "∗", "equal"}
_CORRESPONDING_DEFAULT = {"#", "✉", "corresponding"}
_NOT_LETTER = Lazy(r"[^\p{L}]")


@functools.lru_cache(maxsize=8192)  # a page repeats the same few names in every entry
def name_key(name: str) -> tuple[str, str]:
    """(family, first initial), folded: "Zhen Zheng", "Z. Zheng" and "Zheng, Zhen" share it."""
    given, family = split_name(name)
    family_folded = _NOT_LETTER.sub("", (family or "").lower())
    initial = _NOT_LETTER.sub("", (given or "").lower())[:1]
    return family_folded, initial


def _emphasis_counts(pub: Publication) -> bool:
    """Whether an entry's bold names single someone out (not a whole list set in bold)."""
    marked = sum(1 for a in pub.authors if a.is_owner)
    return 0 < marked and (marked < len(pub.authors) or len(pub.authors) == 1)


def infer_owner(publications: list[Publication], hint: str | None = None) -> str | None:
    """The page's person: most emphasised name, else the page's hint, else the name in nearly every entry
    (of those whose list of names is complete, when three or more are)."""
    usable_hint = hint if hint and looks_like_name(hint) else None
    with_authors = [p for p in publications if p.authors and not omits_owner(p)]
    if not with_authors:
        return usable_hint
    emphasised: Counter[tuple[str, str]] = Counter()
    spelled: dict[tuple[str, str], str] = {}
    keys = []  # each entry's name keys, once
    for pub in with_authors:
        names = [author.name for author in pub.authors]
        pub_keys = list(map(name_key, names))
        keys.append(pub_keys)
        if _emphasis_counts(pub):
            emphasised.update(dict.fromkeys(k for k, a in zip(pub_keys, pub.authors) if a.is_owner).keys())
        for key, name in zip(pub_keys, names):
            spelled.setdefault(key, name)
    if emphasised:
        key, count = emphasised.most_common(1)[0]
        if count >= max(2, len(with_authors) // 4) or len(with_authors) <= 2:
            return spelled[key]
    if usable_hint and any(compatible(a.name, usable_hint) for p in with_authors for a in p.authors):
        return usable_hint
    # an "et al." list may hide the owner behind it: the share is that of the lists written in full
    complete = [p for p in with_authors if not p.authors_truncated]
    counted = complete if len(complete) >= 3 else with_authors
    present: Counter[tuple[str, str]] = Counter()
    counted_keys = keys if counted is with_authors else [
        pub_keys for pub_keys, pub in zip(keys, with_authors) if not pub.authors_truncated]
    for pub_keys in counted_keys:
        present.update(dict.fromkeys(pub_keys).keys())
    key, count = present.most_common(1)[0]
    if len(counted) >= 3 and count >= 0.6 * len(counted):
        return spelled[key]
    if len(counted) >= 3:  # one person spelled several ways ("Julianne Sansa Otim", "J. Sansa-Otim", "Otim, J.S.")
        for key, _ in present.most_common(3):
            holding = sum(1 for pub in counted if any(compatible(spelled[key], a.name) for a in pub.authors))
            if holding >= 0.6 * len(counted):
                return spelled[key]
    return usable_hint


def _mark_meaning(mark: str, legend: dict[str, str], marked_positions: list[int]) -> tuple[str | None, str]:
    """What a mark means here, and the rule that said so."""
    if mark in legend:
        return legend[mark], "legend"
    if mark in _CORRESPONDING_DEFAULT:
        return "corresponding", f"default: {mark} is corresponding"
    if mark in _EQUAL_DEFAULT:
        if len(marked_positions) >= 2:
            return "equal", f"default: {mark} on several names is equal contribution"
        return "corresponding", f"default: {mark} on one name is corresponding"
    return None, f"default: {mark} has no meaning without a legend"


def apply_marks(pub: Publication, page_legend: dict[str, str]) -> Publication:
    by_mark: dict[str, list[int]] = {}
    for position, author in enumerate(pub.authors):
        for mark in author.markers:
            by_mark.setdefault(mark, []).append(position)
    if not by_mark:
        return pub
    legend = {**page_legend, **read_legend(pub.source.raw)}
    authors = []
    rules: dict[str, None] = {}
    for author in pub.authors:
        equal = corresponding = False
        for mark in author.markers:
            meaning, rule = _mark_meaning(mark, legend, by_mark[mark])
            rules[rule] = None
            equal |= meaning == "equal"
            corresponding |= meaning == "corresponding"
        unchanged = (author.equal_contribution, author.corresponding) == (equal, corresponding)
        authors.append(author if unchanged else
                       author.model_copy(update={"equal_contribution": equal, "corresponding": corresponding}))
    from_legend = all(rule == "legend" for rule in rules)
    decision = Decision(field="markers", rule="; ".join(rules), confidence=0.9 if from_legend else 0.6)
    return pub.model_copy(update={"authors": tuple(authors), "decisions": pub.decisions + (decision,)})


def _owner_position(pub: Publication, owner: str) -> int | None:
    """Which author is the owner: among the compatible spellings, the emphasised, then the exact one."""
    matches = [i for i, a in enumerate(pub.authors) if compatible(a.name, owner)]
    if len(matches) <= 1:
        return matches[0] if matches else None
    return min(matches, key=lambda i: (not pub.authors[i].is_owner, fold(pub.authors[i].name) != fold(owner), i))


def omits_owner(pub: Publication) -> bool:
    """An entry whose names are only the co-authors ("with X and Y"): the owner is not among them."""
    for decision in pub.decisions:  # the first decision on the authors, as Publication.decision finds it
        if decision.field == "authors":
            return decision.rule.startswith("joint-with")
    return False


def mark_owner(pub: Publication, owner: str | None, explicit: bool) -> Publication:
    """Flag the owner's name where it is spelled compatibly (once per entry); drop stray emphasis."""
    return _mark_owner(pub, owner, explicit, {})


#: Authors re-flagged on one page, by (id of the record, flag): the same record recurs in many entries.
_Flagged = dict[tuple[int, bool], tuple[Author, Author]]


def _mark_owner(pub: Publication, owner: str | None, explicit: bool, flagged: _Flagged) -> Publication:
    if owner is None and not explicit:
        return pub
    position = _owner_position(pub, owner) if owner is not None and not omits_owner(pub) else None
    authors = pub.authors
    if all(a.is_owner == (i == position) for i, a in enumerate(authors)):
        return pub
    changed = []
    for i, author in enumerate(authors):
        wanted = i == position
        if author.is_owner != wanted:
            done = flagged.get((id(author), wanted))
            if done is None or done[0] is not author:
                done = flagged[id(author), wanted] = (author, author.model_copy(update={"is_owner": wanted}))
            author = done[1]
        changed.append(author)
    return pub.model_copy(update={"authors": tuple(changed)})


def add_missing_owner(pub: Publication, owner: str) -> Publication:
    """Put the owner first in an entry that never writes them ("with X and Y", or no names at all)."""
    unwritten = not pub.authors or omits_owner(pub)
    if not unwritten or any(a.is_owner for a in pub.authors):
        return pub
    given, family = split_name(owner)
    added = Author(name=owner, given=given, family=family, is_owner=True)
    decision = Decision(field="owner", rule="owner added first on request; the page does not write them",
                        confidence=0.5)
    return pub.model_copy(update={"authors": (added, *pub.authors), "decisions": pub.decisions + (decision,)})


def normalise(publications: list[Publication], *, legend: dict[str, str], owner: str | None,
              owner_hint: str | None = None, add_owner: bool = False) -> list[Publication]:
    """Apply the page-wide rules to every entry of one page.

    ``add_owner`` puts the owner into entries that never write them; without
    it such entries keep only the names they show.
    """
    explicit = owner is not None
    resolved = owner if explicit else infer_owner(publications, owner_hint)
    out = []
    flagged: _Flagged = {}
    for pub in publications:
        pub = apply_marks(pub, legend)
        pub = _mark_owner(pub, resolved, explicit, flagged)
        if add_owner and resolved is not None:
            pub = add_missing_owner(pub, resolved)
        out.append(pub)
    return out
