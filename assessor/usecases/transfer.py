"""Use-cases that move an assessment across machines: import a file, export one, and
write its roadmap as a spreadsheet. The command line and the app call these.

The file format and its reading and writing belong to `assessor.exchange`; here a file
is checked against the installed content as a whole, then written in one transaction,
or not at all.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from assessor import __version__
from assessor.content.profiles import choose_profile
from assessor.content.questionnaire import Question, Questionnaire, questions_by_id
from assessor.errors import UsageError
from assessor.exchange.assessment_file import (
    FORMAT,
    FORMAT_VERSION,
    AssessmentFile,
    FileError,
    read_assessment_file,
    write_assessment_file,
)
from assessor.exchange.spreadsheets import write_plan
from assessor.identifiers import first_duplicate
from assessor.library.installed import Library
from assessor.limits import first_problem, quoted
from assessor.scoring.answers import Answer, AnswerError, parse_answer
from assessor.scoring.roadmap import DEFAULT_CAPACITY
from assessor.store.database import AssessmentSummary, Store
from assessor.usecases.answering import rescore
from assessor.usecases.assessments import start_assessment
from assessor.usecases.changes import ANSWERED, Change, Changes
from assessor.usecases.roadmap_edits import plan_for


def import_assessment(
    store: Store, library: Library, path: Path, data: AssessmentFile | None = None
) -> Changes[int]:
    """Check the whole file first, then write it in one transaction, or write nothing.

    `data` is the file already read (`import_file` reads it to tell its kind). The file's
    uid is kept unless this store has it already (a second copy gets a new one)."""
    data = data or read_assessment_file(path)
    chosen = _resolve_questionnaires(store, library, data, path)
    questions = questions_by_id([item[0] for item in chosen])
    respondent_ids = [r.id for r in data.respondents]
    duplicate = first_duplicate(respondent_ids)
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
            uid=data.uid if data.uid and store.assessment_with_uid(data.uid) is None else None,
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
    return Changes(
        frozenset({Change.ASSESSMENTS, Change.RESPONDENTS, *ANSWERED}),
        assessment_id,
        value=assessment_id,
    )


def earlier_imports(
    store: Store, path: Path, data: AssessmentFile | None = None
) -> list[AssessmentSummary]:
    """The assessments in the store that are, or look like, the one in this file: the one
    of the file's uid, and those of the same client, title and start time (an earlier
    import of it, or the assessment it was exported from).

    Files written before assessments had a uid carry none, so for them this is a likeness,
    not a proof: the app asks before importing what may be a second copy. A file without a
    uid or a start time matches nothing. Raises `FileError` as `import_assessment` does
    for a broken file. `data` is the file already read.
    """
    data = data or read_assessment_file(path)
    same = store.assessment_with_uid(data.uid) if data.uid else None
    if not data.created_at and same is None:
        return []
    title = data.title or f"{data.client.name} AI readiness"
    return [
        summary
        for summary in store.list_assessments()
        if summary.id == same
        or (summary.client, summary.title, summary.created_at)
        == (data.client.name, title, data.created_at)
    ]


def _checked_answer(
    place: str, questions: dict[str, Question], question_id: str, raw: object
) -> Answer:
    question = questions.get(question_id)
    if question is None:
        raise FileError(f"{place}.question_id: unknown question {quoted(question_id)}")
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
    duplicate = first_duplicate(qn.id for qn, _ in chosen)
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
    """The whole assessment, every answer in the order given, as a file model.

    The values are checked as an import checks them, so what is exported imports again;
    a value kept before the bounds of `assessor.limits` held (a blank respondent, a
    longer note) is named, rather than written into a file that no import would take."""
    record = store.assessment(assessment_id)
    questionnaires = store.questionnaires_of(assessment_id)
    hashes = store.content_hashes_of(assessment_id)
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "uid": record.uid or None,
        "title": record.title,
        "status": record.status,
        "created_at": record.created_at,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generator": f"AI Readiness Assessor {__version__}",
        "profile": record.profile_id,
        "client": {**store.client_details(record.client_id), "name": record.client_name},
        "context": record.context,
        "questionnaires": [
            {"id": qn.id, "version": qn.version, "content_hash": h}
            for qn, h in zip(questionnaires, hashes, strict=True)
        ],
        "respondents": [
            {"id": r.key, "name": r.name, "role": r.role} for r in store.respondents(assessment_id)
        ],
        "responses": [
            {
                "question_id": r.question_id,
                "respondent_id": r.respondent or None,
                "answer": json.loads(r.answer),
                "note": r.note,
                "flagged": r.flagged,
                "answered_at": r.answered_at,
                "answered_by": r.answered_by,
            }
            for r in store.all_responses(assessment_id)
        ],
        "agreed": [
            {
                "question_id": question_id,
                "answer": json.loads(answer),
                "note": note,
                "agreed_at": agreed_at,
                "agreed_by": agreed_by,
            }
            for question_id, answer, note, agreed_at, agreed_by in store.all_agreed(assessment_id)
        ],
    }
    try:
        return AssessmentFile.model_validate(data)
    except ValidationError as error:
        raise UsageError(
            f"assessment {assessment_id} cannot be exported: {first_problem(error)}; "
            "change that value in the app, then export again"
        ) from None


def save_assessment(store: Store, assessment_id: int, path: Path) -> None:
    """Write an assessment to a file another machine can import (`assessor export`)."""
    write_assessment_file(export_assessment(store, assessment_id), path)


def save_roadmap(
    store: Store,
    library: Library,
    assessment_id: int,
    path: Path,
    capacity: int = DEFAULT_CAPACITY,
) -> int:
    """Write the roadmap as .xlsx or .csv (`assessor roadmap -o`); return the items written."""
    plan = plan_for(store, library, assessment_id, capacity)
    write_plan(plan, path)
    return len(plan.visible())
