"""Workshop use-cases: participants added, renamed and removed (their history kept, their
answers no longer counted), answering for the room, the facilitator's panel of one
question and the divergence list. No Qt."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from assessor.errors import UsageError
from assessor.library.installed import Library
from assessor.store import migrations
from assessor.store.database import Store
from assessor.usecases.answering import answer_history, answer_sheet, record_answer, scorecard
from assessor.usecases.changes import Change
from assessor.usecases.demo import create_demo
from assessor.usecases.workshop import (
    add_participant,
    divergences,
    edit_participant,
    key_for,
    participants,
    question_panel,
    remove_participant,
    restore_participant,
)

#: The demo's disagreement: the risk officer says l3 (0.5), the CTO l5 (1.0).
SPLIT = "GOV-09"


@pytest.fixture
def demo(store: Store, library: Library) -> int:
    return int(create_demo(store, library).value)


def names(store: Store, assessment: int, active_only: bool = True) -> list[str]:
    return [p.name for p in participants(store, assessment) if p.active or not active_only]


@pytest.mark.parametrize(
    ("name", "taken", "key"),
    [
        ("Priya Natarajan", set(), "priya-natarajan"),
        ("Amélie Laurent", set(), "amelie-laurent"),
        ("Priya Natarajan", {"priya-natarajan"}, "priya-natarajan-2"),
        ("Priya Natarajan", {"priya-natarajan", "priya-natarajan-2"}, "priya-natarajan-3"),
        ("李雷", set(), "participant"),
        ("  Legal / DPO  ", set(), "legal-dpo"),
    ],
)
def test_a_participant_id_is_made_from_the_name(name: str, taken: set[str], key: str) -> None:
    assert key_for(name, taken) == key


def test_adding_a_participant_lists_them_and_undo_takes_them_out(
    store: Store, library: Library, demo: int
) -> None:
    added = add_participant(store, demo, "  Priya   Natarajan ", "CISO")
    assert added.kinds == {Change.RESPONDENTS}
    assert added.value == "priya-natarajan"
    assert names(store, demo) == ["Amélie Laurent", "Jonas Weber", "Priya Natarajan"]
    assert participants(store, demo)[-1].role == "CISO"
    assert added.undo is not None
    assert added.undo.description == "adding Priya Natarajan"
    redo = added.undo.run(store, library).undo
    assert names(store, demo) == ["Amélie Laurent", "Jonas Weber"]
    assert redo is not None
    assert redo.description == "adding Priya Natarajan"  # the redo reads as the undo did
    redo.run(store, library)
    assert names(store, demo)[-1] == "Priya Natarajan"


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "needs a name"), ("   ", "needs a name"), ("jonas weber", "already a participant"),
     ("x" * 81, "at most 80")],
)  # fmt: skip
def test_a_participant_without_a_usable_name_is_refused(
    store: Store, demo: int, name: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        add_participant(store, demo, name)
    assert names(store, demo) == ["Amélie Laurent", "Jonas Weber"]


def test_renaming_keeps_the_answers_and_undo_puts_the_name_back(
    store: Store, library: Library, demo: int
) -> None:
    changed = edit_participant(store, demo, "cto", "Jonas M. Weber", "CIO")
    assert changed.kinds == {Change.RESPONDENTS}
    person = participants(store, demo)[1]
    assert (person.key, person.name, person.role, person.answered) == (
        "cto", "Jonas M. Weber", "CIO", 1,
    )  # fmt: skip
    panel = question_panel(store, library, demo, SPLIT)
    assert [a.participant.name for a in panel.answers] == ["Amélie Laurent", "Jonas M. Weber"]
    assert not edit_participant(store, demo, "cto", "Jonas M. Weber", "CIO")  # the same
    assert changed.undo is not None
    changed.undo.run(store, library)
    assert participants(store, demo)[1].name == "Jonas Weber"
    with pytest.raises(UsageError, match="already a participant called Amélie"):
        edit_participant(store, demo, "cto", "AMÉLIE LAURENT", "")


def test_removing_keeps_the_history_and_stops_counting_the_answers(
    store: Store, library: Library, demo: int
) -> None:
    before = scorecard(store, library, demo).questions[SPLIT]
    assert before.value == 0.75  # the mean of 0.5 and 1.0
    assert before.divergent
    removed = remove_participant(store, library, demo, "cto")
    assert {Change.RESPONDENTS, Change.ANSWERS, Change.SCORES} <= removed.kinds
    after = scorecard(store, library, demo).questions[SPLIT]
    assert after.value == 0.5  # only the risk officer's answer counts
    assert not after.divergent
    # Kept: the row (named in the history and the report) and every answer.
    assert names(store, demo, active_only=False) == ["Amélie Laurent", "Jonas Weber"]
    assert names(store, demo) == ["Amélie Laurent"]
    assert [r.respondent for r in answer_history(store, demo, SPLIT)] == ["cro", "cto"]
    panel = question_panel(store, library, demo, SPLIT)
    jonas = panel.answers[1]
    assert (jonas.participant.name, jonas.text, jonas.counted) == (
        "Jonas Weber", "Calibrated on evidence", False,
    )  # fmt: skip
    assert panel.spread is None
    assert divergences(store, library, demo) == []
    # Nobody answers for a removed participant; the walker starts with someone present.
    with pytest.raises(UsageError, match="Jonas Weber was removed from the workshop"):
        record_answer(store, library, demo, "GOV-01", "l2", respondent="cto")
    assert answer_sheet(store, library, demo).respondent == "cro"
    assert not remove_participant(store, library, demo, "cto")  # already out
    assert removed.undo is not None
    assert removed.undo.description == "removal of Jonas Weber"
    removed.undo.run(store, library)
    assert scorecard(store, library, demo).questions[SPLIT].value == 0.75


def test_a_removed_participant_comes_back_with_their_answers(
    store: Store, library: Library, demo: int
) -> None:
    remove_participant(store, library, demo, "cto")
    back = restore_participant(store, library, demo, "cto")
    assert Change.SCORES in back
    assert scorecard(store, library, demo).questions[SPLIT].divergent
    assert not restore_participant(store, library, demo, "cto")
    with pytest.raises(UsageError, match="no participant 'nobody'"):
        remove_participant(store, library, demo, "nobody")


def test_the_agreed_answer_is_what_scoring_uses(store: Store, library: Library, demo: int) -> None:
    record_answer(store, library, demo, SPLIT, "l2", agreed=True)
    result = scorecard(store, library, demo).questions[SPLIT]
    assert (result.value, result.agreed, result.spread) == (0.25, True, 0.5)
    sheet = answer_sheet(store, library, demo, agreed=True)
    assert (sheet.agreed, sheet.respondent) == (True, "")
    assert {qid: given.raw for qid, given in sheet.answers.items()} == {SPLIT: "l2"}
    record_answer(store, library, demo, SPLIT, "l4", agreed=True)  # the latest agreed wins
    assert answer_sheet(store, library, demo, agreed=True).answers[SPLIT].raw == "l4"
    assert scorecard(store, library, demo).questions[SPLIT].value == 0.75


def test_answering_as_a_participant_keeps_their_answers_apart(
    store: Store, library: Library, demo: int
) -> None:
    key = add_participant(store, demo, "Priya Natarajan", "CISO").value
    record_answer(store, library, demo, SPLIT, "l1", respondent=key, note="No tiers in security")
    sheet = answer_sheet(store, library, demo, key)
    assert {qid: g.raw for qid, g in sheet.answers.items()} == {SPLIT: "l1"}
    result = scorecard(store, library, demo).questions[SPLIT]
    assert (result.respondents, result.spread) == (3, 1.0)


def test_the_panel_shows_every_participant_the_spread_and_the_agreed_answer(
    store: Store, library: Library, demo: int
) -> None:
    add_participant(store, demo, "Priya Natarajan", "CISO")
    panel = question_panel(store, library, demo, SPLIT)
    assert panel.where == "Strategy & Governance · Risk-tiered use of AI"
    said = [(a.participant.name, a.text, a.answered) for a in panel.answers]
    assert said == [
        ("Amélie Laurent", "Approved tiers", True),
        ("Jonas Weber", "Calibrated on evidence", True),
        ("Priya Natarajan", "", False),  # not answered yet, still listed
    ]
    assert panel.answers[1].note == "Tiers exist on paper; teams use them for new projects only."
    assert (panel.spread, panel.divergent, panel.value, panel.agreed) == (0.5, True, 0.75, None)
    assert panel.chosen_by("l3") == ("Amélie Laurent",)
    assert panel.majority is None  # one each
    record_answer(store, library, demo, SPLIT, "l3", respondent="priya-natarajan")
    record_answer(store, library, demo, SPLIT, "l3", agreed=True, note="Tiers approved in May")
    panel = question_panel(store, library, demo, SPLIT)
    assert panel.majority == "l3"
    assert panel.agreed is not None
    assert (panel.agreed.text, panel.agreed.note, panel.value) == (
        "Approved tiers", "Tiers approved in May", 0.5,
    )  # fmt: skip


def test_divergences_rank_the_widest_spread_first_with_who_said_what(
    store: Store, library: Library, demo: int
) -> None:
    key = add_participant(store, demo, "Priya Natarajan", "CISO").value
    record_answer(store, library, demo, "GOV-01", "l2", respondent="cto")  # cro: l4, 0.5 apart
    record_answer(store, library, demo, "DAT-08", "l5", respondent=key)  # cro: l2, 0.75 apart
    found = divergences(store, library, demo)
    # Widest first; an equal spread in the order the questions are asked.
    assert [(d.question_id, d.spread) for d in found] == [
        ("DAT-08", 0.75), ("GOV-01", 0.5), (SPLIT, 0.5),
    ]  # fmt: skip
    top = found[0]
    assert top.said == (
        ("Amélie Laurent", "Limited by audience"),
        ("Priya Natarajan", "Drift monitored"),
    )
    assert (top.where, top.divergent, top.agreed) == (
        "Data Readiness · Classification, access and integrity", True, None,
    )  # fmt: skip
    record_answer(store, library, demo, SPLIT, "l4", agreed=True)
    split = next(d for d in divergences(store, library, demo) if d.question_id == SPLIT)
    assert split.agreed == "Checked and re-tiered"


def test_a_database_from_before_workshops_keeps_its_respondents(
    db_path: Path, library: Library
) -> None:
    with Store(db_path) as store:
        demo = int(create_demo(store, library).value)
    conn = sqlite3.connect(db_path)  # as version 3 left it: no removed_at
    with conn:
        conn.execute("ALTER TABLE respondents DROP COLUMN removed_at")
        conn.execute("DELETE FROM schema_migrations WHERE name = '0004_workshop'")
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    with Store(db_path) as store:
        assert store.schema_version == len(migrations.MIGRATIONS)
        assert [(p.name, p.active) for p in participants(store, demo)] == [
            ("Amélie Laurent", True), ("Jonas Weber", True),
        ]  # fmt: skip
        assert scorecard(store, library, demo).questions[SPLIT].divergent
        history = [json.loads(r.answer) for r in answer_history(store, demo, SPLIT)]
        assert history == ["l3", "l5"]


def test_a_reassessment_keeps_a_removed_participant_removed(
    store: Store, library: Library, demo: int
) -> None:
    from assessor.usecases.assessments import reassess
    from assessor.usecases.reporting import gather_report

    remove_participant(store, library, demo, "cto")
    later = int(reassess(store, library, demo, "Review 2027").value)
    assert names(store, later, active_only=False) == ["Amélie Laurent", "Jonas Weber"]
    assert names(store, later) == ["Amélie Laurent"]
    assert scorecard(store, library, later).questions[SPLIT].value == 0.5  # still uncounted
    report = gather_report(store, library, later)
    jonas = next(p for p in report.participants if p.name == "Jonas Weber")
    assert "removed: answers not counted" in jonas.role
