"""The docs stay true: every example runs, and the generated pages match the code that generates them.

Examples are the ```python blocks (run as scripts) and the ```console blocks, whose
``$ pubextract ...`` lines run through the CLI and must exit 0 (``$ pip ...`` lines are
the install steps that ``.ci/run`` performs itself). Both run in a scratch directory
that sees the repository's ``fixtures/``, so examples use the paths a reader at the
repository root would type without leaving files behind.
"""
from __future__ import annotations

import importlib.util
import runpy
import shlex
import sys
from pathlib import Path
from types import ModuleType

import pytest
import regex

import pubextract
from pubextract.cli import main
from pubextract.export import EXPORTERS
from pubextract.export.bibtex import ENTRY_TYPES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
_FENCE = regex.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", regex.M | regex.S)


def _blocks(language: str) -> list[tuple[str, str]]:
    """(id, code) of every block in that language, across README.md and docs/."""
    found = []
    for page in PAGES:
        blocks = [code for lang, code in _FENCE.findall(page.read_text(encoding="utf-8")) if lang == language]
        found += [(f"{page.relative_to(ROOT)}#{n}", code) for n, code in enumerate(blocks, 1)]
    return found


def _ids(blocks: list[tuple[str, str]]) -> list[str]:
    return [name for name, _ in blocks]


@pytest.fixture
def at_repo_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    monkeypatch.chdir(tmp_path)
    return tmp_path


PYTHON = _blocks("python")
CONSOLE = _blocks("console")


@pytest.mark.parametrize("code", [code for _, code in PYTHON], ids=_ids(PYTHON))
def test_python_example_runs(code: str, at_repo_root: Path) -> None:
    script = at_repo_root / "example.py"
    script.write_text(code, encoding="utf-8")
    runpy.run_path(str(script), run_name="__main__")


@pytest.mark.parametrize("code", [code for _, code in CONSOLE], ids=_ids(CONSOLE))
def test_console_example_runs(code: str, at_repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commands = [shlex.split(line[2:], comments=True) for line in code.splitlines() if line.startswith("$ ")]
    assert commands, "a console block shows at least one $ command"
    for argv in commands:
        if argv[0] == "pip":
            continue
        assert argv[0] == "pubextract", f"console examples run pubextract only: {argv}"
        assert main(argv[1:]) == 0, f"{shlex.join(argv)} failed: {capsys.readouterr().err}"
        if "-o" in argv:
            assert (at_repo_root / argv[argv.index("-o") + 1]).stat().st_size > 0


def _generator(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, DOCS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("generator", "page"), [("gen_cli", "cli.md"), ("gen_gallery", "gallery.md")])
def test_generated_page_is_up_to_date(generator: str, page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # the generator must not depend on the terminal
    expected = _generator(generator).render()
    current = (DOCS / page).read_text(encoding="utf-8") if (DOCS / page).exists() else ""
    assert current == expected, f"docs/{page} is out of date: run `python docs/{generator}.py` and commit it"


def test_library_page_names_every_public_name() -> None:
    text = (DOCS / "library.md").read_text(encoding="utf-8")
    missing = [name for name in pubextract.__all__ if f"`{name}" not in text]
    assert not missing, f"docs/library.md does not document {missing}"


def test_formats_page_has_a_section_per_exporter() -> None:
    text = (DOCS / "formats.md").read_text(encoding="utf-8")
    missing = [name for name in EXPORTERS if not regex.search(rf"^## .*\(`{name}`\)", text, regex.M)]
    assert not missing, f"docs/formats.md has no '## ... (`name`)' section for {missing}"


def test_formats_page_bibtex_entry_types_match_the_exporter() -> None:
    text = (DOCS / "formats.md").read_text(encoding="utf-8")
    documented = dict(regex.findall(r"^\| `(\w+)` \| `@(\w+)` \|$", text, regex.M))
    assert documented == {kind.value: entry for kind, entry in ENTRY_TYPES.items()}


def test_links_between_pages_resolve() -> None:
    for page in PAGES:
        for target in regex.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to missing {target}"
