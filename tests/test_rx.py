"""The fast paths in ``_rx`` answer exactly as the patterns they stand for, and a
:class:`~pubextract._rx.Lazy` pattern is compiled on first use only.

Checked against the pattern itself on random text made of the patterns' own words,
their neighbours (a word run on: "ACMs", "proc_"), punctuation and non-ASCII letters
(which must go to the pattern), and on the dev pages' blocks.
"""
from __future__ import annotations

import json
import os
import random
import re
import sys
from pathlib import Path

import pytest
import regex

from pubextract import entries
from pubextract._rx import AsciiTwin, Lazy, Needled, SeparatorFinder, WordAlternation, _alternatives

PIECES = ["proc", "eedings", "PROC", "Proc.", ".", ":", " ", "  ", "in", "IN", "to", "appear", "journal", "x", "_",
          "1", "é", "\u212a", "conf", "acm", "ACMs", "-", "under", "review", "h-index", "citations", "i10", "index",
          "ſsrn", "vol", "pp", "(", ")", "\n"]


def _texts(seed: int, count: int = 20000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 9))) for _ in range(count)]


@pytest.mark.parametrize("pattern", [
    entries._VENUE_WORDS.pattern,
    regex.compile(r"\b(?:proceedings|proc\.|journal|conf\.|in:|to appear|acm)\b", regex.I),
    regex.compile(r"\b(?:proc(?:eedings)?|acm)(?!\w)", regex.I),  # not of the shape: the pattern decides
    regex.compile(r"\b(?:acm|journal)(?!\w)"),  # case-sensitive: the pattern decides
])
def test_word_alternation_answers_as_its_pattern(pattern: regex.Pattern[str]) -> None:
    fast = WordAlternation(pattern)
    for text in _texts(1):
        assert fast.found(text) == (pattern.search(text) is not None), text


def test_word_alternation_takes_the_fast_path_for_the_venue_words() -> None:
    assert entries._VENUE_WORDS.words is not None  # a rewrite of the pattern must keep its shape


def test_needled_answers_as_its_pattern() -> None:
    pattern = entries._METRICS.pattern
    for text in _texts(2):
        found = entries._METRICS.search(text)
        expected = pattern.search(text)
        assert (found and found.span()) == (expected and expected.span()), text


def test_needled_refuses_an_alternative_without_a_needle() -> None:
    with pytest.raises(ValueError):
        Needled(regex.compile(r"\bh-index|\bcited by\b", regex.I), "index")
    with pytest.raises(ValueError):
        Needled(regex.compile(r"\bh-index"), "index")  # only case-insensitive patterns are lowered


def test_fast_paths_agree_on_the_dev_pages(dev_blocks: list[str]) -> None:
    for text in dev_blocks:
        assert entries._VENUE_WORDS.found(text) == (entries._VENUE_WORDS.pattern.search(text) is not None)
        assert (entries._METRICS.search(text) is None) == (entries._METRICS.pattern.search(text) is None)


@pytest.fixture(scope="module")
def dev_blocks() -> list[str]:
    from pathlib import Path

    from pubextract.readers import read_text
    from pubextract.readers._source import load_text

    pages = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
    texts = []
    for path in sorted(pages.glob("*.md")) + sorted(pages.glob("*.html")):
        texts.extend(block.text for block in read_text(load_text(str(path)).text, path=str(path)).blocks)
    assert texts
    return texts


def test_linear_name_separator_cuts_as_the_plain_pattern() -> None:
    from pubextract.fields.names import _NAME_SEPARATOR

    plain = regex.compile(r"\s*(?:;|,\s*(?:and|&)\s+|,|\s+and\s+|\s+&\s+)\s*|$")  # quadratic on spaces
    rng = random.Random(5)
    pieces = [" ", "  ", "\n", ",", ";", "and", "&", "a", "A", "an", "d", "\t", "\u00a0", "x"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _NAME_SEPARATOR.pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_ascii_fold_words_as_the_unicode_pattern(dev_blocks: list[str]) -> None:
    from pubextract.sections import _WORD, fold

    rng = random.Random(6)
    pieces = ["a", "Z", "9", "-", "'", "--", " ", "_", ".", "x-y", "it's", "\n", "\t", "\x00", "~"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for text in texts + [t for t in dev_blocks if t.isascii()]:
        assert fold(text) == " ".join(w.lower() for w in _WORD.findall(text)), text


def _twins() -> list[tuple[str, AsciiTwin]]:
    import importlib
    import pkgutil

    import pubextract

    found = []
    for info in pkgutil.walk_packages(pubextract.__path__, "pubextract."):
        for attr, value in vars(importlib.import_module(info.name)).items():
            if isinstance(value, AsciiTwin):
                found.append((f"{info.name}.{attr}", value))
    return found


TWIN_PIECES = ["A", "Bo", "z", "ab", "e.", ". ", ".", "'", "-", ",", ", ", ";", "&", " ", "  ", "\t", "\n", "\x0b", "\x1c",
               "\x1f", "joint", "JOINTLY", "With", "with", "(", ")", "_", "1", "2024", "Li", "et al.", "x" * 45,
               "*", "\\*", "(*)", "^", "^1", ":", "=", "denotes", "the", "Equal", "equally-contributing", "co-first",
               "joint first", "Corresponding", "senior"]


def test_ascii_twins_match_as_their_patterns(dev_blocks: list[str]) -> None:
    twins = _twins()
    assert any(name == "pubextract.entries._NAME_LIST" for name, _ in twins)
    rng = random.Random(7)
    texts = ["".join(rng.choice(TWIN_PIECES) for _ in range(rng.randint(0, 10))) for _ in range(20000)]
    for name, twin in twins:
        for text in texts + [t for t in dev_blocks if t.isascii()]:
            fast, slow = twin.ascii.search(text), twin.pattern.search(text)
            assert (fast and fast.span()) == (slow and slow.span()), (name, text)


@pytest.mark.parametrize("pattern", [r"\p{Lo}+", r"\S+", r"\X", r"(?r)\d+$", r"a{e<=1}", r"[[:alpha:]]", r"(?|a|b)"])
def test_ascii_twin_refuses_what_it_cannot_translate(pattern: str) -> None:
    with pytest.raises((ValueError, re.error)):
        AsciiTwin(pattern).ascii  # noqa: B018 (translated on first use)


def test_name_separators_cut_as_the_regex_pattern(dev_blocks: list[str]) -> None:
    """fields.names._NAME_SEPARATOR (stdlib twins on ASCII text) against its ``regex`` pattern, up to the end."""
    from pubextract.fields.names import _NAME_SEPARATOR

    def expected(text: str) -> list[tuple[int, int]]:
        spans = []
        for match in _NAME_SEPARATOR.pattern.finditer(text):
            spans.append(match.span())
            if match.end() == match.start():
                break
        return spans

    rng = random.Random(6)
    pieces = [" ", "  ", "\n", ",", ";", "and", "And", "&", "a", "an", "d", "\t", "\u00a0", "\u2003", "\x1c", "\x1f",
              "\x85", "x", "é"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for text in texts + dev_blocks:
        assert [m.span() for m in _NAME_SEPARATOR.finditer(text)] == expected(text), text


@pytest.mark.parametrize(("source", "alternatives"), [
    (r"a|b(?:c|d)|[|(]|\||$", ["a", "b(?:c|d)", "[|(]", "\\|", "$"]),
    (r"(?:(?<!\s)|\G)(?:,|;)\s*", [r"(?:(?<!\s)|\G)(?:,|;)\s*"]),
])
def test_alternatives_split_at_the_top_level_only(source: str, alternatives: list[str]) -> None:
    assert _alternatives(source) == alternatives


def test_separator_finder_needs_the_anchor_first() -> None:
    with pytest.raises(ValueError):
        list(SeparatorFinder(r"\s*,|(?:(?<!\s)|\G);").finditer("a, b"))
    with pytest.raises(ValueError):
        list(SeparatorFinder(r"(?:(?<!\s)|\G)\S,").finditer("a, b"))  # no ASCII twin for \S


def test_line_fast_paths_answer_as_their_patterns(dev_blocks: list[str]) -> None:
    """fields.lines._continues against _CONTINUES, and _LINK_LABEL's twin on labels."""
    from pubextract.fields.lines import _CONTINUES, _LINK_LABEL, _LINK_LABEL_TWIN, _continues

    rng = random.Random(8)
    pieces = ["and", "AND", "with", "the", "an", "a", "x", "_", "1", " ", ",", "(", "[", "/", "-", ".", "é", "\u212a",
              "pdf", "PDF", "code", "link", "my link", "citations", "12 citations", "supplementary material", "[", "]",
              "ſ", "\n"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))) for _ in range(20000)]
    longest = ["a" * 20 + "link", "[" + "a" * 20 + "link]", "a" * 21 + "link", "1234567 citations",
               "post-print     manuscript"]
    for text in texts + longest + [line.strip() for block in dev_blocks for line in block.split("\n")]:
        if text.rstrip():
            before = text.rstrip()
            assert _continues(before) == (_CONTINUES.search(before) is not None), before
        assert (_LINK_LABEL_TWIN.search(text) is None) == (_LINK_LABEL.match(text) is None), text


def test_lazy_pattern_answers_as_the_compiled_one_and_compiles_once() -> None:
    source, flags = r"(?P<word>\bproc\.?|acm)\s*(\d+)?", regex.I
    lazy, compiled = Lazy(source, flags), regex.compile(source, flags)
    assert lazy.pattern == source and "_compiled" not in vars(lazy)  # the source costs no compiling
    for text in _texts(3, 2000):
        found, expected = lazy.search(text), compiled.search(text)
        assert (found and found.span()) == (expected and expected.span())
        assert lazy.sub("#", text) == compiled.sub("#", text)
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert (lazy.flags, lazy.groupindex) == (compiled.flags, compiled.groupindex)
    assert lazy.compiled() is lazy.compiled() and lazy.search.__self__ is lazy.compiled()
    assert {"search", "sub", "finditer", "flags"} <= set(vars(lazy))  # later look-ups skip __getattr__
    with pytest.raises(AttributeError):
        lazy.__deepcopy__  # noqa: B018 (copy and pickle probe dunders: they must not compile or resolve)


def test_importing_the_pipeline_compiles_no_module_level_pattern() -> None:
    """A module that uses a pattern while it is imported (or wraps it in a fast path that reads
    its flags) undoes the laziness for every run, and so does a module-level ``regex.compile``
    (write ``Lazy(...)``); only a page's own work compiles patterns."""
    import subprocess
    import sys

    script = (
        "import sys, regex, pubextract.pipeline, pubextract.cli.extract\n"
        "from pubextract._rx import Lazy\n"
        "print(sorted(f'{m.__name__}.{k}' for m in list(sys.modules.values()) if m.__name__.startswith('pubextract')"
        " and m.__name__ != 'pubextract._rx'"  # its helpers read the fast paths' patterns, built at import
        " for k, v in vars(m).items()"
        " if isinstance(v, regex.Pattern) or isinstance(v, Lazy) and '_compiled' in vars(v)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_prebuilt_patterns_are_what_regex_compiles(dev_blocks: list[str]) -> None:
    """data/patterns.marshal is made by the installed regex, and each pattern in it is what
    ``regex.compile`` makes of its source: regex's pickled form, the same engine code but for the
    order of a set of characters (regex orders them by hash, so it differs from run to run), and
    the same matches on the dev blocks and random text."""
    import copyreg

    from pubextract import _rx

    table = _rx._prebuilt()
    if not table:
        pytest.skip(_ANOTHER_REGEX)
    texts = dev_blocks[::7] + _texts(11, 300)
    for (source, flags), made in table.items():
        compiled, prebuilt = regex.compile(source, flags), _rx.compile_pattern(source, flags)
        fresh = copyreg.dispatch_table[regex.Pattern](compiled)[1]
        assert copyreg.dispatch_table[regex.Pattern](prebuilt)[1] == made
        assert fresh[:2] + fresh[3:] == made[:2] + made[3:] and sorted(fresh[2]) == sorted(made[2]), source
        for text in texts if isinstance(source, str) else [t.encode() for t in texts]:
            assert [m.regs for m in prebuilt.finditer(text)] == [m.regs for m in compiled.finditer(text)], source


REBUILD = "python -m pubextract._rx fixtures/pages/* fixtures/holdout/*/*"
#: Why the prebuilt-table checks skip: the table is made by one ``regex`` release and any other ignores it
#: (the output is the same, start-up pays the parsing again). A new ``regex`` on PyPI is not a fault of the
#: code under test, so it skips rather than fails; rebuilding the table brings the checks back.
_ANOTHER_REGEX = (f"data/patterns.marshal was made by another regex release than the installed "
                  f"{regex.__version__}: run `{REBUILD}`")
#: Loaded only by the pages that need them: never by a UTF-8 Markdown, HTML or text page (the lexicons'
#: parsed copies spare ``tomllib``; one page, one process).
NOT_FOR_ONE_PAGE = ("tomllib", "charset_normalizer", "bibtexparser", "pylatexenc", "concurrent.futures",
                    "urllib.request", "html.parser")
#: Nor by importing the pipeline: the readers' parsers come with their reader, rapidfuzz with the first
#: pair of names that needs a fuzzy comparison.
NOT_FOR_THE_PIPELINE = (*NOT_FOR_ONE_PAGE, "rapidfuzz", "cmarkgfm", "lxml")


def test_importing_the_pipeline_imports_no_reader_nor_data_parser() -> None:
    import subprocess
    import sys

    script = (
        "import sys, pubextract.pipeline, pubextract.cli.extract, pubextract.export.json\n"
        f"print([name for name in {NOT_FOR_THE_PIPELINE!r} if name in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _one_page_cli_extract(before: str = "", report: str = "parsed") -> str:
    """A script for ``python -c``: ``before``, then ``pubextract extract sys.argv[1] --format json`` through
    the CLI with its output dropped, then ``report`` printed as JSON; ``parsed`` holds the sources of the
    patterns the ``regex`` module had to parse (none come from the prebuilt table or the user's cache)."""
    return ("import sys, io, contextlib, json, regex._main as m\n" + before +
            "parsed = []\n"
            "parse = m._parse_pattern\n"
            "m._parse_pattern = lambda source, info: parsed.append(source.string) or parse(source, info)\n"
            "from pubextract.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['extract', sys.argv[1], '--format', 'json'])\n"
            f"print(json.dumps({report}))\n")


@pytest.mark.parametrize("page", ["fixtures/pages/AstroKriel__astrokriel.github.io__papers.md",
                                  "fixtures/pages/AbhilashReddyM__AbhilashReddyM.github.io__papers.html",
                                  "fixtures/pages/000_d72f305e6d0c41d5.txt"])
def test_a_one_page_extract_parses_no_pattern_and_skips_what_it_does_not_need(page: str) -> None:
    """The start-up of a one-page extract (issue 7): every pattern it compiles comes from the
    prebuilt table (the ``regex`` module parses none: ~360 M instructions otherwise), and it
    imports none of the modules of other formats or data it does not read."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from pubextract import _rx

    script = _one_page_cli_extract(report=f"[parsed, [name for name in {NOT_FOR_ONE_PAGE!r} if name in sys.modules]]")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", script, str(root / page)], capture_output=True, text=True,
                          check=True)
    parsed, imported = json.loads(done.stdout)
    assert imported == []
    if not _rx._prebuilt():
        pytest.skip(_ANOTHER_REGEX)
    assert parsed == [], f"{parsed} (patterns the table lacks: run `{REBUILD}`)"


#: A one-page extract through the CLI, with the prebuilt table made unusable as a new ``regex`` release
#: would (another engine).
_UNDER_ANOTHER_REGEX = _one_page_cli_extract(before="from pubextract import _rx\n"
                                                    "_rx._ENGINE = ('a release that made no table', 0, 0)\n")


def test_the_cli_keeps_compiled_patterns_for_a_regex_the_table_was_not_made_by(tmp_path: Path) -> None:
    """Start-up under a ``regex`` release newer than the prebuilt table: the first run parses the
    patterns and leaves them in the user's cache, the next parses none and prints the same JSON;
    a damaged cache file is ignored (and replaced), never an error."""
    import subprocess

    page = str(Path(__file__).resolve().parent.parent / "fixtures/pages/AstroKriel__astrokriel.github.io__papers.md")
    env = {**os.environ, "PUBEXTRACT_CACHE_DIR": str(tmp_path / "cache")}

    def parsed_by_a_run() -> list[str]:
        done = subprocess.run([sys.executable, "-c", _UNDER_ANOTHER_REGEX, page], capture_output=True, text=True,
                              check=True, env=env)
        return json.loads(done.stdout)

    assert len(parsed_by_a_run()) > 50
    cached = list((tmp_path / "cache").iterdir())
    assert [file.name for file in cached] == ["patterns-a release that made no table-0-0.marshal"]
    assert parsed_by_a_run() == []
    cached[0].write_bytes(b"\x00 not a table")
    assert len(parsed_by_a_run()) > 50
    assert parsed_by_a_run() == []
    out = [subprocess.run([sys.executable, "-c", "import sys; from pubextract.cli import main; sys.exit(main())", "extract", page, "--format", "json"],
                          capture_output=True, text=True, check=True, env=cache_env).stdout
           for cache_env in (env, {**env, "PUBEXTRACT_CACHE_DIR": ""})]
    assert out[0] == out[1]


def test_the_library_never_touches_the_pattern_cache(tmp_path: Path) -> None:
    import subprocess

    script = ("import pubextract, pubextract._rx\n"
              "pubextract._rx._ENGINE = ('a release that made no table', 0, 0)\n"
              "pubextract.extract('fixtures/pages/AstroKriel__astrokriel.github.io__papers.md')\n")
    subprocess.run([sys.executable, "-c", script], check=True, cwd=Path(__file__).resolve().parent.parent,
                   env={**os.environ, "PUBEXTRACT_CACHE_DIR": str(tmp_path)})
    assert list(tmp_path.iterdir()) == []


def test_field_prefilters_never_skip_a_match() -> None:
    """The cheap tests in front of fields' patterns pass every text the pattern would change or match."""
    from pubextract.fields.lines import _DEBRIS, _DEBRIS_HINT
    from pubextract.fields.names import _ET_AL, _MARKS_AND_ETAL, _may_hold_etal, _without_marks
    from pubextract.fields.venue import _TRAILING_NUMBERS, _without_trailing_numbers

    rng = random.Random(10)
    pieces = ["et al", "Et. Al", "ET", "al", "and others", "other", "…", ".", "*", "^", "(", ")", "[", "]", "|", ",", ";",
              "/", "-", " ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "ſ", "\u212a", "İ", "x", "J", "(equal contribution)",
              "12", "3.5", ":", "e85464", "_", "–", "()"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert _without_marks(text) == _MARKS_AND_ETAL.sub(" ", text), text
        assert _may_hold_etal(text) or _ET_AL.search(text) is None, text
        hinted = text.rstrip()[-1:] in ("|", ",", ";", "/") or _DEBRIS_HINT.search(text) is not None
        assert hinted or _DEBRIS.search(text) is None, text
        assert _without_trailing_numbers(text) == _TRAILING_NUMBERS.sub("", text), text


def test_first_clause_cuts_as_a_walk_over_every_character() -> None:
    from pubextract.fields.venue import _TRAILING_NUMBERS, _first_clause

    def walked(piece: str) -> str:
        depth = 0
        for index, char in enumerate(piece if "," in piece else ""):
            if char in "([":
                depth += 1
            elif char in ")]":
                depth = max(0, depth - 1)
            elif char == "," and depth == 0 and regex.search(r"\p{L}{2}", piece[:index]):
                return _TRAILING_NUMBERS.sub("", piece[:index]).strip()
        return _TRAILING_NUMBERS.sub("", piece).strip()

    rng = random.Random(11)
    pieces = ["a", "b", "é", " ", "12", ",", "(", ")", "[", "]", ".", ":", "NAACL", " 2025", "Vol"]
    for _ in range(20000):
        piece = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _first_clause(piece) == walked(piece), piece


def test_a_chunk_of_more_than_five_words_is_no_name() -> None:
    """fields.names._reads_as_name_chunk rejects such a chunk before asking looks_like_name, which
    takes one to five words: a change of that limit must change both."""
    from pubextract.authors import looks_like_name

    assert looks_like_name("Ab Cd Ef Gh Ij") and not looks_like_name("Ab Cd Ef Gh Ij Kl")


def test_lazy_citation_score_answers_as_the_full_score(dev_blocks: list[str]) -> None:
    """``citation_score_at_least`` runs its costly tests only when needed, and keeps what it
    found: whatever thresholds are asked in whatever order, it answers as the whole score."""
    def full(text: str) -> int:
        return ((entries._YEARISH.search(text) is not None) + entries._VENUE_WORDS.found(text)
                + (entries._NAME_LIST.search(text) is not None) + (len(text.split()) >= 8)
                + any(q in text for q in ('"', "“", "”", "``")))

    rng = random.Random(8)
    words = ["A. Smith,", "B. Jones", "2021", "In", "Proc.", "ICML", "journal", '"Title"', "x", "et al"]
    texts = dev_blocks + [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(2000)]
    entries._PAGE_SCORES.clear()
    for text in texts:
        score = full(text)
        for least in rng.sample(range(-1, 7), 8):
            assert entries.citation_score_at_least(text, least) == (score >= least), (text, least)
    entries._PAGE_SCORES.clear()
