"""What an assessment shows to others: an anonymised assessment file for a vendor or a
benchmarking partner, and every answer as a CSV table. The command line and the app call
these (`assessor export ID --anonymise`, `assessor export ID --csv`).

Anonymising keeps what scoring reads (the context's categories, the questionnaires, every
choice, number and time) and replaces what names people or tells their story: the client
and its fields, the title, the respondents' ids, names and roles, who answered or agreed,
notes, text answers, and the use cases' names and descriptions. The scores of the file,
imported anywhere, are those of the original. The file carries no uid: it is not the
assessment, and must never be taken for it. Roadmap edits are not in assessment files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assessor.content.context import domain_rank, domain_title
from assessor.content.questionnaire import Question, QuestionType
from assessor.exchange.assessment_file import AssessmentFile, write_assessment_file
from assessor.exchange.responses_table import Row, write_responses_csv
from assessor.scoring.answers import AnswerError, answer_text, parse_answer, value_of
from assessor.store.database import ResponseRecord, Store
from assessor.usecases.transfer import export_assessment
from assessor.usecases.workshop import UNNAMED

CLIENT = "Client A"
TITLE = "Client A AI readiness"
NOTE = "[note removed]"
TEXT = "[text removed]"
ROLE = "[role removed]"
DESCRIPTION = "[description removed]"
AGREED = "Agreed"


def anonymised_assessment(store: Store, assessment_id: int) -> AssessmentFile:
    """The assessment file with every name and free text replaced by a placeholder."""
    original = export_assessment(store, assessment_id)
    data: dict[str, Any] = original.model_dump(mode="json")
    questions = store.questions_of(assessment_id)
    keys: dict[str, str] = {}

    def key(old: str | None) -> str | None:
        if not old:
            return old
        return keys.setdefault(old, f"r{len(keys) + 1}")

    def text(question_id: str, answer: object) -> object:
        question = questions.get(question_id)
        is_text = question is not None and question.type is QuestionType.TEXT
        if is_text and isinstance(answer, str) and answer not in ("", "n/a", "dont_know"):
            return TEXT
        return answer

    for respondent in data["respondents"]:
        respondent["id"] = key(respondent["id"])
        respondent["name"] = f"Respondent {respondent['id'][1:]}"
        respondent["role"] = ROLE if respondent["role"] else ""
    for response in data["responses"]:
        response["respondent_id"] = key(response["respondent_id"])
        response["answer"] = text(response["question_id"], response["answer"])
        response["note"] = NOTE if response["note"] else ""
        response["answered_by"] = ""
    for agreed in data["agreed"]:
        agreed["answer"] = text(agreed["question_id"], agreed["answer"])
        agreed["note"] = NOTE if agreed["note"] else ""
        agreed["agreed_by"] = ""
    for number, use_case in enumerate(data["context"]["use_cases"], start=1):
        use_case["name"] = f"Use case {number}"
        use_case["description"] = DESCRIPTION if use_case["description"] else ""
    data.update(uid=None, title=TITLE, client={"name": CLIENT})
    return AssessmentFile.model_validate(data)


def save_anonymised(store: Store, assessment_id: int, path: Path) -> None:
    """Write the anonymised assessment file, whole or not at all."""
    write_assessment_file(anonymised_assessment(store, assessment_id), path)


def responses_table(store: Store, assessment_id: int) -> list[Row]:
    """Every current answer, one row per question and respondent in the order questions
    are asked, then the agreed answer where there is one. A removed participant's answers
    are listed, marked as not counted."""
    people = {p.key: p for p in store.respondents(assessment_id)}
    people.setdefault("", UNNAMED)
    rank = {key: index for index, key in enumerate(people)}
    current: dict[str, list[ResponseRecord]] = {}
    for response in sorted(
        store.current_responses(assessment_id), key=lambda r: rank.get(r.respondent, len(rank))
    ):
        current.setdefault(response.question_id, []).append(response)
    agreed = {row[0]: row for row in store.all_agreed(assessment_id)}  # the last stays
    rows: list[Row] = []
    questionnaires = sorted(
        store.questionnaires_of(assessment_id), key=lambda q: domain_rank(q.domain)
    )
    for questionnaire in questionnaires:
        domain = domain_title(questionnaire.domain)
        for section in questionnaire.sections:
            for question in section.questions:
                where = (question.id, domain, section.title, question.prompt)
                for response in current.get(question.id, []):
                    raw = json.loads(response.answer)
                    if raw is None:
                        continue
                    person = people.get(response.respondent)
                    name = person.name if person is not None else response.respondent
                    if person is not None and not person.active:
                        name += " (removed: not counted)"
                    said = (name, person.role if person is not None else "")
                    given = (response.note, response.flagged, response.answered_at)
                    rows.append(_row(question, where, said, raw, *given))
                settled = agreed.get(question.id)
                if settled is not None and (raw := json.loads(settled[1])) is not None:
                    rows.append(_row(question, where, (AGREED, ""), raw, settled[2], False,
                                     settled[3]))  # fmt: skip
    return rows


def _row(
    question: Question,
    where: tuple[str, str, str, str],
    said: tuple[str, str],
    raw: object,
    note: str,
    flagged: bool,
    answered_at: str,
) -> Row:
    try:
        value = value_of(question, parse_answer(question, raw))
    except AnswerError:  # an answer this version of the question cannot take
        value = None
    return [
        *where, *said, answer_text(question, raw), None if value is None else round(value, 3),
        note, "yes" if flagged else "", answered_at,
    ]  # fmt: skip


def save_responses_csv(store: Store, assessment_id: int, path: Path) -> int:
    """Write every answer as CSV (`assessor export ID --csv`); return the rows written."""
    store.assessment(assessment_id)  # a missing assessment is named, not an empty table
    rows = responses_table(store, assessment_id)
    write_responses_csv(rows, path)
    return len(rows)
