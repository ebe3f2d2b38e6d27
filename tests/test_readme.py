"""The README stays what a newcomer needs: its first commands work, and it points into docs/.

Its ```python and ```console examples run in tests/test_docs.py with the pages under docs/.
"""
from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import regex

from pubextract.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: A README longer than this is doing the docs' job.
MAX_LINES = 90


def _first_block() -> str:
    match = regex.search(r"^```[^\n]*\n(.*?)^```", README, regex.M | regex.S)
    assert match, "the README opens with its set-up commands in a code block"
    return match.group(1)


def test_first_block_is_install_then_extract_then_test() -> None:
    lines = _first_block().splitlines()
    assert lines[0].startswith("pip install . && pubextract extract ")
    assert lines[1] == "pip install -e '.[test]' && python -m pytest"


def test_first_extract_command_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The README's first pubextract command (pip and pytest are what .ci/run performs itself)."""
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    monkeypatch.chdir(tmp_path)
    steps = [shlex.split(step) for line in _first_block().splitlines() for step in line.split("&&")]
    commands = [argv for argv in steps if argv and argv[0] == "pubextract"]
    assert commands
    for argv in commands:
        assert main(argv[1:]) == 0, capsys.readouterr().err
        output = argv[argv.index("-o") + 1]
        assert (tmp_path / output).read_text(encoding="utf-8").lstrip().startswith("@")


def test_points_to_every_docs_page() -> None:
    linked = set(regex.findall(r"\]\(docs/([\w.-]+\.md)\)", README))
    pages = {p.name for p in (ROOT / "docs").glob("*.md")}
    assert pages <= linked, f"README.md does not link {sorted(pages - linked)}"


def test_stays_short() -> None:
    assert len(README.splitlines()) <= MAX_LINES, "move the detail into docs/ and link it"
