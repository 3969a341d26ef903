"""The roadmap board: cards in their phases, moved by drag and drop or the keyboard, a
refused move that says why and moves nothing, edits that survive a new answer and show in
the command line's plan, custom items, hiding, filters, and the reasons behind a card."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from assessor.scoring.plan import Plan
from assessor.usecases.answering import record_answer
from assessor.usecases.roadmap_edits import plan_for
from ui.roadmap.model import card_words, marks_of
from ui.roadmap.page import RoadmapPage
from ui.session import Session

Show = Callable[[QWidget], QWidget]


def core_plan(session: Session, assessment_id: int) -> Plan:
    plan: Plan = session.call(lambda core: plan_for(core.store, core.library, assessment_id))
    return plan


def board(session: Session, demo_id: int, show: Show) -> RoadmapPage:
    page = RoadmapPage(session)
    show(page)
    page.resize(1400, 860)
    page.activateWindow()  # keyboard focus goes to the board's columns
    QApplication.processEvents()
    page.open(demo_id)
    assert page.board is not None
    return page


def ids_in(page: RoadmapPage, phase: str) -> list[str]:
    return [c.id for c in page.columns[phase].model.cards]  # type: ignore[index]


def free_card(page: RoadmapPage, phase: str = "next") -> str:
    """A card of `phase` with no deadline, no prerequisite and nothing depending on it."""
    assert page.board is not None
    return next(
        c.id for c in page.board.phase(phase)  # type: ignore[arg-type]
        if c.plan_item.item.deadline is None and not c.plan_item.item.depends_on
        and not c.plan_item.item.needed_by
    )  # fmt: skip


def test_the_board_shows_the_core_plan_phase_by_phase(
    session: Session, demo_id: int, show: Show
) -> None:
    page = board(session, demo_id, show)
    plan = core_plan(session, demo_id)
    for phase in ("now", "next", "later", "beyond"):
        assert ids_in(page, phase) == [p.id for p in plan.visible() if p.item.phase == phase]
    assert page.title.text() == "Roadmap: AI readiness review 2026"
    assert f"{len(plan.visible())} items" in page.summary.text()
    card = page.columns["now"].model.cards[0]
    words = card_words(card)
    assert card.plan_item.item.title in words
    assert card.plan_item.item.owner in words


def test_a_card_dropped_on_another_phase_moves_there_and_stays(
    session: Session, demo_id: int, show: Show
) -> None:
    page = board(session, demo_id, show)
    item = free_card(page, "beyond")
    source = page.columns["beyond"].model
    data = source.mimeData([source.index(source.row_of(item) or 0)])
    target = page.columns["later"].model
    assert target.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target.index(-1))
    assert item in ids_in(page, "later")
    assert item not in ids_in(page, "beyond")
    moved = core_plan(session, demo_id).get(item)
    assert moved is not None
    assert (moved.item.phase, moved.status) == ("later", "edited")
    assert page.selected == item
    assert "Moved by the consultant" in _details_text(page)
    session.undo(None)
    assert item in ids_in(page, "beyond")


def test_ctrl_arrow_moves_the_selected_card_and_arrows_walk_the_board(
    session: Session, demo_id: int, show: Show, qtbot: QtBot
) -> None:
    page = board(session, demo_id, show)
    item = free_card(page, "beyond")
    page._select(item, focus=True)
    view = page.columns["beyond"].list
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert item in ids_in(page, "later")
    assert page.columns["later"].list.hasFocus()
    qtbot.keyClick(page.columns["later"].list, Qt.Key.Key_Left)  # focus, not the card
    assert page.columns["next"].list.hasFocus()
    assert item in ids_in(page, "later")
    assert core_plan(session, demo_id).get(item).item.phase == "later"  # type: ignore[union-attr]


def test_a_move_past_a_deadline_is_refused_naming_the_duty(
    session: Session, demo_id: int, show: Show
) -> None:
    page = board(session, demo_id, show)
    assert page.board is not None
    dated = next(c for c in page.board.cards if c.plan_item.item.deadline is not None)
    deadline = dated.plan_item.item.deadline
    assert deadline is not None
    before = ids_in(page, dated.phase)
    page.move_card(dated.id, "beyond")
    assert page.notice.isVisible()
    assert deadline.duty_id in page.notice_text.text()
    assert "cannot move" in page.notice_text.text()
    assert ids_in(page, dated.phase) == before  # nothing moved
    assert core_plan(session, demo_id).get(dated.id).item.phase == dated.phase  # type: ignore[union-attr]


def test_a_move_before_a_prerequisite_is_refused_naming_it(
    session: Session, demo_id: int, show: Show
) -> None:
    page = board(session, demo_id, show)
    assert page.board is not None
    dependent = next(
        c for c in page.board.cards
        if c.phase != "now" and c.plan_item.item.deadline is None
        and any((d := page.board.card(i)) and d.phase != "now" for i in c.plan_item.item.depends_on)
    )  # fmt: skip
    page.move_card(dependent.id, "now")
    assert "prerequisite" in page.notice_text.text()
    assert dependent.id in ids_in(page, dependent.phase)


def test_an_edited_card_survives_a_new_answer(session: Session, demo_id: int, show: Show) -> None:
    page = board(session, demo_id, show)
    card = page.columns["now"].model.cards[0]
    page._select(card.id, focus=True)
    page.edit_selected()
    dialog = page.dialog
    assert dialog is not None
    dialog.title.setText("Agree the inventory with the board")
    dialog.owner.setCurrentText("Chief Operating Officer")
    dialog.actions_edit.setPlainText("List every AI system\nName an owner for each")
    dialog._ask()
    assert page.dialog is None  # saved and closed
    session.call(lambda core: record_answer(core.store, core.library, demo_id, "GOV-05", "l1"))
    shown = page.board.card(card.id) if page.board else None
    assert shown is not None
    assert shown.plan_item.item.title == "Agree the inventory with the board"
    assert shown.plan_item.item.owner == "Chief Operating Officer"
    assert ("Edited", "accent") in marks_of(shown)
    stored = core_plan(session, demo_id).get(card.id)
    assert stored is not None
    assert stored.item.actions == ("List every AI system", "Name an owner for each")


def test_an_edit_the_core_refuses_keeps_the_dialog_open_with_the_reason(
    session: Session, demo_id: int, show: Show
) -> None:
    page = board(session, demo_id, show)
    assert page.board is not None
    dated = next(c for c in page.board.cards if c.plan_item.item.deadline is not None)
    page._select(dated.id)
    page.edit_selected()
    dialog = page.dialog
    assert dialog is not None
    dialog.phase.setCurrentIndex(3)  # Beyond: past the deadline
    dialog._ask()
    assert page.dialog is dialog
    assert dialog.isVisible()
    assert "cannot move" in dialog.problem.text()
    dialog.reject()


def test_custom_items_are_added_and_removed(session: Session, demo_id: int, show: Show) -> None:
    page = board(session, demo_id, show)
    page.add_item("later")
    dialog = page.dialog
    assert dialog is not None
    dialog.title.setText("Brief the works council on the AI policy")
    dialog.owner.setCurrentText("Chief People Officer")
    dialog._ask()
    custom = page.selected
    assert custom is not None
    assert custom.startswith("CUSTOM-")
    assert custom in ids_in(page, "later")
    assert core_plan(session, demo_id).get(custom) is not None  # the CLI's plan has it
    page.remove_selected()
    assert custom not in ids_in(page, "later")
    assert core_plan(session, demo_id).get(custom) is None


def test_a_generated_card_is_hidden_not_removed(
    session: Session, demo_id: int, show: Show, qtbot: QtBot
) -> None:
    page = board(session, demo_id, show)
    item = free_card(page, "beyond")
    page._select(item, focus=True)
    page.remove_selected()
    assert "hide it instead" in page.notice_text.text()
    qtbot.keyClick(page.columns["beyond"].list, Qt.Key.Key_H)
    assert item not in ids_in(page, "beyond")
    assert core_plan(session, demo_id).get(item).hidden  # type: ignore[union-attr]
    page.show_hidden.setChecked(True)
    assert item in ids_in(page, "beyond")


def test_filters_show_one_owner_or_one_domain(session: Session, demo_id: int, show: Show) -> None:
    page = board(session, demo_id, show)
    assert page.board is not None
    owner = page.board.owners[0]
    page.owner_filter.setCurrentIndex(page.owner_filter.findData(owner))
    shown = [c for column in page.columns.values() for c in column.model.cards]
    assert shown
    assert {c.plan_item.item.owner for c in shown} == {owner}
    assert "shown of" in " ".join(col.count.text() for col in page.columns.values())
    page.owner_filter.setCurrentIndex(0)
    domain = page.board.domains[0][0]
    page.domain_filter.setCurrentIndex(page.domain_filter.findData(domain))
    shown = [c for column in page.columns.values() for c in column.model.cards]
    assert shown
    assert {c.plan_item.item.domain for c in shown} == {domain}


def test_the_reasons_are_one_click_away_with_a_jump_to_the_question(
    session: Session, demo_id: int, show: Show, qtbot: QtBot
) -> None:
    page = board(session, demo_id, show)
    assert page.board is not None
    card = next(c for c in page.board.cards if c.reasons)
    page._select(card.id)
    reason = card.reasons[0]
    text = _details_text(page)
    assert reason.prompt in text
    assert reason.answers[0] in text
    assert f"href='question:{reason.question_id}'" in page.details.text.text()
    with qtbot.waitSignal(page.walk_requested) as jumped:
        page.details.text.linkActivated.emit(f"question:{reason.question_id}")
    assert jumped.args == [demo_id, reason.question_id]


def test_an_answer_elsewhere_redraws_the_board(session: Session, demo_id: int, show: Show) -> None:
    page = board(session, demo_id, show)
    plan_before = core_plan(session, demo_id)
    lone = next(p for p in plan_before.items if len(p.item.why) == 1 and not p.item.needed_by)
    question = lone.item.why[0].question_id
    changes = session.call(
        lambda core: record_answer(
            core.store, core.library, demo_id, question, "l5", respondent="cro"
        )
    )
    session.announce(changes, None)
    after = {c.id for c in page.board.cards} if page.board else set()
    assert after == {p.id for p in core_plan(session, demo_id).items}


def _details_text(page: RoadmapPage) -> str:
    document = QTextDocument()
    document.setHtml(page.details.text.text())
    return document.toPlainText()
