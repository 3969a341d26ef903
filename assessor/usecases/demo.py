"""A complete sample assessment, for demonstrations, screenshots and trying the tool.

Northwind Mutual, a fictional EU and UK insurer, answers every installed questionnaire
with a realistic mixed profile: stronger infrastructure than governance, weak data
controls, two blockers, a few "don't know"s, notes, two workshop participants who
disagree on one question, and two intended use cases (one high-risk). The answers are
derived from the question ids, so the demo is the same on every machine.
"""

from __future__ import annotations

import hashlib

from assessor.content.context import AssessmentContext, UseCase
from assessor.content.profiles import choose_profile
from assessor.content.questionnaire import Question, QuestionType
from assessor.exchange.assessment_file import Client
from assessor.library.installed import Library
from assessor.scoring.answers import DONT_KNOW, parse_answer
from assessor.store.database import Store
from assessor.usecases.answering import rescore
from assessor.usecases.assessments import start_assessment
from assessor.usecases.changes import ANSWERED, Change, Changes

CLIENT = Client.model_validate(
    {
        "name": "Northwind Mutual Insurance",
        "sector": "Insurance (life, health and property)",
        "contact": "Chief Risk Officer",
    }
)
CONTEXT = AssessmentContext(
    industry="finance",
    sector="commercial",
    size="large",
    regions=["EU", "UK"],
    deployment=["api", "cloud"],
    use_cases=[
        UseCase(
            name="Customer service assistant",
            description="Answers policyholders' questions on cover and claims status in the app "
            "and on the website, with hand-over to an agent.",
            risk_tier="limited",
        ),
        UseCase(
            name="Life and health underwriting assistant",
            description="Proposes risk ratings and premiums for life and health applications "
            "for an underwriter to confirm (EU AI Act Annex III 5(c)).",
            risk_tier="high",
        ),
    ],
)
#: Where each domain stands, as a value 0..1 around which answers vary.
BASELINE = {
    "governance": 0.55,
    "compliance": 0.5,
    "guardrails": 0.4,
    "infrastructure": 0.7,
    "data": 0.3,
    "people": 0.45,
}
#: Answers the story needs: two blockers and a disagreement.
FIXED = {"CMP-01": 0.25, "DAT-08": 0.25}
NOTES = {
    "CMP-01": "Spreadsheet kept by the architecture team; copilots bought by business units are "
    "missing. Owner agreed to move it into the GRC tool this quarter.",
    "DAT-08": "The claims assistant indexes the shared drive with a service account; adjusters "
    "can retrieve medical reports of claims they do not handle.",
    "GOV-01": "The COO chairs a monthly AI steering group; mandate letter in draft.",
    "INF-10": "All production traffic goes through the API gateway since March.",
}
UNKNOWN = {"INF-22", "GR-22", "PPL-12"}
DISAGREEMENT = "GOV-09"
RESPONDENTS = (
    ("cro", "Amélie Laurent", "Chief Risk Officer"),
    ("cto", "Jonas Weber", "Chief Technology Officer"),
)


def create_demo(store: Store, library: Library) -> Changes[int]:
    """Create the sample assessment in one transaction; return what changed."""
    loaded = library.content.loaded
    profile = choose_profile(library.profiles.profiles, CONTEXT)
    with store.atomic():
        assessment_id = start_assessment(
            store,
            CLIENT,
            "AI readiness review 2026",
            CONTEXT,
            profile.id,
            [(item.questionnaire, item.content_hash) for item in loaded],
            sample=True,
        )
        for key, name, role in RESPONDENTS:
            store.add_respondent(assessment_id, key, name, role)
        for item in loaded:
            domain = item.questionnaire.domain
            for question in item.questionnaire.questions:
                raw = _answer(question, BASELINE.get(domain, 0.5))
                store.add_response(
                    assessment_id,
                    question.id,
                    parse_answer(question, raw),
                    respondent="cro",
                    note=NOTES.get(question.id, ""),
                    flagged=question.id in NOTES,
                )
                if question.id == DISAGREEMENT:
                    store.add_response(
                        assessment_id,
                        question.id,
                        parse_answer(question, _answer(question, 0.95, jitter=False)),
                        respondent="cto",
                        note="Tiers exist on paper; teams use them for new projects only.",
                    )
        rescore(store, library, assessment_id)
    return Changes(
        frozenset({Change.ASSESSMENTS, Change.RESPONDENTS, *ANSWERED}),
        assessment_id,
        value=assessment_id,
    )


def _jitter(question_id: str) -> float:
    digest = hashlib.sha256(question_id.encode("utf-8")).digest()
    return (digest[0] / 255 - 0.5) * 0.5  # -0.25 .. +0.25


def _answer(question: Question, baseline: float, jitter: bool = True) -> object:
    if question.type is QuestionType.TEXT:
        return "Claims handling and customer service; underwriting from next year."
    if question.id in UNKNOWN:
        return DONT_KNOW
    target = FIXED.get(question.id, baseline + (_jitter(question.id) if jitter else 0.0))
    target = min(1.0, max(0.0, target))
    if question.type is QuestionType.NUMBER:
        best = min(question.bands, key=lambda b: abs(b.value - target))
        if best.min is not None and best.max is not None:
            return (best.min + best.max) / 2
        if best.min is not None:
            return best.min + 1
        return (best.max or 1) - 1
    if question.type is QuestionType.MULTI:
        chosen: list[str] = []
        total = 0.0
        for option in question.options:
            if option.exclusive:
                continue
            if total + (option.value or 0) <= target + 0.05:
                chosen.append(option.id)
                total += option.value or 0
        fallback = next((o.id for o in question.options if o.exclusive), question.options[0].id)
        return chosen or [fallback]
    return min(question.options, key=lambda o: abs((o.value or 0) - target)).id
