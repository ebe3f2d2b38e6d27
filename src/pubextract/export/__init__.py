"""Exporters: records in, one text out. One module per output format.

Each module exposes ``render(publications, **options) -> str``; :data:`EXPORTERS`
maps a format name to it, and :data:`SUFFIXES` maps an output file's suffix to a
format name. Adding a format is one module and one line in each table.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Any

from ..errors import UsageError
from ..models import Publication

EXPORTERS: dict[str, str] = {
    "json": "json",
    "bibtex": "bibtex",
}
SUFFIXES: dict[str, str] = {".json": "json", ".bib": "bibtex", ".bibtex": "bibtex"}


def exporter(name: str) -> Callable[..., str]:
    if name not in EXPORTERS:
        raise UsageError(f"unknown output format {name!r} (known: {', '.join(sorted(EXPORTERS))})")
    module = importlib.import_module(f"{__name__}.{EXPORTERS[name]}")
    return module.render  # type: ignore[no-any-return]


def format_for_path(path: str) -> str | None:
    return SUFFIXES.get(PurePath(path).suffix.lower())


def render(publications: Sequence[Publication], format: str, **options: Any) -> str:
    return exporter(format)(publications, **options)
