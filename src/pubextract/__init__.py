"""pubextract: the publication list of a researcher's homepage as clean bibliographic data.

    >>> import pubextract
    >>> pubs = pubextract.extract_text("# Publications\\n\\n- Zhen Zheng, Wei Lin. "
    ...                                "\\"BladeDISC: Optimizing Dynamic Shape Workloads\\". SIGMOD 2024.")
    >>> pubs[0].title, pubs[0].year
    ('BladeDISC: Optimizing Dynamic Shape Workloads', 2024)

The stages, each a module with a small typed interface: ``readers`` (page ->
:class:`~pubextract.document.Document`), ``sections`` and ``entries`` (blocks ->
raw entries), ``fields`` (raw entry -> :class:`Publication`), ``normalise``
(page-wide owner and marks), ``export`` (records -> JSON, BibTeX...).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DecodeError, InputError, PubextractError, UsageError
from .merge import (
    merge,  # eager: a lazy import of the submodule would rebind ``pubextract.merge`` to it
)
from .models import (
    Author,
    Decision,
    Details,
    Ids,
    Kind,
    Link,
    MergedPublication,
    Publication,
    Source,
    Status,
    Venue,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "Author", "DecodeError", "Decision", "Details", "Ids", "InputError", "Kind", "Link", "MergedPublication",
    "Publication", "PubextractError", "Source", "Status", "UsageError", "Venue",
    "extract", "extract_text", "merge", "to_bibtex", "to_json",
]


def extract(source: str | Path, *, format: str | None = None, owner: str | None = None) -> list[Publication]:
    """The publications of a page: a path, an http(s) URL or ``-`` for stdin.

    ``format`` forces the input format (``markdown``, ``html``...); ``owner`` names
    the page's person when the page does not make it plain.
    Raises :class:`InputError` when the page cannot be read.
    """
    from .pipeline import extract_page

    return list(extract_page(source, format=format, owner=owner).publications)


def extract_text(text: str, *, format: str | None = None, owner: str | None = None,
                 path: str | None = None) -> list[Publication]:
    """The publications of page text already in memory (format guessed unless given)."""
    from .pipeline import extract_text as run

    return list(run(text, format=format, owner=owner, path=path).publications)


def to_bibtex(publications: Sequence[Publication]) -> str:
    """BibTeX for the records (bibtexparser v2 writes it)."""
    from .export import render

    return render(publications, "bibtex")


def to_json(publications: Sequence[Publication]) -> str:
    """The JSON array of the command line's ``--format json``."""
    from .export import render

    return render(publications, "json")
