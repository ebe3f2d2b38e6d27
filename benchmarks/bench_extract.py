"""Extraction throughput against the floor of merely parsing the same pages.

The corpus is the dev pages in ``fixtures/pages`` repeated until each input
format holds at least ``--entries`` publications (50,000 by default), so the
figures do not depend on one page's quirks. For every format the same pages
are run three ways in the same process: the C parser alone (cmark-gfm + lxml
for Markdown, lxml for HTML: the floor no pipeline can go under), the reader
(page -> Document), and the whole pipeline (page -> records). The ratio
pipeline / parse-only says how much of the time is ours.

Also measured: peak memory of extracting one large page (tracemalloc) and of
the whole run (``ru_maxrss``), and the start-up time of ``pubextract --help``
and of a one-page extract (median of several runs, each a fresh process).

    python benchmarks/bench_extract.py [--entries N] [--json]

``PUBEXTRACT_BENCH_QUICK=1`` (set by ``benchmarks/run.py --quick``) shrinks the
corpus to 5,000 entries for a smoke run.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "fixtures" / "pages"
STARTUP_BUDGET = 0.3  # seconds, from issue 7
TARGET_ENTRIES_PER_S = 10_000


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    text: str
    format: str
    entries: int


@dataclass(frozen=True, slots=True)
class Throughput:
    format: str
    pages: int
    entries: int
    parse_s: float
    read_s: float
    extract_s: float

    def row(self) -> dict[str, float | int | str]:
        return {
            "format": self.format, "pages": self.pages, "entries": self.entries,
            "parse_only_s": round(self.parse_s, 3), "reader_s": round(self.read_s, 3),
            "extract_s": round(self.extract_s, 3),
            "entries_per_s": round(self.entries / self.extract_s),
            "pages_per_s": round(self.pages / self.extract_s),
            "parse_only_entries_per_s": round(self.entries / self.parse_s),
            "ratio_to_parse_only": round(self.extract_s / self.parse_s, 1),
        }


def load_pages() -> list[Page]:
    """The dev pages with the number of records each gives (pages giving none, or failing, are left out)."""
    from pubextract.pipeline import extract_text
    from pubextract.readers import choose_format
    from pubextract.readers._source import load_text

    pages = []
    for path in sorted(PAGES.iterdir()):
        if path.name.endswith(".json") or not path.is_file():
            continue
        try:
            text = load_text(str(path)).text
            fmt = choose_format(text, str(path), None)
            count = len(extract_text(text, path=str(path)).publications)
        except Exception as err:  # a reader still being written must not stop the benchmark
            print(f"skipped {path.name}: {err!r}", file=sys.stderr)
            continue
        if count:
            pages.append(Page(str(path), text, fmt, count))
    return pages


def corpus(pages: list[Page], fmt: str, min_entries: int) -> list[Page]:
    """The pages of one format, cycled until they hold ``min_entries`` records."""
    own = [p for p in pages if p.format == fmt]
    out: list[Page] = []
    total = 0
    while own and total < min_entries:
        for page in own:
            out.append(page)
            total += page.entries
    return out


def _parse_only(fmt: str) -> Callable[[str], object]:
    """The C parsing the reader of ``fmt`` cannot avoid, and nothing else."""
    from lxml import etree

    def html(text: str) -> object:
        return etree.fromstring(text, etree.HTMLParser(huge_tree=True, recover=True))

    if fmt == "html":
        return html
    if fmt == "markdown":
        import cmarkgfm
        from cmarkgfm.cmark import Options

        options = Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_UNSAFE
        return lambda text: html("<html><body>" + cmarkgfm.github_flavored_markdown_to_html(text, options=options)
                                 + "</body></html>")
    return lambda text: text.splitlines()  # plain-text readers parse nothing beforehand


def _timed(run: Callable[[Page], object], pages: list[Page]) -> float:
    """CPU seconds of this process (the machine may be shared: wall time would count the others)."""
    start = time.process_time()
    for page in pages:
        run(page)
    return time.process_time() - start


def throughput(pages: list[Page], fmt: str, min_entries: int) -> Throughput | None:
    from pubextract.pipeline import extract_text
    from pubextract.readers import read_text

    chosen = corpus(pages, fmt, min_entries)
    if not chosen:
        return None
    parse = _parse_only(fmt)
    parse_s = _timed(lambda p: parse(p.text), chosen)
    read_s = _timed(lambda p: read_text(p.text, path=p.path), chosen)
    extract_s = _timed(lambda p: extract_text(p.text, path=p.path), chosen)
    return Throughput(fmt, len(chosen), sum(p.entries for p in chosen), parse_s, read_s, extract_s)


def peak_memory(pages: list[Page], min_entries: int = 2_000) -> dict[str, float | int]:
    """tracemalloc's peak while extracting one Markdown page of ``min_entries`` records."""
    from pubextract.pipeline import extract_text

    chosen = corpus(pages, "markdown", min_entries)
    big = "\n\n".join(p.text for p in chosen)
    tracemalloc.start()
    found = len(extract_text(big, format="markdown").publications)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"page_mb": round(len(big.encode()) / 1e6, 1), "entries": found, "peak_mb": round(peak / 1e6, 1),
            "run_max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def startup(page: str, runs: int = 7) -> dict[str, float | None]:
    """Median wall and CPU time (user + system) of fresh processes: ``--help`` and a one-page
    extract (None when it fails).

    Measured as a user sees it from the second run on, with the bytecode cached: an
    installed package has its ``.pyc`` files, and a source checkout writes them on first
    import. Sandboxes that set ``PYTHONDONTWRITEBYTECODE`` would otherwise recompile every
    module of pubextract on every run; the warm-up run is made without that variable.
    """
    exe = shutil.which("pubextract", path=str(Path(sys.executable).parent)) or shutil.which("pubextract")
    command = [exe] if exe else [sys.executable, "-m", "pubextract.cli"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out: dict[str, float | None] = {}
    for name, args in (("help", ["--help"]), ("extract_one_page", ["extract", page])):
        subprocess.run([*command, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        wall, cpu = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([*command, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            wall.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if done.returncode != 0:
                print(f"start-up run failed: {' '.join(args)}: {done.stderr.decode()[-300:]}", file=sys.stderr)
                break
        ok = done.returncode == 0
        out[f"{name}_s"] = round(statistics.median(wall), 3) if ok else None
        out[f"{name}_cpu_s"] = round(statistics.median(cpu), 3) if ok else None
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    quick = os.environ.get("PUBEXTRACT_BENCH_QUICK") == "1"
    parser.add_argument("--entries", type=int, default=5_000 if quick else 50_000,
                        help="records per format in the corpus (default 50,000)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)

    pages = load_pages()
    rows = [t.row() for fmt in ("markdown", "html") if (t := throughput(pages, fmt, args.entries))]
    smallest_md = min((p for p in pages if p.format == "markdown"), key=lambda p: len(p.text))
    report = {"throughput": rows, "memory": peak_memory(pages), "startup": startup(smallest_md.path)}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print("extract: entries/s on one core, against parse-only (the reader's C parser alone)")
    print(f"{'format':10} {'pages':>6} {'entries':>8} {'entries/s':>10} {'pages/s':>8} "
          f"{'parse-only e/s':>15} {'reader s':>9} {'extract s':>10} {'ratio':>6}")
    for r in rows:
        print(f"{r['format']:10} {r['pages']:>6} {r['entries']:>8} {r['entries_per_s']:>10} {r['pages_per_s']:>8} "
              f"{r['parse_only_entries_per_s']:>15} {r['reader_s']:>9} {r['extract_s']:>10} "
              f"{r['ratio_to_parse_only']:>5}x")
    memory = report["memory"]
    print(f"memory: one {memory['page_mb']} MB page of {memory['entries']} entries peaks at "
          f"{memory['peak_mb']} MB (tracemalloc); whole run max RSS {memory['run_max_rss_mb']} MB")
    times = report["startup"]
    print(f"start-up (wall / CPU): --help {times['help_s']} / {times['help_cpu_s']} s, one-page extract "
          f"{times['extract_one_page_s']} / {times['extract_one_page_cpu_s']} s (budget {STARTUP_BUDGET} s)")
    slow = [r["format"] for r in rows if r["entries_per_s"] < TARGET_ENTRIES_PER_S]
    if slow:
        print(f"below the {TARGET_ENTRIES_PER_S} entries/s target: {', '.join(slow)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
