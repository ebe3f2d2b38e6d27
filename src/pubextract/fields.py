"""Fields: one raw entry in, one :class:`~pubextract.models.Publication` out.

The entry's spans are first cut into *lines* (hard breaks always; a soft break
only where the line before it ends a sentence or a bracket), link labels like
``[PDF]`` are taken out as links, and a leading tag like ``[OSDI'24]`` is read
as the venue. Then the title is found by the strongest signal present, in
this order: quotes, emphasis or a long link text (that is not a list of
names), a line of its own, the sentence after the authors in a one-line
citation. The authors are the most name-like line (or the text before the
title), and the venue is what is left, with years, statuses and notes taken
out. Every choice is recorded as a :class:`~pubextract.models.Decision`.
"""
from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from urllib.parse import unquote

import regex

from . import venues
from ._rx import rx
from .authors import (
    NAME_SIZED,
    ParsedAuthor,
    author_list_score,
    looks_like_name,
    split_author_list,
    split_name,
)
from .document import Span, Style
from .entries import RawEntry
from .models import (
    Author,
    Decision,
    Details,
    Ids,
    Kind,
    Link,
    Publication,
    Source,
    Status,
    Venue,
)

EMPHASIS = Style.BOLD | Style.ITALIC | Style.UNDERLINE | Style.HEADING

_LINK_LABEL = regex.compile(
    r"^\W*(?:pdf|paper|code|github|slides?|video|talk|poster|arxiv|abs|abstract|bib|bibtex|cite|"
    r"project(?: page)?|website|web|html|doi|data(?:set)?|demo|blog|supp(?:lementary|\.)?(?: material)?|"
    r"appendix|preprint|ungated|pre-?print|draft|manuscript|working paper|openreview|proceedings|link|url|page|publisher|journal|"
    r"replication(?: files| package)?|media|press|news|recording|youtube|colab|notebook|model|"
    r"huggingface|hf|full text|open access|ssrn|researchgate|springer|ieee|acm|dl|pubmed|"
    r"[\w ]{0,20}link|talk video|presentation|\d+ citations?|online|download|preview|review|access|read|view|"
    r"here|free|epub|twitter|x)\W*$",
    regex.I)
_TAG = regex.compile(r"^\s*\[([^\[\]]{1,40})\]\s*")
_QUOTED = regex.compile(r"“([^”\"]{4,400})[”\"]|\"([^\"\n]{4,400})\"|``(.{4,400}?)''|‘‘(.{4,400}?)’’|„(.{4,400}?)“"
                        r"|(?<![\p{L}\d])”([^”“\"\n]{4,400})”"  # two closing quotes, as a keyboard macro types them
                        r"|(?<![\p{L}\d])[‘']([^'‘’\n]{8,400}?)[’'](?=\s*(?:[,.;:]|$))")
#: A year, not a page ("1942-1954"), a date part ("3/2019") or an arXiv id ("2009.05014"); "SIGIR-2022" counts.
_YEAR = regex.compile(r"(?<![\d/.])(?<!\d-)((?:19[5-9]|20[0-4])\d)(?![\d]|\.\d{4,5})")
_MONTH_YEAR = regex.compile(r"(?<![\d/])(?:0?[1-9]|1[0-2])/((?:19|20)\d\d)(?!\d)")
_TAG_YEAR = regex.compile(r"['’‘](\d\d)\b")
_ARXIV_ID = regex.compile(r"(?:arxiv[:\s/]*|arxiv\.org/(?:abs|pdf)/)(\d{4}\.\d{4,5})(?:v\d+)?", regex.I)
_ARXIV_OLD = regex.compile(r"arxiv\.org/(?:abs|pdf)/([a-z-]+(?:\.[A-Z]{2})?/\d{7})", regex.I)
_DOI = regex.compile(r"\b(10\.\d{4,9}/[^\s\"<>,;?&#]+[^\s\"<>,;?&#.)\]])")
_ISBN = regex.compile(r"\bISBN(?:-1[03])?:?\s*([\d][\d -]{8,16}[\dXx])")
_STATUS_UNDER_REVIEW = regex.compile(
    r"\b(?:submitted|under (?:review|submission)|in review|under revision|revise and resubmit|"
    r"r\s?&\s?r|major revision|minor revision|in submission)\b", regex.I)
_STATUS_ACCEPTED = regex.compile(r"\b(?:to appear|accepted|forthcoming|in press|conditionally accepted)\b", regex.I)
_STATUS_UNKNOWN = regex.compile(r"\b(?:in preparation|in prep\.?|expected .{0,30}submission|pending submission|working paper|"
                                r"work in progress|draft|coming soon|release soon)\b", regex.I)
_NOTE = regex.compile(
    r"\b(?:oral(?: presentation)?|spotlight|poster|best (?:student )?paper(?: award| honou?rable mention| runner-up)?|"
    r"honou?rable mention|award|invited|featured|highlight|selected for|top \d+%?|distinguished paper|"
    r"long paper|short paper|full paper|demo paper|findings|acceptance rate)\b[^.;,()]*", regex.I)
_MONTHS = ("jan feb mar apr may jun jul aug sep oct nov dec").split()
_MONTH = regex.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                       r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\b", regex.I)
#: A source line ending like this goes on in the next line (a wrapped list or sentence).
_CONTINUES = regex.compile(r"(?:[,;&(\[/-]|\b(?:and|with|of|the|in|on|for|to|at|by|a|an))\s*$", regex.I)
_WITH = regex.compile(r"^\s*\(?\s*(?:joint )?with\s+", regex.I)


@dataclass(slots=True)
class Line:
    """One line of an entry: its text, a style per character, links in it, and the role its
    element's class names give it ("title", "authors", "venue", or "")."""

    text: str
    styles: list[int]
    hrefs: list[str | None]
    line: int
    role: str = ""

    def slice(self, start: int, end: int) -> Line:
        return Line(self.text[start:end], self.styles[start:end], self.hrefs[start:end], self.line, self.role)

    def strip(self) -> Line:
        text = self.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return self.slice(start, end) if end > start else Line("", [], [], self.line, self.role)


@dataclass(slots=True)
class PageContext:
    """What the page as a whole says, handed to every entry."""

    path: str | None
    legend: dict[str, str] = field(default_factory=dict)
    venues: venues.VenueTable | None = None  # the shipped table when None
    family_first: bool = True  # False: the page's lists are family names only ("Lee, Henderson, Feng")


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
        if span.is_break:
            if span.style & Style.SOFT_BREAK and text and _wraps(span, "".join(text[-3:]).rstrip(), spans, index):
                text.append(" ")
                styles.append(span.style & ~Style.SOFT_BREAK)
                hrefs.append(span.href)
                continue
            lines.append(Line("".join(text), styles, hrefs, start_line, role))
            text, styles, hrefs, start_line, role = [], [], [], span.line, ""
            continue
        if not text and span.text.strip():
            role = _role(span.css)
        text.append(span.text)
        styles.extend([span.style] * len(span.text))
        hrefs.extend([span.href] * len(span.text))
    lines.append(Line("".join(text), styles, hrefs, start_line, role))
    return [line.strip() for line in lines if line.text.strip()]


_ROLES = (
    ("title", regex.compile(r"(?:^|[\s_-])(?:paper|pub|publication|article|entry|bib)?[-_]?title(?:$|[\s_-])", regex.I)),
    ("authors", regex.compile(r"(?:^|[\s_-])(?:authors?|author-?list|author-?name|creators?)(?:$|[\s_-])", regex.I)),
    ("venue", regex.compile(r"(?:^|[\s_-])(?:venue|journal|periodical|booktitle|container|conference|pubinfo)(?:$|[\s_-])",
                            regex.I)),
)
_NOT_A_ROLE = regex.compile(r"year|section|page|site|sub-?title|header|nav", regex.I)


def _role(css: str) -> str:
    """What a page's class names say a line is: ``div.paper-title`` titles, ``div.authors``..."""
    if not css or _NOT_A_ROLE.search(css):
        return ""
    return next((role for role, pattern in _ROLES if pattern.search(css)), "")


def _wraps(soft_break: Span, before: str, spans: tuple[Span, ...], index: int) -> bool:
    if not before:
        return False
    if soft_break.style & EMPHASIS or soft_break.href is not None or _CONTINUES.search(before):
        return True
    # "... Atomic Swaps / for Blockchain-based ...": a line starting in lower case goes on the sentence
    after = next((s.text for s in spans[index + 1:index + 3] if not s.is_break and s.text.strip()), "")
    return _GOES_ON.match(after) is not None and not _ENDS_SENTENCE.search(before)


_GOES_ON = regex.compile(r"^\s*+(?!(?:in|to|accepted|submitted|under|preprint|arxiv|appeared|published)\b)\p{Ll}")
_ENDS_SENTENCE = regex.compile(r"[.?!:;]$")


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
    return Line("".join(text[a:b] for a, b in keep), [s for a, b in keep for s in styles[a:b]],
                [h for a, b in keep for h in hrefs[a:b]], line.line, line.role)


def _take_links(lines: list[Line]) -> tuple[list[Line], list[Link], list[str]]:
    """Remove label links (``[PDF]``, ``Code``) from the lines; keep every URL seen."""
    links: list[Link] = []
    urls: list[str] = []
    out: list[Line] = []
    for line in lines:
        keep: list[tuple[int, int]] = []
        if line.hrefs.count(None) == len(line.hrefs):
            keep.append((0, len(line.text)))
        else:
            for i, j, href in _href_runs(line.hrefs):
                if href is not None:
                    label = line.text[i:j].strip()
                    if href not in urls:
                        urls.append(href)
                    if _LINK_LABEL.match(label) or (len(label) <= 3 and not label.isdigit()):
                        links.append(Link(label=label.strip("[]() ") or "link", url=href))
                        continue
                keep.append((i, j))
        cleaned = line if keep == [(0, len(line.text))] else _cut(line, keep)
        if _LINK_RESIDUE.fullmatch(cleaned.text) or _LINK_LABEL.match(cleaned.text.strip()):
            continue  # a line of links only
        # tidy brackets and separators left behind by removed links
        out.append(_strip_link_debris(cleaned))
    return [line for line in out if line.text], links, urls


_LINK_RESIDUE = regex.compile(r"[\[\]()|,;/\s-]*")  # all of a line that holds only what links leave
# Starts only where a whitespace run starts, possessive runs, bounded repeats: linear on hostile lines.
_DEBRIS = regex.compile(r"(?<!\s)(?:(?:\s*+[\[(]\s*+[\])]){1,20}|\s*+(?:[|,;/]\s*+){1,20}$"
                        r"|(?:\s*+[\[(]\s*+[|,;/-]*+\s*+[\])]){1,20})")


def _strip_link_debris(line: Line) -> Line:
    keep = []
    pos = 0
    for match in _DEBRIS.finditer(line.text):
        keep.append((pos, match.start()))
        pos = match.end()
    if not keep:
        return line.strip()
    keep.append((pos, len(line.text)))
    return _cut(line, keep).strip()


def _runs(line: Line, nested: bool = True) -> list[tuple[int, int, int, str | None]]:
    """Maximal runs of one emphasis or link inside a line: (start, end, style, href).

    With ``nested`` a run goes on through emphasis nested in it (**Expansion with a
    *Constant* Number**); without, each change of emphasis starts a new run.
    """
    # Worked on stretches of one emphasis and link (every character of one passes or fails
    # alike) rather than per character; only a failing stretch's leading spaces are looked at.
    text = line.text
    groups = []
    pos = 0
    for (style, href), group in itertools.groupby(zip([s & EMPHASIS for s in line.styles], line.hrefs)):
        end = pos + len(list(group))
        groups.append((pos, end, style, href))
        pos = end
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
            if (other_style & style if nested else other_style == style) if style else not other_style:
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
    return runs


@dataclass(slots=True)
class _Found:
    title: str | None = None
    title_line: int | None = None
    title_span: tuple[int, int] | None = None
    rule: str = "none"


def _clean_title(text: str) -> str:
    text = " ".join(text.split())
    text = rx(r"^\([^()]{1,60}\)\s+(?=\p{Lu})").sub("", text)  # "(SuperCDMS Collaboration) Constraints on ..."
    text = text.strip(" \t,;:")
    while text and text[-1] in ".,;:" and not text.endswith("..."):
        text = text[:-1].rstrip()
    if len(text) > 2 and text[0] in "\"“'‘" and text[-1] in "\"”'’":
        text = text[1:-1].strip()
    return text.strip(" *_")


def _quoted_title(lines: list[Line]) -> _Found:
    """A title in quotes, unless the quotes sit inside a longer emphasised title
    (**“Any Other Thoughts, Hedgehog?” Linking Deliberation Chains**)."""
    for index, line in enumerate(lines):
        for match in _QUOTED.finditer(line.text):
            if len(match.group(0).split()) < 2 or _inside_longer_run(line, match.start(), match.end()):
                continue
            group = next(g for g in range(1, len(match.groups()) + 1) if match.group(g))
            return _Found(_clean_title(match.group(group)), index, match.span(), "quoted")
    return _Found()


def _unclosed_quote_title(lines: list[Line]) -> _Found:
    """ "\"Title. A. Author, B. Author. Venue 2021." with the quote never closed: its first sentence."""
    if not lines:
        return _Found()
    text = lines[0].text
    opening = _OPENING_QUOTE.match(text)
    if opening is None or _ANY_QUOTE.search(text, opening.end()):
        return _Found()
    a, b = _split_sentences(text[opening.end():])[0]
    start, end = opening.end() + a, opening.end() + b
    if len(text[start:end].split()) < 2:
        return _Found()
    return _Found(_clean_title(text[start:end]), 0, (opening.start(), end), "unclosed quote")


_OPENING_QUOTE = regex.compile(r"^\s*+[\"“]")
_ANY_QUOTE = regex.compile(r"[\"“”]")


def _inside_longer_run(line: Line, start: int, end: int) -> bool:
    for run_start, run_end, style, _ in _runs(line):
        if (style and run_start <= start and end <= run_end
                and len(line.text[run_start:run_end].strip()) > end - start + 3):
            return True  # emphasis, not a link that may wrap a whole citation
    return False


def _styled_title(lines: list[Line], joint: _Joint | None = None) -> _Found:
    """Emphasis, a heading or a long link text that is not a list of names nor a venue.

    With ``joint`` ("…, joint with X, Y") the entry's names are known, so a run elsewhere is no
    list of names even when it reads like one ("**Macroeconomic Fluctuations and Poverty**")."""
    best: tuple[float, int, int, int, str, str] | None = None
    for index, line in enumerate(lines):
        for start, end, style, href in dict.fromkeys(_runs(line) + _runs(line, nested=False)):
            text = line.text[start:end].strip()
            heads_record = style & Style.HEADING and index == 0 and len(lines) > 1  # <h2>Title</h2><p>With X…
            if joint is not None and index == joint.line and start < joint.names[1] and joint.names[0] < end:
                continue
            if (len(text.split()) < 2 or len(text) < 12 or (joint is None and _is_name_list(text) and not heads_record)
                    or _NOTE.fullmatch(text.strip(" ."))):
                continue  # a heading over the rest of its entry is its title ("Intermediate Dimensions")
            before = line.text[:start].rstrip().lower()
            plain = not style & (Style.BOLD | Style.HEADING)
            if plain and (style & Style.ITALIC or href) and rx(r"(?:^|\W)in\s?:?$").search(before):
                continue  # "In: *Journal*", "Published in [Journal](…)": the venue, not the title
            if plain and style & Style.ITALIC and rx(r"^\s*,?\s*\d").match(line.text[end:]):
                continue  # "*Journal* 11, p. 3"
            rule, score = (("heading", 4.0) if style & Style.HEADING else ("bold", 3.0) if style & Style.BOLD
                           else ("link text", 2.5) if href else ("italic", 2.0))
            if venues.looks_like_venue(text) or _STATUS_UNDER_REVIEW.match(text) or _STATUS_ACCEPTED.match(text):
                score -= 2.5
            names_end = _author_extent(text)
            if names_end and rx(r"\s*[:.]\s").match(text[names_end:]):
                score -= 2  # "**J. Alda, J. Guasch and S. Peñaranda: *Title***": names, then the title
            score -= 0.4 * index  # the title comes early in an entry
            if best is None or score > best[0]:
                best = (score, index, start, end, text, rule)
    if best is not None:
        score, index, start, end, text, rule = best
        return _Found(_clean_title(text), index, (start, end), rule if score > 0 else f"{rule} (weak)")
    return _Found()


@functools.cache
def _sentence_end() -> regex.Pattern[str]:
    """A full stop that ends a sentence: not after an initial ("J. R.") nor after an
    abbreviation from ``data/abbreviations.toml`` ("Phys. Rev."), and followed by what
    can start one (a capital, a digit, a quote, a bracket, or a word like "arXiv")."""
    words = "|".join(sorted(map(regex.escape, venues.abbreviations()), key=len, reverse=True))
    return regex.compile(
        rf"(?<!\b\p{{Lu}})(?<!\b(?i:{words}))[.?!]\s+(?=[\p{{Lu}}\d\"“‘'(\[]|\p{{Ll}}+\p{{Lu}})")


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for match in _sentence_end().finditer(text):
        spans.append((pos, match.start() + 1))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_DATED = regex.compile(
    r"\(\s*(?:(?:19|20)\d\d[a-z]?|n\.d\.|in press|forthcoming|submitted|in prep(?:\.|aration)?|under review"
    r"|[^()]{0,40}submission[^()]{0,20})\s*\)[.,:]?"
    r"|(?<=\s)(?:19|20)\d\d[a-z]?(?:,\s*+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*+)?\.(?=\s)",
    regex.I)  # "Ho EKH, Schaack S. 2019. Title. Journal"; Google Scholar's Harvard "Otim, J.S., 2018, July. Title."


def _title_after_dated_authors(line: Line) -> tuple[int, int, int] | None:
    """APA order, "Authors (2022). Title. Venue": the title's span and where the authors end."""
    text = line.text
    year = _DATED.search(text)
    if year and _is_name_list(text[:year.start()]):
        rest_start = year.end()
        sentences = _split_sentences(text[rest_start:])
        if sentences:
            a, b = sentences[0]
            return rest_start + a, _before_emphasised_venue(line, rest_start + a, rest_start + b), year.start()
    return None


#: What may follow a venue's name to the end of its sentence: volume, issue, pages ("9(1): e85464.").
_ONLY_NUMBERS = regex.compile(r"[\s\d():;,.–-]*+(?:[A-Za-z]?\d++[\s\d():;,.–-]*+)*+")


def _before_emphasised_venue(line: Line, start: int, end: int) -> int:
    """Where a title ends that runs on into the emphasised venue with no full stop between
    ("... salmon (*O. tshawytscha*) ***PLoS One*** 9(1): e85464."): before an emphasised
    run that names a venue and is followed only by numbers; an emphasised word inside the
    title (a species) is followed by more words."""
    for run_start, run_end, style, _ in _runs(line):
        if (start + 10 < run_start < end and style and _ONLY_NUMBERS.fullmatch(line.text, run_end, end)
                and venues.looks_like_venue(line.text[run_start:run_end])):
            return run_start
    return end


def _title_after_author_sentence(line: Line) -> tuple[int, int, int] | None:
    """ "Authors. Title. Venue" or "Authors et al. Title. Venue" (or "Authors: Title"): the
    first sentence after a list of names that ends with a full stop or a colon."""
    text = line.text
    extent = _author_extent(text)
    if not extent:
        return None
    gap = rx(r"[.:]?\s*").match(text[extent:])
    # "& C. Sudheesh Dynamics of ...": a last name of initials and one word runs straight into the title
    run_on = (_ONE_INITIALED_NAME.fullmatch(text[_last_separator(text[:extent]):extent].strip()) is not None
              and rx(r"\s+\p{Lu}").match(text, extent) is not None)
    if gap is None or not (text[:extent].rstrip().endswith((".", ":")) or gap.group(0).strip() or run_on):
        return None
    start = extent + gap.end()
    if start >= len(text):
        return None
    a, b = _split_sentences(text[start:])[0]
    return start + a, start + b, extent


def _last_separator(names: str) -> int:
    """Where the last name of a list starts (after its last comma, semicolon, "&" or "and")."""
    found = None
    for found in _LIST_SEPARATOR.finditer(names):
        pass
    return found.end() if found else 0


_LIST_SEPARATOR = regex.compile(r"[,;&]\s*+|\sand\s++")


def _locate_title(lines: list[Line], joint: _Joint | None = None,
                  ) -> tuple[_Found, tuple[int, int, int] | None]:
    """The title by the strongest signal present, and the authors when the same rule finds them.

    Quotes, then APA order with a dated author list, then emphasis or a link, then
    "Authors. Title." sentences, then the first line that is neither names nor a venue.
    """
    for index, line in enumerate(lines):
        if line.role == "title" and len(line.text.split()) >= 2:
            return _Found(_clean_title(line.text), index, (0, len(line.text)), "class: title"), None
    found = _quoted_title(lines)
    if not found.title:
        found = _unclosed_quote_title(lines)
    if found.title:
        return found, None
    styled = _styled_title(lines, joint)
    weak = styled.rule.endswith("(weak)")
    if weak:
        styled, fallback = _Found(), styled
    else:
        fallback = _Found()
    for index, line in enumerate(lines):
        if styled.title_line is not None and styled.title_line < index:
            break  # an emphasised title above a dated author line ("Title** / Authors (2025). Venue")
        for finder, rule in ((_title_after_dated_authors, "authors (year). title"),
                             (_title_after_author_sentence, "authors. title.")):
            cut = finder(line)
            if cut is None or (styled.title_line == index and styled.title_span and styled.rule != "link text"
                               and styled.title_span[0] < cut[2]):
                continue  # the "names" are inside an emphasised title ("**Scaling Down, Serving Fast: ...**")
            cut = _trim_to_run(line, cut)
            if len(line.text[cut[0]:cut[1]].split()) >= 2 and not venues.looks_like_venue(line.text[cut[0]:cut[1]]):
                return _citation_found(line, index, cut, rule)
    if styled.title:
        return styled, None
    for index, line in enumerate(lines):
        cut = _title_before_names(line.text)
        if cut:  # "Title, Author, **Author**, VENUE 2026"
            return (_Found(_clean_title(line.text[:cut[0]]), index, (0, cut[0]), "title, names"),
                    (index, cut[1], cut[2]))
    for index, line in enumerate(lines):
        part = _dashed_title(line.text, after_venue=True)
        if part:  # "(2020) ICBTA, Conference - Title, Publisher"
            return _Found(_clean_title(line.text[part[0]:part[1]]), index, part, "part between dashes"), None
    for index, line in enumerate(lines):
        if not _is_name_list(line.text) and not venues.looks_like_venue(line.text):
            first = _split_sentences(line.text)[0]
            if joint is not None and index == joint.line and first[0] <= joint.cut[0] < first[1]:
                continue  # "With K. Falconer and J. Fraser.": the co-authors, not a title
            return _Found(_clean_title(line.text[first[0]:first[1]]), index, first, "first plain line"), None
    for index, line in enumerate(lines):
        part = _dashed_title(line.text)
        if part:
            return _Found(_clean_title(line.text[part[0]:part[1]]), index, part, "part between dashes"), None
    return fallback, None


def _title_before_names(text: str) -> tuple[int, int, int] | None:
    """ "Title, Author One, Author Two, Venue" (or "Title. A. One, B. Two, Venue"): where the title ends and the names start and end,
    when a comma is followed by two or more names of two words or more each. A title is short: only
    commas in the first 300 characters are tried, which keeps a line of many commas linear."""
    for comma in _COMMA.finditer(text, 0, 300):
        head = text[:comma.start()]
        if len(head.split()) < 3 or _is_name_list(head):
            continue
        start = comma.end()
        extent = _author_extent(text[start:])
        if not extent:
            continue
        names = split_author_list(text[start:start + extent]).authors
        if len(names) >= 2 and all(len(a.name.split()) >= 2 for a in names):
            return comma.start(), start, start + extent
    return None


#: Where a title ends before its names: a comma, or a full stop after a word (not after an initial).
_COMMA = regex.compile(r",\s+|(?<=\p{Ll}{2}|\))\.\s+(?=\p{Lu})")


def _dashed_title(text: str, after_venue: bool = False) -> tuple[int, int] | None:
    """ "(2021) FGCS, Journal - Rewarding reviews with tokens, Elsevier": the part of a line cut
    by dashes that is neither the venue nor names; up to a trailing ", Publisher". With
    ``after_venue`` only a part that follows a venue part counts."""
    bounds = []
    start = 0
    for match in rx(r"\s+[-–—]\s+").finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    for a, b in bounds if len(bounds) > 1 else ():
        comma = text.rfind(", ", a, b)
        if b == len(text) and comma > a and len(text[comma + 2:b].split()) <= 3:
            b = comma  # "…, Elsevier", "…, ACM Digital Library": the publisher, which would read as a venue
        piece = text[a:b]
        if venues.looks_like_venue(piece):
            after_venue = False
        elif len(piece.split()) >= 3 and not after_venue and not _is_name_list(piece):
            return a, b
    return None


def _trim_to_run(line: Line, cut: tuple[int, int, int]) -> tuple[int, int, int]:
    """A title that starts as a link or emphasis ends with it, before or after the sentence does."""
    start, end, authors_end = cut
    for run_start, run_end, _, _ in _runs(line):
        if start <= run_start <= start + 2 and len(line.text[run_start:run_end].split()) >= 2:
            return run_start, run_end, authors_end  # shorter ("[Title](…), Venue") or longer ("[Help? Rare …](…)")
    return cut


def _citation_found(line: Line, index: int, cut: tuple[int, int, int], rule: str,
                    ) -> tuple[_Found, tuple[int, int, int]]:
    a, b, authors_end = cut
    extent = _author_extent(line.text[:authors_end])
    return _Found(_clean_title(line.text[a:b]), index, (a, b), rule), (index, 0, extent or authors_end)


def _year_of(text: str) -> int | None:
    found = _YEAR.search(text) or _MONTH_YEAR.search(text)  # "(10/2015)"
    return int(found.group(1)) if found else None


#: What a publisher's link adds after the DOI in its path: ".../10.1088/1361-6544/aa5243/meta", ".../full".
_DOI_LINK_SUFFIX = regex.compile(r"(?:\.pdf|\.full|\.abstract|/(?:meta|pdf|e?pdf|full|fulltext|abstract|summary|html)/?)+$",
                                 regex.I)


def _ids(text: str, urls: list[str]) -> Ids:
    haystack = " ".join([text, *(unquote(url) if "%" in url else url for url in urls)])  # ".../10.1007%2Fs10474-..."
    arxiv = _ARXIV_ID.search(haystack) or _ARXIV_OLD.search(haystack)
    doi = _DOI.search(haystack)
    isbn = _ISBN.search(text)
    return Ids(
        doi=_DOI_LINK_SUFFIX.sub("", doi.group(1).rstrip("./")) if doi else None,
        arxiv=arxiv.group(1) if arxiv else None,
        isbn=rx(r"[\s-]").sub("", isbn.group(1)) if isbn else None,
    )


def _status(text: str, heading: str) -> Status | None:
    """The entry's own words decide; its section heading ("Under Review") only when they say nothing."""
    for where in (text, heading):
        for pattern, status in ((_STATUS_UNDER_REVIEW, Status.UNDER_REVIEW), (_STATUS_ACCEPTED, Status.ACCEPTED),
                                (_STATUS_UNKNOWN, Status.UNKNOWN)):
            if pattern.search(where):
                return status
    return None


def _details(text: str) -> Details:
    volume = issue = pages = None
    vol = rx(r"\bvol(?:ume)?\.?\s*(\d+)", regex.I).search(text)
    paren = rx(r"\b(\d{1,4})\s*\((\d{1,4}(?:[-–]\d{1,4})?)\)").search(text)
    dotted = rx(r"\b(\d{1,4})\.(\d{1,3})\b(?=,? p)").search(text)
    if vol:
        volume = vol.group(1)
    elif paren and not _YEAR.fullmatch(paren.group(1)):
        volume, issue = paren.group(1), paren.group(2)
    elif dotted:
        volume, issue = dotted.group(1), dotted.group(2)
    number = rx(r"\b(?:no|issue|n)\.?\s*(\d+)", regex.I).search(text)
    if number and issue is None:
        issue = number.group(1)
    page = rx(r"\bpp?\.?\s*(\w?\d+(?:\s*[-–]{1,2}\s*\w?\d+)?)").search(text)
    if page:
        pages = rx(r"\s*[-–]{1,2}\s*").sub("--", page.group(1))
    month = _MONTH.search(text)
    return Details(volume=volume, issue=issue, pages=pages,
                   month=_MONTHS.index(month.group(0)[:3].lower()) + 1 if month else None)


#: "arXiv preprint arXiv:2503.12668": arXiv named as the venue (or, beside a DOI, only an identifier).
_ARXIV_MENTION = regex.compile(
    r"(?:\barxiv\s+)?(?:\b(?:preprint|e-?print)\s+)?\barxiv\s*:?\s*\[?\d{4}\.\d{4,5}(?:v\d+)?\]?"
    r"(?:\s*\[[a-z-]+(?:\.[a-z]{2})?\])?", regex.I)
#: "(alphabetical order) Thirty-seventh Conference ...": a remark before the venue.
_LEADING_REMARK = regex.compile(r"^\([^()]{1,60}\)\s*")
_VENUE_IN_NOTE = regex.compile(r"\b(?:accepted|presented|published|appear(?:s|ing)?|award|prize)\s+(?:at|in|to|by)\s+"
                               r"(\p{Lu}[^()]{1,80})", regex.I)
_CITED = regex.compile(r"(?:cited by\s*)?\d+\s+citations?|cited by \d+", regex.I)
_PREPRINT_SERVER = regex.compile(r"\b(?:arxiv|biorxiv|medrxiv|ssrn|chemrxiv|psyarxiv|research square)\b", regex.I)
_PATENT = regex.compile(r"\bpatent\b", regex.I)
#: A patent's number: an office code, then its digits and kind code ("CN111143245B", "US 10,123,456 B2",
#: "CN202410927066.9", "EP3456789A1").
_PATENT_NUMBER = regex.compile(r"\b(?:CN|US|EP|WO|JP|KR|DE|GB|FR|CA|AU|TW|IN)\s?(?:\d[\d,/]{5,15}\d)(?:\.\d)?"
                               r"(?:\s?[A-C]\d?)?(?![\w.-])")
#: "Ph.D. Dissertation, Pennsylvania State University": the institution is the venue of a thesis.
_THESIS = regex.compile(r"^(?:(?:ph\.?\s?d\.?|master'?s?|m\.?sc?\.?|b\.?sc?\.?|bachelor'?s?|senior|doctoral|"
                        r"diploma|honou?rs?)\s+)?(?:thesis|dissertation)\b(?:\s+(?:of|at))?[,:]?\s*", regex.I)
_DATE_ONLY = regex.compile(r"\(?(?:19|20)\d\d[a-z]?\)?(?:,?\s*+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*+\.?"
                           r"(?:\s*+\d{1,2})?)?", regex.I)
# Searched from the end ((?r)): only a match that ends the text counts, so every other end
# position fails at once, where a forward search tried up to 20 repeats from every start.
_TRAILING_NUMBERS = regex.compile(
    r"(?r)(?:(?<!\s)\s++\d++(?:\.\d+)?(?:\s*\(\d+\))?(?:\s*:\s*[\w–-]+)?|(?<!\s)\s*+\(\s*+\)){1,20}+\s*$")


def _venue_text(rest: str) -> tuple[str | None, list[str]]:
    """The venue phrase in what is left of an entry, and the notes found beside it.

    The phrase is the first sentence-like piece that is not a note, cut before
    a location or date that follows a comma ("NAACL 2025, Albuquerque, ...").
    """
    notes: list[str] = []
    text = rest
    text = rx(r"\(\s*[*†‡#✉]*\s*(?:equal(?:ly)? contribut\w*|co-?first|corresponding)[^()]{0,80}\)", regex.I).sub(" ", text)
    for match in rx(r"\(([^()]{2,120})\)").finditer(text):
        inner = match.group(1)
        if _STATUS_ACCEPTED.fullmatch(inner.strip()) or _STATUS_UNDER_REVIEW.fullmatch(inner.strip()):
            text = text.replace(match.group(0), " ")  # "(accepted)": the status, read elsewhere
        elif _NOTE.search(inner) or _STATUS_UNKNOWN.search(inner) or rx(r"revise|resubmit|accepted in|first author|advisor|equal|track", regex.I).search(inner):
            notes.append(inner.strip())
    for note in notes:
        text = text.replace(f"({note})", " ")
    text = rx(r"\bDOI:?\s*\S+|\bhttps?://\S+|\bISBN\S*:?\s*[\d -]+[\dX]|\(\s*(?:joint\s+)?with\s[^()]*\)",
              regex.I).sub(" ", _WITH_LINE.sub(" ", text))
    pieces = []
    for part in rx(r"\s*(?:;|\n|\s[·•|](?:\s|$))\s*").split(text):
        bounds = _split_sentences(part)
        pieces.extend(part[a:b] for a, b in bounds)
    venue = None
    after_thesis = False
    pieces = [p for p in pieces if not _CITED.fullmatch(p.strip(" .,;"))]
    if len(pieces) > 1 and _PREPRINT_SERVER.search(pieces[0]):
        # "arXiv:2105.05095 / Proceedings to LCWS 2021": the published venue comes first
        published = [p for p in pieces[1:] if venues.looks_like_venue(p) and not _PREPRINT_SERVER.search(p)]
        if published:
            pieces.remove(published[0])
            pieces.insert(0, published[0])
    for piece in pieces:
        piece = piece.strip(" ,.;:-–|*")
        if piece.startswith("(") and piece.endswith(")") and piece.count("(") == 1:
            piece = piece[1:-1].strip()  # "(Masters Thesis)"
        if piece.startswith("("):  # _LEADING_REMARK starts so
            piece = _LEADING_REMARK.sub("", piece) if _LEADING_REMARK.sub("", piece).strip() else piece
        head = _first_clause(piece)
        if _STATUS_UNDER_REVIEW.fullmatch(head) or _STATUS_ACCEPTED.fullmatch(head) or _STATUS_UNKNOWN.fullmatch(head):
            continue  # "Under submission", "Pending submission": a status, read elsewhere, not a venue
        if not rx(r"\p{L}{2}").search(piece) or _DATE_ONLY.fullmatch(piece):
            continue  # "2018, July": the date of an author line, not a venue
        if _NOTE.fullmatch(piece) or (_NOTE.match(piece) and len(piece.split()) <= 4):
            notes.append(piece)
            continue
        if venue is None:
            thesis = _THESIS.match(piece)
            if thesis is None:
                venue = _institution(piece) if after_thesis else _first_clause(piece)
            elif rx(r"\p{L}{2}").search(piece[thesis.end():]):
                venue = _institution(piece[thesis.end():])
            else:
                after_thesis = True  # "Ph.D. Dissertation (2023)" / next line: the institution
    if venue is None:
        # "(Oral, Accepted at NAACL Main 2024)", "(Best Paper Award at EDM 2024)"
        venue = next((m.group(1) for n in notes for m in [_VENUE_IN_NOTE.search(n)] if m), None)
    return venue, notes


def _institution(piece: str) -> str:
    """ "College of X, Pennsylvania State University, PA, USA" without the trailing place."""
    parts = [p.strip() for p in piece.split(",")]
    while len(parts) > 1 and not rx(r"\b(?:univ|institut|college|school|academy|polytechn|ecole|"
                                              r"universit|department|center|centre)", regex.I).search(parts[-1]):
        parts.pop()
    return ", ".join(parts).strip(" .")


def _first_clause(piece: str) -> str:
    """ "NAACL 2025, Albuquerque, New Mexico" -> "NAACL 2025"; keeps "Journal of X, Part B"."""
    depth = 0
    for index, char in enumerate(piece if "," in piece else ""):  # no comma: the whole piece
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            head = piece[:index]
            if rx(r"\p{L}{2}").search(head) and len(head.split()) >= 1:
                return _TRAILING_NUMBERS.sub("", head).strip()
    return _TRAILING_NUMBERS.sub("", piece).strip()


#: Answers of :func:`_author_extent` for the entry being read: the title, author and venue
#: finders ask about the same pieces. Emptied for every entry, so that no entry's reading
#: is ever reused for another one.
_ENTRY_MEMO: dict[tuple[str, str], object] = {}


def _author_extent(text: str) -> int:
    """Where the list of names at the start of ``text`` ends (0 if it does not start with one).

    Chunks between separators are taken while they read as names; the list stops
    at the first that does not ("..., Wei Liu, IEEE Transactions on ...") or at a
    sentence end after a full name ("... Xipeng Shen. In Proc. ...").
    """
    key = ("extent", text)
    if key not in _ENTRY_MEMO:
        _ENTRY_MEMO[key] = _measure_author_extent(text)
    return _ENTRY_MEMO[key]  # type: ignore[return-value]


def _measure_author_extent(text: str) -> int:
    end = 0
    pos = 0
    names = full_names = 0  # full names: of two words or more ("Taxonomizing and ...: " is a title)
    inverted = False  # the last chunk was a bare family name, so initials come next
    for match in _NAME_SEPARATOR.finditer(text):
        chunk = text[pos:match.start()]
        etal = _ET_AL.search(chunk) if _may_hold_etal(chunk) else None
        if etal:  # "M. F. Albakry et al. Search for ...": "et al." closes the list...
            head = _without_marks(chunk[:etal.start()]).strip(" .,")
            if not ((head and _name_chunk(head)) or (not head and names)):
                break
            after = _without_marks(chunk[etal.end():]).strip(" .,")
            if (after and not _name_chunk(after)) or (not after and not match.group(0)):
                return pos + etal.end()
            # ...unless more names follow it: "et al., Adaku Uchendu, ..." or "... Zwienenberg, M."
        stop = _SENTENCE_AFTER_NAME.search(chunk) if "." in chunk else None
        if stop and chunk[:stop.start()].rsplit(None, 1)[-1].lower() in venues.abbreviations():
            stop = None  # "N. Rösch, J. Chem. Phys. 128": the full stop of "Chem." abbreviates
        if stop:
            chunk_core = _without_marks(chunk[:stop.start() + 1]).strip(" .")
            if chunk_core and _name_chunk(chunk_core):
                return pos + stop.start() + 1
        initials = _INITIALS_THEN_TITLE.match(chunk) if inverted else None
        if initials and not _name_chunk(_without_marks(chunk[initials.end():]).strip(" .")):
            return pos + initials.end(1)  # "Spackman, P. R.; Hall, A. V. The interplay of ...": initials end it
        colon = chunk.find(": ")
        if colon > 0 and full_names and _name_chunk(_without_marks(chunk[:colon]).strip(" .")):
            return pos + colon  # "J. Guasch and S. Peñaranda: Title" (not "CorDA: Context-Oriented ...")
        core = _without_marks(chunk).strip(" .:")
        if core and not _name_chunk(core):
            head = _NAMES_HEAD.match(chunk).group(0)
            head_core = _without_marks(head).strip(" .")
            if head_core and head != chunk and _name_chunk(head_core):
                return pos + len(head.rstrip(" ."))
            named = _INITIALED_NAME.match(chunk) if names and not inverted else None
            if named and not _name_chunk(_without_marks(chunk[named.end():]).strip(" .")):
                return pos + named.end(1)  # "S. Anupama & C. Sudheesh Dynamics of ...": no mark ends the list
            break
        if core:
            names += 1
            full_names += len(core.split()) >= 2
            inverted = len(core.split()) == 1 and not _INITIALS_ONLY.fullmatch(core)  # "Hall" of "Hall, A. V."
        end = match.start() if match.group(0) else len(text)
        pos = match.end()
        if not match.group(0):
            break
    return end if names else 0


#: What stands between two names. It starts only where a space run starts (or the last match
#: ended) and takes the run whole, so that a run of spaces is read once: linear.
_NAME_SEPARATOR = regex.compile(r"(?:(?<!\s)|\G)(?:\s*+(?:;|,\s*(?:and|&)\s+|,)|\s++(?:and|&)\s+)\s*|$")


def _may_hold_etal(chunk: str) -> bool:
    """Cheap test before :data:`_ET_AL`: each of its forms holds one of these."""
    return "." in chunk or "…" in chunk or "l" in chunk or "L" in chunk or "ther" in chunk.lower()


def _without_marks(chunk: str) -> str:
    """:data:`_MARKS_AND_ETAL` replaced by spaces, skipped when no mark character, "et al",
    "and others" or bracket can be in the chunk."""
    if _MARK_OR_BRACKET.isdisjoint(chunk) and not ("l" in chunk or "L" in chunk or "ther" in chunk.lower()):
        return chunk
    return _MARKS_AND_ETAL.sub(" ", chunk)


_MARK_OR_BRACKET = frozenset("*†‡#§¶✉+✝⁎∗^…(")


#: Words of title-case titles ("Laziness By Need") that are never part of a person's name.
_TITLE_WORDS = frozenset("a an and are as at by for from in into is of on or over the through to toward towards "
                         "under using via vs with without thesis dissertation proceedings journal preprint "
                         "report patent press workshop conference symposium repository university institute "
                         "department college school laboratory society".split())


def _name_chunk(text: str) -> bool:
    return _name_sized_chunk(text) if len(text) <= NAME_SIZED else _reads_as_name_chunk(text)


@functools.lru_cache(maxsize=16384)
def _name_sized_chunk(text: str) -> bool:
    return _reads_as_name_chunk(text)


def _reads_as_name_chunk(text: str) -> bool:
    words = text.split()
    initials_first = len(words) >= 2 and all("." in w and _INITIALS_ONLY.fullmatch(w) for w in words[:-1])
    if not initials_first and any(len(word) > 1 and word.lower() in _TITLE_WORDS for word in words):
        return False  # "Journal", "Press" (but "R. A. Press" is a person)
    first = words[0] if words else ""
    if len(first.strip(".")) > 2 and first.lower().strip(".") in venues.abbreviations() and (
            len(words) == 1 or first.endswith(".")):
        return False  # "Appl." of "Appl. Phys. Lett.", "Proc. SPIE"
    if any(len(word) > 3 and word.endswith(".") and word[:-1].lower() in venues.abbreviations() for word in words[:-1]):
        return False  # "J. Chem. Phys", "Int. J. Quantum": journal words abbreviated inside the chunk
    if not looks_like_name(text):
        return False
    # "Journal of X", "Review of Keynesian Economics", "Thesis" are capitalised too; initials never name a venue
    return initials_first or all(len(w.strip(".")) <= 2 for w in words) or not venues.looks_like_venue(text)


#: Initials and one family name, then a capitalised word: the last name of a list that runs into the title.
_INITIALED_NAME = regex.compile(r"^\s*+((?:\p{Lu}\.\s?(?:-\p{Lu}\.\s?)?){1,3}\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)\s+(?=\p{Lu}\p{Ll})")
_ONE_INITIALED_NAME = regex.compile(r"(?:\p{Lu}\.\s?(?:-\p{Lu}\.\s?)?){1,3}\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?")
#: A chunk's start before a bracket, a number or a field separator ("S. Ma · ICML", "S. Ma | Journal").
_NAMES_HEAD = regex.compile(r"[^(\[\d·•|]*")
_INITIALS_ONLY = regex.compile(r"(?:\p{Lu}\.?\s?-?)+")
#: Initials, then a word that is not one: "A. V. The interplay between ..." after "Hall,".
_INITIALS_THEN_TITLE = regex.compile(r"^((?:\p{Lu}\.\s?(?:-\p{Lu}\.\s?)?)+)\s*(?=\p{Lu}?\p{Ll}|\p{Lu}{2}|\p{Lu}\s)")
_ET_AL = regex.compile(r"\bet\.?\s*al\b\.?|\band\s+others\b|…|\.\s?\.\s?\.", regex.I)
_MARKS_AND_ETAL = regex.compile(r"[*†‡#§¶✉+✝⁎∗^]+|\^\{?[\w,*†‡#]+\}?|\bet\.?\s*al\.?|\band others\b|…|"
                                r"\(\s*(?:equal contribution|corresponding author|co-first)\s*\)", regex.I)
_SENTENCE_AFTER_NAME = regex.compile(r"(?<=\p{Ll}{2}[*†‡#]*)\.\s+(?=\S)")


#: "(2015)." closing an APA author line: the line's date, no part of its names.
_TRAILING_DATE = regex.compile(r"\s*+\(\s*+(?:19|20)\d\d[a-z]?\s*+\)[.,:]?$")


def _has_list_separator(text: str) -> bool:
    """A comma, semicolon, "&" or the word "and" (the search runs only where "and" is)."""
    return "," in text or ";" in text or "&" in text or ("and" in text and _AND.search(text) is not None)


_AND = regex.compile(r"\band\b")


def _is_name_list(text: str) -> bool:
    """Text that is (almost) only names, maybe dated ("Hopper, W. J. & Huber, D. E. (2015)."): an
    author line, never a title."""
    stripped = text.strip()
    stripped = (_TRAILING_DATE.sub("", stripped) if ")" in stripped else stripped).strip(" .,;:*")
    if not stripped or (len(stripped.split()) > 3 and not _has_list_separator(stripped)):
        return False  # one "name" of four words or more is a title in title case
    return _author_extent(stripped) >= 0.8 * len(stripped)


@dataclass(slots=True)
class _Lead:
    """What stands before an entry's text: a venue tag, the URLs it links to, a year."""

    tag: str | None = None
    urls: list[str] = field(default_factory=list)
    year: int | None = None


def _take_lead(lines: list[Line]) -> tuple[_Lead, list[Line]]:
    """A leading ``[OSDI'24]`` (possibly a link) is the venue tag; ``[12]``, ``3.`` are
    numbering; ``2011,`` is the year of a CV's dated list. Returns them and the lines without them.
    """
    if not lines:
        return _Lead(), lines
    first = lines[0]
    match = _TAG.match(first.text)
    tag = None
    urls: list[str] = []
    if match:
        urls = list(dict.fromkeys(h for h in first.hrefs[:match.end()] if h))
        inner = match.group(1).strip()
        if not rx(r"[\dA-Za-z]?\d{0,3}|[ivxlc]+", regex.I).fullmatch(inner) and rx(r"\p{L}").search(inner):
            tag = inner
        first = first.slice(match.end(), len(first.text)).strip()
    numbering = rx(r"^\s*(?:\(?\d{1,3}[.)]|\d{1,3}\s*[-–]|[•·▪●◦-]|\(?(?:19|20)\d\d\)?[,.:]|"
                            r"(?:19|20)\d\d\s*[-–|]|\d{1,3}(?=\s+\p{Lu}\p{Ll}))\s+").match(first.text)
    lead_year = None
    if numbering:
        year = _YEAR.search(numbering.group(0))
        lead_year = int(year.group(1)) if year else None
        first = first.slice(numbering.end(), len(first.text))
    rest = ([first] if first.text else []) + lines[1:]
    return _Lead(tag, urls, lead_year), rest


def _tag_year(tag: str | None) -> int | None:
    if not tag:
        return None
    found = rx(r"(?<!\d)((?:19|20)\d\d)(?!\d)").search(tag)  # "SIGIR-2022", "ICML 2025"
    if found:
        return int(found.group(1))
    short = _TAG_YEAR.search(tag)
    if short:
        value = int(short.group(1))
        return 2000 + value if value < 50 else 1900 + value
    return None


#: A line "With A. Batsis. Preprint, 2021.": the names up to the first full stop that ends a word, not an initial.
_WITH_LINE = regex.compile(r"^[^\S\n]*+(?:(?i:joint(?:ly)?)\s+)?(?i:with)\s++((?:\b\p{Lu}\.|[^.;()\n])++)\.?", regex.M)
_JOINT_WITH = regex.compile(r"\(\s*+(?:joint(?:ly)?\s+)?with\s+([^()]{2,300})\)|^[^\S\n]*+(?:joint(?:ly)?\s+)?with\s+([^;()\n]{2,300})"
                            r"|\bjoint(?:ly)?\s+with\s+([^;()\n]{2,300})", regex.I)


@dataclass(frozen=True, slots=True)
class _Joint:
    """Where "(with X and Y)" or "…, joint with X, Y." sits: the phrase to cut, and the names in it."""

    line: int
    cut: tuple[int, int]
    names: tuple[int, int]


def _with_list(lines: list[Line]) -> _Joint | None:
    """The co-authors of a page that omits its owner: "(with X and Y)", a line "joint with X", or
    "joint with X, Y." inside a line, up to where the names end ("…, *The Oxford Handbook …*")."""
    for index, line in enumerate(lines):
        for match in _JOINT_WITH.finditer(line.text):
            group = next(g for g in (1, 2, 3) if match.group(g))
            start, end = match.span(group)
            names = line.text[start:end]
            extent = _author_extent(names)
            if group == 1 and not _is_name_list(names.strip(" .,")):
                continue  # "(with applications to …)"
            if not extent or not _is_name_list(names[:extent]):
                continue
            end = start + extent  # "… L. I. Horwitz. Under Review."
            lead = len(names) - len(names.lstrip(" .,"))
            tail = len(line.text[start:end]) - len(line.text[start:end].rstrip(" .,"))
            cut_end = match.end() if group == 1 else end
            return _Joint(index, (match.start(), cut_end), (start + lead, end - tail))
    return None


def _before_style_change(line: Line, start: int, end: int) -> int:
    """Where a list of names runs into differently emphasised text after a separator
    ("Hossam Ammar, <em>Novel Intelligent and Leading ... Conference</em>"): the names end there."""
    italic = [bool(s & Style.ITALIC) for s in line.styles]
    for match in rx(r"[,;]\s*").finditer(line.text[start:end]):
        after = start + match.end()
        if after < end and italic[after] and not italic[start]:
            run_end = after
            while run_end < len(italic) and (italic[run_end] or not line.text[run_end].strip()):
                run_end += 1
            if venues.looks_like_venue(line.text[after:run_end]) or len(line.text[after:run_end].split()) > 5:
                return start + match.start()  # not an italic self-name ("*Abhijnan Nath*")
    return end


def _names_a_venue(line: Line, start: int, end: int) -> bool:
    """One capitalised "name" that is a journal: one the venue table knows, or one
    followed by its volume ("Russian Mathematical Surveys, 64:4 (2009)")."""
    text = line.text[start:end]
    if venues.default_table().find(text) is not None:
        return True  # "Astronomy & Astrophysics"
    if _has_list_separator(text):
        return False
    return rx(r"\s*,?\s*(?:vol\.?\s*)?(?!(?:19|20)\d\d\b)\d", regex.I).match(line.text[end:]) is not None


_UPPER = regex.compile(r"\p{Lu}")
_WORD_START = regex.compile(r"(?<![\p{L}\p{M}'’])\p{Ll}")


def _capitalised(text: str) -> str:
    """``text`` with every word's first letter in capitals, of the same length (offsets stay valid)."""
    return _WORD_START.sub(lambda m: m.group(0).upper() if len(m.group(0).upper()) == 1 else m.group(0), text)


_BY = regex.compile(r"(?<!\bedited|\beds?\.?|\btranslated|\bsupervised)\s[Bb]y\s+(?=\p{Lu})")
#: What is left of "Title by Names" once the names are cut.
_DANGLING_BY = regex.compile(r"\s[Bb]y\s*$")


def _find_authors(lines: list[Line], found: _Found) -> tuple[int, int, int] | None:
    """The line the page's classes call its authors, else the most name-like stretch: (line, start, end)."""
    for index, line in enumerate(lines):
        if line.role == "authors" and index != found.title_line and author_list_score(line.text) >= 0.5:
            return index, 0, len(line.text)
    best: tuple[float, int, int, int] = (0.0, -1, 0, 0)
    # a page written all in lower case ("e. listo zec, t. hagander"): its names are read capitalised
    lower_case = bool(found.title) and _UPPER.search(found.title) is None
    for index, line in enumerate(lines):
        if index == found.title_line and found.title_span:
            a, b = found.title_span
            candidates = [(0, a), (b, len(line.text))]
        else:
            candidates = [(0, len(line.text))]
        for start, end in candidates:
            segment = _capitalised(line.text[start:end]) if lower_case else line.text[start:end]
            lead = len(segment) - len(segment.lstrip(" .,;:"))
            extent = _author_extent(segment[lead:])
            if not extent or _WITH.match(segment):
                continue
            extent = _before_style_change(line, start + lead, start + lead + extent) - start - lead
            names = segment[lead:lead + extent]
            if not names.strip() or _names_a_venue(line, start + lead, start + lead + extent):
                continue
            score = author_list_score(names)
            if score > best[0] + 0.05:
                best = (score, index, start + lead, start + lead + extent)
    if best[0] >= 0.5:
        return best[1], best[2], best[3]
    for index, line in enumerate(lines):  # "Title by AJ Bu and Doron Zeilberger" (not "edited by")
        after_title = found.title_span[1] - 1 if found.title_span and index == found.title_line else 0
        by = _BY.search(line.text, after_title)  # not the "by" of the title ("Ideals Generated by ...")
        if by:
            extent = _author_extent(line.text[by.end():])
            if extent:
                return index, by.end(), by.end() + extent
    return None


def parse_entry(raw: RawEntry, context: PageContext) -> Publication:
    """Read the fields of one entry; never raises on odd text."""
    _ENTRY_MEMO.clear()
    decisions: list[Decision] = []
    lead, lines = _take_lead(_lines(raw.spans))
    tag = lead.tag
    lines, links, urls = _take_links(lines)
    urls = lead.urls + urls
    full_text = " ".join(line.text for line in lines)
    ids = _ids(full_text, urls)

    joint = _with_list(lines)
    found, author_span = _locate_title(lines, joint)
    decisions.append(_decision("title", found.rule, 0.9 if found.rule != "none" else 0.0))

    if author_span is not None:
        joint = None
    if author_span is None and joint is None:
        author_span = _find_authors(lines, found)
    parsed_authors: tuple[ParsedAuthor, ...] = ()
    truncated = False
    if author_span is not None:
        index, start, end = author_span
        result = split_author_list(lines[index].text[start:end], lines[index].styles[start:end],
                                   context.family_first)
        parsed_authors, truncated = result.authors, result.truncated
        decisions.append(_decision("authors", "most name-like stretch", 0.8))
    elif joint is not None:
        # a page that never writes its owner: "(with X and Y)" names the co-authors only
        start, end = joint.names
        parsed_authors = split_author_list(lines[joint.line].text[start:end]).authors
        author_span = (joint.line, *joint.cut)  # the phrase leaves the text the venue is read from
        decisions.append(_decision("authors", "joint-with list; the owner is not written", 0.6))

    rest = _without_rankings(_remainder(lines, found, author_span))
    heading = raw.section.heading_words
    venue_text = _ARXIV_MENTION.sub(" " if ids.doi else " arXiv ", rest)
    venue_phrase, notes = _venue_text(venue_text)
    classed = next((line.text for line in lines if line.role == "venue"), None)
    if classed:  # <div class="venue">: the page says which line names the venue
        venue_phrase = _venue_text(_ARXIV_MENTION.sub(" arXiv ", classed))[0] or venue_phrase
    # "(submitted | [arXiv](…))": a server named only by a link's label is the venue when nothing else is
    servers = "".join(f"\n{link.label}" for link in links if _PREPRINT_SERVER.fullmatch(link.label))
    venue_match = venues.recognise(tag, venue_phrase, venue_text + servers, context.venues)
    patent_number = _PATENT_NUMBER.search(rest)
    if (patent_number or _PATENT.search(rest)) and not tag:
        venue_match = None  # "Chinese Patent", "CN111143245B": a kind of work and its number, not a venue
    # "[Draft](…)", "[Working paper](…)": what a link's label says of an entry that names no venue
    unpublished = "" if venue_match else "".join(
        f" {link.label}" for link in links if _STATUS_UNKNOWN.fullmatch(link.label))
    status = _status(rest + " " + (tag or "") + unpublished, heading)
    year = _tag_year(tag) or lead.year or _year_of(rest) or raw.section.year
    kind = Kind.PATENT if patent_number and not tag else venues.kind_of(
        venue_match, rest + " " + (tag or "") + unpublished, heading, ids, context.venues)
    decisions += _value_decisions(tag, rest, year, venue_match, kind)
    if status is None:
        status = Status.PREPRINT if kind is Kind.PREPRINT else Status.PUBLISHED
    authors = tuple(_author(a.name, a.emphasised, a.marks, a.variants) for a in parsed_authors)
    return Publication(
        title=found.title or None,
        authors=authors,
        authors_truncated=truncated,
        year=year,
        venue=venue_match,
        kind=kind,
        status=status,
        ids=ids,
        links=tuple(links),
        notes=tuple(dict.fromkeys(n for n in notes if n)),
        details=_details(rest),
        source=Source(path=context.path, line_start=raw.line_start, line_end=raw.line_end, raw=raw.text),
        section=raw.section.title,
        decisions=tuple(decisions),
    )


@functools.lru_cache(maxsize=1024)
def _decision(field: str, rule: str, confidence: float) -> Decision:
    """One frozen record per (field, rule, confidence): entries share the few there are."""
    return Decision(field=field, rule=rule, confidence=confidence)


@functools.lru_cache(maxsize=16384)
def _author(name: str, emphasised: bool, marks: tuple[str, ...], variants: tuple[str, ...]) -> Author:
    """The record of one name as written (cached: a page names its people again and again)."""
    given, family = split_name(name)
    return Author(name=name, given=given, family=family, is_owner=emphasised, markers=marks, variants=variants)


#: How far each rule for year, venue and kind is trusted (0..1); "none" means nothing was found.
_RULE_CONFIDENCE = {
    "entry tag": 0.9, "year in the entry": 0.85, "section heading": 0.75,
    "venue table": 0.9, "short venue phrase": 0.7, "leftover text": 0.5,
    "venue table and keywords": 0.85, "keywords": 0.7, "no signal": 0.3, "none": 0.0,
}


def _value_decisions(tag: str | None, rest: str, year: int | None, venue: Venue | None, kind: Kind) -> list[Decision]:
    """Where year, venue and kind came from, so that a reviewer sees which ones are guesses."""
    year_rule = ("none" if not year else "entry tag" if _tag_year(tag) else "year in the entry" if _year_of(rest)
                 else "section heading")
    from_table = venue is not None and bool(venue.name or venue.acronym)
    written = (venue.as_written or "") if venue else ""
    venue_rule = ("venue table" if from_table else "short venue phrase" if 0 < len(written.split()) <= 8
                  else "leftover text" if venue else "none")
    kind_rule = "venue table and keywords" if from_table else "no signal" if kind is Kind.OTHER else "keywords"
    return [_decision(name, rule, _RULE_CONFIDENCE[rule])
            for name, rule in (("year", year_rule), ("venue", venue_rule), ("kind", kind_rule))]


#: A ranking of the venue that some pages add: "(CCF-A)", "(JCR Q1, Top, IF-7.7)", "(SCI, IF: 5.2)", "(CORE A*)".
_RANK = regex.compile(r"(?:CCF|CORE|JCR|SCIE?|SSCI|EI|CAS)(?:[-\s]?(?:Q[1-4]|[ABC]\*?|Top))?|Q[1-4]|Top|TOP"
                      r"|(?:IF|Impact Factor)\s*[-:=：]?\s*\d{1,3}(?:\.\d{1,3})?")
_BRACKETED = regex.compile(r"[(（]([^()（）]{1,100})[)）]")
_PIECES = regex.compile(r"(?<!\s)\s*+[,，;、]\s*+")


def _without_rankings(text: str) -> str:
    """The text without venue rankings in brackets, which name no venue ("JCR" is also a journal's acronym);
    other words in the same brackets stay ("(CCF-A, Oral)" -> "(Oral)")."""
    def tidy(match: regex.Match[str]) -> str:
        pieces = _PIECES.split(match.group(1).strip())
        kept = [p for p in pieces if not _RANK.fullmatch(p)]
        return match.group(0) if len(kept) == len(pieces) else f"({', '.join(kept)})" if kept else " "
    return _BRACKETED.sub(tidy, text)


def _remainder(lines: list[Line], found: _Found, author_span: tuple[int, int, int] | None) -> str:
    """The entry's text without its title and authors, lines kept apart."""
    out = []
    for index, line in enumerate(lines):
        cuts = []
        if index == found.title_line and found.title_span:
            cuts.append(found.title_span)
        if author_span is not None and index == author_span[0]:
            by = _DANGLING_BY.search(line.text, 0, author_span[1])
            cuts.append((by.start() if by else author_span[1], author_span[2]))
        text = line.text
        for a, b in sorted(cuts, reverse=True):
            text = text[:a] + " \n " + text[b:]
        if text.strip(" .,\n"):
            out.append(text)
    return "\n".join(out)
