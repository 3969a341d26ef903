"""The assessment file: one JSON format to move an assessment between machines.

The pydantic models here are the format; `assessor schema assessment` prints their JSON
Schema and docs/assessment-file.md describes them. `read_assessment_file` refuses
anything that is not a well-formed file of this format, with the place in the file;
checking answers against questionnaires is the import use-case's job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from assessor.atomic_files import write_atomically
from assessor.content.context import AssessmentContext
from assessor.errors import AssessorError, InputError
from assessor.input_files import read_bytes
from assessor.json_input import load_json
from assessor.library.located_yaml import LocatedDocument
from assessor.library.schema_errors import model_keys, schema_problem
from assessor.limits import (
    ASSESSMENT_FILE_MAX_BYTES,
    CLIENT_FIELD_NESTING_MAX,
    IdText,
    NameText,
    NoteText,
    OptionalIdText,
    OptionalNameText,
    Timestamp,
    nesting,
)

FORMAT = "ai-readiness-assessment"
FORMAT_VERSION = 1
MAX_BYTES = ASSESSMENT_FILE_MAX_BYTES

Model = TypeVar("Model", bound=BaseModel)

FileAnswer = StrictStr | StrictInt | StrictFloat | list[StrictStr] | None


class FileError(AssessorError):
    """An assessment file that cannot be imported; the message names the place."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Client(BaseModel):
    """The client; fields beyond `name` (sector, contact, ...) are kept as written, nested
    at most `CLIENT_FIELD_NESTING_MAX` levels."""

    model_config = ConfigDict(extra="allow")

    name: NameText

    @model_validator(mode="after")
    def _extra_fields_bounded(self) -> Self:
        for key, value in (self.model_extra or {}).items():
            nesting(value, CLIENT_FIELD_NESTING_MAX, key)
        return self


class QuestionnaireRef(_Strict):
    id: IdText
    version: IdText
    content_hash: IdText | None = Field(
        default=None, description="Fingerprint of the exact content the answers were given to."
    )


class FileRespondent(_Strict):
    id: IdText
    name: NameText
    role: OptionalNameText = ""


class FileResponse(_Strict):
    question_id: IdText
    respondent_id: OptionalIdText | None = None
    answer: FileAnswer = Field(
        description='An option id, a list of option ids, a number, a text, "n/a" or '
        '"dont_know"; null for an answer cleared (unanswered again), kept as history.'
    )
    note: NoteText = ""
    flagged: bool = False
    answered_at: Timestamp | None = None
    answered_by: OptionalNameText = ""


class FileAgreed(_Strict):
    question_id: IdText
    answer: FileAnswer
    note: NoteText = ""
    agreed_at: Timestamp | None = None
    agreed_by: OptionalNameText = ""


class AssessmentFile(_Strict):
    format: Literal["ai-readiness-assessment"]
    format_version: Literal[1]
    uid: IdText | None = Field(
        default=None,
        description="The assessment's stable id, the same on every machine; a responses "
        "file names it to find its assessment. Made anew on import when already taken.",
    )
    title: OptionalNameText = ""
    status: Literal["draft", "in_progress", "complete", "archived"] = "in_progress"
    created_at: Timestamp | None = None
    exported_at: Timestamp | None = None
    generator: OptionalNameText | None = None
    profile: IdText | None = Field(
        default=None, description="Target profile id; chosen by industry when absent."
    )
    client: Client
    context: AssessmentContext
    questionnaires: Annotated[list[QuestionnaireRef], Field(min_length=1)]
    respondents: list[FileRespondent] = Field(default_factory=list)
    responses: list[FileResponse] = Field(default_factory=list)
    agreed: list[FileAgreed] = Field(default_factory=list)


def read_assessment_file(path: Path) -> AssessmentFile:
    """Read and check the file's shape; raise FileError naming the place of the problem.

    Only a regular file of at most 20 MB is read (checked before reading), and its JSON by
    the rules of `assessor.json_input`: one value per key, bounded numbers and nesting."""
    return assessment_file_from(path, read_json_document(path))


def read_json_document(path: Path, what: str = "assessment files") -> object:
    """The JSON value of a file the user gives: a regular file of at most 20 MB, UTF-8,
    read by the rules of `assessor.json_input`; FileError naming the file otherwise."""
    try:
        raw = read_bytes(path, MAX_BYTES, what)
    except InputError as error:
        raise FileError(f"{path}: {error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(f"{path}: not UTF-8 text (byte {error.start})") from error
    try:
        return load_json(text)
    except InputError as error:
        raise FileError(f"{path}: {error}") from None


def newer_format(path: Path, version: object, known: int) -> None:
    """Refuse a file of a format_version newer than `known`, before reading it further."""
    if isinstance(version, int) and not isinstance(version, bool) and version > known:
        raise FileError(
            f"{path}: format_version {version}: the file was made by a newer version of the "
            f"app (this one reads version {known}); update the app to import it"
        )


def assessment_file_from(path: Path, data: object) -> AssessmentFile:
    """The assessment file a JSON value read from `path` holds, checked; FileError naming
    the place otherwise."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FileError(f'{path}: not an assessment file ("format" must be "{FORMAT}")')
    newer_format(path, data.get("format_version"), FORMAT_VERSION)
    return validated(AssessmentFile, path, data)


def validated(model: type[Model], path: Path, data: dict[str, Any]) -> Model:
    """`data` checked by a file format's model; FileError naming the first place wrong."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        document = LocatedDocument(data)  # JSON has no line map; the place names it
        keys = model_keys(model)
        first = schema_problem(path, document, error.errors(include_url=False)[0], keys)
        more = error.error_count() - 1
        extra = f" (and {more} more problems)" if more else ""
        raise FileError(f"{path}: {first.message}{extra}") from error


def write_assessment_file(data: AssessmentFile, path: Path) -> None:
    """Write the file whole or not at all: an existing file is replaced only by a complete
    one (`assessor.atomic_files`); a failure raises `FileWriteError`."""
    # Defaults are left out to keep files short; None is kept, since a cleared answer is
    # written as `"answer": null` and must read back as one.
    text = data.model_dump_json(indent=2, exclude_defaults=True)
    write_atomically(path, (text + "\n").encode("utf-8"))
