"""The LaTeX reader: pylatexenc's parse mapped onto headings, list items and styled spans."""
from __future__ import annotations

from pathlib import Path

import pytest

from pubextract.document import BlockKind, Style
from pubextract.errors import InputError
from pubextract.readers import read_text
from pubextract.readers.latex import read_latex

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def cv() -> list:
    document = read_text((FIXTURES / "readers" / "cv.tex").read_text(encoding="utf-8"), path="cv.tex")
    assert document.format == "latex"
    return list(document.blocks)


def test_headings_items_and_lines(cv: list) -> None:
    assert [(b.kind, b.level, b.line_start, b.line_end) for b in cv] == [
        (BlockKind.HEADING, 2, 3, 3), (BlockKind.HEADING, 3, 4, 4),
        (BlockKind.TEXT, 0, 6, 7), (BlockKind.TEXT, 0, 9, 10),
        (BlockKind.HEADING, 3, 12, 12), (BlockKind.TEXT, 0, 14, 14),
    ]
    assert [c.tag for c in cv[2].path] == ["ol", "li"] and [c.tag for c in cv[5].path] == ["ul", "li"]


def test_accents_dashes_quotes_and_comments(cv: list) -> None:
    assert cv[2].text == "Jérôme Müller, A. Smith & B. Jones.\n“Café Culture–A Study.” Journal of Things, 2020–2021."
    assert not any("Hidden" in b.text for b in cv)


def test_styles_and_links(cv: list) -> None:
    styled = {(s.text, s.style & ~Style.HEADING, s.href) for b in cv for s in b.spans}
    assert ("Jérôme Müller", Style.BOLD, None) in styled
    assert ("Journal of Things", Style.ITALIC, None) in styled
    assert ("J. Müller", Style.UNDERLINE, None) in styled
    assert ("*", Style.SUP, None) in styled and ("†", Style.SUP, None) in styled
    assert ("Linked Title", Style.ITALIC, "https://example.org/p.pdf") in styled
    assert ("https://example.org", Style.NONE, "https://example.org") in styled


def test_hard_and_soft_breaks(cv: list) -> None:
    soft = [s for s in cv[2].spans if s.is_break]
    hard = [s for s in cv[5].spans if s.is_break]
    assert soft[0].style & Style.SOFT_BREAK and soft[0].line == 7
    assert not hard[0].style & Style.SOFT_BREAK and cv[5].text == "J. Müller. Preprint title\narXiv, 2024."


def test_dev_cv_reads_every_item_but_the_commented_ones() -> None:
    text = (FIXTURES / "pages" / "JiaweiLian__curriculum_vitae__publications.tex").read_text(encoding="utf-8")
    blocks = read_latex(text).blocks
    items = [b for b in blocks if b.list_depth]
    headings = [b.text for b in blocks if b.kind is BlockKind.HEADING]
    assert len(items) == 9 and not any("YOLOv4" in b.text for b in blocks)
    assert headings == ["Research Publications", "Journal Articles", "Conference Papers", "Preprints"]
    assert [b.line_start for b in items] == [5, 7, 9, 11, 13, 15, 23, 25, 30]


@pytest.mark.parametrize("source", ["", "\\", "{{{", "\\begin{itemize}\\item unclosed", "}}} \\end{x}", "$x^"])
def test_broken_latex_never_raises(source: str) -> None:
    read_latex(source)


def test_pathological_nesting_is_an_input_error_or_read() -> None:
    try:
        read_latex("{" * 5000 + "x" + "}" * 5000)
    except InputError as err:
        assert "nested" in str(err)


def test_curve_rubrics_text_boxes_and_tex_assignments() -> None:
    """The curve class: ``rubric`` titles its environment, ``\\subrubric`` heads a list, and a
    ``\\text{\\hangindent=0.5in ...\\par}`` box is an entry whose indent value is no text."""
    source = ("\\begin{rubric}{Publications}\n\\subrubric{Journal Articles}\n\n"
              "\\text{\\hangindent=0.5in \\textbf{Garc\\'ia Alanis, J. C.}, \\& Peper, M. (2017). A title. \\par }\n"
              "\\end{rubric}\n")
    blocks = read_latex(source).blocks
    assert [(b.kind, b.text.strip()) for b in blocks] == [
        (BlockKind.HEADING, "Publications"), (BlockKind.HEADING, "Journal Articles"),
        (BlockKind.TEXT, "García Alanis, J. C., & Peper, M. (2017). A title.")]
    assert blocks[2].spans[0].style & Style.BOLD


@pytest.mark.parametrize(("environment", "tag"), [
    ("itemize", "ul"), ("enumerate", "ol"), ("thebibliography", "ol"), ("etaremune", "ol"),
    ("compactitem", "ul"), ("compactenum", "ol"), ("asparaenum", "ol"),
])
def test_list_environments_give_one_item_each(environment: str, tag: str) -> None:
    """``\\item`` of any list environment, ``etaremune`` (numbered downwards) too, is one ``li``: no bullet text."""
    blocks = read_latex(f"\\begin{{{environment}}}\n\\item A. Smith, First paper. Nature, 2020.\n"
                        f"\\item B. Jones, Second paper. Science, 2021.\n\\end{{{environment}}}").blocks
    assert [(b.text, [c.tag for c in b.path]) for b in blocks] == [
        ("A. Smith, First paper. Nature, 2020.", [tag, "li"]), ("B. Jones, Second paper. Science, 2021.", [tag, "li"])]
