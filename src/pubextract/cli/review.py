"""``pubextract review PAGE -o report.html``: a page's records beside its text, for a person to check."""
from __future__ import annotations

import argparse
from typing import Any

from ._common import EXIT_INPUT, EXIT_OK, warn, write_output


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "review", help="write an HTML report to check what was extracted from one page",
        description="Write one self-contained HTML file (no network, no external assets) that shows each "
                    "entry's source lines beside its parsed fields, highlights low-confidence fields, and "
                    "lists what was skipped and why.")
    parser.add_argument("page", help="a .md/.html/.txt/.tex page, an http(s) URL, or - for stdin")
    parser.add_argument("-o", "--output", help="the report file (default: stdout)")
    parser.add_argument("--input-format", help="read the page as this format instead of guessing")
    parser.add_argument("--owner", help="the page's person, matched against every spelling on the page")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..errors import PubextractError
    from ..pipeline import extract_page
    from ..review import low_fields, render_report

    try:
        result = extract_page(args.page, format=args.input_format, owner=args.owner)
        write_output(render_report(result), args.output)
    except OSError as err:  # an unreadable page (InputError is an OSError) or an unwritable report
        warn(str(err) if isinstance(err, PubextractError) else f"cannot write {args.output}: {err.strerror or err}")
        return EXIT_INPUT
    for warning in result.warnings:
        warn(warning)
    to_check = sum(1 for pub in result.publications if low_fields(pub))
    warn(f"{len(result.publications)} entries, {to_check} to check, {len(result.skipped)} skipped")
    return EXIT_OK
