"""Loading questionnaire files into a validated content set.

Owns everything that turns YAML files into usable `Questionnaire`s: reading, schema
validation with line numbers, the checks that need the whole file (conditions, citations)
and the checks across files (duplicate ids, recommendation `depends_on`, cycles). A file
with any problem is skipped and its problems listed; the valid files load regardless,
so one broken user file never takes the bundled content down with it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessor.content import conditions
from assessor.content.calendar import Calendar
from assessor.content.questionnaire import (
    Questionnaire,
    Recommendation,
    recommendations_of,
)
from assessor.errors import ConditionError, ContentError, Problem
from assessor.library.calendar import load_calendar
from assessor.library.frameworks import FrameworkIndex, UnknownReference
from assessor.library.located_yaml import Loc, LocatedDocument, YamlProblem, parse, read_text
from assessor.library.schema_errors import model_keys, schema_problem
from assessor.library.schema_errors import near as _near
from assessor.paths import AppPaths, bundled_content

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
        loaded, file_problems, waits = _load_file(path, frameworks, is_bundled, calendar)
        problems.extend(file_problems)
        if waits:
            partial.add(path)
        if loaded is not None:
            candidates.append(loaded)
    accepted = _check_across_files(candidates, problems)
    return ContentSet(
        accepted, sorted(problems, key=_problem_order), frameworks, calendar, frozenset(partial)
    )


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
    problems = _check_document(path, document, frameworks, calendar)
    try:
        questionnaire = Questionnaire.model_validate(document.data)
    except ValidationError as error:
        keys = model_keys(Questionnaire)
        problems.extend(schema_problem(path, document, e, keys) for e in error.errors())
        return None, problems, True
    if problems:
        return None, problems, False
    return LoadedQuestionnaire(questionnaire, path, bundled, document), [], False


def _check_document(
    path: Path, doc: LocatedDocument, frameworks: FrameworkIndex, calendar: Calendar
) -> list[Problem]:
    """Checks that need the whole file: ids, conditions, citations and duties.

    They read the raw document, skipping what the schema will report as malformed, so
    they run even when the schema finds problems elsewhere in the file.
    """
    problems: list[Problem] = []
    sections = [
        (si, s) for si, s in enumerate(_list(doc.data.get("sections"))) if isinstance(s, dict)
    ]
    questions: list[tuple[Loc, dict[str, Any]]] = [
        (("sections", si, "questions", qi), q)
        for si, section in sections
        for qi, q in enumerate(_list(section.get("questions")))
        if isinstance(q, dict)
    ]
    facts: dict[str, conditions.QuestionFacts] = {}
    for position, (_loc, q) in enumerate(questions):
        if isinstance(q.get("id"), str):
            facts.setdefault(q["id"], conditions.QuestionFacts(position, q.get("type") != "text"))
    seen_sections: dict[str, int] = {}
    for si, section in sections:
        sid = section.get("id")
        if isinstance(sid, str):
            line = doc.line_of(("sections", si, "id"))
            if sid in seen_sections:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"section id {sid!r} is used twice (first at line {seen_sections[sid]})",
                    )
                )
            seen_sections.setdefault(sid, line)
    seen_questions: dict[str, int] = {}
    for position, (loc, q) in enumerate(questions):
        qid = q.get("id")
        name = qid if isinstance(qid, str) else f"at line {doc.line_of(loc)}"
        if isinstance(qid, str):
            line = doc.line_of((*loc, "id"))
            if qid in seen_questions:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"question id {qid!r} is used twice (first at line {seen_questions[qid]})",
                    )
                )
            seen_questions.setdefault(qid, line)
        condition = _parsed_condition(q.get("applies_when"))
        if condition is not None:
            for error in conditions.check(condition, facts, position):
                problems.append(
                    Problem(
                        path,
                        doc.line_of((*loc, "applies_when")),
                        f"question {name}: applies_when {error}",
                    )
                )
        for ri, ref in enumerate(_list(q.get("references"))):
            if isinstance(ref, dict) and isinstance(ref.get("framework"), str):
                try:
                    frameworks.resolve(ref["framework"], str(ref.get("id", "")))
                except UnknownReference as error:
                    problems.append(
                        Problem(
                            path,
                            doc.line_of((*loc, "references", ri)),
                            f"question {name}: {error}",
                        )
                    )
        problems.extend(
            Problem(path, doc.line_of(where), f"question {name}: {message}")
            for where, message in calendar.check_text_and_duties(q, loc)
        )
    return problems


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _parsed_condition(text: object) -> conditions.Condition | None:
    """The parsed condition, or None when absent or unparsable (the schema reports that)."""
    if not isinstance(text, str):
        return None
    try:
        return conditions.parse(text)
    except ConditionError:
        return None


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
        readme.write_text(USER_FOLDER_README, encoding="utf-8")
    return folder
