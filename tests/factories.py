"""Small content for tests, made one way everywhere: questions, recommendations,
questionnaires, profiles and answers, plus fingerprints of a database file and the
faults a disk inflicts on one (damaged pages, a failing commit)."""

from __future__ import annotations

import hashlib
import sqlite3
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assessor.content.profiles import TargetProfile
from assessor.content.questionnaire import Question, Questionnaire
from assessor.scoring.answers import parse_answer
from assessor.scoring.scorecard import QuestionAnswers

DOMAINS = ["governance", "compliance", "guardrails", "infrastructure", "data", "people"]


def maturity(qid: str, weight: float = 1, **extra: Any) -> dict[str, Any]:
    """A maturity question with options l1..l5 (values 0, .25, .5, .75, 1)."""
    return {
        "id": qid,
        "type": "maturity",
        "prompt": f"{qid}?",
        "weight": weight,
        "options": [{"id": f"l{i}", "label": f"L{i}"} for i in range(1, 6)],
        **extra,
    }


def recommendation(
    rid: str,
    effort: str = "M",
    impact: str = "medium",
    deps: Iterable[str] = (),
    duties: Iterable[str] = (),
) -> dict[str, Any]:
    return {
        "id": rid,
        "title": f"Do {rid}",
        "actions": [f"Start {rid} with a named owner this month."],
        "effort": effort,
        "impact": impact,
        "owner": "Chief Risk Officer",
        "depends_on": list(deps),
        "duties": list(duties),
    }


def questionnaire(
    qid: str, domain: str, sections: dict[str, list[dict[str, Any]]]
) -> Questionnaire:
    """A questionnaire of the given sections (section id -> question dicts)."""
    return Questionnaire.model_validate(
        {
            "id": qid,
            "version": "1",
            "title": qid,
            "domain": domain,
            "sections": [{"id": s, "title": s, "questions": qs} for s, qs in sections.items()],
        }
    )


def profile(targets: int | dict[str, dict[str, int]] = 4, **extra: Any) -> TargetProfile:
    """A default profile; `targets` is one level for every domain and tier, or a table."""
    table = (
        {t: dict.fromkeys(DOMAINS, targets) for t in ("minimal", "limited", "high")}
        if isinstance(targets, int)
        else targets
    )
    return TargetProfile.model_validate(
        {"id": "test", "title": "Test", "default": True, "targets": table, **extra}
    )


def answered(questions: dict[str, Question], **given: Any) -> dict[str, QuestionAnswers]:
    """Q1="l3" for one respondent; Q1={"a": "l1", "b": "l5"} for several, with "agreed"
    for the facilitator's agreed answer."""
    result = {}
    for qid, raw in given.items():
        by = raw if isinstance(raw, dict) else {"": raw}
        question = questions[qid]
        result[qid] = QuestionAnswers(
            {r: parse_answer(question, v) for r, v in by.items() if r != "agreed"},
            parse_answer(question, by["agreed"]) if "agreed" in by else None,
        )
    return result


def questionnaire_yaml(questions: str, qid: str = "q", domain: str = "guardrails") -> str:
    """A minimal questionnaire file around the given (already indented) question list."""
    return (
        f'id: {qid}\nversion: "1.0"\ntitle: Test {qid}\ndomain: {domain}\n'
        "sections:\n  - id: s1\n    title: Section one\n    questions:\n"
        + textwrap.indent(textwrap.dedent(questions).strip("\n"), "      ")
        + "\n"
    )


def database_fingerprint(db_path: Path) -> str:
    """A digest of every row and table of a database: equal means nothing was written."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(db_path)
    for line in conn.iterdump():
        digest.update(line.encode("utf-8"))
    conn.close()
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The file's bytes: equal means nothing was written (even a header or a page)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(path: Path, table: str) -> None:
    """Overwrite the root page of a table with garbage, as a failing disk would."""
    conn = sqlite3.connect(path)
    root, size = conn.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
        "WHERE name = ?",
        (table,),
    ).fetchone()
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(bytes(range(256)) * (size // 256))


class FailingCommit(sqlite3.Connection):
    """A connection whose COMMIT fails as a disk does, with the text SQLite gives."""

    failure = ""

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql == "COMMIT" and FailingCommit.failure:
            raise sqlite3.OperationalError(FailingCommit.failure)
        return super().execute(sql, *args)  # type: ignore[arg-type]
