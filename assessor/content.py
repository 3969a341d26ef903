"""Loading questionnaire files into a validated content set.

Owns everything that turns YAML files into usable `Questionnaire`s: reading, schema
validation with line numbers, the checks that need the whole file (conditions, citations)
and the checks across files (duplicate ids, recommendation `depends_on`, cycles). A file
with any problem is skipped and its problems listed; the valid files load regardless,
so one broken user file never takes the bundled content down with it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessor import conditions
from assessor.errors import ContentError, Problem
from assessor.frameworks import FrameworkIndex, UnknownReference
from assessor.located_yaml import Loc, LocatedDocument, YamlProblem, parse, read_text
from assessor.paths import AppPaths
from assessor.questionnaire import (
    FORMAT_MODELS,
    Questionnaire,
    Recommendation,
    recommendations_of,
)

SUFFIXES = (".yaml", ".yml")


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
        canonical = json.dumps(self.questionnaire.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def question_line(self, question_id: str, *rest: str | int) -> int:
        for si, section in enumerate(self.questionnaire.sections):
            for qi, question in enumerate(section.questions):
                if question.id == question_id:
                    return self.document.line_of(("sections", si, "questions", qi, *rest))
        return 1


@dataclass
class ContentSet:
    """The questionnaires that loaded, and the problems of those that did not."""

    loaded: list[LoadedQuestionnaire]
    problems: list[Problem]
    frameworks: FrameworkIndex

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
) -> ContentSet:
    """Load every questionnaire file in `sources` (files or folders), in that order.

    Files under a folder in `bundled` are marked as bundled content. Later files lose
    to earlier ones on a duplicate id, so bundled folders should come first.
    """
    bundled_dirs = [p.resolve() for p in bundled]
    problems: list[Problem] = []
    candidates: list[LoadedQuestionnaire] = []
    for path in _expand(sources, problems):
        is_bundled = any(path.resolve().is_relative_to(d) for d in bundled_dirs)
        loaded, file_problems = _load_file(path, frameworks, is_bundled)
        problems.extend(file_problems)
        if loaded is not None:
            candidates.append(loaded)
    accepted = _check_across_files(candidates, problems)
    return ContentSet(accepted, sorted(problems, key=_problem_order), frameworks)


def _problem_order(problem: Problem) -> tuple[str, int]:
    return (str(problem.path), problem.line)


def _expand(sources: Iterable[Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            files.extend(
                sorted(p for p in source.iterdir() if p.suffix in SUFFIXES and p.is_file())
            )
        elif source.is_file():
            files.append(source)
        elif not source.exists():
            problems.append(Problem(source, 0, "no such file or folder"))
    return files


# --- One file ------------------------------------------------------------------------


def _load_file(
    path: Path, frameworks: FrameworkIndex, bundled: bool
) -> tuple[LoadedQuestionnaire | None, list[Problem]]:
    try:
        document = parse(read_text(path))
    except YamlProblem as error:
        return None, [Problem(path, error.line, error.message)]
    if not isinstance(document.data, dict):
        what = "empty" if document.data is None else f"a {type(document.data).__name__}"
        message = (
            f"a questionnaire file holds a mapping with id, version, title...; this one is {what}"
        )
        return None, [Problem(path, 1, message)]
    try:
        questionnaire = Questionnaire.model_validate(document.data)
    except ValidationError as error:
        return None, [schema_problem(path, document, e) for e in error.errors()]
    loaded = LoadedQuestionnaire(questionnaire, path, bundled, document)
    problems = _check_file(loaded, frameworks)
    return (None if problems else loaded), problems


def _check_file(item: LoadedQuestionnaire, frameworks: FrameworkIndex) -> list[Problem]:
    """Checks that need the whole file: ids, conditions, citations."""
    problems: list[Problem] = []
    qn = item.questionnaire
    doc = item.document
    seen_sections: set[str] = set()
    seen_questions: dict[str, int] = {}
    facts: dict[str, conditions.QuestionFacts] = {}
    for index, question in enumerate(qn.questions):
        facts.setdefault(question.id, conditions.QuestionFacts(index, question.scored))
    position = 0
    for si, section in enumerate(qn.sections):
        if section.id in seen_sections:
            problems.append(
                Problem(
                    item.path,
                    doc.line_of(("sections", si, "id")),
                    f"section id {section.id!r} is used twice",
                )
            )
        seen_sections.add(section.id)
        for qi, question in enumerate(section.questions):
            loc: Loc = ("sections", si, "questions", qi)
            line = doc.line_of((*loc, "id"))
            if question.id in seen_questions:
                problems.append(
                    Problem(
                        item.path,
                        line,
                        f"question id {question.id!r} is used twice (first at line "
                        f"{seen_questions[question.id]})",
                    )
                )
            seen_questions.setdefault(question.id, line)
            if question.condition is not None:
                cond_line = doc.line_of((*loc, "applies_when"))
                for error in conditions.check(question.condition, facts, position):
                    problems.append(
                        Problem(
                            item.path, cond_line, f"question {question.id}: applies_when {error}"
                        )
                    )
            for ri, ref in enumerate(question.references):
                try:
                    frameworks.resolve(ref.framework, ref.id)
                except UnknownReference as error:
                    ref_line = doc.line_of((*loc, "references", ri))
                    problems.append(
                        Problem(item.path, ref_line, f"question {question.id}: {error}")
                    )
            position += 1
    return problems


# --- Across files --------------------------------------------------------------------


def _check_across_files(
    candidates: list[LoadedQuestionnaire], problems: list[Problem]
) -> list[LoadedQuestionnaire]:
    accepted: list[LoadedQuestionnaire] = []
    questionnaire_ids: dict[str, Path] = {}
    question_ids: dict[str, LoadedQuestionnaire] = {}
    recommendations: dict[str, tuple[Recommendation, LoadedQuestionnaire]] = {}
    for item in candidates:
        qn = item.questionnaire
        found: list[Problem] = []
        if qn.id in questionnaire_ids:
            found.append(
                Problem(
                    item.path,
                    item.document.line_of(("id",)),
                    f"questionnaire id {qn.id!r} is already used by {questionnaire_ids[qn.id]}",
                )
            )
        for question in qn.questions:
            other = question_ids.get(question.id)
            if other is not None:
                found.append(
                    Problem(
                        item.path,
                        item.question_line(question.id, "id"),
                        f"question id {question.id!r} is already used in {other.path} "
                        f"(questionnaire {other.questionnaire.id!r}); ids are unique across files",
                    )
                )
        own: dict[str, Recommendation] = {}
        for question in qn.questions:
            rec = question.recommendation
            if not isinstance(rec, Recommendation):
                continue
            earlier = own.get(rec.id) or (recommendations.get(rec.id, (None, None))[0])
            if earlier is not None and earlier != rec:
                found.append(
                    Problem(
                        item.path,
                        item.question_line(question.id, "recommendation", "id"),
                        f"recommendation {rec.id!r} is written twice with different text; "
                        "write it once and refer to it elsewhere by id "
                        f'(recommendation: "{rec.id}")',
                    )
                )
            own[rec.id] = rec
        if found:
            problems.extend(found)
            continue
        accepted.append(item)
        questionnaire_ids[qn.id] = item.path
        question_ids.update({q.id: item for q in qn.questions})
        recommendations.update({rid: (rec, item) for rid, rec in own.items()})
    return _check_recommendation_links(accepted, problems)


def _check_recommendation_links(
    accepted: list[LoadedQuestionnaire], problems: list[Problem]
) -> list[LoadedQuestionnaire]:
    """Every recommendation id named exists, and `depends_on` has no cycle.

    Dropping a file can leave another's links dangling, so repeat until nothing changes.
    """
    while True:
        defined = recommendations_of(item.questionnaire for item in accepted)
        rejected: dict[Path, list[Problem]] = {}
        for item in accepted:
            for q in item.questionnaire.questions:
                rec = q.recommendation
                if isinstance(rec, str) and rec not in defined:
                    rejected.setdefault(item.path, []).append(
                        Problem(
                            item.path,
                            item.question_line(q.id, "recommendation"),
                            f"question {q.id}: unknown recommendation id "
                            f"{rec!r}{_near(rec, defined)}",
                        )
                    )
                if isinstance(rec, Recommendation):
                    for di, dep in enumerate(rec.depends_on):
                        if dep not in defined:
                            rejected.setdefault(item.path, []).append(
                                Problem(
                                    item.path,
                                    item.question_line(q.id, "recommendation", "depends_on", di),
                                    f"recommendation {rec.id}: depends_on names unknown "
                                    f"recommendation {dep!r}{_near(dep, defined)}",
                                )
                            )
        if not rejected:
            cycle = _find_cycle(defined)
            if cycle is None:
                return accepted
            owner = _owner_of(cycle[0], accepted)
            line = owner.question_line(
                _question_with(cycle[0], owner), "recommendation", "depends_on"
            )
            rejected[owner.path] = [
                Problem(owner.path, line, "depends_on makes a cycle: " + " -> ".join(cycle))
            ]
        for file_problems in rejected.values():
            problems.extend(file_problems)
        accepted = [item for item in accepted if item.path not in rejected]


def _near(name: str, known: Iterable[str]) -> str:
    near = difflib.get_close_matches(name, list(known), n=1, cutoff=0.7)
    return f" (did you mean {near[0]!r}?)" if near else ""


def _find_cycle(graph: dict[str, Recommendation]) -> list[str] | None:
    """A dependency cycle as a path `a -> b -> a`, or None. Iterative DFS, stable order."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(graph):
        if state.get(start):
            continue
        path = [start]
        stack = [iter(sorted(graph[start].depends_on))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif not state.get(nxt) and nxt in graph:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph[nxt].depends_on)))
    return None


def _owner_of(recommendation_id: str, accepted: list[LoadedQuestionnaire]) -> LoadedQuestionnaire:
    return next(
        item
        for item in accepted
        for q in item.questionnaire.questions
        if isinstance(q.recommendation, Recommendation) and q.recommendation.id == recommendation_id
    )


def _question_with(recommendation_id: str, item: LoadedQuestionnaire) -> str:
    return next(
        q.id
        for q in item.questionnaire.questions
        if isinstance(q.recommendation, Recommendation) and q.recommendation.id == recommendation_id
    )


# --- Schema errors, told in the file's own terms ------------------------------------

_KNOWN_KEYS = sorted({name for model in FORMAT_MODELS for name in model.model_fields})


def schema_problem(
    path: Path, document: LocatedDocument, error: Any, known_keys: Sequence[str] = _KNOWN_KEYS
) -> Problem:
    """A pydantic error told in the file's terms, at its line (questionnaires, profiles)."""
    data_loc, where = _describe(document.data, error["loc"], known_keys)
    kind = error["type"]
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        key = str(data_loc[-1]) if data_loc else "?"
        message = f"unknown key {key!r}{_near(key, known_keys)}"
        where = _describe(document.data, error["loc"][:-1], known_keys)[1]
    elif kind == "missing":
        message = "is required"
    elif kind == "too_short" and isinstance(error.get("ctx"), dict):
        needed = error["ctx"].get("min_length", 1)
        message = f"needs at least {needed} item{'s' if needed != 1 else ''}"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind in {"less_than_equal", "greater_than_equal", "greater_than", "less_than"}:
        message = f"{message.replace('Input should', 'should')} (found {error.get('input')!r})"
    else:
        message = message.replace("Input should", "should")
    text = f"{where}: {message}" if where else message
    return Problem(path, document.line_of(data_loc), text)


def _describe(data: Any, loc: Sequence[str | int], known_keys: Sequence[str]) -> tuple[Loc, str]:
    """Follow a pydantic error location through the data; name items by their ids.

    Returns the location in the data (without union tags) and a readable place such as
    `question GR-03: options[2].value`.
    """
    data_loc: list[str | int] = []
    where: list[str] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            item_id = current.get("id") if isinstance(current, dict) else None
            if data_loc and data_loc[-1] in {"sections", "questions"} and isinstance(item_id, str):
                where = [] if data_loc[-1] == "questions" else where
                where.append(f"{str(data_loc[-1])[:-1]} {item_id}")
                data_loc.append(part)
                continue
            where.append(f"[{part}]")
            data_loc.append(part)
            continue
        elif isinstance(part, str) and part in {"extra"}:
            continue
        elif isinstance(current, dict | list | str | int | float) and not (
            isinstance(part, int) or part in known_keys
        ):
            continue  # a union or validator tag, not a place in the file
        data_loc.append(part)
        where.append(f".{part}")
        continue
    return tuple(data_loc), _join(where)


def _join(parts: list[str]) -> str:
    text = ""
    after_name = False
    for part in parts:
        if part.startswith((".", "[")):
            text += (": " + part.lstrip(".")) if after_name else part
            after_name = False
        else:
            text, after_name = part, True
    return text.lstrip(".")


def validation_summary(item: LoadedQuestionnaire) -> str:
    """One line per valid questionnaire, as `assessor validate` prints it."""
    qn = item.questionnaire
    return f"{qn.id}  {qn.version}  {qn.title}  ({len(qn.scored_questions)} scored questions)"


USER_FOLDER_README = """\
Your own questionnaires
=======================

Put questionnaire files (.yaml) in this folder. AI Readiness Assessor loads them beside
its bundled questionnaires each time it starts. A file with a problem is skipped and
listed, with the line and what to fix; run `assessor validate` to check your files.

The format is described in docs/questionnaire-format.md of the application, and
`assessor schema questionnaire` prints its JSON Schema for your editor.
"""


def load_installed_content(paths: AppPaths) -> ContentSet:
    """The bundled questionnaires, then the user's own folder (when it exists)."""
    sources = [paths.bundled_questionnaires]
    if paths.user_questionnaires.is_dir():
        sources.append(paths.user_questionnaires)
    return load_content(
        sources, FrameworkIndex(paths.frameworks), bundled=[paths.bundled_questionnaires]
    )


def ensure_user_folder(paths: AppPaths) -> Path:
    """Create the user's questionnaire folder, with a short README, and return it."""
    folder = paths.user_questionnaires
    folder.mkdir(parents=True, exist_ok=True)
    readme = folder / "README.txt"
    if not readme.exists():
        readme.write_text(USER_FOLDER_README, encoding="utf-8")
    return folder
