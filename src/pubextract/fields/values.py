"""The values an entry states in its text: year, identifiers (DOI, arXiv, ISBN), status, notes and details."""
from __future__ import annotations

from urllib.parse import unquote

import regex

from .._rx import Lazy, rx
from ..models import Details, Ids, Status


#: A year, not a page ("1942-1954"), a date part ("3/2019") or an arXiv id ("2009.05014"); "SIGIR-2022" counts.
_YEAR = Lazy(r"(?<![\d/.])(?<!\d-)((?:19[5-9]|20[0-4])\d)(?![\d]|\.\d{4,5})")
_MONTH_YEAR = Lazy(r"(?<![\d/])(?:0?[1-9]|1[0-2])/((?:19|20)\d\d)(?!\d)")
_TAG_YEAR = Lazy(r"['’‘](\d\d)\b")
_ARXIV_ID = Lazy(r"(?:arxiv[:\s/]*|arxiv\.org/(?:abs|pdf)/)(\d{4}\.\d{4,5})(?:v\d+)?", regex.I)
_ARXIV_OLD = Lazy(r"arxiv\.org/(?:abs|pdf)/([a-z-]+(?:\.[A-Z]{2})?/\d{7})", regex.I)
#: A DOI; its ";" only in the SICI form of older journals, "10.1641/0006-3568(2005)055[0501:CIEACM]2.0.CO;2".
_DOI = Lazy(r"\b(10\.\d{4,9}/(?:[^\s\"<>,;?&#]|(?<=\.CO);(?=\d))+[^\s\"<>,;?&#.)\]])")
_ISBN = Lazy(r"\bISBN(?:-1[03])?:?\s*([\d][\d -]{8,16}[\dXx])")
_STATUS_UNDER_REVIEW = Lazy(
    r"\b(?:submitted|under (?:review|submission)|in review|under revision|"
    r"(?:revise\s(?:and|&)\sresubmit|r\s?&\s?r)(?:,?\s*\(?(?:1st|2nd|3rd|first|second|third|final)\s+round\)?)?|"  # "R&R 2nd Round"
    r"major revision|minor revision|in submission)\b", regex.I)
_STATUS_ACCEPTED = Lazy(r"\b(?:to appear|accepted|forthcoming|in press|conditionally accepted)\b", regex.I)
#: A draft's own date, "Revised July 2024", "This version: Aug. 2025": a working paper, no venue.
_DRAFT_DATE = (r"(?:revised|updated|this version):?\s+(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|"
               r"july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?:\.?\s+(?:19|20)\d\d)?|"
               r"(?:19|20)\d\d)")
_STATUS_UNKNOWN = Lazy(r"\b(?:in preparation|in prep\.?|" + _DRAFT_DATE + r"|expected .{0,30}submission|pending submission|working paper|"
                       r"work in progress|draft|coming soon|release soon|unpublished(?: manuscript)?|tbd|tba|to be (?:determined|announced))\b", regex.I)
_NOTE = Lazy(
    r"\b(?:oral(?: presentation)?|spotlight|poster|best (?:student )?paper(?: award| honou?rable mention| runner-up)?|"
    r"honou?rable mention|award|invited|featured|highlight|selected for|top \d+%?|distinguished paper|"
    r"long paper|short paper|full paper|demo paper|findings|acceptance rate)\b[^.;,()]*", regex.I)
_MONTHS = ("jan feb mar apr may jun jul aug sep oct nov dec").split()
_MONTH = Lazy(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
              r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\b", regex.I)


#: A year of two digits after an apostrophe that ends a venue's or a month's name: "RFIC'15", "September'16".
_WORD_YEAR = Lazy(r"(?<=\p{L}{2})['’](\d\d)\b")


def _year_of(text: str) -> int | None:
    found = _YEAR.search(text) or _MONTH_YEAR.search(text)  # "(10/2015)"
    if found is None and ("'" in text or "’" in text):
        short = _WORD_YEAR.search(text)
        if short:
            value = int(short.group(1))
            return 2000 + value if value < 50 else 1900 + value
    return int(found.group(1)) if found else None


#: What a publisher's link adds after the DOI in its path: ".../10.1088/1361-6544/aa5243/meta", ".../full".
_DOI_LINK_SUFFIX = Lazy(r"(?:\.pdf|\.full|\.short|\.abstract|/(?:meta|pdf|e?pdf|full|fulltext|abstract|summary|html)/?)+$",
                        regex.I)


#: The version bioRxiv and medRxiv put after the DOI in their links: "10.1101/2021.11.01.466686v2".
_SERVER_VERSION = Lazy(r"^(10\.1101/(?:\d{4}\.\d\d\.\d\d\.)?\d{6,9})v\d+$")
#: The article number Oxford Academic puts after the DOI in its links.
_OUP_ARTICLE_ID = Lazy(r"/\d{6,9}$")


def _ids(text: str, urls: list[str]) -> Ids:
    haystack = " ".join([text, *(unquote(url) if "%" in url else url for url in urls)])  # ".../10.1007%2Fs10474-..."
    arxiv = _ARXIV_ID.search(haystack) or _ARXIV_OLD.search(haystack)
    doi = _DOI.search(haystack)
    isbn = _ISBN.search(text)
    found = _DOI_LINK_SUFFIX.sub("", doi.group(1).rstrip("./")) if doi else None
    if found and found.startswith("10.1101/"):
        found = _SERVER_VERSION.sub(r"\1", found)  # ".../10.1101/2021.11.01.466686v2": the DOI has no "v2"
    if found and "academic.oup.com/" in haystack and f"/doi/{found}" in haystack:
        found = _OUP_ARTICLE_ID.sub("", found)  # ".../advance-article/doi/10.1093/bjps/axz016/5475609": OUP's own id
    return Ids(
        doi=found,
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
