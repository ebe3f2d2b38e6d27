"""Invariants on arbitrary input (hypothesis): extraction never raises, spans stay inside the page,
JSON validates against the model, BibTeX loads back."""
from __future__ import annotations

import json

import bibtexparser
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pubextract import DecodeError, Publication, to_bibtex, to_json
from pubextract.pipeline import extract_text
from pubextract.readers import READERS
from pubextract.readers._source import decode

FORMATS = sorted(READERS)
#: Pieces that make text look like a publication list, so that the later stages are reached.
PIECES = st.sampled_from([
    "# Publications\n", "## 2024\n", "- ", "1. ", "* ", "\n", "\n\n", "**Zhen Zheng**", "Wei Lin", ", ", " and ",
    "*", "_", "[", "]", "(", ")", "\\", "\"", "“A Title Here”", "In SIGMOD 2024.", "arXiv:2401.01234", "et al.",
    "<ul><li>", "</li></ul>", "<b>", "</b>", "<h2>Papers</h2>", "<br>", "&amp;", "doi:10.1145/1234.5678", "†", "#",
    "\\item ", "\\textbf{", "}", "\u0301", "\u200b", "\u202e", "\x00", "\ufffd", "王", "(with A. B)",
])
PAGE_TEXT = st.one_of(st.text(max_size=400), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, fmt: str | None) -> None:
    result = extract_text(text, format=fmt, path="page")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1  # LF, CRLF or a lone CR ends a line
    for pub in result.publications:
        assert 1 <= pub.source.line_start <= pub.source.line_end <= lines
        Publication.model_validate_json(pub.model_dump_json())
    for record in json.loads(to_json(result.publications)):
        Publication.model_validate(record)
    library = bibtexparser.parse_string(to_bibtex(result.publications))
    assert not library.failed_blocks
    assert len(library.entries) == len(result.publications)


@SETTINGS
@given(text=PAGE_TEXT, fmt=st.sampled_from([None, *FORMATS]))
@example(text='PAPER<H1>0\n"\n0\r0', fmt="html")  # libxml2 ends a line at a lone CR: the span ran past the text
def test_any_text_extracts_cleanly(text: str, fmt: str | None) -> None:
    _check(text, fmt)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_decode_and_extract(data: bytes) -> None:
    try:
        page = decode(data, "page.md")
    except DecodeError:
        return  # refused as binary: a clear error is an allowed outcome
    if "\ufffd" in page.text and "\ufffd".encode() not in data:
        assert page.warnings  # replaced bytes are always reported
    _check(page.text, None)
