"""The title finder: quotes, emphasis or a link, "Authors. Title." sentences, a plain line."""
from __future__ import annotations

import regex

from .. import venues
from .._rx import Lazy, rx
from ..authors import split_author_list
from ..document import Style
from .lines import Line, _Found, _runs, _split_sentences
from .names import _ONE_INITIALED_NAME, _Joint, _author_extent, _is_name_list
from .values import _NOTE, _STATUS_ACCEPTED, _STATUS_UNDER_REVIEW


_QUOTED = Lazy(r"“((?:[^“”\"]|“[^“”\"\n]{1,80}”){4,400})[”\"]|\"([^\"\n]{4,400})\"|``(.{4,400}?)''|‘‘(.{4,400}?)’’|„(.{4,400}?)“"
               r"|(?<![\p{L}\d])”([^”“\"\n]{4,400})”"  # two closing quotes, as a keyboard macro types them
               r"|(?<![`'\p{L}\d])''(?!')([^\n]{4,400}?)(?:''|”)"  # two apostrophes typed for a double quote
               r"|(?<![\p{L}\d])[‘']([^'‘’\n]{8,400}?)[’'](?=\s*(?:[,.;:]|$))")


def _clean_title(text: str) -> str:
    text = " ".join(text.split())
    text = rx(r"^\([^()]{1,60}\)\s+(?=\p{Lu})").sub("", text)  # "(SuperCDMS Collaboration) Constraints on ..."
    text = text.strip(" \t,;:")
    while text and text[-1] in ".,;:" and not text.endswith("..."):
        text = text[:-1].rstrip()
    if len(text) > 2 and text[0] in "\"“'‘" and text[-1] in "\"”'’":
        text = text[1:-1].strip()
    if text.endswith(")") and "(" in text:  # "FreeWill: … on Binaries (To Appear)": the status, not the title
        text = _TRAILING_STATUS.sub("", text)
    return text.strip(" *_")


_TRAILING_STATUS = Lazy(r"\s*\(\s*(?:to appear|accepted|in press|forthcoming)\s*\)$", regex.I)


def _quoted_title(lines: list[Line]) -> _Found:
    """A title in quotes, unless the quotes sit inside a longer emphasised title
    (**“Any Other Thoughts, Hedgehog?” Linking Deliberation Chains**)."""
    for index, line in enumerate(lines):
        if _QUOTE_MARKS.isdisjoint(line.text):
            continue  # every form of _QUOTED starts with one of them
        for match in _QUOTED.finditer(line.text):
            if (len(match.group(0).split()) < 2 and not _one_word_title(line.text, match)) or _inside_longer_run(
                    line, match.start(), match.end()):
                continue
            group = next(g for g in range(1, len(match.groups()) + 1) if match.group(g))
            return _Found(_clean_title(match.group(group)), index, match.span(), "quoted")
    return _Found()


_QUOTE_MARKS = frozenset("“\"`‘„”'")


def _one_word_title(text: str, match: regex.Match[str]) -> bool:
    """A title of one word in quotes where a citation puts its title: after the authors' (or the
    year's) full stop, its own stop or comma inside the quotes ("Kieran Healy. 2008. “Sociology.” In ...")."""
    inner = match.group(0)[1:-1]
    return (inner[-1:] in ".," and inner[:-1].isalpha() and inner[:1].isupper()
            and text[:match.start()].rstrip().endswith(".") and len(text[:match.start()].split()) >= 2)


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


_OPENING_QUOTE = Lazy(r"^\s*+[\"“]")
_ANY_QUOTE = Lazy(r"[\"“”]")


def _inside_longer_run(line: Line, start: int, end: int) -> bool:
    for run_start, run_end, style, href in _runs(line):
        if not (run_start <= start and end <= run_end and len(line.text[run_start:run_end].strip()) > end - start + 3):
            continue
        if style:
            return True  # emphasis, not a link that may wrap a whole citation
        if href is not None and line.text[:run_start].strip() and line.text[run_end:].strip(" .,;:"):
            return True  # a link between the names and the venue: its text is the title the quotes sit in
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
            # a first line that is one link or one bold run, over a line of names: the title, however
            # short and name-like ("[SWE-bench](…)", "\\textbf{Synchronization Schemas}. \\\\ A. Alur, …")
            over_names = bool(
                (href or style & Style.BOLD) and index == 0 and start == 0 and len(lines) > 1
                and not line.text[end:].strip(" .,;:") and _is_name_list(lines[1].text) and text.strip(" .") and rx(r"\p{L}{3}").search(text))
            heads_record = heads_record or over_names
            if joint is not None and index == joint.line and start < joint.names[1] and joint.names[0] < end:
                continue
            rule, score = (("heading", 4.0) if style & Style.HEADING else ("bold", 3.0) if style & Style.BOLD
                           else ("link over names", 2.5) if over_names else ("link text", 2.5) if href
                           else ("italic", 2.0))
            if best is not None and score - 0.4 * index <= best[0]:
                continue  # the score only goes down from here: this run cannot beat the best one
            if ((not heads_record and (len(text.split()) < 2 or len(text) < 12))
                    or (joint is None and _is_name_list(text) and not heads_record)
                    or _NOTE.fullmatch(text.strip(" ."))):
                continue  # a heading over the rest of its entry is its title ("Intermediate Dimensions")
            before = line.text[:start].rstrip().lower()
            plain = not style & (Style.BOLD | Style.HEADING)
            if plain and (style & Style.ITALIC or href) and rx(r"(?:^|\W)in\s?:?$").search(before):
                continue  # "In: *Journal*", "Published in [Journal](…)": the venue, not the title
            if plain and style & Style.ITALIC and rx(r"^\s*,?\s*\d").match(line.text[end:]):
                continue  # "*Journal* 11, p. 3"
            if venues.looks_like_venue(text) or _STATUS_UNDER_REVIEW.match(text) or _STATUS_ACCEPTED.match(text):
                score -= 2.5
            names_end = _author_extent(text)
            if names_end and not heads_record and rx(r"\s*[:.]\s").match(text[names_end:]):
                score -= 2  # "**J. Alda, J. Guasch and S. Peñaranda: *Title***": names, then the title
            score -= 0.4 * index  # the title comes early in an entry
            if best is None or score > best[0]:
                best = (score, index, start, end, text, rule)
    if best is not None:
        score, index, start, end, text, rule = best
        return _Found(_clean_title(text), index, (start, end), rule if score > 0 else f"{rule} (weak)")
    return _Found()


_DATED = Lazy(
    r"\(\s*(?:(?:19|20)\d\d[a-z]?\+?|n\.d\.|in press|forthcoming|submitted|in prep(?:\.|aration)?|under review"
    r"|(?:unpublished )?manuscript|unpublished|to appear|accepted"
    r"|[^()]{0,40}submission[^()]{0,20})\s*\)[.,:]?"
    r"|(?<=\s)(?:(?:19|20)\d\d[a-z]?(?:,\s*+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*+)?"
    r"|to appear|forthcoming|in press)\.(?=\s)",
    regex.I)  # "Ho EKH, Schaack S. 2019. Title. Journal"; Google Scholar's Harvard "Otim, J.S., 2018, July. Title.";
#             a status in the year's place: "Sailor, Craig. To appear. Tag questions. For The Oxford Handbook ..."


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


def _whole_link(lines: list[Line]) -> _Found | None:
    """An entry that is one link and nothing else, of a few words or more: its text is the title."""
    if len(lines) != 1:
        return None
    line = lines[0]
    hrefs = {h for c, h in zip(line.text, line.hrefs) if not c.isspace()}
    text = line.text
    if (len(hrefs) != 1 or None in hrefs or not 2 <= len(text.split()) <= 30 or text.count(",") > 2
            or rx(r"\b(?:19|20)\d\d\b|[“”]").search(text)):
        return None  # a whole citation inside one link ("<a>A. Author, “Title,” Venue 2020</a>") is read as one
    return _Found(_clean_title(line.text), 0, (0, len(line.text)), "whole entry one link")


def _title_before_date(line: Line) -> tuple[int, int] | None:
    """ "Title (2020). *Venue* 80: 500-507." or "Title (forthcoming). In A. Editor, ed., *Book*.": a line that
    opens with the title and its date, no authors, then only the venue: an emphasised venue name and
    numbers, or "In" and the book. The span of the title; None for "Author (2020). Title. Venue" (APA)."""
    text = line.text
    date = _DATED.search(text)
    head = text[:date.start()] if date else ""
    if date is None or date.start() < 8 or not head.strip() or _AUTHORS_MARK.search(head):
        return None  # "Smith, J. (2020).", "Lee et al. (2021)": APA's authors, then the title
    rest = date.end() + len(text[date.end():]) - len(text[date.end():].lstrip())
    if rx(r"In\s+\p{Lu}").match(text, rest):
        return 0, date.start()
    for run_start, run_end, style, _ in _runs(line):
        if run_start < rest:
            continue
        if (run_start == rest and style & (Style.ITALIC | Style.BOLD)
                and _ONLY_NUMBERS.fullmatch(text, run_end, len(text))):
            return 0, date.start()
        break
    return None


#: What marks a list of names: an initial ("J.", "A. B."), "et al", "&".
_AUTHORS_MARK = Lazy(r"(?<![\p{L}'’])\p{Lu}\.|\bet\.?\s?al\b|&")


def _title_below_dated_authors(lines: list[Line], index: int) -> tuple[_Found, tuple[int, int, int]] | None:
    """APA order a field a line, "Authors (2022)" / "Title" / "*Venue*": a line of names that its
    year closes, then a plain line that is neither names nor a venue: that line is the title."""
    if index + 1 >= len(lines):
        return None
    text = lines[index].text
    year = _DATED.search(text)
    if year is None or text[year.end():].strip(" .,:;") or not _is_name_list(text[:year.start()]):
        return None
    below = lines[index + 1]
    a, b = _split_sentences(below.text)[0]
    title = below.text[a:b]
    if len(title.split()) < 2 or _is_name_list(title) or venues.looks_like_venue(title) or _DATED.match(title):
        return None
    extent = _author_extent(text[:year.start()])
    return (_Found(_clean_title(title), index + 1, (a, b), "authors (year) / title"),
            (index, 0, extent or year.start()))


#: What may follow a venue's name to the end of its sentence: volume, issue, pages ("9(1): e85464.").
_ONLY_NUMBERS = Lazy(r"[\s\d():;,.–-]*+(?:[A-Za-z]?\d++[\s\d():;,.–-]*+)*+")


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
    # "Weems et al, Blebs Promote ...": "et al" closes the list, and a comma may follow it; so does
    # "& Others" (Google Scholar's export), before the title with no stop: "Lerm, M. & Others A differential ..."
    closed = rx(r"(?:\bet\.?\s?al\.?|\bothers)$", regex.I).search(text, 0, extent) is not None
    gap = rx(r"[.:,]?\s*" if closed else r"[.:]?\s*").match(text[extent:])
    # "& C. Sudheesh Dynamics of ...": a last name of initials and one word runs straight into the title
    run_on = (_ONE_INITIALED_NAME.fullmatch(text[_last_separator(text[:extent]):extent].strip()) is not None
              and rx(r"\s+\p{Lu}").match(text, extent) is not None)
    if gap is None or not (text[:extent].rstrip().endswith((".", ":")) or gap.group(0).strip() or run_on
                           or (closed and gap.end())):
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


_LIST_SEPARATOR = Lazy(r"[,;&]\s*+|\sand\s++")


def _locate_title(lines: list[Line], joint: _Joint | None = None,
                  ) -> tuple[_Found, tuple[int, int, int] | None]:
    """The title by the strongest signal present, and the authors when the same rule finds them.

    Quotes, then APA order with a dated author list, then emphasis or a link, then
    "Authors. Title." sentences, then the first line that is neither names nor a venue.
    """
    for index, line in enumerate(lines):
        if line.role == "title" and len(line.text.split()) >= 2:
            return _Found(_clean_title(line.text), index, (0, len(line.text)), "class: title"), None
    whole = _whole_link(lines)
    if whole is not None:  # <li><a href="paper.pdf">Viscous Micropump and Microturbine</a></li>: a bare linked title
        return whole, None
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
    for index, line in enumerate(lines[:1]):
        cut = _title_before_date(line)
        if cut is not None:  # "Title (2020). *Synthese* 197: 867-885.": a page that never names its owner
            # no list of names but "(with X and Y)": the venue is no author ("*Mind*."), so none is looked for
            return (_Found(_clean_title(line.text[cut[0]:cut[1]]), index, cut, "title (year). venue"),
                    None if joint is not None else (index, 0, 0))
    for index, line in enumerate(lines):
        if styled.title_line is not None and styled.title_line < index:
            break  # an emphasised title above a dated author line ("Title** / Authors (2025). Venue")
        below = _title_below_dated_authors(lines, index)
        if below is not None and (styled.title_line is None or styled.title_line > index + 1
                                  or styled.title_line == index + 1 and styled.rule == "italic"):
            return below
        for finder, rule in ((_title_after_dated_authors, "authors (year). title"),
                             (_title_after_author_sentence, "authors. title.")):
            if line.role in ("authors", "notes"):
                break  # "Authors: A. One, B. Two, et al. (* equal contribution)": no title after these names
            cut = finder(line)
            if cut is None or (styled.title_line == index and styled.title_span and styled.rule != "link text"
                               and styled.title_span[0] < cut[2]) or styled.rule == "link over names":
                continue  # the "names" are inside an emphasised title ("**Scaling Down, Serving Fast: ...**")
            if (styled.rule == "link text" and styled.title_line == index and styled.title_span
                    and 0 < styled.title_span[0] < cut[0] < styled.title_span[1]):
                # a cut inside a link after the names: "X, Y, [LinearRAG: Linear Graph RAG](…)" is one
                # title (a link that starts the line may hold the names too: "<a>Tarafder et al. (2022), …</a>")
                continue
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
    dashed = _title_dash_venue(lines[0].text) if lines else None
    if dashed:  # "Agents of Chaos — preprint, 2026." over an "Authors: …" line
        return _Found(_clean_title(lines[0].text[:dashed]), 0, (0, dashed), "title — venue"), None
    for index, line in enumerate(lines):
        if line.role in ("authors", "notes"):
            continue  # "Authors: …", "Notes: …": the page says what the line holds
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


#: " — " (an em or en dash between spaces) after a title, before where and when it appeared.
_TITLE_DASH = Lazy(r"\s[—–]\s")


def _title_dash_venue(text: str) -> int | None:
    """Where the title ends in "Title — Venue, year.": a spaced dash followed by a venue or a year
    (a CV's one-line form whose authors are on a line of their own), else None."""
    dash = _TITLE_DASH.search(text)
    if dash is None or len(text[:dash.start()].split()) < 2 or _is_name_list(text[:dash.start()]):
        return None
    tail = text[dash.end():]
    if _YEAR_IN_TAIL.search(tail) or venues.looks_like_venue(tail.strip(" .")):
        return dash.start()
    return None


_YEAR_IN_TAIL = Lazy(r"(?<!\d)(?:19|20)\d\d\.?\s*(?:\([^()]*\))?\s*$")


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
_COMMA = Lazy(r",\s+|(?<=\p{Ll}{2}|\))\.\s+(?=\p{Lu})")


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
            if run_end < end and _continues_title(line.text[run_end:end]):
                return run_start, end, authors_end  # "[Diffusion-limited … environments](…): An allometric …."
            return run_start, run_end, authors_end  # shorter ("[Title](…), Venue") or longer ("[Help? Rare …](…)")
    return cut


#: Text after a linked title, in its sentence, that is more of the title: a subtitle after a colon
#: ("](…): An allometric individual-based model."), a bracket the sentence goes on after in lower case
#: ("](…) (*Chen caerulescens*) during their winter and spring migration.").
_TITLE_GOES_ON = Lazy(r"^:\s++(?=\p{L})|^\s*+\([^()]{1,80}\)\s++\p{Ll}")


def _continues_title(after: str) -> bool:
    if not _TITLE_GOES_ON.match(after):
        return False
    rest = after.lstrip(" :")
    return not venues.looks_like_venue(rest) and _DATED.search(rest) is None


def _citation_found(line: Line, index: int, cut: tuple[int, int, int], rule: str,
                    ) -> tuple[_Found, tuple[int, int, int]]:
    a, b, authors_end = cut
    extent = _author_extent(line.text[:authors_end])
    return _Found(_clean_title(line.text[a:b]), index, (a, b), rule), (index, 0, extent or authors_end)
