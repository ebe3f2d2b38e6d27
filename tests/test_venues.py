"""The venue table's integrity, and recognition of the ways entries write a venue."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubextract import venues
from pubextract.models import Ids, Kind


def test_table_is_large_and_consistent() -> None:
    entries = venues.shipped_entries()
    assert len(entries) >= 300
    assert venues.clashes(entries) == []
    acronyms = [e.acronym.casefold() for e in entries if e.acronym]
    assert len(acronyms) == len(set(acronyms))
    names = [venues.exact_key(e.name) for e in entries]
    assert len(names) == len(set(names))


def test_prebuilt_index_matches_the_toml() -> None:
    """data/venues.index.json is derived from data/venues.toml; rebuild with `python -m pubextract.venues`."""
    data = Path(venues.__file__).parent / "data"
    raw = (data / "venues.toml").read_text(encoding="utf-8")
    assert (data / venues.INDEX_FILE).read_text(encoding="utf-8") == venues.index_json(raw), (
        "stale venue index: run `python -m pubextract.venues`")
    assert venues.default_table() == venues.build_table(venues._entries_from(raw, "venues.toml"))


def test_parsed_lexicons_match_their_toml() -> None:
    """data/lexicons.json holds what names/headings/abbreviations.toml parse to; rebuild with
    `python -m pubextract.venues`. A stale copy is not used (the TOML is parsed instead)."""
    import tomllib

    from pubextract import data

    assert data.read_text(data.PARSED_FILE) == data.parsed_json(), "stale lexicons.json: run `python -m pubextract.venues`"
    for name in data.LEXICONS:
        assert data.load_toml(name) == tomllib.loads(data.read_text(name)), name


def test_every_spelling_resolves_to_its_own_venue() -> None:
    table = venues.default_table()
    for entry in venues.shipped_entries():
        for spelling in entry.spellings:
            assert table.find(spelling) is entry, spelling


CASES = [  # (tag, phrase, acronym expected, as_written expected, kind expected)
    ("OSDI'24", None, "OSDI", "OSDI", Kind.CONFERENCE),
    (None, "OSDI 2024", "OSDI", "OSDI", Kind.CONFERENCE),
    ("OSDI '24", None, "OSDI", "OSDI", Kind.CONFERENCE),
    (None, "Proceedings of the 18th USENIX Symposium on Operating Systems Design and Implementation", "OSDI",
     "Proceedings of the 18th USENIX Symposium on Operating Systems Design and Implementation", Kind.CONFERENCE),
    (None, "In Proc. of the ACM SIGMOD International Conference on Management of Data", "SIGMOD",
     "Proc. of the ACM SIGMOD International Conference on Management of Data", Kind.CONFERENCE),
    (None, "IEEE Trans. Knowl. Data Eng.", "TKDE", "IEEE Trans. Knowl. Data Eng.", Kind.JOURNAL),
    (None, "Phys. Rev. Lett. 123, 045301 (2019)", "PRL", "Phys. Rev. Lett.", Kind.JOURNAL),
    (None, "NeurIPS 2024 Workshop on Efficient Reasoning", None, "NeurIPS Workshop on Efficient Reasoning",
     Kind.WORKSHOP),
    (None, "ICML 2025 (Spotlight)", "ICML", "ICML", Kind.CONFERENCE),
    (None, "Submitted to ICML 2026", "ICML", "ICML", Kind.CONFERENCE),
    (None, "arXiv:2503.12668", "arXiv", "arXiv", Kind.PREPRINT),
    (None, "bioRxiv", "bioRxiv", "bioRxiv", Kind.PREPRINT),
    (None, "ICSE (International Conference on Software Engineering) 2020", "ICSE",
     "ICSE (International Conference on Software Engineering)", Kind.CONFERENCE),
    (None, "EMNLP-Findings 2024", "EMNLP Findings", "EMNLP-Findings", Kind.CONFERENCE),
    (None, "IEEE ICASSP 2025", "ICASSP", "IEEE ICASSP", Kind.CONFERENCE),
    ("EMDL@Mobisys'21", None, "EMDL", "EMDL@Mobisys", Kind.WORKSHOP),
    (None, "NAACL 2025, Albuquerque, New Mexico, April 2025", "NAACL", "NAACL", Kind.CONFERENCE),
    (None, "In: PeerJ 9, p", "PeerJ", "PeerJ", Kind.JOURNAL),
    (None, "Metroeconomica, vol.70, n.2, pp.341-358, 2019", "Metroeconomica", "Metroeconomica", Kind.JOURNAL),
    (None, "(\\textbf{Under review, TPAMI})", "TPAMI", "TPAMI", Kind.JOURNAL),
    (None, "The Thirteenth International Conference on Learning Representations", "ICLR",
     "The Thirteenth International Conference on Learning Representations", Kind.CONFERENCE),
    (None, "Advances in neural information processing systems 37 (2024): 131786-131823", "NeurIPS",
     "Advances in neural information processing systems", Kind.CONFERENCE),
    # a venue that is only a school is where a thesis was written; its press or proceedings are not
    (None, "University of Stuttgart", None, "University of Stuttgart", Kind.THESIS),
    (None, "Universitat Autònoma de Barcelona", None, "Universitat Autònoma de Barcelona", Kind.THESIS),
    (None, "University of Bamberg Press", None, "University of Bamberg Press", Kind.BOOK),
]


@pytest.mark.parametrize(("tag", "phrase", "acronym", "written", "kind"), CASES)
def test_recognise(tag: str | None, phrase: str | None, acronym: str | None, written: str, kind: Kind) -> None:
    venue = venues.recognise(tag, phrase, phrase or "")
    assert venue is not None
    assert (venue.acronym, venue.as_written) == (acronym, written)
    assert venues.kind_of(venue, phrase or tag or "", "", Ids()) is kind


def test_unknown_venue_keeps_its_words_and_invents_nothing() -> None:
    venue = venues.recognise(None, "Journal of Imaginary Results 12 (3): 1-9", "")
    assert venue is not None
    assert (venue.name, venue.acronym, venue.as_written) == (None, None, "Journal of Imaginary Results")


def test_phrase_cut_at_a_comma_is_made_whole() -> None:
    text = "IEEE/ACM Transactions on Audio, Speech, and Language Processing (TASLP)"
    venue = venues.recognise(None, "IEEE/ACM Transactions on Audio", text)
    assert venue is not None and venue.acronym == "TASLP"


def test_a_journal_doi_is_not_a_preprint_server() -> None:
    assert venues.recognise(None, None, "DOI: 10.1093/mnras/stac969. arXiv: 2204.00828.") is None
    assert venues.kind_of(None, "", "", Ids(doi="10.1093/mnras/stac969")) is Kind.JOURNAL
    assert venues.kind_of(None, "", "", Ids(doi="10.2139/ssrn.5188617")) is Kind.PREPRINT


def test_thesis_and_chapter() -> None:
    venue = venues.recognise(None, None, "PhD Thesis, Johns Hopkins University")
    assert venue is not None and venue.as_written == "Johns Hopkins University"
    text = "In the Politics of Presidential Term Limits, edited by Alexander Baturo and Robert Elgie"
    chapter = venues.recognise(None, text, text)
    assert chapter is not None and chapter.as_written == "the Politics of Presidential Term Limits"
    assert venues.kind_of(chapter, text, "", Ids()) is Kind.CHAPTER


def test_user_table_extends_and_overrides(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.toml"
    path.write_text('[[venue]]\nacronym = "XYZW"\nname = "Xylophone Workshop Conference"\nkind = "conference"\n')
    table = venues.load_table(path)
    venue = venues.recognise(None, "XYZW 2023", "XYZW 2023", table)
    assert venue is not None and venue.name == "Xylophone Workshop Conference"
    assert venues.recognise(None, "OSDI 2024", "", table).acronym == "OSDI"  # type: ignore[union-attr]


def test_bad_user_table_is_an_input_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.toml"
    path.write_text("venue = [")
    with pytest.raises(venues.InputError):
        venues.load_table(path)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_never_raises(phrase: str, text: str) -> None:
    venue = venues.recognise(None, phrase, text)
    venues.kind_of(venue, text, "", Ids())


# ---------------------------------------------------------------- the fast paths answer as their patterns

_PIECES = ["Phys", "PHYS", "Rev.", "J", "j", "x", "A", "Zz", "proc", "Proc.", "vol", "thesis", "PhD", "patent", "US", "1234567",
           "tech", "rep.", "white paper", "workshop", "W)", "W@", "@", "arXiv", "biorxiv", "SSRN", "preprint", "e-print",
           "research square", "working paper", "submitted", "in prep", "draft", "r&r", "R & R", "chapter", "edited by",
           "(eds.)", "eds.)", "In: Book, Eds.", "ch. 5", "handbook", "conf.", "symposium", "congress", "press", "publishers",
           "journal", "Trans.", "Lett.", "Phys.", "nature", "frontiers in", "proceedings of the royal society", "ieee",
           " ", "  ", "\t", "\n", "\x0b", "\x1c", "\xa0", "\u2003", ".", ",", "-", "(", ")", "é", "ſ", "\u212a", "İ", "_", "1"]


def _random_texts(seed: int, count: int = 20000) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 8))) for _ in range(count)]


def test_abbreviation_test_answers_as_its_pattern() -> None:
    import random

    rng = random.Random(3)
    pattern = venues._abbreviated_word()
    for text in _random_texts(3):
        start = 0 if rng.random() < 0.5 else rng.randint(0, len(text))
        end = len(text) if rng.random() < 0.5 else rng.randint(start, len(text))
        assert venues._ends_abbreviated(text, start, end) == (pattern.search(text, start, end) is not None), (
            text, start, end)


_SENTENCE_PIECES = ["Phys", "PHYS", "phys", "Rev", "J", "j", "x", "A", "Zz", "Proc", "int'l", "Int'l", "INT'L", "l", "o'",
                    "Smith", "et al", "al", "vol", "pp", "no", "Chem", "Lett", "ſ", "\u212a", "é", "İ", "ß", "_", "1", "2024",
                    "'", "’", "-", "(", "[", "“", ".", ". ", "? ", "! ", ".  ", ".\n", ".\xa0", " ", "\t", "In", "arXiv",
                    "The", "a", "B.", "Ab", "mol", "e.g", "Ph", "iii"]


def test_sentence_split_answers_as_its_pattern() -> None:
    """_split_sentences runs _sentence_end() without its abbreviation lookbehind and asks
    _abbreviation_before instead: the same cuts on any text."""
    import random

    from pubextract.fields import lines

    rng = random.Random(5)
    pattern = lines._sentence_end()
    words = sorted(venues.abbreviations())
    for _ in range(30000):
        pieces = _SENTENCE_PIECES + rng.sample(words, 3)
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        spans, pos = [], 0
        for match in pattern.finditer(text):
            spans.append((pos, match.start() + 1))
            pos = match.end()
        spans.append((pos, len(text)))
        expected = [(a, b) for a, b in spans if text[a:b].strip()] if any(c in text for c in ".?!") else (
            [(0, len(text))] if text.strip() else [])
        assert lines._split_sentences(text) == expected, text


def test_needled_venue_patterns_answer_as_their_patterns() -> None:
    needled = vars(venues._needled())
    assert len(needled) >= 10
    for text in _random_texts(4):
        for name, fast in needled.items():
            found, expected = fast.search(text), fast.pattern.search(text)
            assert (found and found.span()) == (expected and expected.span()), (name, text)


def test_every_regex_space_is_a_str_space() -> None:
    """tidy_venue skips ``\\s+([,.;:)])`` on text joined on single spaces when no " ," etc. is in it:
    that holds only while ``str.split()`` removes every character ``\\s`` matches."""
    import sys

    import regex

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert all(char.isspace() for char in regex.findall(r"\s", every))
