"""Small content for tests, made one way everywhere: questions, recommendations,
questionnaires, profiles and answers, plus a fingerprint of a database file."""

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
