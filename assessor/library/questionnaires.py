"""Loading questionnaire files into a validated content set.

Owns turning YAML files into usable `Questionnaire`s: finding the files, reading them
with line numbers, the schema, and gathering the result (`ContentSet`); the checks that
need a whole file or several files are in `assessor.library.content_checks`. A file with
any problem is skipped and its problems listed; the valid files load regardless, so one
broken user file never takes the bundled content down with it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from assessor.atomic_files import write_atomically
from assessor.content.calendar import Calendar
from assessor.content.questionnaire import (
    Questionnaire,
    Recommendation,
    recommendations_of,
)
from assessor.errors import ContentError, Problem
from assessor.input_files import not_a_file
from assessor.library.calendar import load_calendar
from assessor.library.content_checks import check_across_files, check_document
from assessor.library.frameworks import FrameworkIndex
from assessor.library.located_yaml import LocatedDocument, YamlProblem, parse, read_text
from assessor.library.schema_errors import capped, model_keys, schema_problems
from assessor.limits import PROBLEMS_PER_FILE
from assessor.paths import AppPaths, bundled_content

SUFFIXES = (".yaml", ".yml")


def content_hash(questionnaire: Questionnaire) -> str:
    """The fingerprint of a questionnaire's content (SHA-256 of its canonical JSON)."""
    canonical = json.dumps(questionnaire.model_dump(mode="json"), sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LoadedQuestionnaire:
    """A valid questionnaire and where it came from."""

    questionnaire: Questionnaire
    path: Path
    bundled: bool
    document: LocatedDocument = field(repr=False, compare=False)

    @property
    def content_hash(self) -> str:
        """A fingerprint of the content, so an assessment can keep the version it used."""
        return content_hash(self.questionnaire)

    def question_line(self, question_id: str, *rest: str | int) -> int:
        place = self._question_places.get(question_id)
        if place is None:
            return 1
        return self.document.line_of(("sections", place[0], "questions", place[1], *rest))

    @cached_property
    def _question_places(self) -> dict[str, tuple[int, int]]:
        """Where each question is (section, question), so that telling a problem of each
        of thousands of questions stays linear."""
        places: dict[str, tuple[int, int]] = {}
        for si, section in enumerate(self.questionnaire.sections):
            for qi, question in enumerate(section.questions):
                places.setdefault(question.id, (si, qi))
        return places


@dataclass
class ContentSet:
    """The questionnaires that loaded, and the problems of those that did not."""

    loaded: list[LoadedQuestionnaire]
    problems: list[Problem]
    frameworks: FrameworkIndex
    calendar: Calendar
    #: Files whose later checks wait for the problems found so far to be fixed.
    partial: frozenset[Path] = frozenset()

    @property
    def questionnaires(self) -> list[Questionnaire]:
        return [item.questionnaire for item in self.loaded]

    def get(self, questionnaire_id: str) -> Questionnaire | None:
        return next((q for q in self.questionnaires if q.id == questionnaire_id), None)

    @property
    def recommendations(self) -> dict[str, Recommendation]:
        """Every recommendation written in full, by id."""
        return recommendations_of(self.questionnaires)

    def require_valid(self) -> None:
        if self.problems:
            raise ContentError(self.problems)


def load_content(
    sources: Iterable[Path],
    frameworks: FrameworkIndex,
    bundled: Iterable[Path] = (),
    calendar: Calendar | None = None,
) -> ContentSet:
    """Load every questionnaire file in `sources` (files or folders), in that order.

    Files under a folder in `bundled` are marked as bundled content. Later files lose
    to earlier ones on a duplicate id, so bundled folders should come first. Duty ids
    are checked against `calendar` (by default the bundled one).
    """
    calendar = calendar if calendar is not None else load_calendar(bundled_content() / "calendar")
    bundled_dirs = [p.resolve() for p in bundled]
    problems: list[Problem] = []
    partial: set[Path] = set()
    candidates: list[LoadedQuestionnaire] = []
    for path in _expand(sources, problems):
        is_bundled = any(path.resolve().is_relative_to(d) for d in bundled_dirs)
        if is_bundled:  # part of the program: a failure here is a bug, and must show
            loaded, file_problems, waits = _load_file(path, frameworks, is_bundled, calendar)
        else:
            loaded, file_problems, waits = _load_user_file(path, frameworks, calendar)
        problems.extend(file_problems)
        if waits:
            partial.add(path)
        if loaded is not None:
            candidates.append(loaded)
    accepted = check_across_files(candidates, problems)
    return ContentSet(
        accepted, sorted(problems, key=_problem_order), frameworks, calendar, frozenset(partial)
    )


def _problem_order(problem: Problem) -> tuple[str, int]:
    return (str(problem.path), problem.line)


def _expand(sources: Iterable[Path], problems: list[Problem]) -> list[Path]:
    """The files to load: those given, and the YAML files of the folders given. Anything
    else is listed as a problem (a FIFO, a device, a broken link), never opened."""
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            for path in sorted(p for p in source.iterdir() if p.suffix in SUFFIXES):
                reason = not_a_file(path)
                if reason is None:
                    files.append(path)
                else:
                    problems.append(Problem(path, 0, f"{reason}; only files are read"))
            continue
        reason = not_a_file(source)
        if reason is None:
            files.append(source)
        elif not os.path.lexists(source):
            problems.append(Problem(source, 0, "no such file or folder"))
        else:
            if reason.endswith(", not a file"):
                reason += " or a folder"
            problems.append(Problem(source, 0, reason))
    return files


# --- One file ------------------------------------------------------------------------


def _load_user_file(
    path: Path, frameworks: FrameworkIndex, calendar: Calendar
) -> tuple[LoadedQuestionnaire | None, list[Problem], bool]:
    """A file of the consultant's: whatever goes wrong in it, even a fault of these
    checks, skips that file with a problem and never stops the others loading."""
    try:
        return _load_file(path, frameworks, False, calendar)
    except RecursionError:
        message = "the file is nested too deeply to check; simplify it"
    except MemoryError:
        message = "the file is too large to check in the memory available; split it"
    except Exception as error:  # a fault of the checks: tell it, keep the rest working
        message = (
            f"the file could not be checked ({type(error).__name__}: {error}); "
            "this is a fault of the program: please report it with the file"
        )
    return None, [Problem(path, 0, message)], True


def _load_file(
    path: Path, frameworks: FrameworkIndex, bundled: bool, calendar: Calendar
) -> tuple[LoadedQuestionnaire | None, list[Problem], bool]:
    """The questionnaire of one file, or None; its problems; and whether checks that
    need an earlier step to pass were left for later."""
    try:
        document = parse(read_text(path))
    except YamlProblem as error:
        return None, [Problem(path, error.line, error.message)], True
    if not isinstance(document.data, dict):
        what = "empty" if document.data is None else f"a {type(document.data).__name__}"
        message = (
            f"a questionnaire file holds a mapping with id, version, title...; this one is {what}"
        )
        return None, [Problem(path, 1, message)], True
    # The checks on the raw document run whether or not the schema passes, so that a
    # consultant sees ids, conditions, citations and duties wrong in the same run.
    problems = check_document(path, document, frameworks, calendar)
    try:
        questionnaire = Questionnaire.model_validate(document.data)
    except ValidationError as error:
        keys = model_keys(Questionnaire)
        told, more = schema_problems(path, document, error, keys, PROBLEMS_PER_FILE - len(problems))
        return None, capped([*problems, *told], more), True
    if problems:
        return None, capped(problems), False
    return LoadedQuestionnaire(questionnaire, path, bundled, document), [], False


USER_FOLDER_README = """\
Your own questionnaires
=======================

Put questionnaire files (.yaml) in this folder. AI Readiness Assessor loads them beside
its bundled questionnaires each time it starts. A file with a problem is skipped and
listed, with the line and what to fix; run `assessor validate` to check your files.

Frameworks of your own (a firm's control set, to cite in references) go in the
`frameworks` folder here, and target profiles of your own in the `profiles` folder.

The format is described in docs/questionnaire-format.md of the application, and
`assessor schema questionnaire` prints its JSON Schema for your editor.
"""


def installed_frameworks(paths: AppPaths) -> FrameworkIndex:
    """The bundled framework catalogue and the consultant's own frameworks."""
    return FrameworkIndex(paths.frameworks, paths.user_frameworks)


def load_installed_content(paths: AppPaths, sources: Sequence[Path] = ()) -> ContentSet:
    """The bundled questionnaires, then the user's own folder (when it exists); or, when
    `sources` are given, those files and folders, citing the installed frameworks.

    Problems of the consultant's framework files are listed with the rest.
    """
    if not sources:
        sources = [paths.bundled_questionnaires]
        if paths.user_questionnaires.is_dir():
            sources.append(paths.user_questionnaires)
    frameworks = installed_frameworks(paths)
    content = load_content(
        sources,
        frameworks,
        bundled=[paths.bundled_questionnaires],
        calendar=load_calendar(paths.calendar),
    )
    content.problems[:0] = frameworks.problems()
    return content


def ensure_user_folder(paths: AppPaths) -> Path:
    """Create the user's questionnaire folder, with a short README, and return it."""
    folder = paths.user_questionnaires
    folder.mkdir(parents=True, exist_ok=True)
    readme = folder / "README.txt"
    if not readme.exists():
        write_atomically(readme, USER_FOLDER_README.encode("utf-8"))
    return folder
