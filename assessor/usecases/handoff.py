"""Offline hand-offs: a questionnaire pack for one respondent, opened on their computer as
an assessment of its own, answered there, and sent back as a responses file that merges
into the consultant's assessment. The command line and the app call these.

- `save_pack`: the consultant's assessment, its questionnaires (whole content) and one
  participant, with that participant's own current answers and nobody else's.
- `import_file`: whatever `assessor import` is given. An assessment file is imported
  (`transfer.import_assessment`); a pack becomes an assessment answered as its
  respondent; a responses file merges into the assessment of its uid, as its respondent.
- `save_export`: `assessor export` of an assessment; one opened from a pack writes its
  responses file, any other an assessment file.

Merging never guesses: a file for an assessment this store lacks is refused, and so is
one of a respondent removed from the workshop (their answers would not count; bring them
back and import it again). An answer already here (same question, answer and time) is
not added twice, so importing a file again changes nothing. Answers that cannot be
merged (a question gone, an answer the question no longer takes, an answer older than
the one recorded here since) are listed in the result, never dropped silently.
The file formats are `assessor.exchange.handoff`'s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import ValidationError

from assessor import __version__
from assessor.content.profiles import choose_profile
from assessor.content.questionnaire import Questionnaire, questions_by_id
from assessor.errors import UsageError
from assessor.exchange.assessment_file import Client, FileError
from assessor.exchange.handoff import (
    PackFile,
    PackPayload,
    ResponsesFile,
    ResponsesPayload,
    read_exchange_file,
    write_pack,
    write_responses,
)
from assessor.library.installed import Library
from assessor.library.questionnaires import content_hash
from assessor.limits import first_problem
from assessor.scoring.answers import AnswerError, parse_answer
from assessor.store.database import (
    AssessmentRecord,
    AssessmentSummary,
    Respondent,
    ResponseRecord,
    Store,
)
from assessor.usecases.answering import rescore
from assessor.usecases.assessments import start_assessment
from assessor.usecases.changes import ANSWERED, Change, Changes
from assessor.usecases.transfer import earlier_imports, import_assessment, save_assessment

Kind = Literal["assessment", "pack", "responses"]
Payload = TypeVar("Payload", PackPayload, ResponsesPayload)


@dataclass(frozen=True)
class NotMerged:
    """An answer of a responses file that was not merged, and why."""

    question_id: str
    answered_at: str
    reason: str

    def __str__(self) -> str:
        return f"{self.question_id} (answered {self.answered_at[:16]}): {self.reason}"


@dataclass(frozen=True)
class Imported:
    """What `import_file` did: the kind of file, the assessment it made or merged into,
    and for a responses file what was merged and what was not."""

    kind: Kind
    assessment_id: int
    respondent: str = ""  # the name, for a pack or a responses file
    added: int = 0
    already_here: int = 0
    not_merged: tuple[NotMerged, ...] = ()
    new_participant: bool = False

    @property
    def lines(self) -> list[str]:
        """The result in words, for the command line and the app's message."""
        if self.kind == "assessment":
            return [f"Imported as assessment {self.assessment_id}."]
        if self.kind == "pack":
            return [
                f"Opened as assessment {self.assessment_id}, to be answered as "
                f"{self.respondent}; export it when done to send the answers back."
            ]
        lines = [
            f"Merged into assessment {self.assessment_id} as {self.respondent}: "
            f"{_answers(self.added)} added, {self.already_here} already here."
        ]
        if self.new_participant:
            lines.append(f"{self.respondent} was not a participant; added as one.")
        if self.not_merged:
            lines.append(f"{_answers(len(self.not_merged))} not merged:")
            lines += [f"  {item}" for item in self.not_merged]
        return lines


def _response_row(r: ResponseRecord) -> dict[str, Any]:
    """One answer as both hand-off files carry it."""
    return {
        "question_id": r.question_id,
        "answer": json.loads(r.answer),
        "note": r.note,
        "flagged": r.flagged,
        "answered_at": r.answered_at,
        "answered_by": r.answered_by,
    }


def _questionnaire_refs(
    store: Store, assessment_id: int, *, with_content: bool
) -> list[dict[str, Any]]:
    """The assessment's questionnaires by id, version and hash (a pack adds the content)."""
    return [
        {"id": qn.id, "version": qn.version, "content_hash": h}
        | ({"content": qn} if with_content else {})
        for qn, h in zip(
            store.questionnaires_of(assessment_id), store.content_hashes_of(assessment_id),
            strict=True,
        )
    ]  # fmt: skip


def _answers(count: int, noun: str = "answer") -> str:
    """`1 answer`, `2 answers`, `no answers`."""
    if count == 0:
        return f"no {noun}s"
    return f"{count} {noun}" + ("" if count == 1 else "s")


@dataclass(frozen=True)
class Exported:
    """What `save_export` or `save_pack` wrote."""

    kind: Literal["assessment", "responses", "pack"]
    path: Path
    respondent: str = ""
    answers: int = 0

    @property
    def line(self) -> str:
        if self.kind == "assessment":
            return f"{self.path}: assessment file written"
        if self.kind == "pack":
            return (
                f"{self.path}: questionnaire pack for {self.respondent} written "
                f"({_answers(self.answers, 'earlier answer')} of theirs in it)"
            )
        return (
            f"{self.path}: responses file of {self.respondent} written "
            f"({_answers(self.answers)}), since this assessment was opened from a pack; send it "
            "back to the consultant"
        )


def _generator() -> str:
    return f"AI Readiness Assessor {__version__}"


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _checked(model: type[Payload], data: object, what: str) -> Payload:
    """A file's payload checked as an import checks it, so what is written imports again."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise UsageError(
            f"{what} cannot be written: {first_problem(error)}; change that value in the "
            "app, then try again"
        ) from None


# --- the consultant's side: a pack out, the responses back ------------------------------


def _participant(store: Store, record: AssessmentRecord, key: str) -> Respondent:
    people = store.respondents(record.id)
    found = next((p for p in people if p.key == key), None)
    if found is None:
        known = ", ".join(f"{p.key} ({p.name})" for p in people if p.active)
        listed = f"its participants: {known}" if known else "it has no participants yet"
        raise UsageError(
            f"assessment {record.id} has no participant {key!r}; {listed} (add them in "
            "Workshop › Participants in the app)"
        )
    if not found.active:
        raise UsageError(
            f"{found.name} was removed from the workshop of assessment {record.id}; bring "
            "them back (Workshop › Participants in the app) before making their pack"
        )
    return found


def make_pack(store: Store, assessment_id: int, respondent: str) -> PackPayload:
    """The pack of one participant: the assessment's identity, context and questionnaires,
    the participant, and their own current answers (no one else's answers or notes)."""
    record = store.assessment(assessment_id)
    if record.from_pack:
        raise UsageError(
            f"assessment {assessment_id} was opened from a pack; packs are made from the "
            "consultant's assessment, and this one goes back as a responses file "
            f"(assessor export {assessment_id} -o FILE)"
        )
    person = _participant(store, record, respondent)
    own = [
        r
        for r in store.current_responses(assessment_id)
        if r.respondent == person.key and json.loads(r.answer) is not None
    ]
    data = {
        "assessment": {
            "uid": record.uid,
            "title": record.title,
            "client": record.client_name,
            "created_at": record.created_at,
            "profile": record.profile_id,
        },
        "context": record.context,
        "questionnaires": _questionnaire_refs(store, assessment_id, with_content=True),
        "respondent": {"id": person.key, "name": person.name, "role": person.role},
        "responses": [_response_row(r) for r in own],
        "exported_at": _stamp(),
        "generator": _generator(),
    }
    return _checked(PackPayload, data, f"the pack of {person.name}")


def save_pack(store: Store, assessment_id: int, respondent: str, path: Path) -> Exported:
    """Write the pack of one participant (`assessor pack`), whole or not at all."""
    pack = make_pack(store, assessment_id, respondent)
    write_pack(pack, path)
    return Exported("pack", path, pack.respondent.name, len(pack.responses))


def merge_responses(
    store: Store, library: Library, path: Path, data: ResponsesFile
) -> Changes[Imported]:
    """Merge a responses file into the assessment of its uid, as its respondent."""
    payload = data.payload
    about = payload.assessment
    target = store.assessment_with_uid(about.uid)
    if target is None:
        raise FileError(
            f"{path}: this responses file belongs to assessment '{about.title}' of "
            f"{about.client}, which is not in this database; import it on the computer "
            "that made the pack"
        )
    record = store.assessment(target)
    if record.deleted_at is not None:
        raise FileError(
            f"{path}: this responses file belongs to assessment {target} ('{record.title}'), "
            "which is in the bin; restore it, then import the file again"
        )
    who = payload.respondent
    person = next((p for p in store.respondents(target) if p.key == who.id), None)
    if person is not None and not person.active:
        raise FileError(
            f"{path}: {person.name} was removed from the workshop of assessment {target}, "
            "so their answers would not count; bring them back (Workshop › Participants in "
            "the app), then import the file again. Nothing was imported"
        )
    questions = store.questions_of(target)
    mine = [r for r in store.all_responses(target) if r.respondent == who.id]
    here = {(r.question_id, r.answer, r.answered_at) for r in mine}
    latest = {r.question_id: r.answered_at for r in mine}  # oldest first: the last stays
    to_add = []
    not_merged: list[NotMerged] = []
    already = 0
    for response in payload.responses:
        question = questions.get(response.question_id)
        if question is None:
            not_merged.append(
                NotMerged(
                    response.question_id,
                    response.answered_at,
                    "the question is no longer in this assessment",
                )
            )
            continue
        try:
            answer = parse_answer(question, response.answer)
        except AnswerError as error:
            not_merged.append(
                NotMerged(
                    response.question_id,
                    response.answered_at,
                    f"the question no longer takes this answer ({error})",
                )
            )
            continue
        if (response.question_id, answer.to_json(), response.answered_at) in here:
            already += 1
            continue
        since = latest.get(response.question_id)
        if since is not None and _moment(response.answered_at) < _moment(since):
            not_merged.append(
                NotMerged(
                    response.question_id,
                    response.answered_at,
                    f"older than their answer recorded here at {since[:16]}, which stays",
                )
            )
            continue
        latest[response.question_id] = response.answered_at
        to_add.append((response, answer))
    kinds: set[Change] = set()
    with store.atomic():
        if person is None:
            store.add_respondent(target, who.id, who.name, who.role)
            kinds.add(Change.RESPONDENTS)
        for response, answer in to_add:
            store.add_response(
                target,
                response.question_id,
                answer,
                respondent=who.id,
                note=response.note,
                flagged=response.flagged,
                answered_at=response.answered_at,
                answered_by=response.answered_by,
            )
        if to_add:
            rescore(store, library, target)
            kinds |= ANSWERED
    result = Imported(
        "responses",
        target,
        person.name if person is not None else who.name,
        len(to_add),
        already,
        tuple(not_merged),
        person is None,
    )
    return Changes(frozenset(kinds), target, value=result)


def _moment(stamp: str) -> datetime:
    """A time stamp as a time to compare; one without a zone is taken as UTC."""
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# --- the respondent's side: a pack in, the responses out -------------------------------


def open_pack(store: Store, library: Library, path: Path, data: PackFile) -> Changes[Imported]:
    """A pack as an assessment of its own, answered as its respondent.

    Refused where the pack's assessment is itself (the consultant's machine: answer for
    the respondent there), and where this pack was opened already (answer that one)."""
    payload = data.payload
    about, who = payload.assessment, payload.respondent
    original = store.assessment_with_uid(about.uid)
    if original is not None:
        raise FileError(
            f"{path}: this pack is for {who.name} to answer '{about.title}' on their own "
            f"computer, and this database holds that assessment already (assessment "
            f"{original}); answer for them there instead: 'Answering as' {who.name} in the "
            f"app, or assessor answer {original} QUESTION ANSWER --respondent {who.id}"
        )
    opened = store.opened_from_pack(about.uid, who.id)
    if opened is not None:
        raise FileError(
            f"{path}: this pack was opened here already, as assessment {opened}; answer "
            f"there, then export it (assessor export {opened} -o FILE) to send the answers back"
        )
    chosen: list[tuple[Questionnaire, str]] = []
    for index, item in enumerate(payload.questionnaires):
        content = item.content
        if (content.id, content.version) != (item.id, item.version):
            raise FileError(
                f"{path}: payload.questionnaires[{index}]: the content is questionnaire "
                f"{content.id!r} version {content.version!r}, not {item.id!r} {item.version!r}"
            )
        if content_hash(content) != item.content_hash:
            raise FileError(
                f"{path}: payload.questionnaires[{index}].content: does not match its "
                "content_hash; ask for the pack again"
            )
        chosen.append((content, item.content_hash))
    questions = questions_by_id([questionnaire for questionnaire, _ in chosen])
    parsed = []
    for index, response in enumerate(payload.responses):
        place = f"{path}: payload.responses[{index}]"
        question = questions.get(response.question_id)
        if question is None:
            raise FileError(f"{place}.question_id: unknown question {response.question_id!r}")
        try:
            parsed.append((response, parse_answer(question, response.answer)))
        except AnswerError as error:
            raise FileError(f"{place}.answer: {error}") from None
    profile = library.profiles.get(about.profile or "") or choose_profile(
        library.profiles.profiles, payload.context
    )
    with store.atomic():
        assessment_id = start_assessment(
            store,
            Client(name=about.client),
            about.title,
            payload.context,
            profile.id,
            chosen,
            created_at=about.created_at,
        )
        store.mark_from_pack(assessment_id, about.uid, who.id)
        store.add_respondent(assessment_id, who.id, who.name, who.role)
        for response, answer in parsed:
            store.add_response(
                assessment_id,
                response.question_id,
                answer,
                respondent=who.id,
                note=response.note,
                flagged=response.flagged,
                answered_at=response.answered_at,
                answered_by=response.answered_by,
            )
        rescore(store, library, assessment_id)
    return Changes(
        frozenset({Change.ASSESSMENTS, Change.RESPONDENTS, *ANSWERED}),
        assessment_id,
        value=Imported("pack", assessment_id, who.name),
    )


def make_responses(store: Store, assessment_id: int) -> ResponsesPayload:
    """The responses file of an assessment opened from a pack: every answer its respondent
    gave (history included), to merge into the consultant's assessment."""
    record = store.assessment(assessment_id)
    if record.origin_uid is None or record.pack_respondent is None:
        raise UsageError(
            f"assessment {assessment_id} was not opened from a pack, so it has no responses "
            "file to send back; export it as an assessment file instead"
        )
    key = record.pack_respondent
    person = next(p for p in store.respondents(assessment_id) if p.key == key)
    data = {
        "assessment": {
            "uid": record.origin_uid,
            "title": record.title,
            "client": record.client_name,
        },
        "questionnaires": _questionnaire_refs(store, assessment_id, with_content=False),
        "respondent": {"id": person.key, "name": person.name, "role": person.role},
        # Answers given here without a name are the respondent's: it is their machine.
        "responses": [
            _response_row(r)
            for r in store.all_responses(assessment_id)
            if r.respondent in (key, "")
        ],
        "exported_at": _stamp(),
        "generator": _generator(),
    }
    return _checked(ResponsesPayload, data, f"the responses file of assessment {assessment_id}")


# --- what import and export do with any file -------------------------------------------


def import_file(store: Store, library: Library, path: Path) -> Changes[Imported]:
    """Import whatever file this is (`assessor import`): an assessment file, a pack or a
    responses file; the file is read once, and checked whole before anything is written."""
    data = read_exchange_file(path)
    if isinstance(data, PackFile):
        return open_pack(store, library, path, data)
    if isinstance(data, ResponsesFile):
        return merge_responses(store, library, path, data)
    changes = import_assessment(store, library, path, data)
    return Changes(
        changes.kinds, changes.assessment_id, value=Imported("assessment", changes.value)
    )


def import_preview(store: Store, path: Path) -> tuple[Kind, list[AssessmentSummary]]:
    """What a file is, read and checked as `import_file` would (FileError otherwise), and
    for an assessment file the assessments here that are or look like it
    (`transfer.earlier_imports`), so that the app can ask before making a second copy."""
    data = read_exchange_file(path)
    if isinstance(data, PackFile):
        return "pack", []
    if isinstance(data, ResponsesFile):
        return "responses", []
    return "assessment", earlier_imports(store, path, data)


def save_export(store: Store, assessment_id: int, path: Path) -> Exported:
    """`assessor export`: the responses file of an assessment opened from a pack, else the
    assessment file."""
    record = store.assessment(assessment_id)
    if not record.from_pack:
        save_assessment(store, assessment_id, path)
        return Exported("assessment", path)
    responses = make_responses(store, assessment_id)
    write_responses(responses, path)
    return Exported("responses", path, responses.respondent.name, len(responses.responses))
