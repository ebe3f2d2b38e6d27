"""Authors: cutting an author list into people, and a person's name into parts.

``split_author_list`` takes the text of an author segment with a style per
character (so a bold or underlined name can be told apart) and returns
:class:`ParsedAuthor` items with the raw marks found on each name; the page's
legend gives the marks their meaning later. ``split_name`` splits one name into
given and family parts, keeping initials as written.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .document import Style

#: Marks written after (or before) an author's name.
MARK_CHARS = "*†‡#§¶✉+✝⁎∗"
_MARKS = regex.compile(rf"[{regex.escape(MARK_CHARS)}]+|\^\{{?[\w,*†‡#]+\}}?|\(\s*(?:equal contribution|corresponding author|co-first)\s*\)", regex.I)
_ET_AL = regex.compile(r"\b(?:et\.?\s*al\.?|and\s+others|etc\.?)|…|\.\s?\.\s?\.", regex.I)
_SEPARATOR = regex.compile(r"\s*(?:;|,\s*(?:and|&)\s+|,|\s+and\s+|\s+&\s+|\s+with\s+)\s*", regex.I)
_INITIALS = regex.compile(r"^(?:\p{Lu}\.?(?:[-‐]?\p{Lu}\.?)*|\p{Lu}\p{Ll}?\.)$")
_PARTICLES = frozenset("van von der den de del della di da du le la dos das ter ten zu bin al el".split())
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv phd ph.d.".split())
_NAME_TOKEN = regex.compile(r"^[\p{Lu}\p{Lt}][\p{L}'’.\-‐]*$|^\p{Lu}\.$|^(?:" + "|".join(sorted(_PARTICLES)) + r")$")
_NATIVE = regex.compile(r"\s*[(（]\s*([\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}][^)）]{0,20})[)）]")


@dataclass(frozen=True, slots=True)
class ParsedAuthor:
    name: str  # display form, marks removed
    marks: tuple[str, ...]
    emphasised: bool  # bold / underline / highlighted on the page
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AuthorList:
    authors: tuple[ParsedAuthor, ...]
    truncated: bool


def _clean_marks(chunk: str) -> tuple[str, tuple[str, ...]]:
    """A name without its marks, and the marks: ``"Zhen Zheng*#"`` -> ``("Zhen Zheng", ("*", "#"))``."""
    marks: list[str] = []
    for match in _MARKS.finditer(chunk):
        mark = match.group(0).strip("^{}() ")
        lowered = mark.lower()
        if "equal" in lowered or "first" in lowered:
            marks.append("equal")
        elif "corresponding" in lowered:
            marks.append("corresponding")
        else:
            marks.extend(dict.fromkeys(mark.split(",") if "," in mark else mark))
    name = _MARKS.sub(" ", chunk)
    name = regex.sub(r"(?<=\p{Ll})\d{1,2}(?:,\d{1,2})*\s*$", "", name.strip())  # affiliation digits
    name = " ".join(name.strip(" ,;:").split())
    if name.endswith(".") and not _INITIALS.match(name.split()[-1]):
        name = name[:-1]  # a sentence's full stop, not an initial's
    return name, tuple(m for m in marks if m.strip())


def looks_like_name(text: str) -> bool:
    """One to five name-shaped words: "Zhen Zheng", "Z. Zheng", "Kanemoto, Y.", "WANG Jue"."""
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 5:
        return False
    return all(_NAME_TOKEN.match(w) or _INITIALS.match(w) for w in words)


def author_list_score(text: str) -> float:
    """0..1: how much a text reads as a list of names."""
    text = _ET_AL.sub(",", _MARKS.sub("", text)).strip(" .")
    if not text:
        return 0.0
    chunks = [c for c in _SEPARATOR.split(text) if c.strip()]
    if not chunks:
        return 0.0
    good = sum(1 for c in chunks if looks_like_name(c.strip(" .")))
    score = good / len(chunks)
    if len(chunks) == 1:
        score *= 0.6
    return score


def _pair_inverted(chunks: list[str]) -> list[str]:
    """Join "Kriel", "N." into "Kriel, N." when a list is written family-first."""
    out: list[str] = []
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        nxt = chunks[i + 1] if i + 1 < len(chunks) else None
        if nxt is not None and " " not in chunk.strip() and _all_initials(nxt) and not _all_initials(chunk):
            out.append(f"{chunk.strip()}, {nxt.strip()}")
            i += 2
            continue
        out.append(chunk)
        i += 1
    return out


def _all_initials(text: str) -> bool:
    words = _MARKS.sub("", text).replace(".", ". ").split()
    return bool(words) and all(_INITIALS.match(w) for w in words)


def split_author_list(text: str, styles: Sequence[Style] | None = None) -> AuthorList:
    """Cut an author segment into people; ``styles`` has one Style per character."""
    truncated = bool(_ET_AL.search(text))
    pieces: list[tuple[str, int]] = []
    pos = 0
    for match in _SEPARATOR.finditer(text):
        pieces.append((text[pos:match.start()], pos))
        pos = match.end()
    pieces.append((text[pos:], pos))
    chunks: list[tuple[str, int]] = []
    for piece, start in pieces:
        if not piece.strip():
            continue
        for part in _ET_AL.split(piece):
            if part.strip(" .,"):
                chunks.append((part, start + piece.find(part)))
    names = [c for c, _ in chunks]
    paired = _pair_inverted(names)
    starts = []
    index = 0
    for joined in paired:
        starts.append(chunks[index][1])
        index += 2 if joined not in names[index:index + 1] else 1
    authors = []
    for joined, start in zip(paired, starts):
        native = _NATIVE.search(joined)
        variants = (native.group(1).strip(),) if native else ()
        if native:
            joined = joined[:native.start()] + joined[native.end():]
        name, marks = _clean_marks(joined)
        if not name or not any(c.isalpha() for c in name):
            continue
        emphasised = False
        if styles is not None:
            span = styles[start:start + len(joined)]
            letters = [s for s, ch in zip(span, text[start:start + len(joined)]) if ch.isalpha()]
            emphasised = bool(letters) and sum(1 for s in letters if s & (Style.BOLD | Style.UNDERLINE)) > len(letters) / 2
        authors.append(ParsedAuthor(name, marks, emphasised, variants))
    return AuthorList(tuple(authors), truncated)


def split_name(name: str) -> tuple[str | None, str | None]:
    """(given, family) of one name as written; initials stay initials."""
    name = " ".join(name.split())
    if not name:
        return None, None
    if "," in name:
        family, _, given = name.partition(",")
        given = given.strip()
        if given.lower().strip(".") in _SUFFIXES:
            return None, family.strip()
        return (given or None), family.strip() or None
    words = name.split()
    if len(words) == 1:
        return None, words[0]
    # "WANG Jue": a capitalised family name written first
    if words[0].isupper() and len(words[0]) > 2 and not words[-1].isupper() and not _INITIALS.match(words[0]):
        return " ".join(words[1:]), words[0]
    # "Zheng Z", "Smith JA": initials after the family name
    if len(words) == 2 and _INITIALS.match(words[1]) and not _INITIALS.match(words[0]) and "." not in words[1]:
        return words[1], words[0]
    suffix = ""
    if words[-1].lower() in _SUFFIXES and len(words) > 2:
        suffix = " " + words.pop()
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in _PARTICLES:
        family_start -= 1
    given = " ".join(words[:family_start])
    family = " ".join(words[family_start:]) + suffix
    return given or None, family
