"""The ``pubextract`` command: a thin layer over the library, tested through :func:`main`.

Output goes to stdout (or ``-o FILE``, written atomically); warnings, progress and
summaries go to stderr. Exit status: 0 when the input was read (even with no
publications), 1 when it could not be read or the command was misused, 2 under
``--strict`` when some entries or pages failed.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_INPUT, EXIT_STRICT = 0, 1, 2
FORMATS = ("json", "bibtex")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_INPUT, f"pubextract: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pubextract", description="Turn the publication list of a homepage into "
                     "bibliographic data (JSON, BibTeX).")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    extract = commands.add_parser("extract", help="extract the publications of one page",
                                  description="Extract the publications of a page (a path, an http(s) URL, "
                                              "or - for stdin).")
    extract.add_argument("page", help="a .md/.html/.txt/.tex page, an http(s) URL, or - for stdin")
    extract.add_argument("-o", "--output", help="write here instead of stdout; the format follows the suffix")
    extract.add_argument("-f", "--format", choices=FORMATS, help="output format (default: json, or from -o's suffix)")
    extract.add_argument("--input-format", help="read the page as this format instead of guessing")
    extract.add_argument("--owner", help="the page's person, matched against every spelling on the page")
    extract.add_argument("--explain", action="store_true", help="include the rule and confidence behind each field")
    extract.add_argument("--strict", action="store_true", help="exit 2 when the page has no publications")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pubextract")
    except PackageNotFoundError:
        return "unknown"


def write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file: no partial file is ever left behind."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    directory = target.parent if str(target.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _warn(message: str) -> None:
    print(f"pubextract: {message}", file=sys.stderr)


def run_extract(args: argparse.Namespace) -> int:
    from .errors import PubextractError
    from .export import format_for_path, render
    from .pipeline import extract_page

    fmt = args.format or (format_for_path(args.output) if args.output else None) or "json"
    try:
        result = extract_page(args.page, format=args.input_format, owner=args.owner)
        text = render(result.publications, fmt, explain=args.explain)
        write_output(text, args.output)
    except PubextractError as err:
        _warn(str(err))
        return EXIT_INPUT
    except OSError as err:
        _warn(f"cannot write {args.output}: {err.strerror or err}")
        return EXIT_INPUT
    for warning in result.warnings:
        _warn(warning)
    return EXIT_STRICT if args.strict and not result.publications else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return {"extract": run_extract}[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
