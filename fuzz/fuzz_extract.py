"""Coverage-guided fuzzing (atheris) of the extract entry point: bytes in, records or a clear error out.

Each input is decoded the way a page file is, read as every input format, and
rendered as JSON and BibTeX. Anything but a :class:`pubextract.PubextractError`
is a crash; save the input under ``fixtures/regressions/`` and fix it
(``tests/test_robustness.py`` replays that folder). See ``fuzz/README.md``.

    python fuzz/fuzz_extract.py -max_total_time=60 fixtures/pages
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from pubextract import PubextractError, to_bibtex, to_json
    from pubextract.pipeline import extract_text
    from pubextract.readers import READERS
    from pubextract.readers._source import decode

FORMATS = sorted(READERS)


def extract_everything(data: bytes) -> None:
    """Decode, extract as the first byte's choice of format, and export: the CLI's path."""
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    try:
        page = decode(data[1:], "fuzz")
        result = extract_text(page.text, format=fmt, path="fuzz")
    except PubextractError:
        return
    to_json(result.publications)
    to_bibtex(result.publications)


def main() -> None:
    atheris.Setup(sys.argv, extract_everything)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
