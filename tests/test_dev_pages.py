"""End-to-end on the real dev pages: the figures the issues promise must hold.

Seeds 000, 001, 003 and 004 (Markdown homepages the project started from) must
come out perfect, entry by entry; the other pages are held to recall floors so
a regression in any stage shows up here first.
"""
from __future__ import annotations

import pytest

import pubextract
from tests.gold import PAGES, compare

SEEDS = ["000_d72f305e6d0c41d5.txt", "001_9c2814318dd6f793.txt", "003_063b118cda4a1f2d.txt",
         "004_8522c0a1baac56ea.txt"]


@pytest.mark.parametrize("page", SEEDS)
def test_seed_page_every_entry_right(page: str) -> None:
    records = pubextract.extract(PAGES / page)
    problems = {c.gold_entry["title"][:50]: c.problems() for c in compare(page, records) if c.problems()}
    assert problems == {}


MARKDOWN_PAGES = sorted(p.name for p in PAGES.glob("*.md"))


@pytest.mark.parametrize("page", MARKDOWN_PAGES)
def test_markdown_page_finds_its_entries(page: str) -> None:
    records = pubextract.extract(PAGES / page)
    comparisons = compare(page, records)
    found = sum(c.record is not None for c in comparisons)
    assert found >= 0.9 * len(comparisons), [c.gold_entry["title"] for c in comparisons if c.record is None]
    assert len(records) <= 1.1 * len(comparisons) + 1


def test_source_lines_are_distinct_and_inside_the_page() -> None:
    for page in SEEDS + MARKDOWN_PAGES:
        text = (PAGES / page).read_text(encoding="utf-8", errors="replace")
        records = pubextract.extract(PAGES / page)
        starts = [r.source.line_start for r in records]
        assert len(set(starts)) == len(starts), page
        assert all(1 <= r.source.line_start <= r.source.line_end <= text.count("\n") + 1 for r in records), page


def test_seed_001_first_entry_lines() -> None:
    first = pubextract.extract(PAGES / "001_9c2814318dd6f793.txt")[0]
    assert (first.source.line_start, first.source.line_end) == (41, 43)
    assert first.venue is not None and first.venue.as_written == "EuroSys"


HOLDOUT = PAGES.parent / "holdout"
#: Floors for the hand-labelled pages the parser was not written against (fixtures/holdout):
#: share of required entries found, and share found with title, authors, year and venue right.
HOLDOUT_FLOORS = {"markdown": (0.97, 0.87), "other": (0.95, 0.88), "round2a": (0.85, 0.85), "round2b": (0.95, 0.86),
                  "round3a": (0.95, 0.92), "round3b": (0.88, 0.75),
                  "round4a": (0.9, 0.85), "round4b": (0.95, 0.95),
                  "round5a": (0.97, 0.95), "round5b": (0.95, 0.95),
                  "round6a": (0.95, 0.9), "round6b": (0.97, 0.88),
                  "round7a": (0.93, 0.68), "round7b": (0.97, 0.83), "round7c": (0.97, 0.93), "round7d": (0.85, 0.82),
                  "round8a": (0.95, 0.93), "round8b": (0.93, 0.92), "round8c": (0.97, 0.9),
                  "round9a": (0.9, 0.8), "round9b": (0.97, 0.95), "round9c": (0.95, 0.87)}


@pytest.mark.parametrize("folder", sorted(HOLDOUT_FLOORS))
def test_holdout_pages_hold_their_floor(folder: str) -> None:
    found = perfect = total = 0
    for gold in sorted((HOLDOUT / folder).glob("*.gold.json")):
        page = next(p for p in gold.parent.iterdir() if p.name.startswith(gold.name[:-len(".gold.json")] + ".")
                    and not p.name.endswith(".gold.json"))
        comparisons = compare(str(page), pubextract.extract(page))
        total += len(comparisons)
        found += sum(c.record is not None for c in comparisons)
        perfect += sum(c.record is not None and not c.problems() for c in comparisons)
    recall_floor, perfect_floor = HOLDOUT_FLOORS[folder]
    assert found >= recall_floor * total and perfect >= perfect_floor * total, (found, perfect, total)
