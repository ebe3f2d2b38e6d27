"""What every subcommand shares: exit codes, the argument parser, output and warnings, extracting many pages."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Publication

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
    import tempfile  # only when writing a file: stdout needs none of it

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


def written(write: Callable[[], None], target: str | None) -> int:
    """Run ``write`` (render and write the output): EXIT_OK, or EXIT_INPUT after one line saying why not."""
    from ..errors import PubextractError

    try:
        write()
    except PubextractError as err:
        warn(str(err))
        return EXIT_INPUT
    except OSError as err:
        warn(f"cannot write {target if target not in (None, '-') else 'output'}: {err.strerror or err}")
        return EXIT_INPUT
    return EXIT_OK


# ---------------------------------------------------------------- many pages

def positive(value: str) -> int:
    """argparse type for ``--jobs``: a whole number of at least 1."""
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def add_jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-j", "--jobs", type=positive, default=None, metavar="N",
                        help="worker processes for several pages (default: every core)")


@dataclass(frozen=True, slots=True)
class PageResult:
    """What one worker sends back: the records, or why the page could not be read."""

    page: str
    publications: tuple[Publication, ...] = ()
    warnings: tuple[str, ...] = ()
    explanation: str = ""
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractJob:
    """Extract one page with the options every page of a run shares (picklable, for worker processes)."""

    input_format: str | None = None
    owner: str | None = None
    add_owner: bool = False
    venues: str | None = None
    explain: bool = False

    def __call__(self, page: str) -> PageResult:
        from ..errors import PubextractError
        from ..pipeline import extract_page
        from ..venues import load_table

        try:
            result = extract_page(page, format=self.input_format, owner=self.owner, add_owner=self.add_owner,
                                  venues=load_table(self.venues) if self.venues else None)
        except PubextractError as err:
            return PageResult(page, error=str(err))
        except Exception as err:  # noqa: BLE001 (a bug on one page must not sink a batch of thousands)
            return PageResult(page, error=f"{page}: internal error ({type(err).__name__}: {err}); please report it")
        explanation = ""
        if self.explain:
            from ..review import explain

            explanation = explain(result)
        return PageResult(page, result.publications, result.warnings, explanation)


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} pages")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def extract_all(pages: Sequence[str], job: ExtractJob, jobs: int | None, *, progress: bool = False
                ) -> list[PageResult]:
    """Every page's result, in input order; several pages go to ``jobs`` processes (default: every core).

    ``progress`` draws a bar on stderr, only when stderr is a terminal.
    """
    show = progress and sys.stderr.isatty()
    workers = min(jobs or os.cpu_count() or 1, len(pages))
    results: list[PageResult] = []
    if workers <= 1:
        for page in pages:
            results.append(job(page))
            if show:
                _progress(len(results), len(pages))
        return results
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(job, pages, chunksize=max(1, len(pages) // (workers * 8))):
            results.append(result)
            if show:
                _progress(len(results), len(pages))
    return results
