"""Merging records across pages: the pair rules, clustering, fusion, order independence."""
from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pubextract
from pubextract.merging import (
    blocking_keys,
    candidate_pairs,
    features,
    merge,
    merge_with_report,
    score_pair,
)
from pubextract.models import (
    Author,
    Ids,
    Kind,
    Link,
    Publication,
    Source,
    Status,
    Venue,
)

FLASH = "Flash-LLM: Enabling Cost-Effective and Highly-Efficient Large Generative Model Inference with Unstructured Sparsity"
GROUP = ["Haojun Xia", "Zhen Zheng", "Yuchao Li", "Donglin Zhuang"]


def pub(title: str, authors: list[str] | None = None, *, year: int | None = 2024, path: str = "a.md", line: int = 1,
        kind: Kind = Kind.CONFERENCE, status: Status = Status.PUBLISHED, venue: str | None = "VLDB",
        truncated: bool = False, doi: str | None = None, arxiv: str | None = None,
        links: tuple[Link, ...] = ()) -> Publication:
    return Publication(
        title=title, authors=tuple(Author(name=n) for n in (GROUP if authors is None else authors)),
        authors_truncated=truncated, year=year, kind=kind, status=status,
        venue=Venue(as_written=venue, acronym=venue) if venue else None, ids=Ids(doi=doi, arxiv=arxiv),
        links=links, source=Source(path=path, line_start=line, line_end=line + 1))


PREPRINT = {"kind": Kind.PREPRINT, "status": Status.PREPRINT, "venue": "arXiv"}

SAME_WORK = [
    ("case and punctuation", pub(FLASH), pub(FLASH.lower().replace(":", " -"), path="b.md")),
    ("system-name prefix dropped", pub(FLASH), pub(FLASH.split(": ", 1)[1], path="b.md")),
    ("initials and truncation", pub(FLASH), pub(FLASH, ["H. Xia", "Z. Zheng"], truncated=True, path="b.md")),
    ("preprint a year earlier", pub(FLASH), pub(FLASH, year=2023, path="b.md", **PREPRINT)),
    ("one typo", pub(FLASH), pub(FLASH.replace("Generative", "Generatve"), path="b.md")),
    ("same DOI, new title", pub("Fast sparse inference", doi="10.1/x"),
     pub("Fast sparse inference for LLMs", doi="10.1/X", path="b.md")),
]

DIFFERENT_WORKS = [
    ("Part I / Part II", pub("Learning to rank for search, Part I: Theory"),
     pub("Learning to rank for search, Part II: Theory", path="b.md")),
    ("numbered sequel", pub("SURT: multi-talker speech recognition"),
     pub("SURT 2.0: multi-talker speech recognition", path="b.md")),
    ("erratum", pub("Quantized adam with error feedback in practice"),
     pub("Erratum: Quantized adam with error feedback in practice", path="b.md")),
    ("different system names", pub("Whale: Efficient giant model training over heterogeneous GPUs"),
     pub("Shark: Efficient giant model training over heterogeneous GPUs", path="b.md")),
    ("workshop vs extension with a new title",
     pub("Efficient winograd CNN inference with deep reuse", kind=Kind.WORKSHOP, venue="MLSys-W"),
     pub("Efficient winograd CNN inference with deep reuse on edge devices", kind=Kind.JOURNAL, venue="TKDE",
         path="b.md")),
    ("thesis with a paper's title", pub("Listening to multi-talker conversations", kind=Kind.THESIS, venue="JHU"),
     pub("Listening to multi-talker conversations", path="b.md")),
    ("same group, one topic word replaced", pub("Deep reuse for efficient winograd CNN inference on mobile GPUs"),
     pub("Deep reuse for efficient winograd CNN inference on edge TPUs", path="b.md")),
    ("same title, other people", pub(FLASH), pub(FLASH, ["Ann Smith", "Bo Jones", "Cy Wu"], path="b.md")),
    ("published years apart", pub(FLASH, year=2016), pub(FLASH, year=2024, path="b.md")),
    ("different DOIs", pub(FLASH, doi="10.1/a"), pub(FLASH, doi="10.1/b", path="b.md")),
    ("same DOI on an unrelated title", pub(FLASH, doi="10.1/a"),
     pub("Growth or decay of the turbulent dynamo", doi="10.1/a", path="b.md")),
]


@pytest.mark.parametrize(("case", "a", "b"), SAME_WORK, ids=[c[0] for c in SAME_WORK])
def test_same_work_merges(case: str, a: Publication, b: Publication) -> None:
    assert score_pair(features(a), features(b)).same, case
    assert set(blocking_keys(features(a))) & set(blocking_keys(features(b))), "the pair must share a block"
    assert len(merge([[a], [b]])) == 1


@pytest.mark.parametrize(("case", "a", "b"), DIFFERENT_WORKS, ids=[c[0] for c in DIFFERENT_WORKS])
def test_near_misses_stay_apart(case: str, a: Publication, b: Publication) -> None:
    result = score_pair(features(a), features(b))
    assert not result.same, f"{case}: {result}"
    assert len(merge([[a], [b]])) == 2


def test_chain_guard_refuses_a_join_no_pair_would_make() -> None:
    """A preprint close to both parts must not pull Part I and Part II into one work."""
    part1 = pub("Scaling laws for sparse attention, Part I", path="a.md")
    part2 = pub("Scaling laws for sparse attention, Part II", path="b.md")
    bridge = pub("Scaling laws for sparse attention", path="c.md", arxiv="2401.00001", **PREPRINT)
    twin = pub("Scaling laws for sparse attention, Part I", path="d.md", arxiv="2401.00001")
    result = merge_with_report([[part1], [part2], [bridge], [twin]])
    joined = [len(w.sources) for w in result.works]
    assert max(joined) <= 2 and not any("a.md" in {s.path for s in w.sources} and "b.md" in {s.path for s in w.sources}
                                        for w in result.works)


def test_fused_record_takes_the_best_supported_values() -> None:
    published = pub(FLASH, ["Haojun Xia", "Zhen Zheng", "Yuchao Li", "Donglin Zhuang"], path="b.md", line=9,
                    links=(Link(label="PDF", url="https://x/pdf"),))
    preprint = pub(FLASH.split(": ", 1)[1], ["H. Xia", "Z. Zheng"], truncated=True, year=2023, path="a.md",
                   arxiv="2309.10285", links=(Link(label="arXiv", url="https://arxiv.org/abs/2309.10285"),),
                   **PREPRINT)
    third = pub(FLASH, ["Haojun Xia", "Zhen Zheng", "Yuchao Li", "D. Zhuang"], path="c.md", line=4)
    [work] = merge([[preprint], [published], [third]])
    assert work.title == FLASH
    assert work.year == 2024 and work.venue and work.venue.as_written == "VLDB" and work.kind is Kind.CONFERENCE
    assert [a.name for a in work.authors] == ["Haojun Xia", "Zhen Zheng", "Yuchao Li", "Donglin Zhuang"]
    assert not work.authors_truncated
    assert work.ids.arxiv == "2309.10285"
    assert {link.url for link in work.links} == {"https://x/pdf", "https://arxiv.org/abs/2309.10285"}
    assert [(s.path, s.line_start) for s in work.sources] == [("a.md", 1), ("b.md", 9), ("c.md", 4)]
    assert work.decision("merge") is not None


def test_blocking_does_not_compare_everything() -> None:
    colours, animals, verbs = "red green blue cyan magenta amber ochre".split(), \
        "otter heron lynx bison marten ferret badger walrus oriole condor falcon".split(), \
        "parsing routing caching hashing sorting sampling pruning indexing tracing batching merging " \
        "scheduling profiling".split()
    records = [pub(f"{colours[n % 7]} {animals[n % 11]} {verbs[n % 13]}", path=f"{n}.md")
               for n in range(100)]
    pairs = candidate_pairs([features(r) for r in records])
    assert len(pairs) < len(records) * (len(records) - 1) // 2 / 4


def test_engine_functions_pickle() -> None:
    feat = features(pub(FLASH))
    assert pickle.loads(pickle.dumps(feat)) == feat
    assert pickle.loads(pickle.dumps(score_pair(feat, feat))).same
    assert pickle.loads(pickle.dumps(blocking_keys)) is blocking_keys


def test_public_api_stays_the_function_after_importing_the_module() -> None:
    import pubextract
    import pubextract.merging  # noqa: F401 - importing the engine must not rebind the function

    assert callable(pubextract.merge) and pubextract.merge([[pub(FLASH)]])[0].title == FLASH


PAGES = [
    [pub(FLASH, path="a.md", line=3), pub("Whale: Efficient giant model training", path="a.md", line=9)],
    [pub(FLASH.split(": ", 1)[1], ["H. Xia", "Z. Zheng"], truncated=True, year=2023, path="b.md", line=1,
         **PREPRINT),
     pub("Learning to rank, Part I", path="b.md", line=5), pub("Learning to rank, Part II", path="b.md", line=8)],
    [pub(FLASH.upper(), path="c.md", line=20), pub("Whale: efficient giant model training", ["Xianyan Jia"],
                                                   year=2022, path="c.md", line=30)],
]


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(len(PAGES))), st.randoms(use_true_random=False))
def test_any_page_order_gives_the_same_result(order: list[int], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = []
    for index in order:
        page = list(PAGES[index])
        rnd.shuffle(page)
        shuffled.append(page)
    expected = merge(PAGES)
    assert merge(shuffled) == expected
    assert pubextract.to_bibtex(merge(shuffled)) == pubextract.to_bibtex(expected)
