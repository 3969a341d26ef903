"""A client's scores over time: every assessment of the client, oldest first, with its
overall score and each domain's, as the last rescoring left them.

The report's "Over time" chart draws the overall line; the app draws the same chart for
the whole and for each domain (`trend_drawings`).
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor.content.context import domain_rank, domain_title
from assessor.report.data import trend_label
from assessor.store.database import Store


@dataclass(frozen=True)
class TrendRow:
    assessment_id: int
    label: str  # "AI readiness review 2026 (2026-03-02)", as the report names it
    overall: float | None
    domains: dict[str, float | None]


@dataclass(frozen=True)
class Trend:
    client: str
    rows: tuple[TrendRow, ...]  # oldest first
    domains: tuple[tuple[str, str], ...]  # (id, title) in report order

    def series(self, domain: str | None) -> list[tuple[str, float | None]]:
        """(label, score) for each assessment: the overall score, or one domain's."""
        return [
            (r.label, r.overall if domain is None else r.domains.get(domain)) for r in self.rows
        ]


def client_trend(store: Store, assessment_id: int) -> Trend:
    """The trend of the client an assessment belongs to (assessments in the bin left out)."""
    record = store.assessment(assessment_id)
    summaries = sorted(
        (s for s in store.list_assessments() if s.client_id == record.client_id),
        key=lambda s: (s.created_at, s.id),
    )
    scores = store.domain_scores([s.id for s in summaries])
    rows = tuple(TrendRow(s.id, trend_label(s), s.overall_score, scores[s.id]) for s in summaries)
    ids = sorted({d for r in rows for d in r.domains}, key=domain_rank)
    return Trend(record.client_name, rows, tuple((d, domain_title(d)) for d in ids))


@dataclass(frozen=True)
class TrendDrawing:
    title: str
    svg: bytes
    words: str  # what the drawing shows, for screen readers


def trend_drawings(trend: Trend, width: float = 460, small: float = 300) -> list[TrendDrawing]:
    """The report's trend chart, for the overall score and then each domain, as SVG."""
    from assessor.report import charts  # reportlab: loaded when a trend is drawn
    from assessor.report.styles import Palette

    palette = Palette()
    drawings = []
    for domain, title in [(None, "Overall"), *trend.domains]:
        points = [charts.TrendPoint(label, score) for label, score in trend.series(domain)]
        drawing = charts.trend(points, palette, width=width if domain is None else small,
                               height=170 if domain is None else 150)  # fmt: skip
        words = "; ".join(
            f"{label}: {'not scored' if score is None else round(score)}"
            for label, score in trend.series(domain)
        )
        drawings.append(TrendDrawing(title, charts.to_svg(drawing).encode("utf-8"), words))
    return drawings
