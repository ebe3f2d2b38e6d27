"""Names: where a list of names ends (:func:`_author_extent`), "(with X and Y)" co-authors, and the author finder."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import venues
from .._rx import Lazy, Needled, SeparatorFinder, rx
from ..authors import NAME_SIZED, author_list_score, looks_like_name
from ..document import Style
from .lines import Line, _Found


_WITH = Lazy(r"^\s*\(?\s*(?:joint )?with\s+", regex.I)


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
    vancouver = True  # every name so far is "Family INITIALS" ("Kim D", "Gasparini VR")
    pairs = 0  # "Family, I." pairs so far
    only_pairs = True  # every name so far is half of such a pair
    etal_end = 0  # where an "et al" that ended the chunk ends
    for match in _NAME_SEPARATOR.finditer(text):  # up to the first empty match: the end
        chunk = text[pos:match.start()]
        after_etal, etal_end = etal_end, 0  # the chunk before this one ended with "et al"
        etal = _ET_AL.search(chunk) if _may_hold_etal(chunk) else None
        if etal:  # "M. F. Albakry et al. Search for ...": "et al." closes the list...
            head = _without_marks(chunk[:etal.start()]).strip(" .,")
            if not ((head and _name_chunk(head)) or (not head and names)):
                break
            after = _without_marks(chunk[etal.end():]).strip(" .,")
            if (after and not _name_chunk(after)) or (not after and not match.group(0)):
                return pos + etal.end()
            etal_end = 0 if after else pos + etal.end()
            # ...unless more names follow it: "et al., Adaku Uchendu, ..." or "... Zwienenberg, M."
        stop = _SENTENCE_AFTER_NAME.search(chunk) if "." in chunk else None
        if stop and chunk[:stop.start()].rsplit(None, 1)[-1].lower() in venues.abbreviations():
            stop = None  # "N. Rösch, J. Chem. Phys. 128": the full stop of "Chem." abbreviates
        if stop:
            chunk_core = _without_marks(chunk[:stop.start() + 1]).strip(" .")
            if chunk_core and _name_chunk(chunk_core):
                return pos + stop.start() + 1
        initials = _INITIALS_THEN_TITLE.match(chunk) if inverted else None
        if initials and (not _name_chunk(_without_marks(chunk[initials.end():]).strip(" .")) or (
                pairs and only_pairs)):
            # "Spackman, P. R.; Hall, A. V. The interplay of ...": initials end it; so they do in a list whose
            # every pair is "Family, I.": "Puranik, S. & Prasad, M. Development and utilization of ..."
            return pos + initials.end(1)
        colon = chunk.find(": ")
        if colon > 0 and full_names and _name_chunk(_without_marks(chunk[:colon]).strip(" .")):
            return pos + colon  # "J. Guasch and S. Peñaranda: Title" (not "CorDA: Context-Oriented ...")
        last = _VANCOUVER_LAST.match(chunk) if names and vancouver else (
            _VANCOUVER_LONE.match(text) if not names and not pos else None)
        if last:
            return pos + last.end(1) + 1  # "Kim D, Park G, Huuhtanen J. Somatic mTOR ...": the full stop after the initials
        core = _without_marks(chunk).strip(" .:")
        if after_etal and core and len(core.split()) == 1 and match.group(0).strip() in ("and", "&"):
            return after_etal  # "Meghan K. Driscoll et al, Robust and automated ...": a title word, not a name
        if core and not _name_chunk(core):
            if after_etal:
                return after_etal  # "Alec Bancroft et al, Discoidin Domain Receptor 2 ...": no name after "et al"
            head = _NAMES_HEAD.match(chunk).group(0)
            head_core = _without_marks(head).strip(" .")
            if head_core and head != chunk and _name_chunk(head_core):
                return pos + len(head.rstrip(" ."))
            named = _INITIALED_NAME.match(chunk) if names and not inverted else None
            if named and not _name_chunk(_without_marks(chunk[named.end():]).strip(" .")):
                return pos + named.end(1)  # "S. Anupama & C. Sudheesh Dynamics of ...": no mark ends the list
            break
        if core:
            initials_only = _INITIALS_ONLY.fullmatch(core) is not None
            word_count = len(core.split())
            pairs += inverted and initials_only
            only_pairs = only_pairs and (initials_only if inverted else word_count == 1)
            names += 1
            full_names += word_count >= 2
            inverted = word_count == 1 and not initials_only  # "Hall" of "Hall, A. V."
            vancouver = vancouver and _VANCOUVER_NAME.fullmatch(core) is not None
        end = match.start() if match.group(0) else len(text)
        pos = match.end()
        if not match.group(0):
            break
    return end if names else 0


#: What stands between two names. It starts only where a space run starts (or the last match
#: ended) and takes the run whole, so that a run of spaces is read once: linear. On ASCII text
#: through stdlib twins (a third of ``regex``'s cost per call here).
_NAME_SEPARATOR = SeparatorFinder(r"(?:(?<!\s)|\G)(?:\s*+(?:;|,\s*(?:and|&)\s+|,)|\s++(?:and|&)\s+)\s*|$")


def _may_hold_etal(chunk: str) -> bool:
    """Cheap test before :data:`_ET_AL`: each of its forms holds one of these ("…", three full
    stops, "et" and "al", "other", "more"; no letter of those words has a non-ASCII case fold)."""
    if "…" in chunk or chunk.count(".") >= 3:
        return True
    lowered = chunk.lower()
    return ("et" in lowered and "al" in lowered) or "other" in lowered or "more" in lowered


def _without_marks(chunk: str) -> str:
    """:data:`_MARKS_AND_ETAL` replaced by spaces, skipped when no mark character, "et al",
    "and others" or bracket can be in the chunk."""
    if _MARK_OR_BRACKET.isdisjoint(chunk):
        lowered = chunk.lower()
        if not ("et" in lowered and "al" in lowered) and "other" not in lowered and "more" not in lowered:
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


#: Title words that are also family names ("Ofir Press", "William H. Press"), and the words
#: that make them a publisher after all ("Academic Press", "University Press").
_SURNAME_TITLE_WORDS = frozenset(("press",))
_PUBLISHER_WORDS = frozenset("academic university college open scholarly free new national world american "
                             "european international science scientific medical technical".split())


def _family_title_word(words: list[str]) -> bool:
    """A given name (and initials) before a title word that is a family name: "Ofir Press"."""
    given = words[:-1]
    return (2 <= len(words) <= 3 and words[-1].lower() in _SURNAME_TITLE_WORDS and words[-1][0].isupper()
            and given[0][:1].isupper() and not given[0].isupper() and given[0].lower() not in _PUBLISHER_WORDS
            and all(w.lower() not in _TITLE_WORDS for w in given) and looks_like_name(" ".join(words)))


def _reads_as_name_chunk(text: str) -> bool:
    words = text.split()
    if len(words) > 5:
        return False  # looks_like_name takes one to five words (commas split more, never fewer)
    initials_first = len(words) >= 2 and all("." in w and _INITIALS_ONLY.fullmatch(w) for w in words[:-1])
    if not initials_first and _family_title_word(words):
        return True
    if len(words) >= 4 and words[0] == "A" and all(len(w) > 1 for w in words[1:]):
        return False  # "A Real-Time Hand Gesture Recognition" (not "A K M Hossain"): a title's article
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
    return (initials_first or all(len(w.strip(".")) <= 2 for w in words) or not venues.looks_like_venue(text)
            or venues.acronym_in_lower_case(text))


#: Initials and one family name, then a capitalised word: the last name of a list that runs into the title.
_INITIALED_NAME = Lazy(r"^\s*+((?:\p{Lu}\.\s?(?:-\p{Lu}\.\s?)?){1,3}\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)\s+(?=\p{Lu}\p{Ll})")
_ONE_INITIALED_NAME = Lazy(r"(?:\p{Lu}\.\s?(?:-\p{Lu}\.\s?)?){1,3}\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?")
#: A chunk's start before a bracket, a number or a field separator ("S. Ma · ICML", "S. Ma | Journal").
_NAMES_HEAD = Lazy(r"[^(\[\d·•|]*")
_INITIALS_ONLY = Lazy(r"(?:\p{Lu}\.?\s?-?)+")
#: Initials, then a word that is not one: "A. V. The interplay between ..." after "Hall,".
#: A mark may follow an initial: "Mateos, A*. Locomotor economy ...", "Peresani, M.*. Subsistence of ...".
_INITIALS_THEN_TITLE = Lazy(r"^((?:\p{Lu}(?:\.(?:[*†‡#]++\.?)?|[*†‡#]++\.)\s?(?:-\p{Lu}\.\s?)?)+)\s*(?=\p{Lu}?\p{Ll}|\p{Lu}{2}|\p{Lu}\s)")
#: A Vancouver (PubMed) name, "Family INITIALS" with no full stops: "Kim D", "Keränen MAI", "de Boer J".
_VANCOUVER_NAME = Lazy(r"\A(?:(?:\p{Lu}[\p{L}'’-]*+|\p{Ll}{1,3})\s+){1,6}+\p{Lu}{1,3}\Z")
#: The last name of a Vancouver list, then the full stop that ends the list and the title after it.
_VANCOUVER_LAST = Lazy(r"\A\s*+((?:(?:\p{Lu}[\p{L}'’-]*+|\p{Ll}{1,3})\s+){1,6}+\p{Lu}{1,3})\.\s+(?=\S)")
#: A lone author written the Vancouver way, then the full stop that ends it and the title: "Newson RB. Robit
#: regression ..." (one family name, one to three initials, then two words that are no more names: not
#: "Sue Y. Kim et al, ..." nor "Andrew J. Barry, ...").
_VANCOUVER_LONE = Lazy(r"\A\s*+(\p{Lu}\p{Ll}[\p{L}'’-]*+\s+\p{Lu}{1,3})\.\s+(?=[\p{L}\d\"“‘(][^\s,;]*\s+(?!et\.?\s?al\b|(?:and|&)\s+\p{Lu})\S)")
#: "et al.", "and others", "& Others" (a chunk that starts with "Others" followed "&"), "…", "...".
_ET_AL = Lazy(r"\bet\.?\s*al\b\.?|(?:\band\s+|&\s*|^\s*)others\b|\b\d+\s+(?:more\s+(?:authors?|others)|others)\b"
              r"|(?:…|\.\s?\.\s?\.)(?:\s*+more\b)?", regex.I)
_MARKS_AND_ETAL = Lazy(r"[*†‡#§¶✉+✝⁎∗^]+|\^\{?[\w,*†‡#]+\}?|\bet\.?\s*al\.?|(?:\band |&\s*|^\s*)others\b|"
                       r"\b\d+\s+(?:more\s+(?:authors?|others)|others)\b|(?:…|\.\s?\.\s?\.)(?:\s*+more\b)?|"
                       r"\(\s*(?:equal contribution|corresponding author|co-first)\s*\)", regex.I)
_SENTENCE_AFTER_NAME = Lazy(r"(?<=\p{Ll}{2}[*†‡#]*)\.\s+(?=\S)")


#: "(2015)." closing an APA author line: the line's date, no part of its names.
_TRAILING_DATE = Lazy(r"\s*+\(\s*+(?:19|20)\d\d[a-z]?\s*+\)[.,:]?$")


def _has_list_separator(text: str) -> bool:
    """A comma, semicolon, "&" or the word "and" (the search runs only where "and" is)."""
    return "," in text or ";" in text or "&" in text or ("and" in text and _AND.search(text) is not None)


_AND = Lazy(r"\band\b")


def _is_name_list(text: str) -> bool:
    """Text that is (almost) only names, maybe dated ("Hopper, W. J. & Huber, D. E. (2015)."): an
    author line, never a title."""
    stripped = text.strip()
    stripped = (_TRAILING_DATE.sub("", stripped) if ")" in stripped else stripped).strip(" .,;:*")
    if not stripped or (len(stripped.split()) > 3 and not _has_list_separator(stripped)):
        return False  # one "name" of four words or more is a title in title case
    return _author_extent(stripped) >= 0.8 * len(stripped)


_JOINT_WITH = Needled(rx(
    r"\(\s*+(?:joint(?:ly)?\s+)?with\s+([^()]{2,300})\)|^[^\S\n]*+(?:joint(?:ly)?\s+)?with\s+([^;()\n]{2,300})"
    r"|\bjoint(?:ly)?\s+with\s+([^;()\n]{2,300})", regex.I), "with")


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
    styles = line.styles
    if start >= end or styles[start] & Style.ITALIC:
        return end  # italic names ("*Abhijnan Nath*, ...") run into no change of style
    for match in rx(r"[,;]\s*").finditer(line.text[start:end]):
        after = start + match.end()
        if after < end and styles[after] & Style.ITALIC:
            run_end = after
            while run_end < len(styles) and (styles[run_end] & Style.ITALIC or not line.text[run_end].strip()):
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



_UPPER = Lazy(r"\p{Lu}")
_WORD_START = Lazy(r"(?<![\p{L}\p{M}'’])\p{Ll}")


def _capitalised(text: str) -> str:
    """``text`` with every word's first letter in capitals, of the same length (offsets stay valid)."""
    return _WORD_START.sub(lambda m: m.group(0).upper() if len(m.group(0).upper()) == 1 else m.group(0), text)


_EDITED_BY = Lazy(r"\b(?:edited|eds?\.?)\s+by\s*+:?\s*+$|\beditors?\s*+:\s*+$", regex.I)
_BY = Lazy(r"(?<!\b[Ee]dited|\b[Ee]ds?\.?|\b[Tt]ranslated|\b[Ss]upervised)\s[Bb]y\s+(?=\p{Lu})")


def _find_authors(lines: list[Line], found: _Found) -> tuple[int, int, int] | None:
    """The line the page's classes call its authors, else the most name-like stretch: (line, start, end)."""
    for index, line in enumerate(lines):
        if line.role == "authors" and index != found.title_line and author_list_score(line.text) >= 0.5:
            return index, 0, len(line.text)
    best: tuple[float, int, int, int] = (0.0, -1, 0, 0)
    # a page written all in lower case ("e. listo zec, t. hagander"): its names are read capitalised
    lower_case = bool(found.title) and _UPPER.search(found.title) is None
    for index, line in enumerate(lines):
        if line.role == "venue":
            continue  # the page says this line names the venue ("Venue: Zenodo", <div class="venue">)
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
            if _EDITED_BY.search(line.text, 0, start + lead):
                continue  # "In The Oxford Handbook of X. Edited by A, B, and C.": the book's editors
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
