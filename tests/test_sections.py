"""Sections and entries: which blocks are a publication list, and how they group."""
from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

import pubextract
from pubextract.entries import read_legend, segment
from pubextract.pipeline import extract_text
from pubextract.readers import read_text
from pubextract.sections import (
    HeadingClass,
    Relevance,
    classify_heading,
    split_sections,
)


@pytest.mark.parametrize(("heading", "expected"), [
    ("Publications", HeadingClass.PUBLICATIONS),
    ("📝 Selected Recent Publications", HeadingClass.PUBLICATIONS),
    ("Journal Articles:", HeadingClass.PUBLICATIONS),
    ("Conference Papers", HeadingClass.PUBLICATIONS),
    ("Preprints", HeadingClass.PUBLICATIONS),
    ("Work in progress:", HeadingClass.PUBLICATIONS),
    ("Unpublished", HeadingClass.PUBLICATIONS),  # manuscripts forthcoming, under review, in preparation
    ("Publications and Talks", HeadingClass.PUBLICATIONS),
    ("Conference Participation", HeadingClass.OTHER),
    ("Talks and Tutorials", HeadingClass.OTHER),
    ("News", HeadingClass.OTHER),
    ("Teaching", HeadingClass.OTHER),
    ("Reviewer Service", HeadingClass.OTHER),
    ("Workshops", HeadingClass.PUBLICATIONS),  # not "work" (Hofleitner)
    ("Posters", HeadingClass.OTHER),  # presented, like a talk (the holdout pages list them apart)
    ("Workshop Organization", HeadingClass.OTHER),
    ("Work Experience", HeadingClass.OTHER),
    ("Data Repositories", HeadingClass.OTHER),  # Zenodo records of a paper's data, not papers (janihuuh)
    ("2024", HeadingClass.NEUTRAL),
    ("Machine Learning Systems", HeadingClass.NEUTRAL),
    ("Bioengineering & Biomedical Engineering", HeadingClass.NEUTRAL),  # a topic, not "Bio"
    ("Short Bio", HeadingClass.OTHER),
    ("Prior Work", HeadingClass.PUBLICATIONS),  # the owner's earlier papers, unlike "Work Experience"
    ("Work Experience", HeadingClass.OTHER),
    ("Reviewing:", HeadingClass.OTHER),
])
def test_classify_heading(heading: str, expected: HeadingClass) -> None:
    assert classify_heading(heading)[0] is expected


def test_heading_lexicon_lists_are_disjoint() -> None:
    data = tomllib.loads(resources.files("pubextract.data").joinpath("headings.toml").read_text("utf-8"))
    publications = set(data["publications"]["stems"]) | set(data["strong"]["stems"])
    assert publications.isdisjoint(data["other"]["stems"])
    for table in data.values():
        assert len(table["stems"]) == len(set(table["stems"]))


PAGE = """# About

I am a researcher.

## News

- 2024: Our paper "A news item that mentions a paper title" won an award.

## Publications

### 2024

- **A first paper title about systems**
  Ana Silva, **Bo Chen**. OSDI 2024.
  - [PDF](a.pdf)
- **A second paper title about learning**
  **Bo Chen**, Carl Diaz. NeurIPS 2023.

(* equal contribution, † corresponding author)

### Books

**Deep things**

- Bo Chen. *A book title of some length*. MIT Press, 2020.

## Teaching

- CS101, Introduction to Computing, Fall 2020, with many students and a long description.
"""


def test_sections_mark_publication_lists_and_inherit_through_neutral_headings() -> None:
    sections = split_sections(read_text(PAGE, format="markdown"))
    relevance = {h.text: s.relevance for s in sections for h in s.headings[-1:]}
    relevance["Books"] = next(s.relevance for s in sections if "Books" in [h.text for h in s.headings])
    assert relevance["News"] is Relevance.OUT and relevance["Teaching"] is Relevance.OUT
    assert relevance["2024"] is Relevance.IN and relevance["Books"] is Relevance.IN
    assert relevance["About"] is Relevance.OUT  # text no heading claims, on a page that has a list
    year = next(s for s in sections if s.title == "2024")
    assert year.year == 2024


def test_entries_group_sub_bullets_and_read_the_legend() -> None:
    seg = segment(read_text(PAGE, format="markdown"))
    assert [e.text.split("\n")[0] for e in seg.entries] == [
        "A first paper title about systems", "A second paper title about learning",
        "Bo Chen. A book title of some length. MIT Press, 2020."]
    assert seg.entries[0].text.endswith("PDF")  # the nested links item belongs to its paper
    assert seg.legend.meanings == {"*": "equal", "†": "corresponding"}
    reasons = {s.reason for s in seg.skipped}
    assert any("not a publication list" in r for r in reasons)


def test_group_items_let_nested_papers_be_entries() -> None:
    page = ("# Publications\n\n- 2023\n  - Ana Silva, Bo Chen. A paper in a year group. ICML 2023.\n"
            "  - Bo Chen. Another paper in the same group. ICLR 2023.\n")
    titles = [p.title for p in pubextract.extract_text(page)]
    assert titles == ["A paper in a year group", "Another paper in the same group"]


def test_a_page_without_headings_is_still_read() -> None:
    page = ("Ana Silva and Bo Chen. A paper on a page with no headings. In Proceedings of ICML, 2023.\n\n"
            "Bo Chen. Another paper with no heading above it. Journal of Things, 12(3), 2021.\n")
    assert len(pubextract.extract_text(page, format="markdown")) == 2


@pytest.mark.parametrize("legend,expected", [
    ("(* equal contribution, † corresponding author)", {"*": "equal", "†": "corresponding"}),
    ("*means equal contribution", {"*": "equal"}),
    ("# denotes the corresponding author", {"#": "corresponding"}),
])
def test_read_legend(legend: str, expected: dict[str, str]) -> None:
    assert read_legend(legend) == expected


def test_a_venue_paragraph_finishes_the_citation_above_it() -> None:
    page = ("# Publications\n\nAna Silva, Bo Chen. *A paper whose venue is on the next line*.\n\n"
            "[ICML 2024](https://openreview.net/x) [[Paper](https://arxiv.org/pdf/2405.01762)]\n\n"
            "Bo Chen, Carl Diaz. *Another paper of the same page layout*.\n\n"
            "[ICLR 2022 (Spotlight)](https://openreview.net/y)\n")
    records = pubextract.extract_text(page)
    assert [(r.title, r.year, r.venue.acronym if r.venue else None) for r in records] == [
        ("A paper whose venue is on the next line", 2024, "ICML"),
        ("Another paper of the same page layout", 2022, "ICLR")]


SEGMENT_CASES = tomllib.loads((Path(__file__).parent.parent / "fixtures" / "entries" / "segments.toml")
                              .read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", SEGMENT_CASES, ids=[c["name"] for c in SEGMENT_CASES])
def test_page_layouts_cut_into_entries(case: dict) -> None:
    records = pubextract.extract_text(case["page"], format=case.get("format", "markdown"))
    assert [r.title for r in records] == case["titles"]


def test_a_headingless_list_whose_names_follow_joint_with_is_read() -> None:
    """lucy-kim: no publication heading, and the only names are "joint with" co-authors."""
    page = ("---\nlayout: page\ntitle: Research\n---\n\n"
            "- **Indirect effects of performance pay for hospitals: Evidence from post-acute care** (2018), joint with "
            "[Guy David](https://hcmg.wharton.upenn.edu/profile/gdavid2/) and "
            "[Atul Gupta](https://hcmg.wharton.upenn.edu/profile/atulgup/). Pending submission.\n\n"
            "- **Macroeconomic Fluctuations and Poverty** (2012), joint with "
            "[Philip Jefferson](http://www.swarthmore.edu/profile/philip-jefferson), "
            "_The Oxford Handbook of the Economics of Poverty_\n")
    records = pubextract.extract_text(page, format="markdown")
    assert [(r.title, [a.name for a in r.authors]) for r in records] == [
        ("Indirect effects of performance pay for hospitals: Evidence from post-acute care", ["Guy David", "Atul Gupta"]),
        ("Macroeconomic Fluctuations and Poverty", ["Philip Jefferson"])]


def test_a_coauthor_line_without_a_title_is_no_record() -> None:
    """TMKempton: a card's "With K. Falconer. Published in …" read apart from its title is a fragment."""
    page = ("# Publications\n\nWith K. Falconer and J. Fraser. Published in "
            "[Mathematische Zeitschrift](https://link.springer.com/article/10.1007/s00209-019-02452-0), 2019.\n")
    extraction = extract_text(page, format="markdown")
    assert extraction.publications == ()
    assert [s.reason for s in extraction.skipped] == ["no title or authors could be read"]


def test_a_heading_with_links_in_brackets_heads_a_list_not_a_paper() -> None:
    """"Selected Works ([Google Scholar](…), [Semantic Scholar](…))" over "Title <br> names": its
    words in brackets do not make it a long paper title (ofirpress)."""
    page = ("### Mentees:\n[Carlos Jimenez](https://x.org/c) (2023- , Princeton PhD) <br>\n\n"
            "### Selected Works ([Google Scholar](https://x.org/g), [Semantic Scholar](https://x.org/s))\n\n"
            "[SWE-bench](https://swebench.com) <br>\nCarlos E. Jimenez, John Yang, Alexander Wettig <br>\n"
            "ICLR 2024 (Oral) <br>\n")
    sections = split_sections(read_text(page, format="markdown"))
    works = next(s for s in sections if s.title and s.title.startswith("Selected Works"))
    assert works.relevance is Relevance.IN
    assert [p.title for p in pubextract.extract_text(page)] == ["SWE-bench"]


def test_a_block_opening_with_a_linked_title_is_a_citation_on_a_page_without_headings() -> None:
    """An academicpages page with no heading: "**[Title](…)** \\ names \\ [[github](…)]" names no venue
    or year, but opens with a linked title like the entries beside it (namezhenzhang)."""
    page = ("**[Certified Robustness for Large Language Models with Self-Denoising](https://arxiv.org/abs/2307.07171)** \\\n"
            "**Zhen Zhang**, Guanhua Zhang, Bairu Hou, Wenqi Fan \\\n[[github](https://github.com/x/y)]\n\n"
            "**[Sparse Structure Search for Delta Tuning](https://openreview.net/forum?id=1)** \\\n"
            "Shengding Hu, **Zhen Zhang**, Ning Ding \\\nNeurIPS 2022 \\\n")
    titles = [p.title for p in pubextract.extract_text(page, format="markdown")]
    assert titles == ["Certified Robustness for Large Language Models with Self-Denoising",
                      "Sparse Structure Search for Delta Tuning"]
