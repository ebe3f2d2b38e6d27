"""``pubextract merge PAGE_OR_DIR...``: many pages into one bibliography, each work once.

A directory means every page in it (:data:`PAGE_SUFFIXES`). A page that cannot
be read is reported in the summary and does not stop the others; the exit status
is 1 only when no page could be read. ``--into existing.bib`` keeps every entry
already in the file (keys and fields untouched), reports which works it already
holds, and appends the new ones; the file is updated in place unless ``-o`` names
another. ``--report`` writes one CSV row per pair decision with its score, or an HTML review
of every work beside its source entries when the file ends in ``.html``.
"""
from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._common import EXIT_INPUT, EXIT_OK, ExtractJob, PageResult, add_jobs, extract_all, warn, write_output, written

#: File suffixes a directory argument is searched for.
PAGE_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm", ".txt", ".tex"})


def add_parser(commands: Any) -> argparse.ArgumentParser:
    from ..export import EXPORTERS

    parser: argparse.ArgumentParser = commands.add_parser(
        "merge", help="merge many pages into one bibliography, each work once",
        description="Extract every page (a directory means every page in it) and merge the co-authored "
                    "works that several pages list into one record each.")
    parser.add_argument("pages", nargs="+", metavar="PAGE_OR_DIR", help="pages (.md .html .txt .tex) or directories")
    parser.add_argument("-o", "--output", help="write here instead of stdout; the format follows the suffix")
    parser.add_argument("-f", "--format", choices=sorted(EXPORTERS),
                        help="output format (default: json, or from -o's suffix; bibtex with --into)")
    parser.add_argument("--into", metavar="BIB", help="add the new works to this BibTeX file, keeping its entries")
    parser.add_argument("--report", metavar="FILE",
                        help="write every merge decision with its score here (CSV), or, for a .html file, "
                             "a review page of each work and the page entries merged into it")
    add_jobs(parser)
    parser.add_argument("--explain", action="store_true", help="include the rules behind each record (JSON)")
    return parser


def expand(arguments: Sequence[str]) -> tuple[list[str], list[PageResult]]:
    """Page paths from the arguments (directories expanded, duplicates dropped), and arguments that are not pages."""
    paths: list[str] = []
    failed: list[PageResult] = []
    for argument in arguments:
        target = Path(argument)
        if target.is_dir():
            found = sorted(p for p in target.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
            if not found:
                failed.append(PageResult(argument, error="directory holds no pages"))
            paths.extend(str(p) for p in found)
        else:
            paths.append(argument)
    return list(dict.fromkeys(paths)), failed


def _report(result: Any, path: str) -> str:
    """The CSV of merge decisions, or the HTML review of the works for a ``.html`` report."""
    if path.lower().endswith((".html", ".htm")):
        from ..review import render_merged

        return render_merged(result.works)
    return report_csv(result)


def report_csv(result: Any) -> str:
    """One row per scored pair: what was decided, by which rule, with which score."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["outcome", "rule", "score", "work", "left_path", "left_line", "left_title",
                     "right_path", "right_line", "right_title"])
    for decision in result.decisions:
        left, right = result.records[decision.left], result.records[decision.right]
        work = result.work_index[decision.left] if decision.outcome == "merged" else ""
        writer.writerow([decision.outcome, decision.score.rule, f"{decision.score.score:.4f}", work,
                         left.source.path, left.source.line_start, left.title,
                         right.source.path, right.source.line_start, right.title])
    return out.getvalue()


def run(args: argparse.Namespace) -> int:
    from ..errors import PubextractError, UsageError
    from ..export import format_for_path, render
    from ..merging import merge_with_report

    fmt = args.format or (format_for_path(args.output) if args.output else None) or (
        "bibtex" if args.into else "json")
    try:
        if args.into and fmt != "bibtex":
            raise UsageError("--into adds to a BibTeX file: the output format must be bibtex")
        existing = read_bibliography(args.into) if args.into else None
    except PubextractError as err:
        warn(str(err))
        return EXIT_INPUT
    paths, failed = expand(args.pages)
    pages = extract_all(paths, ExtractJob(), args.jobs, progress=True)
    failed += [page for page in pages if page.error]
    read = [page for page in pages if not page.error]
    if not read:
        warn("no page could be read")
        _summary(0, 0, 0, failed)
        return EXIT_INPUT
    result = merge_with_report([page.publications for page in read] + ([existing.records] if existing else []))

    def write() -> None:
        if existing is not None:
            text = existing.extended_with(result)
        else:
            text = render(result.works, fmt, explain=args.explain)
        write_output(text, args.output or args.into)
        if args.report:
            write_output(_report(result, args.report), args.report)

    if written(write, args.output or args.into) != EXIT_OK:
        return EXIT_INPUT
    entries = sum(len(page.publications) for page in read)
    _summary(len(read), entries, len(result.works), failed, merges=result.merges)
    return EXIT_OK


def _summary(read: int, entries: int, works: int, failed: Sequence[PageResult], *, merges: int = 0) -> None:
    warn(f"merge: {read} pages read, {len(failed)} failed; {entries} entries -> {works} works ({merges} merges)")
    for page in failed:
        warn(f"failed: {page.error if page.error and page.page in page.error else f'{page.page}: {page.error}'}")


# ---------------------------------------------------------------- --into existing.bib

@dataclass(frozen=True, slots=True)
class Bibliography:
    """An existing BibTeX file: its text, kept as is, and its entries as records to match against."""

    path: str
    text: str
    keys: frozenset[str]
    records: tuple[Any, ...]
    key_at_line: dict[int, str]

    def extended_with(self, result: Any) -> str:
        """The file's text with the works it lacks appended; works it holds are reported on stderr."""
        from ..export.bibtex import citation_key

        new = []
        for work in result.works:
            held = [s for s in work.sources if s.path == self.path]
            if not held:
                new.append(work)
                continue
            rule = next((d.rule for d in work.decisions if d.field == "merge"), "same work")
            for source in held:
                warn(f"{self.path}: {self.key_at_line[source.line_start]} already holds "
                     f"{work.title!r} ({len(work.sources) - len(held)} page entries; {rule})")
        keys = set(self.keys)
        chosen = []
        for work in new:
            key = base = citation_key(work)
            suffix = 0
            while key in keys:
                suffix += 1
                key = f"{base}{chr(96 + suffix) if suffix <= 26 else suffix}"
            keys.add(key)
            chosen.append(key)
        separator = "" if not self.text or self.text.endswith("\n\n") else ("\n" if self.text.endswith("\n") else "\n\n")
        return self.text + separator + render_with_keys(new, chosen) if new else self.text


def render_with_keys(works: Sequence[Any], keys: Sequence[str]) -> str:
    """BibTeX for records under the given keys, written like ``--format bibtex`` writes it."""
    import bibtexparser
    from bibtexparser.middlewares import LatexEncodingMiddleware
    from bibtexparser.model import Entry, Field

    from ..export.bibtex import ENTRY_TYPES, fields_of

    library = bibtexparser.Library()
    for work, key in zip(works, keys):
        library.add(Entry(ENTRY_TYPES[work.kind], key, [Field(n, v) for n, v in fields_of(work)]))
    return bibtexparser.write_string(library, prepend_middleware=[LatexEncodingMiddleware(keep_math=True,
                                                                                            enclose_urls=False)])


def read_bibliography(path: str) -> Bibliography:
    """Parse an existing .bib (bibtexparser v2) into records whose sources point at its entries."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    from .._rx import rx
    from ..authors import split_name
    from ..errors import InputError
    from ..export.bibtex import ENTRY_TYPES
    from ..models import Author, Ids, Kind, Publication, Source

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""  # a new file: every work is new
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read {path}: {getattr(err, 'strerror', None) or err}") from err
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    if library.failed_blocks:
        raise InputError(f"{path}: {len(library.failed_blocks)} BibTeX blocks cannot be parsed "
                         f"(first at line {library.failed_blocks[0].start_line + 1})")
    kinds = {entry_type: kind for kind, entry_type in reversed(list(ENTRY_TYPES.items()))}
    records = []
    key_at_line = {}
    for entry in library.entries:
        fields = {f.key.lower(): str(f.value).replace("{", "").replace("}", "") for f in entry.fields}
        names = [n.strip() for n in rx(r"\s+and\s+").split(fields.get("author", "")) if n.strip()]
        authors = tuple(Author(name=n, given=split_name(n)[0], family=split_name(n)[1])
                        for n in names if n.lower() != "others")
        year = rx(r"\d{4}").search(fields.get("year", ""))
        line = entry.start_line + 1
        key_at_line[line] = entry.key
        records.append(Publication(
            title=fields.get("title"), authors=authors, authors_truncated="others" in (n.lower() for n in names),
            year=int(year.group(0)) if year else None, kind=kinds.get(entry.entry_type.lower(), Kind.OTHER),
            ids=Ids(doi=fields.get("doi"), arxiv=fields.get("eprint")),
            source=Source(path=path, line_start=line, line_end=line + entry.raw.count("\n"))))
    return Bibliography(path, text, frozenset(e.key for e in library.entries), tuple(records), key_at_line)
