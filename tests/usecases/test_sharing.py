"""What an assessment shows to others: the anonymised file (no name or note left, the
same scores) and every answer as CSV (BOM, formulas neutralised)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.answering import record_answer, scorecard
from assessor.usecases.demo import CLIENT, CONTEXT, NOTES, create_demo
from assessor.usecases.sharing import save_anonymised, save_responses_csv
from assessor.usecases.transfer import import_assessment
from assessor.usecases.workshop import add_participant


@pytest.fixture
def northwind(store: Store, library: Library) -> int:
    """The demo, with a participant named with a key from the name, a text answer and a
    note that only this test writes."""
    assessment_id = create_demo(store, library).value
    key = add_participant(store, assessment_id, "Zoë Ødegaard", "Head of Claims").value
    record_answer(store, library, assessment_id, "GOV-02", "l4", respondent=key,
                  note="Zoë says the board minutes of 12 March prove it")  # fmt: skip
    record_answer(store, library, assessment_id, "GOV-02", "l2", agreed=True,
                  note="Agreed after the coffee break")  # fmt: skip
    return assessment_id


def secrets_of(store: Store, assessment_id: int) -> list[str]:
    record = store.assessment(assessment_id)
    found = [record.title, CLIENT.name, *(str(v) for v in store.client_details(1).values())]
    for person in store.respondents(assessment_id):
        found += [person.name, person.role]
        if len(person.key) > 5:  # made from a name ("zoe-degaard"); "cto" is in "context"
            found.append(person.key)
    for response in store.all_responses(assessment_id):
        raw = json.loads(response.answer)
        if response.note:
            found.append(response.note)
        if store.questions_of(assessment_id)[response.question_id].type.value == "text":
            found.append(raw)
    found += [row[2] for row in store.all_agreed(assessment_id) if row[2]]
    for use_case in CONTEXT.use_cases:
        found += [use_case.name, use_case.description]
    return [s for s in found if s]


def test_the_anonymised_file_holds_no_name_or_note_of_the_original(
    store: Store, library: Library, northwind: int, tmp_path: Path
) -> None:
    path = tmp_path / "anonymised.json"
    save_anonymised(store, northwind, path)
    data = path.read_bytes().lower()
    secrets = secrets_of(store, northwind)
    assert {"Zoë Ødegaard", "zoe-degaard", NOTES["CMP-01"]} <= set(secrets)
    for secret in secrets:
        escaped = json.dumps(secret)[1:-1]  # "Zo\u00eb", as JSON may write it
        for form in {secret, escaped, json.dumps(secret, ensure_ascii=False)[1:-1]}:
            assert form.lower().encode("utf-8") not in data, secret
    text = data.decode("utf-8")
    assert "client a" in text
    assert "respondent 1" in text
    assert "[note removed]" in text
    assert '"uid"' not in text


def test_the_anonymised_file_scores_as_the_original(
    store: Store, library: Library, northwind: int, tmp_path: Path
) -> None:
    path = tmp_path / "anonymised.json"
    save_anonymised(store, northwind, path)
    copy = import_assessment(store, library, path).value
    original, anonymised = scorecard(store, library, northwind), scorecard(store, library, copy)
    assert anonymised.overall_score == original.overall_score
    assert anonymised.overall_level == original.overall_level
    assert anonymised.domains == original.domains
    assert anonymised.questions == original.questions
    assert anonymised.blockers == original.blockers
    assert [(u.risk_tier, u.verdict) for u in anonymised.use_cases] == [
        (u.risk_tier, u.verdict) for u in original.use_cases
    ]


def test_the_responses_csv_has_a_bom_a_row_per_answer_and_no_formula(
    store: Store, library: Library, northwind: int, tmp_path: Path
) -> None:
    evil = add_participant(store, northwind, "@SUM(1+1)", "=cmd|' /C calc'!A0").value
    record_answer(store, library, northwind, "GOV-03", "l2", respondent=evil,
                  note="-2+3 is what they said\r\n=HYPERLINK(\"http://x\")")  # fmt: skip
    path = tmp_path / "responses.csv"
    rows = save_responses_csv(store, northwind, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = table[0], table[1:]
    assert header[:7] == ["Question", "Domain", "Section", "Prompt", "Respondent", "Role", "Answer"]
    assert len(body) == rows
    answers = len([r for r in store.current_responses(northwind) if json.loads(r.answer)])
    assert rows == answers + 1  # and the one agreed answer
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    mine = next(r for r in body if r[0] == "GOV-03" and "SUM" in r[4])
    assert mine[4:6] == ["'@SUM(1+1)", "'=cmd|' /C calc'!A0"]
    assert mine[8].startswith("'-2+3")
    agreed = next(r for r in body if r[4] == "Agreed")
    assert agreed[0] == "GOV-02"
    assert agreed[8] == "Agreed after the coffee break"
    zoe = next(r for r in body if r[4] == "Zoë Ødegaard")
    assert zoe[6]
    assert float(zoe[7]) == 0.75
