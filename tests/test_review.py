"""The review report and --explain: verdicts per field, hostile page text, and a real browser."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from pubextract.cli import main
from pubextract.models import Decision, MergedPublication, Publication, Source, Venue
from pubextract.pipeline import extract_page, extract_text
from pubextract.review import (
    CITATION_FIELDS,
    LOW_CONFIDENCE,
    explain,
    field_checks,
    low_fields,
    render_merged,
    render_report,
)

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "fixtures" / "pages"
ARTIFACTS = ROOT / "artifacts"
BROWSER_PAGE = PAGES / "desh2608__desh2608.github.io__publications.md"

HOSTILE = """# Publications

- <script>alert("page")</script> Ann Lee, Bo Chen. "A <b>bold</b> & <img src=x onerror=alert(1)> study". In CHI 2021.
- Ann Lee. "Second paper about things". [code](javascript:alert(2)) NeurIPS 2020.

# Talks

- Keynote at the <iframe src="https://evil.example/"></iframe> workshop, 2019, Paris.
"""

#: Everything the report itself may contain; a page's markup must never add to it.
REPORT_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "section", "div",
               "b", "span", "ul", "li", "svg", "g", "rect", "text", "nav", "a", "label", "input", "article",
               "header", "pre", "table", "tr", "th", "td", "sup", "code", "details", "summary"}


def _having(tree: lxml_html.HtmlElement, tag: str, *classes: str) -> list[lxml_html.HtmlElement]:
    """Elements of that tag carrying every one of the classes (``article.entry.check``)."""
    tests = "".join(f"[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in classes)
    return tree.xpath(f"//{tag}{tests}")


def _pub(*decisions: Decision, **fields: object) -> Publication:
    return Publication(source=Source(line_start=1, line_end=1), decisions=decisions, **fields)


def test_a_field_without_a_decision_is_low() -> None:
    assert set(low_fields(_pub(title="T"))) == set(CITATION_FIELDS)


def test_confident_decisions_clear_a_field_and_rule_none_does_not() -> None:
    sure = [Decision(field=f, rule="r", confidence=0.95) for f in CITATION_FIELDS]
    assert low_fields(_pub(*sure)) == ()
    unsure = [*sure[1:], Decision(field="title", rule="none", confidence=0.95)]
    assert low_fields(_pub(*unsure)) == ("title",)
    below = [*sure[:-1], Decision(field="kind", rule="r", confidence=LOW_CONFIDENCE - 0.01)]
    assert low_fields(_pub(*below)) == ("kind",)


def test_the_last_decision_for_a_field_wins_and_extra_fields_are_rated() -> None:
    decisions = [Decision(field="title", rule="first", confidence=0.2), Decision(field="title", rule="later", confidence=0.9),
                 Decision(field="markers", rule="default meanings", confidence=0.6)]
    checks = {c.field: c for c in field_checks(_pub(*decisions))}
    assert checks["title"].rule == "later" and not checks["title"].low
    assert checks["markers"].low


def test_report_escapes_hostile_page_text() -> None:
    report = render_report(extract_text(HOSTILE, format="markdown", path="hostile.md"))
    tree = lxml_html.document_fromstring(report)
    assert {el.tag for el in tree.iter() if isinstance(el.tag, str)} <= REPORT_TAGS
    assert not [h for h in tree.xpath("//@href") if not h.startswith(("#", "http:", "https:", "mailto:"))]
    assert "&lt;script&gt;" in report and "default-src 'none'" in report


def test_report_lists_entries_skipped_text_and_ignored_sections() -> None:
    extraction = extract_text(HOSTILE, format="markdown", path="hostile.md")
    tree = lxml_html.document_fromstring(render_report(extraction))
    assert len(_having(tree, "article", "entry")) == len(extraction.publications) == 2
    lost = _having(tree, "section", "lost")[0].text_content()
    assert "Talks" in lost and "Keynote" in lost


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&\"'ab Z19*_[]()#-\n")), max_size=300))
def test_report_of_any_text_adds_no_markup(text: str) -> None:
    tree = lxml_html.document_fromstring(render_report(extract_text("# Publications\n\n" + text, format="markdown")))
    assert {el.tag for el in tree.iter() if isinstance(el.tag, str)} <= REPORT_TAGS


def test_merged_report_shows_every_source() -> None:
    sources = (Source(path="a.md", line_start=3, line_end=3, raw="Lee. Paper. CHI 2021"),
               Source(path="b.html", line_start=40, line_end=41, raw="A. Lee, <i>Paper</i>"))
    record = MergedPublication(title="Paper", year=2021, venue=Venue(as_written="CHI"), source=sources[0],
                               sources=sources)
    tree = lxml_html.document_fromstring(render_merged([record]))
    text = tree.text_content()
    assert "a.md" in text and "b.html" in text and "A. Lee, <i>Paper</i>" in text


def test_explain_names_every_entry_and_the_fields_to_check() -> None:
    extraction = extract_page(str(PAGES / "001_9c2814318dd6f793.txt"))
    text = explain(extraction)
    for number, pub in enumerate(extraction.publications, 1):
        low = low_fields(pub)
        assert f"[{number}] " in text
        assert (f"check {', '.join(low)}" if low else "ok") in text.split(f"[{number}] ")[1].splitlines()[0]


def test_cli_explain_keeps_stdout_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(PAGES / "001_9c2814318dd6f793.txt"), "--explain"]) == 0
    out, err = capsys.readouterr()
    records = json.loads(out)
    assert records and all("decisions" in r for r in records)
    assert "[1] " in err and "entries," in err


def test_cli_review_writes_a_report_and_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.html"
    assert main(["review", str(PAGES / "001_9c2814318dd6f793.txt"), "-o", str(report)]) == 0
    assert "<article" in report.read_text(encoding="utf-8")
    capsys.readouterr()
    missing = tmp_path / "missing.html"
    assert main(["review", str(tmp_path / "no-such-page.md"), "-o", str(missing)]) == 1
    err = capsys.readouterr().err
    assert not missing.exists() and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required under CI (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    return found


def _headless(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_report_in_a_real_browser(tmp_path: Path) -> None:
    """The report renders in Chromium with every entry and highlight; the screenshot is kept in artifacts/."""
    browser = _chromium()
    extraction = extract_page(str(BROWSER_PAGE))
    report = tmp_path / "report.html"
    report.write_text(render_report(extraction), encoding="utf-8")
    dom = _headless(browser, tmp_path / "profile", "--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    tree = lxml_html.document_fromstring(dom.stdout)
    pubs = extraction.publications
    assert len(_having(tree, "article", "entry")) == len(pubs)
    assert len(_having(tree, "article", "entry", "check")) == sum(1 for p in pubs if low_fields(p))
    assert len(_having(tree, "tr", "low")) == sum(len(low_fields(p)) for p in pubs)
    assert _having(tree, "span", "author", "owner") and tree.xpath("//*[local-name()='svg']//*[local-name()='rect']")

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "review-report.png"
    shot.unlink(missing_ok=True)
    result = _headless(browser, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000",
                       "--hide-scrollbars", report.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
