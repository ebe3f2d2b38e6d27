"""The ``pubextract`` command: a thin layer over the library, tested through :func:`main`.

Each subcommand is one module in this package with ``add_parser(commands)`` and
``run(args) -> int``; :data:`COMMANDS` lists them. Output goes to stdout (or
``-o FILE``, written atomically); warnings, progress and summaries go to stderr.

Exit status: 0 when the input was read (even with no publications), 1 when it
could not be read or the command was misused, 2 under ``--strict`` when some
entries or pages failed.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ._common import EXIT_INPUT, EXIT_OK, ArgumentParser, VersionAction

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = ("extract", "authors", "review", "merge")


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="pubextract", description="Turn the publication list of a homepage into "
                            "bibliographic data (JSON, BibTeX and more).")
    parser.add_argument("--version", action=VersionAction)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=ArgumentParser)
    for name in COMMANDS:
        module = importlib.import_module(f"{__name__}.{name}")
        module.add_parser(commands).set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .._rx import use_pattern_cache

    use_pattern_cache()  # start-up: patterns earlier runs compiled, when the prebuilt table is another regex's
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


__all__ = ["EXIT_INPUT", "EXIT_OK", "build_parser", "main"]

if __name__ == "__main__":
    sys.exit(main())
