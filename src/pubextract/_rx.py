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


#: ASCII bytes to lower-case word characters, every other byte to a space.
_WORD_BYTES = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) \
    + b" " * 128
_ALTERNATION = regex.compile(r"\\b\(\?:(?P<body>[^()]*+)\)(?:\\b|\(\?!\\w\))")


class WordAlternation:
    """A yes/no search for a case-insensitive ``\\b(?:journal|conf\\.|to appear|...)\\b`` without
    running the regex on most text.

    The ``regex`` module tries the whole alternation at every position (about 0.1 µs a
    character, tens of µs a citation). On ASCII text an alternative that is a plain word can
    only match a whole word of the text: one byte-table pass and a set look-up find it. The
    pattern itself decides when the text is not ASCII, or holds one of the other (literal)
    alternatives, or when the pattern is not of this shape (then it always decides).
    """

    __slots__ = ("pattern", "words", "literals")

    def __init__(self, pattern: regex.Pattern[str]) -> None:
        self.pattern = pattern
        shape = _ALTERNATION.fullmatch(pattern.pattern) if pattern.flags & regex.I else None
        alternatives = shape.group("body").split("|") if shape else []
        words = [a for a in alternatives if a.isascii() and a.isalpha() and a.islower()]
        literals = [regex.sub(r"\\(.)", r"\1", a).lower() for a in alternatives if a not in words]
        plain = all(regex.fullmatch(r"(?:[a-z0-9 :'-]|\\\.)+", a) for a in alternatives if a not in words)
        self.words = frozenset(w.encode() for w in words) if shape and plain else None
        self.literals = tuple(literals)

    def found(self, text: str) -> bool:
        if self.words is not None and text.isascii():
            if not self.words.isdisjoint(text.encode().translate(_WORD_BYTES).split()):
                return True
            lowered = text.lower()
            if not any(literal in lowered for literal in self.literals):
                return False
        return self.pattern.search(text) is not None


class Needled:
    """A case-insensitive pattern run only on text that may hold one of its *needles*: lower-case
    words one of which every match holds ("index" for ``\\bh-index\\s*:``). ASCII text lowered
    without any of them cannot match, so the pattern is not run on it (it would try every
    position); other text always goes to the pattern. Each top-level alternative of the
    pattern must spell a needle, checked here, so that a new alternative cannot slip past.
    """

    __slots__ = ("pattern", "needles")

    def __init__(self, pattern: regex.Pattern[str], *needles: str) -> None:
        depth = 0
        alternatives = [""]
        for char in regex.sub(r"\\.", "", pattern.pattern):  # escapes never split
            depth += char == "("
            depth -= char == ")"
            if char == "|" and depth == 0:
                alternatives.append("")
            else:
                alternatives[-1] += char
        missing = [a for a in alternatives if not any(n in a.lower() for n in needles)]
        if missing or not pattern.flags & regex.I:
            raise ValueError(f"no needle for {missing} of {pattern.pattern!r}")
        self.pattern = pattern
        self.needles = needles

    def search(self, text: str) -> regex.Match[str] | None:
        if text.isascii():
            lowered = text.lower()
            if not any(needle in lowered for needle in self.needles):
                return None
        return self.pattern.search(text)
