"""Exporters: records in, one text out. One module per output format.

Each module exposes ``render(publications, **options) -> str``; :data:`EXPORTERS`
maps a format name to it, and :data:`SUFFIXES` maps an output file's suffix to a
format name. Adding a format is one module and one line in each table.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    from ..models import Publication

EXPORTERS: dict[str, str] = {
    "json": "json",
    "bibtex": "bibtex",
    "csl-json": "csl",
    "ris": "ris",
    "alfolio": "alfolio",
    "academicpages": "academicpages",
}
SUFFIXES: dict[str, str] = {".json": "json", ".bib": "bibtex", ".bibtex": "bibtex", ".csl": "csl-json",
                            ".ris": "ris"}
#: Formats written as one file per publication into a directory (``-o DIR``).
DIRECTORY_FORMATS: dict[str, str] = {"academicpages": "academicpages"}


def exporter(name: str) -> Callable[..., str]:
    if name not in EXPORTERS:
        raise UsageError(f"unknown output format {name!r} (known: {', '.join(sorted(EXPORTERS))})")
    module = importlib.import_module(f"{__name__}.{EXPORTERS[name]}")
    return module.render  # type: ignore[no-any-return]


def format_for_path(path: str) -> str | None:
    name = PurePath(path).name.lower()
    if name.endswith(".csl.json"):
        return "csl-json"
    return SUFFIXES.get(PurePath(path).suffix.lower())


def files(publications: Sequence[Publication], format: str) -> dict[str, str]:
    """``{file name: text}`` for a one-file-per-publication format."""
    if format not in DIRECTORY_FORMATS:
        raise UsageError(f"format {format!r} writes one file, not a directory")
    module = importlib.import_module(f"{__name__}.{DIRECTORY_FORMATS[format]}")
    return module.files(publications)  # type: ignore[no-any-return]


def render(publications: Sequence[Publication], format: str, **options: Any) -> str:
    return exporter(format)(publications, **options)
