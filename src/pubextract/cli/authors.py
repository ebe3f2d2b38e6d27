"""``pubextract authors PAGE...``: the people of one or more pages, one row per identity."""
from __future__ import annotations

import argparse
import json
from typing import Any

from ._common import EXIT_INPUT, EXIT_OK, warn, write_output


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "authors", help="list the people of one or more pages, every spelling grouped",
        description="Extract the pages, group the author spellings into people (\"Z. Zheng\" and "
                    "\"Zhen Zheng\" are one identity) and print one row per person.")
    parser.add_argument("pages", nargs="+", metavar="PAGE", help="a .md/.html/.txt/.tex page, an http(s) URL, or -")
    parser.add_argument("-f", "--format", choices=("table", "json"), default="table", help="output format")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument("--no-split-homonyms", action="store_true",
                        help="keep one identity per spelling group even when its papers share no co-author")
    return parser


def _table(rows: list[dict[str, Any]]) -> str:
    header = ("id", "papers", "owner", "name", "variants")
    lines = ["\t".join(header)]
    for row in rows:
        others = [v for v in row["variants"] if v != row["name"]]
        lines.append("\t".join((str(row["id"]), str(row["papers"]), "yes" if row["owner"] else "",
                                row["name"], "; ".join(others))))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..errors import PubextractError
    from ..identity import AuthorIndex
    from ..pipeline import extract_page

    publications = []
    owners: list[str] = []
    for page in args.pages:
        try:
            result = extract_page(page)
        except PubextractError as err:
            warn(str(err))
            return EXIT_INPUT
        for warning in result.warnings:
            warn(warning)
        publications.extend(result.publications)
        if result.owner:
            owners.append(result.owner)
    index = AuthorIndex.from_publications(publications, split_homonyms=not args.no_split_homonyms)
    owner_ids = {index.identity_of(owner) for owner in owners} - {None}
    rows = [{"id": ident.id, "name": ident.canonical, "variants": list(ident.variants),
             "papers": len({o.record for o in ident.occurrences}), "owner": ident.id in owner_ids}
            for ident in sorted(index, key=lambda i: (-i.count, i.canonical))]
    text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else _table(rows)
    try:
        write_output(text, args.output)
    except OSError as err:
        warn(f"cannot write {args.output}: {err.strerror or err}")
        return EXIT_INPUT
    return EXIT_OK
