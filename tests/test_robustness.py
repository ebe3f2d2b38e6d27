"""Hostile input: every stage stays (near-)linear and every page gives records or a clear error.

Each case has a time bound proportional to its size; the bounds are generous
(a slow CI machine passes) but a quadratic stage blows through them by orders
of magnitude. They are CPU seconds (``time.process_time``), so a machine busy with
other work does not turn a linear stage into a failure. ``test_no_pattern_backtracks`` runs every compiled pattern of
the package on long runs of the characters that make patterns backtrack.
"""
from __future__ import annotations

import codecs
import importlib
import os
import pkgutil
import re
import time
from pathlib import Path

import pytest
import regex

import pubextract
from pubextract import InputError
from pubextract._rx import AsciiTwin, Lazy, Needled, SeparatorFinder, WordAlternation
from pubextract.pipeline import extract_page, extract_text
from pubextract.readers import READERS
from pubextract.readers._source import decode

CITATION = "Zhen Zheng, Wei Lin and Yuchao Li. BladeDISC: Optimizing Dynamic Shape Workloads. In SIGMOD 2024."
#: Seconds allowed per MB of input, and for any input at all (start-up of the stages).
SECONDS_PER_MB = 25.0
FLOOR_SECONDS = 3.0
#: 100,000 entries take a minute or two: run in CI, or locally with PUBEXTRACT_SLOW_TESTS=1.
RUN_SLOW = os.environ.get("CI") == "true" or os.environ.get("PUBEXTRACT_SLOW_TESTS") == "1"


def _extract_within_bound(text: str, fmt: str) -> int:
    bound = FLOOR_SECONDS + SECONDS_PER_MB * len(text.encode("utf-8", "surrogatepass")) / 1e6
    start = time.process_time()
    result = extract_text(text, format=fmt)
    elapsed = time.process_time() - start
    assert elapsed < bound, f"{elapsed:.1f} s for {len(text)} chars (bound {bound:.1f} s)"
    for pub in result.publications:
        assert 1 <= pub.source.line_start <= pub.source.line_end <= result.document.line_count
    return len(result.publications)


def _md_list(count: int) -> str:
    return "# Publications\n\n" + "".join(f"- {CITATION} Paper {i}.\n" for i in range(count))


HOSTILE = {
    "ten_mb_page": ("markdown", lambda: _md_list(200) + "\n# Teaching\n\n" + ("Lecture notes. " * 60 + "\n\n") * 11_000),
    "one_mb_line": ("markdown", lambda: "# Publications\n\n- " + (CITATION + " ") * 9000),
    "five_thousand_authors": ("markdown", lambda: "# Publications\n\n- " + ", ".join(
        f"Author{i} Name" for i in range(5000)) + ". A Title of the Work. In SIGMOD 2024.\n"),
    "nested_lists": ("markdown", lambda: "# Publications\n\n" + "- " * 10_000 + CITATION + "\n"),
    "nested_quotes": ("markdown", lambda: "# Publications\n\n" + "> " * 10_000 + CITATION + "\n"),
    "nested_tags": ("html", lambda: "<h2>Publications</h2>" + "<div>" * 10_000 + CITATION + "</div>" * 10_000),
    "nested_inline_tags": ("html", lambda: "<h2>Publications</h2><p>" + "<b><i>" * 5_000 + CITATION),
    "html_unclosed_lists": ("html", lambda: "<h2>Publications</h2>" + "<ul><li>" * 10_000 + CITATION),
    "stars": ("markdown", lambda: "# Publications\n\n- " + "*" * 200_000),
    "underscores": ("markdown", lambda: "# Publications\n\n- " + "_" * 200_000),
    "brackets": ("markdown", lambda: "# Publications\n\n- " + "[" * 200_000),
    "backslashes": ("markdown", lambda: "# Publications\n\n- " + "\\" * 200_000),
    "mixed_markup": ("markdown", lambda: "# Publications\n\n- " + "*_[](\\`\"'<>&#" * 20_000),
    "spaces": ("markdown", lambda: "# Publications\n\n- A" + " " * 500_000 + "b, C. Title words here 2020"),
    "commas": ("markdown", lambda: "# Publications\n\n- " + "A, " * 100_000),
    "initials": ("markdown", lambda: "# Publications\n\n- " + "A. " * 100_000),
    "and_and": ("markdown", lambda: "# Publications\n\n- " + "Zhen Zheng and " * 30_000),
    "years": ("markdown", lambda: "# Publications\n\n- " + "2020 " * 100_000),
    "unicode_oddities": ("markdown", lambda: "# Publications\n\n- " + (
        "e\u0301\u0302\u0303 \u05e9\u05dc\u05d5\u05dd \u200b\u200d\u202e\u2066 \ud800 \x00 \ufffd " * 20_000)),
    "nul_bytes_html": ("html", lambda: "<h2>Publications</h2><ul><li>" + CITATION + "\x00" * 1000 + "</li></ul>"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_bounded(name: str) -> None:
    fmt, make = HOSTILE[name]
    _extract_within_bound(make(), fmt)


@pytest.mark.skipif(not RUN_SLOW, reason="slow: set PUBEXTRACT_SLOW_TESTS=1 (CI runs it)")
def test_hundred_thousand_entries() -> None:
    assert _extract_within_bound(_md_list(100_000), "markdown") == 100_000


def test_ordinary_entries_survive_hostile_neighbours() -> None:
    text = _md_list(3) + "\n- " + "*_[" * 10_000 + "\n" + "".join(f"- {CITATION} Tail {i}.\n" for i in range(3))
    assert _extract_within_bound(text, "markdown") >= 6


# Characters and short runs that make careless patterns backtrack, each ended by
# something the pattern does not expect.
_UNITS = ("A. ", "A, ", "a ", "Aa ", "Aa Bb ", "(", "[", "*", "_", "\\", "1 ", "2020 ", ". ", "- ", " ", "\n",
          " \n", "a", "A", '"a ', "'", "<a ", "http://a", "10.1/", "e\u0301", "A.-", "with ", "in ", "(a ", "a) ",
          "| ", ", ", "vol. 1 ", "pp. 1", ", and ", " and A", "A.A.", "``", "“a", "（", "王")
_ENDINGS = ("", "!", "x", "\x00")


def _compiled_patterns() -> list[tuple[str, regex.Pattern[str]]]:
    found = []
    for info in pkgutil.walk_packages(pubextract.__path__, "pubextract."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # a module another change has not finished yet
            continue
        for attr, value in vars(module).items():
            # a table of patterns ((pattern, style), ...) is checked pattern by pattern
            items = [v for row in value for v in (row if isinstance(row, tuple) else (row,))] \
                if isinstance(value, tuple) else [value]
            for item in items:
                if isinstance(item, AsciiTwin):
                    found.append((f"{info.name}.{attr} (ASCII twin)", item.ascii))
                if isinstance(item, SeparatorFinder):
                    found.append((f"{info.name}.{attr} (ASCII twin)", item._twins()))
                    found.append((f"{info.name}.{attr} (ASCII twin at \\G)", item._chained))
                if isinstance(item, (Needled, WordAlternation, AsciiTwin, SeparatorFinder)):
                    item = item.pattern  # a fast path in front of a pattern: the pattern must be linear too
                if isinstance(item, Lazy):
                    item = item.compiled()  # compiled on first use: here, so that it is checked
                if isinstance(item, (regex.Pattern, re.Pattern)) and isinstance(item.pattern, str):
                    found.append((f"{info.name}.{attr}", item))
    return found


def test_no_pattern_backtracks() -> None:
    """Every module-level pattern searches 20,000 hostile characters in well under a second."""
    size = 20_000
    slow = []
    for name, pattern in _compiled_patterns():
        for unit in _UNITS:
            for ending in _ENDINGS:
                text = unit * (size // len(unit)) + ending
                start = time.process_time()
                for _ in pattern.finditer(text):
                    pass
                elapsed = time.process_time() - start
                if elapsed > 0.25:
                    slow.append(f"{name} on {unit!r}*{size // len(unit)}+{ending!r}: {elapsed:.2f} s")
    assert not slow, "patterns that backtrack:\n" + "\n".join(slow)


# ---- files: encodings, binaries, what is not a file ----

PAGE = "# Publications\n\n- Jürgen Müller and José García. Überblick über Café Systeme. In SIGMOD 2024.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "windows-1252", "latin-1"])
def test_western_encodings_are_detected(tmp_path, encoding: str) -> None:
    data = (codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le")) if encoding == "utf-16-le-bom" else PAGE.encode(encoding)
    path = tmp_path / "page.md"
    path.write_bytes(data)
    result = extract_page(path)
    assert result.document.source_text.lstrip("\ufeff") == PAGE
    assert [p.title for p in result.publications] == ["Überblick über Café Systeme"]
    assert not any("undecodable" in w for w in result.warnings)


@pytest.mark.parametrize("encoding", ["shift_jis", "gbk"])
def test_cjk_encodings_are_detected(encoding: str) -> None:
    text = ("# 論文\n\n" + "- 山田太郎、佐藤花子。深層学習による画像認識の研究。情報処理学会論文誌、2020年。\n" * 20)
    page = decode(text.encode(encoding), "page.md")
    assert page.text == text
    assert not page.warnings


def test_undecodable_bytes_are_replaced_and_reported() -> None:
    data = PAGE.encode("utf-8") + b"\xff\xfe\xfa broken" + PAGE.encode("utf-8")
    page = decode(data, "page.md")
    assert "\ufffd" in page.text
    assert page.warnings and "replaced" in page.warnings[0]
    assert page.text.count("Überblick") == 2  # nothing dropped around the bad bytes


def test_binary_file_is_refused_or_reported(tmp_path) -> None:
    """A binary file is refused, or read with every undecodable byte counted in a warning."""
    path = tmp_path / "image.md"
    path.write_bytes(bytes(range(256)) * 64)
    try:
        result = extract_page(path)
    except InputError as err:
        assert "binary" in str(err)
        return
    assert any("undecodable" in w for w in result.warnings)


def test_directory_and_missing_file_are_clear_errors(tmp_path) -> None:
    with pytest.raises(InputError, match="directory"):
        extract_page(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        extract_page(tmp_path / "missing.md")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "secret.md"
    path.write_text(PAGE)
    path.chmod(0)
    with pytest.raises(InputError, match="permission"):
        extract_page(path)


REGRESSIONS = sorted((Path(__file__).parent.parent / "fixtures" / "regressions").glob("*.bin"))


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_regressions(path: Path) -> None:
    """Inputs that once crashed or hung (found by the fuzzer or by hand), through every input format."""
    text = path.read_bytes().decode("utf-8", "surrogatepass")
    for fmt in sorted(READERS):
        _extract_within_bound(text, fmt)


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_old_mac_line_ends_keep_line_numbers(fmt: str) -> None:
    """Lines ended by a lone CR: the C parsers end a line there, line numbers count LF; each entry's
    span is its own line of the input."""
    items = ["Ann Lee and Bo Chan. A study of caches. In OSDI 2021.",
             "Ann Lee. Another study of queues. In SOSP 2022."]
    page = {"markdown": "# Publications\r\r" + "\r".join(f"- {item}" for item in items),
            "html": "<h2>Publications</h2>\r<ul>\r" + "\r".join(f"<li>{item}</li>" for item in items) + "\r</ul>",
            "text": "Publications\r\r" + "\r\r".join(items)}[fmt]
    result = extract_text(page, format=fmt)
    lines = page.replace("\r", "\n").split("\n")
    assert [p.title for p in result.publications] == ["A study of caches", "Another study of queues"]
    for pub in result.publications:
        assert pub.title in lines[pub.source.line_start - 1]
        assert pub.source.line_end <= len(lines)
