"""Use-cases on whole assessments: create one, and move one to newer questionnaires.

Each runs in one transaction and says what it changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from assessor.content.context import AssessmentContext
from assessor.content.profiles import choose_profile
from assessor.content.questionnaire import Questionnaire, questions_by_id
from assessor.exchange.assessment_file import Client
from assessor.library.installed import Library
from assessor.library.questionnaires import LoadedQuestionnaire
from assessor.scoring.answers import AnswerError, parse_answer
from assessor.store.database import Store
from assessor.usecases.answering import rescore
from assessor.usecases.changes import ANSWERED, Change, Changes, nothing


def create_assessment(
    store: Store,
    library: Library,
    client: Client,
    title: str,
    context: AssessmentContext,
    questionnaires: list[LoadedQuestionnaire] | None = None,
) -> Changes[int]:
    """A new, unanswered assessment over the installed questionnaires (or those given)."""
    chosen = questionnaires if questionnaires is not None else library.content.loaded
    profile = choose_profile(library.profiles.profiles, context)
    with store.atomic():
        assessment_id = start_assessment(
            store,
            client,
            title,
            context,
            profile.id,
            [(item.questionnaire, item.content_hash) for item in chosen],
        )
        rescore(store, library, assessment_id)
    return Changes(
        frozenset({Change.ASSESSMENTS, Change.SCORES, Change.ROADMAP}),
        assessment_id,
        value=assessment_id,
    )


def start_assessment(
    store: Store,
    client: Client,
    title: str,
    context: AssessmentContext,
    profile_id: str,
    questionnaires: list[tuple[Questionnaire, str]],
    status: str = "in_progress",
    created_at: str | None = None,
) -> int:
    """Write a client, the questionnaire versions and the assessment (inside a transaction)."""
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
    )


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
