"""One person across spellings: compatible() and AuthorIndex, with both error kinds measured."""
from __future__ import annotations

import pytest

from pubextract.identity import AuthorIndex, compatible
from pubextract.models import Author, Publication, Source


@pytest.mark.parametrize(("a", "b"), [
    ("Z. Zheng", "Zhen Zheng"), ("Z. Zheng", "Zheng, Zhen"), ("ZHENG Zhen", "Zhen Zheng"), ("Zheng Z", "Zhen Zheng"),
    ("Kriel, N.", "Neco Kriel"), ("Malipeddi, A. R.", "Abhilash Reddy Malipeddi"), ("H-T Wei", "Hsiang-Tsung Wei"),
    ("Jue WANG", "Wang, J."), ("Matúš Pikuliak", "Matus Pikuliak"), ("Zhenyu Li", "Zhen-Yu Li"),
    ("B. M. Marshall", "Marshall, B. M."), ("S. L. Song", "Shuaiwen Leon Song"),
    ("Julianne Sansa Otim", "J. Sansa-Otim"), ("Julianne SANSA OTIM", "Sansa-Otim, J."),  # round6b: two family names
])
def test_compatible_spellings(a: str, b: str) -> None:
    assert compatible(a, b) and compatible(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("Zhen Zheng", "Zhongzhu Zhou"), ("Z. Zheng", "Z. Zhou"), ("John Smith", "Jane Smith"), ("Zhen Li", "Zhenyu Li"),
    ("Wei Lin", "Wei Liu"), ("C. T. Strine", "C. E. Strine"),
])
def test_incompatible_spellings(a: str, b: str) -> None:
    assert not compatible(a, b)


def _pub(names: list[str], page: str = "a.md") -> Publication:
    return Publication(authors=tuple(Author(name=n) for n in names), source=Source(path=page, line_start=1, line_end=1))


# Spellings of co-authors as real pages write them (devset BenMMarshall, AstroKriel, 001 and 002).
PAGES = [
    _pub(["B. M. Marshall", "C. T. Strine", "M. D. Jones"], "bmm.md"),
    _pub(["Marshall, B. M.", "Strine, C.", "Hodges, C. W."], "bmm.md"),
    _pub(["C. Strine", "B. M. Marshall", "A. C. Hughes"], "bmm.md"),
    _pub(["Hughes, A. C.", "C. W. Hodges", "Benjamin Michael Marshall"], "bmm.md"),
    _pub(["Kriel, N.", "Beattie, J. R.", "Federrath, C."], "kriel.md"),
    _pub(["Beattie, J. R.", "Krumholz, M.", "Kriel, N."], "kriel.md"),
    _pub(["Kriel, N.", "Krumholz, M. R.", "Wibking, B."], "kriel.md"),
    _pub(["Haojun Xia", "Zhen Zheng", "Zhongzhu Zhou", "Shuaiwen Leon Song"], "zheng.md"),
    _pub(["Zhen Zheng", "Z. Zhou", "S. Song"], "zheng.md"),
]
TRUTH = {  # spelling -> person
    "B. M. Marshall": "bmm", "Marshall, B. M.": "bmm", "Benjamin Michael Marshall": "bmm",
    "C. T. Strine": "strine", "Strine, C.": "strine", "C. Strine": "strine",
    "M. D. Jones": "jones", "Hodges, C. W.": "hodges", "C. W. Hodges": "hodges",
    "A. C. Hughes": "hughes", "Hughes, A. C.": "hughes",
    "Kriel, N.": "kriel", "Beattie, J. R.": "beattie", "Federrath, C.": "federrath",
    "Krumholz, M.": "krumholz", "Krumholz, M. R.": "krumholz", "Wibking, B.": "wibking",
    "Haojun Xia": "xia", "Zhen Zheng": "zheng", "Zhongzhu Zhou": "zhou", "Z. Zhou": "zhou",
    "Shuaiwen Leon Song": "song", "S. Song": "song",
}


def _pair_errors(index: AuthorIndex, pubs: list[Publication]) -> tuple[int, int]:
    """(split, merged): same-person slot pairs given two identities, different-person pairs given one."""
    slots = [(index.identity_at(r, p), TRUTH[a.name]) for r, pub in enumerate(pubs) for p, a in enumerate(pub.authors)]
    split = merged = 0
    for i, (ident_a, person_a) in enumerate(slots):
        for ident_b, person_b in slots[i + 1:]:
            split += person_a == person_b and ident_a != ident_b
            merged += person_a != person_b and ident_a == ident_b
    return split, merged


def test_grouping_of_real_coauthor_spellings_makes_no_error_of_either_kind() -> None:
    index = AuthorIndex.from_publications(PAGES)
    assert _pair_errors(index, PAGES) == (0, 0)
    marshall = index[index.identity_of("B. M. Marshall")]
    assert marshall.canonical == "Benjamin Michael Marshall"
    assert set(marshall.variants) == {"B. M. Marshall", "Marshall, B. M.", "Benjamin Michael Marshall"}


def test_initials_that_fit_two_people_go_where_the_coauthors_are() -> None:
    pubs = [_pub(["Wei Lin", "Jidong Zhai"]), _pub(["Wei Liu", "Dacheng Tao"]), _pub(["Wen Li", "Ce Zhang"]),
            _pub(["W. Li", "Ce Zhang"]), _pub(["Wei Li", "Dacheng Tao"])]
    index = AuthorIndex.from_publications(pubs)
    assert index.identity_of("W. Li") == index.identity_of("Wen Li") != index.identity_of("Wei Li")


def test_homonyms_on_different_pages_with_no_shared_coauthor_are_split() -> None:
    pubs = [_pub(["Wei Wang", "Jidong Zhai"], "a.md"), _pub(["Wei Wang", "Ce Zhang"], "b.md")]
    assert len({i.id for i in AuthorIndex.from_publications(pubs) if i.canonical == "Wei Wang"}) == 2
    assert AuthorIndex.from_publications(pubs).identity_of("Wei Wang") is None
    assert AuthorIndex.from_publications(pubs).identity_of("Wei Wang", coauthors=["Ce Zhang"]) is not None
    assert len(AuthorIndex.from_publications(pubs, split_homonyms=False)) == 3


def test_native_variants_are_listed() -> None:
    pub = Publication(authors=(Author(name="Qipeng Wang", variants=("王启鹏",)),),
                      source=Source(line_start=1, line_end=1))
    assert "王启鹏" in next(iter(AuthorIndex.from_publications([pub]))).variants


def test_authors_command_prints_identities(tmp_path, capsys) -> None:
    from pubextract.cli import main

    page = tmp_path / "p.md"
    page.write_text("# Publications\n\n- **Zhen Zheng**, Wei Lin. \"BladeDISC: Dynamic Shapes\". SIGMOD 2024.\n"
                    "- Z. Zheng, W. Lin, J. Zhai. \"Another Paper on Compilers\". OSDI 2022.\n", encoding="utf-8")
    assert main(["authors", str(page), "--format", "json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)
    zheng = next(r for r in rows if r["name"] == "Zhen Zheng")
    assert set(zheng["variants"]) == {"Zhen Zheng", "Z. Zheng"} and zheng["owner"]
    assert main(["authors", str(tmp_path / "missing.md")]) == 1
