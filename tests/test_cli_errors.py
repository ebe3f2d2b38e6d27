"""The command line with bad input: one line on stderr, the documented exit code, no partial output."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pubextract.cli import main

PAGE = "# Publications\n\n- Zhen Zheng, Wei Lin. BladeDISC: Optimizing Dynamic Shape Workloads. In SIGMOD 2024.\n"


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.md"
    path.write_text(PAGE, encoding="utf-8")
    return path


_ENTRY = "import sys; from pubextract.cli import main; sys.exit(main())"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _ENTRY, *args], capture_output=True, text=True,
                          check=False, timeout=120)


@pytest.mark.parametrize("make_bad", [
    lambda tmp: str(tmp / "missing.md"),
    lambda tmp: str(tmp),
])
def test_unreadable_input_exits_1_without_traceback(tmp_path: Path, make_bad) -> None:
    done = _run("extract", make_bad(tmp_path))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("argv", [["extract"], ["extract", "x.md", "--format", "nope"], ["nope"],
                                  ["extract", "x.md", "--jobs", "0"], ["extract", "-", "-"]])
def test_misuse_exits_1(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        code = main(argv)
        raise SystemExit(code)
    assert exit_info.value.code == 1
    assert capsys.readouterr().out == ""


def test_no_publications_exits_0_with_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("# About me\n\nI like cats.\n")
    assert main(["extract", str(empty)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "no publications" in captured.err
    assert main(["extract", str(empty), "--strict"]) == 2


def test_stdout_carries_only_the_output(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(page)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in records] == ["BladeDISC: Optimizing Dynamic Shape Workloads"]


def test_unwritable_output_leaves_no_file(page: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "out.json"
    done = _run("extract", str(page), "-o", str(target))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not target.exists()


def test_failed_page_leaves_no_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert main(["extract", str(tmp_path / "missing.md"), "-o", str(target)]) == 1
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_hostile_bytes_never_traceback(tmp_path: Path) -> None:
    path = tmp_path / "odd.html"
    path.write_bytes(b"<h2>Publications</h2><ul><li>\xff\xfe\x00\xed\xa0\x80" + b"<b>" * 3000 + b"</ul>")
    done = _run("extract", str(path))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    json.loads(done.stdout)


def test_batch_keeps_input_order_and_reports_bad_pages(page: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text(PAGE.replace("BladeDISC", "Second"))
    missing = str(tmp_path / "missing.md")
    done = _run("extract", str(other), missing, str(page), "--jobs", "2")
    assert done.returncode == 0 and "missing.md: no such file" in done.stderr
    records = json.loads(done.stdout)
    assert [Path(r["source"]["path"]).name for r in records] == ["other.md", "page.md"]
    assert _run("extract", str(other), missing, "--strict").returncode == 2


def test_single_page_output_is_unchanged_by_batch_mode(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(page)]) == 0
    single = capsys.readouterr().out
    assert main(["extract", str(page), "--jobs", "1"]) == 0
    assert capsys.readouterr().out == single
