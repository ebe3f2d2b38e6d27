"""Author lists: real strings from fixtures/authors/author_lists.tsv, name parts, and invariants."""
from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubextract.authors import (
    author_list_score,
    looks_like_name,
    split_author_list,
    split_name,
)
from pubextract.document import Style

TABLE = Path(__file__).resolve().parent.parent / "fixtures" / "authors" / "author_lists.tsv"


def _rows() -> list[pytest.param]:
    rows = []
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, names, truncated, families, marks, source = line.split("\t")
        rows.append(pytest.param(text, names.split(" | "), truncated == "true", families.split(" | "),
                                 marks.split(" | ") if marks else None, id=f"{number}:{text[:40]}"))
    return rows


ROWS = _rows()


def test_the_table_holds_at_least_150_real_strings() -> None:
    assert len(ROWS) >= 150


@pytest.mark.parametrize(("text", "names", "truncated", "families", "marks"), ROWS)
def test_author_list_splits_as_labelled(text: str, names: list[str], truncated: bool, families: list[str],
                                       marks: list[str] | None) -> None:
    result = split_author_list(text)
    assert [a.name for a in result.authors] == names
    assert result.truncated is truncated
    for author, family in zip(result.authors, families):
        if family != "?":
            assert split_name(author.name)[1] == family, author.name
    if marks is not None:
        for author, expected in zip(result.authors, marks):
            assert set(author.marks) == {m for m in expected.strip().split(",") if m}, author.name


@pytest.mark.parametrize(("name", "given", "family"), [
    ("Zhen Zheng", "Zhen", "Zheng"),
    ("Zheng, Zhen", "Zhen", "Zheng"),
    ("Z. Zheng", "Z.", "Zheng"),
    ("Zheng Z", "Z", "Zheng"),
    ("Zheng Z.", "Z.", "Zheng"),
    ("Smith J. A.", "J. A.", "Smith"),
    ("KRA Hazzard", "KRA", "Hazzard"),
    ("H-T Wei", "H-T", "Wei"),
    ("Jue WANG", "Jue", "WANG"),
    ("WANG Jue", "Jue", "WANG"),
    ("Kanemoto, Y.", "Y.", "Kanemoto"),
    ("Vincent van der Berg", "Vincent", "van der Berg"),
    ("Juan de la Cruz", "Juan", "de la Cruz"),
    ("David Van Horn", "David", "Van Horn"),
    ("Le Song", "Le", "Song"),
    ("John Smith Jr.", "John", "Smith Jr."),
    ("José Sánchez-López", "José", "Sánchez-López"),
    ("Shyamsunder", None, "Shyamsunder"),
    ("Alexei V Ivanov", "Alexei V", "Ivanov"),
    ("A.V. Matveev", "A.V.", "Matveev"),  # dotted capitals are initials, never a family name in capitals
])
def test_split_name(name: str, given: str | None, family: str) -> None:
    assert split_name(name) == (given, family)


def test_native_form_is_a_variant_not_the_name() -> None:
    author = split_author_list("Qipeng Wang (王启鹏), Mengwei Xu").authors[0]
    assert (author.name, author.variants) == ("Qipeng Wang", ("王启鹏",))


def test_superscript_text_is_a_mark_and_its_commas_do_not_separate() -> None:
    text = "Zhen Zheng1,*, Wei Lin2"
    styles = [Style.NONE] * 10 + [Style.SUP] * 3 + [Style.NONE] * (len(text) - 13)
    result = split_author_list(text, styles)
    assert [(a.name, a.marks) for a in result.authors] == [("Zhen Zheng", ("1", "*")), ("Wei Lin", ("2",))]


def test_bold_underlined_or_code_name_is_emphasised() -> None:
    text = "Zhen Zheng, Wei Lin, Jidong Zhai"
    for style in (Style.BOLD, Style.UNDERLINE, Style.CODE):
        styles = [Style.NONE] * 12 + [style] * 7 + [Style.NONE] * 13
        assert [a.emphasised for a in split_author_list(text, styles).authors] == [False, True, False]


@pytest.mark.parametrize(("text", "expected"), [
    ("Zhen Zheng, Wei Lin, Jidong Zhai", 1.0),
    ("Kriel, N., Beattie, J. R., and Federrath, C.", 1.0),
    ("Proceedings of the VLDB Endowment, 2024", 0.0),
])
def test_author_list_score(text: str, expected: float) -> None:
    assert author_list_score(text) == pytest.approx(expected)


def test_looks_like_name() -> None:
    assert looks_like_name("Ting-Hao 'Kenneth' Huang")
    assert looks_like_name("王启鹏")
    assert not looks_like_name("Neural Networks for the win of everything")


def test_name_word_lists_are_clean() -> None:
    raw = resources.files("pubextract.data").joinpath("names.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    lists = [data["particles"]["lower"], data["suffixes"]["words"], data["titles"]["words"]]
    for words in lists + [data["particles"]["capitalised"]]:
        assert words == [w.lower() for w in words] and len(words) == len(set(words))
    assert set(data["particles"]["capitalised"]) <= set(data["particles"]["lower"])
    flat = [w for words in lists for w in words]
    assert len(flat) == len(set(flat))


_GIVEN = st.sampled_from(["Zhen", "Wei", "Adaku", "Akisato", "Maria", "Jean-Luc", "José", "Yu", "Olga"])
_FAMILY = st.sampled_from(["Zheng", "Lin", "Uchendu", "Suzuki", "Garcia", "Picard", "Sánchez", "Li", "Ivanova"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_GIVEN, _FAMILY), min_size=1, max_size=6), st.sampled_from([", ", "; "]),
       st.booleans())
def test_first_last_and_last_first_give_the_same_people(people: list[tuple[str, str]], separator: str,
                                                       oxford: bool) -> None:
    forward = [f"{g} {f}" for g, f in people]
    inverted = [f"{f}, {g}" for g, f in people]
    if separator == ", " and len(people) > 1:
        tail = ", and " if oxford else " and "
        text_forward = ", ".join(forward[:-1]) + tail + forward[-1]
    else:
        text_forward = separator.join(forward)
    text_inverted = "; ".join(inverted) if separator == "; " else ", ".join(inverted)
    parsed_forward = [split_name(a.name) for a in split_author_list(text_forward).authors]
    parsed_inverted = [split_name(a.name) for a in split_author_list(text_inverted).authors]
    assert parsed_forward == parsed_inverted == list(people)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.data())
def test_parsing_never_raises(text: str, data: st.DataObject) -> None:
    styles = data.draw(st.lists(st.integers(min_value=0, max_value=511), min_size=len(text), max_size=len(text)))
    result = split_author_list(text, styles)
    assert all(author.name for author in result.authors)
    assert 0.0 <= author_list_score(text) <= 1.0
    for author in result.authors:
        split_name(author.name)


def test_ascii_separator_twins_cut_as_the_pattern() -> None:
    """The stdlib twins of ``_SEPARATOR`` (no ``\\G`` there) find the same spans on ASCII text."""
    import random

    from pubextract.authors import _SEPARATOR

    rng = random.Random(9)
    pieces = [" ", "  ", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", ",", ";", ", ", "; ", " ,", " ;", "and", "AND", "&",
              "with", "With", "withx", "a", "Smith", "1", "x", "nd", "an", "h", ".", "-", ",1", " and ", " & ", "\n\n", "é"]
    for _ in range(50000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _SEPARATOR.finditer(text)] == [m.span() for m in _SEPARATOR.pattern.finditer(text)], text
