"""Scoring, checked against examples worked by hand and against properties."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessor.content.context import AssessmentContext, UseCase
from assessor.scoring.answers import parse_answer
from assessor.scoring.scorecard import QuestionAnswers, level_for, score
from tests.factories import DOMAINS, answered, maturity, profile, questionnaire

GOV = questionnaire(
    "gov",
    "governance",
    {
        "a": [
            maturity(
                "G1", weight=2, critical={"below": 0.5, "cap": 2, "reason": "no owner at all"}
            ),
            maturity("G2"),
        ],
        "b": [maturity("G3", allow_na=True), maturity("G4", applies_when='industry == "finance"')],
    },
)
DATA = questionnaire("dat", "data", {"x": [maturity("D1"), maturity("D2", weight=3)]})
QUESTIONS = {q.id: q for qn in (GOV, DATA) for q in qn.questions}
PROFILE = profile(
    {
        "minimal": dict.fromkeys(DOMAINS, 3),
        "limited": dict.fromkeys(DOMAINS, 3),
        "high": dict.fromkeys(DOMAINS, 4),
    },
    weights={"data": 2},
)
LEVEL_VALUE = {"l1": 0.0, "l2": 0.25, "l3": 0.5, "l4": 0.75, "l5": 1.0}


def answers(**given: Any) -> dict[str, QuestionAnswers]:
    return answered(QUESTIONS, **given)


def run(context: AssessmentContext | None = None, **given: Any):  # type: ignore[no-untyped-def]
    return score([GOV, DATA], context or AssessmentContext(), answers(**given), PROFILE)


@pytest.mark.parametrize(
    ("score_value", "level"),
    [
        (0, 1),
        (19.99, 1),
        (20, 2),
        (39.9, 2),
        (40, 3),
        (59.99, 3),
        (60, 4),
        (79.9, 4),
        (80, 5),
        (100, 5),
    ],
)
def test_levels_follow_the_bands(score_value: float, level: int) -> None:
    assert level_for(score_value) == level


def test_worked_example() -> None:
    """By hand: governance = 100 * (2*.75 + 1*.5 + 1*.25) / 4 = 56.25 -> level 3.
    G4 does not apply (no industry). Data = 100 * (1*1 + 3*.5) / 4 = 62.5 -> level 4.
    Overall = (1 * 56.25 + 2 * 62.5) / 3 = 60.4166... -> level 4; lowest domain level is 3,
    so the overall level may be 4 (one above)."""
    card = run(G1="l4", G2="l3", G3="l2", D1="l5", D2="l3")
    gov, data = card.domains
    assert (gov.id, gov.score, gov.level, gov.capped_level) == ("governance", 56.25, 3, 3)
    assert (data.id, data.score, data.level) == ("data", 62.5, 4)
    assert card.overall_score == pytest.approx(181.25 / 3)
    assert card.overall_level == 4
    assert card.questions["G4"].status == "does_not_apply"
    assert gov.completeness == 1.0
    assert [s.score for s in gov.sections] == [pytest.approx(100 * 2 / 3), 25.0]


def test_a_critical_gate_caps_the_level_not_the_score() -> None:
    """G1 at l2 (0.25 < 0.5): governance 100 * (2*.25 + 1 + 1) / 4 = 62.5, level 4, capped 2.
    Data at 100 -> level 5. Overall (62.5 + 200) / 3 = 87.5 -> 5, but at most one above the
    lowest domain level (2) -> 3."""
    card = run(G1="l2", G2="l5", G3="l5", D1="l5", D2="l5")
    gov = card.domain("governance")
    assert gov is not None
    assert (gov.score, gov.level, gov.capped_level) == (62.5, 4, 2)
    assert [b.question_id for b in card.blockers] == ["G1"]
    assert card.overall_score == pytest.approx(87.5)
    assert (card.uncapped_overall_level, card.overall_level) == (5, 3)


def test_dont_know_scores_zero_counts_as_unknown_and_trips_a_gate() -> None:
    card = run(G1="dont_know", G2="l5", D1="l5", D2="l5")
    gov = card.domain("governance")
    assert gov is not None
    assert gov.score == pytest.approx(100 * 1 / 3)
    assert gov.unknowns == 1
    assert card.blockers[0].unknown
    assert gov.capped_level == 2


def test_not_applicable_and_unanswered_are_left_out_but_differ_in_completeness() -> None:
    card = run(G1="l5", G3="n/a")
    gov = card.domain("governance")
    assert gov is not None
    assert gov.score == 100.0
    assert (gov.answered, gov.applicable) == (1, 2)  # G3 n/a leaves; G2 unanswered counts
    assert gov.completeness == 0.5
    assert card.confidence == "low"


def test_conditions_read_the_context() -> None:
    finance = AssessmentContext(industry="finance")
    card = run(finance, G4="l1")
    assert card.questions["G4"].status == "answered"
    assert run(G4="l1").questions["G4"].status == "does_not_apply"


def test_several_respondents_mean_spread_and_agreed_answer() -> None:
    card = run(G2={"a": "l1", "b": "l3", "c": "l5"})
    result = card.questions["G2"]
    assert result.value == pytest.approx(0.5)
    assert result.spread == 1.0
    assert result.divergent
    assert card.divergent_questions == ["G2"]
    agreed = run(G2={"a": "l1", "b": "l5", "agreed": "l4"}).questions["G2"]
    assert (agreed.value, agreed.agreed, agreed.divergent) == (0.75, True, True)
    close = run(G2={"a": "l3", "b": "l4"}).questions["G2"]
    assert not close.divergent  # spread 0.25


def test_confidence_is_low_with_many_unknowns() -> None:
    card = run(G1="l5", G2="dont_know", G3="l5", D1="l5", D2="l5")
    assert card.completeness == 1.0
    assert card.unknowns == 1
    assert card.answered == 5
    assert card.confidence == "high"  # 1/5 = 20 % is not more than 20 %
    card = run(G1="l5", G2="dont_know", G3="dont_know", D1="l5", D2="l5")
    assert card.confidence == "low"


def test_nothing_answered_scores_nothing() -> None:
    card = run()
    assert card.overall_score is None
    assert card.overall_level is None
    assert card.completeness == 0.0


def test_not_applicable_everywhere_scores_nothing_and_is_complete() -> None:
    only_na = questionnaire("na", "people", {"s": [maturity("N1", allow_na=True)]})
    card = score(
        [only_na],
        AssessmentContext(),
        {"N1": QuestionAnswers({"": parse_answer(only_na.questions[0], "n/a")})},
        PROFILE,
    )
    assert card.overall_score is None
    assert card.completeness == 1.0


def test_use_case_verdicts_follow_the_stated_rule() -> None:
    context = AssessmentContext(
        use_cases=[
            UseCase(name="Chat", risk_tier="minimal"),
            UseCase(name="Credit", risk_tier="high"),
            UseCase(name="Social scoring", risk_tier="unacceptable"),
        ]
    )
    card = run(context, G1="l4", G2="l4", G3="l4", D1="l4", D2="l4")  # all level 4
    verdicts = {u.name: (u.verdict, u.pursue) for u in card.use_cases}
    assert verdicts["Chat"] == ("ready", True)  # target 3
    assert verdicts["Credit"] == ("ready", True)  # target 4
    assert verdicts["Social scoring"] == ("not ready", False)
    assert card.planning_tier == "high"
    lower = run(context, G1="l3", G2="l3", G3="l3", D1="l3", D2="l3")  # all level 3
    assert {u.name: u.verdict for u in lower.use_cases}["Credit"] == "ready with conditions"
    blocked = run(context, G1="l1", G2="l5", G3="l5", D1="l5", D2="l5")
    credit = next(u for u in blocked.use_cases if u.name == "Credit")
    assert credit.verdict == "not ready"
    assert credit.blockers == ("G1",)


# --- Properties --------------------------------------------------------------------

LEVELS = st.sampled_from(["l1", "l2", "l3", "l4", "l5", "dont_know"])
SCORED = ["G1", "G2", "G3", "D1", "D2"]
ANSWER_SETS = st.dictionaries(st.sampled_from(SCORED), LEVELS)


def all_scores(card) -> list[float]:  # type: ignore[no-untyped-def]
    values = [d.score for d in card.domains] + [s.score for d in card.domains for s in d.sections]
    return [v for v in [card.overall_score, *values] if v is not None]


@given(ANSWER_SETS)
def test_scores_stay_between_0_and_100(given_answers: dict[str, str]) -> None:
    card = run(**given_answers)
    assert all(0 <= value <= 100 for value in all_scores(card))


@given(ANSWER_SETS, st.sampled_from(SCORED))
def test_raising_an_answer_never_lowers_a_score(given_answers: dict[str, str], qid: str) -> None:
    current = given_answers.get(qid, "dont_know")
    value = 0.0 if current == "dont_know" else LEVEL_VALUE[current]
    higher = [k for k, v in LEVEL_VALUE.items() if v > value]
    before = run(**{**given_answers, qid: current})
    for option in higher:
        after = run(**{**given_answers, qid: option})
        for old, new in zip(
            [before.overall_score, *(d.score for d in before.domains)],
            [after.overall_score, *(d.score for d in after.domains)],
            strict=True,
        ):
            assert old is None or (new is not None and new >= old - 1e-9)


@settings(max_examples=50)
@given(ANSWER_SETS, st.randoms())
def test_the_order_of_answers_does_not_matter(given_answers: dict[str, str], rnd: Any) -> None:
    items = list(given_answers.items())
    rnd.shuffle(items)
    assert run(**dict(items)) == run(**given_answers)


@given(ANSWER_SETS)
def test_marking_a_question_not_applicable_changes_nothing_outside_its_domain(
    given_answers: dict[str, str],
) -> None:
    before = run(**given_answers)
    after = run(**{**given_answers, "G3": "n/a"})
    assert before.domain("data") == after.domain("data")


def test_a_cleared_answer_is_no_answer_alone_or_beside_others() -> None:
    from assessor.scoring.answers import CLEARED

    alone = run(G1={"a": "l4"})
    cleared = score(
        [GOV, DATA],
        AssessmentContext(),
        {"G1": QuestionAnswers({"a": CLEARED})},
        PROFILE,
    )
    assert cleared.questions["G1"].status == "unanswered"
    beside = score(
        [GOV, DATA],
        AssessmentContext(),
        {"G1": QuestionAnswers({"a": CLEARED, "b": parse_answer(QUESTIONS["G1"], "l4")})},
        PROFILE,
    )
    assert beside.questions["G1"].value == alone.questions["G1"].value == 0.75
