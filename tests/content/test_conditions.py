"""The applies_when language: syntax, checking against content, and evaluation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessor.content.conditions import QuestionFacts, check, evaluate, parse
from assessor.errors import ConditionError

CONTEXT = {
    "industry": "finance",
    "sector": "commercial",
    "size": "large",
    "regions": ["EU", "US"],
    "deployment": ["api"],
    "highest_risk_tier": "high",
}
ANSWERS = {"A-1": 0.75, "A-2": None}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('industry == "finance"', True),
        ('industry != "finance"', False),
        ('industry in ["finance", "healthcare"]', True),
        ('industry not in ["finance", "healthcare"]', False),
        ('"EU" in regions', True),
        ('"UK" in regions', False),
        ('"UK" not in regions', True),
        ('regions in ["EU", "UK"]', True),  # the two lists share EU
        ('regions in ["UK", "APAC"]', False),
        ('deployment not in ["on_premise", "air_gapped"]', True),
        ('size >= "large"', True),
        ('size > "large"', False),
        ('size < "enterprise"', True),
        ('highest_risk_tier >= "high"', True),
        ('highest_risk_tier == "unacceptable"', False),
        ('answer("A-1") >= 0.75', True),
        ('answer("A-1") > 0.75', False),
        ('answer("A-1") in [0.5, 0.75]', True),
        # anything compared with none is false, including !=
        ('answer("A-2") < 0.5', False),
        ('answer("A-2") >= 0.5', False),
        ('answer("A-2") != 0.5', False),
        ('not answer("A-2") >= 0.5', True),
        ('industry == "finance" and sector == "government"', False),
        ('industry == "finance" or sector == "government"', True),
        ('not (industry == "finance" or sector == "government")', False),
        ('industry == "legal" or sector == "commercial" and size == "small"', False),
        ('(industry == "legal" or sector == "commercial") and size == "large"', True),
        ("industry == 'finance'", True),
    ],
)
def test_evaluates_as_written(expression: str, expected: bool) -> None:
    assert evaluate(parse(expression), CONTEXT, ANSWERS) is expected


@pytest.mark.parametrize(
    "expression",
    [
        'industry == "finance"',
        '"EU" in regions',
        'regions in ["EU"]',
        'size >= "large"',
        'highest_risk_tier == "high"',
        'sector != "defence"',
    ],
)
def test_an_empty_context_makes_every_comparison_false(expression: str) -> None:
    empty = {"industry": None, "sector": None, "size": None, "regions": [], "deployment": []}
    assert evaluate(parse(expression), empty, {}) is False


@pytest.mark.parametrize(
    ("expression", "column", "fragment"),
    [
        ('industry = "finance"', 10, "'=='"),
        ('industry == "finance', 13, "quote"),
        ('industry == "finance" and', 26, "expected a value"),
        ('(industry == "finance"', 23, "expected ')'"),
        ('industry == "finance")', 22, "unexpected ')'"),
        ('industry "finance"', 10, "join conditions"),
        ("industry", 1, "alone is not a condition"),
        ('answer("A-1")', 1, "alone is not a condition"),
        ("answer(A-1) > 0.5", 8, "in quotes"),
        ('lookup("x") == 1', 1, "unknown function"),
        ('regions in ["EU", industry]', 19, "text or numbers only"),
        ('regions in ["EU" "UK"]', 18, "expected ',' or ']'"),
        ("industry == ✓", 13, "unexpected character"),
        ("", 1, "empty"),
        ('industry == "a" == "b"', 17, "join conditions"),
    ],
)
def test_syntax_errors_name_the_column(expression: str, column: int, fragment: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse(expression)
    assert caught.value.column == column
    assert fragment in str(caught.value)


def test_deep_nesting_is_refused_not_a_crash() -> None:
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse("(" * 500 + 'industry == "finance"' + ")" * 500)
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse("not " * 300 + 'industry == "finance"')


def test_very_long_expressions_are_refused() -> None:
    with pytest.raises(ConditionError, match="longer than"):
        parse(" or ".join(['industry == "finance"'] * 200))


QUESTIONS = {
    "Q-1": QuestionFacts(position=0, scored=True),
    "Q-2": QuestionFacts(position=1, scored=False),
    "Q-3": QuestionFacts(position=2, scored=True),
    "Q-4": QuestionFacts(position=3, scored=True),
}


@pytest.mark.parametrize(
    ("expression", "column", "fragment"),
    [
        ('industy == "finance"', 1, "unknown field 'industy'"),
        ('industry == "fintech"', 13, 'unknown value "fintech"'),
        ('industry in ["finance", "banking"]', 25, 'unknown value "banking"'),
        ('"Mars" in regions', 1, 'unknown value "Mars"'),
        ('regions in ["EU", "LATAM"]', 19, 'unknown value "LATAM"'),
        ('highest_risk_tier == "extreme"', 22, 'unknown value "extreme"'),
        ('answer("Q-9") > 0.5', 1, "unknown question id 'Q-9'"),
        ('answer("Q-4") > 0.5', 1, "not asked before"),
        ('answer("Q-3") > 0.5', 1, "not asked before"),  # itself
        ('answer("Q-2") > 0.5', 1, "text question"),
        ('answer("Q-1") > 1.5', 17, "outside that range"),
        ('industry > "finance"', 10, "has no order"),
        ('regions == "EU"', 9, "is a list"),
        ('answer("Q-1") == "yes"', 15, "cannot compare"),
        ("industry == 1", 10, "cannot compare"),
        ('"EU" in industry', 6, "needs a list"),
    ],
)
def test_check_finds_what_the_content_does_not_allow(
    expression: str, column: int, fragment: str
) -> None:
    problems = check(parse(expression), QUESTIONS, position=2)
    assert problems, f"{expression!r} should be refused"
    assert problems[0].column == column
    assert fragment in str(problems[0])


def test_check_names_the_questionnaire_of_a_foreign_question() -> None:
    problems = check(
        parse('answer("X-1") > 0.5'),
        QUESTIONS,
        position=2,
        elsewhere=lambda qid: "other-questionnaire" if qid == "X-1" else None,
    )
    assert "questionnaire 'other-questionnaire'" in str(problems[0])


def test_check_accepts_good_expressions() -> None:
    good = (
        'answer("Q-1") >= 0.5 and industry in ["finance", "healthcare"] and "EU" in regions '
        'or size >= "large" and not deployment in ["air_gapped"]'
    )
    assert check(parse(good), QUESTIONS, position=2) == []


@given(st.text(max_size=80))
def test_any_text_parses_or_fails_with_a_condition_error(text: str) -> None:
    column = None
    try:
        node = parse(text)
    except ConditionError as error:
        column = error.column
    if column is None:
        evaluate(node, CONTEXT, ANSWERS)  # and evaluation never raises
    else:
        assert 1 <= column <= len(text) + 1


TOKENS = st.sampled_from(
    [
        "industry", "regions", "size", "answer(\"A-1\")", "answer(\"A-2\")", "\"EU\"",
        "\"finance\"", "0.5", "[", "]", ",", "(", ")", "==", "!=", "<", ">=", "in",
        "not", "and", "or",
    ]
)  # fmt: skip


@given(st.lists(TOKENS, max_size=14))
def test_token_soup_parses_or_fails_cleanly(tokens: list[str]) -> None:
    text = " ".join(tokens)
    try:
        node = parse(text)
    except ConditionError:
        return
    assert isinstance(evaluate(node, CONTEXT, ANSWERS), bool)
