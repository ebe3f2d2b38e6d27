"""An existing .bib as input: records straight from bibtexparser, nothing lost silently."""
from __future__ import annotations

import pubextract
from pubextract.pipeline import extract_text
from tests.gold import PAGES

BIB = r"""% my papers
@inproceedings{zheng2024bladedisc,
  author = {Zheng, Zhen and Pan, Zaifeng and others},
  title = {{BladeDISC}: Optimizing Dynamic Shape Workloads},
  booktitle = {Proceedings of the ACM SIGMOD International Conference on Management of Data},
  year = {2024},
  doi = {10.1145/3626246.3653383}
}

@misc{wang2025zo2,
  author = {Wang, Liangyu and M{\"u}ller, J{\'e}r{\^o}me},
  title = {{ZO2}: Scalable Zeroth-Order Fine-Tuning},
  eprint = {2503.12668},
  archivePrefix = {arXiv},
  year = {2025}
}

@article{broken,
  title = {Unclosed
"""


def test_bib_entries_become_records() -> None:
    result = extract_text(BIB, path="mine.bib")
    first, second = result.publications
    assert first.title == "BladeDISC: Optimizing Dynamic Shape Workloads"
    assert [a.family for a in first.authors] == ["Zheng", "Pan"] and first.authors_truncated
    assert first.kind is pubextract.Kind.CONFERENCE and first.year == 2024 and first.ids.doi
    assert first.source.line_start == 2
    assert [a.name for a in second.authors] == ["Liangyu Wang", "Jérôme Müller"]
    assert second.ids.arxiv == "2503.12668" and second.kind is pubextract.Kind.PREPRINT


def test_a_broken_block_is_reported() -> None:
    result = extract_text(BIB, path="mine.bib")
    assert any("could not be parsed" in w for w in result.warnings)


def test_sniffed_without_a_suffix() -> None:
    assert len(pubextract.extract_text(BIB)) == 2


def test_round_trip_through_our_own_bibtex() -> None:
    records = pubextract.extract(PAGES / "001_9c2814318dd6f793.txt")
    again = pubextract.extract_text(pubextract.to_bibtex(records), format="bibtex")
    assert [r.title for r in again] == [r.title for r in records]
    assert [r.year for r in again] == [r.year for r in records]
    assert [[a.family for a in r.authors] for r in again] == [[a.family for a in r.authors] for r in records]
    assert [r.venue.acronym for r in again] == [r.venue.acronym for r in records]
