"""The roadmap as a board: the plan of an assessment with what a screen shows beside each
item (why it is there, in the questions' own words), read in one go.

The plan itself comes from `plan_for`; this only adds words: the question behind each
reason, the answers given to it, the domain's level and target, and the deadline as a
sentence. Edits go through `roadmap_edits`, as on the command line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from assessor.content.calendar import short_date
from assessor.content.context import domain_rank, domain_title
from assessor.exchange.json_views import deadline_text
from assessor.library.installed import Library
from assessor.scoring.answers import answer_text
from assessor.scoring.plan import Plan, PlanItem
from assessor.scoring.roadmap import PHASES, Phase, Roadmap
from assessor.store.database import AssessmentRecord, Store
from assessor.usecases.changes import Changes
from assessor.usecases.roadmap_edits import edit_item, generated_roadmap, plan_for


@dataclass(frozen=True)
class ReasonLine:
    """One gap behind an item, in words."""

    question_id: str
    prompt: str
    answers: tuple[str, ...]  # "Agreed: Level 2", "Chief risk officer: Level 1"; () when none
    domain: str
    current_level: int | None
    target_level: int
    blocker: bool


@dataclass(frozen=True)
class BoardCard:
    plan_item: PlanItem
    reasons: tuple[ReasonLine, ...]
    domain_title: str
    deadline: str  # the deadline as a sentence, or ""
    deadline_short: str = ""  # "Law in force: due now", "Deadline 2 Dec 2027"

    @property
    def id(self) -> str:
        return self.plan_item.id

    @property
    def phase(self) -> Phase:
        return self.plan_item.item.phase


@dataclass(frozen=True)
class Board:
    record: AssessmentRecord
    plan: Plan
    cards: tuple[BoardCard, ...]
    owners: tuple[str, ...]  # every owner on the plan, sorted
    domains: tuple[tuple[str, str], ...]  # (id, title) in report order

    def phase(self, phase: Phase) -> list[BoardCard]:
        return [c for c in self.cards if c.phase == phase]

    def card(self, item_id: str) -> BoardCard | None:
        return next((c for c in self.cards if c.id == item_id), None)


def roadmap_board(
    store: Store, library: Library, assessment_id: int, generated: Roadmap | None = None
) -> Board:
    """The plan of an assessment with the words each card and its reasons need.
    (`generated`: the roadmap before edits, when the caller has it; see `plan_for`.)"""
    plan = plan_for(store, library, assessment_id, generated=generated)
    record = store.assessment(assessment_id)
    questions = {q.id: q for qn in store.questionnaires_of(assessment_id) for q in qn.questions}
    asked = {r.question_id for p in plan.items for r in p.item.why}  # only these need words
    names = {r.key: r.name for r in store.respondents(assessment_id)}
    given: dict[str, list[str]] = {}
    for response in store.current_responses(assessment_id):
        if response.question_id not in asked:
            continue
        question = questions.get(response.question_id)
        raw = json.loads(response.answer)
        if question is None or raw is None:
            continue
        who = names.get(response.respondent, response.respondent)
        words = answer_text(question, raw)
        given.setdefault(question.id, []).append(f"{who}: {words}" if who else words)
    agreed: dict[str, str] = {}
    for question_id, answer, *_rest in store.all_agreed(assessment_id):  # latest wins
        raw = json.loads(answer)
        question = questions.get(question_id)
        if question is not None and raw is not None:
            agreed[question_id] = f"Agreed: {answer_text(question, raw)}"
    cards = []
    for planned in plan.items:
        item = planned.item
        reasons = tuple(
            ReasonLine(
                r.question_id,
                questions[r.question_id].prompt if r.question_id in questions else "",
                tuple(a for a in [agreed.get(r.question_id), *given.get(r.question_id, [])] if a),
                r.domain,
                r.current_level,
                r.target_level,
                r.blocker,
            )
            for r in item.why
        )
        short = ""
        if item.deadline is not None:
            when = short_date(date.fromisoformat(item.deadline.applies_from))
            short = "Law in force: due now" if item.deadline.in_force else f"Deadline {when}"
        cards.append(
            BoardCard(
                planned, reasons, domain_title(item.domain) if item.domain else "",
                deadline_text(item.deadline), short,
            )
        )  # fmt: skip
    owners = tuple(sorted({c.plan_item.item.owner for c in cards if c.plan_item.item.owner}))
    domain_ids = sorted({c.plan_item.item.domain for c in cards if c.plan_item.item.domain},
                        key=domain_rank)  # fmt: skip
    domains = tuple((d, domain_title(d)) for d in domain_ids)
    return Board(record, plan, tuple(cards), owners, domains)


def edit_and_read(
    store: Store, library: Library, assessment_id: int, item_id: str, **edits: Any
) -> tuple[Changes[None], Board]:
    """`edit_item`, then the board as it now stands, generating the roadmap once."""
    generated = generated_roadmap(store, library, assessment_id)
    changes = edit_item(store, library, assessment_id, item_id, generated=generated, **edits)
    return changes, roadmap_board(store, library, assessment_id, generated)


def neighbour_phase(phase: Phase, step: int) -> Phase | None:
    """The phase `step` columns to the right (negative: left), or None past the ends."""
    index = PHASES.index(phase) + step
    return PHASES[index] if 0 <= index < len(PHASES) else None
