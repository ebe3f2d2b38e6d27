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
from typing import TYPE_CHECKING, Any

from .errors import DecodeError, InputError, PubextractError, UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

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
    from .venues import VenueTable

#: The record types, loaded with pydantic on first use so that ``pubextract --help``
#: and ``import pubextract`` stay fast.
_MODELS = frozenset({"Author", "Decision", "Details", "Ids", "Kind", "Link", "MergedPublication", "Publication",
                     "Source", "Status", "Venue"})

__all__ = [
    "Author", "DecodeError", "Decision", "Details", "Ids", "InputError", "Kind", "Link", "MergedPublication",
    "Publication", "PubextractError", "Source", "Status", "UsageError", "Venue",
    "extract", "extract_text", "merge", "to_bibtex", "to_json",
]


def __getattr__(name: str) -> Any:
    if name in _MODELS:
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module 'pubextract' has no attribute {name!r}")


def merge(pages: Iterable[Sequence[Publication]]) -> list[MergedPublication]:
    """Each work once, from the publication lists of many pages (see :mod:`pubextract.merging`)."""
    from .merging import merge as merge_pages

    return merge_pages(pages)


def extract(source: str | Path, *, format: str | None = None, owner: str | None = None, add_owner: bool = False,
            venues: VenueTable | None = None) -> list[Publication]:
    """The publications of a page: a path, an http(s) URL or ``-`` for stdin.

    ``format`` forces the input format (``markdown``, ``html``, ``text``, ``latex``,
    ``bibtex``); ``owner`` names the page's person when the page does not make it
    plain; ``add_owner`` puts the owner into entries that only name co-authors
    ("with X and Y"); ``venues`` is a venue table extended with a user's file
    (:func:`pubextract.venues.load_table`). Raises :class:`InputError` when the page
    cannot be read.
    """
    from .pipeline import extract_page

    return list(extract_page(source, format=format, owner=owner, add_owner=add_owner, venues=venues).publications)


def extract_text(text: str, *, format: str | None = None, owner: str | None = None, path: str | None = None,
                 add_owner: bool = False, venues: VenueTable | None = None) -> list[Publication]:
    """The publications of page text already in memory (format guessed unless given);
    the options are :func:`extract`'s."""
    from .pipeline import extract_text as run

    return list(run(text, format=format, owner=owner, path=path, add_owner=add_owner, venues=venues).publications)


def to_bibtex(publications: Sequence[Publication]) -> str:
    """BibTeX for the records (bibtexparser v2 writes it)."""
    from .export import render

    return render(publications, "bibtex")


def to_json(publications: Sequence[Publication]) -> str:
    """The JSON array of the command line's ``--format json``."""
    from .export import render

    return render(publications, "json")
