"""The report's sections, in order, as reportlab flowables.

Cover, contents, executive summary, readiness at a glance (charts with their tables),
one section per domain, where respondents disagree (with several respondents only), the
roadmap, framework coverage, methodology and the appendix of every answer. Everything a
user typed passes through `typed()`; every chart comes from `assessor.report.charts` with a
table that says the same in words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as _Paragraph

from assessor.content.calendar import short_date
from assessor.report import charts
from assessor.report.branding import Branding
from assessor.report.contents import Contents, ContentsLedger
from assessor.report.data import (
    AnswerLine,
    DomainReport,
    Participant,
    QuestionReport,
    ReportData,
    level_words,
)
from assessor.report.styles import (
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    PANEL,
    RULE,
    Palette,
    paragraph_styles,
)
from assessor.report.text import printable, typed
from assessor.scoring.plan import PlanItem
from assessor.scoring.roadmap import PHASE_TITLES, PHASES, Deadline
from assessor.scoring.scorecard import DIVERGENCE, LEVEL_NAMES

WIDTH = 174 * mm  # A4 less the margins
TIMELINE_ROWS = 34  # rows of the roadmap timeline per page
MAX_CELL_LINES = 40  # lines of a table cell before the text continues on the next row
Styles = dict[str, ParagraphStyle]


class Paragraph(_Paragraph):
    """A paragraph that keeps its line breaks for the width it was last wrapped to.

    Tables wrap each cell to measure it and again to draw it; reportlab's paragraph
    breaks its lines anew each time, which is most of the report's layout time.
    """

    _wrapped_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_for == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth
        return size


class Heading(Paragraph):
    """A heading that the contents and the PDF bookmarks list (toc_level None: neither)."""

    def __init__(self, text: str, style: ParagraphStyle, toc_level: int | None) -> None:
        super().__init__(typed(text), style)
        self.plain = printable(text)
        self.toc_level = toc_level


def build_story(
    data: ReportData, branding: Branding, palette: Palette
) -> tuple[list[Flowable], ContentsLedger]:
    """The report's flowables, and the ledger of its contents (filled in as it is laid out)."""
    s = paragraph_styles(palette)
    ledger = ContentsLedger([])
    story: list[Flowable] = []
    story += cover(CoverFacts.of(data), branding, s, palette)
    story += _contents(s, ledger)
    story += _summary(data, s, palette)
    story += _obligations(data, s, palette)
    story += _glance(data, s, palette)
    for domain in data.domains:
        story += _domain(domain, s, palette)
    story += _divergence(data, s, palette)
    story += _roadmap(data, s, palette)
    story += _coverage(data, s, palette)
    story += _methodology(data, s, palette)
    story += _appendix(data, s, palette)
    ledger.titles = [(f.toc_level, f.plain) for f in _headings(story) if f.toc_level is not None]
    return story, ledger


def _headings(flowables: Iterable[Flowable]) -> Iterable[Heading]:
    for flowable in flowables:
        if isinstance(flowable, Heading):
            yield flowable
        elif isinstance(flowable, KeepTogether):
            yield from _headings(getattr(flowable, "_content", ()))


# --- Building blocks -------------------------------------------------------------------


def _table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    s: Styles,
    palette: Palette,
    header: bool = True,
    zebra: bool = True,
    offset: int = 0,
) -> Table:
    """A table of user text (cells that are not flowables already): a cell that fits on
    one line is drawn as a plain string, which cannot hold markup and costs no paragraph
    layout; longer ones wrap as paragraphs."""
    cell_style = s["cell"]
    size = float(cell_style.fontSize)
    rows = _split_long_cells(rows, widths, size)

    def cell_of(value: object, r: int, width: float) -> object:
        if isinstance(value, Flowable | list):
            return value
        font = FONT_BOLD if header and r == 0 else FONT
        return wrap_lines(printable(str(value)), font, size, width - 8.5)

    body = [
        [cell_of(cell, r, widths[c]) for c, cell in enumerate(row)] for r, row in enumerate(rows)
    ]
    table = Table(body, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, size, float(cell_style.leading)),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ]
    if header:
        commands += [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, palette.primary),
            ("TEXTCOLOR", (0, 0), (-1, 0), palette.primary),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, size, float(cell_style.leading)),
        ]
    if zebra:
        first = 1 if header else 0
        stripes = [colors.white, PANEL] if (first + offset) % 2 else [PANEL, colors.white]
        commands.append(("ROWBACKGROUNDS", (0, first), (-1, -1), stripes))
    table.setStyle(TableStyle(commands))
    return table


def wrap_lines(text: str, font: str, size: float, width: float) -> str:
    """Plain text broken into lines that fit `width`, at spaces (inside a word only when
    the word alone is too long). Tables draw such text line by line: no markup is read,
    and it costs a fraction of a paragraph's layout."""
    measure = getFont(font).stringWidth
    lines: list[str] = []
    space = measure(" ", size)
    for paragraph in text.split("\n"):
        if measure(paragraph, size) <= width:
            lines.append(paragraph)
            continue
        line, used = "", 0.0
        for word in paragraph.split(" "):
            w = measure(word, size)
            if w > width and line:  # a word wider than the column starts a line of its own
                lines.append(line)
                line, used = "", 0.0
            while w > width and word:  # ... and is cut, after a hyphen where one fits
                low, high = 1, len(word)  # the longest prefix that fits, by bisection
                while low < high:
                    middle = (low + high + 1) // 2
                    if measure(word[:middle], size) <= width:
                        low = middle
                    else:
                        high = middle - 1
                cut = low
                hyphen = word.rfind("-", 0, cut)
                cut = hyphen + 1 if hyphen > 0 else cut
                lines.append(word[:cut])
                word = word[cut:]
                w = measure(word, size)
            if not word:
                continue
            if line and used + space + w > width:
                lines.append(line)
                line, used = word, w
            else:
                line, used = (f"{line} {word}", used + space + w) if line else (word, w)
        lines.append(line)
    return "\n".join(lines)


def _split_long_cells(
    rows: Sequence[Sequence[object]], widths: Sequence[float], size: float
) -> list[Sequence[object]]:
    """Rows whose text would make a cell taller than about half a page, continued on rows
    of their own: a table row cannot break across pages, a note of ten thousand
    characters, or of a thousand lines, must."""
    out: list[Sequence[object]] = []
    for row in rows:
        pieces: list[list[object]] = []
        for cell, width in zip(row, widths, strict=True):
            if not isinstance(cell, str):
                pieces.append([cell])
                continue
            lines = wrap_lines(printable(cell), FONT, size, width - 8.5).split("\n")
            pieces.append(
                ["\n".join(lines[i : i + MAX_CELL_LINES])
                 for i in range(0, len(lines), MAX_CELL_LINES)] or [""]
            )  # fmt: skip
        for index in range(max(len(p) for p in pieces)):
            out.append([p[index] if index < len(p) else "" for p in pieces])
    return out


def _long_table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    s: Styles,
    palette: Palette,
    chunk: int = 60,
) -> list[Flowable]:
    """A long table as consecutive tables of at most `chunk` rows, each with the header
    (which a page break repeats anyway): reportlab splits a very long table across pages
    far more slowly than it places a few shorter ones."""
    header, body = rows[0], rows[1:]
    tables: list[Flowable] = []
    for start in range(0, max(len(body), 1), chunk):
        part = _table([header, *body[start : start + chunk]], widths, s, palette, offset=start)
        tables.append(part)
    return tables


def _chart_with_table(
    heading: Heading,
    drawing: Flowable,
    rows: list[list[str]],
    s: Styles,
    palette: Palette,
    caption: str,
) -> list[Flowable]:
    """A chart under its heading, its caption and the table that says the same in words,
    kept on one page."""
    widths = [WIDTH / len(rows[0])] * len(rows[0]) if rows else [WIDTH]
    together: list[Flowable] = [heading, drawing, Paragraph(typed(caption), s["muted"])]
    if len(rows) <= 16:
        together += [Spacer(1, 2 * mm), _table(rows, widths, s, palette)]
        return [KeepTogether(together), Spacer(1, 5 * mm)]
    return [KeepTogether(together), Spacer(1, 2 * mm), _table(rows, widths, s, palette),
            Spacer(1, 5 * mm)]  # fmt: skip


def _bullets(items: Iterable[str], s: Styles) -> list[Flowable]:
    return [Paragraph(text, s["body"], bulletText="•") for text in items]


def _level_chip(level: int | None, palette: Palette, s: Styles) -> Table:
    colour = palette.level(level)
    text_colour = colors.white if level in (1, 5) else INK
    style = ParagraphStyle("chip", parent=s["cell_bold"], textColor=text_colour, alignment=1)
    chip = Table([[Paragraph(typed(level_words(level)), style)]], colWidths=[30 * mm])
    chip.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colour),
                              ("TOPPADDING", (0, 0), (-1, -1), 2),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))  # fmt: skip
    return chip


# --- Cover and contents ------------------------------------------------------------------


@dataclass(frozen=True)
class CoverFacts:
    """What the cover states: a report's (`of`), or a sample's for previewing a branding."""

    client: str
    title: str
    assessed_on: str  # "1 Dec 2026"
    prepared_on: str
    overall: str  # "Level 3 Defined, score 52 of 100"

    @classmethod
    def of(cls, data: ReportData) -> CoverFacts:
        return cls(
            data.client, data.title, data.assessed_on, data.prepared_on, _overall_words(data)
        )


def cover(facts: CoverFacts, branding: Branding, s: Styles, palette: Palette) -> list[Flowable]:
    """The cover page, ending with the break to the body pages."""
    story: list[Flowable] = []
    if branding.logo is not None:
        logo = Image(str(branding.logo))
        scale = min(45 * mm / logo.imageWidth, 18 * mm / logo.imageHeight)
        logo.drawWidth, logo.drawHeight = logo.imageWidth * scale, logo.imageHeight * scale
        logo.hAlign = "LEFT"
        story += [logo, Spacer(1, 30 * mm)]
    else:
        story.append(Spacer(1, 48 * mm))
    rule = Table([[""]], colWidths=[40 * mm], rowHeights=[1.2 * mm], hAlign="LEFT")
    rule.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), palette.primary)]))
    rows = [
        ["Assessment", facts.title],
        ["Assessed", facts.assessed_on],
        ["Report prepared", facts.prepared_on],
        ["Prepared by", branding.prepared_by or "AI Readiness Assessor"],
        ["Overall", facts.overall],
    ]
    story += [
        Paragraph("AI Readiness Assessment", s["muted"]),
        Paragraph(typed(facts.client), s["cover_title"]),
        rule,
        Spacer(1, 8 * mm),
        Paragraph(typed(facts.title), s["cover_client"]),
        Spacer(1, 14 * mm),
        _table(rows, [40 * mm, 120 * mm], s, palette, header=False, zebra=False),
        Spacer(1, 50 * mm),
        Paragraph(typed(branding.confidentiality), s["muted"]),
        Paragraph(
            "This report assesses readiness against the questionnaires and target profile "
            "named in its methodology. It is not legal advice.",
            s["muted"],
        ),
        NextPageTemplate("body"),
        PageBreak(),
    ]
    return story


def _overall_words(data: ReportData) -> str:
    card = data.card
    if card.overall_score is None:
        return "Not scored yet"
    return f"Level {level_words(card.overall_level)}, score {card.overall_score:.0f} of 100"


def _contents(s: Styles, ledger: ContentsLedger) -> list[Flowable]:
    return [Heading("Contents", s["h1"], None), Contents(ledger, toc_styles_of(s)), PageBreak()]


def toc_styles_of(s: Styles) -> list[ParagraphStyle]:
    """The styles of the contents' lines, by heading level."""
    return [s["toc1"], s["toc2"]]


# --- Executive summary ---------------------------------------------------------------------


def _summary(data: ReportData, s: Styles, palette: Palette) -> list[Flowable]:
    card = data.card
    story: list[Flowable] = [Heading("Executive summary", s["h1"], 0)]
    if card.overall_score is None or card.overall_level is None:
        story.append(Paragraph("No scored question has been answered yet.", s["lead"]))
    else:
        short = [d for d in card.domains if d.gap]
        story.append(
            Paragraph(
                f"{typed(data.client)} stands at <b>level {card.overall_level}, "
                f"{LEVEL_NAMES[card.overall_level]}</b>, with an overall score of "
                f"<b>{card.overall_score:.0f} of 100</b>. "
                + (
                    f"{len(short)} of {len(card.domains)} domains are below the target the "
                    f"<i>{typed(data.profile.title)}</i> profile sets for its "
                    f"{card.planning_tier}-risk uses of AI."
                    if short
                    else "Every domain meets the target of the "
                    f"<i>{typed(data.profile.title)}</i> profile."
                ),
                s["lead"],
            )
        )
        if card.uncapped_overall_level and card.uncapped_overall_level != card.overall_level:
            story.append(
                Paragraph(
                    f"Blockers hold the overall level down from {card.uncapped_overall_level}.",
                    s["body"],
                )
            )
    confidence = (
        f"Completeness {card.completeness:.0%} ({card.answered} of {card.applicable} "
        f"applicable questions answered); confidence <b>{card.confidence}</b>"
        + (": " + "; ".join(typed(r) for r in card.confidence_reasons) if card.confidence_reasons
           else ".")
    )  # fmt: skip
    story.append(Paragraph(confidence, s["body"]))
    story.append(Heading("Blockers: act on these first", s["h2"], 1))
    if card.blockers:
        blocking: list[list[object]] = [["Question", "Domain", "Why it blocks", "Caps at"]]
        for b in card.blockers:
            blocking.append(
                [b.question_id, _domain_title(data, b.domain), b.reason, f"level {b.cap}"]
            )
        story.append(_table(blocking, [22 * mm, 36 * mm, 96 * mm, 20 * mm], s, palette))
    else:
        story.append(Paragraph("No critical question is below its threshold.", s["body"]))
    if card.use_cases:
        story.append(Heading("Verdict per intended use", s["h2"], 1))
        rows: list[list[object]] = [["Use case", "Risk tier", "Verdict", "Why"]]
        for use in card.use_cases:
            rows.append([use.name, use.risk_tier, use.verdict.capitalize(),
                         _grouped_reasons(use.reasons)])  # fmt: skip
        story.append(_table(rows, [44 * mm, 20 * mm, 28 * mm, 82 * mm], s, palette))
    ranked = [d for d in card.domains if d.score is not None]
    strengths = sorted([d for d in ranked if not d.gap], key=lambda d: (-(d.score or 0), d.title))[
        :3
    ]
    gaps = sorted(
        [d for d in ranked if d.gap], key=lambda d: (-(d.gap or 0), d.score or 0, d.title)
    )[:3]
    story.append(Heading("Strengths and gaps", s["h2"], 1))
    story.append(
        Paragraph(
            "<b>Domains at their target</b>" if strengths else "No domain meets its target yet.",
            s["body"],
        )
    )
    story += _bullets(
        [
            f"<b>{typed(d.title)}</b>: {d.score:.0f}, level {level_words(d.capped_level)} "
            f"(target {d.target_level})"
            for d in strengths
        ],
        s,
    )
    if gaps:
        story.append(Paragraph("<b>Largest gaps</b>", s["body"]))
        story += _bullets(
            [
                f"<b>{typed(d.title)}</b>: level {level_words(d.capped_level)} against a "
                f"target of {d.target_level}, {d.gap} level{'s' if d.gap != 1 else ''} short"
                for d in gaps
            ],
            s,
        )
    quick = [p for p in data.plan.visible() if p.item.quick_win][:5]
    if quick:
        story.append(Heading("Quick wins", s["h2"], 1))
        story += _bullets(
            [
                f"{typed(p.item.title)} ({typed(p.item.owner)}; "
                f"{PHASE_TITLES[p.item.phase].split(' (')[0]})"
                for p in quick
            ],
            s,
        )
    story.append(PageBreak())
    return story


def _grouped_reasons(reasons: Sequence[str]) -> str:
    """`A: x; A: y; B: z` as `A: x, y. B: z.`, so a domain is named once."""
    grouped: dict[str, list[str]] = {}
    for reason in reasons:
        head, sep, rest = reason.partition(": ")
        grouped.setdefault(head if sep else "", []).append(rest if sep else reason)
    return " ".join(
        (f"{head}: " if head else "") + ", ".join(parts) + "." for head, parts in grouped.items()
    )


def _obligations(data: ReportData, s: Styles, palette: Palette) -> list[Flowable]:
    story: list[Flowable] = []
    if data.duties:
        story.append(Heading("Obligations and their dates", s["h1"], 0))
        story.append(
            Paragraph(
                "The dated duties of the law that bind the organisation, by its regions, "
                "industry and declared uses of AI, and the roadmap items that serve each. "
                f"Dates as the regulatory calendar stood on {typed(data.calendar_as_of)}.",
                s["body"],
            )
        )
        rows = [["Duty", "Applies", "Status", "Roadmap items"]]
        for b in data.duties:
            when = ("since " if b.in_force else "from ") + short_date(b.duty.applies_from)
            rows.append(
                [
                    f"{b.duty.law}: {b.duty.name} ({b.duty.provision})",
                    when,
                    b.duty.status.replace("_", " "),
                    ", ".join(b.item_ids)
                    or ("none: at target" if b.asked else "not assessed: no question asks"),
                ]
            )
        story += _long_table(rows, [80 * mm, 26 * mm, 22 * mm, 46 * mm], s, palette)
        story.append(PageBreak())
    return story


def _domain_title(data: ReportData, domain_id: str) -> str:
    return next((d.title for d in data.card.domains if d.id == domain_id), domain_id)


# --- Readiness at a glance ------------------------------------------------------------


def _points(data: ReportData) -> list[charts.DomainPoint]:
    return [
        charts.DomainPoint(d.title, d.score, d.capped_level, d.target_level)
        for d in data.card.domains
    ]


def _glance(data: ReportData, s: Styles, palette: Palette) -> list[Flowable]:
    points = _points(data)
    story: list[Flowable] = [Heading("Readiness at a glance", s["h1"], 0)]
    story.append(
        KeepTogether(
            [
                Heading("Current level against target", s["h2"], 1),
                charts.radar(points, palette, width=WIDTH, height=230),
                Paragraph(
                    "Each axis is a domain, from level 1 (centre) to 5. Solid: the current "
                    "level; dashed: the target. The table after the next chart gives both "
                    "charts in words.",
                    s["muted"],
                ),
            ]
        )
    )
    story += _chart_with_table(
        Heading("Domain scores and level bands", s["h2"], 1),
        charts.domain_bars(points, palette, width=WIDTH),
        charts.bars_table(points),
        s,
        palette,
        "Bars show the score out of 100 over the five level bands; the marker on each row "
        "is where the target level starts. A blocker can cap a domain's level below the "
        "band its score reaches: the table gives the level that counts.",
    )
    cells = [
        charts.SectionCell(d.title, sec.title, sec.level)
        for d in data.card.domains
        for sec in d.sections
    ]
    story.append(CondPageBreak(70 * mm))
    story.append(Heading("Sections by level", s["h2"], 1))
    story.append(
        Paragraph(
            "Each section's level, domain by domain. Every cell names its level in words, so "
            "the grid reads without colour.",
            s["muted"],
        )
    )
    for _domain, group in groupby(cells, key=lambda c: c.domain):
        story.append(KeepTogether([charts.section_heatmap(list(group), palette, width=WIDTH),
                                   Spacer(1, 3 * mm)]))  # fmt: skip
    if len(data.trend) > 1:
        points_in_time = [charts.TrendPoint(label, score) for label, score in data.trend]
        story.append(CondPageBreak(80 * mm))
        story += _chart_with_table(
            Heading("Over time", s["h2"], 1),
            charts.trend(points_in_time, palette, width=WIDTH),
            charts.trend_table(points_in_time),
            s,
            palette,
            f"The overall score of each assessment of {printable(data.client)}.",
        )
    story.append(PageBreak())
    return story


# --- One section per domain -----------------------------------------------------------


def _domain(domain: DomainReport, s: Styles, palette: Palette) -> list[Flowable]:
    d = domain.score
    story: list[Flowable] = [Heading(d.title, s["h1"], 0)]
    facts = Table(
        [[
            _level_chip(d.capped_level, palette, s),
            Paragraph(
                (f"Score <b>{d.score:.0f}</b> of 100" if d.score is not None else "Not scored")
                + f" · target level <b>{d.target_level}</b> · "
                f"{d.answered} of {d.applicable} questions answered ({d.completeness:.0%})"
                + (f" · {d.unknowns} answered \u201cdon't know\u201d" if d.unknowns else ""),
                s["body"],
            ),
        ]],
        colWidths=[34 * mm, WIDTH - 34 * mm],
        hAlign="LEFT",
    )  # fmt: skip
    facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    story += [facts, Spacer(1, 3 * mm)]
    if d.capped_level is not None and d.level is not None and d.capped_level < d.level:
        story.append(
            Paragraph(
                f"The score alone would place this domain at level {d.level}; "
                f"{len(d.blockers)} blocker{'s' if len(d.blockers) != 1 else ''} "
                f"cap{'' if len(d.blockers) != 1 else 's'} it at {d.capped_level}.",
                s["body"],
            )
        )
    answered = [q for q in domain.questions if q.value is not None]
    strong = sorted(answered, key=lambda q: (-(q.value or 0), q.question.id))
    weak = [q for q in sorted(answered, key=lambda q: (q.value or 0, q.question.id)) if q.gap]
    story.append(Heading("Findings", s["h2"], None))
    if not answered:
        story.append(Paragraph("No question of this domain has been answered yet.", s["body"]))
    if strong and not strong[0].gap:
        story.append(Paragraph("<b>Where practice is established</b>", s["body"]))
        story += _bullets([_finding(q) for q in strong[:3] if not q.gap], s)
    if weak:
        story.append(Paragraph("<b>Where practice falls short of the target</b>", s["body"]))
        story += _bullets([_finding(q) for q in weak[:5]], s)
    split = sorted((q for q in domain.questions if q.result is not None and q.result.divergent),
                   key=lambda q: -(q.spread or 0.0))  # fmt: skip
    if split:
        story.append(Paragraph("<b>Where respondents disagree</b>", s["body"]))
        story.append(
            Paragraph(
                "; ".join(
                    f"{typed(q.question.id)} (spread {q.spread or 0:.2f}, "
                    + ("agreed)" if q.agreed else "not yet agreed)")
                    for q in split
                )
                + ". Who said what is set out under \u201cWhere respondents disagree\u201d, "
                "after the last domain.",
                s["body"],
            )
        )
    evidence = [q for q in domain.questions if any(a.note for a in q.answers) or q.agreed]
    if evidence:
        story.append(Heading("Evidence noted", s["h2"], None))
        rows: list[list[object]] = [["Question", "Answer", "Note"]]
        for q in evidence:
            for a in q.answers:
                if a.note:
                    flag = " (flagged)" if a.flagged else ""
                    rows.append([q.question.id, f"{a.answer}{flag}", f"{a.respondent}: {a.note}"])
            if q.agreed is not None:
                rows.append([q.question.id, q.agreed.answer, f"Agreed: {q.agreed.note}"])
        story += _long_table(rows, [22 * mm, 52 * mm, 100 * mm], s, palette)
    story.append(PageBreak())
    return story


def _due(deadline: Deadline | None) -> str:
    if deadline is None:
        return ""
    if deadline.in_force:
        return "in force"
    return "due " + short_date(date.fromisoformat(deadline.applies_from))


_LEVEL_SHORTHAND = re.compile(r"\bl([1-5])\b")  # descriptors say "As l3, and..."


def _finding(q: QuestionReport) -> str:
    answer = q.agreed.answer if q.agreed else (q.answers[0].answer if q.answers else "")
    text = f"<b>{typed(q.question.prompt)}</b> {typed(answer)}."
    if q.descriptor:
        descriptor = _LEVEL_SHORTHAND.sub(r"level \1", q.descriptor)
        text += f" {typed(descriptor)}"
    return text


# --- Where respondents disagree ----------------------------------------------------------

TOP_DIVERGENT = 15  # shown in full; the rest are named, and the appendix has every answer
DIVERGENCE_WIDTHS = (48 * mm, 50 * mm, 14 * mm, 62 * mm)


def _divergence(data: ReportData, s: Styles, palette: Palette) -> list[Flowable]:
    """The questions the respondents answered furthest apart, widest spread first, each
    with who said what and the agreed answer or its absence; with one respondent, nothing."""
    if not data.several_respondents:
        return []
    story: list[Flowable] = [Heading("Where respondents disagree", s["h1"], 0)]
    split = data.divergent
    compared = [q for q in data.questions if q.spread is not None]
    apart = f"{DIVERGENCE:g}"
    if not compared:
        intro = "No question was answered by more than one respondent: there is nothing to compare."
    elif not split:
        widest = max(compared, key=lambda q: q.spread or 0.0)
        intro = (
            f"On each of the {len(compared)} questions that two or more respondents answered, "
            f"their answers are less than {apart} apart on the scale of 0 to 1; the widest "
            f"spread is {widest.spread or 0:.2f}, on {typed(widest.question.id)}."
        )
    else:
        n, m = len(split), len(compared)
        which = "The one question" if m == 1 else f"All {m} questions" if n == m else (
            f"{n} of the {m} questions")  # fmt: skip
        listed = "."
        if n > TOP_DIVERGENT:
            listed = f"; the {TOP_DIVERGENT} widest are set out below, the others named after them."
        elif n > 1:
            listed = "; they are listed widest first."
        intro = (
            f"{which} that two or more respondents answered drew answers {apart} or more "
            f"apart on the scale of 0 to 1 (the spread: the highest value less the lowest){listed} "
            + _agreed_count(n, n - sum(1 for q in split if q.agreed is None))
        )
    story.append(Paragraph(intro, s["lead"]))
    domains = {q.question.id: d.title for d in data.domains for q in d.questions}
    for rank, q in enumerate(split[:TOP_DIVERGENT], 1):
        story.append(_divergent_question(rank, q, domains[q.question.id], data, s, palette))
    rest = split[TOP_DIVERGENT:]
    if rest:
        named = ", ".join(f"{typed(q.question.id)} ({q.spread or 0:.2f})" for q in rest)
        story.append(Spacer(1, 2 * mm))
        story.append(
            Paragraph(
                f"<b>And {len(rest)} more</b> with a spread of {apart} or more: {named}. "
                "Every answer to them is in the appendix.",
                s["body"],
            )
        )
    story.append(PageBreak())
    return story


def _divergent_question(
    rank: int, q: QuestionReport, domain: str, data: ReportData, s: Styles, palette: Palette
) -> Flowable:
    """One divergent question: its prompt, where it sits and its spread, each
    respondent's answer, value and note, and the agreed answer or its absence."""
    order = {p.key: n for n, p in enumerate(data.participants)}
    people = {p.key: p for p in data.participants}
    rows: list[list[object]] = [["Respondent", "Answer", "Value", "Note"]]
    for a in sorted(q.answers, key=lambda a: order.get(a.key, len(order))):
        rows.append([
            _person(people.get(a.key), a, s), a.answer + (" (flagged)" if a.flagged else ""),
            "n/a" if a.value is None else f"{a.value:.2f}", a.note,
        ])  # fmt: skip
    table = _table(rows, DIVERGENCE_WIDTHS, s, palette)
    table.setStyle(TableStyle([("ALIGN", (2, 0), (2, -1), "CENTRE")]))
    return KeepTogether(
        [
            Paragraph(f"{rank}. {typed(q.question.prompt)}", s["h3"]),
            Paragraph(
                f"{typed(q.question.id)} · {typed(domain)}, {typed(q.section)} · "
                f"spread <b>{q.spread or 0:.2f}</b>",
                s["muted"],
            ),
            Spacer(1, 1 * mm),
            table,
            Spacer(1, 2 * mm),
            Paragraph(_outcome(q), s["body"]),
        ]
    )


def _agreed_count(divergent: int, agreed: int) -> str:
    """How many of the divergent questions the facilitator settled, and what the rest score."""
    if agreed == 0:
        return ("None has an agreed answer yet, so each scores the mean of its answers."
                if divergent > 1 else
                "It has no agreed answer yet, so it scores the mean of its answers.")  # fmt: skip
    if agreed == divergent:
        return ("Each has an agreed answer, which the scores use in place of the mean."
                if divergent > 1 else
                "It has an agreed answer, which the scores use in place of the mean.")  # fmt: skip
    open_ = divergent - agreed
    return (f"{agreed} {'has' if agreed == 1 else 'have'} an agreed answer, which the scores "
            f"use in place of the mean; {open_} {'does' if open_ == 1 else 'do'} not yet and "
            f"score{'s' if open_ == 1 else ''} the mean.")  # fmt: skip


def _person(participant: Participant | None, line: AnswerLine, s: Styles) -> Flowable | str:
    """The respondent's name, with their role beneath it in grey."""
    if participant is None:
        return line.respondent
    if not participant.role:
        return participant.name
    grey = "#" + MUTED.hexval()[2:]
    return Paragraph(
        f"{typed(participant.name)}<br/><font color='{grey}'>{typed(participant.role)}</font>",
        s["cell"],
    )


def _outcome(q: QuestionReport) -> str:
    """The agreed answer ("Agreed: ..., by the facilitator on ...") or, without one, what
    the question scores."""
    agreed = q.agreed
    if agreed is None:
        mean = f", {q.value:.2f}" if q.value is not None else ""
        return f"<b>No agreed answer yet:</b> scoring uses the mean{mean}."
    if agreed.by.startswith("carried from"):  # a reassessment carries agreed answers over
        how = typed(agreed.by)
    else:
        how = f"by {typed(agreed.by or 'the facilitator')}"
    text = f"<b>Agreed:</b> {typed(agreed.answer)}, {how} on {_date_words(agreed.when)}."
    return text + (f" Note: {typed(agreed.note)}" if agreed.note else "")


def _date_words(iso: str) -> str:
    try:
        return short_date(date.fromisoformat(iso))
    except ValueError:
        return printable(iso)


# --- Roadmap --------------------------------------------------------------------------------


def _roadmap(data: ReportData, s: Styles, palette: Palette) -> list[Flowable]:
    plan = data.plan
    visible = plan.visible()
    story: list[Flowable] = [Heading("Roadmap", s["h1"], 0)]
    if not visible:
        story.append(Paragraph(typed(plan.message or "No roadmap items."), s["lead"]))
        story.append(PageBreak())
        return story
    story.append(
        Paragraph(
            f"{len(visible)} items in four phases counted from {data.assessed_on}: Now (0-3 "
            "months), Next (3-6), Later (6-12) and Beyond (12+). Each item says which rule "
            "placed it; work that a binding law needs is placed before its date.",
            s["lead"],
        )
    )
    items = [
        charts.TimelineItem(
            p.id, p.item.title, p.item.phase, p.item.quick_win,
            _due(p.item.deadline),
        )
        for p in visible
    ]  # fmt: skip
    story.append(Heading("Timeline", s["h2"], 1))
    for start in range(0, len(items), TIMELINE_ROWS):
        story.append(charts.timeline(items[start : start + TIMELINE_ROWS], palette, width=WIDTH))
        story.append(Spacer(1, 3 * mm))
    answers = {
        q.question.id: (q.agreed.answer if q.agreed else q.answers[0].answer if q.answers else "")
        for q in data.questions
    }
    for phase in PHASES:
        in_phase = [p for p in visible if p.item.phase == phase]
        if not in_phase:
            continue
        story.append(CondPageBreak(40 * mm))
        story.append(Heading(PHASE_TITLES[phase], s["h2"], 1))
        for part in range(0, len(in_phase), 30):
            story.append(_roadmap_table(in_phase[part : part + 30], s, palette, answers))
    story.append(PageBreak())
    return story


ROADMAP_WIDTHS = (42 * mm, 67 * mm, 28 * mm, 37 * mm)


def _roadmap_table(
    items: Sequence[PlanItem], s: Styles, palette: Palette, answers: dict[str, str]
) -> Table:
    """The items of a phase: each on a bold title row and rows of actions beneath, its
    id, owner and reasons spanning them. Plain lines throughout, so it lays out fast."""
    size = float(s["cell"].fontSize)
    leading = float(s["cell"].leading)
    widths = [w - 8.5 for w in ROADMAP_WIDTHS]
    rows: list[list[object]] = [["Item", "Work and first actions", "Owner · effort", "Why"]]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, size, leading),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, size, leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("TEXTCOLOR", (0, 0), (-1, 0), palette.primary),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, palette.primary),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for number, p in enumerate(items):
        i = p.item
        marks = [m for m, on in (("quick win", i.quick_win), ("blocker", i.blocker),
                                 ("enabling", i.enabling)) if on]  # fmt: skip
        why = "; ".join(
            f"{r.question_id} answered \u201c{answers.get(r.question_id) or 'don’t know'}\u201d"
            for r in i.why
        ) or ("needed by " + ", ".join(i.needed_by) if i.needed_by else "")
        actions = [f"– {a}" for a in i.actions[:3]]
        if i.deadline is not None:
            actions.append(f"Deadline: {_deadline_words(i.deadline)}")
        lines = wrap_lines(printable("\n".join(actions)), FONT, size, widths[1]).split("\n")
        detail = ["\n".join(lines[n : n + MAX_CELL_LINES]) for n in range(0, len(lines),
                                                                      MAX_CELL_LINES)]  # fmt: skip
        top = len(rows)
        rows.append([
            wrap_lines(printable("\n".join([i.id, ", ".join(marks)]).strip()), FONT, size,
                       widths[0]),
            wrap_lines(printable(i.title), FONT_BOLD, size, widths[1]),
            wrap_lines(printable(f"{i.owner} · {i.effort}"), FONT, size, widths[2]),
            wrap_lines(printable(f"{why}. {i.phase_rule}" if why else i.phase_rule), FONT,
                       size, widths[3]),
        ])  # fmt: skip
        rows += [["", piece, "", ""] for piece in detail if piece]
        bottom = len(rows) - 1
        commands += [
            ("FONT", (1, top), (1, top), FONT_BOLD, size, leading),
            ("TOPPADDING", (0, top), (-1, top), 4),
            ("BOTTOMPADDING", (0, bottom), (-1, bottom), 4),
            ("LINEBELOW", (0, bottom), (-1, bottom), 0.3, RULE),
        ]
        for column in (0, 2, 3):
            if bottom > top:
                commands.append(("SPAN", (column, top), (column, bottom)))
        if number % 2:
            commands.append(("BACKGROUND", (0, top), (-1, bottom), PANEL))
    table = Table(rows, colWidths=list(ROADMAP_WIDTHS), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _deadline_words(deadline: Deadline) -> str:
    return deadline.reason + (f" (through {deadline.via})" if deadline.via else "")


# --- Framework coverage ----------------------------------------------------------------------


def _coverage(data: ReportData, s: Styles, palette: Palette) -> list[Flowable]:
    story: list[Flowable] = [Heading("Framework coverage", s["h1"], 0)]
    story.append(
        Paragraph(
            "For each framework the questions cite: its items, the questions that bear on "
            "each, and how the answers stand against the target practice (met: every answered "
            "question at target; below target: none at target; partly met: some). A status "
            "describes the answers given, not compliance with the item.",
            s["body"],
        )
    )
    if not data.coverage:
        story.append(Paragraph("The questionnaires cite no framework.", s["body"]))
    for framework in data.coverage:
        story.append(CondPageBreak(30 * mm))
        story.append(Heading(framework.title, s["h2"], 1))
        rows: list[list[object]] = [["Item", "Title", "Questions", "Status"]]
        for item in framework.items:
            title = item.title + (f" ({item.caveat})" if item.caveat else "")
            rows.append([item.label, title, ", ".join(item.question_ids), item.status])
        story += _long_table(rows, [34 * mm, 86 * mm, 34 * mm, 20 * mm], s, palette)
    story.append(PageBreak())
    return story


# --- Methodology --------------------------------------------------------------------------


def _methodology(data: ReportData, s: Styles, palette: Palette) -> list[Flowable]:
    story: list[Flowable] = [Heading("Methodology", s["h1"], 0)]
    story += [
        Paragraph(
            "Each scored question maps an answer to a value from 0 to 1. A section's score "
            "is the weighted mean of its answered questions, a domain's the weighted mean of "
            "its questions, and the overall score the mean of the domains by the profile's "
            "weights, on a scale of 0 to 100. \u201cDon't know\u201d scores 0 and lowers "
            "confidence; \u201cnot applicable\u201d leaves a question out.",
            s["body"],
        ),
        Paragraph(
            "Levels: 1 Initial (0-20), 2 Developing (20-40), 3 Defined (40-60), 4 Managed "
            "(60-80), 5 Leading (80-100). A critical question answered below its threshold "
            "is a blocker: it caps its domain's level, whatever the score.",
            s["body"],
        ),
        Paragraph(
            "A question is a gap when its value is below the lowest score of its domain's "
            "target level. Each gap brings in its recommendation; the roadmap orders the work "
            "by priority and places it by five rules: blockers and duties in force first, "
            "then legal deadlines, prerequisites and capacity. Effort is the questionnaire's "
            "relative estimate of the work: S small, M medium, L large.",
            s["body"],
        ),
    ]
    story.append(Heading("Target profile", s["h2"], 1))
    p = data.profile
    story.append(
        Paragraph(
            f"<b>{typed(p.title)}</b>. {typed(p.description)} The targets used are those "
            f"of the {data.card.planning_tier}-risk tier, the highest tier among the declared "
            "uses of AI.",
            s["body"],
        )
    )
    rows: list[list[object]] = [["Domain", "Minimal", "Limited", "High", "Weight"]]
    for d in data.card.domains:
        rows.append(
            [d.title, *(str(p.target(d.id, t)) for t in ("minimal", "limited", "high")),
             f"{p.weight(d.id):g}"]
        )  # fmt: skip
    story.append(_table(rows, [70 * mm, 26 * mm, 26 * mm, 26 * mm, 26 * mm], s, palette))
    story.append(KeepTogether([
        Heading("The organisation", s["h2"], 1),
        _table([["Fact", "As declared"], *data.context_lines], [50 * mm, 124 * mm], s, palette),
    ]))  # fmt: skip
    if data.several_respondents:
        story += _participants(data, s, palette)
    rows = [["Questionnaire", "Version", "Content fingerprint (SHA-256)"]]
    for qid, title, version, content_hash in data.questionnaires:
        rows.append([f"{title} ({qid})", version, content_hash])
    story.append(KeepTogether([  # a short table: never its heading alone at a page's foot
        Heading("Questionnaires", s["h2"], 1),
        _table(rows, [54 * mm, 14 * mm, 106 * mm], s, palette),
    ]))  # fmt: skip
    story.append(Heading("The law as of", s["h2"], 1))
    story.append(
        Paragraph(
            f"Dates of the law come from the regulatory calendar as checked on "
            f"{data.calendar_as_of or 'an unknown date'}. Dates marked \u201cadopted\u201d "
            "were adopted by the legislator but not confirmed as published when the calendar "
            "was checked. <b>This report is not legal advice</b>: confirm obligations and "
            "their dates with counsel before relying on them.",
            s["body"],
        )
    )
    story.append(PageBreak())
    return story


def _participants(data: ReportData, s: Styles, palette: Palette) -> list[Flowable]:
    """Who answered, and how several people's answers make one."""
    people = data.participants
    story: list[Flowable] = [Heading("Participants", s["h2"], 1)]
    story.append(
        Paragraph(
            f"{len(people)} people took part. Where several answered a question, its value is "
            "the facilitator's agreed answer where one was recorded, otherwise the mean of "
            "their values (\u201cnot applicable\u201d left out). The spread is the highest "
            f"value less the lowest; a spread of {DIVERGENCE:g} or more is a divergence, "
            "listed under \u201cWhere respondents disagree\u201d.",
            s["body"],
        )
    )
    rows: list[list[object]] = [["Name", "Role", "Questions answered"]]
    rows += [[p.name, p.role or "not stated", str(p.answered)] for p in people]
    table = _table(rows, [60 * mm, 78 * mm, 36 * mm], s, palette)
    table.setStyle(TableStyle([("ALIGN", (2, 0), (2, -1), "RIGHT")]))
    return [*story, table]


# --- Appendix ---------------------------------------------------------------------------------


def _appendix(data: ReportData, s: Styles, palette: Palette) -> list[Flowable]:
    story: list[Flowable] = [Heading("Appendix: every answer", s["h1"], 0)]
    story.append(
        Paragraph(
            "Every question that applies, with each respondent's latest answer, notes and "
            "flags, and the facilitator's agreed answer where one was recorded.",
            s["body"],
        )
    )
    for domain in data.domains:
        story.append(CondPageBreak(30 * mm))
        story.append(Heading(domain.title, s["h2"], 1))
        rows: list[list[object]] = [["Question", "Answers", "Notes"]]
        for q in domain.questions:
            said = [f"{a.respondent}: {a.answer}" + (" (flagged)" if a.flagged else "")
                    for a in q.answers]  # fmt: skip
            if q.agreed is not None:
                said.append(f"Agreed: {q.agreed.answer}")
            notes = [f"{a.respondent}: {a.note}" for a in q.answers if a.note]
            if q.agreed is not None and q.agreed.note:
                notes.append(f"Agreed: {q.agreed.note}")
            rows.append(
                [
                    f"{q.question.id}\n{q.question.prompt}",
                    "\n".join(said) or "Not answered",
                    "\n".join(notes),
                ]
            )  # fmt: skip
        story += _long_table(rows, [78 * mm, 46 * mm, 50 * mm], s, palette)
    return story
