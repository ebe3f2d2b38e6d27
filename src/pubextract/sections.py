"""Sections: which blocks of a page sit under a publication heading.

Headings are real ones (``<h1>``..``<h6>``, setext/ATX Markdown) and *pseudo*
headings: a short line that is wholly bold/underlined, ends with a colon, is in
capitals, or is a bare year. Each heading is classified from the word lists in
``data/headings.toml`` as PUBLICATIONS, OTHER, or NEUTRAL (a year, "Journal",
a topic name); a neutral heading inherits from the heading above it, and one
that follows a publication heading at the same level continues the list
("Peer-reviewed" / "In preparation" / "Pop-science").

The result marks each block's section as IN (a publication list), LIKELY or
MAYBE (no heading says; the entry stage keeps only what looks like a citation,
more readily on a page titled "Publications") or OUT.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

import regex

from ._rx import Lazy
from .authors import author_list_score
from .data import load_toml
from .document import Block, BlockKind, Document, Span, Style

PSEUDO_LEVEL = 7  # below every real heading
_YEAR = Lazy(r"^\W*((?:19|20)\d\d)\W*$")
#: A heading that is a venue's tag and its year, "### ASPLOS'25", "### S&P'24b" (the second that year):
#: the entries under it are of that year.
_VENUE_TAG_YEAR = Lazy(r"^\W*\p{L}[\p{L}&+-]{1,15}\s?['’](\d\d)[a-z]?\W*$")
_YEAR_RANGE = Lazy(r"^\W*(?:19|20)\d\d\s*[-–]\s*(?:(?:19|20)\d\d|present|now)?\W*$", regex.I)
_WORD = Lazy(r"[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*")
_PARENTHESIS = re.compile(r"\([^()]*\)")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*")  # ``_WORD`` on ASCII text (stdlib: cheaper calls)


class Relevance(str, Enum):
    IN = "in"  # under a publication heading
    LIKELY = "likely"  # no heading says, but the page's own title is "Publications"
    MAYBE = "maybe"  # no heading says
    OUT = "out"  # under another heading (News, Talks...)


class HeadingClass(str, Enum):
    PUBLICATIONS = "publications"
    OTHER = "other"
    NEUTRAL = "neutral"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int
    cls: HeadingClass
    year: int | None
    line: int


@dataclass(frozen=True, slots=True)
class Section:
    """A run of blocks under the same heading path."""

    headings: tuple[Heading, ...]  # outermost first
    relevance: Relevance
    blocks: tuple[Block, ...]

    @property
    def title(self) -> str | None:
        return self.headings[-1].text if self.headings else None

    @property
    def year(self) -> int | None:
        return next((h.year for h in reversed(self.headings) if h.year), None)

    @property
    def heading_words(self) -> str:
        """All heading texts of the path, folded, for kind/status hints."""
        return " ".join(fold(h.text) for h in self.headings)


def fold(text: str) -> str:
    if text.isascii():  # nothing to decompose, and ``_WORD`` is ``_ASCII_WORD`` there (4x faster)
        return " ".join(_ASCII_WORD.findall(text)).lower()
    text = unicodedata.normalize("NFKD", text)
    return " ".join(w.lower() for w in _WORD.findall("".join(c for c in text if not unicodedata.combining(c))))


@functools.cache
def _lexicon() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]]:
    """Each table's stems: (single-word stems, phrases, whole words)."""
    data = load_toml("headings.toml")
    tables = {}
    for name, table in data.items():
        whole = frozenset(fold(s) for s in table["stems"] if s.endswith("$"))
        stems = [fold(s) for s in table["stems"] if not s.endswith("$")]
        tables[name] = (tuple(s for s in stems if " " not in s), tuple(f" {s}" for s in stems if " " in s), whole)
    return tables


def _has_stem(folded: str, stems: tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]) -> bool:
    """A word of ``folded`` starts with one of the single-word stems or is one of the whole
    words, or a phrase stem starts at a word of it."""
    words, phrases, whole = stems
    if any(w.startswith(words) or w in whole for w in folded.split()):
        return True
    padded = f" {folded}"
    return any(phrase in padded for phrase in phrases)


def classify_heading(text: str) -> tuple[HeadingClass, int | None]:
    """Publications, other, or neutral; plus the year a heading names, if any."""
    year = _YEAR.match(text)
    if year:
        return HeadingClass.NEUTRAL, int(year.group(1))
    tagged = _VENUE_TAG_YEAR.match(text) if "'" in text or "’" in text else None
    if tagged:
        short = int(tagged.group(1))
        return HeadingClass.NEUTRAL, 2000 + short if short < 50 else 1900 + short
    folded = fold(text)
    lexicon = _lexicon()
    if _has_stem(folded, lexicon["strong"]):
        return HeadingClass.PUBLICATIONS, None
    # a weaker word ("Conference", "Workshop") loses to any word of the rest of a page:
    # "Conference Participation" and "Talks and Conferences" are not lists of papers; but a word
    # of papers is not read as a shorter word of the rest ("Workshops" is no "work")
    papers_words = lexicon["publications"][0]
    rest = " ".join(w for w in folded.split() if not w.startswith(papers_words))
    if _has_stem(rest, lexicon["other"]):
        return HeadingClass.OTHER, None
    if _has_stem(folded, lexicon["publications"]):
        return HeadingClass.PUBLICATIONS, None
    return HeadingClass.NEUTRAL, None


def _titles_an_entry(blocks: tuple[Block, ...], index: int, min_words: int = 4) -> bool:
    """A heading that is a paper's title: the paragraph right after it starts with a list
    of names ("## Classifying Upper Limb Activities" / "Hassan Elkholy, Ahmad Azar, ...").
    A short heading ("Journal Articles") over a citation heads a section, so ``min_words``."""
    block = blocks[index]
    if block.kind is not BlockKind.HEADING or index + 1 >= len(blocks):
        return False
    if block.word_count < min_words or (
            "(" in block.text and len(_PARENTHESIS.sub(" ", block.text).split()) < min_words):
        return False  # "Selected Works ([Google Scholar](...), [Semantic Scholar](...))" heads a list
    lines = []  # the first lines below the heading: names first, or under a venue line
    for following in blocks[index + 1:index + 3]:
        if following.kind is not BlockKind.TEXT or following.list_depth:
            break
        lines.extend(following.text.split("\n")[:2])
    if _heads_quoted_citations(blocks, index):
        return False
    for line in lines[:2]:
        names = [c for c in line.split(",")[:3] if c.strip()]
        if len(names) >= 2 and author_list_score(", ".join(names)) >= 0.66:
            return True
    return False


#: A quoted title of three words or more: the line below a heading that cites a paper of its own.
_QUOTED_TITLE = Lazy(r"[“\"](?=[^”\"\n]{0,300}+[”\"])(?:[^”\"\n\w]*+\w++){3}")  # bounded, possessive: linear


def _heads_quoted_citations(blocks: tuple[Block, ...], index: int) -> bool:
    """A heading of publication words over a paragraph that cites a paper with its own quoted title
    ("Selected Journal Articles And Book Chapters" / "Kieran Healy. 2015. “Title.” Journal"): it heads
    a section, however long it is and whatever element it shares with the citations."""
    block = blocks[index]
    if block.kind is not BlockKind.HEADING or index + 1 >= len(blocks):
        return False
    following = blocks[index + 1]
    return (following.kind is BlockKind.TEXT and _QUOTED_TITLE.search(following.text.split("\n", 1)[0]) is not None
            and classify_heading(block.text)[0] is HeadingClass.PUBLICATIONS)


def _reads_as_heading(block: Block) -> bool:
    """A heading element that really heads a section: not a navigation bar styled as one
    ("HOME / ABOUT / PUBLICATIONS / CONTACT") nor a sentence set in a heading's type."""
    lines = [line for line in block.text.split("\n") if line.strip()]
    links = sum(1 for s in block.spans if s.href and s.text.strip())
    return block.word_count <= 12 and len(lines) <= 3 and links < 3


def _is_pseudo_heading(block: Block) -> bool:
    """A short one-line block that a reader would take for a heading."""
    text = block.text.strip()
    if len(text) > 60 or block.word_count > 8 or "\n" in text:  # most blocks: the cheap test first
        return False
    spans = [s for s in block.spans if s.text.strip()]
    if not spans or any(s.is_break and not s.style & Style.SOFT_BREAK for s in block.spans):
        return False
    if _classed_heading(block):
        return True  # <p class="pagetitle">Selected Papers</p>, <div class="section-title">Publications</div>
    if _YEAR.match(text) or _YEAR_RANGE.match(text):
        return True
    if any(s.href for s in spans if len(s.text.strip()) > 2) and not text.endswith(":"):
        return False
    emphasised = all(s.style & (Style.BOLD | Style.UNDERLINE | Style.ITALIC) for s in spans
                     if s.text.strip(" :*.-–|"))
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) >= 4 and all(c.isupper() for c in letters) and (
        classify_heading(text)[0] is not HeadingClass.NEUTRAL or not any(c.isdigit() for c in text))
    if block.list_depth and not emphasised:
        return False
    return emphasised or capitals or text.endswith(":")


_YEAR_IN_TEXT = Lazy(r"\b(?:19|20)\d\d\b")


def _lead_heading(block: Block) -> str | None:
    """The first line of a paragraph that opens with a heading of its own and goes on with a
    remark, not a citation: "<p><u>Invited conference presentations</u><br>The content of some
    of these presentations is available here.</p>". The line is wholly emphasised, a few words
    that name a kind of list (a neutral line is a paper's bold title over its authors), and what
    follows it names no year and no people."""
    if block.kind is not BlockKind.TEXT or block.list_depth or "\n" not in block.text.strip():
        return None
    first: list[Span] = []
    for span in block.spans:
        if span.is_break:
            break
        first.append(span)
    text = " ".join("".join(s.text for s in first).split())
    rest = block.text.strip().split("\n", 1)[1]
    if not text or len(text.split()) > 5 or any(s.href for s in first if s.text.strip()):
        return None
    if not all(s.style & (Style.BOLD | Style.UNDERLINE) for s in first if s.text.strip(" :*.-–|")):
        return None
    if classify_heading(text)[0] is HeadingClass.NEUTRAL or _YEAR_IN_TEXT.search(rest):
        return None
    return None if author_list_score(rest.split("\n", 1)[0][:200]) >= 0.66 else text


#: Class names that make an element a heading: "pagetitle", "page-title", "section-heading", "sec-title", "heading".
_HEADING_CLASS = Lazy(r"(?:^|[\s_-])(?:(?:page|section|sec|block)[-_]?(?:title|heading|header|head)|heading)(?:$|[\s_-])",
                      regex.I)
def _classed_heading(block: Block) -> bool:
    """A short block whose own element's class names it a page's or a section's title."""
    css = block.path[-1].css if block.path else ""
    return bool(css) and block.word_count <= 8 and "\n" not in block.text.strip() and _HEADING_CLASS.search(css) is not None


_PAGE_LEVEL = frozenset(("html", "body", "section", "main", "article", "ul", "ol", "table", "tbody"))
#: Class names that say an element holds one publication (singular: "publications" holds many).
RECORD_CLASS = Lazy(r"(?:^|\s)(?:paper|pub|publication|bib|citation|reference)(?:[_-]?(?:box|item|entry|card))?"
                    r"(?:\s|$)", regex.I)


def _inside_entry(blocks: tuple[Block, ...], index: int) -> bool:
    """A block that shares its parent element with a neighbour: a line of one entry
    (``<h3>`` title or ``div.venue`` inside ``div.publication-item``), not a section heading."""
    block = blocks[index]
    if len(block.path) < 2 or _YEAR.match(block.text.strip()):
        return False
    if (block.kind is BlockKind.HEADING and block.word_count <= 5
            and classify_heading(block.text)[0] is not HeadingClass.NEUTRAL):
        return False  # an <h3>Publications</h3> inside a layout <div> still heads a section
    if _heads_quoted_citations(blocks, index) or _classed_heading(block):
        return False
    parent = next((c for c in reversed(block.path[:-1]) if c.tag not in ("ul", "ol", "tbody")), None)
    if parent is None or (parent.tag in _PAGE_LEVEL and not RECORD_CLASS.search(parent.css)):
        return False  # an <article class="publication-item"> holds one paper; a bare <article> a page
    neighbours = [blocks[i] for i in (index - 1, index + 1) if 0 <= i < len(blocks)]
    return any(parent in other.path and other.kind is BlockKind.TEXT for other in neighbours)


def split_sections(document: Document) -> list[Section]:
    """Cut the page at its headings and mark each part IN, MAYBE or OUT."""
    blocks = document.blocks
    root_cls, _ = classify_heading(document.meta.get("title", ""))
    stack: list[Heading] = []
    previous_at_level: dict[int, Heading] = {}
    sections: list[Section] = []
    current: list[Block] = []
    saw_publications = root_cls is HeadingClass.PUBLICATIONS

    def close() -> None:
        if current:
            sections.append(Section(tuple(stack), _relevance(stack), tuple(current)))
            current.clear()

    def _relevance(path: list[Heading]) -> Relevance:
        for heading in reversed(path):
            if heading.cls is HeadingClass.PUBLICATIONS:
                return Relevance.IN
            if heading.cls is HeadingClass.OTHER:
                return Relevance.OUT
        return Relevance.MAYBE

    title_levels: set[int] = set()  # heading levels that title papers on this page
    after_title = False
    for index, block in enumerate(blocks):
        # a heading at a level whose headings title papers may be a short title ("Nonlinear Programming")
        titles = block.kind is BlockKind.HEADING and _titles_an_entry(
            blocks, index, 3 if block.level in title_levels else 4)
        if titles:
            title_levels.add(block.level)
        lead = None if titles or after_title else _lead_heading(block)
        is_heading = not titles and (
            (block.kind is BlockKind.HEADING and _reads_as_heading(block))
            or (not after_title and _is_pseudo_heading(block))  # "### Title" / "*Journal*" / names
            or lead is not None
        ) and not _inside_entry(blocks, index)
        after_title = titles
        if not is_heading:
            current.append(block)
            continue
        close()
        level = block.level if block.kind is BlockKind.HEADING else PSEUDO_LEVEL
        text = lead or " ".join(block.text.split())
        cls, year = classify_heading(text)
        while stack and stack[-1].level >= level:
            stack.pop()
        if cls is HeadingClass.NEUTRAL and not stack:
            sibling = previous_at_level.get(level)
            if sibling is not None and sibling.cls is HeadingClass.PUBLICATIONS:
                cls = HeadingClass.PUBLICATIONS  # "Pop-science" after "In preparation"
        heading = Heading(text, level, cls, year, block.line_start)
        previous_at_level[level] = heading
        stack.append(heading)
        saw_publications |= cls is HeadingClass.PUBLICATIONS
    close()
    if root_cls is HeadingClass.PUBLICATIONS:
        unclaimed = Relevance.LIKELY
    elif saw_publications:
        unclaimed = Relevance.OUT  # a page with a publication list: what no heading claims is other text
    else:
        unclaimed = Relevance.MAYBE
    return [Section(s.headings, unclaimed, s.blocks) if s.relevance is Relevance.MAYBE else s for s in sections]
