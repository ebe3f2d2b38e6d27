"""LaTeX reader: pylatexenc's latexwalker parses, a walk over its nodes cuts blocks.

A real parser, not regular expressions over the source: it knows which braces
are a macro's arguments, where a ``%`` comment ends, and the position of every
node, from which each span gets its page line. The walk maps LaTeX onto the
shapes the HTML reader produces:

- sectioning macros (``\\section``, ``\\subsection``, CV classes' ``\\cvsection``,
  ``\\makerubrichead``...) and a group set in a larger size
  (``{\\large\\bfseries Journal Articles}``) become heading blocks;
- ``itemize``/``enumerate``/``description``/``thebibliography`` (and paralist's and
  etaremune's lists) become a list,
  each ``\\item``/``\\bibitem`` one ``li``;
- ``\\textbf``/``\\bfseries`` are BOLD, ``\\textit``/``\\emph``/``\\itshape`` ITALIC,
  ``\\underline``/``\\uline`` UNDERLINE, ``\\textsuperscript`` and ``$^{*}$`` SUP;
  ``\\href``/``\\url`` set the link;
- accents, ``--``, ``\\&``, `````...''`` become Unicode (pylatexenc's latex2text);
  comments hide what they hold; ``\\\\`` is a hard line break, a blank line a new
  paragraph, a single newline a soft break.
"""
from __future__ import annotations

import functools
from typing import Any

from pylatexenc import latexwalker
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.macrospec import MacroSpec

from .._rx import Lazy
from ..document import BREAK, Document, Span, Style
from ..errors import InputError
from ._blocks import BlockBuilder
from .html import clean_text

HEADING_MACROS = {
    "part": 1, "chapter": 1, "section": 2, "cvsection": 2, "makerubrichead": 2, "subsection": 3,
    "cvsubsection": 3, "subrubric": 3, "subsubsection": 4, "paragraph": 5,
}
#: Environments whose first argument titles them: ``\begin{rubric}{Publications}`` (the curve class).
HEADING_ENVIRONMENTS = {"rubric": 2}
#: TeX parameters set by assignment (``\hangindent=0.5in``): the dimension after them is no text.
ASSIGNMENTS = frozenset("hangindent hangafter parindent parskip leftskip rightskip baselineskip".split())
_ASSIGNED_VALUE = Lazy(r"\A\s*+=?\s*+[-+]?(?:\d++(?:\.\d*+)?|\.\d++)\s*+(?:pt|in|cm|mm|em|ex|bp|sp|pc|dd|cc)?")
STYLE_MACROS = {
    "textbf": Style.BOLD, "mathbf": Style.BOLD, "textit": Style.ITALIC, "emph": Style.ITALIC,
    "textsl": Style.ITALIC, "mathit": Style.ITALIC, "underline": Style.UNDERLINE, "uline": Style.UNDERLINE,
    "textsuperscript": Style.SUP, "textsubscript": Style.SUB, "texttt": Style.CODE, "sout": Style.STRIKE,
    # boxes that only hold text: their argument is walked like the page's own text
    "text": Style.NONE, "mbox": Style.NONE, "textrm": Style.NONE, "textnormal": Style.NONE, "textsf": Style.NONE,
}
#: Declarations that switch a style on for the rest of the group.
DECLARATIONS = {
    "bfseries": Style.BOLD, "bf": Style.BOLD, "itshape": Style.ITALIC, "it": Style.ITALIC,
    "em": Style.ITALIC, "slshape": Style.ITALIC, "sl": Style.ITALIC, "ttfamily": Style.CODE, "tt": Style.CODE,
}
#: Size declarations: a group that starts with one of these is set as a heading.
SIZES = frozenset("large Large LARGE huge Huge".split())
#: List environments, with paralist's compact ones and etaremune's (a list numbered downwards, for CVs).
LISTS = {"itemize": "ul", "enumerate": "ol", "description": "ul", "thebibliography": "ol", "etaremune": "ol",
         "compactitem": "ul", "compactenum": "ol", "asparaitem": "ul", "asparaenum": "ol", "inparaenum": "ol"}
ITEMS = frozenset({"item", "bibitem"})
HARD_BREAKS = frozenset({"\\", "newline", "linebreak"})
#: Macros whose arguments are layout or bookkeeping, never page text.
SILENT = frozenset(
    "hspace vspace label ref cite nocite vskip hskip setlength addtolength newcommand renewcommand "
    "usepackage documentclass pagestyle thispagestyle color textcolor input include includegraphics".split())
#: Environments whose content is not page text (``picture`` holds ``\\put`` coordinates and a photo).
SILENT_ENVIRONMENTS = frozenset({"comment", "figure", "tikzpicture", "picture"})
#: Page breaks end a paragraph: a CV's ``\\clearpage`` between two entries parts them like a blank line.
PAGE_BREAKS = frozenset({"par", "clearpage", "newpage", "pagebreak", "cleardoublepage"})
#: Macros the default context does not know, with their argument specs.
EXTRA_MACROS = (
    ("href", "[{{"), ("makerubrichead", "{"), ("cvsection", "{"), ("cvsubsection", "{"), ("subrubric", "{"),
    ("textsuperscript", "{"), ("textsubscript", "{"), ("uline", "{"), ("sout", "{"), ("bibitem", "[{"),
)
_SUPERSCRIPT_MATH = Lazy(r"^\s*\^\s*\{?([^{}]{1,10})\}?\s*$")
#: Math that is one symbol macro (``$\\alpha$``, ``$\\mu$``, ``$\\pm$``): the symbol, not its source.
_SYMBOL_MATH = Lazy(r"^\s*\\[A-Za-z]+\s*$")
_PARAGRAPH_BREAK = Lazy(r"(\n[ \t]*(?:\n[ \t]*)*)")


@functools.cache
def _context() -> Any:
    context = latexwalker.get_default_latex_context_db().filter_context()
    context.add_context_category(
        "pubextract", prepend=True, macros=[MacroSpec(name, spec) for name, spec in EXTRA_MACROS])
    return context


@functools.cache
def _to_text() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


@functools.cache
def _symbol_text() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


def _argument(node: Any, index: int = -1) -> Any:
    """A macro's argument (the last one by default), or None."""
    arguments = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
    if not arguments:
        return None
    return arguments[index] if -len(arguments) <= index < len(arguments) else None


def _nodes_of(argument: Any) -> list[Any]:
    if argument is None:
        return []
    return list(argument.nodelist) if getattr(argument, "nodelist", None) is not None else [argument]


class _Walker:
    def __init__(self, walker: Any) -> None:
        self.walker = walker
        self.builder = BlockBuilder()
        self.list_depth = 0
        self.assigning = False  # the last macro was an assignment; its value opens the next text
        self.loose_items = False  # \bibitem lines with no list around them: an implicit list is open

    def line_of(self, node: Any) -> int:
        return int(self.walker.pos_to_lineno_colno(node.pos)[0])

    def emit(self, text: str, style: int, href: str | None, line: int) -> None:
        """Add text; an accent or a ``--`` joins the span before it rather than splitting a word."""
        spans = self.builder.spans
        last = spans[-1] if spans else None
        piece = clean_text(text)
        if last is not None and last.is_break:
            piece = piece.lstrip()
        if not piece:
            return
        if last is not None and not last.is_break and (last.style, last.href, last.line) == (style, href, line):
            spans[-1] = Span(last.text + piece, style, href, line)
        else:
            self.builder.add(Span(piece, style, href, line))

    def chars(self, node: Any, style: int, href: str | None) -> None:
        line = self.line_of(node)
        chars = node.chars
        if self.assigning:
            chars = _ASSIGNED_VALUE.sub("", chars, count=1)
            self.assigning = False
        for index, piece in enumerate(_PARAGRAPH_BREAK.split(chars)):
            if index % 2 == 0:
                self.emit(piece, style, href, line)
                continue
            newlines = piece.count("\n")
            line += newlines
            if newlines > 1:
                self.builder.flush()
            else:
                self.builder.add(Span(BREAK, style | Style.SOFT_BREAK, None, line))

    def walk(self, nodes: list[Any], style: int = Style.NONE, href: str | None = None) -> None:
        """Walk one list of sibling nodes; a declaration holds until the list ends."""
        for node in nodes:
            if node.isNodeType(latexwalker.LatexCommentNode):
                continue
            if node.isNodeType(latexwalker.LatexCharsNode):
                self.chars(node, style, href)
            elif node.isNodeType(latexwalker.LatexGroupNode):
                self.group(node, style, href)
            elif node.isNodeType(latexwalker.LatexEnvironmentNode):
                self.environment(node, style, href)
            elif node.isNodeType(latexwalker.LatexMathNode):
                self.math(node, style, href)
            elif node.isNodeType(latexwalker.LatexMacroNode):
                style = self.macro(node, style, href)
            else:  # specials: -- ``  '' ~
                self.emit(_to_text().node_to_text(node), style, href, self.line_of(node))

    def group(self, node: Any, style: int, href: str | None) -> None:
        first = next((n for n in node.nodelist if not n.isNodeType(latexwalker.LatexCharsNode)
                      or n.chars.strip()), None)
        if (first is not None and first.isNodeType(latexwalker.LatexMacroNode) and first.macroname in SIZES
                and not self.list_depth):
            self.heading(3, list(node.nodelist), self.line_of(node))
        else:
            self.walk(list(node.nodelist), style, href)

    def heading(self, level: int, nodes: list[Any], line: int) -> None:
        self.builder.open(f"h{level}", line=line)
        self.walk(nodes)
        self.builder.close()

    def environment(self, node: Any, style: int, href: str | None) -> None:
        name = node.environmentname.rstrip("*")
        if name in SILENT_ENVIRONMENTS:
            return
        tag = LISTS.get(name)
        if tag is None:
            nodes = list(node.nodelist)
            first = next((i for i, n in enumerate(nodes) if not n.isNodeType(latexwalker.LatexCharsNode)
                          or n.chars.strip()), None)
            if name in HEADING_ENVIRONMENTS and first is not None and nodes[first].isNodeType(latexwalker.LatexGroupNode):
                self.heading(HEADING_ENVIRONMENTS[name], list(nodes[first].nodelist), self.line_of(nodes[first]))
                nodes = nodes[first + 1:]
            self.walk(nodes, style, href)
            return
        self.builder.open(tag, line=self.line_of(node))
        self.list_depth += 1
        self.walk(list(node.nodelist), style, href)
        if self.builder.innermost == "li":
            self.builder.close()
        self.list_depth -= 1
        self.builder.close()

    def math(self, node: Any, style: int, href: str | None) -> None:
        source = "".join(n.latex_verbatim() for n in node.nodelist)
        mark = _SUPERSCRIPT_MATH.match(source)
        if mark:
            self.emit(mark.group(1), style | Style.SUP, href, self.line_of(node))
        elif _SYMBOL_MATH.match(source) and len(symbol := _symbol_text().nodelist_to_text(node.nodelist).strip()) == 1:
            self.emit(symbol, style, href, self.line_of(node))
        else:
            self.emit(_to_text().node_to_text(node), style, href, self.line_of(node))

    def macro(self, node: Any, style: int, href: str | None) -> int:
        """Handle one macro; returns the style in force after it (declarations change it)."""
        name = node.macroname
        line = self.line_of(node)
        if name in DECLARATIONS:
            return style | DECLARATIONS[name]
        if name in ASSIGNMENTS:
            self.assigning = True
            return style
        if name in HEADING_MACROS and self.loose_items:
            self.close_loose_items()
        if name in HEADING_MACROS and not self.list_depth:
            self.heading(HEADING_MACROS[name], _nodes_of(_argument(node)), line)
        elif name in STYLE_MACROS:
            self.part_from_styled_line(style | STYLE_MACROS[name])
            self.walk(_nodes_of(_argument(node)), style | STYLE_MACROS[name], href)
        elif name in ITEMS and (self.list_depth or name == "bibitem"):
            if not self.list_depth:  # a file of \bibitem lines, \input inside a thebibliography elsewhere
                self.builder.open("ol", line=line)
                self.list_depth += 1
                self.loose_items = True
            if self.builder.innermost == "li":
                self.builder.close()
            self.builder.open("li", line=line)
        elif name in HARD_BREAKS:
            self.builder.add(Span(BREAK, style, None, line))
        elif name in PAGE_BREAKS:
            self.builder.flush()
        elif name == "href":
            target = _argument(node, -2)
            url = target.latex_verbatim().strip("{}") if target is not None else None
            spans = self.builder.spans
            before = (len(self.builder.blocks), len(spans), spans[-1] if spans else None)
            shown = _nodes_of(_argument(node))
            self.walk(shown, style, url or href)
            spans = self.builder.spans
            if url and shown and before == (len(self.builder.blocks), len(spans), spans[-1] if spans else None):
                # \href{…/abs/2401.01234}{\faFilePdf}, an icon or an image: the link, as the HTML reader keeps it
                self.emit(" link ", style | Style.ICON, url, line)
        elif name == "url":
            argument = _argument(node)
            url = argument.latex_verbatim().strip("{}") if argument is not None else ""
            self.emit(url, style, url, line)
        elif name not in SILENT and name not in SIZES:
            self.emit(_to_text().node_to_text(node), style, href, line)
        return style


    def part_from_styled_line(self, style: int) -> None:
        """``\\textit{Title},`` then ``\\textsl{Venue}`` on the next source line: two fields, each its own
        line. The newline between them, soft so far, becomes a hard break, so the two emphasised
        arguments do not read as one run (a title wrapped inside one macro keeps its soft break)."""
        spans = self.builder.spans
        if not style & ~Style.SOFT_BREAK or len(spans) < 2 or not spans[-1].is_break \
                or not spans[-1].style & Style.SOFT_BREAK:
            return
        before = len(spans) - 2
        while before >= 0 and not spans[before].is_break and not spans[before].style \
                and not spans[before].text.strip(" ,;.:"):
            before -= 1  # the comma after the first argument
        if before >= 0 and not spans[before].is_break and spans[before].style & style & (Style.BOLD | Style.ITALIC):
            last = spans[-1]
            spans[-1] = Span(BREAK, last.style & ~Style.SOFT_BREAK, None, last.line)

    def close_loose_items(self) -> None:
        """End the implicit list that loose ``\\bibitem`` lines opened."""
        if self.builder.innermost == "li":
            self.builder.close()
        self.builder.close()
        self.list_depth -= 1
        self.loose_items = False


def read_latex(text: str, path: str | None = None) -> Document:
    walker = latexwalker.LatexWalker(text, latex_context=_context(), tolerant_parsing=True)
    try:
        nodes, _, _ = walker.get_latex_nodes()
        reader = _Walker(walker)
        reader.walk(list(nodes))
        if reader.loose_items:
            reader.close_loose_items()
    except RecursionError as err:
        raise InputError(f"{path or 'input'}: LaTeX nested too deeply to read") from err
    except latexwalker.LatexWalkerError as err:
        raise InputError(f"{path or 'input'}: cannot parse LaTeX ({err})") from err
    reader.builder.flush()
    return Document(blocks=tuple(reader.builder.blocks), format="latex", path=path, source_text=text,
                    line_count=text.count("\n") + 1)
