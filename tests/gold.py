"""Comparing extracted records with the hand-labelled gold of the dev pages.

The rules follow ``../shared/eval/score.py`` (titles matched by similarity, names
compared token by token with initials allowed, venues after folding years and
filler words) so that a test failing here means the scorer would count a miss.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pubextract.models import Publication

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
_FILLER = {"in", "proc", "proceedings", "of", "the", "on", "annual", "conference", "international"}


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def same_person(gold: str, pred: str) -> bool:
    g = fold(gold.replace(".", " ").replace("-", " ")).split()
    p = fold(pred.replace(".", " ").replace("-", " ")).split()
    if not g or not p:
        return False
    if sorted(g) == sorted(p) or "".join(g) == "".join(p):
        return True
    if len(g) != len(p):
        return False
    return any(all(a == b or (min(len(a), len(b)) == 1 and a[0] == b[0]) for a, b in zip(g, order))
               for order in (p, p[::-1], p[1:] + p[:1], p[-1:] + p[:-1]))


def venue_key(text: str | None) -> str:
    text = re.sub(r"\b(19|20)\d\d\b|'\d\d\b|’\d\d\b", " ", text or "")
    words = [w for w in fold(text).split() if not w.isdigit()]
    return " ".join([w for w in words if w not in _FILLER] or words)


@dataclass
class Comparison:
    gold_entry: dict
    record: Publication | None

    def problems(self) -> list[str]:
        g, p = self.gold_entry, self.record
        if p is None:
            return ["not found"]
        out = []
        if fold(g["title"]) != fold(p.title):
            out.append(f"title {p.title!r}")
        names = [a.name for a in p.authors]
        if len(names) != len(g["authors"]) or not all(map(same_person, g["authors"], names)):
            out.append(f"authors {names}")
        if g["year"] != p.year and not (g["year"] is None and p.year and g.get("arxiv")):
            out.append(f"year {p.year}")
        wanted = {venue_key(v) for v in [g["venue"], *g.get("venue_aliases", [])] if v}
        got = {venue_key(v) for v in ([p.venue.acronym, p.venue.name, p.venue.as_written] if p.venue else []) if v}
        got.discard("")
        close = any(difflib.SequenceMatcher(None, w, v, autojunk=False).ratio() >= 0.9 for w in wanted for v in got)
        if (wanted and not (wanted & got or close)) or (not wanted and got):
            out.append(f"venue {p.venue}")
        return out


def compare(page: str, records: list[Publication]) -> list[Comparison]:
    """Each required gold entry of ``page`` with the record whose title matches it best."""
    where = Path(page) if Path(page).is_absolute() else PAGES / page
    gold = json.loads(where.with_name(where.stem + ".gold.json").read_text(encoding="utf-8"))
    out = []
    for entry in gold["entries"]:
        if entry.get("optional"):
            continue
        best = max(records, default=None,
                   key=lambda r: difflib.SequenceMatcher(None, fold(entry["title"]), fold(r.title)).ratio())
        if best is not None and difflib.SequenceMatcher(None, fold(entry["title"]), fold(best.title)).ratio() < 0.9:
            best = None
        out.append(Comparison(entry, best))
    return out
