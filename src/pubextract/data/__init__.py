"""The shipped data files (TOML, documented in each file), and parsed copies of the small ones.

:func:`load_toml` gives a lexicon's parsed data. Importing ``tomllib`` and parsing the three
lexicons (``names.toml``, ``headings.toml``, ``abbreviations.toml``) was ~30 M instructions of
every run's start-up; ``lexicons.json`` holds what they parse to, used for a file only while the
SHA-256 of its text matches. ``python -m pubextract.venues`` rewrites it (with the venue table's
own index) after a file is edited; tests/test_venues.py fails while either is stale.
"""
from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources
from typing import Any

#: The lexicons that have a parsed copy in :data:`PARSED_FILE`.
LEXICONS = ("abbreviations.toml", "headings.toml", "names.toml")
PARSED_FILE = "lexicons.json"


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def _parsed() -> dict[str, Any]:
    try:
        return json.loads(read_text(PARSED_FILE))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return {}


def load_toml(name: str) -> dict[str, Any]:
    """``tomllib.loads`` of the shipped file ``name``, from its parsed copy while that is current."""
    raw = read_text(name)
    copy = _parsed().get(name)
    if isinstance(copy, dict) and copy.get("source_sha256") == _sha256(raw):
        return copy["data"]  # type: ignore[no-any-return]
    import tomllib

    return tomllib.loads(raw)


def parsed_json() -> str:
    """The text of :data:`PARSED_FILE` for the lexicons as they are now."""
    import tomllib

    parsed = {}
    for name in LEXICONS:
        raw = read_text(name)
        parsed[name] = {"source_sha256": _sha256(raw), "data": tomllib.loads(raw)}
    return json.dumps(parsed, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

