"""The assessment context feeds the condition language."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assessor.content.conditions import evaluate, parse
from assessor.content.context import AssessmentContext, UseCase


def test_highest_risk_tier_is_the_highest_declared() -> None:
    context = AssessmentContext(
        use_cases=[
            UseCase(name="Customer service assistant", risk_tier="limited"),
            UseCase(name="Credit scoring", risk_tier="high"),
            UseCase(name="Internal search", risk_tier="minimal"),
        ]
    )
    assert context.highest_risk_tier == "high"
    assert AssessmentContext().highest_risk_tier is None


def test_context_drives_conditions() -> None:
    context = AssessmentContext(
        industry="healthcare",
        sector="commercial",
        size="enterprise",
        regions=["EU", "UK"],
        deployment=["cloud", "api"],
        use_cases=[UseCase(name="Triage", risk_tier="high")],
    )
    values = context.condition_values()
    expression = 'industry == "healthcare" and "EU" in regions and highest_risk_tier >= "high"'
    assert evaluate(parse(expression), values, {})


def test_unknown_vocabulary_is_refused() -> None:
    with pytest.raises(ValidationError):
        AssessmentContext.model_validate({"industry": "fintech"})
    with pytest.raises(ValidationError):
        AssessmentContext.model_validate({"regions": ["Mars"]})
