"""Roadmap edits: stored, shown as edits, kept through rescoring and reopening."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor.errors import UsageError
from assessor.exchange.json_views import plan_json
from assessor.exchange.spreadsheets import write_plan
from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.answering import record_answer
from assessor.usecases.board import roadmap_board
from assessor.usecases.demo import create_demo
from assessor.usecases.roadmap_edits import add_custom_item, edit_item, plan_for, remove_item


def test_edits_survive_rescoring_and_reopening(db_path: Path, library: Library) -> None:
    with Store(db_path) as store:
        assessment = create_demo(store, library).assessment_id
        edit_item(store, library, assessment, "REC-GOV-SPONSOR", owner="Chief Operating Officer")
        edit_item(store, library, assessment, "REC-DAT-LINEAGE", hidden=True)
        record_answer(store, library, assessment, "GOV-05", "l1")  # rescore
    with Store(db_path) as store:
        plan = plan_for(store, library, assessment)
        sponsor = plan.get("REC-GOV-SPONSOR")
        assert sponsor is not None
        assert sponsor.item.owner == "Chief Operating Officer"
        assert sponsor.status == "edited"
        lineage = plan.get("REC-DAT-LINEAGE")
        assert lineage is not None
        assert lineage.hidden
        assert "REC-DAT-LINEAGE" not in [p.id for p in plan.visible()]
        data = {row["id"]: row for row in plan_json(plan)}
        assert data["REC-GOV-SPONSOR"]["edited"] is True


def test_an_edited_item_stays_when_its_trigger_goes(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).assessment_id
    plan = plan_for(store, library, assessment)
    lone = next(p for p in plan.items if not p.item.needed_by and len(p.item.why) == 1)
    question = lone.item.why[0].question_id
    edit_item(store, library, assessment, lone.id, title="Our own wording")
    record_answer(store, library, assessment, question, "l5", respondent="cro")  # gap closes
    item = plan_for(store, library, assessment).get(lone.id)
    assert item is not None
    assert (item.status, item.item.title) == ("no longer triggered", "Our own wording")
    remove_item(store, library, assessment, lone.id)
    assert plan_for(store, library, assessment).get(lone.id) is None


def test_moving_before_a_prerequisite_is_refused_with_its_name(
    store: Store, library: Library
) -> None:
    assessment = create_demo(store, library).assessment_id
    plan = plan_for(store, library, assessment)
    dependent = next(
        p
        for p in plan.items
        if any(plan.get(d) and plan.get(d).item.phase != "now" for d in p.item.depends_on)  # type: ignore[union-attr]
        and p.item.deadline is None  # free to move later
    )
    prerequisite = next(
        d for d in dependent.item.depends_on if plan.get(d) and plan.get(d).item.phase != "now"
    )  # type: ignore[union-attr]
    with pytest.raises(UsageError, match=f"its prerequisite {prerequisite}"):
        edit_item(store, library, assessment, dependent.id, phase="now")
    edit_item(store, library, assessment, dependent.id, phase="beyond")  # later is fine
    assert plan_for(store, library, assessment).get(dependent.id).item.phase == "beyond"  # type: ignore[union-attr]


def test_custom_items_are_added_shown_and_removable(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).assessment_id
    item_id = add_custom_item(
        store, library, assessment, title="Brief the board on the roadmap", phase="now",
        owner="Chief Executive Officer", actions=["Book a board slot this quarter."],
    ).value  # fmt: skip
    assert item_id == "CUSTOM-1"
    item = plan_for(store, library, assessment).get(item_id)
    assert item is not None
    assert item.status == "custom"
    assert item.item.phase == "now"
    remove_item(store, library, assessment, item_id)
    assert plan_for(store, library, assessment).get(item_id) is None
    with pytest.raises(UsageError, match="still triggered"):
        remove_item(store, library, assessment, "REC-DAT-ACCESS")


def test_the_plan_exports_to_a_tracker_spreadsheet(
    store: Store, library: Library, tmp_path: Path
) -> None:
    assessment = create_demo(store, library).assessment_id
    plan = plan_for(store, library, assessment)
    path = tmp_path / "plan.xlsx"
    write_plan(plan, path)
    sheet = load_workbook(path).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Phase", "Item", "Title"]
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref
    assert sheet.max_row == len(plan.visible()) + 1
    assert (sheet.column_dimensions["C"].width or 0) >= 40
    csv_path = tmp_path / "plan.csv"
    write_plan(plan, csv_path)
    assert csv_path.read_text(encoding="utf-8-sig").startswith("Phase,Item,Title")


def test_the_demo_insurer_has_its_legal_work_placed_before_the_dates_of_the_law(
    store: Store, library: Library, tmp_path: Path
) -> None:
    """An EU insurer with a high-risk underwriting assistant: Annex III work is due before
    2 Dec 2027, GDPR work (in force) is pinned to Now, and the spreadsheet says so."""
    assessment = create_demo(store, library).assessment_id
    plan = plan_for(store, library, assessment)
    annex_iii = [
        p for p in plan.items if p.item.deadline and "2 Dec 2027" in p.item.deadline.reason
    ]
    assert annex_iii
    for p in annex_iii:
        assert p.item.phase in {"now", "next", "later"}
    in_force = [p for p in plan.items if p.item.deadline and p.item.deadline.in_force]
    assert in_force
    assert all(p.item.phase == "now" for p in in_force)
    lawful = plan.get("REC-DAT-LAWFUL-BASIS")
    assert lawful is not None
    assert lawful.item.phase == "now"  # GDPR applies today, whatever the capacity
    rows = {row["id"]: row for row in plan_json(plan)}
    assert rows[annex_iii[0].id]["deadline"]["applies_from"] == "2027-12-02"
    path = tmp_path / "plan.xlsx"
    write_plan(plan, path)
    sheet = load_workbook(path).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    column = header.index("Deadline")
    deadlines = [row[column].value for row in sheet.iter_rows(min_row=2)]
    assert any(d and "apply from 2 Dec 2027" in d for d in deadlines)


def test_moving_past_a_deadline_is_refused_with_the_duty(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).assessment_id
    plan = plan_for(store, library, assessment)
    due = next(p for p in plan.items if p.item.deadline and p.item.deadline.due_by != "beyond")
    assert due.item.deadline is not None
    with pytest.raises(UsageError) as refused:
        edit_item(store, library, assessment, due.id, phase="beyond")
    message = str(refused.value)
    assert due.item.deadline.duty_id in message
    assert due.item.deadline.reason in message
    assert plan_for(store, library, assessment).get(due.id) == due  # nothing was stored


def test_the_board_shows_why_each_card_is_there_in_words(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).assessment_id
    board = roadmap_board(store, library, assessment)
    assert [c.id for c in board.cards] == [p.id for p in plan_for(store, library, assessment).items]
    with_reasons = next(c for c in board.cards if c.reasons)
    reason = with_reasons.reasons[0]
    prompts = {q.id: q.prompt for qn in library.content.questionnaires for q in qn.questions}
    assert reason.prompt == prompts[reason.question_id]
    assert reason.answers  # the demo's respondents answered it, shown by name
    assert ":" in reason.answers[0]
    assert set(board.owners) == {c.plan_item.item.owner for c in board.cards}
    assert dict(board.domains)["governance"] == "Strategy & Governance"
    dated = next(c for c in board.cards if c.plan_item.item.deadline)
    assert dated.deadline.startswith(dated.plan_item.item.deadline.reason)  # type: ignore[union-attr]
