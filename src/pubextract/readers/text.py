"""Plain-text reader: reference lists and CVs exported from PDF or typed by hand.

Text has no markup, so structure is read off the layout, one line at a time:

- a *heading* is a short line in capitals, a short line ending with ``:``, a line
  underlined with ``===``/``---``, a bare year, or a short Title-case line standing
  alone between blank lines ("Publications");
- an *entry* starts at a bullet (``•``, ``–``, ``-``, ``*``...) or a number
  (``[1]``, ``1.``, ``(1)``, ``[J3]``), at a line back at the left margin of a
  hanging-indent group (the first line sticks out, its continuation lines are
  indented), at a new paragraph after a blank line, or at each line of a run of
  lines that are each a whole citation;
- a line that starts nothing continues the entry above it.

Each entry becomes one block inside an ``li`` container of a ``ul``, each heading
a block inside an ``h1``..``h4`` container, exactly the shapes the HTML reader
gives for ``<li>`` and ``<h2>``. Line breaks inside an entry stay soft breaks, and
every span carries its 1-based line in the page.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .._rx import Lazy
from ..document import BREAK, FIELD_LABELS, Document, Span, Style
from ._blocks import BlockBuilder
from .html import clean_text

#: A list marker and the spaces after it, at the start of a line.
_MARKER = Lazy(
    r"^[ \t]*(?:[•◦▪▫‣∙·●○■□➢►▸▹–—*+-]|\[[A-Z]{0,3}\d{1,4}\]|\([A-Z]{0,3}\d{1,4}\)|\d{1,3}[.)])[ \t]+(?=\S)")
_UNDERLINE = Lazy(r"^[ \t]*(?:={3,}|-{3,}|~{3,}|\*{3,}|_{3,})[ \t]*$")
_YEAR_LINE = Lazy(r"^\W*(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)\d\d|present|now))?\W*$", regex.I)
_SENTENCE_END = Lazy(r"(?:[.?!)\]”\"]|\d)\s*$")
_TERMINAL_PUNCTUATION = Lazy(r"[.,;]\s*$")
#: A line that opens with a field's label ("Venue: …", "Authors: …") holds that field alone: it is
#: never the wrapped end of the line above, however long that line runs.
_FIELD_LABEL = Lazy(r"^\s*(?:" + "|".join(FIELD_LABELS.values()) + r")\s*:", regex.I)

HEADING_MAX_CHARS = 60
HEADING_MAX_WORDS = 8
#: A Title-case line alone between blank lines is a heading only when this short.
LONE_HEADING_MAX_WORDS = 5
#: A line counts as a whole citation (in a run of one citation per line) from this many words.
CITATION_MIN_WORDS = 6
#: A paragraph whose lines but the last all reach this share of its longest (of at least this many
#: characters) is text filled to a margin.
FILLED_SHARE = 0.75
FILLED_MIN_CHARS = 50
#: The widest label column (``2020,``, ``Fall 2020,``, ``[Smith20]``) kept apart from its entry.
LABEL_MAX_CHARS = 24


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based line of the page
    text: str  # without the trailing newline or carriage return
    indent: int  # columns of leading white space, tabs expanded

    @property
    def blank(self) -> bool:
        return not self.text.strip() or _UNDERLINE.match(self.text) is not None

    @property
    def marker(self) -> regex.Match[str] | None:
        return _MARKER.match(self.text)


def _lines(text: str) -> list[_Line]:
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r").replace("\f", "")
        expanded = raw.expandtabs(8)
        lines.append(_Line(number, raw, len(expanded) - len(expanded.lstrip())))
    return lines


def _heading_level(lines: list[_Line], index: int) -> int:
    """The level of the heading the line is, or 0 when it is not one."""
    line = lines[index]
    text = line.text.strip()
    if not text or line.blank:
        return 0
    after = lines[index + 1] if index + 1 < len(lines) else None
    if after is not None and _UNDERLINE.match(after.text) and len(text) <= 2 * HEADING_MAX_CHARS:
        return 1 if "=" in after.text else 2
    if _YEAR_LINE.match(text) and not (text.startswith("(") and index and not lines[index - 1].blank):
        return 4  # "(2014)." right under a line of text ends that citation; it heads nothing
    if len(text) > HEADING_MAX_CHARS or len(text.split()) > HEADING_MAX_WORDS or line.marker:
        return 0
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return 1
    if text.endswith(":"):
        return 3
    alone = (index == 0 or lines[index - 1].blank) and (after is None or after.blank or after.marker is not None)
    if (alone and len(text.split()) <= LONE_HEADING_MAX_WORDS and text[0].isupper()
            and not _TERMINAL_PUNCTUATION.search(text)):
        return 2
    return 0


def _split_run(run: list[_Line]) -> list[list[_Line]]:
    """Cut a run of non-blank lines (no heading among them) into entries."""
    if any(line.marker for line in run):
        entries: list[list[_Line]] = []
        for line in run:
            if line.marker or not entries:
                entries.append([line])
            else:
                entries[-1].append(line)
        return entries
    margin = min(line.indent for line in run)
    if run[0].indent == margin and any(line.indent > margin for line in run):
        starts_entry = [line.indent == margin for line in run]  # hanging indent
    elif run[0].indent > margin:
        starts_entry = [line.indent > margin for line in run]  # first-line indent
    elif len(run) > 1 and all(_SENTENCE_END.search(line.text) and len(line.text.split()) >= CITATION_MIN_WORDS
                              for line in run):
        starts_entry = [True] * len(run)  # one whole citation per line
    else:
        return [run]
    entries = []
    for line, starts in zip(run, starts_entry):
        if starts or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    return entries


def _label_column(entry: list[_Line]) -> int:
    """Where the text of a hanging-indent entry starts after a label column, else 0.

    In ``2020, Dependent Type Systems as Macros.`` with continuation lines indented
    to the column of "Dependent", "2020," is a label beside the entry (as a table
    cell would be), not the start of its first sentence.
    """
    if len(entry) < 2 or entry[0].marker:
        return 0
    column = min(line.indent for line in entry[1:])
    first = entry[0].text.expandtabs(8)
    if not entry[0].indent < column < len(first) or not first[column - 1].isspace() or first[column].isspace():
        return 0
    return column if len(first[:column].strip()) <= LABEL_MAX_CHARS else 0


def _filled(entry: list[_Line]) -> bool:
    """A paragraph hard-wrapped at a margin: every line but the last runs close to the
    longest, so its line ends are where the editor wrapped, not where a field ends."""
    if len(entry) < 2:
        return False
    widths = [len(line.text.rstrip().expandtabs(8)) for line in entry]
    return max(widths) >= FILLED_MIN_CHARS and min(widths[:-1]) >= FILLED_SHARE * max(widths)


def _spans(entry: list[_Line]) -> list[Span]:
    spans: list[Span] = []
    filled = _filled(entry)
    for position, line in enumerate(entry):
        text = line.text
        marker = line.marker if position == 0 else None
        if marker:
            text = text[marker.end():]
        if position:
            spans.append(Span(" ", Style.NONE, None, line.number) if filled and not _FIELD_LABEL.match(text)
                         else Span(BREAK, Style.SOFT_BREAK, None, line.number))
        piece = clean_text(text).strip()
        if piece:
            spans.append(Span(piece, Style.NONE, None, line.number))
    return spans


class _Reader:
    def __init__(self) -> None:
        self.builder = BlockBuilder()
        self.in_list = False

    def heading(self, line: _Line, level: int) -> None:
        self.end_list()
        self.builder.open(f"h{level}", line=line.number)
        for span in _spans([line]):
            self.builder.add(span)
        self.builder.close()

    def entries(self, run: list[_Line]) -> None:
        if not self.in_list:
            self.builder.open("ul", line=run[0].number)
            self.in_list = True
        for entry in _split_run(run):
            self.builder.open("li", line=entry[0].number)
            label_end = _label_column(entry)
            if label_end:
                first = entry[0].text.expandtabs(8)
                self.builder.add(Span(clean_text(first[:label_end]).strip(), Style.NONE, None, entry[0].number))
                self.builder.flush()
                entry = [_Line(entry[0].number, first[label_end:], label_end), *entry[1:]]
            for span in _spans(entry):
                self.builder.add(span)
            self.builder.close()

    def end_list(self) -> None:
        if self.in_list:
            self.builder.close()
            self.in_list = False


def read_plain_text(text: str, path: str | None = None) -> Document:
    lines = _lines(text)
    reader = _Reader()
    run: list[_Line] = []
    for index, line in enumerate(lines):
        level = _heading_level(lines, index)
        if level or line.blank:
            if run:
                reader.entries(run)
                run = []
            if level:
                reader.heading(line, level)
            continue
        run.append(line)
    if run:
        reader.entries(run)
    reader.end_list()
    return Document(blocks=tuple(reader.builder.blocks), format="text", path=path, source_text=text,
                    line_count=len(lines))
