"""The roadmap rules, one test each, on a small questionnaire built for the purpose."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from assessor.content.context import AssessmentContext
from assessor.content.questionnaire import Questionnaire, Recommendation
from assessor.scoring.answers import parse_answer
from assessor.scoring.roadmap import EMPTY_MESSAGE, PHASES, build_roadmap
from assessor.scoring.scorecard import QuestionAnswers, score
from tests.factories import answered, maturity, profile, recommendation


def rec(rid: str, effort: str = "M", impact: str = "medium", deps: tuple[str, ...] = ()) -> Any:
    return recommendation(rid, effort, impact, deps)


def q(qid: str, recommendation: Any, weight: float = 1, **extra: Any) -> dict[str, Any]:
    return maturity(qid, weight, recommendation=recommendation, **extra)


BASE = rec("R-BASE", effort="S", impact="high")  # a quick win everyone needs
QN = Questionnaire.model_validate(
    {
        "id": "t",
        "version": "1",
        "title": "T",
        "domain": "governance",
        "sections": [
            {
                "id": "s",
                "title": "S",
                "questions": [
                    q("Q-BASE", BASE),
                    q(
                        "Q-GATE",
                        rec("R-GATE", deps=("R-BASE",)),
                        critical={"below": 0.5, "cap": 2, "reason": "must have it"},
                    ),
                    q("Q-A", rec("R-SHARED", deps=("R-BASE",))),
                    q("Q-B", "R-SHARED", weight=2),
                    *[
                        q(f"Q-{n}", rec(f"R-{n:02d}", effort="L" if n % 2 else "M"))
                        for n in range(1, 21)
                    ],
                ],
            }
        ],
    }
)
RECS = {
    question.recommendation.id: question.recommendation
    for question in QN.questions
    if isinstance(question.recommendation, Recommendation)
}
QUESTIONS = {question.id: question for question in QN.questions}
PROFILE = profile(4)


def roadmap(capacity: int = 8, **given: str):  # type: ignore[no-untyped-def]
    card = score([QN], AssessmentContext(), answered(QUESTIONS, **given), PROFILE)
    return build_roadmap([QN], card, RECS, capacity)


ALL_HIGH = {question.id: "l4" for question in QN.questions}  # 0.75: not a gap for target 4


def test_a_question_at_target_makes_no_item_and_all_at_target_is_empty() -> None:
    plan = roadmap(**ALL_HIGH)
    assert plan.items == ()
    assert plan.message == EMPTY_MESSAGE


@pytest.mark.parametrize(("answer", "gap"), [("l3", True), ("l4", False), ("dont_know", True)])
def test_the_gap_threshold_is_the_target_levels_lowest_score(answer: str, gap: bool) -> None:
    plan = roadmap(**{**ALL_HIGH, "Q-1": answer})  # target 4 starts at 60: 0.5 is a gap
    assert (plan.item("R-01") is not None) is gap


def test_items_sharing_a_recommendation_are_merged_with_all_reasons() -> None:
    plan = roadmap(**{**ALL_HIGH, "Q-A": "l1", "Q-B": "l2"})
    shared = plan.item("R-SHARED")
    assert shared is not None
    assert [r.question_id for r in shared.why] == ["Q-A", "Q-B"]
    assert [i.id for i in plan.items].count("R-SHARED") == 1


def test_prerequisites_are_pulled_in_as_enabling_work_and_never_come_later() -> None:
    plan = roadmap(**{**ALL_HIGH, "Q-A": "l1"})  # Q-BASE is on target
    base, shared = plan.item("R-BASE"), plan.item("R-SHARED")
    assert base is not None
    assert shared is not None
    assert base.enabling
    assert base.why == ()
    assert PHASES.index(base.phase) <= PHASES.index(shared.phase)


def test_every_blockers_recommendation_is_in_now_even_when_now_is_full() -> None:
    everything_low = {question.id: "l1" for question in QN.questions}
    plan = roadmap(capacity=1, **everything_low)
    gate = plan.item("R-GATE")
    assert gate is not None
    assert gate.phase == "now"
    assert gate.blocker
    assert "pinned to Now" in gate.phase_rule
    base = plan.item("R-BASE")
    assert base is not None
    assert base.phase == "now"


def test_capacity_moves_overflow_on_by_priority() -> None:
    everything_low = {question.id: "l1" for question in QN.questions if question.id != "Q-GATE"}
    plan = roadmap(capacity=3, **everything_low)
    for phase in ("now", "next", "later"):
        assert len(plan.phase(phase)) <= 3
    moved = [i for i in plan.items if "was full" in i.phase_rule]
    assert moved
    placed = [i for i in plan.items if not i.needed_by]
    for earlier, later in itertools.pairwise(placed):
        if earlier.phase != later.phase:
            assert earlier.priority >= later.priority or later.depends_on


def test_quick_wins_are_small_and_high_impact() -> None:
    plan = roadmap(**{**ALL_HIGH, "Q-BASE": "l1", "Q-1": "l1"})
    base, other = plan.item("R-BASE"), plan.item("R-01")
    assert base is not None
    assert base.quick_win
    assert other is not None
    assert not other.quick_win


def test_priority_follows_the_stated_formula() -> None:
    """R-01 (effort L, impact medium), Q-1 at l1: gap 0.6, weight 1 -> 100*0.6*1*2/3 = 40."""
    plan = roadmap(**{**ALL_HIGH, "Q-1": "l1"})
    item = plan.item("R-01")
    assert item is not None
    assert item.priority == pytest.approx(40.0)
    gate = roadmap(**{**ALL_HIGH, "Q-GATE": "l1"}).item("R-GATE")
    assert gate is not None
    assert gate.priority == pytest.approx(100 * 0.6 * 2 * 2 / 2)  # criticality 2


def test_the_same_input_gives_the_same_roadmap_in_the_same_order() -> None:
    given = {
        question.id: random.Random(7).choice(["l1", "l2", "l3", "l4", "dont_know"])
        for question in QN.questions
    }
    shuffled = list(given.items())
    random.Random(3).shuffle(shuffled)
    assert roadmap(**given) == roadmap(**dict(shuffled))


def test_every_item_says_which_rule_placed_it() -> None:
    everything_low = {question.id: "l1" for question in QN.questions}
    plan = roadmap(capacity=4, **everything_low)
    assert all(item.phase_rule for item in plan.items)
    for item in plan.items:
        for dep in item.depends_on:
            prerequisite = plan.item(dep)
            assert prerequisite is not None
            assert PHASES.index(prerequisite.phase) <= PHASES.index(item.phase)


def test_a_gap_on_a_question_without_a_recommendation_is_an_item_to_agree() -> None:
    """A consultant's questionnaire may leave out recommendations; its gaps still count."""
    bare = Questionnaire.model_validate(
        {
            "id": "bare",
            "version": "1",
            "title": "Bare",
            "domain": "governance",
            "sections": [
                {
                    "id": "s",
                    "title": "S",
                    "questions": [
                        {k: v for k, v in q("B-1", None).items() if k != "recommendation"},
                        {k: v for k, v in q("B-2", None).items() if k != "recommendation"},
                    ],
                }
            ],
        }
    )
    questions = {x.id: x for x in bare.questions}
    answers = {
        "B-1": QuestionAnswers({"": parse_answer(questions["B-1"], "l2")}),
        "B-2": QuestionAnswers({"": parse_answer(questions["B-2"], "l5")}),
    }
    plan = build_roadmap([bare], score([bare], AssessmentContext(), answers, PROFILE), {})
    assert plan.message == ""  # the at-target sentence only when there is no gap at all
    (item,) = plan.items
    assert item.unplanned
    assert item.owner == "to be agreed"
    assert item.title == "Agree an action for B-1: B-1?"
    assert "No recommendation in the questionnaire: agree an action" in item.actions[0]
    assert "25% of full marks" in item.actions[0]  # the answer: l2 is worth 0.25
    assert [r.question_id for r in item.why] == ["B-1"]
