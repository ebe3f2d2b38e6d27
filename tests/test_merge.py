"""Merging records across pages: the pair rules, clustering, fusion, order independence."""
from __future__ import annotations

import pickle
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pubextract
from pubextract.merging import (
    MAX_BLOCK,
    WINDOW,
    PairDecisions,
    bibliography_order,
    block_pairs,
    blocking_keys,
    candidate_pairs,
    cluster,
    features,
    fuse,
    merge,
    merge_with_report,
    record_key,
    score_pair,
)
from pubextract.models import (
    Author,
    Ids,
    Kind,
    Link,
    MergedPublication,
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
    pairs = list(candidate_pairs([features(r) for r in records]))
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


# ---------------------------------------------------------------- the distributed path (docs/merge.md)

def _bench_corpus(count: int) -> list[list[Publication]]:
    """Synthetic pages from benchmarks/bench_merge.py: big enough to fill blocks past MAX_BLOCK."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parent.parent / "benchmarks" / "bench_merge.py"
    spec = importlib.util.spec_from_file_location("bench_merge", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.perturbed(count).pages()


def distributed_merge(pages: list[list[Publication]], partitions: int = 5) -> list[MergedPublication]:
    """docs/merge.md's five steps with plain Python standing in for the engine's shuffle."""
    records = {record_key(p): p for page in pages for p in page}
    feats = {rid: features(p) for rid, p in records.items()}  # 1. map
    shards: list[dict[str, list]] = [{} for _ in range(partitions)]  # 2. shuffle by blocking key
    for rid, feat in feats.items():
        for key in blocking_keys(feat):
            shards[zlib.crc32(key.encode()) % partitions].setdefault(key, []).append((rid, feat))
    scored = {}  # 3. score within each partition; a pair found under several keys is kept once
    for shard in shards:
        for block in shard.values():
            for a, b in block_pairs(block):
                scored[(a, b)] = score_pair(feats[a], feats[b])
    accepted = [(a, b, s.score) for (a, b), s in scored.items() if s.same]
    involved = {rid: feats[rid] for a, b, _ in accepted for rid in (a, b)}
    groups, refused = cluster(involved, accepted)  # 4. connected components with the chain guard
    work = {rid: n for n, group in enumerate(groups) for rid in group}
    rules: dict[int, list] = {}
    for pair in sorted(p for p, s in scored.items() if s.same and p not in refused):
        rules.setdefault(work[pair[0]], []).append(scored[pair])
    works = [fuse([records[r] for r in group], rules[n]) for n, group in enumerate(groups)]  # 5. fuse
    works += [fuse([p]) for rid, p in records.items() if rid not in work]
    return sorted(works, key=bibliography_order)


def _real_pages() -> list[list[Publication]]:
    from pathlib import Path

    folder = Path(__file__).parent.parent / "fixtures" / "clusters"
    return [pubextract.extract(p) for p in sorted(folder.iterdir()) if not p.name.endswith(".json")]


@pytest.mark.parametrize("corpus", ["fixture pages", "synthetic 3000", "constructed"])
def test_distributed_path_gives_the_same_works_as_merge(corpus: str) -> None:
    pages = {"fixture pages": _real_pages, "synthetic 3000": lambda: _bench_corpus(3000),
             "constructed": lambda: PAGES}[corpus]()
    expected = merge(pages)
    assert sum(len(w.sources) > 1 for w in expected) > 0
    assert distributed_merge(pages) == expected


def test_big_blocks_are_compared_in_a_window_of_sorted_titles() -> None:
    block = [(n, features(pub(f"Efficient inference number {n // 2} of {'x' * (n % 7)}", path=f"{n}.md")))
             for n in range(10 * MAX_BLOCK)]
    pairs = block_pairs(list(reversed(block)))
    assert len(pairs) <= len(block) * WINDOW and all(a < b for a, b in pairs)
    assert {(n, n + 1) for n in range(0, len(block), 2)} <= set(pairs), "copies of one title sort together"
    assert block_pairs(block[:MAX_BLOCK]) == [(a, b) for a in range(MAX_BLOCK) for b in range(a + 1, MAX_BLOCK)]


def test_report_keeps_every_pair_compactly() -> None:
    result = merge_with_report(PAGES)
    assert isinstance(result.decisions, PairDecisions) and len(result.decisions) > 0
    assert {d.outcome for d in result.decisions} <= {"merged", "apart", "refused"}
    assert result.decisions[-1] == list(result.decisions)[-1] == result.decisions[-1:][0]
    assert [(d.left, d.right) for d in result.decisions] == sorted((d.left, d.right) for d in result.decisions)


def test_one_huge_block_costs_linear_pairs() -> None:
    """2,000 titles sharing their four longest words: one block, compared in a window, not all pairs."""
    records = [pub(f"Efficient distributed inference frameworks number {n}", [f"Author{n} Name"], path=f"{n}.md")
               for n in range(2000)]
    pairs = list(candidate_pairs([features(r) for r in records]))
    assert len(pairs) <= len(records) * WINDOW * len(blocking_keys(features(records[0])))
    assert len(set(pairs)) == len(pairs) and pairs == sorted(pairs)
