"""Every export of every dev page: BibTeX that bibtexparser, pybtex and a real bibtex accept,
CSL-JSON valid against the official schema, RIS, al-folio and academicpages, and a round trip."""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from pybtex.database import parse_string

from pubextract import export
from pubextract.models import Author, Kind, Publication, Source, Venue
from pubextract.pipeline import extract_page

PAGES = sorted(p for p in (Path(__file__).parent.parent / "fixtures" / "pages").iterdir()
               if p.suffix in {".md", ".html", ".txt", ".tex"})
DATA = Path(__file__).parent / "data"


@functools.cache
def publications(page: Path) -> tuple[Publication, ...]:
    return extract_page(page).publications


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_bibtex_loads_and_round_trips(page: Path) -> None:
    pubs = publications(page)
    text = export.render(pubs, "bibtex")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert len(library.entries) == len(pubs)
    assert len({e.key for e in library.entries}) == len(pubs)
    parse_string(text, "bibtex")  # pybtex raises on anything it cannot read
    for pub, entry in zip(pubs, library.entries):
        if pub.year:
            assert entry["year"] == str(pub.year)
        if pub.title:
            title = entry["title"].replace("{", "").replace("}", "")
            assert title.split()[:3] == pub.title.replace("{", "(").split()[:3] or "\\" in title
        assert entry.get("author") is None or entry["author"].count(" and ") + 1 == (
            len(pub.authors) + pub.authors_truncated)


def test_acronym_braces_survive_encoding() -> None:
    pub = Publication(title="BladeDISC: Optimizing Dynamic Shape Workloads for Café", year=2024,
                      kind=Kind.CONFERENCE, authors=(Author(name="Zhen Zheng", given="Zhen", family="Zheng"),),
                      venue=Venue(name="ACM SIGMOD International Conference on Management of Data",
                                  acronym="SIGMOD", as_written="SIGMOD"),
                      source=Source(line_start=1, line_end=1))
    text = export.render([pub], "bibtex")
    assert "{BladeDISC}" in text and "\\{" not in text
    assert "Caf{\\'e}" in text
    assert "@inproceedings{zheng2024bladedisc," in text and "booktitle" in text


def test_a_letter_encoded_as_a_command_is_not_braced_again() -> None:
    """ "Þ" is ``{\\TH}``: its capitals are a command's name, and bracing them would unbalance the value."""
    pub = Publication(title="ÞING and Ærø", kind=Kind.OTHER, source=Source(line_start=1, line_end=1))
    text = export.render([pub], "bibtex")
    assert "{\\TH}" in text and "\\{" not in text
    assert not bibtexparser.parse_string(text).failed_blocks


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_csl_json_is_valid(page: Path) -> None:
    schema = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))
    items = json.loads(export.render(publications(page), "csl-json"))
    jsonschema.validate(items, schema)


@pytest.mark.parametrize("page", PAGES[:4], ids=lambda p: p.name)
def test_ris_alfolio_academicpages(page: Path) -> None:
    pubs = publications(page)
    ris = export.render(pubs, "ris")
    assert ris.count("TY  - ") == len(pubs) == ris.count("ER  -")
    alfolio = bibtexparser.parse_string(export.render(pubs, "alfolio"))
    assert not alfolio.failed_blocks
    assert all(e["bibtex_show"] == "true" for e in alfolio.entries)
    pages = export.files(pubs, "academicpages")
    assert len(pages) == len(pubs)
    assert all(text.startswith("---\ntitle: ") and "\ncitation: " in text for text in pages.values())


def _bibtex_available() -> bool:
    if shutil.which("bibtex"):
        return True
    if os.environ.get("CI") == "true":
        pytest.fail("bibtex is missing under CI (.ci/run installs texlive-binaries)")
    pytest.skip("bibtex is not installed")
    return False


_ALLOWED_WARNING = ("empty year", "empty journal", "empty booktitle", "empty author", "empty title",
                    "empty publisher", "empty school", "empty institution", "empty chapter and pages",
                    "empty address", "empty howpublished", "no number and no volume", "can't use both author and editor")


def test_real_bibtex_run(tmp_path: Path) -> None:
    _bibtex_available()
    keys = []
    with (tmp_path / "refs.bib").open("w", encoding="utf-8") as bib:
        for index, page in enumerate(PAGES):
            text = export.render(publications(page), "bibtex")
            # keys are unique per file; prefix them per page so one document can cite every page's entries
            library = bibtexparser.parse_string(text)
            for entry in library.entries:
                entry.key = f"p{index}{entry.key}"
                keys.append(entry.key)
            bib.write(bibtexparser.write_string(library))
    (tmp_path / "doc.aux").write_text("\\relax\n" + "".join(f"\\citation{{{k}}}\n" for k in keys)
                                      + "\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
    run = subprocess.run(["bibtex", "doc"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    log = run.stdout + run.stderr
    assert "error message" not in log, log[-3000:]
    warnings = [line for line in log.splitlines() if line.startswith("Warning--")]
    unexpected = [w for w in warnings if not any(a in w for a in _ALLOWED_WARNING)]
    assert not unexpected, unexpected[:20]
