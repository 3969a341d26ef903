"""Everything a report shows, as one object (`ReportData`), assembled from what the
store holds and the library knows.

`assessor.usecases.reporting.gather_report` reads the store and calls `assemble`; the
layout (`assessor.report.document`) only arranges what it is given, so reading and laying
out can be tested apart and the app can gather on its worker thread. The coverage
statuses and answer texts are derived here from the scorecard and the plan; no scoring
rule is repeated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from assessor.content.calendar import Duty, short_date
from assessor.content.context import AssessmentContext
from assessor.content.profiles import TargetProfile, choose_profile
from assessor.content.questionnaire import Question, Questionnaire
from assessor.library.frameworks import UnknownReference
from assessor.library.installed import Library
from assessor.scoring.answers import AnswerError, answer_text, parse_answer, value_of
from assessor.scoring.plan import Plan
from assessor.scoring.roadmap import gaps
from assessor.scoring.scorecard import LEVEL_NAMES, DomainScore, QuestionResult, Scorecard
from assessor.store.database import AssessmentRecord, AssessmentSummary, Respondent, ResponseRecord


@dataclass(frozen=True)
class AnswerLine:
    """One answer as the report prints it: who, what (in words), note and flag; its
    value (None for "n/a" and text), the respondent's key and, for an agreed answer, who
    recorded it."""

    respondent: str
    answer: str
    note: str
    flagged: bool
    when: str
    value: float | None = None
    key: str = ""
    by: str = ""


@dataclass(frozen=True)
class Participant:
    """One person who answered, and how many of the questions the report lists they
    answered."""

    key: str
    name: str
    role: str
    answered: int


@dataclass(frozen=True)
class QuestionReport:
    question: Question
    section: str
    result: QuestionResult | None
    answers: tuple[AnswerLine, ...]
    agreed: AnswerLine | None
    descriptor: str  # what the organisation looks like at the answer given, when one
    gap: bool

    @property
    def value(self) -> float | None:
        return None if self.result is None else self.result.value

    @property
    def spread(self) -> float | None:
        """The highest value less the lowest, when two or more respondents gave one."""
        return None if self.result is None else self.result.spread


@dataclass(frozen=True)
class DomainReport:
    score: DomainScore
    questions: tuple[QuestionReport, ...]

    @property
    def title(self) -> str:
        return self.score.title


@dataclass(frozen=True)
class CoverageItem:
    """One framework item the questions cite, and how the answers stand against it."""

    label: str  # "EU AI Act Art. 9"
    title: str
    question_ids: tuple[str, ...]
    status: str  # "met", "partly met", "below target", "not assessed"
    caveat: str | None = None


@dataclass(frozen=True)
class FrameworkCoverage:
    key: str
    title: str
    items: tuple[CoverageItem, ...]


@dataclass(frozen=True)
class BindingDuty:
    duty: Duty
    in_force: bool
    item_ids: tuple[str, ...]
    asked: bool = True  # whether any question or recommendation names the duty


@dataclass(frozen=True)
class ReportData:
    assessment_id: int
    client: str
    title: str
    assessed_on: str  # "1 Dec 2026"
    prepared_on: str
    card: Scorecard
    profile: TargetProfile
    domains: tuple[DomainReport, ...]
    plan: Plan
    duties: tuple[BindingDuty, ...]
    coverage: tuple[FrameworkCoverage, ...]
    trend: tuple[tuple[str, float | None], ...]
    questionnaires: tuple[tuple[str, str, str, str], ...]  # id, title, version, hash
    calendar_as_of: str
    respondents: dict[str, str]  # key -> name (role)
    context_lines: tuple[tuple[str, str], ...]
    participants: tuple[Participant, ...] = ()  # in the order they were added

    @property
    def questions(self) -> list[QuestionReport]:
        return [q for d in self.domains for q in d.questions]

    @property
    def several_respondents(self) -> bool:
        """More than one person answered: the report then shows who took part and
        where they disagree."""
        return sum(1 for p in self.participants if p.answered) > 1

    @property
    def divergent(self) -> list[QuestionReport]:
        """The questions whose respondents diverge, widest spread first (in report order
        among equals)."""
        split = [q for q in self.questions if q.result is not None and q.result.divergent]
        return sorted(split, key=lambda q: -(q.spread or 0.0))


def trend_label(summary: AssessmentSummary) -> str:
    """An assessment as a point of the trend names it: `Review 2026 (2026-03-02)`."""
    return f"{summary.title} ({summary.updated_at[:10]})"


def level_words(level: int | None) -> str:
    return "not assessed" if level is None else f"{level} {LEVEL_NAMES[level]}"


def _value(question: Question, raw: object) -> float | None:
    """The value an answer scores (the scorecard's rule); None for "n/a", text, or an
    answer this version of the question no longer takes."""
    try:
        return value_of(question, parse_answer(question, raw))
    except AnswerError:
        return None


def _descriptor(question: Question, raw: object) -> str:
    if isinstance(raw, str) and (option := question.option(raw)) is not None:
        return option.descriptor
    return ""


def assemble(
    library: Library,
    record: AssessmentRecord,
    questionnaires: Sequence[Questionnaire],
    hashes: Sequence[str],
    card: Scorecard,
    plan: Plan,
    people: Sequence[Respondent],
    current: Sequence[ResponseRecord],
    agreed: Sequence[tuple[str, str, str, str, str]],
    history: Sequence[AssessmentSummary],
    prepared: datetime,
) -> ReportData:
    """The report of one assessment, from what the store returned for it."""
    profile = library.profiles.get(record.profile_id) or choose_profile(
        library.profiles.profiles, record.context
    )
    respondents = {
        r.key: (f"{r.name} ({r.role})" if r.role else r.name)
        + ("" if r.active else ", removed: not counted")
        for r in people
    }
    gap_ids = {question.id for question, _reason, _size in gaps(questionnaires, card)}
    agreed_rows = {row[0]: row for row in agreed}  # oldest first, so the latest wins
    by_question: dict[str, list[AnswerLine]] = {}
    latest_raw: dict[str, object] = {}
    questions = {q.id: q for qn in questionnaires for q in qn.questions}
    for response in current:
        question = questions.get(response.question_id)
        raw = json.loads(response.answer)
        if question is None or raw is None:
            continue
        by_question.setdefault(question.id, []).append(
            AnswerLine(
                respondents.get(response.respondent, response.respondent or "Respondent"),
                answer_text(question, raw),
                response.note,
                response.flagged,
                response.answered_at[:10],
                _value(question, raw),
                response.respondent,
            )
        )
        latest_raw.setdefault(question.id, raw)
    domains = []
    for domain in card.domains:
        reports = []
        for qn in questionnaires:
            if qn.domain != domain.id:
                continue
            for section in qn.sections:
                for question in section.questions:
                    result = card.questions.get(question.id)
                    row = agreed_rows.get(question.id)
                    agreed_line = None
                    raw = latest_raw.get(question.id)
                    if row is not None and json.loads(row[1]) is not None:
                        raw = json.loads(row[1])
                        agreed_line = AnswerLine(
                            "Agreed", answer_text(question, raw), row[2], False, row[3][:10],
                            _value(question, raw), by=row[4],
                        )  # fmt: skip
                    if result is not None and result.status == "does_not_apply":
                        continue
                    reports.append(
                        QuestionReport(
                            question, section.title, result,
                            tuple(by_question.get(question.id, ())), agreed_line,
                            _descriptor(question, raw), question.id in gap_ids,
                        )
                    )  # fmt: skip
        domains.append(DomainReport(domain, tuple(reports)))
    binding = library.calendar.binding(record.context)
    as_of = datetime.fromisoformat(record.created_at).date()
    named = {
        d
        for qn in questionnaires
        for q in qn.questions
        for d in (*q.duties, *(getattr(q.recommendation, "duties", None) or ()))
    }
    duties = tuple(
        BindingDuty(
            duty,
            duty.applies_on(as_of),
            tuple(p.id for p in plan.visible() if duty.id in p.item.duties),
            duty.id in named,
        )
        for duty in sorted(binding.values(), key=lambda d: (d.applies_from, d.id))
    )
    summaries = [s for s in history if s.client == record.client_name]  # oldest first
    trend = tuple((trend_label(s), s.overall_score) for s in summaries)
    return ReportData(
        assessment_id=record.id,
        client=record.client_name,
        title=record.title,
        assessed_on=short_date(as_of),
        prepared_on=short_date(prepared.date()),
        card=card,
        profile=profile,
        domains=tuple(domains),
        plan=plan,
        duties=duties,
        coverage=_coverage(library, questionnaires, card, gap_ids),
        trend=trend,
        questionnaires=tuple(
            (qn.id, qn.title, qn.version, h) for qn, h in zip(questionnaires, hashes, strict=True)
        ),
        calendar_as_of=short_date(library.calendar.as_of) if library.calendar.as_of else "",
        respondents=respondents,
        context_lines=_context_lines(record.context),
        participants=_participants(people, domains),
    )


def _participants(
    people: Sequence[Respondent], domains: Sequence[DomainReport]
) -> tuple[Participant, ...]:
    """Everyone named, then anyone who answered without being named, each with the
    number of listed questions they answered."""
    answered: dict[str, int] = {}
    for domain in domains:
        for question in domain.questions:
            for line in question.answers:
                answered[line.key] = answered.get(line.key, 0) + 1
    named = [
        Participant(
            r.key, r.name,
            r.role if r.active else "; ".join(x for x in (r.role, "removed: answers not counted")
                                              if x),
            answered.get(r.key, 0),
        )
        for r in people
    ]  # fmt: skip
    known = {r.key for r in people}
    unnamed = [Participant(key, key or "Respondent", "", count)
               for key, count in answered.items() if key not in known]  # fmt: skip
    return (*named, *unnamed)


def _context_lines(context: AssessmentContext) -> tuple[tuple[str, str], ...]:
    words = [
        ("Industry", (context.industry or "not stated").replace("_", " ")),
        ("Sector", context.sector or "not stated"),
        ("Size", context.size or "not stated"),
        ("Regions", ", ".join(context.regions) or "not stated"),
        ("Deployment", ", ".join(d.replace("_", " ") for d in context.deployment) or "not stated"),
    ]
    for use in context.use_cases:
        words.append((f"Use case ({use.risk_tier} risk)", use.name))
    return tuple(words)


def _coverage(
    library: Library,
    questionnaires: Sequence[Questionnaire],
    card: Scorecard,
    gap_ids: set[str],
) -> tuple[FrameworkCoverage, ...]:
    cited: dict[str, dict[str, tuple[str, str, str | None, list[str]]]] = {}
    titles: dict[str, str] = {}
    for qn in questionnaires:
        for question in qn.questions:
            result = card.questions.get(question.id)
            if result is not None and result.status == "does_not_apply":
                continue
            for ref in question.references:
                try:
                    resolved = library.content.frameworks.resolve(ref.framework, ref.id)
                except UnknownReference:
                    continue  # a framework no longer installed: the methodology lists ids
                titles[resolved.framework] = resolved.framework_title
                by_item = cited.setdefault(resolved.framework, {})
                entry = by_item.setdefault(
                    resolved.id, (resolved.label, resolved.title, resolved.caveat, [])
                )
                if question.id not in entry[3]:
                    entry[3].append(question.id)
    coverage = []
    for key in sorted(cited, key=lambda k: titles[k]):
        items = []
        for _item_id, (label, title, caveat, qids) in sorted(
            cited[key].items(), key=lambda kv: _natural(kv[0])
        ):
            answered = [q for q in qids if (r := card.questions.get(q)) and r.status == "answered"]
            short = [q for q in answered if q in gap_ids]
            status = (
                "not assessed"
                if not answered
                else "below target"
                if len(short) == len(answered)
                else "partly met"
                if short
                else "met"
            )
            items.append(CoverageItem(label, title, tuple(qids), status, caveat))
        coverage.append(FrameworkCoverage(key, titles[key], tuple(items)))
    return tuple(coverage)


def _natural(text: str) -> list[object]:
    """`Art. 9` before `Art. 10`: digits compare as numbers."""
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]
