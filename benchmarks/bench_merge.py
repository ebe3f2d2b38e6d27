"""Benchmark: merge 10k, 100k and 1M entries built by perturbing real entries.

    python benchmarks/bench_merge.py                        # 10k, 100k and 1M, each in its own process
    python benchmarks/bench_merge.py --sizes 20000          # one size
    PUBEXTRACT_BENCH_QUICK=1 python benchmarks/bench_merge.py   # 2k entries: a smoke run

The real entries are the gold entries of ``fixtures/*/``. A large corpus is not a
few hundred papers repeated: it holds many distinct works, its title words
follow Zipf's law (Zipf-Mandelbrot: a few words such as "learning" or "efficient" in many titles,
most words in few) and its vocabulary grows with its size (Heaps' law). So each
synthetic work takes the shape of a real title (its length, its stop words, its
capitals, a "SYSTEM:" prefix where the real one has one or 30% of the time) and
fills its content words by a Zipf draw over a vocabulary of the real title words
(most frequent first) followed by words coined by splicing two real words
("transformer" + "convolution" -> "transvolution"), ``40 * sqrt(words drawn)``
words in all. Its authors are 2-8 members of a lab of 8-15 people whose names
recombine the real given and family names; a lab writes about 20 works, and 3% of
works are a near miss: the same lab's previous title with one content word
replaced (a different work that must stay apart).

Each work is listed 1-4 times the way co-authors write it: case changed, the
"System-Name:" prefix dropped, authors as initials or cut with "et al.", one
letter dropped from a word (a typo), a DOI on some published copies, and the
arXiv preprint a year earlier with its own venue and, half the time, its arXiv id.

Reports, per size: seconds to build the records (apart) and to merge them, CPU
seconds of the merge, microseconds per entry, the peak resident memory of the
process (a fresh process per size), and pairwise precision/recall of the works
against the generator's truth.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from itertools import accumulate
from pathlib import Path

from pubextract.merging import merge_with_report
from pubextract.models import Author, Ids, Kind, Publication, Source, Status, Venue

ROOT = Path(__file__).resolve().parent.parent
#: Zipf-Mandelbrot offset: the most frequent content word is in about one title in ten, as "learning" is.
ZIPF_OFFSET = 10
STOP = frozenset("a an the of on in for and to with via from towards toward is are by at as its into using "
                 "based".split())


def real_entries() -> list[dict]:
    entries = []
    for gold in sorted((ROOT / "fixtures").glob("*/*.gold.json")):
        entries += [e for e in json.loads(gold.read_text(encoding="utf-8"))["entries"]
                    if e.get("title") and e.get("authors")]
    return entries


def _initials(name: str) -> str:
    words = name.split()
    return " ".join([w[0] + "." for w in words[:-1]] + words[-1:])


def _vocabulary(base: list[dict], size: int, rnd: random.Random) -> list[str]:
    """Real title words by frequency, then coined words, ``size`` in all (Zipf rank order)."""
    counts = Counter(w.lower() for e in base for w in e["title"].split() if w.isalpha() and w.lower() not in STOP)
    real = sorted(counts, key=lambda w: (-counts[w], w))
    long_words = [w for w in real if len(w) >= 5]
    words, seen = list(real), set(real)
    while len(words) < size:
        a, b = rnd.choice(long_words), rnd.choice(long_words)
        coined = a[:rnd.randint(2, len(a) - 2)] + b[rnd.randint(2, len(b) - 2):]
        if coined not in seen:
            seen.add(coined)
            words.append(coined)
    return words


def _cased(word: str, like: str) -> str:
    return word.upper() if like.isupper() and len(like) > 1 else word.capitalize() if like[:1].isupper() else word


class Corpus:
    """Synthetic works (title, authors, year, venue) and their listings; ``truth`` maps a source to its work."""

    def __init__(self, count: int, seed: int = 7) -> None:
        self.rnd = random.Random(seed)
        self.base = real_entries()
        works = max(1, count * 2 // 5)
        shapes = [e["title"].split() for e in self.base]
        drawn = works * sum(sum(w.lower() not in STOP for w in s) for s in shapes) // len(shapes)
        self.words = _vocabulary(self.base, int(40 * math.sqrt(drawn)), self.rnd)
        self.cum = list(accumulate(1.0 / (rank + ZIPF_OFFSET) for rank in range(1, len(self.words) + 1)))
        names = [a.split() for e in self.base for a in e["authors"] if len(a.split()) >= 2]
        self.given = sorted({n[0] for n in names if n[0].isalpha()})
        self.family = sorted({n[-1] for n in names if n[-1].isalpha()})
        self.people: dict[str, Author] = {}
        self.truth: dict[tuple[str, int], int] = {}
        self.records: list[Publication] = []
        self._build(count)

    def _word(self, like: str) -> str:
        """A Zipf draw in the case of ``like``; stop words, numbers and punctuation stay as they are."""
        if like.lower() in STOP or not like.isalpha():
            return like
        return _cased(self.rnd.choices(self.words, cum_weights=self.cum)[0], like)

    def _title(self, shape: list[str]) -> str:
        return " ".join("-".join(self._word(part) for part in token.split("-")) for token in shape)

    def _lab(self) -> list[str]:
        return [f"{self.rnd.choice(self.given)} {self.rnd.choice(self.family)}" for _ in range(self.rnd.randint(8, 15))]

    def _build(self, count: int) -> None:
        rnd = self.rnd
        lab, previous = self._lab(), None
        work = 0
        while len(self.records) < count:
            entry = self.base[rnd.randrange(len(self.base))]
            if work % 20 == 0:
                lab = self._lab()
            if previous and rnd.random() < 0.03:  # the same lab's next paper: one content word replaced
                title, names = previous
                words = title.split()
                slots = [n for n, w in enumerate(words) if w.isalpha() and w.lower() not in STOP]
                if slots:
                    slot = rnd.choice(slots)
                    words[slot] = self._word(words[slot])
                title = " ".join(words)
            else:
                shape = entry["title"].split()
                title = self._title(shape[1:] if ":" in shape[0] else shape)
                if ":" in shape[0] or rnd.random() < 0.3:
                    title = f"{rnd.choice(self.words).upper()}: {title}"
                names = rnd.sample(lab, rnd.randint(2, min(8, len(lab))))
            previous = (title, names)
            self._list(work, title, names, entry, count)
            work += 1
        rnd.shuffle(self.records)

    def _list(self, work: int, title: str, names: list[str], entry: dict, count: int) -> None:
        rnd = self.rnd
        year = entry.get("year") or 2020
        venue = Venue(as_written=entry.get("venue") or "ICML")
        for copy in range(rnd.randint(1, 4)):
            text, people, truncated = title, names, False
            roll = rnd.random()
            if roll < 0.2:
                text = text.lower()
            elif roll < 0.3:
                text = text.title()
            elif roll < 0.45 and text.split(" ", 1)[0].endswith(":"):  # the system name, not a subtitle
                text = text.split(": ", 1)[1]
            if rnd.random() < 0.05:  # a typo in the longest word (system names are not misspelt)
                words = text.split()
                n = max(range(len(words)), key=lambda i: (not words[i].endswith(":"), len(words[i]), i))
                cut = rnd.randrange(1, len(words[n])) if len(words[n]) > 1 else 0
                words[n] = words[n][:cut] + words[n][cut + 1:]
                text = " ".join(words)
            if rnd.random() < 0.3:
                people = [_initials(n) for n in names]
            if rnd.random() < 0.15 and len(names) > 3:
                people, truncated = people[:3], True
            kind, status, when, where, ids = Kind.CONFERENCE, Status.PUBLISHED, year, venue, Ids()
            if copy and rnd.random() < 0.25:
                kind, status, when, where = Kind.PREPRINT, Status.PREPRINT, year - 1, Venue(as_written="arXiv")
                if rnd.random() < 0.5:
                    ids = Ids(arxiv=f"{when % 100:02d}{work % 12 + 1:02d}.{work % 100000:05d}")
            elif rnd.random() < 0.2:
                ids = Ids(doi=f"10.5555/{work}")
            path, line = f"page{len(self.records) // 50}.md", len(self.records) % 50 * 3 + 1
            self.truth[(path, line)] = work
            self.records.append(Publication(
                title=text, authors=tuple(self.people.setdefault(n, Author(name=n)) for n in people),
                authors_truncated=truncated, year=when, kind=kind, status=status, venue=where, ids=ids,
                source=Source(path=path, line_start=line, line_end=line + 2)))
            if len(self.records) == count:
                return

    def pages(self) -> list[list[Publication]]:
        return [self.records[i:i + 50] for i in range(0, len(self.records), 50)]


def perturbed(count: int, seed: int = 7) -> Corpus:
    """``count`` entries, about 2.5 per work, on pages of 50 entries."""
    return Corpus(count, seed)


def pair_quality(works: list[list[tuple[str, int]]], truth: dict[tuple[str, int], int]) -> tuple[float, float]:
    """Pairwise precision and recall of the works against the generator's truth."""
    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    predicted = Counter({n: len(w) for n, w in enumerate(works)})
    true = Counter(truth.values())
    both = Counter((n, truth[s]) for n, w in enumerate(works) for s in w)
    hits = pairs(both)
    return hits / max(pairs(predicted), 1), hits / max(pairs(true), 1)


def measure(size: int) -> dict[str, float]:
    started = time.perf_counter()
    corpus = perturbed(size)
    pages = corpus.pages()
    built = time.perf_counter()
    cpu = time.process_time()
    result = merge_with_report(pages)
    cpu = time.process_time() - cpu
    done = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    precision, recall = pair_quality([[(s.path or "", s.line_start) for s in w.sources] for w in result.works],
                                     corpus.truth)
    return {"entries": size, "true_works": len(set(corpus.truth.values())), "works": len(result.works),
            "merges": result.merges, "pairs": len(result.decisions), "vocabulary": len(corpus.words),
            "build_s": round(built - started, 1), "merge_s": round(done - built, 1), "merge_cpu_s": round(cpu, 1),
            "per_entry_us": round(cpu / size * 1e6, 1), "peak_rss_mb": round(peak_kib / 1024),
            "pair_precision": round(precision, 4), "pair_recall": round(recall, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    quick = os.environ.get("PUBEXTRACT_BENCH_QUICK") == "1"
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000] if quick else [10_000, 100_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process measures one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    for size in args.sizes:  # a process per size, so that each peak memory is its own
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True,
                             check=True).stdout
        print(out.strip())


if __name__ == "__main__":
    main()
