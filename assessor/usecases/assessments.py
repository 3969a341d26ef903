"""Use-cases on whole assessments: create, rename, delete (to the bin for 30 days) and
restore, reassess, and move to newer questionnaires.

Each runs in one transaction and says what it changed; rename and delete carry their undo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from assessor.content.context import AssessmentContext
from assessor.content.profiles import choose_profile
from assessor.content.questionnaire import Question, Questionnaire, questions_by_id
from assessor.errors import InputError, UsageError
from assessor.exchange.assessment_file import Client
from assessor.library.installed import Library
from assessor.library.questionnaires import LoadedQuestionnaire
from assessor.limits import NAME_MAX, first_problem, one_line
from assessor.scoring.answers import Answer, AnswerError, parse_answer
from assessor.store.database import Store, now
from assessor.usecases.answering import checked_context, rescore
from assessor.usecases.changes import ANSWERED, Change, Changes, nothing


def create_assessment(
    store: Store,
    library: Library,
    client: Client,
    title: str,
    context: AssessmentContext,
    questionnaires: list[LoadedQuestionnaire] | None = None,
    client_id: int | None = None,
) -> Changes[int]:
    """A new, unanswered assessment over the installed questionnaires (or those given),
    for a new client, or for the existing client `client_id` (then `client` is ignored)."""
    chosen = questionnaires if questionnaires is not None else library.content.loaded
    if not chosen:
        raise UsageError("choose at least one questionnaire for the assessment")
    title = one_line(title, "title")
    context = checked_context(context)
    if client_id is None:
        client = checked_client(client)
    profile = choose_profile(library.profiles.profiles, context)
    with store.atomic():
        if client_id is not None and client_id not in {c.id for c in store.clients()}:
            raise UsageError(f"there is no client {client_id} in {store.path}")
        assessment_id = start_assessment(
            store,
            client,
            title,
            context,
            profile.id,
            [(item.questionnaire, item.content_hash) for item in chosen],
            client_id=client_id,
        )
        rescore(store, library, assessment_id)
    return Changes(
        frozenset({Change.ASSESSMENTS, Change.SCORES, Change.ROADMAP}),
        assessment_id,
        value=assessment_id,
    )


def checked_client(client: Client) -> Client:
    """The client checked again by its model (name, extra fields), naming the field."""
    try:
        return Client.model_validate(client.model_dump())
    except ValidationError as error:
        raise InputError(f"client: {first_problem(error)}") from None


def start_assessment(
    store: Store,
    client: Client,
    title: str,
    context: AssessmentContext,
    profile_id: str,
    questionnaires: list[tuple[Questionnaire, str]],
    status: str = "in_progress",
    created_at: str | None = None,
    client_id: int | None = None,
    sample: bool = False,
    previous_id: int | None = None,
    uid: str | None = None,
) -> int:
    """Write a client (unless `client_id` names one), the questionnaire versions and the
    assessment (inside a transaction); `uid` keeps the one a file brought."""
    if client_id is None:
        details = {k: v for k, v in client.model_dump().items() if k != "name"}
        client_id = store.add_client(client.name, details)
    for questionnaire, content_hash in questionnaires:
        store.keep_questionnaire(questionnaire, content_hash)
    return store.add_assessment(
        client_id,
        title,
        context,
        profile_id,
        [content_hash for _, content_hash in questionnaires],
        status=status,
        created_at=created_at,
        sample=sample,
        previous_id=previous_id,
        uid=uid,
    )


#: How long a deleted assessment can be restored.
BIN_DAYS = 30


def rename_assessment(store: Store, assessment_id: int, title: str) -> Changes[None]:
    """Give an assessment a new title; the old one comes back with undo."""
    title = one_line(title, "title")
    before = store.assessment(assessment_id).title
    if before == title:
        return nothing(assessment_id)
    with store.atomic():
        store.rename_assessment(assessment_id, title)
    return Changes(
        frozenset({Change.ASSESSMENTS}), assessment_id, undo=Rename(assessment_id, before)
    )


@dataclass(frozen=True)
class Rename:
    """Replays a title: the undo of `rename_assessment`."""

    assessment_id: int
    title: str
    description: str = "rename"

    def run(self, store: Store, library: Library) -> Changes[None]:
        return rename_assessment(store, self.assessment_id, self.title)


def delete_assessment(store: Store, assessment_id: int) -> Changes[None]:
    """Move an assessment to the bin: it leaves the lists, and can be restored for
    `BIN_DAYS` days before `empty_bin` removes it for good."""
    if store.assessment(assessment_id).deleted_at is not None:
        return nothing(assessment_id)
    with store.atomic():
        store.set_deleted(assessment_id, now())
    return Changes(frozenset({Change.ASSESSMENTS}), assessment_id, undo=Restore(assessment_id))


def restore_assessment(store: Store, assessment_id: int) -> Changes[None]:
    """Take an assessment back out of the bin, as it was."""
    if store.assessment(assessment_id).deleted_at is None:
        return nothing(assessment_id)
    with store.atomic():
        store.set_deleted(assessment_id, None)
    return Changes(frozenset({Change.ASSESSMENTS}), assessment_id, undo=Delete(assessment_id))


@dataclass(frozen=True)
class Restore:
    assessment_id: int
    description: str = "delete"

    def run(self, store: Store, library: Library) -> Changes[None]:
        return restore_assessment(store, self.assessment_id)


@dataclass(frozen=True)
class Delete:
    assessment_id: int
    description: str = "restore"

    def run(self, store: Store, library: Library) -> Changes[None]:
        return delete_assessment(store, self.assessment_id)


def empty_bin(store: Store, today: datetime | None = None) -> Changes[tuple[int, ...]]:
    """Remove for good what has been in the bin longer than `BIN_DAYS` days."""
    if store.read_only:  # a database opened for reading keeps its bin until it can be written
        return nothing(value=())
    cutoff = (today or datetime.now(UTC)) - timedelta(days=BIN_DAYS)
    with store.atomic():
        gone = store.purge_deleted(cutoff.isoformat(timespec="milliseconds"))
    if not gone:
        return nothing(value=())
    return Changes(frozenset({Change.ASSESSMENTS}), value=tuple(gone))


def reassess(
    store: Store, library: Library, assessment_id: int, title: str | None = None
) -> Changes[int]:
    """A new assessment of the same client that starts from the previous one's answers.

    It uses the installed version of each questionnaire (so a reassessment picks up new
    content), the same context, respondents, current answers, notes and flags; an answer
    the new version cannot take is left behind. The new assessment points back at the old
    one, so trends build up. The old one is not changed.
    """
    record = store.assessment(assessment_id)
    installed = {item.questionnaire.id: item for item in library.content.loaded}
    versions = [
        (installed[qn.id].questionnaire, installed[qn.id].content_hash)
        if qn.id in installed
        else (qn, content_hash)
        for qn, content_hash in zip(
            store.questionnaires_of(assessment_id), store.content_hashes_of(assessment_id),
            strict=True,
        )
    ]  # fmt: skip
    questions = questions_by_id([qn for qn, _ in versions])
    profile = choose_profile(library.profiles.profiles, record.context)
    new_title = one_line(title or f"{record.title} (reassessment)"[:NAME_MAX], "title")
    carried_by = f"carried from assessment {assessment_id}"
    with store.atomic():
        new_id = start_assessment(
            store, Client(name=record.client_name), new_title, record.context, profile.id,
            versions, client_id=record.client_id, previous_id=assessment_id,
        )  # fmt: skip
        for person in store.respondents(assessment_id):
            store.add_respondent(new_id, person.key, person.name, person.role)
            if not person.active:  # still removed: their answers carry over, uncounted
                store.set_respondent_removed(new_id, person.key, person.removed_at)
        for response in store.current_responses(assessment_id):
            answer = _carried(questions, response.question_id, response.answer)
            if answer is not None:
                store.add_response(
                    new_id, response.question_id, answer, respondent=response.respondent,
                    note=response.note, flagged=response.flagged, answered_by=carried_by,
                )  # fmt: skip
        latest_agreed = {row[0]: row for row in store.all_agreed(assessment_id)}
        for question_id, raw, note, _at, _by in latest_agreed.values():
            answer = _carried(questions, question_id, raw)
            if answer is not None:
                store.add_agreed(new_id, question_id, answer, note=note, agreed_by=carried_by)
        rescore(store, library, new_id)
    return Changes(
        frozenset({Change.ASSESSMENTS, Change.RESPONDENTS, *ANSWERED}), new_id, value=new_id
    )


def _carried(questions: dict[str, Question], question_id: str, raw: str) -> Answer | None:
    """The answer as the new version reads it; None when it is cleared or no longer fits."""
    question = questions.get(question_id)
    if question is None:
        return None
    try:
        answer = parse_answer(question, json.loads(raw))
    except AnswerError:
        return None
    return None if answer.cleared else answer


@dataclass(frozen=True)
class Upgrade:
    """What `upgrade_questionnaires` did: versions moved, answers that no longer fit."""

    upgraded: tuple[tuple[str, str, str], ...]  # (questionnaire, old version, new version)
    answers_not_carried: tuple[str, ...]  # question ids whose answer the new version refuses


def upgrade_questionnaires(store: Store, library: Library, assessment_id: int) -> Changes[Upgrade]:
    """Move an assessment to the installed version of each of its questionnaires.

    Answers carry over by question id; an answer the new version cannot take (a removed
    option) stays in the history but no longer counts, and is listed.
    """
    current = store.questionnaires_of(assessment_id)
    hashes = store.content_hashes_of(assessment_id)
    installed = {item.questionnaire.id: item for item in library.content.loaded}
    moves = [
        (qn, old_hash, installed[qn.id])
        for qn, old_hash in zip(current, hashes, strict=True)
        if qn.id in installed and installed[qn.id].content_hash != old_hash
    ]
    if not moves:
        store.assessment(assessment_id)  # an unknown assessment is an error, not a no-op
        return nothing(assessment_id, Upgrade((), ()))
    new_questions = questions_by_id(
        [installed[qn.id].questionnaire if qn.id in installed else qn for qn in current]
    )
    refused = []
    for record in store.current_responses(assessment_id):
        question = new_questions.get(record.question_id)
        if question is None:
            refused.append(record.question_id)
            continue
        try:
            parse_answer(question, json.loads(record.answer))
        except AnswerError:
            refused.append(record.question_id)
    with store.atomic():
        for _qn, old_hash, item in moves:
            store.keep_questionnaire(item.questionnaire, item.content_hash)
            store.use_questionnaire_version(assessment_id, old_hash, item.content_hash)
        rescore(store, library, assessment_id)
    result = Upgrade(
        tuple((qn.id, qn.version, item.questionnaire.version) for qn, _h, item in moves),
        tuple(dict.fromkeys(refused)),
    )
    return Changes(
        frozenset({Change.QUESTIONNAIRES, *ANSWERED}),
        assessment_id,
        question_ids=tuple(q.id for _qn, _h, item in moves for q in item.questionnaire.questions),
        value=result,
    )
