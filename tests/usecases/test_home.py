"""What the home screen offers: rename, delete to the bin and restore within 30 days,
reassess from the previous answers, the clients, the sample mark."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from assessor.content.context import AssessmentContext, UseCase
from assessor.content.profiles import choose_profile, profile_reason
from assessor.content.questionnaire import estimated_minutes, guidance_and_evidence
from assessor.errors import InputError, UsageError
from assessor.exchange.assessment_file import Client
from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.answering import answer_and_read, answer_sheet, clear_answer, record_answer
from assessor.usecases.assessments import (
    BIN_DAYS,
    create_assessment,
    delete_assessment,
    empty_bin,
    reassess,
    rename_assessment,
    restore_assessment,
)
from assessor.usecases.demo import create_demo


def listed(store: Store) -> list[int]:
    return [a.id for a in store.list_assessments()]


def test_a_rename_shows_in_the_list_and_undoes(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).value
    before = store.assessment(assessment).title
    changes = rename_assessment(store, assessment, "  Board review 2026  ")
    assert store.list_assessments()[0].title == "Board review 2026"
    assert changes.undo is not None
    changes.undo.run(store, library)
    assert store.assessment(assessment).title == before


@pytest.mark.parametrize(
    ("title", "message"),
    [("   ", "title: must not be blank"), ("x" * 201, "title: at most 200 characters")],
)
def test_a_bad_title_is_refused_and_nothing_changes(
    store: Store, library: Library, title: str, message: str
) -> None:
    assessment = create_demo(store, library).value
    before = store.assessment(assessment).title
    with pytest.raises(InputError, match=message):
        rename_assessment(store, assessment, title)
    assert store.assessment(assessment).title == before


def test_a_deleted_assessment_leaves_the_list_and_comes_back_whole(
    store: Store, library: Library
) -> None:
    assessment = create_demo(store, library).value
    answers = len(store.current_responses(assessment))
    deleted = delete_assessment(store, assessment)
    assert listed(store) == []
    assert [a.id for a in store.list_assessments(deleted=True)] == [assessment]
    assert deleted.undo is not None
    deleted.undo.run(store, library)  # undo of delete is restore
    assert listed(store) == [assessment]
    assert len(store.current_responses(assessment)) == answers


@pytest.mark.parametrize(("days", "kept"), [(BIN_DAYS - 1, True), (BIN_DAYS + 1, False)])
def test_the_bin_keeps_an_assessment_for_30_days(
    store: Store, library: Library, days: int, kept: bool
) -> None:
    assessment = create_demo(store, library).value
    other = create_assessment(store, library, Client(name="Other"), "R", AssessmentContext()).value
    delete_assessment(store, assessment)
    empty_bin(store, datetime.now(UTC) + timedelta(days=days))
    assert [a.id for a in store.list_assessments(deleted=True)] == ([assessment] if kept else [])
    if kept:
        restore_assessment(store, assessment)
        assert listed(store) == [assessment, other]
    else:
        assert listed(store) == [other]
        assert [c.name for c in store.clients()] == ["Other"]  # the demo's client went too
        with pytest.raises(UsageError):
            store.assessment(assessment)


def test_a_reassessment_starts_from_the_previous_answers(store: Store, library: Library) -> None:
    first = create_demo(store, library).value
    second = reassess(store, library, first).value
    old, new = store.assessment(first), store.assessment(second)
    assert (new.client_id, new.previous_id, new.context) == (old.client_id, first, old.context)
    assert not new.sample
    assert old.sample
    carried = {
        (r.question_id, r.respondent, r.answer, r.note) for r in store.current_responses(second)
    }
    before = {
        (r.question_id, r.respondent, r.answer, r.note) for r in store.current_responses(first)
    }
    assert carried == before
    assert store.history(second, "GOV-01")[0].answered_by == f"carried from assessment {first}"
    # Answering the new one leaves the old one alone, and the client has two assessments.
    record_answer(store, library, second, "GOV-01", "l5", respondent="cro")
    assert json.loads(store.latest_answer(first, "GOV-01", "cro")[0]) != "l5"  # type: ignore[index]
    summaries = {a.id: a for a in store.list_assessments()}
    assert summaries[second].previous_id == first
    assert [c.assessments for c in store.clients()] == [2]


def test_an_assessment_for_an_existing_client_adds_no_client(
    store: Store, library: Library
) -> None:
    first = create_demo(store, library).value
    client = store.assessment(first).client_id
    create_assessment(
        store, library, Client(name="ignored"), "Q3 review", AssessmentContext(), client_id=client
    )
    assert [(c.id, c.assessments) for c in store.clients()] == [(client, 2)]
    with pytest.raises(UsageError, match="no client 999"):
        create_assessment(store, library, Client(name="x"), "R", AssessmentContext(), client_id=999)


def test_the_sample_assessment_is_marked(store: Store, library: Library) -> None:
    create_demo(store, library)
    create_assessment(store, library, Client(name="Acme"), "Review", AssessmentContext())
    assert [a.sample for a in store.list_assessments()] == [True, False]


def test_time_estimates_are_a_range_from_the_questions_always_asked(library: Library) -> None:
    for questionnaire in library.content.questionnaires:
        low, high = estimated_minutes(questionnaire)
        conditional = [q for q in questionnaire.questions if q.applies_when]
        assert 5 <= low <= high <= 60
        assert (low < high) == bool(conditional)


@pytest.mark.parametrize(
    ("help_text", "guidance", "evidence"),
    [
        ("Look for a mandate. Evidence: minutes, the charter. Blocker because x.",
         "Look for a mandate. Blocker because x.", "Minutes, the charter."),
        ("No evidence named here.", "No evidence named here.", ""),
        ("", "", ""),
    ],
)  # fmt: skip
def test_help_splits_into_guidance_and_evidence(
    help_text: str, guidance: str, evidence: str
) -> None:
    assert guidance_and_evidence(help_text) == (guidance, evidence)


def test_the_profile_choice_says_why(library: Library) -> None:
    context = AssessmentContext(
        industry="finance", use_cases=[UseCase(name="Credit scoring", risk_tier="high")]
    )
    profile = choose_profile(library.profiles.profiles, context)
    reason = profile_reason(profile, context)
    assert profile.title in reason
    assert "finance" in reason
    assert "high-risk" in reason
    plain = profile_reason(
        choose_profile(library.profiles.profiles, AssessmentContext()), AssessmentContext()
    )
    assert "default" in plain
    assert "No use case" in plain


def test_status_follows_completeness(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).value
    assert store.assessment(assessment).status == "complete"  # every question answered
    clear_answer(store, library, assessment, "GOV-01", respondent="cro")
    assert store.assessment(assessment).status == "in_progress"
    record_answer(store, library, assessment, "GOV-01", "l3", respondent="cro")
    assert store.list_assessments()[0].status == "complete"


def test_answer_and_read_saves_and_returns_the_sheet_as_it_now_stands(
    store: Store, library: Library
) -> None:
    assessment = create_assessment(
        store, library, Client(name="Acme"), "Review", AssessmentContext()
    ).value
    changes, sheet = answer_and_read(store, library, assessment, "GOV-01", "l4")
    assert changes.question_ids == ("GOV-01",)
    assert changes.undo is not None
    assert sheet.answers["GOV-01"].raw == "l4"
    assert sheet.scorecard == answer_sheet(store, library, assessment, "").scorecard
    assert [q.domain for q in sheet.questionnaires][:2] == ["governance", "compliance"]
