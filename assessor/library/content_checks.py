"""The checks of questionnaire content that need a whole file, or several files.

In one file: ids used twice, conditions that name unknown or later questions, citations
that do not resolve, duty ids the calendar lacks. They read the raw document, so they
run even when the schema finds problems elsewhere in the file. Across files: questionnaire
and question ids used twice, recommendations written twice differently, `depends_on`
naming unknown recommendations, and cycles.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessor.content import conditions
from assessor.content.calendar import Calendar
from assessor.content.questionnaire import Recommendation, recommendations_of
from assessor.errors import ConditionError, Problem
from assessor.library.frameworks import FrameworkIndex, UnknownReference
from assessor.library.located_yaml import Loc, LocatedDocument
from assessor.library.schema_errors import capped
from assessor.library.schema_errors import near as _near
from assessor.limits import PROBLEMS_PER_FILE

if TYPE_CHECKING:
    from assessor.library.questionnaires import LoadedQuestionnaire


def check_document(
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
                    frameworks.resolve(
                        ref["framework"],
                        str(ref.get("id", "")),
                        suggest=len(problems) < PROBLEMS_PER_FILE,
                    )
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


def check_across_files(
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
            problems.extend(capped(found))
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
            found = rejected.setdefault(item.path, [])
            for q in item.questionnaire.questions:
                rec = q.recommendation
                if isinstance(rec, str) and rec not in defined:
                    found.append(
                        Problem(
                            item.path,
                            item.question_line(q.id, "recommendation"),
                            f"question {q.id}: unknown recommendation id "
                            f"{rec!r}{_suggest(rec, defined, found)}",
                        )
                    )
                if isinstance(rec, Recommendation):
                    for di, dep in enumerate(rec.depends_on):
                        if dep not in defined:
                            found.append(
                                Problem(
                                    item.path,
                                    item.question_line(q.id, "recommendation", "depends_on", di),
                                    f"recommendation {rec.id}: depends_on names unknown "
                                    f"recommendation {dep!r}{_suggest(dep, defined, found)}",
                                )
                            )
            if not found:
                del rejected[item.path]
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
            problems.extend(capped(file_problems))
        accepted = [item for item in accepted if item.path not in rejected]


def _suggest(name: str, defined: dict[str, Recommendation], found: list[Problem]) -> str:
    """A did-you-mean for the problems that will be listed only: the search is the slow
    part of telling a file of thousands of wrong ids."""
    return _near(name, defined) if len(found) < PROBLEMS_PER_FILE else ""


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
