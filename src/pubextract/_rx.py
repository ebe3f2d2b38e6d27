"""Patterns compiled once, and only when first used.

The ``regex`` module keeps its own cache, but looking a pattern up there costs
several microseconds per call, more than most matches; the field stage makes
hundreds of thousands of such calls on a large page. ``rx(pattern, flags)``
compiles a pattern written inline once and then costs a dictionary lookup.

A module-level pattern is a :class:`Lazy`: compiling is done by the ``regex``
module in Python (about 0.4 ms a pattern, most of a stage's import time), and a
page uses about two thirds of the patterns.

Compiled ahead of time: ``data/patterns.marshal`` holds, for every pattern the package
compiles on the dev pages, what the ``regex`` module pickles a compiled pattern as (the
arguments of its C ``compile``: no parsing left), so that :func:`compile_pattern` builds it
in microseconds. It is used only while it was made by the installed ``regex`` (version and
engine magic); a pattern it lacks is compiled as usual. ``python -m pubextract._rx PAGE...``
rewrites it, under ``PYTHONHASHSEED=0`` (``regex`` orders sets of characters by their hash: the
code differs from run to run, not what it matches); tests/test_rx.py fails when a one-page
extract compiles a pattern the table lacks. Under another ``regex`` release the command line
keeps what it compiled in the user's cache instead (:func:`use_pattern_cache`), so that only
its first run pays for parsing.
"""
from __future__ import annotations

import copyreg
import functools
import marshal
import re
from collections.abc import Iterable, Iterator
from typing import Any

import regex
from regex import _regex

#: The patterns compiled ahead of time (see the module docstring), in ``pubextract/data``.
PREBUILT_FILE = "patterns.marshal"
#: What the compiled patterns of :data:`PREBUILT_FILE` were made by; any other ``regex`` ignores them.
_ENGINE = (regex.__version__, _regex.MAGIC, int(regex.DEFAULT_VERSION))
#: (source, flags) of the patterns compiled here that the prebuilt table lacks.
missed: set[tuple[str | bytes, int]] = set()
_table: dict[tuple[str | bytes, int], tuple[Any, ...]] | None = None
#: The user's pattern cache file while the command line uses one (:func:`use_pattern_cache`), else None.
_cache_file: str | None = None


def _patterns_of(blob: bytes) -> dict[tuple[str | bytes, int], tuple[Any, ...]]:
    """The patterns of a marshalled table, or none when another ``regex`` made it (or it is damaged)."""
    try:
        data = marshal.loads(blob)
    except (ValueError, EOFError, TypeError):
        return {}
    if isinstance(data, dict) and data.get("engine") == _ENGINE and isinstance(data.get("patterns"), dict):
        return data["patterns"]  # type: ignore[no-any-return]
    return {}


def _prebuilt() -> dict[tuple[str | bytes, int], tuple[Any, ...]]:
    """The prebuilt table, read on first use: {(source, flags): regex's pickled form}; under the
    command line, with the patterns of the user's cache (see :func:`use_pattern_cache`) added."""
    global _table
    if _table is None:
        from importlib import resources

        try:
            table = dict(_patterns_of(resources.files("pubextract.data").joinpath(PREBUILT_FILE).read_bytes()))
        except OSError:
            table = {}
        if _cache_file is not None:
            try:
                with open(_cache_file, "rb") as cache:
                    table = {**_patterns_of(cache.read()), **table}
            except OSError:
                pass  # no cache yet, or none readable: compile as usual
        _table = table
    return _table


def compile_pattern(pattern: str | bytes, flags: int = 0) -> regex.Pattern[Any]:
    """``regex.compile(pattern, flags)``, from the prebuilt table when it holds the pattern."""
    key = (pattern, int(flags))
    made = (_table if _table is not None else _prebuilt()).get(key)
    if made is not None:
        return _regex.compile(*made)  # type: ignore[no-any-return]
    missed.add(key)
    return regex.compile(pattern, flags)


@functools.lru_cache(maxsize=None)
def rx(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    return compile_pattern(pattern, flags)


class Lazy:
    """A pattern compiled on first use, then as fast as the compiled pattern.

    ``pattern`` is the source as given; any other attribute (``search``, ``sub``,
    ``flags``...) compiles the pattern, is looked up on the compiled pattern and is
    stored on this object, so that later look-ups find it without ``__getattr__``
    (which runs only when normal look-up fails) and a call costs what the compiled
    pattern's own method costs. :meth:`compiled` gives the ``regex.Pattern`` itself.
    """

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def compiled(self) -> regex.Pattern[Any]:
        pattern = self.__dict__.get("_compiled")
        if pattern is None:
            pattern = self._compiled = compile_pattern(self.pattern, self._flags)
        return pattern

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends probe for these: no compiling for them
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"Lazy({self.pattern!r}, {self._flags!r})"


#: ASCII bytes to lower-case word characters, every other byte to a space.
_WORD_BYTES = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) \
    + b" " * 128
_ALTERNATION = Lazy(r"\\b\(\?:(?P<body>[^()]*+)\)(?:\\b|\(\?!\\w\))")


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
        literals = [rx(r"\\(.)").sub(r"\1", a).lower() for a in alternatives if a not in words]
        plain = all(rx(r"(?:[a-z0-9 :'-]|\\\.)+").fullmatch(a) for a in alternatives if a not in words)
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
        for char in rx(r"\\.|.", regex.S).findall(pattern.pattern):  # a character, or an escape
            if len(char) == 2:  # an escape never splits; an escaped mark spells itself ("\\(eds"), a class nothing
                alternatives[-1] += "" if char[1].isalnum() else char[1]
                continue
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

    def _may_match(self, text: str) -> bool:
        if text.isascii():
            return any(map(text.lower().__contains__, self.needles))
        return True

    def search(self, text: str) -> regex.Match[str] | None:
        return self.pattern.search(text) if self._may_match(text) else None

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        return self.pattern.finditer(text) if self._may_match(text) else iter(())

    def sub(self, replacement: str, text: str) -> str:
        return self.pattern.sub(replacement, text) if self._may_match(text) else text


#: What the ``regex`` module's Unicode classes and ``\s`` match in ASCII text (``\s`` spelled out:
#: the stdlib's also matches U+001C..U+001F, which ``regex`` does not).
_ASCII_CLASSES = {r"\p{Lu}": "A-Z", r"\p{Ll}": "a-z", r"\p{L}": "A-Za-z", r"\p{N}": "0-9", r"\s": " \\t\\n\\r\\f\\v"}
#: Whole classes of the same kind: ``[^\S\n]``, a space but a line feed.
_ASCII_WHOLE_CLASSES = {r"[^\S\n]": "[ \\t\\r\\f\\v]"}
_ESCAPE = Lazy(r"\\(?:p\{\w+\}|.)", regex.S)
_FLAGS = {regex.I: re.I, regex.M: re.M, regex.S: re.S, regex.X: re.X}


def _ascii_pattern(source: str, pattern_flags: int) -> re.Pattern[str]:
    """The stdlib pattern that matches as the ``regex`` one does on ASCII text, or ValueError for a
    construct it cannot translate (another ``\\p{..}``, ``\\S``, a fuzzy match, a POSIX class,
    a flag the stdlib lacks); the stdlib itself refuses the rest of the ``regex`` syntax."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            escape = _ESCAPE.match(source, i).group()  # type: ignore[union-attr]
            if escape in _ASCII_CLASSES:
                ranges = _ASCII_CLASSES[escape]
                out.append(ranges if in_class else f"[{ranges}]")
            elif escape.startswith(r"\p") or escape[1] in "SPXKmMGLN":
                raise ValueError(f"no ASCII twin for {escape!r} in {source!r}")
            else:
                out.append(escape)
            i += len(escape)
            continue
        whole = next((k for k in _ASCII_WHOLE_CLASSES if char == "[" and source.startswith(k, i)), None)
        if whole and not in_class:
            out.append(_ASCII_WHOLE_CLASSES[whole])
            i += len(whole)
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            i += 1
            if source.startswith("^", i):
                out.append("^")
                i += 1
            if source.startswith("]", i):  # a "]" first in a class is a literal
                out.append("\\]")
                i += 1
            continue
        if char == "]" and in_class:
            in_class = False
        elif (char == "{" and source[i + 1:i + 2].isalpha()) or (char == "[" and source.startswith(":", i + 1)):
            raise ValueError(f"no ASCII twin for the fuzzy match or POSIX class in {source!r}")
        out.append(char)
        i += 1
    if pattern_flags & ~(regex.I | regex.M | regex.S | regex.X | regex.U | regex.V0):
        raise ValueError(f"no ASCII twin for the flags of {source!r}")
    flags = sum(std for flag, std in _FLAGS.items() if pattern_flags & flag)
    return re.compile("".join(out), flags)


class AsciiTwin:
    """A ``regex`` pattern with a stdlib twin for ASCII text, made by :func:`_ascii_pattern`.

    The stdlib engine matches patterns of names and separators (``\\p{Lu}[\\p{L}.'-]{0,40}+\\s*+[,;&]``)
    about 3x faster than ``regex``, whose Unicode classes it lacks; on ASCII text they are plain
    ranges. Other text goes to the pattern. Only worth it where the stdlib is faster: a pattern
    led by a literal (``\\b(?:19|20)\\d\\d``) is faster in ``regex``. Both are compiled on first
    use, like :class:`Lazy`, when given the source (``pattern`` is then the ``Lazy`` one); a
    compiled or ``Lazy`` pattern is taken as it is.
    """

    __slots__ = ("pattern", "_ascii")

    def __init__(self, pattern: str | regex.Pattern[str] | Lazy, flags: int = 0) -> None:
        self.pattern = Lazy(pattern, flags) if isinstance(pattern, str) else pattern
        self._ascii: re.Pattern[str] | None = None

    @property
    def ascii(self) -> re.Pattern[str]:
        if self._ascii is None:
            pattern = self.pattern
            flags = pattern._flags if isinstance(pattern, Lazy) else pattern.flags
            self._ascii = _ascii_pattern(pattern.pattern, flags)
        return self._ascii

    def search(self, text: str) -> re.Match[str] | regex.Match[str] | None:
        return ((self._ascii or self.ascii) if text.isascii() else self.pattern).search(text)

    def match(self, text: str) -> re.Match[str] | regex.Match[str] | None:
        return ((self._ascii or self.ascii) if text.isascii() else self.pattern).match(text)


class SeparatorFinder:
    """A separator finder with ``\\G`` for ASCII text: the matches of a ``regex`` pattern whose
    first alternative starts ``(?:(?<!\\s)|\\G)`` (a separator starts only where a run of spaces
    starts or where the last match ended, so that the run is read once: linear), in order, up to
    the first empty one.

    The stdlib ``re`` costs a third of ``regex`` per call but has no ``\\G``. On ASCII text two
    stdlib twins made from the pattern (as :class:`AsciiTwin` makes them) stand for it: the
    pattern with ``(?<!\\s)`` for the anchor is searched from where the last match ended; where
    the text goes on there with ";" or ",", the first alternative without the anchor is tried at
    that very position first. That is all ``\\G`` adds when, as in the name and author-list
    separators, a match takes every space after it and every alternative that can start on a
    non-space starts with ";" or "," (each use has a random-text test against its pattern).
    Other text goes to the pattern. Both twins are made on first use.
    """

    __slots__ = ("pattern", "_free", "_chained")
    _ANCHOR = r"(?:(?<!\s)|\G)"

    def __init__(self, pattern: str | Lazy, flags: int = 0) -> None:
        self.pattern = Lazy(pattern, flags) if isinstance(pattern, str) else pattern
        self._free: re.Pattern[str] | None = None
        self._chained: re.Pattern[str] | None = None

    def _twins(self) -> re.Pattern[str]:
        first, *rest = _alternatives(self.pattern.pattern)  # type: ignore[arg-type]
        if not first.startswith(self._ANCHOR):
            raise ValueError(f"no {self._ANCHOR} leads {self.pattern.pattern!r}")
        anchored = first[len(self._ANCHOR):]
        self._chained = _ascii_pattern("(?=[;,])" + anchored, self.pattern._flags)  # linear even when searched
        self._free = _ascii_pattern("|".join([r"(?<!\s)" + anchored, *rest]), self.pattern._flags)
        return self._free

    def finditer(self, text: str) -> Iterator[re.Match[str] | regex.Match[str]]:
        if not text.isascii():
            for found in self.pattern.finditer(text):
                yield found
                if found.end() == found.start():
                    return
            return
        free = self._free or self._twins()
        chained = self._chained
        match = free.search(text)
        while match is not None:
            yield match
            start, pos = match.span()
            if pos == start:
                return
            match = chained.match(text, pos) if text[pos:pos + 1] in (";", ",") else None  # type: ignore[union-attr]
            if match is None:
                match = free.search(text, pos)


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source, as written."""
    parts, depth, in_class, start = [], 0, False, 0
    for token in rx(r"\\.|.", regex.S).finditer(source):
        char = token.group()
        if len(char) == 2:
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(source[start:token.start()])
            start = token.end()
    if depth or in_class:
        raise ValueError(f"unbalanced brackets in {source!r}")
    return [*parts, source[start:]]


# ---------------------------------------------------------------- the user's pattern cache

#: At most this many patterns in the user's cache: patterns made per HTML tag or from a user's venue
#: file are few, but a page can name any number of tags, and a cache must not grow without end.
PATTERN_CACHE_LIMIT = 4000


def pattern_cache_file() -> str | None:
    """Where the command line keeps compiled patterns for the installed ``regex``:
    ``$PUBEXTRACT_CACHE_DIR``, else ``$XDG_CACHE_HOME/pubextract``, else ``~/.cache/pubextract``;
    None (no cache) when ``PUBEXTRACT_CACHE_DIR`` is set empty. The engine is in the name, so
    two ``regex`` releases on one machine (two virtual environments) keep a file each."""
    import os

    directory = os.environ.get("PUBEXTRACT_CACHE_DIR")
    if directory is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        directory = os.path.join(base, "pubextract")
    if not directory:
        return None
    version, magic, default_version = _ENGINE
    return os.path.join(directory, f"patterns-{version}-{magic}-{default_version}.marshal")


def use_pattern_cache() -> None:
    """For the command line, one process per run: read the patterns earlier runs compiled under
    the installed ``regex``, and at exit add those this run had to compile.

    The prebuilt table serves only the ``regex`` release that made it; after ``pip`` brings a
    newer one, every run would parse all its patterns again (about 0.3 s of a one-page extract)
    until the package is rebuilt. With the cache only the first run does. The library never
    reads or writes it: its output does not depend on what ran before, and neither does the
    CLI's (a cached pattern is what ``regex.compile`` makes of the same source; only the
    start-up differs)."""
    global _cache_file, _table
    if _cache_file is not None:
        return
    _cache_file = pattern_cache_file()
    if _cache_file is not None:
        import atexit

        _table = None  # read again on first use, with the cache
        atexit.register(_save_pattern_cache)


def _save_pattern_cache() -> None:
    """Add the patterns this process compiled (those the table lacked) to the user's cache.

    Best effort: a cache that cannot be written costs only start-up time, so errors are
    ignored. Written to a temporary file and renamed, so that a run stopped half-way or two
    runs at once never leave a partial file (the last one to finish wins)."""
    import os
    import tempfile

    if _cache_file is None or not missed:
        return
    try:
        with open(_cache_file, "rb") as cache:
            patterns = dict(_patterns_of(cache.read()))
    except OSError:
        patterns = {}
    added = 0
    for key in sorted(missed, key=repr):
        if len(patterns) >= PATTERN_CACHE_LIMIT:
            break
        if key not in patterns:
            try:
                patterns[key] = _pickled(*key)
                added += 1
            except (regex.error, RuntimeError):
                continue  # not a pattern regex compiles (it raised for the caller), or pickled another way
    if not added:
        return
    directory = os.path.dirname(_cache_file)
    try:
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".patterns-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(marshal.dumps({"engine": _ENGINE, "patterns": patterns}, 4))
            os.replace(temporary, _cache_file)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


def _pickled(source: str | bytes, flags: int) -> tuple[Any, ...]:
    """What ``regex`` pickles the compiled ``source`` as: the arguments of its C ``compile``."""
    compiled = regex.compile(source, flags)
    maker, made = copyreg.dispatch_table[type(compiled)](compiled)  # how regex pickles it
    if maker is not _regex.compile:
        raise RuntimeError(f"regex {regex.__version__} pickles patterns another way: no prebuilt table")
    return made  # type: ignore[no-any-return]


# ---------------------------------------------------------------- the prebuilt table

def prebuilt_table(pages: Iterable[str] = ()) -> bytes:
    """The content of :data:`PREBUILT_FILE`: every module-level pattern of the package, and every
    pattern compiled while extracting ``pages`` (those made from data files or per HTML tag)."""
    import importlib
    import pkgutil

    import pubextract

    global _table
    _table = {}  # compile everything afresh, recording it in ``missed``
    try:
        for info in pkgutil.walk_packages(pubextract.__path__, "pubextract."):
            module = importlib.import_module(info.name)
            for value in list(vars(module).values()):
                for item in value if isinstance(value, tuple) else (value,):
                    for part in item if isinstance(item, tuple) else (item,):
                        if isinstance(part, (Needled, WordAlternation, AsciiTwin, SeparatorFinder)):
                            part = part.pattern
                        if isinstance(part, Lazy):
                            part.compiled()
                        elif isinstance(part, regex.Pattern):
                            missed.add((part.pattern, int(part.flags)))
        from .pipeline import extract_page

        for page in pages:
            extract_page(page)
    finally:
        _table = None
    patterns = {(source, flags): _pickled(source, flags)
                for source, flags in sorted(missed, key=lambda key: (isinstance(key[0], bytes), repr(key)))}
    return marshal.dumps({"engine": _ENGINE, "patterns": patterns}, 4)


if __name__ == "__main__":
    import os
    import sys
    from pathlib import Path

    if os.environ.get("PYTHONHASHSEED") != "0":  # regex orders a pattern's first-character set by str hash
        os.execve(sys.executable, [sys.executable, "-m", "pubextract._rx", *sys.argv[1:]],
                  {**os.environ, "PYTHONHASHSEED": "0"})
    from pubextract import _rx  # this file as the package's module, not as __main__

    pages = [page for page in sys.argv[1:] if not page.endswith(".gold.json")]
    target = Path(_rx.__file__).parent / "data" / PREBUILT_FILE
    target.write_bytes(_rx.prebuilt_table(pages))
    print(f"{target}: {len(_rx.missed)} patterns, regex {regex.__version__}")
