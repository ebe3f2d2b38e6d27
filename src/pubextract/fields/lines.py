"""An entry's lines: spans cut into lines, label links taken out, the leading tag, emphasis runs and sentences."""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import cast

import regex

from .. import venues
from .._rx import AsciiTwin, Lazy, rx
from ..document import BREAK, FIELD_LABELS, Span, Style
from ..models import Link
from .values import _STATUS_ACCEPTED, _STATUS_UNDER_REVIEW, _STATUS_UNKNOWN, _YEAR


EMPHASIS = Style.BOLD | Style.ITALIC | Style.UNDERLINE | Style.HEADING

_LINK_LABEL = Lazy(
    r"^\W*(?:(?:current|latest|updated|newest|new|recent|earlier|older|old)\s+)?"  # "[current draft]", "[latest version]"
    r"(?:pdf|paper|code|github|slides?|video|talk|poster|arxiv|abs|abstract|bib|bibtex|cite|repo|repository|repec|"
    r"project(?: page)?|website|web|html|doi|data(?:sets?)?|demo|blog|supp(?:lementary|\.)?(?: material)?|"
    r"appendix|appendices|preprint|ungated|pre-?print|draft|working paper|"
    r"(?:(?:submitted|accepted|published|author'?s'?|final|pre-?print|post-?print|archived?|open[- ]access|free)\s+)?(?:manuscript|version|copy)|openreview|proceedings|link|url|page|publisher|journal|"
    r"replication(?: files| package)?|media|press|news|recording|youtube|colab|notebook|model|"
    r"huggingface|hf|full text|open access|ssrn|researchgate|springer|ieee|acm|dl|pubmed|"
    r"[\w ]{0,20}link|talk video|presentation|\d+ citations?|online|download|preview|review|access|read|view|"
    r"here|free|epub|twitter|x|"
    r"[\w ]{0,20}regist(?:ry|ration)|pre-?registration|"  # "[AEA RCT Registry]": the trial's record, beside the paper
    r"(?:www\.)?[a-z][\w-]{1,40}\.(?:fr|de|org|com|net|edu|io|gov|eu|ac\.uk)|"  # a bare site name, "[theses.fr]"
    # "Download pre-publication draft", "Download post-publication update", "Read the full text"
    r"(?:download|read|view|get)(?:\s+(?:the|a|an|my|our|this|free|full|final|latest|published|accepted|"
    r"submitted|author'?s'?|pre-?publication|post-?publication|pre-?print|post-?print|pdf|paper|article|text|"
    r"draft|preprint|manuscript|version|copy|update|file|here|online|\(pdf\))){1,4})\W*$",
    regex.I)
_TAG = Lazy(r"^\s*\[([^\[\]]{1,40})\]\s*")

#: A source line ending like this goes on in the next line (a wrapped list or sentence).
_CONTINUING_MARKS = ",;&([/-"
_CONTINUING_WORDS = ("and", "with", "of", "the", "in", "on", "for", "to", "at", "by", "a", "an")
_CONTINUES = Lazy(rf"(?:[{regex.escape(_CONTINUING_MARKS)}]|\b(?:{'|'.join(_CONTINUING_WORDS)}))\s*$",
                  regex.I)
_CONTINUES_TAIL = 1 + max(map(len, _CONTINUING_WORDS))
#: ASCII word characters (``\w``), to strip with ``str.strip``.
_ASCII_WORD = "".join(c for c in map(chr, range(128)) if c.isalnum() or c == "_")


def _continues(before: str) -> bool:
    """:data:`_CONTINUES` found in ``before`` (stripped, not empty), without the regex on ASCII text.

    The pattern ends the text with a separator or with one of the words after a boundary, so
    the last characters decide (one more than the longest word); on ASCII those are the last
    character, or the run of word characters that ends the text (a longer run holds no boundary)."""
    tail = before[-_CONTINUES_TAIL:]
    if not tail.isascii():
        return _CONTINUES.search(tail) is not None
    if tail[-1] in _CONTINUING_MARKS:
        return True
    lowered = tail.lower()
    return lowered[len(lowered.rstrip(_ASCII_WORD)):] in _CONTINUING_WORDS


#: :data:`_LINK_LABEL` through the stdlib on ASCII text (about twice as fast there).
_LINK_LABEL_TWIN = AsciiTwin(_LINK_LABEL)


@dataclass(slots=True)
class Line:
    """One line of an entry: its text, a style per character, links in it, and the role its
    element's class names give it ("title", "authors", "venue", or "")."""

    text: str
    styles: list[int]
    hrefs: list[str | None]
    line: int
    role: str = ""
    #: :func:`_runs` of this line, by ``nested`` (lines are never changed, so they are read once).
    runs: dict[bool, list[tuple[int, int, int, str | None]]] | None = field(default=None, compare=False, repr=False)

    def slice(self, start: int, end: int) -> Line:
        return Line(self.text[start:end], self.styles[start:end], self.hrefs[start:end], self.line, self.role)

    def strip(self) -> Line:
        text = self.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        if start == 0 and end == len(text):
            return self  # nothing to strip (lines are never changed, so one can be shared)
        return self.slice(start, end) if end > start else Line("", [], [], self.line, self.role)


def _lines(spans: tuple[Span, ...]) -> list[Line]:
    """Cut an entry's spans into lines.

    A hard break always ends a line. A soft break (a newline only the source
    shows) ends one unless it only wraps: inside one emphasis or link, or after
    a comma, "and" or an opening bracket.
    """
    lines: list[Line] = []
    text: list[str] = []
    styles: list[int] = []
    hrefs: list[str | None] = []
    start_line = spans[0].line if spans else 1
    role = ""
    for index, span in enumerate(spans):
        piece = span.text
        if piece == BREAK:
            if span.style & Style.SOFT_BREAK and text and _wraps(span, "".join(text[-3:]).rstrip(), spans, index):
                text.append(" ")
                styles.append(span.style & ~Style.SOFT_BREAK)
                hrefs.append(span.href)
                continue
            lines.append(Line("".join(text), styles, hrefs, start_line, role))
            text, styles, hrefs, start_line, role = [], [], [], span.line, ""
            continue
        if not text and piece.strip():
            role = _role(span.css)
        text.append(piece)
        size = len(piece)
        styles += [span.style] * size
        hrefs += [span.href] * size
    lines.append(Line("".join(text), styles, hrefs, start_line, role))
    return [_labelled(line.strip()) for line in lines if line.text.strip()]


#: A line that says which field it holds ("Venue: Physical Review D", "Authors: A. Zur, Z. Ying", "Notes: …"),
#: as a CV written for parsers or a generated list puts it: the label gives the role, the rest is the field.
_FIELD_LABEL = Lazy(r"^(?:" + "|".join(f"(?P<{role}>{words})" for role, words in FIELD_LABELS.items())
                    + r")\s*:\s*(?=\S)", regex.I)


def _labelled(line: Line) -> Line:
    """The line without its field label, with the label's role (a class name's role stands)."""
    label = _FIELD_LABEL.match(line.text)
    if label is None:
        return line
    rest = line.slice(label.end(), len(line.text))
    return Line(rest.text, rest.styles, rest.hrefs, rest.line, line.role or cast(str, label.lastgroup))


_ROLES = (
    ("title", Lazy(r"(?:^|[\s_-])(?:paper|pub|publication|article|entry|bib)?[-_]?title(?:$|[\s_-])", regex.I)),
    ("authors", Lazy(r"(?:^|[\s_-])(?:authors?|author-?list|author-?name|creators?)(?:$|[\s_-])", regex.I)),
    ("venue", Lazy(r"(?:^|[\s_-])(?:venue|journal|periodical|booktitle|container|conference|pubinfo)(?:$|[\s_-])",
                   regex.I)),
)
_NOT_A_ROLE = Lazy(r"year|section|page|site|sub-?title|header|nav", regex.I)


def _role(css: str) -> str:
    """What a page's class names say a line is: ``div.paper-title`` titles, ``div.authors``..."""
    if not css or _NOT_A_ROLE.search(css):
        return ""
    return next((role for role, pattern in _ROLES if pattern.search(css)), "")


def _wraps(soft_break: Span, before: str, spans: tuple[Span, ...], index: int) -> bool:
    if not before:
        return False
    if soft_break.style & EMPHASIS or soft_break.href is not None or _continues(before):
        return True
    # "... Atomic Swaps / for Blockchain-based ...": a line starting in lower case goes on the sentence
    after = ""
    for span in spans[index + 1:index + 3]:
        if span.text != BREAK and span.text.strip():
            after = span.text
            break
    if _NAME_TAIL.search(before) and _INITIALS_GO_ON.match(after):
        return True  # "Meyer KM, Klein A, Meredith / LK, Brndholt A": a name's initials wrapped to the next line
    if _ENDS_SENTENCE.search(before):
        return False
    return _GOES_ON.match(after) is not None or _in_no_venue(after)


#: "in" and a capital opening a line: a venue ("in Proc. ...", "in Nature") or a place in a title.
_IN_CAPITAL = Lazy(r"^\s*+in\s++(?=\p{Lu})")


def _in_no_venue(after: str) -> bool:
    """A plain line that opens with "in" and a capitalised phrase naming no venue goes on the
    sentence above: "Impact of the 1985 phytoplankton bloom / in Long Island's coastal bays."."""
    opening = _IN_CAPITAL.match(after)
    if opening is None:
        return False
    phrase = after[opening.end():].split(". ", 1)[0].strip(" .,;:")
    return bool(phrase) and not venues.looks_like_venue(phrase)


#: ("in" opens a venue, "in *Proc. …*", "In: Journal", "in press", but not "in presence of …")
_GOES_ON = Lazy(r"^\s*+(?!(?:in(?=\s*+(?:\p{Lu}|[:\d(\[*_]|press\b|review\b|prep|submission\b|$))|to\s+appear|accepted|"
                r"submitted|under|preprint|arxiv|appeared|published)\b)\p{Ll}")
#: A family name ends the line, its initials open the next ("LK, Brndholt A", "SD, and Kaye JP").
_NAME_TAIL = Lazy(r"(?:^|[,;]\s*+|\s)\p{Lu}\p{Ll}[\p{L}'-]*+$")
_INITIALS_GO_ON = Lazy(r"^\s*+\p{Lu}{1,3}\s*+(?:[,;]|$)")
_ENDS_SENTENCE = Lazy(r"[.?!:;]$")


def _href_runs(hrefs: list[str | None]) -> list[tuple[int, int, str | None]]:
    """(start, end, href) of the stretches of one link target (or of none) in a line."""
    out = []
    pos = 0
    for href, group in itertools.groupby(hrefs):
        end = pos + len(list(group))
        out.append((pos, end, href))
        pos = end
    return out


def _cut(line: Line, keep: list[tuple[int, int]]) -> Line:
    """The line with only the character ranges ``keep`` (in order) left."""
    text, styles, hrefs = line.text, line.styles, line.hrefs
    kept_styles: list[int] = []
    kept_hrefs: list[str | None] = []
    for a, b in keep:
        kept_styles += styles[a:b]
        kept_hrefs += hrefs[a:b]
    return Line("".join(text[a:b] for a, b in keep), kept_styles, kept_hrefs, line.line, line.role)


def _take_links(lines: list[Line]) -> tuple[list[Line], list[Link], list[str]]:
    """Remove label links (``[PDF]``, ``Code``) from the lines; keep every URL seen."""
    links: list[Link] = []
    urls: list[str] = []
    out: list[Line] = []
    for line in lines:
        related = _RELATED.match(line.text) if ":" in line.text else None
        if related and related.end() < len(line.text):
            hrefs = {h for c, h in zip(line.text[related.end():], line.hrefs[related.end():]) if not c.isspace()}
            if len(hrefs) == 1 and None not in hrefs:  # "US Patent: <a>Serverless computing …</a>"
                url = cast(str, hrefs.pop())
                links.append(Link(label=related.group(1), url=url))
                if url not in urls:
                    urls.append(url)
                continue
        keep: list[tuple[int, int]] = []
        if line.hrefs.count(None) == len(line.hrefs):
            keep.append((0, len(line.text)))
        else:
            for i, j, href in _href_runs(line.hrefs):
                if href is not None:
                    label = line.text[i:j].strip()
                    if href not in urls:
                        urls.append(href)
                    if (_LINK_LABEL_TWIN.search(label) or (len(label) <= 3 and not label.isdigit())
                            or line.styles[i] & Style.ICON):
                        links.append(Link(label=label.strip("[]() ") or "link", url=href))
                        continue
                keep.append((i, j))
        cleaned = line if keep == [(0, len(line.text))] else _cut(line, keep)
        stripped = cleaned.text.strip()
        if _LINK_RESIDUE.fullmatch(cleaned.text) or (_LINK_LABEL_TWIN.search(stripped) and (
                any(line.hrefs) or (line.role != "venue" and venues.default_table().find(stripped) is None))):
            # a line of links only (a bare "Arxiv" line that links nothing names the venue, and so
            # does a "Venue: Preprint" line: the page says it is the venue)
            continue
        # tidy brackets and separators left behind by removed links
        out.append(_strip_link_debris(cleaned))
    return [line for line in out if line.text], links, urls


#: A line that points at material beside the paper, all of it one link after the label:
#: "Artifact: <a>https://github.com/…</a>", "US Patent: <a>Serverless computing …</a>".
_RELATED = Lazy(r"^\s*((?:u\.?s\.? )?patent|artifacts?|artefacts?|project(?: page)?|code(?:/data)?|data(?:set)?|"
                r"software|repository|repo|github|slides|video|poster|demo|website)\s*:\s*", regex.I)
_LINK_RESIDUE = Lazy(r"[\[\]()|,;/\s-]*")  # all of a line that holds only what links leave
# Starts only where a whitespace run starts, possessive runs, bounded repeats: linear on hostile lines.
_DEBRIS = Lazy(r"(?<!\s)(?:(?:\s*+[\[(]\s*+[\])]){1,20}|\s*+(?:[|,;/]\s*+){1,20}$"
               r"|(?:\s*+[\[(]\s*+[|,;/-]*+\s*+[\])]){1,20})")
#: What every bracketed form of :data:`_DEBRIS` holds (the stdlib's ``\s`` takes more, never less).
_DEBRIS_HINT = re.compile(r"[\[(][\s|,;/-]*[\])]")


def _strip_link_debris(line: Line) -> Line:
    text = line.text
    if text.rstrip()[-1:] not in ("|", ",", ";", "/") and not _DEBRIS_HINT.search(text):
        return line.strip()  # _DEBRIS needs brackets around nothing but separators, or one at the end
    keep = []
    pos = 0
    for match in _DEBRIS.finditer(line.text):
        keep.append((pos, match.start()))
        pos = match.end()
    if not keep:
        return line.strip()
    keep.append((pos, len(line.text)))
    return _cut(line, keep).strip()


def _stretches(line: Line) -> list[tuple[int, int, int, str | None]]:
    """(start, end, emphasis, href) of the stretches of one emphasis and one link target in a line."""
    styles, hrefs = line.styles, line.hrefs
    if not styles:
        return []
    if styles.count(styles[0]) == len(styles) and hrefs.count(hrefs[0]) == len(hrefs):
        return [(0, len(styles), styles[0] & EMPHASIS, hrefs[0])]  # one style and link throughout
    groups = []
    pos = 0
    for (style, href), group in itertools.groupby(zip([s & EMPHASIS for s in styles], hrefs)):
        end = pos + len(list(group))
        groups.append((pos, end, style, href))
        pos = end
    return groups


def _runs(line: Line, nested: bool = True) -> list[tuple[int, int, int, str | None]]:
    """Maximal runs of one emphasis or link inside a line: (start, end, style, href).

    With ``nested`` a run goes on through emphasis nested in it (**Expansion with a
    *Constant* Number**), and a plain link through the emphasis of its own text ("[When
    silence gets in the way: extraction from *do*-ellipsis](…)"); without, each change of
    emphasis starts a new run.
    """
    # Worked on stretches of one emphasis and link (every character of one passes or fails
    # alike) rather than per character; only a failing stretch's leading spaces are looked at.
    if line.runs is None:
        line.runs = {}
    elif nested in line.runs:
        return line.runs[nested]
    text = line.text
    groups = _stretches(line)
    runs = []
    g = 0
    start = 0
    while g < len(groups):
        _, end, style, href = groups[g]
        h = g + 1
        while h < len(groups):
            other_start, other_end, other_style, other_href = groups[h]
            if other_href != href:
                break
            if ((other_style & style if nested else other_style == style) if style
                    else not other_style or (nested and href is not None)):
                end = other_end
                h += 1
                continue
            k = other_start
            while k < other_end and text[k].isspace():
                k += 1
            end = k
            if k < other_end:
                break
            h += 1
        if style or href:
            runs.append((start, end, style, href))
        g, start = h, end  # the next run starts where this one stopped, maybe inside stretch h
    line.runs[nested] = runs
    return runs


@dataclass(slots=True)
class _Found:
    title: str | None = None
    title_line: int | None = None
    title_span: tuple[int, int] | None = None
    rule: str = "none"


@functools.cache
def _sentence_end() -> regex.Pattern[str]:
    """A full stop that ends a sentence: not after an initial ("J. R.") nor after an
    abbreviation from ``data/abbreviations.toml`` ("Phys. Rev."), and followed by what
    can start one (a capital, a digit, a quote, a bracket, or a word like "arXiv").
    The reference for :func:`_split_sentences`, which runs it without the abbreviations."""
    words = "|".join(sorted(map(regex.escape, venues.abbreviations()), key=lambda word: (-len(word), word)))
    return rx(
        rf"(?<!\b\p{{Lu}})(?<!\b(?i:{words}))[.?!]\s+(?=[\p{{Lu}}\d\"“‘'(\[]|\p{{Ll}}+\p{{Lu}})")


#: :func:`_sentence_end` without its lookbehind of ~200 abbreviations, which the ``regex`` module
#: tries one by one at every full stop (four fifths of the search's cost): a match of the whole
#: pattern is a match of this one that no abbreviation ends before (:func:`_abbreviation_before`).
_SENTENCE_END_CANDIDATE = Lazy(r"(?<!\b\p{Lu})[.?!]\s+(?=[\p{Lu}\d\"“‘'(\[]|\p{Ll}+\p{Lu})")
_ABBREVIATION_CHARS = frozenset(_ASCII_WORD + "'")


@functools.cache
def _abbreviation_words() -> frozenset[str] | None:
    """The abbreviations lowered, or None when one is not ASCII word characters and apostrophes
    that starts with a word character (then :func:`_abbreviation_before` asks the pattern)."""
    words = frozenset(w.lower() for w in venues.abbreviations())
    plain = all(w and w[0] in _ASCII_WORD and _ABBREVIATION_CHARS.issuperset(w) for w in words)
    return words if plain else None


@functools.cache
def _abbreviation_at_end() -> regex.Pattern[str]:
    words = "|".join(sorted(map(regex.escape, venues.abbreviations()), key=lambda word: (-len(word), word)))
    return rx(rf"(?r)\b(?i:{words})\Z")


def _abbreviation_before(text: str, end: int) -> bool:
    """``(?<=\\b(?i:ABBREVIATIONS))`` at ``end``: an abbreviation ends there and starts at a word
    boundary. The abbreviations are ASCII words (``int'l``), so in the run of ASCII word characters
    and apostrophes before ``end`` it can only be the whole run or what follows an apostrophe in
    it: a set look-up or two. Where the run follows a non-ASCII character (a word character? a case
    variant such as the Kelvin sign?) or the abbreviations are of another shape, the pattern answers."""
    words = _abbreviation_words()
    start = end
    while start > 0 and text[start - 1] in _ABBREVIATION_CHARS:
        start -= 1
    if words is None or (start > 0 and not text[start - 1].isascii()):
        return _abbreviation_at_end().search(text, 0, end) is not None
    run = text[start:end].lower()
    if run in words:
        return True
    quote = run.find("'")
    while quote >= 0:
        if run[quote + 1:] in words:
            return True
        quote = run.find("'", quote + 1)
    return False


def _split_sentences(text: str) -> list[tuple[int, int]]:
    if "." not in text and "?" not in text and "!" not in text:
        return [(0, len(text))] if text.strip() else []  # no sentence ends
    spans = []
    pos = 0
    # a rejected candidate took only its mark and the spaces after it, where no other can start:
    # the matches kept are those of _sentence_end()
    for match in _SENTENCE_END_CANDIDATE.finditer(text):
        if _abbreviation_before(text, match.start()):
            continue
        spans.append((pos, match.start() + 1))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


@dataclass(slots=True)
class _Lead:
    """What stands before an entry's text: a venue tag, the URLs it links to, a year."""

    tag: str | None = None
    urls: list[str] = field(default_factory=list)
    year: int | None = None


def _take_lead(lines: list[Line]) -> tuple[_Lead, list[Line]]:
    """A leading ``[OSDI'24]`` (possibly a link) or code span is the venue tag; ``[12]``, ``3.`` are
    numbering; ``2011,`` is the year of a CV's dated list. Returns them and the lines without them.
    """
    if not lines:
        return _Lead(), lines
    first = lines[0]
    match = _TAG.match(first.text)
    tag = None
    urls: list[str] = []
    bracket_year = None
    if match:
        urls = list(dict.fromkeys(h for h in first.hrefs[:match.end()] if h))
        inner = match.group(1).strip()
        if not rx(r"[\dA-Za-z]?\d{0,3}|[ivxlc]+", regex.I).fullmatch(inner) and rx(r"\p{L}").search(inner):
            tag = inner
        elif _YEAR.fullmatch(inner):
            bracket_year = int(inner)  # "1. [2025] Title": the list's year column, not a reference number
        first = first.slice(match.end(), len(first.text)).strip()
    elif first.styles and first.styles[0] & Style.CODE:  # ``JCI Insight`` [Title](…), names, 2024.
        end = next((i for i, style in enumerate(first.styles) if not style & Style.CODE), len(first.styles))
        inner = first.text[:end].strip()
        if end < len(first.text) and first.text[end:].strip() and rx(r"\p{L}").search(inner) and not (
                _STATUS_UNDER_REVIEW.search(inner) or _STATUS_ACCEPTED.search(inner) or _STATUS_UNKNOWN.search(inner)):
            tag = inner
            first = first.slice(end, len(first.text)).strip()
    # a code typed after a bullet or before a quote ("- P6:", "J3: ''Title''"), not a title's "ZO2:"
    numbering = rx(r"^\s*(?:[•·▪●◦-]\s*[A-Z]{1,3}\d{1,3}[:.)]|[A-Z]{1,3}\d{1,3}[:.)](?=\s*['\"“‘`])|\(?\d{1,3}[.)]|\d{1,3}\s*[-–]|[•·▪●◦-]|\(?(?:19|20)\d\d\)?[,.:]|"
                            r"(?:19|20)\d\d\s*[-–|]|\d{1,3}(?=\s+\p{Lu}\p{Ll}))\s+").match(first.text)
    lead_year = bracket_year
    if numbering:
        year = _YEAR.search(numbering.group(0))
        lead_year = int(year.group(1)) if year else bracket_year
        first = first.slice(numbering.end(), len(first.text))
    rest = ([first] if first.text else []) + lines[1:]
    return _Lead(tag, urls, lead_year), rest
