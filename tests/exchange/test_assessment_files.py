"""Assessment files: round trips, and every kind of bad file refused with its place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assessor.exchange.assessment_file import FileError, write_assessment_file
from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.answering import scorecard
from assessor.usecases.demo import create_demo
from assessor.usecases.transfer import export_assessment, import_assessment
from tests.factories import database_fingerprint


def test_export_then_import_gives_the_same_scores_and_history(
    store: Store, library: Library, tmp_path: Path
) -> None:
    original = create_demo(store, library).assessment_id
    path = tmp_path / "northwind.json"
    write_assessment_file(export_assessment(store, original), path)
    copy = import_assessment(store, library, path).assessment_id
    assert copy != original
    assert scorecard(store, library, copy) == scorecard(store, library, original)
    assert len(store.all_responses(copy)) == len(store.all_responses(original))
    assert store.respondents(copy) == store.respondents(original)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "ai-readiness-assessment"
    assert data["client"]["sector"].startswith("Insurance")


def valid() -> dict[str, Any]:
    return {
        "format": "ai-readiness-assessment",
        "format_version": 1,
        "client": {"name": "Acme"},
        "context": {"industry": "retail", "regions": ["EU"]},
        "questionnaires": [{"id": "data-readiness", "version": "1.0"}],
        "respondents": [{"id": "r1", "name": "Ana", "role": "CDO"}],
        "responses": [{"question_id": "DAT-05", "respondent_id": "r1", "answer": "l3"}],
    }


def with_(change: dict[str, Any]) -> dict[str, Any]:
    data = valid()
    data.update(change)
    return data


BAD = [
    pytest.param(b"not json at all", "not JSON", id="not-json"),
    pytest.param(b"\xff\xfe\x00", "not UTF-8", id="binary"),
    pytest.param(b"[1, 2]", "not an assessment file", id="a-list"),
    pytest.param(b"[" * 100000 + b"]" * 100000, "nest more than 32 levels", id="deeply-nested"),
    pytest.param(
        json.dumps(with_({"format_version": 9})).encode(), "format_version", id="future-version"
    ),
    pytest.param(json.dumps(with_({"client": {}})).encode(), "client.name", id="no-client-name"),
    pytest.param(
        json.dumps(with_({"context": {"industry": "fintech"}})).encode(),
        "context.industry",
        id="bad-context",
    ),
    pytest.param(
        json.dumps(
            with_({"questionnaires": [{"id": "data-readiness", "version": "9.9"}]})
        ).encode(),
        "questionnaires[0]: questionnaire 'data-readiness' version '9.9' is not available",
        id="unknown-version",
    ),
    pytest.param(
        json.dumps(with_({"responses": [{"question_id": "GR-01", "answer": "l3"}]})).encode(),
        "responses[0].question_id: unknown question 'GR-01'",
        id="question-of-another-questionnaire",
    ),
    pytest.param(
        json.dumps(with_({"responses": [{"question_id": "DAT-05", "answer": "l7"}]})).encode(),
        "responses[0].answer: DAT-05 takes one of",
        id="option-the-question-lacks",
    ),
    pytest.param(
        json.dumps(with_({"responses": [{"question_id": "DAT-05", "answer": 3}]})).encode(),
        "responses[0].answer",
        id="wrong-type",
    ),
    pytest.param(
        json.dumps(with_({"responses": [{"question_id": "DAT-05", "answer": True}]})).encode(),
        "responses[0].answer",
        id="boolean",
    ),
    pytest.param(
        json.dumps(with_({"responses": [{"question_id": "DAT-05", "answer": "n/a"}]})).encode(),
        'does not allow "n/a"',
        id="na-not-allowed",
    ),
    pytest.param(
        json.dumps(with_({"agreed": [{"question_id": "DAT-05", "answer": ["l1"]}]})).encode(),
        "agreed[0].answer",
        id="bad-agreed",
    ),
    pytest.param(
        b'{"format": "ai-readiness-assessment", "format_version": 1, "x": NaN}',
        "NaN is not a number JSON allows",
        id="nan",
    ),
    pytest.param(json.dumps(with_({"surprise": 1})).encode(), "surprise", id="unknown-key"),
]


@pytest.mark.parametrize(("content", "fragment"), BAD)
def test_bad_files_are_refused_with_the_place_and_change_nothing(
    store: Store, library: Library, tmp_path: Path, content: bytes, fragment: str
) -> None:
    create_demo(store, library)
    before = database_fingerprint(store.path)
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(FileError) as caught:
        import_assessment(store, library, path)
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert database_fingerprint(store.path) == before


def test_files_over_20_mb_are_refused_before_reading(
    store: Store, library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(FileError, match="at most 20 MB"):
        import_assessment(store, library, path)


def test_odd_unicode_survives_a_round_trip(store: Store, library: Library, tmp_path: Path) -> None:
    data = valid()
    data["client"]["name"] = "Société Générale d'Éssai — 株式会社 🤖"
    data["responses"][0]["note"] = "‮right-to-left‬ and \u0000-free"
    path = tmp_path / "u.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assessment = import_assessment(store, library, path).assessment_id
    out = tmp_path / "out.json"
    write_assessment_file(export_assessment(store, assessment), out)
    again = json.loads(out.read_text(encoding="utf-8"))
    assert again["client"]["name"] == data["client"]["name"]
    # Text is kept as written, but for control characters (the NUL), which are removed.
    assert again["responses"][0]["note"] == "‮right-to-left‬ and -free"


def test_respondents_named_only_in_responses_are_added(
    store: Store, library: Library, tmp_path: Path
) -> None:
    data = valid()
    data["respondents"] = []
    data["responses"] = [
        {"question_id": "DAT-05", "respondent_id": "ana", "answer": "l1"},
        {"question_id": "DAT-05", "respondent_id": "ben", "answer": "l5"},
    ]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assessment = import_assessment(store, library, path).assessment_id
    assert [r.key for r in store.respondents(assessment)] == ["ana", "ben"]
    result = scorecard(store, library, assessment).questions["DAT-05"]
    assert (result.value, result.spread, result.respondents) == (0.5, 1.0, 2)


def test_a_file_made_with_an_older_questionnaire_version_imports_onto_the_installed_one(
    store: Store, library: Library, tmp_path: Path
) -> None:
    """Content moves on (1.0 -> 1.1); a client's file from last year must still import."""
    original = create_demo(store, library).assessment_id
    exported = export_assessment(store, original).model_dump(mode="json")
    for ref in exported["questionnaires"]:
        ref["version"], ref["content_hash"] = "1.0", "0" * 64  # as an older app wrote it
    path = tmp_path / "last-year.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    copy = import_assessment(store, library, path).assessment_id
    assert len(store.all_responses(copy)) == len(store.all_responses(original))
    installed = {q.id: q.version for q in library.content.questionnaires}
    assert {q.id: q.version for q in store.questionnaires_of(copy)} == installed
    assert scorecard(store, library, copy) == scorecard(store, library, original)


def test_a_cleared_answer_travels_in_the_history_and_stays_cleared(
    store: Store, library: Library, tmp_path: Path
) -> None:
    from assessor.usecases.answering import clear_answer

    original = create_demo(store, library).value
    clear_answer(store, library, original, "GOV-01", "cro")
    path = tmp_path / "cleared.json"
    write_assessment_file(export_assessment(store, original), path)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert {"question_id": "GOV-01", "respondent_id": "cro", "answer": None}.items() <= next(
        r for r in reversed(written["responses"]) if r["question_id"] == "GOV-01"
    ).items()
    copy = import_assessment(store, library, path).value
    assert scorecard(store, library, copy) == scorecard(store, library, original)
    found = store.current_answers(copy, store.questions_of(copy)).get("GOV-01")
    assert found is None or "cro" not in found.by_respondent
