"""Entries: which blocks of a publication section make up one publication.

An entry is the outermost list item (unless that item only groups others, like a
``- 2024`` item with papers nested below it), a table row, a ``div`` that repeats
with the same class (``div.publication-item``), or else one paragraph. Blocks of
one entry are joined with a hard line break between them.

Lines that explain the page's marks ("* equal contribution, † corresponding")
are read into a :class:`Legend` instead of becoming entries. What is not kept is
listed in :attr:`Segmentation.skipped` with the reason, so nothing is lost
silently.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

import regex

from ._rx import AsciiTwin, Lazy, Needled, WordAlternation, rx
from .authors import author_list_score, looks_like_name
from .document import BREAK, Block, BlockKind, Container, Document, Span, Style
from .sections import RECORD_CLASS, Relevance, Section, split_sections

_GROUP_ITEM = Lazy(r"^\W*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)\d\d)?)?|[\p{L} &:/-]{1,40})\W*$")
_LEGEND = AsciiTwin(
    r"(?P<mark>[*†‡#§¶✉+✝^]|\\\*|\(\*\)|\^\w)\s*(?:\]\s*)?(?:\)|:|=|-|–|—)?\s*(?:indicates?|denotes?|means?|marks?|for|:|=)?\s*"
    r"(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?(?P<what>equal(?:ly)?[ -]contribut\w*|co-?first|joint first|corresponding|co-?corresponding"
    r"|student|mentee|supervised|advisee|senior)",
    regex.I)
#: Every alternative of ``_LEGEND``'s mark holds one of these: a text without any cannot match.
_LEGEND_MARKS = frozenset("*†‡#§¶✉+✝^")
_YEARISH = Lazy(r"\b(?:19|20)\d\d\b")
_VENUE_WORDS = WordAlternation(rx(
    r"\b(?:proceedings|proc\.|proc|journal|conference|conf\.|symposium|workshop|transactions|trans\.|letters|"
    r"review|arxiv|biorxiv|medrxiv|ssrn|preprint|press|ieee|acm|usenix|springer|elsevier|vol\.|pp\.|"
    r"volume|in:|thesis|dissertation|patent|report|accepted|submitted|to appear|under review|in review|"
    r"in submission|under submission|in press|forthcoming)(?!\w)",
    regex.I))
#: A capitalised word, then a list separator and another capital ("Zheng, Z", "Lin & Wang"), a page in
#: lower case ("e. zec, t. ha"), co-authors named by "joint with X" / "(with X", or a name before
#: "et al". The word is bounded so that a search stays linear on a page of capitals.
_NAME_LIST = AsciiTwin(
    r"\p{Lu}[\p{L}.'-]{0,40}+[*†‡]{0,3}+\s*+[,;&]\s*+\p{Lu}"  # "Kallas*, Filip Niksic*": a mark may sit between
    r"|(?<![\p{L}.])\p{Ll}\.\s\p{Ll}[\p{L}'-]{1,40}+\s*+,\s*+\p{Ll}\.\s?\p{Ll}"  # "e. zec, t. ha"
    r"|\b(?i:joint(?:ly)?\s+with)\s+\p{Lu}|\((?i:with)\s+\p{Lu}"
    r"|\p{Lu}[\p{L}'-]{1,40}+\s++et\.?\s?al\b")  # "Weems et al, Blebs ..."


@dataclass(frozen=True, slots=True)
class RawEntry:
    """The spans of one entry, where it is, and the section it sits in."""

    spans: tuple[Span, ...]
    line_start: int
    line_end: int
    section: Section
    index: int  # 0-based, in page order

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True, slots=True)
class Legend:
    """What the page says its author marks mean: mark -> "equal" | "corresponding" | "other"."""

    meanings: dict[str, str] = field(default_factory=dict)

    def meaning(self, mark: str) -> str | None:
        return self.meanings.get(mark)


@dataclass(frozen=True, slots=True)
class Skipped:
    text: str
    line_start: int
    line_end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Segmentation:
    entries: tuple[RawEntry, ...]
    legend: Legend
    skipped: tuple[Skipped, ...]
    sections: tuple[Section, ...]


def read_legend(text: str) -> dict[str, str]:
    """Marks a legend line defines, e.g. ``(* equal contribution, # corresponding)``, ``[‡]: Co-first Author``."""
    meanings: dict[str, str] = {}
    for match in _LEGEND.pattern.finditer(text):
        mark = match.group("mark").replace("\\", "").strip("()")
        if mark.startswith("^") and len(mark) > 1:  # "^1" is the superscript 1; a bare "^" is its own mark
            mark = mark[1:]
        what = match.group("what").lower()
        if "equal" in what or "first" in what:
            meanings[mark] = "equal"
        elif "corresponding" in what:
            meanings[mark] = "corresponding"
        else:
            meanings[mark] = "other"
    return meanings


def is_legend(text: str) -> bool:
    """A line whose job is to explain marks, not to cite a paper."""
    stripped = text.strip()
    return (len(stripped) < 160 and not _LEGEND_MARKS.isdisjoint(stripped) and bool(_LEGEND.search(stripped))
            and not _YEARISH.search(stripped))


#: What is known of the citation score of each text of the page being segmented (a block is
#: scored as a block, as a record and as an entry): [points so far, how many of ``_COSTLY_TESTS``
#: were run]. Emptied for every page.
_PAGE_SCORES: dict[str, list[int]] = {}


def citation_score_at_least(text: str, least: int) -> bool:
    """Whether a text looks enough like a reference: one point each for a year, a venue
    word, a list of names, eight words or more, and a quotation mark.

    The two costly tests (a venue word, names: several microseconds each on a citation)
    are run only while their points could change the answer, and what they found is kept.
    """
    known = _PAGE_SCORES.get(text)
    if known is None:
        cheap = (_YEARISH.search(text) is not None) + (len(text.split()) >= 8) + any(
            q in text for q in ('"', "“", "”", "``"))
        known = _PAGE_SCORES[text] = [cheap, 0]
    score, run = known
    while score < least and score + len(_COSTLY_TESTS) - run >= least:
        score += _COSTLY_TESTS[run](text)
        run += 1
        known[0], known[1] = score, run
    return score >= least


_COSTLY_TESTS = (_VENUE_WORDS.found, lambda text: _NAME_LIST.search(text) is not None)


#: A block that opens like a citation of its own: a short lead (its authors), then a quoted title
#: ("Marion Fourcade and Kieran Healy. “Seeing Like a Market.”", a working paper with no venue yet).
_QUOTED_AFTER_NAMES = Lazy(r"\A[^\n“\"]{3,160}?[.,:]\s*+[“\"][^”\"\n]{2,300}+[”\"]")


def _own_li(block: Block) -> int | None:
    for container in reversed(block.path):
        if container.tag == "li":
            return container.uid
    return None


def _group_items(blocks: tuple[Block, ...]) -> set[int]:
    """List items that only group nested items (``- 2024`` with papers below)."""
    own_text: dict[int, list[str]] = defaultdict(list)
    has_nested: set[int] = set()
    for block in blocks:
        lis = [c.uid for c in block.path if c.tag == "li"]
        if lis:
            own_text[lis[-1]].append(block.text)
            has_nested.update(lis[:-1])
    def groups_only(uid: int) -> bool:
        own = " ".join(own_text.get(uid, [])).strip()  # empty when its text was read as a heading
        return not own or (_GROUP_ITEM.match(own) is not None and len(own.split()) <= 6)

    return {uid for uid in has_nested if groups_only(uid)}


def _crowded(blocks: tuple[Block, ...]) -> set[int]:
    """Containers that hold two or more complete citations: wrappers of a list, never one entry."""
    citations: dict[int, int] = defaultdict(int)
    for block in blocks:
        if (block.word_count >= 10 and citation_score_at_least(block.text, 3)) or (
                block.word_count <= 80 and _QUOTED_AFTER_NAMES.match(block.text)):
            for container in block.path[:-1]:
                citations[container.uid] += 1
    return {uid for uid, count in citations.items() if count >= 2}


def _repeated_containers(blocks: tuple[Block, ...]) -> set[tuple[str, str]]:
    """(tag, class) of non-list containers that enclose more than one entry's worth."""
    uids: dict[tuple[str, str], set[int]] = defaultdict(set)
    for block in blocks:
        for container in block.path[:-1]:
            if container.tag in ("div", "article", "section", "dd", "blockquote", "td"):
                uids[(container.tag, container.css)].add(container.uid)
    return {sig for sig, found in uids.items() if len(found) >= 2}


def _record_boxes(blocks: tuple[Block, ...], repeated: set[tuple[str, str]]) -> set[int]:
    """Elements whose class says they hold one paper (``div.paper-box``): its title, authors,
    badge and summary bullets are one entry. A lone one that wraps a list of items is a
    wrapper of many papers instead (``<div class="publication"><ul>…``)."""
    wraps_items: set[int] = set()
    boxes: dict[int, Container] = {}
    for block in blocks:
        for depth, container in enumerate(block.path[:-1]):
            if container.css and _record_class(container.css):  # (no class, no record class: no call)
                boxes[container.uid] = container
                if any(c.tag == "li" for c in block.path[depth + 1:]):
                    wraps_items.add(container.uid)
    return {uid for uid, box in boxes.items() if (box.tag, box.css) in repeated or uid not in wraps_items}


def _record_lists(blocks: tuple[Block, ...]) -> set[int]:
    """Lists that hold one record, an item per field (``<ul class="pub">`` with a title
    item, an authors item, a venue item), repeated for every paper: short items, a few
    per list, and the same kind of list again and again."""
    items: dict[int, set[int]] = defaultdict(set)
    words: dict[int, int] = defaultdict(int)
    texts: dict[int, list[str]] = defaultdict(list)
    signature: dict[int, tuple[str, str]] = {}
    for block in blocks:
        path = block.path
        for depth in range(len(path) - 1):
            outer = path[depth]
            if outer.tag == "li":
                break  # what lies below a list item is its sub-bullets: they belong to the item
            if (outer.tag == "ul" or outer.tag == "ol") and path[depth + 1].tag == "li":
                items[outer.uid].add(path[depth + 1].uid)
                words[outer.uid] += block.word_count
                texts[outer.uid].append(block.text)
                signature[outer.uid] = (outer.tag, outer.css)
    repeats: dict[tuple[str, str], int] = defaultdict(int)
    for uid in items:
        repeats[signature[uid]] += 1
    shaped = [uid for uid, lis in items.items()
              if repeats[signature[uid]] >= 2 and 2 <= len(lis) <= 8 and words[uid] / len(lis) < 10]
    return {uid for uid in shaped if any(_only_names(text) for text in texts[uid])}


def _only_names(text: str) -> bool:
    """An item that is a list of names and nothing else (the authors field of a record)."""
    return len(text) < 400 and rx(r",|\band\b|&").search(text) is not None and author_list_score(text) >= 0.75


@functools.lru_cache(maxsize=4096)
def _record_class(css: str) -> bool:
    """Cached: a page repeats its few class names on every container."""
    return RECORD_CLASS.search(css) is not None


def _entry_key(block: Block, groups: set[int], repeated: set[tuple[str, str]], records: set[int],
               crowded: set[int]) -> int | None:
    """The element whose blocks form one entry: a list holding one record, else the
    outermost list item that does not only group others, else the innermost table row
    (a layout table may hold the whole page), else the innermost repeated container."""
    for container in block.path[:-1]:
        if container.uid in records:
            return container.uid  # a list, or a <div class="paper-box">, that holds one paper
    for container in block.path:
        if container.tag == "li" and container.uid not in groups:
            return container.uid
    for container in reversed(block.path):
        if container.tag == "tr":
            return container.uid
    if _whole_record(block):
        return None  # <div class="paper">Title<br>Authors<br>Venue</div>: the block is the entry
    for container in reversed(block.path[:-1]):
        if (container.tag, container.css) in repeated and container.uid not in crowded:
            return container.uid
    return None


def _whole_record(block: Block) -> bool:
    """A block that holds a citation on its own, over several lines (``<br>``)."""
    return (block.word_count >= 8 and any(s.text == BREAK and not s.style & Style.SOFT_BREAK for s in block.spans)
            and citation_score_at_least(block.text, 2))


def _join(blocks: list[Block]) -> tuple[Span, ...]:
    """The spans of an entry's blocks, a hard break between two blocks, except where a
    list runs on across them ("Peiyu Liu*, <div>Junming Liu*</div>, Lirong Fu")."""
    spans: list[Span] = []
    for block in blocks:
        if spans:
            runs_on = block.text.lstrip().startswith(",") or (
                spans[-1].text.rstrip().endswith(",") and looks_like_name(block.text.strip(" ,*†")))
            spans.append(Span(" " if runs_on else BREAK, Style.NONE, None, block.line_start))
        own = block.path[-1].css if block.path else ""  # <div class="authors">: a hint for the fields
        if own:
            spans.extend(s if s.css else Span(s.text, s.style, s.href, s.line, own) for s in block.spans)
        else:
            spans.extend(block.spans)
    return tuple(spans)


def _entries_of(section: Section, repeated: set[tuple[str, str]], records: set[int],
                crowded: set[int]) -> list[list[Block]]:
    groups = _group_items(section.blocks)
    entries: list[list[Block]] = []
    last_key: int | None = None
    under_title = False  # a heading that titles one entry takes the paragraphs below it
    for block in section.blocks:
        key = _entry_key(block, groups, repeated, records, crowded)
        if key is not None and key == last_key and entries:
            entries[-1].append(block)
        elif key is None and under_title and block.kind is BlockKind.TEXT:
            entries[-1].append(block)
        elif key is None and entries and block.kind is BlockKind.TEXT and _completes(entries[-1], block):
            entries[-1].append(block)
        else:
            entries.append([block])
            under_title = key is None and block.kind is BlockKind.HEADING
        last_key = key
    return entries


def _list_of_stray_sublist(block: Block) -> int | None:
    """The outer list of a list written straight inside another (``<ul><li>…</li><ul><li>…``, no ``<li>``
    between them), which browsers show as the sub-bullets of the item before it; None elsewhere."""
    path = block.path
    for i in range(len(path) - 1):
        if path[i].tag in ("ul", "ol") and path[i + 1].tag in ("ul", "ol"):
            return path[i].uid
    return None


def _completes(entry: list[Block], block: Block) -> bool:
    """A paragraph that finishes the entry above it: the entry names people but no year or
    venue, and the paragraph gives them without names ("Authors. *Title*." / "[ICML 2024](…)
    [[Paper](…)]"); or the entry is a bare title and the paragraph its authors and venue."""
    above = "\n".join(b.text for b in entry)
    if len(entry) > 3 or block.word_count > 60 or entry[-1].kind is not BlockKind.TEXT:
        return False
    above_names = _NAME_LIST.search(above) is not None
    above_dated = _YEARISH.search(above) is not None or _VENUE_WORDS.found(above)
    names = _NAME_LIST.search(block.text) is not None
    dated = _YEARISH.search(block.text) is not None or _VENUE_WORDS.found(block.text)
    if above_names and not above_dated:
        return dated and not names and block.word_count <= 15
    if (not above_names and not above_dated and 4 <= len(above.split()) <= 25 and not _SENTENCES.search(above)
            and len(entry) == 1 and not _hard_break(entry[0])):  # a bare title is one line: not a bar of links
        return names and dated and not _QUOTE_OR_TITLE.search(block.text)  # a bare title, then its citation
    return False


def _hard_break(block: Block) -> bool:
    """A ``<br>`` (not a source line's end) inside the block."""
    return any(s.text == BREAK and not s.style & Style.SOFT_BREAK for s in block.spans)


_QUOTE_OR_TITLE = Lazy(r"[\"“”]")
_SENTENCES = Lazy(r"[.!?]\s+\S")  # prose goes on after a full stop; a title does not


def _reason_to_skip(spans: tuple[Span, ...], text: str, relevance: Relevance, in_list: bool) -> str | None:
    """Why a candidate entry is not a publication, or None when it may be one."""
    words = text.split()
    if is_legend(text):
        return "a legend of author marks"
    if len(words) < 4:
        return "too short for a citation"
    linked = sum(len(s.text.strip()) for s in spans if s.href)
    labels = _link_labels(spans) if linked else []
    first_link = labels[0] if labels else ""  # the whole text of the first link, its source lines run together
    if linked >= 0.9 * len("".join(words)) and not _YEARISH.search(text):
        if len(first_link.split()) < 4:  # a title link first is a paper: "[Title](…) [(Thesis)](…)"
            return "links only"
        if all(_NAVIGATION.match(label) for label in labels):
            return "navigation links"  # "Return to top of page", "Back to the main page"
    if _reads_as_prose(text.split("\n", 1)[0]):  # an entry's first line: a paper box may hold its abstract
        return "reads as prose (an abstract or a description), not a citation"
    if (_REQUEST.search(text) or _POINTER.match(text)) and not _YEARISH.search(text):
        return "a note to the reader, not a citation"
    if _METRICS.search(text):
        return "citation metrics (h-index, citation counts), not a citation"
    if len(words) <= 25 and text.lstrip()[:1] in _COPYRIGHT_FIRST and _COPYRIGHT.match(text):
        return "a copyright line"
    # a point for a list item with a linked title, or a block whose first line is one ("**[Title](…)** \ names")
    head, _, tail = text.partition("\n")
    title_line = bool(tail.strip()) and head.strip(" *_") == first_link.strip() and _NAME_LIST.search(tail) is not None
    bonus = (in_list or title_line) and len(first_link.split()) >= 4
    if relevance is Relevance.LIKELY and not citation_score_at_least(text, 2 - bonus):
        return "does not look like a citation"
    if relevance is Relevance.MAYBE and not citation_score_at_least(text, 3 - bonus):
        return "no publication heading and does not look like a citation"
    if relevance is Relevance.IN and not citation_score_at_least(text, 1 - bonus):
        return "does not look like a citation"
    return None


#: A link that moves about the site: "Return to top of page", "Back to Home", "Go to the main resource page".
_NAVIGATION = Lazy(r"\A\W*+(?:(?:return|back|go|jump|skip|scroll)\s+to\b|(?:back\s+to\s+)?top(?:\s+of\s+(?:the\s+)?page)?\W*$)",
                   regex.I)


def _link_labels(spans: tuple[Span, ...]) -> list[str]:
    """The text of each link of an entry (a link's spans run together, line ends as spaces)."""
    labels: list[str] = []
    last = None
    for span in spans:
        if span.href is None or span.href != last:
            if span.href is not None and span.text.strip():
                labels.append(span.text)
        elif labels:
            labels[-1] += " " if span.text == BREAK else span.text
        last = span.href if span.text.strip() or span.text == BREAK else last
    return [" ".join(label.split()) for label in labels if label.strip()]


#: A pointer to the list elsewhere: academicpages' "You can also find my articles on my Google Scholar
#: profile.", "For a complete list, see my CV", "See my Google Scholar page for all papers".
_POINTER = Lazy(r"\A\W*+(?:you\s+(?:can|may|will)\s+(?:also\s+)?(?:find|see|view|browse|access)\b"
                r"|(?:please\s+)?(?:see|visit|check(?:\s+out)?)\s+(?:also\s+)?(?:my|our)\b"
                r"|(?:for\s+)?(?:a|the)\s+(?:complete|full|fuller|more\s+complete|up-to-date)\s+list\b"
                r"|to\s+(?:find|learn)\s+(?:out\s+)?more\b"  # "To find more about Stata statistical software, ..."
                r"|(?:please\s+)?(?:download|click)\s+(?:a|the|on|here|this|any)\b"  # "(download a PDF file and read ...)"
                r"|[^.]{0,120}?\bcan\s+(?:now\s+|also\s+)?be\s+(?:downloaded|viewed|found|read|accessed)\b)",
                regex.I)  # "These documents can be viewed using the Adobe Acrobat Reader", "... can be downloaded from ..."
_COPYRIGHT_FIRST = frozenset("©(cC")  # what follows the blanks a copyright line starts with (a cheap test first)
#: A request to the reader: "If there are broken links on these pages, please let me know."
_REQUEST = Needled(rx(r"\bplease\s+(?:let\s+(?:me|us)\s+know|contact|e-?mail|write\s+to)"
                                 r"|\b(?:e-?mail|contact)\s+me\b", regex.I), "please", "mail", "contact")
_COPYRIGHT = Lazy(r"\A\s*+(?:©|\(c\)|copyright\b)\W*(?:19|20)\d\d\b", regex.I)  # "(c) 2019 Name, University"
_METRICS = Needled(rx(r"\bh-index\s*:|\bi10-index\b|^\W*citations?\s*:\s*\d", regex.I),
                   "index", "citation")
_FIRST_PERSON = Lazy(r"^\s*+(?:\[[^\[\]\n]{1,40}\]\s*+)?\W*+(?:(?:I|My|Our)\s+(?:am|was|have|had|will|would|are|were|\w+ed)|(?:I|We)\s+\p{Ll}+)\b"
                     r"|^\W*(?:note|nb|n\.b\.)\s*:"
                     r"|^\W*(?:these (?:are|were|have)|this page|here are|below (?:are|is)|the following (?:are|is|lists?))\s",
                     regex.I)  # a note that introduces the list: "These are mostly preprint versions."


#: How a remark on the versions of the paper above starts: the titles and versions it went by.
_VERSIONS = (r"(?:previously|formerly|originally|also)\s+(?:circulated|titled|entitled|distributed|known)\b"
             r"|circulated\s+(?:as|under)\b"
             r"|(?:an?\s+)?(?:earlier|previous|older|prior|former)\s+(?:versions?|drafts?|titles?)\b")
VERSION_REMARK = Lazy(rf"\A\W*+(?:{_VERSIONS})", regex.I)
#: How a remark on the paper above starts: where it was presented, or :data:`VERSION_REMARK`.
_NOTE_OF_ENTRY = Lazy(rf"\A\W*+(?:(?:also\s+|previously\s+|earlier\s+)?presented\s+(?:at|in)\b|{_VERSIONS})", regex.I)


def _reads_as_prose(text: str) -> bool:
    """Many words, several sentences, few capitals: an abstract, not a reference; or a
    sentence about oneself ("I am a second author, and I have contributed ...")."""
    if _FIRST_PERSON.match(text):
        return True
    words = text.split()
    if len(words) < 45 or _YEARISH.search(text[:200]):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    sentences = len(rx(r"[a-z]{2}[.?!](?:\s|$)").findall(text))
    return sentences >= 2 and capitalised < 0.25 * len(words)


#: Elements inside which a ``<header>`` is a paper's own (its title), not the page's.
_RECORD_TAGS = frozenset({"article", "li", "section", "tr", "td", "dd", "blockquote", "table"})


def _in_page_header(block: Block) -> bool:
    """A block of the page's own ``<header>``: the site's banner, never inside a paper's element."""
    for index, container in enumerate(block.path):
        if container.tag == "header":
            return not any(c.tag in _RECORD_TAGS for c in block.path[:index])
    return False


_DATED_LINE = Lazy(r"^\s*\(?(?:19|20)\d\d\)?[\s,.:–-]")
#: A line led by a bullet typed as text or by a code ("- P6: ...", "• ...", "J3. ...", "[C5] ...").
_LABELLED_LINE = Lazy(r"^\s*(?:[-–•·▪]\s+|(?:[-–•·▪]\s*)?(?:\[[A-Z]{1,3}\s?\d{1,3}\]|[A-Z]{1,3}\s?\d{1,3}[:.)])\s)")


def _split_dated_lines(spans: tuple[Span, ...]) -> list[tuple[Span, ...]]:
    """One paragraph that lists several papers, a line each, every line led by its year
    ("(2021) FGCS, Journal - Title<br>(2020) ICBTA, Conference - Title"), or from its first
    line on by a bullet or a code typed as text ("**- P6:** ''Title'' --- Venue<br>"): one entry a line."""
    cuts = [i for i, s in enumerate(spans) if s.text == BREAK and not s.style & Style.SOFT_BREAK]
    if not cuts:
        return [spans]  # one line
    lines = [spans[start + 1:end] for start, end in zip([-1, *cuts], [*cuts, len(spans)])]
    texts = ["".join([s.text for s in line]) for line in lines]
    dated = [i for i, text in enumerate(texts) if _DATED_LINE.match(text) and len(text.split()) >= 5]
    if len(dated) < 2:
        dated = [i for i, text in enumerate(texts) if _LABELLED_LINE.match(text) and len(text.split()) >= 5]
        if len(dated) < 2 or dated[0] != next(i for i, text in enumerate(texts) if text.strip()):
            return [spans]
    parts: list[list[Span]] = [[]]
    for i, line in enumerate(lines):
        if i in dated and parts[-1]:
            parts.append([])
        elif parts[-1] and line:  # an undated line belongs to the dated line above it
            parts[-1].append(Span(BREAK, Style.NONE, None, line[0].line))
        parts[-1].extend(line)
    return [tuple(part) for part in parts if part]


def _split_blank_lines(spans: tuple[Span, ...]) -> list[tuple[Span, ...]]:
    """One paragraph that holds several citations, a blank line between two (``<br><br>``
    in one ``<p>``): one entry each, when every part reads as a citation and most as a
    complete one (a single author's paper has no list of names)."""
    if sum(1 for s in spans if s.text == BREAK and not s.style & Style.SOFT_BREAK) < 2:
        return [spans]  # no blank line (the walk below would find one part)
    parts: list[list[Span]] = [[]]
    breaks = 0
    for span in spans:
        if span.text == BREAK:
            breaks += not span.style & Style.SOFT_BREAK
            if breaks < 2:
                parts[-1].append(span)
            continue
        if not span.text.strip():
            parts[-1].append(span)
            continue
        if breaks >= 2 and parts[-1]:
            parts.append([])
        breaks = 0
        parts[-1].append(span)
    if len(parts) < 2:
        return [spans]
    texts = ["".join([s.text for s in part]) for part in parts]
    if not all(len(text.split()) >= 6 and citation_score_at_least(text, 2) for text in texts):
        return [spans]  # a part that does not read as a citation
    if 2 * sum(citation_score_at_least(text, 3) for text in texts) < len(texts):
        return [spans]  # most parts not complete citations
    return [tuple(part) for part in parts]


def _own_list(block: Block) -> int | None:
    """The innermost list (``ul``/``ol``) a block sits in."""
    for container in reversed(block.path):
        if container.tag in ("ul", "ol"):
            return container.uid
    return None


def _cited_lists(candidates: list[tuple[tuple[Span, ...], str, Relevance, Block]]) -> set[int]:
    """Lists under no publication heading whose items mostly (and at least three of them) read as
    citations on their own: a publication list, so that an item with fewer signs of one
    ("Kevin M. Dean and Reto Fiolka. Title. *Sci. Rep.* 2017") is judged as under a heading."""
    items: dict[int, int] = defaultdict(int)
    cited: dict[int, int] = defaultdict(int)
    for spans, text, relevance, first in candidates:
        uid = _own_list(first) if relevance is Relevance.MAYBE else None
        if uid is not None:
            items[uid] += 1
            cited[uid] += _reason_to_skip(spans, text, relevance, first.list_depth > 0) is None
    return {uid for uid, count in items.items() if cited[uid] >= 3 and 2 * cited[uid] > count}


#: A BibTeX record, ``@article{key,`` (or ``@inbook(key,``), opening a block; or a Markdown code
#: fence left as text that opens one (a fence inside an HTML block that runs on, as in kramdown).
_BIBTEX_RECORD = Lazy(r"\A\s*(?P<fence>(?:```|~~~)[\w-]{0,20}\s*)?@[A-Za-z]{2,20}\s*[{(]\s*[^\s,{}()]*\s*,")


def _is_bibtex_code(block: Block) -> bool:
    """A code block (``<pre>``, a fenced block in Markdown) that holds a BibTeX record: beside an
    entry it is that entry's "BibTeX" (often in a ``<details>``), not another publication."""
    if "@" not in block.text[:40]:
        return False
    match = _BIBTEX_RECORD.match(block.text)
    return match is not None and (match.group("fence") is not None or any(c.tag == "pre" for c in block.path))


def segment(document: Document) -> Segmentation:
    """Sections, then entries, of a page."""
    _PAGE_SCORES.clear()
    sections = split_sections(document)
    repeated = _repeated_containers(document.blocks)  # page-wide: a year with one paper still uses the layout
    records = _record_lists(document.blocks) | _record_boxes(document.blocks, repeated)
    crowded = _crowded(document.blocks)
    entries: list[RawEntry] = []
    skipped: list[Skipped] = []
    legend: dict[str, str] = {}
    for block in document.blocks:
        if is_legend(block.text):
            legend.update(read_legend(block.text))
    for section in sections:
        if section.relevance is Relevance.OUT:
            for block in section.blocks:
                skipped.append(Skipped(block.text, block.line_start, block.line_end,
                                       f"section {section.title!r} is not a publication list"))
            continue
        candidates: list[tuple[tuple[Span, ...], str, Relevance, Block]] = []
        entry_above = False  # a BibTeX record in a code block under an entry is that entry's export
        for blocks in _entries_of(section, repeated, records, crowded):
            if entry_above and any(_is_bibtex_code(b) for b in blocks):
                for block in blocks:
                    if _is_bibtex_code(block):
                        skipped.append(Skipped(block.text, block.line_start, block.line_end,
                                               "the BibTeX record of the entry above"))
                blocks = [b for b in blocks if not _is_bibtex_code(b)]
                if not blocks:
                    continue
            entry_above = entry_above or not all(_is_bibtex_code(b) for b in blocks)
            # the page's <header> (name, affiliation, contact) only holds what plainly cites a paper
            relevance: Relevance = Relevance.MAYBE if _in_page_header(blocks[0]) else section.relevance
            for spans in (part for whole in _split_blank_lines(_join(blocks)) for part in _split_dated_lines(whole)):
                candidates.append((spans, "".join([s.text for s in spans]), relevance, blocks[0]))
        cited_lists = _cited_lists(candidates)
        kept_in: tuple[int, ...] = ()  # the lists that hold the last entry kept
        for spans, text, relevance, first in candidates:
            lines = [s.line for s in spans]
            start, end = min(lines), max(lines)
            if relevance is Relevance.MAYBE and _own_list(first) in cited_lists:
                relevance = Relevance.LIKELY  # an item of a list whose other items plainly cite papers
            if entries and entries[-1].section is section and _NOTE_OF_ENTRY.match(text):
                # "Presented at …", "Previously circulated as …": a remark on the paper above, in a
                # paragraph or line of its own
                above = entries[-1]
                entries[-1] = RawEntry((*above.spans, Span(BREAK, Style.NONE, None, start), *spans),
                                       above.line_start, max(above.line_end, end), section, above.index)
                continue
            reason = _reason_to_skip(spans, text, relevance, first.list_depth > 0)
            outer = _list_of_stray_sublist(first)
            if (not reason and outer is not None and outer in kept_in and _own_list(first) not in kept_in
                    and not citation_score_at_least(text, 4)):
                # <ul><li>Paper (2020). Venue.</li><ul><li>This paper argues ...</li></ul>: what a browser shows
                # as the sub-bullets of the paper above (its summary, a remark), no citation of its own; but an
                # item after a kept citation of the same sublist is its sibling (a second list left inside the
                # first one's unclosed <ul>, under a heading of its own)
                reason = "a note under the entry above, not a citation"
            if not reason:
                kept_in = tuple(c.uid for c in first.path if c.tag in ("ul", "ol"))
            if reason:
                skipped.append(Skipped(text, start, end, reason))
                continue
            entries.append(RawEntry(spans, start, end, section, len(entries)))
    return Segmentation(tuple(entries), Legend(legend), tuple(skipped), tuple(sections))
