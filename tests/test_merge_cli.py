"""``pubextract merge``: directories, failing pages, --into, --report, and the cluster fixtures."""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest

from pubextract.cli import main

ALICE = """# Publications

- Haojun Xia, **Zhen Zheng**, Yuchao Li. "Flash-LLM: Enabling Cost-Effective and Highly-Efficient Large Generative Model Inference with Unstructured Sparsity". VLDB 2024.
- **Zhen Zheng**, Wei Lin. "BladeDISC: Optimizing Dynamic Shape Machine Learning Workloads via Compiler Approach". SIGMOD 2024.
"""
BOB = """# Publications

- **H. Xia**, Z. Zheng, Y. Li. "Enabling Cost-Effective and Highly-Efficient Large Generative Model Inference with Unstructured Sparsity". arXiv preprint, 2023.
- **Haojun Xia**, Zhen Zheng. "Quant-LLM: Accelerating the Serving of Large Language Models via FP6-Centric Algorithm-System Co-Design". ATC 2024.
"""


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "alice.md").write_text(ALICE, encoding="utf-8")
    (folder / "bob.md").write_text(BOB, encoding="utf-8")
    (folder / "notes.gold.json").write_text("{}", encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["merge", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_directory_merges_the_shared_paper(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(pages), "--format", "json")
    assert code == 0
    works = json.loads(out)
    assert len(works) == 3
    flash = next(w for w in works if "Unstructured Sparsity" in w["title"])
    assert {Path(s["path"]).name for s in flash["sources"]} == {"alice.md", "bob.md"}
    assert flash["venue"]["as_written"] == "VLDB" and flash["year"] == 2024
    assert "2 pages read, 0 failed; 4 entries -> 3 works (1 merges)" in err


def test_failing_page_does_not_stop_the_others(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(pages / "alice.md"), str(pages / "missing.md"))
    assert code == 0 and len(json.loads(out)) == 2
    assert "1 failed" in err and "missing.md" in err and "Traceback" not in err


def test_no_readable_page_exits_1_without_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.json"
    code, out, err = run(capsys, str(tmp_path / "nope.md"), "-o", str(target))
    assert code == 1 and out == "" and not target.exists() and "no page could be read" in err


def test_report_has_one_row_per_decision(pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "clusters.csv"
    code, _, _ = run(capsys, str(pages), "--report", str(report))
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert code == 0
    merged = [r for r in rows if r["outcome"] == "merged"]
    assert len(merged) == 1 and merged[0]["rule"] == "same title without prefix" and float(merged[0]["score"]) > 0.8


def test_into_keeps_existing_entries_and_appends_new_works(pages: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "lab.bib"
    original = ("@inproceedings{myflash,\n  title = {Flash-{LLM}: Enabling Cost-Effective and Highly-Efficient Large "
                "Generative Model Inference with Unstructured Sparsity},\n  author = {Xia, Haojun and Zheng, Zhen},\n"
                "  year = {2024},\n  note = {my own edit}\n}\n")
    existing.write_text(original, encoding="utf-8")
    code, out, err = run(capsys, str(pages), "--into", str(existing))
    text = existing.read_text(encoding="utf-8")
    assert code == 0 and out == ""
    assert text.startswith(original)
    keys = [e.key for e in bibtexparser.parse_string(text).entries]
    assert keys[0] == "myflash" and len(keys) == 3 and len(set(keys)) == 3
    assert "myflash already holds" in err


def test_into_rejects_a_non_bibtex_format(pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(pages), "--into", str(tmp_path / "x.bib"), "--format", "json")
    assert code == 1 and out == "" and "bibtex" in err


def test_jobs_give_the_same_output(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, serial, _ = run(capsys, str(pages))
    _, parallel, _ = run(capsys, str(pages), "--jobs", "2")
    assert serial == parallel


SCORER = Path(os.environ.get("PUBEXTRACT_EVAL", "/work/shared/eval")) / "score.py"
CLUSTERS = Path(__file__).parent.parent / "fixtures" / "clusters"


@pytest.mark.skipif(not SCORER.exists(), reason="the shared evaluation kit is not on this machine")
def test_cluster_fixtures_score_without_false_merges(tmp_path: Path) -> None:
    """The scorer on real co-author pages: no false pair, and every pair the extractor found is merged."""
    shutil.copytree(CLUSTERS, tmp_path / "clusters")
    command = f"{sys.executable} -c 'import sys; from pubextract.cli import main; sys.exit(main())'"
    proc = subprocess.run([sys.executable, str(SCORER), "clusters", str(tmp_path / "clusters"),
                           "--extract", command + " extract {page} --format json",
                           "--merge", command + " merge {pages} --format json"],
                          capture_output=True, text=True, timeout=240, check=True)
    figures = dict(re.findall(r"(precision|recall among found)\s+([\d.]+)%", proc.stdout))
    assert figures == {"precision": "100.0", "recall among found": "100.0"}, proc.stdout
    assert int(re.search(r"true (\d+)", proc.stdout).group(1)) >= 7, proc.stdout


def test_html_report_shows_each_work_with_its_sources(tmp_path) -> None:
    from pubextract.cli import main
    from tests.gold import PAGES

    report = tmp_path / "works.html"
    pages = [str(PAGES / "001_9c2814318dd6f793.txt"), str(PAGES / "002_924a23f64a2718d7.txt")]
    assert main(["merge", *pages, "-o", str(tmp_path / "out.json"), "--report", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Flash-LLM" in html
    assert "001_9c2814318dd6f793.txt" in html and "002_924a23f64a2718d7.txt" in html


RENAMED = Path(__file__).parent.parent / "fixtures" / "clusters_renamed"
#: Gold clusters of fixtures/clusters_renamed that merging does not find yet, and why.
KNOWN_MISSES = {
    "Zeroth-Order Fine-Tuning LLMs with Limited GPU Memory": "the published copy shortens the title and drops ZO2:",
    "Infinite Sampling: Balanced Rollout Sampling for Efficient Group-based RL": "the subtitle was rewritten",
}


def test_real_coauthor_pages_with_renamed_works() -> None:
    """Liangyu Wang's page (devset 004) and his co-author Huanyi Xie's: every gold pair, matched by title.

    score.py cannot place this pair: the co-author page is minified HTML with every entry on one
    line, and the scorer maps sources by line. So the clusters are checked here, by title.
    """
    import json

    from pubextract import extract
    from pubextract.merging import fold_title, merge_with_report

    spec = json.loads((RENAMED / "clusters.json").read_text(encoding="utf-8"))
    gold = {name: json.loads((RENAMED / (Path(name).stem + ".gold.json")).read_text(encoding="utf-8"))["entries"]
            for name in spec["pages"]}
    result = merge_with_report([extract(RENAMED / name) for name in spec["pages"]])
    work = {(Path(r.source.path or "").name, fold_title(r.title)): result.work_index[i]
            for i, r in enumerate(result.records)}
    entry = {(name, n): (name, fold_title(e["title"])) for name, entries in gold.items() for n, e in enumerate(entries)}
    assert set(entry.values()) <= set(work), "every gold entry is extracted"
    cluster_of = {entry[m["page"], m["entry"]]: c for c, members in enumerate(spec["clusters"]) for m in members}
    missed = {gold[ms[-1]["page"]][ms[-1]["entry"]]["title"] for ms in spec["clusters"]
              if len({work[entry[m["page"], m["entry"]]] for m in ms}) > 1}
    assert missed == set(KNOWN_MISSES), missed
    keys = sorted(entry.values())
    false = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]
             if work[a] == work[b] and (a not in cluster_of or cluster_of.get(a) != cluster_of.get(b))]
    assert not false, f"merged works that are not one (the near miss ZO2 / DistZO2 among them): {false}"
