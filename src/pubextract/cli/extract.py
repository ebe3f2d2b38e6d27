"""``pubextract extract PAGE``: the publications of one page."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import EXIT_INPUT, EXIT_OK, EXIT_STRICT, warn, write_output


def add_parser(commands: Any) -> argparse.ArgumentParser:
    from ..export import EXPORTERS

    parser: argparse.ArgumentParser = commands.add_parser(
        "extract", help="extract the publications of one page",
        description="Extract the publications of a page (a path, an http(s) URL, or - for stdin).")
    parser.add_argument("page", help="a .md/.html/.txt/.tex page, an http(s) URL, or - for stdin")
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
    parser.add_argument("--strict", action="store_true", help="exit 2 when the page has no publications")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..errors import PubextractError
    from ..export import format_for_path, render
    from ..pipeline import extract_page

    fmt = args.format or (format_for_path(args.output) if args.output else None) or "json"
    try:
        result = extract_page(args.page, format=args.input_format, owner=args.owner, add_owner=args.add_owner)
        text = render(result.publications, fmt, explain=args.explain)
        write_output(text, args.output)
    except PubextractError as err:
        warn(str(err))
        return EXIT_INPUT
    except OSError as err:
        warn(f"cannot write {args.output}: {err.strerror or err}")
        return EXIT_INPUT
    if args.explain:
        from ..review import explain

        sys.stderr.write(explain(result))
    for warning in result.warnings:
        warn(warning)
    return EXIT_STRICT if args.strict and not result.publications else EXIT_OK
