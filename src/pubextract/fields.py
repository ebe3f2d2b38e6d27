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

from dataclasses import dataclass, field

import regex

from . import venues
from .authors import author_list_score, looks_like_name, split_author_list
from .document import BREAK, Span, Style
from .entries import RawEntry
from .models import Decision, Details, Ids, Kind, Link, Publication, Source, Status, Venue

EMPHASIS = Style.BOLD | Style.ITALIC | Style.UNDERLINE | Style.HEADING

_LINK_LABEL = regex.compile(
    r"^\W*(?:pdf|paper|code|github|slides?|video|talk|poster|arxiv|abs|abstract|bib|bibtex|cite|"
    r"project(?: page)?|website|web|html|doi|data(?:set)?|demo|blog|supp(?:lementary|\.)?(?: material)?|"
    r"appendix|preprint|ungated|pre-?print|openreview|proceedings|link|url|page|publisher|journal|"
    r"replication(?: files| package)?|media|press|news|recording|youtube|colab|notebook|model|"
    r"huggingface|hf|full text|open access|ssrn|researchgate|springer|ieee|acm|dl|pubmed|"
    r"[\w ]{0,20}link|talk video|presentation|\d+ citations?|online|download|preview|review)\W*$",
    regex.I)
_TAG = regex.compile(r"^\s*\[([^\[\]]{1,40})\]\s*")
_QUOTED = regex.compile(r"“([^”]{4,400})”|\"([^\"\n]{4,400})\"|``(.{4,400}?)''|‘‘(.{4,400}?)’’|„(.{4,400}?)“")
_YEAR = regex.compile(r"(?<![\d/.-])((?:19[5-9]|20[0-4])\d)(?![\d])")
_TAG_YEAR = regex.compile(r"['’‘](\d\d)\b")
_ARXIV_ID = regex.compile(r"(?:arxiv[:\s/]*|arxiv\.org/(?:abs|pdf)/)(\d{4}\.\d{4,5})(?:v\d+)?", regex.I)
_ARXIV_OLD = regex.compile(r"arxiv\.org/(?:abs|pdf)/([a-z-]+(?:\.[A-Z]{2})?/\d{7})", regex.I)
_DOI = regex.compile(r"\b(10\.\d{4,9}/[^\s\"<>,;]+[^\s\"<>,;.)\]])")
_ISBN = regex.compile(r"\bISBN(?:-1[03])?:?\s*([\d][\d -]{8,16}[\dXx])")
_SENTENCE_END = regex.compile(r"(?<!\b\p{Lu})(?<!\b(?:vs|al|Proc|Vol|No|pp|eds?|Jr|Dr|St))[.?!]\s+(?=\S)")
_STATUS_UNDER_REVIEW = regex.compile(
    r"\b(?:submitted|under (?:review|submission)|in review|under revision|revise and resubmit|"
    r"r\s?&\s?r|major revision|minor revision|in submission)\b", regex.I)
_STATUS_ACCEPTED = regex.compile(r"\b(?:to appear|accepted|forthcoming|in press|conditionally accepted)\b", regex.I)
_STATUS_UNKNOWN = regex.compile(r"\b(?:in preparation|in prep\.?|expected .{0,30}submission|working paper|"
                                r"work in progress|draft|coming soon|release soon)\b", regex.I)
_NOTE = regex.compile(
    r"\b(?:oral(?: presentation)?|spotlight|poster|best (?:student )?paper(?: award| honou?rable mention| runner-up)?|"
    r"honou?rable mention|award|invited|featured|highlight|selected for|top \d+%?|distinguished paper|"
    r"long paper|short paper|full paper|demo paper|findings)\b[^.;,()]*", regex.I)
_MONTHS = ("jan feb mar apr may jun jul aug sep oct nov dec").split()
_MONTH = regex.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                       r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\b", regex.I)
_WITH = regex.compile(r"^\s*\(?\s*(?:joint )?with\s+", regex.I)


@dataclass(slots=True)
class Line:
    """One line of an entry: its text, a style per character, and links in it."""

    text: str
    styles: list[Style]
    hrefs: list[str | None]
    line: int

    def slice(self, start: int, end: int) -> Line:
        return Line(self.text[start:end], self.styles[start:end], self.hrefs[start:end], self.line)

    def strip(self) -> Line:
        text = self.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return self.slice(start, end) if end > start else Line("", [], [], self.line)


@dataclass(slots=True)
class PageContext:
    """What the page as a whole says, handed to every entry."""

    path: str | None
    legend: dict[str, str] = field(default_factory=dict)


def _lines(spans: tuple[Span, ...]) -> list[Line]:
    lines: list[Line] = []
    current = Line("", [], [], spans[0].line if spans else 1)
    for span in spans:
        if span.is_break:
            soft = bool(span.style & Style.SOFT_BREAK)
            previous = current.text.rstrip()
            if soft and previous and not regex.search(r"[.\]\"”)!?:]$|['’]\d\d\]?$", previous):
                current.text += " "
                current.styles.append(Style.NONE)
                current.hrefs.append(None)
                continue
            lines.append(current)
            current = Line("", [], [], span.line)
            continue
        current.text += span.text
        current.styles.extend([span.style] * len(span.text))
        current.hrefs.extend([span.href] * len(span.text))
    lines.append(current)
    return [line.strip() for line in lines if line.text.strip()]


def _take_links(lines: list[Line]) -> tuple[list[Line], list[Link], list[str]]:
    """Remove label links (``[PDF]``, ``Code``) from the lines; keep every URL seen."""
    links: list[Link] = []
    urls: list[str] = []
    out: list[Line] = []
    for line in lines:
        keep = [True] * len(line.text)
        i = 0
        while i < len(line.text):
            href = line.hrefs[i]
            if href is None:
                i += 1
                continue
            j = i
            while j < len(line.text) and line.hrefs[j] == href:
                j += 1
            label = line.text[i:j].strip()
            if href not in urls:
                urls.append(href)
            if _LINK_LABEL.match(label) or (len(label) <= 3 and not label.isdigit()):
                links.append(Link(label=label.strip("[]() ") or "link", url=href))
                for k in range(i, j):
                    keep[k] = False
            i = j
        text = "".join(c for c, k in zip(line.text, keep) if k)
        residue = regex.sub(r"[\[\]()|,;/\s-]+", "", text)
        if not residue or _LINK_LABEL.match(text.strip()):
            continue  # a line of links only
        # tidy brackets and separators left behind by removed links
        kept = [i for i, k in enumerate(keep) if k]
        cleaned = line.slice(0, 0)
        cleaned.text = text
        cleaned.styles = [line.styles[i] for i in kept]
        cleaned.hrefs = [line.hrefs[i] for i in kept]
        out.append(_strip_link_debris(cleaned))
    return [line for line in out if line.text], links, urls


_DEBRIS = regex.compile(r"(?:\s*[\[(]\s*[\])])+|(?:\s*[|,;/]\s*)+(?=\s*$)|(?:\s*[\[(]\s*[|,;/-]*\s*[\])])+")


def _strip_link_debris(line: Line) -> Line:
    text = line.text
    keep = [True] * len(text)
    for match in _DEBRIS.finditer(text):
        for k in range(match.start(), match.end()):
            keep[k] = False
    if all(keep):
        return line.strip()
    idx = [i for i, k in enumerate(keep) if k]
    return Line("".join(text[i] for i in idx), [line.styles[i] for i in idx],
                [line.hrefs[i] for i in idx], line.line).strip()


def _runs(line: Line) -> list[tuple[int, int, Style, str | None]]:
    """Maximal runs of one emphasis or link inside a line: (start, end, style, href)."""
    runs = []
    i = 0
    n = len(line.text)
    while i < n:
        style = line.styles[i] & EMPHASIS
        href = line.hrefs[i]
        j = i
        while j < n and (line.styles[j] & EMPHASIS == style or not line.text[j].strip()) and line.hrefs[j] == href:
            j += 1
        if style or href:
            runs.append((i, j, style, href))
        i = max(j, i + 1)
    return runs


@dataclass(slots=True)
class _Found:
    title: str | None = None
    title_line: int | None = None
    title_span: tuple[int, int] | None = None
    rule: str = "none"


def _clean_title(text: str) -> str:
    text = " ".join(text.split())
    text = text.strip(" \t,;:")
    while text and text[-1] in ".,;:" and not text.endswith("..."):
        text = text[:-1].rstrip()
    if len(text) > 2 and text[0] in "\"“'‘" and text[-1] in "\"”'’":
        text = text[1:-1].strip()
    return text.strip(" *_")


def _find_title(lines: list[Line], owner_names: set[str]) -> _Found:
    # 1. quotes
    for index, line in enumerate(lines):
        match = _QUOTED.search(line.text)
        if match and len(match.group(0).split()) >= 2:
            group = next(g for g in range(1, 6) if match.group(g))
            return _Found(_clean_title(match.group(group)), index, match.span(), "quoted")
    # 2. emphasis, a heading or a long link text that is not a list of names
    candidates = []
    for index, line in enumerate(lines):
        for start, end, style, href in _runs(line):
            text = line.text[start:end].strip()
            words = len(text.split())
            if words < 2 or len(text) < 12:
                continue
            if author_list_score(text) >= 0.75 or looks_like_name(text):
                continue
            before = line.text[:start].rstrip().lower()
            if style & Style.ITALIC and not style & (Style.BOLD | Style.HEADING) and (
                    before.endswith(("in", "in:", "in :")) or regex.match(r"^\s*,?\s*\d", line.text[end:])):
                continue  # "In: *Journal* 11, p. 3": the venue, not the title
            if venues.looks_like_venue(text) and not style & (Style.BOLD | Style.HEADING) and not href:
                continue
            rank = 0 if style & Style.HEADING else 1 if (style & Style.BOLD) else 2 if href else 3
            candidates.append((rank, index, start, end, text))
    if candidates:
        italic_only = [c for c in candidates if c[0] == 3]
        best = min(candidates, key=lambda c: (c[0], c[1], c[2]))
        if best[0] == 3 and len(italic_only) > 1:
            best = min(italic_only, key=lambda c: (c[1], c[2]))
        rank, index, start, end, text = best
        rule = ("heading", "bold", "link text", "italic")[rank]
        return _Found(_clean_title(text), index, (start, end), rule)
    return _Found()


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((pos, match.start() + 1))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _title_in_citation(line: Line) -> tuple[int, int, int] | None:
    """In a one-line citation "Authors (2022). Title. Venue": the title's span, and where authors end."""
    text = line.text
    year = regex.search(r"\(\s*(?:(?:19|20)\d\d[a-z]?|n\.d\.|in press|forthcoming|submitted|[^()]{0,40}submission[^()]{0,20})\s*\)\.?", text, regex.I)
    if year and author_list_score(text[:year.start()]) >= 0.6:
        rest_start = year.end()
        sentences = _split_sentences(text[rest_start:])
        if sentences:
            a, b = sentences[0]
            return rest_start + a, rest_start + b, year.start()
    sentences = _split_sentences(text)
    if len(sentences) >= 2:
        # "Authors. Title. Venue": the authors may themselves contain "J. R." initials
        acc_end = 0
        for k, (a, b) in enumerate(sentences[:-1]):
            head = text[:b]
            if author_list_score(head) >= 0.7:
                acc_end = b
                nxt = sentences[k + 1]
                if author_list_score(text[:nxt[1]]) < 0.7:
                    return nxt[0], nxt[1], acc_end
    return None


def _year_of(text: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(text)]
    return years[-1] if years else None


def _ids(text: str, urls: list[str]) -> Ids:
    haystack = " ".join([text, *urls])
    arxiv = _ARXIV_ID.search(haystack) or _ARXIV_OLD.search(haystack)
    doi = _DOI.search(haystack)
    isbn = _ISBN.search(text)
    return Ids(
        doi=doi.group(1).rstrip(".") if doi else None,
        arxiv=arxiv.group(1) if arxiv else None,
        isbn=regex.sub(r"[\s-]", "", isbn.group(1)) if isbn else None,
    )


def _status(text: str, heading: str) -> Status | None:
    if _STATUS_UNDER_REVIEW.search(text):
        return Status.UNDER_REVIEW
    if _STATUS_ACCEPTED.search(text):
        return Status.ACCEPTED
    if _STATUS_UNKNOWN.search(text):
        return Status.UNKNOWN
    if _STATUS_UNDER_REVIEW.search(heading):
        return Status.UNDER_REVIEW
    if _STATUS_ACCEPTED.search(heading):
        return Status.ACCEPTED
    if _STATUS_UNKNOWN.search(heading):
        return Status.UNKNOWN
    return None


def _details(text: str) -> Details:
    volume = issue = pages = None
    vol = regex.search(r"\bvol(?:ume)?\.?\s*(\d+)", text, regex.I)
    paren = regex.search(r"\b(\d{1,4})\s*\((\d{1,4}(?:[-–]\d{1,4})?)\)", text)
    dotted = regex.search(r"\b(\d{1,4})\.(\d{1,3})\b(?=,? p)", text)
    if vol:
        volume = vol.group(1)
    elif paren and not _YEAR.fullmatch(paren.group(1)):
        volume, issue = paren.group(1), paren.group(2)
    elif dotted:
        volume, issue = dotted.group(1), dotted.group(2)
    number = regex.search(r"\b(?:no|issue|n)\.?\s*(\d+)", text, regex.I)
    if number and issue is None:
        issue = number.group(1)
    page = regex.search(r"\bpp?\.?\s*(\w?\d+(?:\s*[-–]{1,2}\s*\w?\d+)?)", text)
    if page:
        pages = regex.sub(r"\s*[-–]{1,2}\s*", "--", page.group(1))
    month = _MONTH.search(text)
    return Details(volume=volume, issue=issue, pages=pages,
                   month=_MONTHS.index(month.group(0)[:3].lower()) + 1 if month else None)


def _venue_text(rest: str) -> tuple[str | None, list[str]]:
    """The venue phrase in what is left of an entry, and the notes found beside it."""
    notes: list[str] = []
    text = rest
    for match in regex.finditer(r"\(([^()]{2,120})\)", text):
        inner = match.group(1)
        if _NOTE.search(inner) or _STATUS_UNKNOWN.search(inner) or regex.search(
                r"revise|resubmit|accepted in|with\s|first author|advisor|equal|track", inner, regex.I):
            notes.append(inner.strip())
    for note in notes:
        text = text.replace(f"({note})", " ")
    text = regex.sub(r"\bDOI:?\s*\S+|\bhttps?://\S+|\barXiv:?\s*\d{4}\.\d{4,5}(?:v\d+)?|\bISBN\S*:?\s*[\d -]+[\dX]",
                     " ", text, flags=regex.I)
    pieces = [p.strip(" ,.;:-–|") for p in regex.split(r"\s*(?:;|\.\s|\n)\s*", text)]
    pieces = [p for p in pieces if p and regex.search(r"\p{L}{2}", p)]
    venue = None
    for piece in pieces:
        note = _NOTE.fullmatch(piece.strip("* "))
        if note or (_NOTE.match(piece) and len(piece.split()) <= 4):
            notes.append(piece.strip("* "))
            continue
        if venue is None:
            venue = piece
    return venue, notes


def parse_entry(raw: RawEntry, context: PageContext) -> Publication:
    """Read the fields of one entry; never raises on odd text."""
    decisions: list[Decision] = []
    lines = _lines(raw.spans)
    lines, links, urls = _take_links(lines)
    full_text = " ".join(line.text for line in lines)
    ids = _ids(full_text, urls)

    tag = None
    if lines:
        match = _TAG.match(lines[0].text)
        if match and not regex.fullmatch(r"\d{1,3}|[a-z]", match.group(1).strip()):
            tag = match.group(1).strip()
            lines[0] = lines[0].slice(match.end(), len(lines[0].text)).strip()
            if not lines[0].text:
                lines.pop(0)
        elif match:  # "[12]" numbering
            lines[0] = lines[0].slice(match.end(), len(lines[0].text)).strip()
    if lines:
        numbering = regex.match(r"^\s*(?:\(?\d{1,3}[.)]|\d{1,3}\s*[-–]|[•·▪●◦-])\s+", lines[0].text)
        if numbering:
            lines[0] = lines[0].slice(numbering.end(), len(lines[0].text))

    found = _find_title(lines, set())
    author_text: tuple[int, int, int] | None = None  # (line, start, end)
    if found.title is None and lines:
        for index, line in enumerate(lines):
            cut = _title_in_citation(line)
            if cut:
                a, b, authors_end = cut
                found = _Found(_clean_title(line.text[a:b]), index, (a, b), "citation order")
                author_text = (index, 0, authors_end)
                break
    if found.title is None and lines:
        # a line of its own that is not a list of names
        scored = [(author_list_score(line.text), i) for i, line in enumerate(lines)]
        for score, index in scored:
            if score < 0.5 and not venues.looks_like_venue(lines[index].text):
                first = _split_sentences(lines[index].text)[0]
                found = _Found(_clean_title(lines[index].text[first[0]:first[1]]), index, first, "first plain line")
                break
    decisions.append(Decision(field="title", rule=found.rule, confidence=0.9 if found.rule != "none" else 0.0))

    # authors
    authors_line = None
    if author_text is None:
        best = (0.0, -1, 0, 0)
        for index, line in enumerate(lines):
            if index == found.title_line and found.title_span:
                a, b = found.title_span
                candidates = [(0, a), (b, len(line.text))]
            else:
                candidates = [(0, len(line.text))]
            for start, end in candidates:
                segment = line.text[start:end]
                with_match = _WITH.match(segment)
                score = author_list_score(segment)
                if score > best[0] + 0.05 and len(segment.strip(" .,")) > 1 and not with_match:
                    best = (score, index, start, end)
        if best[0] >= 0.5:
            author_text = (best[1], best[2], best[3])
    parsed_authors = ()
    truncated = False
    if author_text is not None:
        index, start, end = author_text
        line = lines[index]
        segment = line.text[start:end]
        # cut at the first parenthesised year or a sentence that is not names
        cut = regex.search(r"\(\s*(?:19|20)\d\d", segment)
        if cut:
            end = start + cut.start()
            segment = line.text[start:end]
        result = split_author_list(segment, line.styles[start:end])
        parsed_authors, truncated = result.authors, result.truncated
        authors_line = index
        decisions.append(Decision(field="authors", rule="most name-like line", confidence=0.8))

    # venue, year, notes, status: from what remains
    remaining: list[str] = []
    for index, line in enumerate(lines):
        text = line.text
        if index == found.title_line and found.title_span:
            a, b = found.title_span
            text = text[:a] + " \n " + text[b:]
        if index == authors_line and author_text is not None:
            _, start, end = author_text
            if index == found.title_line and found.title_span:
                text = text.replace(line.text[start:end], " ", 1)
            else:
                text = text[:start] + " " + text[end:]
        if text.strip(" .,\n"):
            remaining.append(text)
    rest = "\n".join(remaining)
    heading = raw.section.heading_words
    status = _status(rest + " " + (tag or ""), heading)
    venue_phrase, notes = _venue_text(rest)
    venue_match = venues.recognise(tag, venue_phrase, rest)
    year = None
    if tag:
        tag_year = _TAG_YEAR.search(tag) or _YEAR.search(tag)
        if tag_year:
            value = int(tag_year.group(1))
            year = value if value > 1900 else 2000 + value if value < 50 else 1900 + value
    if year is None:
        year = _year_of(rest)
    if year is None:
        year = raw.section.year
    kind = venues.kind_of(venue_match, rest + " " + (tag or ""), heading, ids)
    if status is None:
        status = Status.PREPRINT if kind is Kind.PREPRINT else Status.PUBLISHED
    from .models import Author  # local: models is the public surface, authors a helper

    authors = tuple(
        Author(name=a.name, given=split[0], family=split[1], is_owner=a.emphasised,
               markers=a.marks, variants=a.variants)
        for a in parsed_authors for split in [_split(a.name)]
    )
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


def _split(name: str) -> tuple[str | None, str | None]:
    from .authors import split_name

    return split_name(name)
