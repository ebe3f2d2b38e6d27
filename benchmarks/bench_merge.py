"""Benchmark: merge 100k and 1M entries built by perturbing real entries.

    python benchmarks/bench_merge.py               # 100k and 1M, each in its own process
    python benchmarks/bench_merge.py --sizes 20000

The real entries are the gold entries of ``fixtures/pages`` and
``fixtures/clusters``. Each synthetic work takes a real entry's authors, year and
venue and a title of 5-10 real title words (so that works are many and distinct,
as in a large corpus; 30% with a "SYSTEM:" prefix), then
listed 1-4 times the way co-authors write it: changed case, the "System-Name:"
prefix dropped, authors as initials or cut with "et al.", the arXiv preprint a
year earlier. Reports seconds (building the records apart from merging) and the
peak resident memory of the process.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from pubextract.merging import merge_with_report
from pubextract.models import Author, Kind, Publication, Source, Status, Venue

ROOT = Path(__file__).resolve().parent.parent


def real_entries() -> list[dict]:
    entries = []
    for gold in sorted((ROOT / "fixtures").glob("*/*.gold.json")):
        entries += [e for e in json.loads(gold.read_text(encoding="utf-8"))["entries"]
                    if e.get("title") and e.get("authors")]
    return entries


def _initials(name: str) -> str:
    words = name.split()
    return " ".join([w[0] + "." for w in words[:-1]] + words[-1:])


def perturbed(count: int, seed: int = 7) -> list[list[Publication]]:
    """``count`` entries on pages of 50 entries, about 2.5 entries per work."""
    rnd = random.Random(seed)
    base = real_entries()
    vocabulary = sorted({w for e in base for w in e["title"].split() if w.isalpha() and len(w) > 4})
    authors: dict[str, Author] = {}
    records: list[Publication] = []
    work = 0
    while len(records) < count:
        entry = base[work % len(base)]
        title = " ".join(rnd.sample(vocabulary, rnd.randint(5, 10)))
        if rnd.random() < 0.3:
            title = f"{rnd.choice(vocabulary).upper()}: {title}"
        names = entry["authors"]
        year = entry.get("year") or 2020
        for copy in range(min(rnd.randint(1, 4), count - len(records))):
            text, people, truncated = title, names, False
            kind, status, when = Kind.CONFERENCE, Status.PUBLISHED, year
            roll = rnd.random()
            if roll < 0.2:
                text = text.lower()
            elif roll < 0.35 and ": " in text:
                text = text.split(": ", 1)[1]
            if rnd.random() < 0.3:
                people = [_initials(n) for n in names]
            if rnd.random() < 0.15 and len(names) > 3:
                people, truncated = people[:3], True
            if copy and rnd.random() < 0.25:
                kind, status, when = Kind.PREPRINT, Status.PREPRINT, year - 1
            people_records = tuple(authors.setdefault(n, Author(name=n)) for n in people)
            line = len(records) % 50 * 3 + 1
            records.append(Publication(
                title=text, authors=people_records, authors_truncated=truncated, year=when, kind=kind,
                status=status, venue=Venue(as_written=entry.get("venue") or "arXiv"),
                source=Source(path=f"page{len(records) // 50}.md", line_start=line, line_end=line + 2)))
        work += 1
    rnd.shuffle(records)
    return [records[i:i + 50] for i in range(0, len(records), 50)]


def measure(size: int) -> dict[str, float]:
    started = time.perf_counter()
    pages = perturbed(size)
    built = time.perf_counter()
    result = merge_with_report(pages)
    done = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"entries": size, "works": len(result.works), "merges": result.merges, "pairs": len(result.decisions),
            "build_s": round(built - started, 1), "merge_s": round(done - built, 1),
            "per_entry_us": round((done - built) / size * 1e6, 1), "peak_rss_mb": round(peak_kib / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
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
