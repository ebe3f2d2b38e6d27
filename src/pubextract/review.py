"""Review: show a person what was extracted, beside what the page says, so they can check it.

Extraction is heuristic, so the useful question for someone converting a 60-item
list is *which* records need a look. Every record carries the decisions that
produced it (:class:`~pubextract.models.Decision`: field, rule, confidence); this
module turns them into a per-field verdict and renders it two ways:

* :func:`explain` — plain text for the terminal (``pubextract extract --explain``
  prints it on stderr, so stdout keeps carrying only the output);
* :func:`render_report` — one self-contained HTML file (``pubextract review``):
  inline CSS and SVG, no script, no external asset, and a Content-Security-Policy
  that forbids loading anything, because the page text shown in it is hostile input;
* :func:`render_merged` — the same cards for merged records, each with its sources
  (for ``pubextract merge --report``).

A field is *low confidence* when its last decision is below :data:`LOW_CONFIDENCE`,
says rule ``"none"``, or when a citation field (:data:`CITATION_FIELDS`) has no
decision at all: a field nobody vouched for is one to look at.
"""
from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from .entries import Skipped, segment
from .models import Author, MergedPublication, Publication
from .pipeline import Extraction
from .sections import Relevance, Section

#: Below this confidence a field is highlighted for review.
LOW_CONFIDENCE = 0.7
#: The fields a citation needs: always rated, even when no stage recorded a decision.
CITATION_FIELDS: tuple[str, ...] = ("title", "authors", "year", "venue", "kind")
_NO_RULE = "none"
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_TEXT_WIDTH = 72


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """One field of a record as the reviewer sees it: its value and how sure we are."""

    field: str
    value: str
    rule: str
    confidence: float | None

    @property
    def low(self) -> bool:
        return self.rule == _NO_RULE or self.confidence is None or self.confidence < LOW_CONFIDENCE


def _author_text(author: Author) -> str:
    marks = "".join(author.markers)
    return f"{author.name}{marks}{' (owner)' if author.is_owner else ''}"


def field_value(pub: Publication, field: str) -> str:
    """A field as one line of plain text ("" when the record has no value for it)."""
    if field == "authors":
        names = ", ".join(_author_text(a) for a in pub.authors)
        return names + (", et al." if pub.authors_truncated else "")
    if field == "venue":
        venue = pub.venue
        if venue is None:
            return ""
        canonical = " ".join(p for p in (venue.name, f"({venue.acronym})" if venue.acronym else None) if p)
        written = venue.as_written or ""
        return written if not canonical or canonical == written else f"{written} → {canonical}".strip()
    if field == "kind":
        return f"{pub.kind.value}, {pub.status.value}"
    if field == "markers":
        return ", ".join(f"{a.name}{''.join(a.markers)}" for a in pub.authors if a.markers)
    value = getattr(pub, field, None)
    return "" if value is None else str(value)


def field_checks(pub: Publication) -> tuple[FieldCheck, ...]:
    """The citation fields, then every other field a stage decided, each with its verdict.

    The last decision recorded for a field wins: later stages refine earlier ones.
    """
    latest = {d.field: d for d in pub.decisions}
    names = [*CITATION_FIELDS, *(f for f in latest if f not in CITATION_FIELDS)]
    checks = []
    for name in names:
        decision = latest.get(name)
        checks.append(FieldCheck(name, field_value(pub, name), decision.rule if decision else _NO_RULE,
                                 decision.confidence if decision else None))
    return tuple(checks)


def low_fields(pub: Publication) -> tuple[str, ...]:
    """The names of the fields a person should check in this record."""
    return tuple(c.field for c in field_checks(pub) if c.low)


def ignored_sections(extraction: Extraction) -> tuple[Section, ...]:
    """The parts of the page that no publication heading claims."""
    return tuple(s for s in segment(extraction.document).sections if s.relevance is Relevance.OUT)


def _lines_label(start: int, end: int) -> str:
    return f"line {start}" if start == end else f"lines {start}–{end}"


def _shorten(text: str, width: int = _TEXT_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# --- terminal -------------------------------------------------------------------------------


def explain(extraction: Extraction) -> str:
    """Per entry, each field with the rule that decided it; ``!`` marks a field to check."""
    out: list[str] = []
    pubs = extraction.publications
    for number, pub in enumerate(pubs, 1):
        low = low_fields(pub)
        verdict = f"check {', '.join(low)}" if low else "ok"
        out.append(f"[{number}] {_lines_label(pub.source.line_start, pub.source.line_end)}: {verdict}")
        for check in field_checks(pub):
            confidence = "no decision" if check.confidence is None else f"{check.rule}, {check.confidence:.2f}"
            out.append(f"  {'!' if check.low else ' '} {check.field:<8} {_shorten(check.value or '—', 56)}"
                       f"  ({confidence})")
    for item in extraction.skipped:
        out.append(f"skipped {_lines_label(item.line_start, item.line_end)} ({item.reason}): {_shorten(item.text)}")
    needing = sum(1 for p in pubs if low_fields(p))
    out.append(f"{len(pubs)} entries, {needing} to check (! = confidence below {LOW_CONFIDENCE} or no rule), "
               f"{len(extraction.skipped)} skipped; owner: {extraction.owner or 'not found'}")
    return "\n".join(out) + "\n"


# --- HTML -----------------------------------------------------------------------------------


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def _safe_url(url: str) -> str | None:
    """Only web and mail links become clickable; ``javascript:`` and friends stay text."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in _SAFE_SCHEMES else None


def _author_html(author: Author) -> str:
    classes = ["author"] + (["owner"] if author.is_owner else [])
    badges = "".join(
        f'<span class="badge {cls}" title="{title}">{label}</span>'
        for flag, cls, title, label in ((author.equal_contribution, "equal", "equal contribution", "="),
                                        (author.corresponding, "corr", "corresponding author", "✉"))
        if flag)
    marks = f"<sup>{_h(''.join(author.markers))}</sup>" if author.markers else ""
    title = ' title="the page\'s owner"' if author.is_owner else ""
    return f'<span class="{" ".join(classes)}"{title}>{_h(author.name)}{marks}{badges}</span>'


def _authors_html(pub: Publication) -> str:
    chips = [_author_html(a) for a in pub.authors]
    if pub.authors_truncated:
        chips.append('<span class="author etal">et al.</span>')
    return "".join(chips)


#: Fields whose value reads better as markup than as one line of text.
_RICH_VALUES: dict[str, Callable[[Publication], str]] = {"authors": _authors_html}


def _extras(pub: Publication) -> list[tuple[str, str]]:
    """What a record holds besides its citation fields, as (label, HTML)."""
    rows = []
    ids = [f"{name}: {value}" for name, value in pub.ids.model_dump().items() if value]
    if ids:
        rows.append(("ids", _h("; ".join(ids))))
    if pub.links:
        links = []
        for link in pub.links:
            url = _safe_url(link.url)
            links.append(f'<a href="{_h(url)}" rel="noreferrer">{_h(link.label)}</a>' if url
                         else f"{_h(link.label)} <code>{_h(link.url)}</code>")
        rows.append(("links", " · ".join(links)))
    if pub.notes:
        rows.append(("notes", _h("; ".join(pub.notes))))
    details = ", ".join(f"{k} {v}" for k, v in pub.details.model_dump().items() if v)
    if details:
        rows.append(("details", _h(details)))
    if pub.section:
        rows.append(("section", _h(pub.section)))
    return rows


def _fields_table(pub: Publication) -> str:
    rows = []
    for check in field_checks(pub):
        rich = _RICH_VALUES.get(check.field)
        value = rich(pub) if rich and check.value else _h(check.value) if check.value else '<span class="missing">missing</span>'
        how = "no decision" if check.confidence is None else f"{_h(check.rule)} · {check.confidence:.2f}"
        rows.append(f'<tr class="{"low" if check.low else "sure"}"><th>{_h(check.field)}</th>'
                    f'<td>{value}</td><td class="how">{how}</td></tr>')
    rows += [f'<tr class="extra"><th>{label}</th><td colspan="2">{value}</td></tr>' for label, value in _extras(pub)]
    return f'<table class="fields">{"".join(rows)}</table>'


def _card(number: int, pub: Publication, origin: str) -> str:
    low = low_fields(pub)
    state = "check" if low else "ok"
    badge = (f'<span class="verdict check">check: {_h(", ".join(low))}</span>' if low
             else '<span class="verdict ok">looks right</span>')
    where = _lines_label(pub.source.line_start, pub.source.line_end)
    return (f'<article class="entry {state}" id="e{number}"><header><a href="#e{number}">#{number}</a>'
            f' <span class="where">{_h(where)}</span> {badge}</header>'
            f'<div class="pair"><div class="origin">{origin}</div><div class="parsed">{_fields_table(pub)}</div>'
            f"</div></article>")


def _source_lines(lines: Sequence[str], start: int, end: int) -> str:
    rows = "".join(f'<span class="ln">{n}</span>{_h(lines[n - 1]) if 0 < n <= len(lines) else ""}\n'
                   for n in range(start, end + 1))
    return f"<pre>{rows}</pre>"


def _year_chart(years: Counter[int]) -> str:
    """Papers per year as inline SVG bars (every year of the span, so gaps show)."""
    if not years:
        return '<p class="muted">No entry states a year.</p>'
    low, high = min(years), max(years)
    span = list(range(low, high + 1)) if high - low <= 60 else sorted(years)
    bar, gap, height, top = 16, 4, 90, max(years.values())
    width = len(span) * (bar + gap)
    parts = []
    for i, year in enumerate(span):
        count = years.get(year, 0)
        h = round(height * count / top)
        x = i * (bar + gap)
        parts.append(f'<g><title>{year}: {count}</title><rect x="{x}" y="{height - h + 14}" width="{bar}" '
                     f'height="{h}" rx="2"/>' + (f'<text x="{x + bar / 2}" y="{height - h + 11}" class="n">'
                                                f"{count}</text>" if count else "") + "</g>")
        if year == low or year == high or (year % 5 == 0 and len(span) > 8) or len(span) <= 8:
            parts.append(f'<text x="{x + bar / 2}" y="{height + 28}" class="y">{year}</text>')
    return (f'<svg class="chart" role="img" aria-label="papers per year" width="{width + 10}" '
            f'height="{height + 34}" viewBox="-5 0 {width + 10} {height + 34}">{"".join(parts)}</svg>')


def _summary(pubs: Sequence[Publication], facts: Iterable[tuple[str, str]]) -> str:
    needing = sum(1 for p in pubs if low_fields(p))
    kinds = Counter(p.kind.value for p in pubs)
    years = Counter(p.year for p in pubs if p.year is not None)
    no_year = sum(1 for p in pubs if p.year is None)
    strip = "".join(f'<a href="#e{n}" class="cell {"check" if low_fields(p) else "ok"}" '
                    f'title="#{n}: {_h(_shorten(p.title or "no title", 80))}"></a>' for n, p in enumerate(pubs, 1))
    stats = [("entries", str(len(pubs))), ("to check", str(needing)), *facts]
    return (
        '<section class="summary"><div class="stats">'
        + "".join(f'<div class="stat"><b>{_h(v)}</b><span>{_h(k)}</span></div>' for k, v in stats)
        + '</div><div class="breakdown"><div><h3>By kind</h3><ul class="kinds">'
        + "".join(f"<li><b>{n}</b> {_h(k)}</li>" for k, n in kinds.most_common())
        + f'</ul></div><div><h3>Per year</h3>{_year_chart(years)}'
        + (f'<p class="muted">{no_year} without a year</p>' if no_year else "")
        + f'</div></div><h3>Every entry at a glance</h3><nav class="strip">{strip}</nav>'
        + f'<p class="muted">Amber: a field below confidence {LOW_CONFIDENCE}, decided by no rule, or missing. '
          '<label><input type="checkbox" id="only-check"> show only entries to check</label></p></section>')


def _skipped_list(items: Sequence[Skipped]) -> str:
    return "<ul class=\"skipped\">" + "".join(
        f"<li><span class=\"where\">{_h(_lines_label(s.line_start, s.line_end))}</span> "
        f"<span class=\"reason\">{_h(s.reason)}</span><div>{_h(_shorten(s.text, 240))}</div></li>"
        for s in items) + "</ul>"


def _not_kept(extraction: Extraction) -> str:
    """Skipped entries and ignored sections, so the reader can see that nothing was lost."""
    sections = ignored_sections(extraction)
    in_sections = {(b.line_start, b.line_end) for s in sections for b in s.blocks}
    loose = [s for s in extraction.skipped if (s.line_start, s.line_end) not in in_sections]
    parts = [f"<section class=\"lost\"><h2>Skipped entries ({len(loose)})</h2>"]
    parts.append(_skipped_list(loose) if loose else '<p class="muted">None.</p>')
    parts.append(f"<h2>Sections not read as publications ({len(sections)})</h2>")
    if not sections:
        parts.append('<p class="muted">None.</p>')
    for section in sections:
        first, last = section.blocks[0].line_start, max(b.line_end for b in section.blocks)
        heading = section.title or "(text before any heading)"
        parts.append(f"<details><summary><b>{_h(heading)}</b> <span class=\"where\">{_h(_lines_label(first, last))}"
                     f"</span> — {len(section.blocks)} blocks; its heading is not a publication heading</summary>"
                     + _skipped_list([Skipped(b.text, b.line_start, b.line_end, "ignored") for b in section.blocks])
                     + "</details>")
    parts.append("</section>")
    return "".join(parts)


_CSS = """
:root{--ink:#1d2430;--muted:#6b7280;--line:#e5e7eb;--ok:#15803d;--okbg:#ecfdf3;--warn:#b45309;--warnbg:#fff7e6;
--accent:#2557a7;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink)}
body{margin:0;background:#f6f7f9}main{max-width:1280px;margin:0 auto;padding:20px 24px 60px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}h3{font-size:13px;margin:14px 0 6px;
color:var(--muted);text-transform:uppercase;letter-spacing:.04em}.muted{color:var(--muted)}
.summary,.entry,.lost{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 18px;margin:12px 0}
.stats{display:flex;gap:12px;flex-wrap:wrap}.stat{border:1px solid var(--line);border-radius:8px;padding:8px 14px;
min-width:90px}.stat b{display:block;font-size:20px}.stat span{color:var(--muted);font-size:12px}
.breakdown{display:flex;gap:40px;flex-wrap:wrap}.kinds{list-style:none;padding:0;margin:0;columns:2}
.kinds li{padding:1px 0}.chart rect{fill:var(--accent)}.chart text{font-size:10px;text-anchor:middle;fill:var(--muted)}
.strip{display:flex;flex-wrap:wrap;gap:3px}.cell{width:14px;height:14px;border-radius:3px;display:block}
.cell.ok{background:#86d3a3}.cell.check{background:#f5b041}
.entry{border-left:5px solid #86d3a3;padding:10px 16px}.entry.check{border-left-color:#f5b041}
.entry header{display:flex;gap:10px;align-items:center;margin-bottom:8px}.entry header a{font-weight:700;
color:var(--ink);text-decoration:none}.where{color:var(--muted);font-size:12px}
.verdict{font-size:12px;padding:1px 8px;border-radius:10px}.verdict.ok{background:var(--okbg);color:var(--ok)}
.verdict.check{background:var(--warnbg);color:var(--warn);font-weight:600}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.25fr);gap:16px}
pre{margin:0;background:#f8fafc;border:1px solid var(--line);border-radius:6px;padding:8px;white-space:pre-wrap;
word-break:break-word;font:12px/1.5 ui-monospace,Menlo,Consolas,monospace;max-height:22em;overflow:auto}
.ln{display:inline-block;min-width:3.2em;color:#9ca3af;user-select:none}
.fields{border-collapse:collapse;width:100%}.fields th{text-align:left;width:70px;color:var(--muted);font-weight:500;
vertical-align:top;padding:3px 8px 3px 6px}.fields td{padding:3px 6px;vertical-align:top}
.fields tr.low td,.fields tr.low th{background:var(--warnbg)}.fields tr.low th{color:var(--warn);font-weight:700;
border-left:3px solid #f5b041}.fields td.how{color:var(--muted);font-size:11px;white-space:nowrap;width:1%}
.fields tr.extra td,.fields tr.extra th{font-size:12px}.missing{color:var(--warn);font-style:italic}
.author{display:inline-block;background:#f1f5f9;border-radius:4px;padding:0 6px;margin:1px 4px 1px 0}
.author.owner{background:#dbeafe;font-weight:700;text-decoration:underline}.author.etal{font-style:italic}
.badge{font-size:10px;margin-left:3px;padding:0 3px;border-radius:3px;background:#ede9fe;color:#5b21b6}
.skipped{padding-left:18px}.skipped li{margin:4px 0}.reason{background:#f1f5f9;border-radius:4px;padding:0 6px;
font-size:12px}details{margin:6px 0}
body:has(#only-check:checked) .entry.ok{display:none}
@media (max-width:800px){.pair{grid-template-columns:1fr}}
"""


def _page(title: str, subtitle: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{_h(title)}</title>"
            f"<style>{_CSS}</style></head><body><main><h1>{_h(title)}</h1><p class=\"muted\">{subtitle}</p>"
            f"{body}</main></body></html>\n")


def render_report(extraction: Extraction) -> str:
    """The review page of one extraction: summary, every entry beside its source lines, what was not kept."""
    document = extraction.document
    lines = document.source_text.splitlines()
    pubs = extraction.publications
    owner = extraction.owner
    facts = [("skipped", str(len(extraction.skipped))), ("owner", owner or "not found")]
    cards = "".join(_card(n, p, _source_lines(lines, p.source.line_start, p.source.line_end))
                    for n, p in enumerate(pubs, 1))
    warnings = "".join(f"<li>{_h(w)}</li>" for w in extraction.warnings)
    subtitle = (f"{_h(document.format)} page · {len(lines)} lines · owner "
                + (f'<span class="author owner">{_h(owner)}</span>' if owner else "not found"))
    body = (_summary(pubs, facts) + (f'<ul class="muted">{warnings}</ul>' if warnings else "")
            + f"<h2>Entries ({len(pubs)})</h2>{cards}{_not_kept(extraction)}")
    return _page(f"Review: {document.path or 'page'}", subtitle, body)


def render_merged(records: Sequence[MergedPublication], *, title: str = "Review: merged bibliography") -> str:
    """The review page of merged records: each cluster beside the page entries folded into it."""
    def origin(record: MergedPublication) -> str:
        items = "".join(f'<li><span class="where">{_h(s.path or "page")}, '
                        f'{_h(_lines_label(s.line_start, s.line_end))}</span><div>{_h(s.raw)}</div></li>'
                        for s in record.sources or (record.source,))
        return f'<h3>{len(record.sources or (record.source,))} sources</h3><ul class="skipped">{items}</ul>'

    paths = {s.path for r in records for s in (r.sources or (r.source,))}
    facts = [("pages", str(len(paths))), ("merged from several", str(sum(1 for r in records if len(r.sources) > 1)))]
    cards = "".join(_card(n, r, origin(r)) for n, r in enumerate(records, 1))
    return _page(title, f"{len(records)} records from {len(paths)} pages",
                 _summary(records, facts) + f"<h2>Records ({len(records)})</h2>{cards}")
