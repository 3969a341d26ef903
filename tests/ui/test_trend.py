"""Scores over time: every assessment of a client, oldest first, overall and per domain,
drawn as the report's trend chart; one assessment says how to get a trend."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from assessor.usecases.answering import record_answer, scorecard
from assessor.usecases.assessments import reassess
from assessor.usecases.trend import client_trend
from ui.session import Session
from ui.trend.page import TrendCard, TrendPage

Show = Callable[[QWidget], QWidget]


def test_a_reassessed_client_shows_each_assessment_overall_and_per_domain(
    session: Session, demo_id: int, show: Show
) -> None:
    later = int(
        session.call(lambda core: reassess(core.store, core.library, demo_id, "Review 2027")).value
    )
    session.call(lambda core: record_answer(core.store, core.library, later, "GOV-05", "l5",
                                            respondent="cro"))  # fmt: skip
    trend = session.call(lambda core: client_trend(core.store, later))
    first, second = (
        session.call(lambda core, a=a: scorecard(core.store, core.library, a))
        for a in (demo_id, later)
    )
    assert [r.assessment_id for r in trend.rows] == [demo_id, later]
    assert [r.overall for r in trend.rows] == [first.overall_score, second.overall_score]
    governance = {d.id: d.score for d in second.domains}["governance"]
    assert trend.rows[1].domains["governance"] == governance
    assert trend.rows[1].domains["governance"] != trend.rows[0].domains["governance"]

    page = TrendPage(session)
    show(page)
    page.open(later)
    cards = page.findChildren(TrendCard)
    assert len(cards) == 1 + len(trend.domains)  # the whole, then each domain
    assert "Overall over time" in cards[0].figure.accessibleName()
    assert "2 assessments of Northwind Mutual Insurance" in page.caption.text()


def test_one_assessment_says_how_to_get_a_trend(session: Session, demo_id: int, show: Show) -> None:
    page = TrendPage(session)
    show(page)
    page.open(demo_id)
    assert not page.findChildren(TrendCard)
    assert "Reassess" in page.caption.text()
