"""Hand-off files: a questionnaire pack for one respondent, and the responses file they
send back. docs/handoff-files.md describes both; `assessor schema pack` and `assessor
schema responses` print their JSON Schemas from the models here.

Both files are an envelope (`format`, `format_version`, `checksum`) around a `payload`.
The checksum is the SHA-256 of the payload's canonical JSON (keys sorted, no spaces,
UTF-8): it tells a file edited or damaged after it was written, by accident or on a
whim. It is not a signature: anyone who edits the payload can compute it again.

`read_exchange_file` reads any file `assessor import` takes (an assessment file, a pack,
a responses file) once, by the strict rules of assessment files, and returns its model.
What the answers mean is checked by the use-cases (`assessor.usecases.handoff`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assessor.atomic_files import write_atomically
from assessor.content.context import AssessmentContext
from assessor.content.questionnaire import Questionnaire
from assessor.exchange.assessment_file import (
    AssessmentFile,
    FileAnswer,
    FileError,
    FileRespondent,
    QuestionnaireRef,
    assessment_file_from,
    newer_format,
    read_json_document,
    validated,
)
from assessor.limits import IdText, NameText, NoteText, OptionalNameText, Timestamp

PACK_FORMAT = "ai-readiness-pack"
RESPONSES_FORMAT = "ai-readiness-responses"
FORMAT_VERSION = 1
CHECKSUM_PREFIX = "sha256:"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PackAssessment(_Strict):
    """Which assessment the pack is of: its uid finds it again when the answers return."""

    uid: IdText
    title: NameText
    client: NameText
    created_at: Timestamp | None = None
    profile: IdText | None = None


class PackQuestionnaire(_Strict):
    """A questionnaire version with its whole content, so that the respondent's machine
    can answer it whatever content it has installed."""

    id: IdText
    version: IdText
    content_hash: IdText
    content: Questionnaire


class HandedResponse(_Strict):
    """One answer of the respondent (the pack's own respondent: no respondent id)."""

    question_id: IdText
    answer: FileAnswer
    note: NoteText = ""
    flagged: bool = False
    answered_at: Timestamp
    answered_by: OptionalNameText = ""


class PackPayload(_Strict):
    assessment: PackAssessment
    context: AssessmentContext
    questionnaires: Annotated[list[PackQuestionnaire], Field(min_length=1)]
    respondent: FileRespondent
    responses: list[HandedResponse] = Field(
        default_factory=list, description="The respondent's own current answers, if any."
    )
    exported_at: Timestamp | None = None
    generator: OptionalNameText | None = None


class ResponsesAssessment(_Strict):
    """The assessment the answers belong to: found by uid; title and client name say
    which it is when it cannot be found."""

    uid: IdText
    title: NameText
    client: NameText


class ResponsesPayload(_Strict):
    assessment: ResponsesAssessment
    questionnaires: Annotated[list[QuestionnaireRef], Field(min_length=1)]
    respondent: FileRespondent
    responses: list[HandedResponse] = Field(default_factory=list)
    exported_at: Timestamp | None = None
    generator: OptionalNameText | None = None


class _Envelope(_Strict):
    format_version: Literal[1]
    checksum: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")] = Field(
        description="sha256: and the SHA-256 of the payload's canonical JSON; an integrity "
        "check against accidental or casual edits, not a signature."
    )


class PackFile(_Envelope):
    format: Literal["ai-readiness-pack"]
    payload: PackPayload


class ResponsesFile(_Envelope):
    format: Literal["ai-readiness-responses"]
    payload: ResponsesPayload


ExchangeFile = AssessmentFile | PackFile | ResponsesFile


def checksum(payload: object) -> str:
    """`sha256:` and the SHA-256 of the payload's canonical JSON."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return CHECKSUM_PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_exchange_file(path: Path) -> ExchangeFile:
    """Any file `assessor import` takes, read once and checked; FileError otherwise.

    A pack or responses file of a newer format_version is refused before anything else,
    then one whose checksum does not match its payload, then one whose payload is not
    of the format (naming the place)."""
    data = read_json_document(path)
    kind = data.get("format") if isinstance(data, dict) else None
    if kind not in (PACK_FORMAT, RESPONSES_FORMAT):
        return assessment_file_from(path, data)  # or its message for what is not one
    assert isinstance(data, dict)
    newer_format(path, data.get("format_version"), FORMAT_VERSION)
    payload = data.get("payload")
    stated = data.get("checksum")
    if isinstance(payload, dict) and isinstance(stated, str) and stated != checksum(payload):
        raise FileError(
            f"{path}: the file was changed after it was written (its checksum does not match "
            "its content), so it is not imported; ask for the file again. The checksum "
            "catches accidental or casual edits; it is not a signature"
        )
    model: type[PackFile | ResponsesFile] = PackFile if kind == PACK_FORMAT else ResponsesFile
    return validated(model, path, data)


def _envelope(kind: str, payload: BaseModel) -> bytes:
    body = payload.model_dump(mode="json", exclude_defaults=True)
    document: dict[str, Any] = {
        "format": kind,
        "format_version": FORMAT_VERSION,
        "checksum": checksum(body),
        "payload": body,
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_pack(payload: PackPayload, path: Path) -> None:
    """Write a pack whole or not at all (`assessor.atomic_files`)."""
    write_atomically(path, _envelope(PACK_FORMAT, payload))


def write_responses(payload: ResponsesPayload, path: Path) -> None:
    """Write a responses file whole or not at all (`assessor.atomic_files`)."""
    write_atomically(path, _envelope(RESPONSES_FORMAT, payload))
