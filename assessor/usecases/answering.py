"""Use-cases on answers: record one, clear one, take one back; change the context or
add a respondent. Each runs in one transaction, rescoring as it goes, and says what it
changed; answer changes carry their undo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError

from assessor.content.context import AssessmentContext, domain_rank
from assessor.content.profiles import choose_profile
from assessor.content.questionnaire import Question, Questionnaire
from assessor.errors import InputError, UsageError
from assessor.library.installed import Library
from assessor.limits import NOTE_MAX, first_problem, identifier, multi_line, one_line, quoted
from assessor.scoring.answers import parse_answer
from assessor.scoring.scorecard import Scorecard, score
from assessor.store.database import AssessmentRecord, Respondent, ResponseRecord, Store
from assessor.usecases.changes import ANSWERED, Change, Changes, nothing


def question_of(store: Store, assessment_id: int, question_id: str) -> Question:
    """A question of the assessment, or a UsageError that says which is missing."""
    question = store.questions_of(assessment_id).get(question_id)
    if question is None:
        store.assessment(assessment_id)  # a missing assessment is the clearer message
        raise UsageError(f"assessment {assessment_id} has no question {quoted(question_id)}")
    return question


def checked_context(context: AssessmentContext) -> AssessmentContext:
    """The context checked again by its model: one built without validation (or changed
    after) is refused here, naming the field, rather than stored."""
    try:
        return AssessmentContext.model_validate(context.model_dump())
    except ValidationError as error:
        raise InputError(f"context: {first_problem(error)}") from None


def scorecard(store: Store, library: Library, assessment_id: int) -> Scorecard:
    """Score an assessment from the questionnaire versions it was made with."""
    record = store.assessment(assessment_id)
    questionnaires = store.questionnaires_of(assessment_id)
    answers = store.current_answers(assessment_id, store.questions_of(assessment_id))
    profile = library.profiles.get(record.profile_id) or choose_profile(
        library.profiles.profiles, record.context
    )
    return score(questionnaires, record.context, answers, profile)


def rescore(store: Store, library: Library, assessment_id: int) -> Scorecard:
    """Score and keep the result (call inside a transaction)."""
    card = scorecard(store, library, assessment_id)
    store.save_scores(assessment_id, card)
    return card


@dataclass(frozen=True)
class GivenAnswer:
    """One respondent's current answer to a question, as the file format writes it."""

    raw: object  # an option id, a list of ids, a number, text, "n/a", "dont_know"
    note: str = ""
    flagged: bool = False


@dataclass(frozen=True)
class AnswerSheet:
    """What a screen that walks through an assessment needs, read in one go; the
    questionnaires in the order reports show their domains."""

    record: AssessmentRecord
    questionnaires: tuple[Questionnaire, ...]
    scorecard: Scorecard
    respondent: str  # whose answers `answers` holds ("" when nobody is named)
    respondents: tuple[Respondent, ...]  # removed ones too, so the history names them
    answers: dict[str, GivenAnswer]
    agreed: bool = False  # `answers` are the facilitator's agreed answers

    @property
    def participants(self) -> tuple[Respondent, ...]:
        """The respondents still in the workshop (those whose answers count)."""
        return tuple(r for r in self.respondents if r.active)


def answer_sheet(
    store: Store,
    library: Library,
    assessment_id: int,
    respondent: str | None = None,
    card: Scorecard | None = None,
    agreed: bool = False,
) -> AnswerSheet:
    """The assessment, its questionnaires, its scores and one respondent's answers, or
    the agreed answers (`agreed`).

    Without a respondent, the answers are those of the first respondent still in the
    workshop (the demo's risk officer), or the unnamed single user's when nobody is named.
    `card` is the assessment's scorecard when the caller has just computed it.
    """
    record = store.assessment(assessment_id)
    people = tuple(store.respondents(assessment_id))
    first = next((p.key for p in people if p.active), "")
    whose = "" if agreed else respondent if respondent is not None else first
    if agreed:
        answers = {
            question_id: GivenAnswer(json.loads(answer), note)
            for question_id, answer, note, _at, _by in store.all_agreed(assessment_id)
        }  # oldest first: the latest of each question stays
        answers = {qid: given for qid, given in answers.items() if given.raw is not None}
    else:
        answers = {
            r.question_id: GivenAnswer(json.loads(r.answer), r.note, r.flagged)
            for r in store.current_responses(assessment_id)
            if r.respondent == whose and json.loads(r.answer) is not None
        }
    return AnswerSheet(
        record,
        tuple(sorted(store.questionnaires_of(assessment_id), key=lambda q: domain_rank(q.domain))),
        card or scorecard(store, library, assessment_id),
        whose,
        people,
        answers,
        agreed,
    )


def answer_history(store: Store, assessment_id: int, question_id: str) -> list[ResponseRecord]:
    """Who answered a question what, and when, oldest first (cleared answers included)."""
    question_of(store, assessment_id, question_id)
    return store.history(assessment_id, question_id)


@dataclass(frozen=True)
class AnswerChange:
    """Replays an answer: the undo of `record_answer` (or the redo of its undo).

    `raw` None clears the answer, so a first answer is taken back to unanswered.
    """

    assessment_id: int
    question_id: str
    raw: object
    respondent: str = ""
    agreed: bool = False
    note: str = ""
    flagged: bool = False

    @property
    def description(self) -> str:
        whose = "agreed answer" if self.agreed else "answer"
        return f"{whose} to {self.question_id}"

    def run(self, store: Store, library: Library) -> Changes[None]:
        return record_answer(
            store, library, self.assessment_id, self.question_id, self.raw,
            respondent=self.respondent, note=self.note, flagged=self.flagged, agreed=self.agreed,
        )  # fmt: skip


def record_answer(
    store: Store,
    library: Library,
    assessment_id: int,
    question_id: str,
    raw: object,
    respondent: str = "",
    note: str = "",
    flagged: bool = False,
    agreed: bool = False,
) -> Changes[None]:
    """Record one answer (or the facilitator's agreed answer) and rescore, in one
    committed transaction. `raw` None clears the answer; history keeps every row."""
    return _record(
        store, library, assessment_id, question_id, raw, respondent, note, flagged, agreed
    )[0]


def answer_and_read(
    store: Store,
    library: Library,
    assessment_id: int,
    question_id: str,
    raw: object,
    respondent: str = "",
    note: str = "",
    flagged: bool = False,
    agreed: bool = False,
) -> tuple[Changes[None], AnswerSheet]:
    """`record_answer`, then the answer sheet as it now stands, scored once: what the
    walker needs after each answer, in one round trip."""
    changes, card = _record(
        store, library, assessment_id, question_id, raw, respondent, note, flagged, agreed
    )
    return changes, answer_sheet(store, library, assessment_id, respondent, card, agreed)


def _record(
    store: Store,
    library: Library,
    assessment_id: int,
    question_id: str,
    raw: object,
    respondent: str,
    note: str,
    flagged: bool,
    agreed: bool,
) -> tuple[Changes[None], Scorecard | None]:
    respondent = identifier(respondent, "respondent", optional=True)
    if not respondent and not agreed:
        # On an assessment opened from a pack, answers are its respondent's.
        respondent = store.pack_respondent_of(assessment_id) or ""
    note = multi_line(note, "note", max_length=NOTE_MAX)
    answer = parse_answer(question_of(store, assessment_id, question_id), raw)
    kinds = set(ANSWERED)
    with store.atomic():
        before = store.latest_answer(assessment_id, question_id, respondent, agreed)
        if answer.cleared and (before is None or json.loads(before[0]) is None):
            return nothing(assessment_id), None  # nothing to clear
        removed = next(
            (p for p in store.respondents(assessment_id) if p.key == respondent and not p.active),
            None,
        )
        if removed is not None and not agreed:
            raise UsageError(
                f"{removed.name} was removed from the workshop, so their answers no longer "
                "count; bring them back (Workshop › Participants in the app) to answer for them"
            )
        # Someone who joined mid-workshop is added in the answer's own transaction.
        if respondent and store.add_respondent_if_new(assessment_id, respondent, respondent):
            kinds.add(Change.RESPONDENTS)
        if agreed:
            store.add_agreed(assessment_id, question_id, answer, note=note)
        else:
            store.add_response(
                assessment_id, question_id, answer, respondent=respondent, note=note,
                flagged=flagged,
            )  # fmt: skip
        card = rescore(store, library, assessment_id)
    previous, old_note, old_flag = (
        (json.loads(before[0]), before[1], before[2]) if before else (None, "", False)
    )
    undo = AnswerChange(
        assessment_id, question_id, previous, respondent, agreed, old_note, old_flag
    )
    return Changes(frozenset(kinds), assessment_id, (question_id,), undo=undo), card


def clear_answer(
    store: Store,
    library: Library,
    assessment_id: int,
    question_id: str,
    respondent: str = "",
    agreed: bool = False,
) -> Changes[None]:
    """Make a question unanswered again (by one respondent, or its agreed answer)."""
    return record_answer(
        store, library, assessment_id, question_id, None, respondent=respondent, agreed=agreed
    )


def set_context(
    store: Store, library: Library, assessment_id: int, context: AssessmentContext
) -> Changes[None]:
    """Change who the organisation is and what AI it means to use; the scores follow
    (questions that apply, targets, verdicts)."""
    context = checked_context(context)
    before = store.assessment(assessment_id).context
    if before == context:
        return nothing(assessment_id)
    with store.atomic():
        store.set_context(assessment_id, context)
        rescore(store, library, assessment_id)
    return Changes(
        frozenset({Change.CONTEXT, Change.SCORES, Change.ROADMAP}),
        assessment_id,
        undo=ContextChange(assessment_id, before),
    )


@dataclass(frozen=True)
class ContextChange:
    """Replays a context: the undo of `set_context`."""

    assessment_id: int
    context: AssessmentContext
    description: str = "change of context"

    def run(self, store: Store, library: Library) -> Changes[None]:
        return set_context(store, library, self.assessment_id, self.context)


def add_respondent(
    store: Store, assessment_id: int, key: str, name: str, role: str = ""
) -> Changes[str]:
    """Add a workshop participant; their answers count beside the others'."""
    key = identifier(key, "respondent id")
    name = one_line(name, "respondent name")
    role = one_line(role, "role", required=False)
    with store.atomic():
        if key in {r.key for r in store.respondents(assessment_id)}:
            raise UsageError(f"assessment {assessment_id} already has a respondent {key!r}")
        store.add_respondent(assessment_id, key, name, role)
    return Changes(frozenset({Change.RESPONDENTS}), assessment_id, value=key)
