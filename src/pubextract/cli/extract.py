"""``pubextract extract PAGE...``: the publications of one page, or of many in parallel.

One page prints exactly the JSON array of the contract. Several pages print
*one* output holding every page's records in input order (one JSON array, one
BibTeX file with keys unique across pages); each record's ``source.path``
says which page it came from. Pages are extracted by ``--jobs`` worker
processes (default: every core); a page that cannot be read is reported on
stderr and the others are still written.

Exit status: 0 when every page was read (a page with no publications is only
a warning); 1 when no page could be read, or on misuse; 2 under ``--strict``
when some page could not be read or has no publications.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_STRICT,
    ExtractJob,
    add_jobs,
    extract_all,
    warn,
    write_directory,
    write_output,
    written,
)


def add_parser(commands: Any) -> argparse.ArgumentParser:
    from ..export import EXPORTERS

    parser: argparse.ArgumentParser = commands.add_parser(
        "extract", help="extract the publications of one or more pages",
        description="Extract the publications of pages (paths, http(s) URLs, or - for stdin). "
                    "Several pages give one output with every record in input order.")
    parser.add_argument("pages", nargs="+", metavar="PAGE",
                        help="a .md/.html/.txt/.tex page, an http(s) URL, or - for stdin")
    parser.add_argument("-o", "--output", help="write here instead of stdout; the format follows the suffix")
    parser.add_argument("-f", "--format", choices=sorted(EXPORTERS),
                        help="output format (default: json, or from -o's suffix)")
    parser.add_argument("--input-format", help="read the page as this format instead of guessing")
    parser.add_argument("--owner", help="the page's person, matched against every spelling on the page")
    parser.add_argument("--add-owner", action="store_true",
                        help="add the owner to entries that never write them (\"with X and Y\")")
    parser.add_argument("--explain", action="store_true",
                        help="print the rule and confidence behind each field on stderr, "
                             "and add them to JSON as `decisions` and `source.raw`")
    parser.add_argument("--strict", action="store_true",
                        help="exit 2 when a page cannot be read or has no publications")
    parser.add_argument("--venues", metavar="FILE", help="a TOML venue table that extends the shipped one")
    add_jobs(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from ..errors import PubextractError
    from ..export import DIRECTORY_FORMATS, files, format_for_path, render

    fmt = args.format or (format_for_path(args.output) if args.output else None) or "json"
    if args.pages.count("-") > 1:
        warn("stdin (-) can be read only once")
        return EXIT_INPUT
    job = ExtractJob(args.input_format, args.owner, args.add_owner, args.venues, args.explain)
    try:
        if args.venues:  # a bad venue file is misuse: say so once, not once per page
            from ..venues import load_table

            load_table(args.venues)
        results = extract_all(args.pages, job, args.jobs)
    except PubextractError as err:
        warn(str(err))
        return EXIT_INPUT
    read = [r for r in results if r.error is None]
    for result in results:
        if result.error is not None:
            warn(result.error)
    if not read:
        return EXIT_INPUT
    publications = [pub for r in read for pub in r.publications]

    def write() -> None:
        if fmt in DIRECTORY_FORMATS and args.output not in (None, "-"):
            write_directory(files(publications, fmt), args.output)
        else:
            write_output(render(publications, fmt, explain=args.explain), args.output)

    if written(write, args.output) != EXIT_OK:
        return EXIT_INPUT
    for result in read:
        sys.stderr.write(result.explanation)
        for warning in result.warnings:
            warn(warning)
    failed = len(results) - len(read) + sum(1 for r in read if not r.publications)
    return EXIT_STRICT if args.strict and failed else EXIT_OK
