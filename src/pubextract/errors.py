"""pubextract's exceptions, one small tree rooted at :class:`PubextractError`.

::

    PubextractError
     ├── InputError (also OSError)        the input cannot be read at all
     │    └── DecodeError (also UnicodeError)  bytes that are not text in any encoding
     └── UsageError (also ValueError)      the caller asked for something that does not exist

Per-entry problems are never raised: an entry that cannot be parsed is kept and
reported in the result (see :class:`pubextract.Extraction`).
"""
from __future__ import annotations


class PubextractError(Exception):
    """Base of every error pubextract raises on purpose."""


class InputError(PubextractError, OSError):
    """The input cannot be read (missing, a directory, binary, unreachable URL)."""


class DecodeError(InputError, UnicodeError):
    """The bytes are not text in any encoding we can detect."""


class UsageError(PubextractError, ValueError):
    """A wrong argument: an unknown format name, an option that does not apply."""
