"""What is left of an entry once its title and authors are cut: the venue phrase and the notes beside it."""
from __future__ import annotations

import regex

from .. import venues
from .._rx import Lazy, Needled, rx
from .lines import Line, _Found, _runs, _split_sentences
from .values import _NOTE, _STATUS_ACCEPTED, _STATUS_UNDER_REVIEW, _STATUS_UNKNOWN


#: "arXiv preprint arXiv:2503.12668": arXiv named as the venue (or, beside a DOI, only an identifier).
_ARXIV_MENTION = Lazy(
    r"(?:\barxiv\s+)?(?:\b(?:preprint|e-?print)\s+)?\barxiv\s*:?\s*\[?\d{4}\.\d{4,5}(?:v\d+)?\]?"
    r"(?:\s*\[[a-z-]+(?:\.[a-z]{2})?\])?", regex.I)
#: "(alphabetical order) Thirty-seventh Conference ...": a remark before the venue.
_LEADING_REMARK = Lazy(r"^\([^()]{1,60}\)\s*")
_VENUE_IN_NOTE = Lazy(r"\b(?:accepted|presented|published|appear(?:s|ing)?|award|prize)\s+(?:at|in|to|by)\s+"
                      r"(\p{Lu}[^()]{1,80})", regex.I)
#: "In Hastings, A., and L. Gross (eds.) ": the editors of the book a chapter is in, before the book's title.
#: "In A. Editor and B. Editor (eds.). *Book*", "In Frank Dobbin, editor, *Book*", "In H. De Cruz and J. De Smedt, ed., *Book*".
_EDITORS_BEFORE_BOOK = Lazy(r"^in:?\s++[^()]{2,300}?\s*+(?:\((?:eds?|editors?|hrsg)\.?\)|,\s*+(?:eds?\.?|editors?)(?=\s*+,))"
                            r"[\s.,:]*+", regex.I)
#: A piece that says what an essay or a review discusses: "Review essay on X, by Y", "Review of X".
_ABOUT_ANOTHER_WORK = Lazy(r"(?:an?\s+)?(?:book\s+)?review(?:\s+essay|\s+article)?\s+(?:of|on)\s", regex.I)
#: "Entry in the International Encyclopedia of ...", "Article in ...": the venue follows.
_ENTRY_IN = Lazy(r"(?:an?\s+)?(?:entry|article|essay)\s+in\s+(?:the\s+)?(?=\p{Lu})", regex.I)
_CITED = Lazy(r"(?:cited by\s*)?\d+\s+citations?|cited by \d+", regex.I)
_PREPRINT_SERVER = Lazy(r"\b(?:arxiv|biorxiv|medrxiv|ssrn|chemrxiv|psyarxiv|research square)\b", regex.I)
_PATENT = Lazy(r"\bpatent\b", regex.I)
#: A patent's number: an office code, then its digits and kind code ("CN111143245B", "US 10,123,456 B2",
#: "CN202410927066.9", "EP3456789A1").
_PATENT_NUMBER = Lazy(r"\b(?:CN|US|EP|WO|JP|KR|DE|GB|FR|CA|AU|TW|IN)\s?(?:\d[\d,/]{5,15}\d)(?:\.\d)?"
                      r"(?:\s?[A-C]\d?)?(?![\w.-])")
#: "Ph.D. Dissertation, Pennsylvania State University": the institution is the venue of a thesis.
_THESIS = Lazy(r"^(?:(?:ph\.?\s?d\.?|master'?s?|m\.?sc?\.?|b\.?sc?\.?|bachelor'?s?|senior|doctoral|"
               r"diploma|honou?rs?)\s+)?(?:thesis|dissertation)\b(?:\s+(?:of|at))?[,:]?\s*", regex.I)
_DATE_ONLY = Lazy(r"\(?(?:19|20)\d\d[a-z]?\)?(?:,?\s*+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*+\.?"
                  r"(?:\s*+\d{1,2})?)?", regex.I)
# Searched from the end ((?r)): only a match that ends the text counts, so every other end
# position fails at once, where a forward search tried up to 20 repeats from every start.
_TRAILING_NUMBERS = Lazy(
    r"(?r)(?:(?<!\s)\s++\d++(?:\.\d+)?(?:\s*\(\d+\))?(?:\s*:\s*[\w–-]+)?|(?<!\s)\s*+\(\s*+\)){1,20}+\s*$")


_TALK_REMARK = Lazy(r"(?:also\s+)?(?:presented|covered|featured|invited|selected)\b", regex.I)


def _venue_text(rest: str) -> tuple[str | None, list[str]]:
    """The venue phrase in what is left of an entry, and the notes found beside it.

    The phrase is the first sentence-like piece that is not a note, cut before
    a location or date that follows a comma ("NAACL 2025, Albuquerque, ...").
    """
    notes: list[str] = []
    text = rest
    if "(" in text:  # both start with a bracket
        text = rx(r"\(\s*[*†‡#✉]*\s*(?:equal(?:ly)? contribut\w*|co-?first|corresponding)[^()]{0,80}\)",
                  regex.I).sub(" ", text)
    for match in rx(r"\(([^()]{2,120})\)").finditer(text) if "(" in text else ():
        inner = match.group(1)
        if _STATUS_ACCEPTED.fullmatch(inner.strip()) or _STATUS_UNDER_REVIEW.fullmatch(inner.strip()):
            text = text.replace(match.group(0), " ")  # "(accepted)": the status, read elsewhere
        elif _NOTE.search(inner) or _STATUS_UNKNOWN.search(inner) or rx(r"revise|resubmit|accepted in|first author|advisor|equal|track", regex.I).search(inner):
            notes.append(inner.strip())
    for note in notes:
        text = text.replace(f"({note})", " ")
    if not text.isascii() or "with" in text.lower():  # _WITH_LINE spells it
        text = _WITH_LINE.sub(" ", text)
    text = _IDS_AND_JOINT.sub(" ", text)
    pieces: list[str] = []
    parts = rx(r"\s*(?:;|\n|\s[·•|](?:\s|$))\s*").split(text) if _PART_MARKS.intersection(text) else [text]
    for part in parts:
        bounds = _split_sentences(part)
        pieces.extend(part[a:b] for a, b in bounds)
    venue = None
    after_thesis = False
    pieces = [p for p in pieces if not _CITED.fullmatch(p.strip(" .,;"))]
    if len(pieces) > 1 and _PREPRINT_SERVER.search(pieces[0]):
        # "arXiv:2105.05095 / Proceedings to LCWS 2021": the published venue comes first
        # (not "arXiv:2302.10366 / Presented at Linux Plumbers Conference 2022": a talk about the preprint)
        published = [p for p in pieces[1:] if venues.looks_like_venue(p) and not _PREPRINT_SERVER.search(p)
                     and not _TALK_REMARK.match(p.lstrip())]
        if published:
            pieces.remove(published[0])
            pieces.insert(0, published[0])
    for position, piece in enumerate(pieces):
        piece = piece.strip(" ,.;:-–—|*")
        if (piece[:1], piece[-1:]) in (("(", ")"), ("[", "]")) and piece.count(piece[0]) == 1:
            piece = piece[1:-1].strip()  # "(Masters Thesis)", "[BEST PAPER]"
        if piece.startswith("("):  # _LEADING_REMARK starts so
            piece = _LEADING_REMARK.sub("", piece) if _LEADING_REMARK.sub("", piece).strip() else piece
        head = _first_clause(piece)
        if _is_status(head):
            rest = piece[len(head):].strip(" ,.;:-–|*") if piece.startswith(head) else ""
            if not rest or not rx(r"\p{L}{2}").search(rest) or _is_status(_first_clause(rest)):
                continue  # "Under submission", "Pending submission": a status, read elsewhere, not a venue
            piece, head = rest, _first_clause(rest)  # "Conditionally accepted, Journal of X": the venue follows
        if not rx(r"\p{L}{2}").search(piece) or _DATE_ONLY.fullmatch(piece):
            continue  # "2018, July": the date of an author line, not a venue
        if _NOTE.fullmatch(piece) or (_NOTE.match(piece) and len(piece.split()) <= 4):
            notes.append(piece)
            continue
        if venue is None and _ABOUT_ANOTHER_WORK.match(piece):
            continue  # "Review essay on *Valuing the Unique*, by Lucien Karpik": what the piece is about, not where
        if venue is None and _ENTRY_IN.match(piece):
            piece = piece[_ENTRY_IN.match(piece).end():]  # "Entry in the *International Encyclopedia of ...*"
            head = _first_clause(piece)
        editors = _EDITORS_BEFORE_BOOK.match(piece) if venue is None else None
        if editors:  # "In deRuiter, P. C., ... (eds.). Dynamic Food Webs: ...": the book is the venue
            piece = piece[editors.end():]
            if not piece:
                continue  # the book's title is the next sentence
            head = _first_clause(piece)
        if venue is None:
            thesis = _THESIS.match(piece)
            if thesis is None:
                venue = _institution(piece) if after_thesis or (
                    _UNIT_OF.match(head) and _GRANTS_DEGREES.search(piece)) else head  # "Faculty of X, Y University"
                following = pieces[position + 1] if position + 1 < len(pieces) else ""
                if venue == head and _UNIT_OF.match(head) and _GRANTS_DEGREES.search(following):
                    venue = _institution(following)  # "Faculty of X, \\ Y University, 2015": the university
            elif rx(r"\p{L}{2}").search(piece[thesis.end():]):
                venue = _institution(piece[thesis.end():])
            else:
                after_thesis = True  # "Ph.D. Dissertation (2023)" / next line: the institution
    if venue is None:
        # "(Oral, Accepted at NAACL Main 2024)", "(Best Paper Award at EDM 2024)"
        venue = next((m.group(1) for n in notes for m in [_VENUE_IN_NOTE.search(n)] if m), None)
    return venue, notes


def _is_status(text: str) -> bool:
    return bool(_STATUS_UNDER_REVIEW.fullmatch(text) or _STATUS_ACCEPTED.fullmatch(text) or _STATUS_UNKNOWN.fullmatch(text))


def _whole_emphasised_venue(lines: list[Line], found: _Found, phrase: str | None) -> str | None:
    """A venue phrase cut at a full stop inside an emphasised run ("{\\it Dev. Cell}. 2020 Dec;" read
    as "Dev") is the whole run: the page set the journal's name apart, abbreviations and all."""
    if not phrase:
        return phrase
    for index, line in enumerate(lines):
        title = found.title_span if index == found.title_line else None
        for start, end, style, _ in _runs(line):
            if not style or (title and start < title[1] and end > title[0]):
                continue
            run = line.text[start:end].strip(" ,;:")
            if run.startswith(phrase + ".") and rx(r"\p{L}").search(run, len(phrase) + 1) \
                    and not venues.names_publisher(run[len(phrase) + 1:].strip(" ,;:")):
                return run  # (not "The Journal of Supercomputing. Springer US": the publisher follows)
    return phrase


#: Identifiers, URLs and "(with X)" left in the text: no venue.
_IDS_AND_JOINT = Needled(rx(
    r"\bDOI:?\s*\S+|\bhttps?://\S+|\bISBN\S*:?\s*[\d -]+[\dX]|\(\s*(?:joint\s+)?with\s[^()]*\)", regex.I),
    "doi", "http", "isbn", "with")
#: What every separator between a remainder's parts holds.
_PART_MARKS = frozenset(";\n·•|")


def _institution(piece: str) -> str:
    """ "College of X, Pennsylvania State University, PA, USA" without the trailing place."""
    parts = [p.strip() for p in piece.strip(" ,;:").split(",")]
    while len(parts) > 1 and not rx(r"\b(?:univ|institut|college|school|academy|akademi|polytechn|ecole|"
                                              r"universit|department|center|centre)", regex.I).search(parts[-1]):
        parts.pop()
    # "Department of Ecosystem Science and Management, Penn State University": the university grants it
    while len(parts) > 1 and _UNIT_OF.match(parts[0]) and any(_GRANTS_DEGREES.search(p) for p in parts[1:]):
        parts.pop(0)
    while len(parts) > 1 and _GRANTS_DEGREES.search(parts[0]) and not _GRANTS_DEGREES.search(parts[-1]):
        parts.pop()  # "Penn State University, State College": the town after the university
    return ", ".join(parts).strip(" .")


#: A unit of a university, named before it.
_UNIT_OF = Lazy(r"\A(?:(?:the\s+)?(?:department|dept\.?|faculty|school|college|division|graduate school|laboratory)"
                r"\s+(?:of|for)\b|[\w\s&-]*\b(?:faculty|department|laboratory|lab)$)", regex.I)
_GRANTS_DEGREES = Lazy(r"\b(?:univ|universit|akademi|institute of technology|polytechn)", regex.I)


def _first_clause(piece: str) -> str:
    """ "NAACL 2025, Albuquerque, New Mexico" -> "NAACL 2025"; keeps "Journal of X, Part B"."""
    depth = 0
    for match in _CLAUSE_MARK.finditer(piece) if "," in piece else ():  # no comma: the whole piece
        char = match.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            head = piece[:match.start()]
            if rx(r"\p{L}{2}").search(head) and len(head.split()) >= 1:
                return _without_trailing_numbers(head).strip()
    return _without_trailing_numbers(piece).strip()


def _without_trailing_numbers(text: str) -> str:
    """:data:`_TRAILING_NUMBERS` cut, when the text can end with one: every form ends with a digit,
    a closing bracket, or a word after a colon ("12: e85464")."""
    last = text.rstrip()[-1:]
    if text.isascii() and not (last.isdigit() or last == ")" or ((last.isalnum() or last in "_-") and ":" in text)):
        return text
    return _TRAILING_NUMBERS.sub("", text)


#: What :func:`_first_clause` looks at: a comma, and the brackets that hide one.
_CLAUSE_MARK = Lazy(r"[,()\[\]]")


#: A line "With A. Batsis. Preprint, 2021.": the names up to the first full stop that ends a word, not an initial.
_WITH_LINE = Lazy(r"^[^\S\n]*+(?:(?i:joint(?:ly)?)\s+)?(?i:with)\s++((?:\b\p{Lu}\.|[^.;()\n])++)\.?", regex.M)

#: What is left of "Title by Names" once the names are cut.
_DANGLING_BY = Lazy(r"\s[Bb]y\s*$")


#: A ranking of the venue that some pages add: "(CCF-A)", "(JCR Q1, Top, IF-7.7)", "(SCI, IF: 5.2)", "(CORE A*)".
_RANK = Lazy(r"(?:CCF|CORE|JCR|SCIE?|SSCI|EI|CAS)(?:[-\s]?(?:Q[1-4]|[ABC]\*?|Top))?|Q[1-4]|Top|TOP"
             r"|(?:IF|Impact Factor)\s*[-:=：]?\s*\d{1,3}(?:\.\d{1,3})?")
_BRACKETED = Lazy(r"[(（]([^()（）]{1,100})[)）]")
_PIECES = Lazy(r"(?<!\s)\s*+[,，;、]\s*+")


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
        if line.role == "notes":
            continue  # "Notes: Covered by Science and WIRED": remarks on the paper, not where it appeared
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
