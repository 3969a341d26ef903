"""Use-cases over assessments, called by the command line and the app alike.

Each takes the content `Library` and an open `Store`, does one thing a user asked for in
one transaction, and returns what it changed (`Changes`) or a typed result. Nothing
here prints or assumes a terminal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assessor import __version__
from assessor.content.context import AssessmentContext
from assessor.content.profiles import choose_profile
from assessor.content.questionnaire import Question, Questionnaire
from assessor.errors import UsageError
from assessor.exchange.assessment_file import (
    FORMAT,
    FORMAT_VERSION,
    AssessmentFile,
    Client,
    FileAgreed,
    FileError,
    FileRespondent,
    FileResponse,
    QuestionnaireRef,
    read_assessment_file,
)
from assessor.library.installed import Library
from assessor.library.questionnaires import LoadedQuestionnaire
from assessor.scoring.answers import Answer, AnswerError, parse_answer
from assessor.scoring.scorecard import Scorecard, score
from assessor.store.database import Store


@dataclass(frozen=True)
class Changes:
    """What a use-case changed, so a screen refreshes only what concerns it."""

    assessment_id: int
    created: bool = False
    answers: bool = False
    scores: bool = False


# --- Scoring a stored assessment ---------------------------------------------------


def question_index(questionnaires: list[Questionnaire]) -> dict[str, Question]:
    return {q.id: q for qn in questionnaires for q in qn.questions}


def question_of(store: Store, assessment_id: int, question_id: str) -> Question:
    """A question of the assessment, or a UsageError that says which is missing."""
    question = store.questions_of(assessment_id).get(question_id)
    if question is None:
        store.assessment(assessment_id)  # a missing assessment is the clearer message
        raise UsageError(f"assessment {assessment_id} has no question {question_id!r}")
    return question


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


# --- Answering ---------------------------------------------------------------------


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
) -> Changes:
    """Record one answer (or the facilitator's agreed answer) and rescore, in one
    committed transaction."""
    answer = parse_answer(question_of(store, assessment_id, question_id), raw)
    new_respondent = bool(respondent) and respondent not in {
        r.key for r in store.respondents(assessment_id)
    }
    with store.atomic():
        if new_respondent:  # a participant who joins mid-workshop; named later
            store.add_respondent(assessment_id, respondent, respondent)
        if agreed:
            store.add_agreed(assessment_id, question_id, answer, note=note)
        else:
            store.add_response(
                assessment_id,
                question_id,
                answer,
                respondent=respondent,
                note=note,
                flagged=flagged,
            )
        rescore(store, library, assessment_id)
    return Changes(assessment_id, answers=True, scores=True)


# --- Creating ----------------------------------------------------------------------


def create_assessment(
    store: Store,
    library: Library,
    client: Client,
    title: str,
    context: AssessmentContext,
    questionnaires: list[LoadedQuestionnaire] | None = None,
) -> Changes:
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
    return Changes(assessment_id, created=True, scores=True)


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


# --- Import and export -------------------------------------------------------------


def import_assessment(store: Store, library: Library, path: Path) -> Changes:
    """Check the whole file first, then write it in one transaction, or write nothing."""
    data = read_assessment_file(path)
    chosen = _resolve_questionnaires(store, library, data, path)
    questions = question_index([item[0] for item in chosen])
    respondent_ids = [r.id for r in data.respondents]
    duplicate = next((r for r in respondent_ids if respondent_ids.count(r) > 1), None)
    if duplicate is not None:
        raise FileError(f"{path}: respondents: the id {duplicate!r} is used twice")
    parsed_responses = []
    unlisted: list[str] = []  # respondents named in responses but not listed: added by id
    for index, response in enumerate(data.responses):
        place = f"{path}: responses[{index}]"
        answer = _checked_answer(place, questions, response.question_id, response.answer)
        parsed_responses.append((response, answer))
        rid = response.respondent_id
        if rid and rid not in respondent_ids and rid not in unlisted:
            unlisted.append(rid)
    parsed_agreed = [
        (
            agreed,
            _checked_answer(f"{path}: agreed[{i}]", questions, agreed.question_id, agreed.answer),
        )
        for i, agreed in enumerate(data.agreed)
    ]
    if data.profile is not None and library.profiles.get(data.profile) is None:
        raise FileError(f"{path}: profile: unknown target profile {data.profile!r}")
    profile = library.profiles.get(data.profile or "") or choose_profile(
        library.profiles.profiles, data.context
    )
    title = data.title or f"{data.client.name} AI readiness"
    with store.atomic():
        assessment_id = start_assessment(
            store,
            data.client,
            title,
            data.context,
            profile.id,
            chosen,
            status=data.status,
            created_at=data.created_at,
        )
        for respondent in data.respondents:
            store.add_respondent(assessment_id, respondent.id, respondent.name, respondent.role)
        for rid in unlisted:
            store.add_respondent(assessment_id, rid, rid)
        for response, answer in parsed_responses:
            store.add_response(
                assessment_id,
                response.question_id,
                answer,
                respondent=response.respondent_id or "",
                note=response.note,
                flagged=response.flagged,
                answered_at=response.answered_at,
                answered_by=response.answered_by,
            )
        for agreed, answer in parsed_agreed:
            store.add_agreed(
                assessment_id,
                agreed.question_id,
                answer,
                note=agreed.note,
                agreed_at=agreed.agreed_at,
                agreed_by=agreed.agreed_by,
            )
        rescore(store, library, assessment_id)
    return Changes(assessment_id, created=True, answers=True, scores=True)


def _checked_answer(
    place: str, questions: dict[str, Question], question_id: str, raw: object
) -> Answer:
    question = questions.get(question_id)
    if question is None:
        raise FileError(f"{place}.question_id: unknown question {question_id!r}")
    try:
        return parse_answer(question, raw)
    except AnswerError as error:
        raise FileError(f"{place}.answer: {error}") from None


def _resolve_questionnaires(
    store: Store, library: Library, data: AssessmentFile, path: Path
) -> list[tuple[Questionnaire, str]]:
    """The questionnaire versions a file names: installed ones, or snapshots in the store.

    A file made with a version that is neither installed nor kept in the store is read
    onto the installed version of the same questionnaire, its answers carried over by
    question id as `upgrade_questionnaires` does; an answer the installed version cannot
    take refuses the file, naming it. Nothing a file holds is dropped silently.
    """
    chosen: list[tuple[Questionnaire, str]] = []
    for index, ref in enumerate(data.questionnaires):
        installed = next(
            (
                item
                for item in library.content.loaded
                if item.questionnaire.id == ref.id and item.questionnaire.version == ref.version
            ),
            None,
        )
        if installed is not None and ref.content_hash in (None, installed.content_hash):
            chosen.append((installed.questionnaire, installed.content_hash))
            continue
        snapshot = store.find_snapshot(ref.id, ref.version, ref.content_hash)
        if snapshot is not None:
            chosen.append(snapshot)
            continue
        newer = next(
            (item for item in library.content.loaded if item.questionnaire.id == ref.id), None
        )
        if newer is not None and _version(ref.version) < _version(newer.questionnaire.version):
            # Made with an older version, no longer installed: carry the answers over.
            chosen.append((newer.questionnaire, newer.content_hash))
            continue
        have = sorted(
            item.questionnaire.version
            for item in library.content.loaded
            if item.questionnaire.id == ref.id
        )
        known = f" (installed: {', '.join(have)})" if have else " (not installed)"
        raise FileError(
            f"{path}: questionnaires[{index}]: questionnaire {ref.id!r} version {ref.version!r} "
            f"is not available{known}"
        )
    ids = [qn.id for qn, _ in chosen]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate is not None:
        raise FileError(f"{path}: questionnaires: {duplicate!r} is listed twice")
    return chosen


def _version(text: str) -> tuple[int, ...]:
    """ "1.10" as (1, 10), so that versions compare as numbers; odd text sorts first."""
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return ()


def export_assessment(store: Store, assessment_id: int) -> AssessmentFile:
    """The whole assessment, every answer in the order given, as a file model."""
    record = store.assessment(assessment_id)
    questionnaires = store.questionnaires_of(assessment_id)
    hashes = store.content_hashes_of(assessment_id)
    responses = [
        FileResponse(
            question_id=r.question_id,
            respondent_id=r.respondent or None,
            answer=json.loads(r.answer),
            note=r.note,
            flagged=r.flagged,
            answered_at=r.answered_at,
            answered_by=r.answered_by,
        )
        for r in store.all_responses(assessment_id)
    ]
    agreed = [
        FileAgreed(
            question_id=question_id,
            answer=json.loads(answer),
            note=note,
            agreed_at=agreed_at,
            agreed_by=agreed_by,
        )
        for question_id, answer, note, agreed_at, agreed_by in store.all_agreed(assessment_id)
    ]
    return AssessmentFile(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        title=record.title,
        status=record.status,
        created_at=record.created_at,
        exported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        generator=f"AI Readiness Assessor {__version__}",
        profile=record.profile_id,
        client=Client(name=record.client_name, **store.client_details(record.client_id)),
        context=record.context,
        questionnaires=[
            QuestionnaireRef(id=qn.id, version=qn.version, content_hash=h)
            for qn, h in zip(questionnaires, hashes, strict=True)
        ],
        respondents=[
            FileRespondent(id=r.key, name=r.name, role=r.role)
            for r in store.respondents(assessment_id)
        ],
        responses=responses,
        agreed=agreed,
    )


def write_assessment_file(data: AssessmentFile, path: Path) -> None:
    """Write via a temporary file, so a full disk never leaves half a file behind."""
    text = data.model_dump_json(indent=2, exclude_none=True)
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_text(text + "\n", encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UsageError(f"{path}: cannot write the file ({error.strerror or error})") from error


# --- Upgrading to newer questionnaire versions -------------------------------------


@dataclass(frozen=True)
class Upgrade:
    """What `upgrade_questionnaires` did: versions moved, answers that no longer fit."""

    changes: Changes
    upgraded: tuple[tuple[str, str, str], ...]  # (questionnaire, old version, new version)
    answers_not_carried: tuple[str, ...]  # question ids whose answer the new version refuses


def upgrade_questionnaires(store: Store, library: Library, assessment_id: int) -> Upgrade:
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
        return Upgrade(Changes(assessment_id), (), ())
    new_questions = question_index(
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
    return Upgrade(
        Changes(assessment_id, scores=True),
        tuple((qn.id, qn.version, item.questionnaire.version) for qn, _h, item in moves),
        tuple(dict.fromkeys(refused)),
    )
