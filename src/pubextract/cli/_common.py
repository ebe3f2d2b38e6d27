"""What every subcommand shares: exit codes, the argument parser, output and warnings."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

EXIT_OK, EXIT_INPUT, EXIT_STRICT = 0, 1, 2


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but misuse exits 1 (the documented code) instead of 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_INPUT, f"pubextract: error: {message}\n")


class VersionAction(argparse.Action):
    """``--version``: the installed version, looked up only when asked for
    (``importlib.metadata`` costs more start-up than the rest of ``--help``)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        sys.stdout.write(f"{parser.prog} {version()}\n")
        parser.exit()


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("pubextract")
    except PackageNotFoundError:
        return "unknown"


def write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file: no partial file is ever left behind."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_directory(files: dict[str, str], directory: str) -> None:
    """Write one file per entry into ``directory`` (created), each atomically."""
    Path(directory).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        write_output(text, str(Path(directory) / name))


def warn(message: str) -> None:
    print(f"pubextract: {message}", file=sys.stderr)
