"""The assessment file: one JSON format to move an assessment between machines.

The pydantic models here are the format; `assessor schema assessment` prints their JSON
Schema and docs/assessment-file.md describes them. `read_assessment_file` refuses
anything that is not a well-formed file of this format, with the place in the file;
checking answers against questionnaires is the import use-case's job.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
)

from assessor.atomic_files import write_atomically
from assessor.content.context import AssessmentContext
from assessor.errors import AssessorError
from assessor.library.located_yaml import LocatedDocument
from assessor.library.schema_errors import model_keys, schema_problem

FORMAT = "ai-readiness-assessment"
FORMAT_VERSION = 1
MAX_BYTES = 20 * 1024 * 1024

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[str, StringConstraints(max_length=20_000)]
FileAnswer = StrictStr | StrictInt | StrictFloat | list[StrictStr] | None


class FileError(AssessorError):
    """An assessment file that cannot be imported; the message names the place."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Client(BaseModel):
    """The client; fields beyond `name` (sector, contact, ...) are kept as written."""

    model_config = ConfigDict(extra="allow")

    name: Name


class QuestionnaireRef(_Strict):
    id: str
    version: str
    content_hash: str | None = Field(
        default=None, description="Fingerprint of the exact content the answers were given to."
    )


class FileRespondent(_Strict):
    id: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    name: Name
    role: Annotated[str, StringConstraints(max_length=200)] = ""


class FileResponse(_Strict):
    question_id: str
    respondent_id: str | None = None
    answer: FileAnswer = Field(
        description='An option id, a list of option ids, a number, a text, "n/a" or '
        '"dont_know"; null for an answer cleared (unanswered again), kept as history.'
    )
    note: Note = ""
    flagged: bool = False
    answered_at: str | None = None
    answered_by: Annotated[str, StringConstraints(max_length=200)] = ""


class FileAgreed(_Strict):
    question_id: str
    answer: FileAnswer
    note: Note = ""
    agreed_at: str | None = None
    agreed_by: Annotated[str, StringConstraints(max_length=200)] = ""


class AssessmentFile(_Strict):
    format: Literal["ai-readiness-assessment"]
    format_version: Literal[1]
    title: Annotated[str, StringConstraints(max_length=200)] = ""
    status: Literal["draft", "in_progress", "complete", "archived"] = "in_progress"
    created_at: str | None = None
    exported_at: str | None = None
    generator: str | None = None
    profile: str | None = Field(
        default=None, description="Target profile id; chosen by industry when absent."
    )
    client: Client
    context: AssessmentContext
    questionnaires: Annotated[list[QuestionnaireRef], Field(min_length=1)]
    respondents: list[FileRespondent] = Field(default_factory=list)
    responses: list[FileResponse] = Field(default_factory=list)
    agreed: list[FileAgreed] = Field(default_factory=list)


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def read_assessment_file(path: Path) -> AssessmentFile:
    """Read and check the file's shape; raise FileError naming the place of the problem."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise FileError(f"{path}: cannot read the file ({error.strerror or error})") from error
    if size > MAX_BYTES:
        raise FileError(
            f"{path}: the file is {size / 1024 / 1024:.1f} MB; assessment files are at most "
            f"{MAX_BYTES // 1024 // 1024} MB"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileError(f"{path}: cannot read the file ({error.strerror or error})") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(f"{path}: not UTF-8 text (byte {error.start})") from error
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise FileError(
            f"{path}: not JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from error
    except (ValueError, RecursionError) as error:
        raise FileError(f"{path}: not usable JSON ({error})") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FileError(f'{path}: not an assessment file ("format" must be "{FORMAT}")')
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise FileError(
            f"{path}: format_version {version}: the file was made by a newer version of the "
            f"app (this one reads version {FORMAT_VERSION}); update the app to import it"
        )
    try:
        return AssessmentFile.model_validate(data)
    except ValidationError as error:
        document = LocatedDocument(data)  # JSON has no line map; the place names it
        keys = model_keys(AssessmentFile)
        first = schema_problem(path, document, error.errors()[0], keys)
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
