"""Org-mode reader: the line-for-line rewrite to CommonMark, and what the pipeline reads from it."""
from __future__ import annotations

import pytest

import pubextract
from pubextract.readers import choose_format
from pubextract.readers.org import org_to_markdown

CASES = [
    ("* Regulatory Arbitrage :paper:", "# Regulatory Arbitrage"),
    ("** Journal Articles", "## Journal Articles"),
    ("#+TITLE: Publications", ""),
    ("# a comment", ""),
    (":PROPERTIES:", ""),
    ("74 /Stan. L. Rev./ (forthcoming, 2022)\\\\", "74 *Stan. L. Rev.* (forthcoming, 2022)\\"),
    ("  /Irmler, Andreas and *Gallo, Alejandro*/\\\\", "  *Irmler, Andreas and **Gallo, Alejandro***\\"),
    ("  /*Alejandro Gallo*/\\\\", "  ***Alejandro Gallo***\\"),
    ("[[https://doi.org/10.1063/5.0050054][doi]]", "[doi](<https://doi.org/10.1063/5.0050054>)"),
    ("[[https://example.org/a_b]]", "[https://example.org/a\\_b](<https://example.org/a_b>)"),
    ("1. *Title* \\\\", "1. **Title**\\"),
    ("- Presented at JCLAW (2020*), Yale (2015*).", "- Presented at JCLAW (2020\\*), Yale (2015\\*)."),
    ("_underlined_ and =code= and +gone+", "<u>underlined</u> and `code` and ~~gone~~"),
    ("a/b/c and 3*4*5", "a/b/c and 3\\*4\\*5"),
    # emphasis of any length on its line: a twenty-author list in italics is still italic
    ("  /" + " and ".join(["Family, Given"] * 20) + "/\\\\", "  *" + " and ".join(["Family, Given"] * 20) + "*\\"),
]


@pytest.mark.parametrize(("org", "markdown"), CASES)
def test_org_line_becomes_markdown(org: str, markdown: str) -> None:
    assert org_to_markdown(org) == markdown


def test_rewrite_keeps_every_line() -> None:
    page = "* A\n#+OPTIONS: toc:nil\n\n1. *B* \\\\\n  /C and D/\\\\\n"
    assert org_to_markdown(page).count("\n") == page.count("\n")


def test_org_page_gives_authors_owner_and_links(tmp_path) -> None:
    page = tmp_path / "publications.org"
    page.write_text("1. *Focal-point approach with pair-specific cusp correction for coupled-cluster theory* \\\\\n"
                    "  /Irmler, Andreas and *Gallo, Alejandro* and Grüneis, Andreas/\\\\\n"
                    "  *2021*, AIP Publishing\n"
                    "  [[https://doi.org/10.1063/5.0050054][doi]]\n", encoding="utf-8")
    assert choose_format(page.read_text(encoding="utf-8"), str(page), None) == "org"
    (record,) = pubextract.extract(page)
    assert record.title == "Focal-point approach with pair-specific cusp correction for coupled-cluster theory"
    assert [a.name for a in record.authors] == ["Irmler, Andreas", "Gallo, Alejandro", "Grüneis, Andreas"]
    assert [a.is_owner for a in record.authors] == [False, True, False]
    assert record.year == 2021 and record.ids.doi == "10.1063/5.0050054"
    assert record.source.line_start == 1
