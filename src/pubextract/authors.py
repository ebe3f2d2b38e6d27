"""Authors: cutting an author list into people, and a person's name into parts.

``split_author_list`` takes the text of an author segment with a style per
character (so a bold, underlined or superscript run can be told apart) and
returns :class:`ParsedAuthor` items with the raw marks found on each name; the
page's legend gives the marks their meaning later (:mod:`pubextract.normalise`).
``split_name`` splits one name into given and family parts, keeping initials as
written.

The list is cut in three steps, each its own function: separators outside
brackets and superscripts give *chunks*; chunks written family-first
("Suzuki, Akisato", "Kriel, N.") are paired back into one name; each name is
cleaned of its marks, affiliation numbers and native-script variant.
"""
from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex

from ._rx import Lazy, SeparatorFinder, rx
from .data import load_toml
from .document import Style

#: Marks written after (or before) an author's name.
MARK_CHARS = "*†‡#§¶✉+✝⁎∗⋆★☆$"
_MARK_PHRASE = r"equal(?:ly)?[ -]contribut\w*|contributed equally|co-?first(?: author)?|joint first(?: author)?|" \
               r"(?:co-?)?corresponding(?: author)?|equal first author\w*"
_MARKS = Lazy(
    rf"[{regex.escape(MARK_CHARS)}]+\ufe0f?|\^\{{?[\w,*†‡#]+\}}?|\^(?![\w{{])|\(\s*(?:{_MARK_PHRASE})\s*\)", regex.I)
#: "et al.", "and others", and the count of the names a page hides: al-folio's "and 3 more authors"
#: ("5 others"), and a "...more" that shows them.
_ET_AL = Lazy(r"\bet\.?\s*al\b\.?|(?:\band\s+|&\s*|\G\s*)others\b|\betc\b\.?|\b\d+\s+(?:more\s+(?:authors?|others)|others)\b"
              r"|(?:…|\.\s?\.\s?\.)(?:\s*+more\b)?", regex.I)
# Possessive runs, and a start only where a whitespace run (or the last match) ends, keep spaces linear.
_SEPARATOR = SeparatorFinder(
    r"(?:(?<!\s)|\G)(?:\s*+(?:;|,\s*+(?:and|&)\s|,(?!\d))\s*+|\s++(?:and|&|with)\s\s*+|[^\S\n]*+\n\s*+)"
    r"|^\s*+(?:and|&)\s+", regex.I)
_INITIALS = Lazy(r"^(?:\p{Lu}\.?(?:[-‐]?\p{Lu}\.?)*|\p{Lu}\p{Ll}?\.)$")
_DOTTED_INITIALS = Lazy(r"^\p{Lu}\.(?:[-‐]?\p{Lu}\.)*$|^\p{Lu}[-‐]\p{Lu}$|^\p{Lu}{1,3}$")
_WORD = Lazy(r"^[\p{Lu}\p{Lt}][\p{L}\p{M}'’.\-‐]*$")
_NICKNAME = Lazy(r"^[\"'‘“(]\p{Lu}[\p{L}.\-]*[\"'’”)]$")
_NATIVE_WORD = Lazy(r"^[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}·・]{2,8}$")
_NATIVE = Lazy(r"(?<!\s)\s*+[(（]\s*+([\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}][^)）]{0,20})[)）]")
_PARENTHETICAL = Lazy(r"(?<!\s)\s*+[(\[（][^()\[\]（）]*+[)\]）]")
_AFFILIATION = Lazy(r"(?<=[\p{Ll}\p{Lu}.])\d{1,2}(?:,\d{1,2})*(?=\s*$)")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_PINYIN = Lazy(r"^(?:(?:zh|ch|sh|[bcdfghjklmnpqrstwxyz])?(?:[aeiouv]{1,3})(?:ng|n|r)?)+$", regex.I)
_OPEN, _CLOSE = "([{（", ")]}）"
#: Emphasis that marks the page's owner in a list of names.
OWNER_EMPHASIS = Style.BOLD | Style.UNDERLINE | Style.CODE


@cache
def _name_words() -> dict[str, frozenset[str]]:
    """The particle and suffix lists of ``data/names.toml``, loaded on first use."""
    data = load_toml("names.toml")
    return {"particles": frozenset(data["particles"]["lower"]),
            "capitalised": frozenset(data["particles"]["capitalised"]),
            "suffixes": frozenset(data["suffixes"]["words"]),
            "titles": frozenset(data["titles"]["words"])}


def particles() -> frozenset[str]:
    """Lower-case words that start a family name ("van", "de", "von")."""
    return _name_words()["particles"]


def is_title(word: str) -> bool:
    """"Prof.", "Dr.": a word before a name that is no part of it."""
    return word.lower().strip(".,") in _name_words()["titles"]


def is_suffix(word: str) -> bool:
    """"Jr.", "III", "PhD": a word after a name that is no part of given or family."""
    return word.lower().strip(".,") in _name_words()["suffixes"]


@dataclass(frozen=True, slots=True)
class ParsedAuthor:
    name: str  # display form, marks removed
    marks: tuple[str, ...]
    emphasised: bool  # bold / underline / code on the page
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AuthorList:
    authors: tuple[ParsedAuthor, ...]
    truncated: bool


@dataclass(frozen=True, slots=True)
class _Piece:
    """One cleaned chunk of an author list, before family-first chunks are paired."""

    name: str
    marks: tuple[str, ...]
    variants: tuple[str, ...]
    emphasised_letters: int
    letters: int
    author: ParsedAuthor  # the piece as one author on its own (built once: cleaned pieces are cached)
    named: bool  # the name holds a letter (else the piece is dropped)


def _mark_tokens(mark: str) -> list[str]:
    """``"*"`` -> ["*"]; ``"1,*"`` -> ["1", "*"]; ``"equal contribution"`` -> ["equal"]."""
    lowered = mark.lower()
    if "equal" in lowered or "first" in lowered:
        return ["equal"]
    if "corresponding" in lowered:
        return ["corresponding"]
    tokens: list[str] = []
    for part in rx(r"[,\s]+").split(mark.translate(_SUPERSCRIPT_DIGITS).replace("\ufe0f", "")):
        if part.isdigit() or part.isalpha():
            tokens.append(part)
        else:
            tokens.extend(part)
    return [t for t in tokens if t]


def _is_full_stop(last_word: str) -> bool:
    """Whether a final "." ends a sentence rather than an initial ("Yi." ends; "Y." is an initial)."""
    return not rx(r"^\p{Lu}\.(?:[-‐]?\p{Lu}\.)*$|^\p{Lu}[-‐]\p{Lu}\.$").match(last_word)  # "Y.", "M.-L.", "Y-C."


#: Chunks up to this long are name-sized: their cleaning is cached (the same names recur).
NAME_SIZED = 60


def _clean(chunk: str, styles: Sequence[int]) -> _Piece:
    """A chunk without its marks, affiliation numbers and native variant, with its emphasis counted."""
    if len(chunk) <= NAME_SIZED:
        return _clean_name_sized(chunk, tuple(styles))
    return _clean_chunk(chunk, styles)


@functools.lru_cache(maxsize=16384)
def _clean_name_sized(chunk: str, styles: tuple[int, ...]) -> _Piece:
    return _clean_chunk(chunk, styles)


def _clean_chunk(chunk: str, styles: Sequence[int]) -> _Piece:
    marks: list[str] = []
    distinct = set(styles)
    if len(styles) == len(chunk) and not any(s & Style.SUP for s in distinct):
        text, kept_styles = chunk, styles  # nothing in superscript: every character stays
    else:
        kept = []
        sup_run = ""
        for char, style in zip(chunk, styles):
            if style & Style.SUP:
                sup_run += char
                continue
            if sup_run:
                marks.extend(_mark_tokens(sup_run))
                sup_run = ""
            kept.append((char, style))
        if sup_run:
            marks.extend(_mark_tokens(sup_run))
        text = "".join(c for c, _ in kept)
        kept_styles = [s for _, s in kept]
        distinct = set(kept_styles)
    letters = sum(map(str.isalpha, text))
    emphasised = sum(1 for c, s in zip(text, kept_styles) if s & OWNER_EMPHASIS and c.isalpha()) if any(
        s & OWNER_EMPHASIS for s in distinct) else 0
    superscripts = _SUPERSCRIPTS.findall(text)
    if superscripts:
        for found in superscripts:
            marks.extend(_mark_tokens(found))
        text = _SUPERSCRIPTS.sub(" ", text)
    variants: list[str] = []
    native = _NATIVE.search(text) if "(" in text or "（" in text else None
    if native:
        variants.append(native.group(1).strip())
        text = text[:native.start()] + " " + text[native.end():]
    if not _MARK_STARTS.isdisjoint(text):  # each mark starts with one of these characters
        for match in _MARKS.finditer(text):
            found = match.group(0)
            marks.extend(["^"] if found == "^" else _mark_tokens(found.strip("^{}() ")))  # a bare "^" is a mark
            before = text[:match.start()]
            # a name is short: checking only near the start keeps a list of many marks linear
            if (len(before) <= 100 and looks_like_name(before.strip())
                    and len(_MARKS.sub(" ", text[match.end():]).split()) >= 2):
                text = before  # what follows a name's mark is a note: "Wu* *Project Core Leads"
                break
        text = _MARKS.sub(" ", text)
    if not _BRACKETS.isdisjoint(text):
        text = _PARENTHETICAL.sub(" ", text)  # an affiliation or a role: "(Alibaba)", "(advisor)"
    affiliation = _AFFILIATION.search(text.rstrip()) if text.rstrip()[-1:].isdigit() else None
    if affiliation:
        marks.extend(affiliation.group(0).split(","))
        text = text.rstrip()[:affiliation.start()]
    leading_and = _LEADING_AND.match(text)
    if leading_and:
        text = text[leading_and.end():]
    words = text.strip(" ,;:\u00a0").split()
    while len(words) > 1 and is_title(words[0]):
        words.pop(0)
    name = " ".join(words)
    if name.endswith(".") and name.split() and _is_full_stop(name.split()[-1]) and not is_suffix(name.split()[-1]):
        name = name[:-1].rstrip()
    marks_kept, variants_kept = tuple(dict.fromkeys(marks)), tuple(variants)
    author = ParsedAuthor(name, marks_kept, letters > 0 and emphasised > letters / 2, variants_kept)
    return _Piece(name, marks_kept, variants_kept, emphasised, letters, author, any(map(str.isalpha, name)))


_SUPERSCRIPTS = Lazy(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_MARK_STARTS = frozenset(MARK_CHARS + "^(")
_BRACKETS = frozenset("([（")
_LEADING_AND = Lazy(r"^\s*(?:and|&)\s+", regex.I)


def _is_word(token: str) -> bool:
    return bool(_WORD.match(token)) or token.lower() in particles() or bool(_NICKNAME.match(token))


def looks_like_name(text: str) -> bool:
    """One to five name-shaped words: "Zhen Zheng", "Z. Zheng", "Kanemoto, Y.", "WANG Jue"."""
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 5:
        return False
    if len(words) == 1 and _NATIVE_WORD.match(words[0]):
        return True
    if words[0].lower() in particles() and not words[0][0].isupper() and len(words) == 1:
        return False
    return all(map(_name_word, words))


@functools.lru_cache(maxsize=65536)
def _name_word(word: str) -> bool:
    """One word that may be part of a name (cached: the same names recur on a page)."""
    return _is_word(word) or bool(_INITIALS.match(word)) or is_suffix(word)


def _chunk_bounds(text: str, styles: Sequence[int] | None) -> tuple[list[tuple[int, int, bool]], bool]:
    """(start, end, after_comma) of the pieces between separators outside brackets and superscripts,
    and whether the text holds an "et al." (which ends a piece too).

    ``after_comma`` says the piece follows a bare comma, the only separator that
    can also stand between a family name and a given name ("Suzuki, Akisato").
    """
    # A separator's first and last characters are never brackets, so the depth at either is the level
    # after the brackets before it: one entry per bracket, found by bisection.
    positions: list[int] = []
    levels: list[int] = []
    if not _OPEN_SET.isdisjoint(text):  # else every depth is 0
        level = 0
        for match in _BRACKET_CHAR.finditer(text):
            if match.group() in _OPEN:
                level += 1
            elif level:
                level -= 1
            positions.append(match.start())
            levels.append(level)
    has_sup = styles is not None and any(s & Style.SUP for s in set(styles))
    bounds: list[tuple[int, int, bool]] = []
    pos = 0
    after_comma = False
    for separator in _SEPARATOR.finditer(text):
        start, end = separator.span()
        if positions:
            before_start, before_last = bisect_right(positions, start), bisect_right(positions, end - 1)
            if before_start and levels[before_start - 1] and before_last and levels[before_last - 1]:
                continue  # inside brackets
        if has_sup and styles is not None and any(styles[i] & Style.SUP for i in range(start, end) if i < len(styles) and text[i].strip()):
            continue
        bounds.append((pos, start, after_comma))
        pos = end
        after_comma = text[start:end].strip() == ","
    bounds.append((pos, len(text), after_comma))
    # No "et al." in the whole text means none in a piece: every piece starts after a non-word
    # character and ends before one, so the pattern's word boundaries read the same.
    et_al = _ET_AL.search(text) is not None
    if et_al:
        out: list[tuple[int, int, bool]] = []
        for start, end, comma in bounds:
            cut = start
            for match in _ET_AL.finditer(text, start, end):
                out.append((cut, match.start(), comma))
                cut, comma = match.end(), False
            out.append((cut, end, comma))
        bounds = out
    return [(a, b, comma) for a, b, comma in bounds if text[a:b].strip(" .,;:")], et_al


_OPEN_SET = frozenset(_OPEN)
_BRACKET_CHAR = Lazy(f"[{regex.escape(_OPEN + _CLOSE)}]")


@functools.lru_cache(maxsize=4096)
def author_list_score(text: str) -> float:
    """0..1: how much a text reads as a list of names."""
    pieces = [_clean(text[a:b], [Style.NONE] * (b - a)).name for a, b, _ in _chunk_bounds(text, None)[0]]
    pieces = [p for p in pieces if p]
    if not pieces:
        return 0.0
    good = sum(1 for p in pieces if looks_like_name(p))
    score = good / len(pieces)
    if len(pieces) == 1:
        score *= 0.6
    return score


class _WordShape(NamedTuple):
    """One word of a name, as the pairing rules read it."""

    initials: bool  # initials only: "Y.", "J.R.", "M.-L." (the initials of Marie-Louise), "JA"
    single: bool  # a capitalised word that is neither initials nor a suffix: "Suzuki", "García"
    suffix: bool  # "Jr.", "III"
    dotted: bool  # one run of initials: "Y.", "Y-C", "JA"
    particle: bool  # "van", "de"


@functools.lru_cache(maxsize=65536)
def _word_shape(word: str) -> _WordShape:
    initials = all(_DOTTED_INITIALS.match(w) for w in word.replace(".-", ".").replace(".", ". ").split())
    suffix = is_suffix(word)
    return _WordShape(initials, bool(_WORD.match(word)) and not initials and not suffix, suffix,
                      bool(_DOTTED_INITIALS.match(word)), word.lower() in particles())


class _Shape(NamedTuple):
    """What :func:`_pairs` asks of one name, answered once per name from the shapes of its words."""

    family: bool  # one family name, maybe behind particles: "Suzuki", "van der Wal"
    given: bool  # what may follow a family name and a comma: "Akisato", "Michael J.", "J. R."
    initials_given: bool  # such a given name that starts with initials: "Y.", "J. R."
    compound: bool  # two family names ("García Alanis"), as a "García Alanis, J. C." list writes them
    initials: bool  # initials only
    suffix: bool  # the whole chunk is a suffix: "Jr."
    full: bool  # two words or more, not initials only: "Peter McCrossan"
    initial_and_word: bool  # initials, then one word: "Y. Rin" (a given name after an initial, or "A. Jones")


@functools.lru_cache(maxsize=16384)
def _shape(name: str) -> _Shape:
    words = [_word_shape(w) for w in name.split()]
    initials = bool(words) and all(w.initials for w in words)
    given_words = [w for w in words if not w.suffix]
    given = 0 < len(given_words) <= 3 and (all(w.initials for w in given_words) or (
        given_words[0].single and all(w.dotted for w in given_words[1:])))
    return _Shape(family=bool(words) and words[-1].single and all(w.particle for w in words[:-1]),
                  given=given, initials_given=given and words[0].initials,
                  compound=len(words) == 2 and words[0].single and words[1].single, initials=initials,
                  suffix=is_suffix(name), full=len(words) >= 2 and not initials,
                  initial_and_word=len(words) == 2 and words[0].dotted and words[1].single)


def _pairs(names: list[str], after_comma: list[bool], family_first: bool = True) -> list[tuple[int, int]]:
    """Index ranges of the chunks that form one author: ``(i, i + 2)`` for "Family", "Given".

    Every chunk is paired with the next when the whole list alternates family
    names and given names ("Smith, John, Doe, Jane"); otherwise a single word
    followed by initials ("Kanemoto, Y.") pairs, and so does a first author
    written family-first before names written in full ("Suzuki, Akisato, Peter
    McCrossan, and David Doyle"). Only a bare comma joins: "Willsky & Jones"
    are two people. Without ``family_first`` (a page whose lists are family names only,
    "Henderson, Clevert, Montanari") only initials follow a family name.
    """
    n = len(names)
    shapes = [_shape(name) for name in names]
    alternating = family_first and n >= 2 and n % 2 == 0 and (all(
        shapes[i].family and shapes[i + 1].given and after_comma[i + 1] for i in range(0, n, 2))
        or _bibtex_style(names, shapes, after_comma))
    # "Yoon, Y. Rin, Joann Peck": a given name after an initial too, where no later name is written so
    # ("Smith, A. Jones, B. Lee" are three people)
    first_inverted = (family_first and n >= 3 and shapes[0].family and after_comma[1] and shapes[2].full
                      and (shapes[1].given or (shapes[1].initial_and_word
                                               and not any(s.initial_and_word for s in shapes[2:]))))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
        pair = i + 1 < n and after_comma[i + 1] and (
            (alternating and i % 2 == 0)
            or (shapes[i].family and shapes[i + 1].initials_given)
            or (shapes[i].compound and shapes[i + 1].initials)
            or (first_inverted and i == 0))
        if i + 1 < n and shapes[i + 1].suffix and not pair:
            spans.append((i, i + 2))
            i += 2
            continue
        spans.append((i, i + 2) if pair else (i, i + 1))
        i += 2 if pair else 1
    return spans


def _bibtex_style(names: list[str], shapes: list[_Shape], after_comma: list[bool]) -> bool:
    """BibTeX's "Family, Given and Family, Given and ...": a comma inside every person, another
    separator ("and", "&", ";") between every two, so each pair is one person even where a given name
    is two words ("Doherty, Marcus William") or a family name has a particle inside ("Fávaro de
    Oliveira, Felipe"). No family name starts with initials, most are one word, and a given name
    is three words at most."""
    n = len(names)
    if n < 4 or n % 2:
        return False
    families = range(0, n, 2)
    if any(not after_comma[i + 1] or (i and after_comma[i]) for i in families):
        return False
    if any(_word_shape(names[i].split()[0]).initials or len(names[i + 1].split()) > 3 for i in families):
        return False
    return 2 * sum(shapes[i].family for i in families) > n // 2


def _join(pieces: Sequence[_Piece]) -> ParsedAuthor:
    """A name written in two pieces: "Suzuki" + "Akisato", "Smith" + "Jr."."""
    if is_suffix(pieces[1].name):
        name = f"{pieces[0].name} {pieces[1].name}"
    else:
        name = f"{pieces[0].name}, {pieces[1].name}"
    marks = tuple(dict.fromkeys(m for p in pieces for m in p.marks))
    variants = tuple(dict.fromkeys(v for p in pieces for v in p.variants))
    letters = sum(p.letters for p in pieces)
    emphasised = letters > 0 and sum(p.emphasised_letters for p in pieces) > letters / 2
    return ParsedAuthor(name, marks, emphasised, variants)


#: A mark typed after the comma that ends its name ("Driscoll,* Beaudry,* Cosgrove"): it is that name's.
_MARK_AFTER_COMMA = Lazy(rf",([{regex.escape(MARK_CHARS)}]++)(?=\s)")


def _marks_before_commas(text: str, styles: list[int]) -> tuple[str, list[int]]:
    """ "Name,* Next" -> "Name*, Next", styles moved with their characters."""
    if "," not in text:
        return text, styles
    moved: list[int] = []
    pos = 0
    for match in _MARK_AFTER_COMMA.finditer(text):
        a, b = match.span()
        moved += styles[pos:a] + styles[a + 1:b] + styles[a:a + 1]
        pos = b
    if not pos:
        return text, styles
    return _MARK_AFTER_COMMA.sub(r"\1,", text), moved + styles[pos:]


def split_author_list(text: str, styles: Sequence[int] | None = None, family_first: bool = True) -> AuthorList:
    """Cut an author segment into people; ``styles`` has one Style per character.

    ``family_first=False`` says the page writes family names only, so "Lee, Henderson" is two people."""
    if styles is None or len(styles) != len(text):
        styles = [Style.NONE] * len(text)
    text, styles = _marks_before_commas(text, list(styles))
    bounds, truncated = _chunk_bounds(text, styles)
    styles = tuple(styles)  # its slices are the cache keys of name-sized chunks
    pieces, commas = [], []
    for a, b, comma in bounds:
        piece = _clean(text[a:b], styles[a:b])
        if piece.named:
            pieces.append(piece)
            commas.append(comma)
    authors = tuple(pieces[a].author if b == a + 1 else _join(pieces[a:b])
                    for a, b in _pairs([p.name for p in pieces], commas, family_first))
    return AuthorList(authors, truncated)


def _caps_token_is_family(token: str, other: str) -> bool:
    """In a two-word name with one word in capitals, whether that word is the family name.

    "WANG Jue", "Jue WANG": yes; "KRA Hazzard", "Smith JA": no, those are
    initials. Three letters or fewer count as a family name only when both
    words read as pinyin ("LI Bo", "Bo LI").
    """
    if "." in token:
        return False  # "A.V. Matveev": dotted capitals are initials
    letters = rx(r"[^\p{L}]").sub("", token)
    if len(letters) >= 4:
        return True
    return len(letters) >= 2 and bool(_PINYIN.match(letters)) and bool(_PINYIN.match(other))


@functools.lru_cache(maxsize=16384)
def split_name(name: str) -> tuple[str | None, str | None]:
    """(given, family) of one name as written; initials stay initials."""
    name = " ".join(name.split())
    if not name:
        return None, None
    if "," in name:
        family, _, given = name.partition(",")
        given = given.strip()
        if is_suffix(given):
            return None, family.strip() or None
        return (given or None), family.strip() or None
    words = name.split()
    if len(words) == 1:
        return None, words[0]
    suffix = ""
    if len(words) > 2 and is_suffix(words[-1]):
        suffix = " " + words.pop()
    first, last = words[0], words[-1]
    shouting = all(w.isupper() for w in words)
    if not shouting and len(words) == 2 and first.isupper() != last.isupper():
        caps, other = (first, last) if first.isupper() else (last, first)
        if _caps_token_is_family(caps, other):
            return other, caps + suffix  # "WANG Jue", "Jue WANG"
    # "Zheng Z", "Smith J. A.": initials after the family name
    if not _DOTTED_INITIALS.match(first) and not _INITIALS.match(first) and all(
            _DOTTED_INITIALS.match(w) for w in words[1:]):
        return " ".join(words[1:]), first + suffix
    family_start = len(words) - 1
    lower, capitalised = particles(), _name_words()["capitalised"]
    while family_start > 1 and (words[family_start - 1] in lower
                                or words[family_start - 1].lower() in capitalised):
        family_start -= 1
    given = " ".join(words[:family_start])
    family = " ".join(words[family_start:]) + suffix
    return given or None, family
