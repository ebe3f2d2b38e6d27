"""Field reading, table-driven from ``fixtures/entries/cases.toml`` (real entries)."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import pubextract
from tests.gold import same_person, venue_key

CASES = tomllib.loads((Path(__file__).parent.parent / "fixtures" / "entries" / "cases.toml")
                      .read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_entry_fields(case: dict) -> None:
    fmt = case.get("format", "markdown")
    page = case["page"] if fmt != "markdown" else "# Publications\n" + case["page"]
    if fmt == "text":
        page = "Publications\n\n" + case["page"].strip("\n") + "\n"
    records = pubextract.extract_text(page, format=fmt)
    assert len(records) == 1, [r.title for r in records]
    record = records[0]
    assert record.title == case["title"]
    names = [a.name for a in record.authors]
    assert len(names) == len(case["authors"]) and all(map(same_person, case["authors"], names)), names
    assert record.authors_truncated == case.get("truncated", False)
    assert record.year == case.get("year")
    if case.get("no_venue"):
        assert record.venue is None, record.venue
    if "venue" in case:
        assert record.venue is not None
        got = {venue_key(v) for v in (record.venue.acronym, record.venue.name, record.venue.as_written) if v}
        assert venue_key(case["venue"]) in got, record.venue
    if case.get("no_venue"):
        assert record.venue is None, record.venue
    for key in ("doi", "arxiv"):
        if key in case:
            assert getattr(record.ids, key) == case[key]
    if case.get("no_doi"):
        assert record.ids.doi is None, record.ids.doi
    if "status" in case:
        assert record.status.value == case["status"]
    if "kind" in case:
        assert record.kind.value == case["kind"]
    if "owner" in case:
        assert [i for i, a in enumerate(record.authors) if a.is_owner] == case["owner"]
    if "equal" in case:
        assert [i for i, a in enumerate(record.authors) if a.equal_contribution] == case["equal"]


def test_every_choice_is_recorded() -> None:
    record = pubextract.extract_text("# Publications\n" + CASES[0]["page"])[0]
    assert record.decision("title") is not None and record.decision("title").rule == "quoted"
