"""One compiled pattern per pattern string, for the patterns written inline.

The ``regex`` module keeps its own cache, but looking a pattern up there costs
several microseconds per call, more than most matches; the field stage makes
hundreds of thousands of such calls on a large page. ``rx(pattern, flags)``
compiles once and then costs a dictionary lookup.
"""
from __future__ import annotations

import functools

import regex


@functools.lru_cache(maxsize=None)
def rx(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    return regex.compile(pattern, flags)
