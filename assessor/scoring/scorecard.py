"""Scoring: from questionnaires, context and answers to a `Scorecard`. Pure, no I/O.

The rules, which docs/methodology.md states for clients:

- A question counts when it is scored, its `applies_when` holds and it is not answered
  "n/a". Its value v is the option's value (or the multi rule, or the number's band);
  "don't know" is 0 and an unknown. Unanswered questions are left out of scores and
  lower completeness.
- Several respondents: the facilitator's agreed answer where one is set, otherwise the
  mean of the respondents' values ("n/a" answers left out); spread = max - min of the
  respondents' values; divergence when the spread is 0.5 or more.
- Section and domain score = 100 * sum(weight * v) / sum(weight) over the answered,
  counting questions; a domain pools every questionnaire of that domain.
- Overall score = the mean of domain scores weighted by the target profile, over
  domains with at least one answer.
- Level: 1 [0, 20), 2 [20, 40), 3 [40, 60), 4 [60, 80), 5 [80, 100].
- A critical question answered below its `below` value, or "don't know", is a blocker
  and caps its domain's level at its `cap`; the score is never changed by a cap. The
  overall level is at most one above the lowest (capped) domain level.
- Completeness = answered / counting questions. Confidence is low when completeness is
  below 80 % or unknowns are more than 20 % of the answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assessor.content.conditions import evaluate
from assessor.content.context import AssessmentContext, domain_rank, domain_title
from assessor.content.profiles import PlanningTier, TargetProfile, planning_tier
from assessor.content.questionnaire import Question, Questionnaire
from assessor.scoring.answers import Answer, value_of
from assessor.scoring.levels import LEVEL_NAMES

__all__ = ["LEVEL_NAMES"]  # re-exported: the report and the command line import it here
DIVERGENCE = 0.5
LOW_COMPLETENESS = 0.8
HIGH_UNKNOWNS = 0.2

Verdict = Literal["ready", "ready with conditions", "not ready"]


def level_for(score: float) -> int:
    """1 Initial [0, 20), 2 Developing [20, 40), 3 Defined [40, 60), 4 Managed [60, 80),
    5 Leading [80, 100]."""
    return min(5, int(score // 20) + 1)


def level_floor(level: int) -> float:
    """The lowest score of a level: 0, 20, 40, 60 or 80."""
    return (level - 1) * 20.0


@dataclass(frozen=True)
class QuestionAnswers:
    """What was said about one question: by each respondent, and the agreed answer."""

    by_respondent: Mapping[str, Answer] = field(default_factory=dict)
    agreed: Answer | None = None


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    domain: str
    section_id: str
    applies: bool
    status: Literal["answered", "unanswered", "not_applicable", "does_not_apply", "unscored"]
    value: float | None = None
    unknown: bool = False
    agreed: bool = False
    respondents: int = 0
    spread: float | None = None

    @property
    def divergent(self) -> bool:
        return self.spread is not None and self.spread >= DIVERGENCE


@dataclass(frozen=True)
class Blocker:
    question_id: str
    domain: str
    prompt: str
    value: float | None
    unknown: bool
    cap: int
    reason: str


@dataclass(frozen=True)
class SectionScore:
    questionnaire_id: str
    section_id: str
    title: str
    score: float | None
    level: int | None
    answered: int
    applicable: int


@dataclass(frozen=True)
class DomainScore:
    id: str
    title: str
    score: float | None
    level: int | None
    capped_level: int | None
    target_level: int
    weight: float
    completeness: float
    answered: int
    applicable: int
    unknowns: int
    blockers: tuple[Blocker, ...]
    sections: tuple[SectionScore, ...]

    @property
    def gap(self) -> int | None:
        """Levels short of the target (0 when at or above it)."""
        return None if self.capped_level is None else max(0, self.target_level - self.capped_level)


@dataclass(frozen=True)
class UseCaseVerdict:
    name: str
    risk_tier: str
    verdict: Verdict
    pursue: bool
    reasons: tuple[str, ...]
    deciding_domains: tuple[str, ...]
    blockers: tuple[str, ...]


@dataclass(frozen=True)
class Scorecard:
    """Everything a screen or a report shows about an assessment's readiness."""

    overall_score: float | None
    overall_level: int | None
    uncapped_overall_level: int | None
    completeness: float
    confidence: Literal["high", "low"]
    confidence_reasons: tuple[str, ...]
    answered: int
    applicable: int
    unknowns: int
    profile_id: str
    planning_tier: PlanningTier
    domains: tuple[DomainScore, ...]
    blockers: tuple[Blocker, ...]
    questions: Mapping[str, QuestionResult]
    use_cases: tuple[UseCaseVerdict, ...]

    @property
    def divergent_questions(self) -> list[str]:
        return [qid for qid, result in self.questions.items() if result.divergent]

    def domain(self, domain_id: str) -> DomainScore | None:
        return next((d for d in self.domains if d.id == domain_id), None)


# --- Combining respondents ---------------------------------------------------------


@dataclass(frozen=True)
class _Combined:
    value: float | None  # None: nothing to score
    not_applicable: bool
    unknown: bool
    agreed: bool
    respondents: int
    spread: float | None


def combine(question: Question, answers: QuestionAnswers) -> _Combined | None:
    """The effective answer to a question; None when nobody has answered it (a cleared
    answer is no answer)."""
    if answers.agreed is None and len(answers.by_respondent) == 1:
        (only,) = answers.by_respondent.values()  # the usual case: one person answering
        if only.kind == "cleared":
            return None
        if only.kind == "na":
            return _Combined(None, True, False, False, 1, None)
        return _Combined(value_of(question, only), False, only.kind == "dont_know", False, 1, None)
    if (answers.agreed is not None and answers.agreed.cleared) or any(
        a.cleared for a in answers.by_respondent.values()
    ):
        agreed = answers.agreed if answers.agreed and not answers.agreed.cleared else None
        kept = {r: a for r, a in answers.by_respondent.items() if not a.cleared}
        return combine(question, QuestionAnswers(kept, agreed)) if kept or agreed else None
    values: list[float] = []
    unknown_count = 0
    said = 0
    for answer in answers.by_respondent.values():
        if answer.kind == "na":
            continue
        said += 1
        value = value_of(question, answer)
        if value is not None:
            values.append(value)
        unknown_count += answer.kind == "dont_know"
    spread = max(values) - min(values) if len(values) >= 2 else None
    respondents = len(answers.by_respondent)
    if answers.agreed is not None:
        agreed = answers.agreed
        return _Combined(
            value=value_of(question, agreed),
            not_applicable=agreed.kind == "na",
            unknown=agreed.kind == "dont_know",
            agreed=True,
            respondents=respondents,
            spread=spread,
        )
    if not answers.by_respondent:
        return None
    if said == 0:  # every respondent said "n/a"
        return _Combined(None, True, False, False, respondents, None)
    return _Combined(
        value=sum(values) / len(values) if values else None,
        not_applicable=False,
        unknown=unknown_count == said,
        agreed=False,
        respondents=respondents,
        spread=spread,
    )


# --- Scoring -----------------------------------------------------------------------


def score(
    questionnaires: Sequence[Questionnaire],
    context: AssessmentContext,
    answers: Mapping[str, QuestionAnswers],
    profile: TargetProfile,
) -> Scorecard:
    """Score an assessment. The same inputs always give the same Scorecard."""
    tier = planning_tier(context)
    context_values = context.condition_values()
    results: dict[str, QuestionResult] = {}
    blockers_by_domain: dict[str, list[Blocker]] = {}
    by_domain: dict[str, list[tuple[Question, QuestionResult]]] = {}
    sections: dict[str, list[SectionScore]] = {}

    for qn in questionnaires:
        values_so_far: dict[str, float | None] = {}
        for section in qn.sections:
            section_items: list[tuple[Question, QuestionResult]] = []
            for question in section.questions:
                result = _judge(question, qn, section.id, answers, context_values, values_so_far)
                results[question.id] = result
                values_so_far[question.id] = result.value if result.status == "answered" else None
                if not question.scored:
                    continue
                section_items.append((question, result))
                by_domain.setdefault(qn.domain, []).append((question, result))
                blocker = _blocker(question, qn.domain, result)
                if blocker is not None:
                    blockers_by_domain.setdefault(qn.domain, []).append(blocker)
            section_score, answered, applicable = _pool(section_items)
            sections.setdefault(qn.domain, []).append(
                SectionScore(
                    qn.id,
                    section.id,
                    section.title,
                    section_score,
                    None if section_score is None else level_for(section_score),
                    answered,
                    applicable,
                )
            )

    domains = tuple(
        _domain_score(
            domain, items, blockers_by_domain.get(domain, []), sections[domain], profile, tier
        )
        for domain, items in sorted(by_domain.items(), key=lambda kv: (domain_rank(kv[0]), kv[0]))
    )
    scored_domains = [d for d in domains if d.score is not None]
    weight_total = sum(d.weight for d in scored_domains)
    overall = (
        sum(d.weight * (d.score or 0.0) for d in scored_domains) / weight_total
        if scored_domains
        else None
    )
    uncapped = None if overall is None else level_for(overall)
    overall_level = uncapped
    if overall_level is not None:
        lowest = min(d.capped_level for d in scored_domains if d.capped_level is not None)
        overall_level = min(overall_level, lowest + 1)

    answered = sum(d.answered for d in domains)
    applicable = sum(d.applicable for d in domains)
    unknowns = sum(d.unknowns for d in domains)
    completeness = answered / applicable if applicable else 1.0
    reasons = []
    if completeness < LOW_COMPLETENESS:
        reasons.append(f"only {completeness:.0%} of the applicable questions are answered")
    if answered and unknowns / answered > HIGH_UNKNOWNS:
        reasons.append(f'{unknowns} of {answered} answers are "don\'t know"')
    all_blockers = tuple(b for d in domains for b in d.blockers)
    use_cases = tuple(
        _verdict(u.name, u.risk_tier, domains, profile, bool(reasons)) for u in context.use_cases
    )
    return Scorecard(
        overall_score=overall,
        overall_level=overall_level,
        uncapped_overall_level=uncapped,
        completeness=completeness,
        confidence="low" if reasons else "high",
        confidence_reasons=tuple(reasons),
        answered=answered,
        applicable=applicable,
        unknowns=unknowns,
        profile_id=profile.id,
        planning_tier=tier,
        domains=domains,
        blockers=all_blockers,
        questions=results,
        use_cases=use_cases,
    )


def _judge(
    question: Question,
    qn: Questionnaire,
    section_id: str,
    answers: Mapping[str, QuestionAnswers],
    context_values: Mapping[str, str | list[str] | None],
    values_so_far: Mapping[str, float | None],
) -> QuestionResult:
    qid, domain = question.id, qn.domain
    condition = question.condition
    if condition is not None and not evaluate(condition, context_values, values_so_far):
        return QuestionResult(qid, domain, section_id, False, "does_not_apply")
    if not question.scored:
        return QuestionResult(qid, domain, section_id, True, "unscored")
    given = answers.get(qid)
    combined = None if given is None else combine(question, given)
    if combined is None:
        return QuestionResult(qid, domain, section_id, True, "unanswered")
    if combined.not_applicable:
        return QuestionResult(
            qid,
            domain,
            section_id,
            True,
            "not_applicable",
            agreed=combined.agreed,
            respondents=combined.respondents,
            spread=combined.spread,
        )
    return QuestionResult(
        qid,
        domain,
        section_id,
        True,
        "answered",
        value=combined.value,
        unknown=combined.unknown,
        agreed=combined.agreed,
        respondents=combined.respondents,
        spread=combined.spread,
    )


def _blocker(question: Question, domain: str, result: QuestionResult) -> Blocker | None:
    gate = question.critical
    if gate is None or result.status != "answered":
        return None
    below = result.value is not None and result.value < gate.below
    if not (below or result.unknown):
        return None
    return Blocker(
        question.id, domain, question.prompt, result.value, result.unknown, gate.cap, gate.reason
    )


def _pool(items: Sequence[tuple[Question, QuestionResult]]) -> tuple[float | None, int, int]:
    """Score, answered and applicable counts over (question, result) pairs."""
    counting = [(q, r) for q, r in items if r.status in {"answered", "unanswered"}]
    answered = [(q, r) for q, r in counting if r.status == "answered" and r.value is not None]
    weight = sum(q.weight for q, _ in answered)
    total = sum(q.weight * (r.value or 0.0) for q, r in answered)
    return (100 * total / weight if weight else None), len(answered), len(counting)


def _domain_score(
    domain: str,
    items: Sequence[tuple[Question, QuestionResult]],
    blockers: Sequence[Blocker],
    sections: Sequence[SectionScore],
    profile: TargetProfile,
    tier: PlanningTier,
) -> DomainScore:
    domain_score, answered, applicable = _pool(items)
    level = None if domain_score is None else level_for(domain_score)
    capped = level
    if capped is not None and blockers:
        capped = min(capped, *(b.cap for b in blockers))
    unknowns = sum(1 for _, r in items if r.status == "answered" and r.unknown)
    return DomainScore(
        id=domain,
        title=domain_title(domain),
        score=domain_score,
        level=level,
        capped_level=capped,
        target_level=profile.target(domain, tier),
        weight=profile.weight(domain),
        completeness=answered / applicable if applicable else 1.0,
        answered=answered,
        applicable=applicable,
        unknowns=unknowns,
        blockers=tuple(blockers),
        sections=tuple(sections),
    )


def _verdict(
    name: str,
    tier: str,
    domains: Sequence[DomainScore],
    profile: TargetProfile,
    low_confidence: bool,
) -> UseCaseVerdict:
    """Ready when every domain reaches the target for the use case's own tier with no
    blocker; ready with conditions when none is more than one level short, no blocker
    stands and confidence is high enough; otherwise not ready. Prohibited practices
    are not to be pursued."""
    if tier == "unacceptable":
        return UseCaseVerdict(
            name,
            tier,
            "not ready",
            pursue=False,
            reasons=(
                "a prohibited AI practice (EU AI Act Art. 5): not to be pursued, whatever "
                "the organisation's readiness",
            ),
            deciding_domains=(),
            blockers=(),
        )
    assert tier in ("minimal", "limited", "high")
    reasons: list[str] = []
    deciding: list[str] = []
    short_by_two = False
    short_by_one = False
    blocker_ids: list[str] = []
    for d in domains:
        target = profile.target(d.id, tier)  # type: ignore[arg-type]
        if d.capped_level is None:
            reasons.append(f"{d.title}: not assessed yet (target level {target})")
            deciding.append(d.id)
            short_by_two = True
            continue
        if d.blockers:
            blocker_ids.extend(b.question_id for b in d.blockers)
            reasons.append(f"{d.title}: blocked by {', '.join(b.question_id for b in d.blockers)}")
            deciding.append(d.id)
        gap = target - d.capped_level
        if gap >= 2:
            short_by_two = True
            reasons.append(f"{d.title}: level {d.capped_level}, {gap} below the target {target}")
            deciding.append(d.id)
        elif gap == 1:
            short_by_one = True
            reasons.append(f"{d.title}: level {d.capped_level}, one below the target {target}")
            deciding.append(d.id)
    verdict: Verdict
    if blocker_ids or short_by_two:
        verdict = "not ready"
    elif short_by_one or low_confidence:
        verdict = "ready with conditions"
        if low_confidence and not short_by_one:
            reasons.append("the answers are too incomplete or uncertain to confirm readiness")
    else:
        verdict = "ready"
        reasons.append(f"every domain reaches its target for {tier}-risk use")
    return UseCaseVerdict(
        name,
        tier,
        verdict,
        pursue=True,
        reasons=tuple(reasons),
        deciding_domains=tuple(dict.fromkeys(deciding)),
        blockers=tuple(dict.fromkeys(blocker_ids)),
    )
