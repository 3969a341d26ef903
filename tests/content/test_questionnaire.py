"""The questionnaire models: what a single file may and may not say."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from assessor.content.questionnaire import MultiRule, Question, QuestionType


def maturity_options(values: list[float] | None = None, count: int = 5) -> list[dict[str, Any]]:
    options: list[dict[str, Any]] = [
        {"id": f"l{i}", "label": f"Level {i}", "descriptor": f"State {i}"} for i in range(count)
    ]
    if values is not None:
        for option, value in zip(options, values, strict=True):
            option["value"] = value
    return options


def question(**fields: Any) -> Question:
    base: dict[str, Any] = {"id": "Q-1", "type": "maturity", "prompt": "How?"}
    base.update(fields)
    if base["type"] == "maturity" and "options" not in fields:
        base["options"] = maturity_options()
    return Question.model_validate(base)


def test_maturity_values_default_to_quarters() -> None:
    q = question()
    assert [o.value for o in q.options] == [0, 0.25, 0.5, 0.75, 1]


def test_maturity_values_can_be_stated() -> None:
    q = question(options=maturity_options([0, 0.1, 0.4, 0.8, 1]))
    assert [o.value for o in q.options] == [0, 0.1, 0.4, 0.8, 1]


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"options": maturity_options(count=4)}, "exactly five options"),
        ({"options": maturity_options(count=6)}, "exactly five options"),
        ({"options": maturity_options([0, 0.5, 0.25, 0.75, 1])}, "lowest to highest"),
        ({"options": maturity_options([0, 0.25, 0.5, 0.75, 1.5])}, "less than or equal to 1"),
        ({"options": maturity_options([-0.1, 0.25, 0.5, 0.75, 1])}, "greater than or equal to 0"),
        ({"type": "single", "options": [{"id": "a", "label": "A", "value": 1}]}, "two options"),
        (
            {"type": "single", "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]},
            "needs a value",
        ),
        (
            {
                "type": "multi",
                "options": [{"id": "a", "label": "A", "value": 1}, {"id": "b", "label": "B"}],
            },
            "states its rule",
        ),
        (
            {
                "type": "multi",
                "rule": "sum",
                "options": [{"id": "a", "label": "A", "value": 1}, {"id": "b", "label": "B"}],
            },
            "needs a value under rule sum",
        ),
        ({"type": "number"}, "bands"),
        (
            {
                "type": "number",
                "bands": [{"max": 5, "value": 0}, {"min": 3, "value": 1}],
            },
            "must not overlap",
        ),
        ({"type": "number", "bands": [{"min": 5, "max": 2, "value": 0}]}, "below its max"),
        ({"type": "text", "critical": {"below": 0.5, "cap": 2, "reason": "x"}}, "not scored"),
        (
            {"type": "yes_partial_no", "options": [{"id": "y", "label": "Y"}]},
            "yes, partial and no",
        ),
        ({"critical": {"below": 0.5, "cap": 6, "reason": "x"}}, "less than or equal to 5"),
        ({"critical": {"below": 0.5, "cap": 2}}, "Field required"),
        ({"weight": 0}, "greater than 0"),
        ({"applies_when": 'industry = "finance"'}, "column 10"),
        ({"id": "has space"}, "should match pattern"),
        ({"type": "rating"}, "should be 'maturity'"),
        ({"rule": "sum"}, "only multi"),
        ({"unit": "days"}, "only number"),
        ({"prompt": "   "}, "at least 1 character"),
        (
            {"options": [*maturity_options(count=4), {"id": "l0", "label": "Again"}]},
            "used twice",
        ),
    ],
)
def test_refuses_what_a_type_does_not_allow(fields: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        question(**fields)
    assert fragment in str(caught.value)


def test_yes_partial_no_brings_its_own_options() -> None:
    q = question(type="yes_partial_no")
    assert [(o.id, o.value) for o in q.options] == [("yes", 1), ("partial", 0.5), ("no", 0)]


def test_multi_exclusive_option_scores_zero_and_share_needs_no_values() -> None:
    q = question(
        type="multi",
        rule="share",
        options=[
            {"id": "a", "label": "A"},
            {"id": "b", "label": "B"},
            {"id": "none", "label": "None", "exclusive": True},
        ],
    )
    assert q.rule is MultiRule.SHARE
    assert [o.value for o in q.options] == [1, 1, 0]


def test_number_bands_map_numbers_to_values() -> None:
    q = question(
        type="number",
        unit="days",
        bands=[{"max": 1, "value": 1}, {"min": 1, "max": 7, "value": 0.5}, {"min": 7, "value": 0}],
    )
    assert [q.band_for(n).value for n in (0, 0.99, 1, 6.9, 7, 1000)] == [1, 1, 0.5, 0.5, 0, 0]  # type: ignore[union-attr]


def test_text_questions_are_not_scored() -> None:
    q = question(type="text")
    assert q.type is QuestionType.TEXT
    assert not q.scored


def test_recommendation_may_be_written_in_full_or_named_by_id() -> None:
    full = question(
        recommendation={
            "id": "REC-1",
            "title": "Do it",
            "actions": ["First step"],
            "effort": "S",
            "impact": "high",
            "owner": "CISO",
        }
    )
    named = question(recommendation="REC-1")
    assert full.recommendation_id == named.recommendation_id == "REC-1"
