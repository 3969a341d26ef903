"""Dated duties in the roadmap: work a binding law needs is placed before its date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from assessor.content.calendar import Calendar, Duty
from assessor.content.context import AssessmentContext, UseCase
from assessor.content.questionnaire import Questionnaire, Recommendation
from assessor.library.calendar import load_calendar
from assessor.scoring.answers import parse_answer
from assessor.scoring.roadmap import PHASES, add_months, build_roadmap
from assessor.scoring.scorecard import QuestionAnswers, score
from tests.conftest import BUNDLED
from tests.factories import maturity, profile, recommendation

ASSESSED = date(2026, 12, 1)


def duty(duty_id: str, applies_from: date, status: str = "in_force", **extra: Any) -> Duty:
    return Duty.model_validate(
        {
            "id": duty_id,
            "law": "EU AI Act",
            "name": f"{duty_id} duties",
            "provision": "Art. 113",
            "applies_from": applies_from,
            "status": status,
            "regions": ["EU"],
            "sources": [{"title": "Regulation (EU) 2024/1689, Art. 113"}],
            **extra,
        }
    )


CALENDAR = Calendar(
    {
        d.id: d
        for d in (
            duty("annex-iii", date(2027, 12, 2), "adopted", risk_tiers=["high"]),
            duty("in-force", date(2018, 5, 25)),
            duty("soon", date(2027, 1, 15)),
            duty("proposal", date(2027, 3, 1), "pending"),
            duty("dora", date(2025, 1, 17), industries=["finance"]),
        )
    }
)


def rec(rid: str, duties: tuple[str, ...] = (), deps: tuple[str, ...] = ()) -> dict[str, Any]:
    # effort L, impact low: a low priority, so capacity alone would push these back
    return recommendation(rid, "L", "low", deps, duties)


def q(qid: str, rec: Any, **extra: Any) -> dict[str, Any]:
    return maturity(qid, recommendation=rec, **extra)


FILLERS = [q(f"Q-F{n}", {**rec(f"R-F{n}"), "effort": "S", "impact": "high"}) for n in range(30)]
QN = Questionnaire.model_validate(
    {
        "id": "t",
        "version": "1",
        "title": "T",
        "domain": "compliance",
        "sections": [
            {
                "id": "s",
                "title": "S",
                "questions": [
                    *FILLERS,
                    q("Q-FRIA", rec("R-FRIA", duties=("annex-iii",), deps=("R-CLASSIFY",))),
                    q("Q-CLASSIFY", rec("R-CLASSIFY")),
                    q("Q-LAWFUL", rec("R-LAWFUL", duties=("in-force",))),
                    q("Q-SOON", rec("R-SOON", duties=("soon",))),
                    q("Q-PENDING", rec("R-PENDING", duties=("proposal",))),
                    q("Q-DORA", rec("R-DORA", duties=("dora",))),
                    q("Q-ASKED", rec("R-ASKED"), duties=["annex-iii"]),
                ],
            }
        ],
    }
)
RECS = {
    x.recommendation.id: x.recommendation
    for x in QN.questions
    if isinstance(x.recommendation, Recommendation)
}
PROFILE = profile(4)
EU_INSURER = AssessmentContext(
    industry="finance",
    regions=["EU"],
    use_cases=[UseCase(name="Underwriting", risk_tier="high")],
)


def plan(context: AssessmentContext = EU_INSURER, as_of: date = ASSESSED):  # type: ignore[no-untyped-def]
    answers = {x.id: QuestionAnswers({"": parse_answer(x, "l1")}) for x in QN.questions}
    card = score([QN], context, answers, PROFILE)
    return build_roadmap(
        [QN], card, RECS, capacity=4, duties=CALENDAR.binding(context), as_of=as_of
    )


def test_without_duties_capacity_alone_pushes_legal_work_to_beyond() -> None:
    answers = {x.id: QuestionAnswers({"": parse_answer(x, "l1")}) for x in QN.questions}
    card = score([QN], EU_INSURER, answers, PROFILE)
    assert build_roadmap([QN], card, RECS, capacity=4).item("R-FRIA").phase == "beyond"  # type: ignore[union-attr]


def test_a_later_duty_places_the_item_by_the_last_phase_that_ends_before_its_date() -> None:
    fria = plan().item("R-FRIA")
    # Later ends 1 Dec 2027, the day before the duty applies: the item may come no later,
    # and takes room before the thirty higher-priority items that serve no duty.
    assert PHASES.index(fria.phase) <= PHASES.index("later")
    assert fria.deadline is not None
    assert fria.deadline.due_by == "later"
    assert "annex-iii duties apply from 2 Dec 2027" in fria.phase_rule
    assert "due by Later (6-12 months)" in fria.phase_rule


def test_what_a_deadline_item_needs_is_placed_by_the_same_phase() -> None:
    classify = plan().item("R-CLASSIFY")
    assert PHASES.index(classify.phase) <= PHASES.index("later")
    assert "needed by R-FRIA" in classify.phase_rule
    assert classify.deadline is not None
    assert classify.deadline.via == "R-FRIA"


def test_a_duty_in_force_pins_the_item_to_now_like_a_blocker() -> None:
    lawful = plan().item("R-LAWFUL")
    assert lawful.phase == "now"
    assert lawful.deadline is not None
    assert lawful.deadline.in_force
    assert (
        lawful.phase_rule
        == "EU AI Act in-force duties apply since 25 May 2018 (in force): pinned to Now"
    )


def test_a_duty_due_within_three_months_is_due_now() -> None:
    assert plan().item("R-SOON").phase == "now"


def test_a_pending_duty_places_nothing() -> None:
    pending = plan().item("R-PENDING")
    assert pending.deadline is None
    assert pending.phase == "beyond"


def test_a_duty_binds_only_where_its_region_industry_and_tier_apply() -> None:
    us_retailer = AssessmentContext(industry="retail", regions=["US"])
    assert plan(us_retailer).item("R-LAWFUL").deadline is None
    eu_retailer = AssessmentContext(industry="retail", regions=["EU"])
    eu = plan(eu_retailer)
    assert eu.item("R-LAWFUL").phase == "now"
    assert eu.item("R-DORA").deadline is None  # DORA binds financial entities only
    assert eu.item("R-FRIA").deadline is None  # no high-risk use case declared
    assert plan().item("R-DORA").phase == "now"


def test_a_question_naming_a_duty_brings_its_deadline_to_the_item() -> None:
    asked = plan().item("R-ASKED")
    assert asked.deadline is not None
    assert asked.deadline.duty_id == "annex-iii"


def test_the_phases_count_from_the_assessment_date() -> None:
    late = plan(as_of=date(2027, 6, 1)).item("R-FRIA")  # 6 months before the duty
    assert late.phase in {"now", "next"}
    assert late.deadline.due_by == "next"  # Next ends 1 Dec 2027


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 1), 3, date(2027, 3, 1)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 12, 1), 12, date(2027, 12, 1)),
    ],
)
def test_months_are_added_as_calendars_count_them(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


# --- The bundled calendar ----------------------------------------------------------------

BUNDLED_CALENDAR = load_calendar(BUNDLED / "calendar")


@pytest.mark.parametrize(
    ("duty_id", "applies_from"),
    [
        ("eu-ai-act.prohibitions", date(2025, 2, 2)),
        ("eu-ai-act.literacy", date(2025, 2, 2)),
        ("eu-ai-act.gpai", date(2025, 8, 2)),
        ("eu-ai-act.transparency", date(2026, 8, 2)),
        ("eu-ai-act.annex-iii", date(2027, 12, 2)),
        ("eu-ai-act.annex-i", date(2028, 8, 2)),
        ("eu-ai-act.gpai-legacy", date(2027, 8, 2)),
        ("eu-ai-act.public-authority-legacy", date(2030, 8, 2)),
        ("eu-ai-act.large-scale-it", date(2030, 12, 31)),
        ("gdpr.application", date(2018, 5, 25)),
        ("dora.application", date(2025, 1, 17)),
        ("cra.reporting", date(2026, 9, 11)),
        ("cra.application", date(2027, 12, 11)),
        ("pld.application", date(2026, 12, 9)),
    ],
)
def test_the_bundled_calendar_holds_the_dates_of_the_law(duty_id: str, applies_from: date) -> None:
    found = BUNDLED_CALENDAR.get(duty_id)
    assert found is not None
    assert found.applies_from == applies_from


def test_every_bundled_duty_has_a_source_regions_and_a_dated_calendar() -> None:
    assert BUNDLED_CALENDAR.as_of is not None
    for found in BUNDLED_CALENDAR.duties.values():
        assert found.sources
        assert found.regions
        assert found.status in {"in_force", "adopted", "pending"}


def test_placeholders_render_as_the_duty_date() -> None:
    text = "High-risk duties apply from {duty:eu-ai-act.annex-iii}; unknown {duty:nope} stays."
    assert BUNDLED_CALENDAR.render(text) == (
        "High-risk duties apply from 2 December 2027; unknown {duty:nope} stays."
    )


def test_a_deadline_overrules_capacity() -> None:
    answers = {x.id: QuestionAnswers({"": parse_answer(x, "l1")}) for x in QN.questions}
    card = score([QN], EU_INSURER, answers, PROFILE)
    tight = build_roadmap(
        [QN], card, RECS, capacity=1, duties=CALENDAR.binding(EU_INSURER), as_of=ASSESSED
    )
    fria = tight.item("R-FRIA")
    assert fria is not None
    assert fria.phase == "later"
    assert "beyond its capacity" in fria.phase_rule
