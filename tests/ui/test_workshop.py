"""Workshop mode in the app: the participants dialog, answering as a participant or for
the room from the walker's header, the room view and agreeing from it, the divergence
list and its jump, presentation mode (answers hidden until R, the keys) and the screen
it opens on. Operations run inline, so a click's effect is in the store when it returns.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from assessor.usecases.answering import record_answer, scorecard
from assessor.usecases.workshop import add_participant, participants
from tests.ui.conftest import DialogLog
from ui.main_window import MainWindow
from ui.session import Session
from ui.walker.page import WalkerPage
from ui.workshop import presentation
from ui.workshop.divergences import DivergenceDialog
from ui.workshop.model import DivergenceModel, ParticipantColumn
from ui.workshop.participants import ParticipantsDialog
from ui.workshop.presentation import PresentationWindow, presentation_screen

Show = Callable[[QWidget], QWidget]
Key = Qt.Key
#: The demo's disagreement: the risk officer says "Approved tiers", the CTO "Calibrated
#: on evidence".
SPLIT = "GOV-09"


def visible_text(root: QWidget) -> str:
    """Every text a user can see in a window: its shown labels and buttons."""
    shown = [root, *root.findChildren(QWidget)]
    return "\n".join(
        w.text() for w in shown if isinstance(w, QLabel | QAbstractButton) and w.isVisible()
    )


def people(session: Session, assessment_id: int) -> list[tuple[str, str, bool]]:
    found = session.call(lambda core: participants(core.store, assessment_id))
    return [(p.name, p.role, p.active) for p in found]


def agreed_value(session: Session, assessment_id: int, question_id: str) -> float | None:
    card = session.call(lambda core: scorecard(core.store, core.library, assessment_id))
    result = card.questions[question_id]
    return result.value if result.agreed else None


@pytest.fixture
def walker(session: Session, show: Show, qtbot: QtBot) -> Callable[..., WalkerPage]:
    def open_(assessment_id: int, question_id: str | None = None) -> WalkerPage:
        page = WalkerPage(session)
        show(page)
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        page.open(assessment_id, question_id)
        return page

    return open_


@pytest.fixture
def room(session: Session, demo_id: int) -> int:
    """The demo with a third participant who has answered the split question."""

    def seed(core: object) -> None:
        store, library = core.store, core.library  # type: ignore[attr-defined]
        key = add_participant(store, demo_id, "Priya Natarajan", "CISO").value
        record_answer(store, library, demo_id, SPLIT, "l2", key, note="Security sees no tiers")
        record_answer(store, library, demo_id, "DAT-08", "l5", key)

    session.call(seed)
    return demo_id


@pytest.fixture
def window(session: Session, qtbot: QtBot) -> Iterator[MainWindow]:
    made = MainWindow(session)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    yield made
    if made.workshop.presentation is not None:
        made.workshop.presentation.close()


# --- participants --------------------------------------------------------------------------


def test_participants_are_added_renamed_removed_and_brought_back(
    session: Session, demo_id: int, show: Show, qtbot: QtBot, dialog_log: DialogLog
) -> None:
    dialog = ParticipantsDialog(session, demo_id, "Northwind")
    show(dialog)
    assert dialog.model.rowCount() == 2
    qtbot.keyClicks(dialog.name_edit, "Priya Natarajan")
    qtbot.keyClicks(dialog.role_edit, "CISO")
    qtbot.keyClick(dialog.role_edit, Key.Key_Return)
    assert people(session, demo_id)[-1] == ("Priya Natarajan", "CISO", True)
    assert dialog.name_edit.text() == ""
    assert dialog.selected is not None
    assert dialog.selected.name == "Priya Natarajan"
    assert "3 participants" in dialog.count.text()

    # The same name again is refused under the form, in the core's words.
    qtbot.keyClicks(dialog.name_edit, "jonas weber")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible()
    assert "already a participant called Jonas Weber" in dialog.problem.text()
    assert len(people(session, demo_id)) == 3

    # Renamed and re-roled in place (what the table's editor commits).
    row = dialog.model.row_of("cto")
    dialog.model.setData(dialog.model.index(row, ParticipantColumn.ROLE), "CIO")
    assert people(session, demo_id)[1] == ("Jonas Weber", "CIO", True)
    assert dialog.model.index(row, ParticipantColumn.ROLE).data() == "CIO"

    # Removed, after asking: the row stays, marked, with its answer; then brought back.
    dialog.select("cto")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "Their 1 answer stay" in dialog_log.confirmed[-1]
    assert people(session, demo_id)[1] == ("Jonas Weber", "CIO", False)
    row = dialog.model.row_of("cto")
    assert dialog.model.index(row, ParticipantColumn.ANSWERED).data() == "1 answer · removed"
    assert dialog.restore_button.isVisible()
    assert not dialog.remove_button.isVisible()
    history = session.call(lambda core: core.store.history(demo_id, SPLIT))
    assert [r.respondent for r in history] == ["cro", "cto"]  # the history keeps it
    assert session.undo_text == "removal of Jonas Weber"
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert people(session, demo_id)[1][2] is True
    dialog.close()


def test_a_removal_asked_and_declined_changes_nothing(
    session: Session, demo_id: int, show: Show, qtbot: QtBot, dialog_log: DialogLog
) -> None:
    dialog_log.confirm_answer = False
    dialog = ParticipantsDialog(session, demo_id)
    show(dialog)
    dialog.select("cto")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert people(session, demo_id)[1][2] is True
    dialog.close()


# --- answering as ------------------------------------------------------------------------


def test_the_walker_answers_as_the_participant_or_for_the_room(
    session: Session, demo_id: int, walker: Callable[..., WalkerPage], qtbot: QtBot
) -> None:
    page = walker(demo_id, SPLIT)
    combo = page.answering.combo
    assert combo.isVisible()
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items[:3] == ["Amélie Laurent", "Jonas Weber", "Agreed (facilitator)"]
    assert items[-1] == "Participants…"  # the dialog, from the list itself
    assert combo.currentText().startswith("Amélie Laurent")
    assert page.view.cards.shown_cards[2].isChecked()  # her "Approved tiers"

    assert page.answering.choose("cto")
    assert page.current == SPLIT
    assert page.view.cards.shown_cards[4].isChecked()  # his "Calibrated on evidence"
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_4)  # the keys answer for him
    stored = session.call(lambda core: core.store.latest_answer(demo_id, SPLIT, "cto"))
    assert stored is not None
    assert json.loads(stored[0]) == "l4"

    page.show_question(SPLIT)
    assert page.answering.choose("", agreed=True)
    assert not any(card.isChecked() for card in page.view.cards.shown_cards)  # none yet
    assert not page.view.flag.isVisible()  # agreed answers carry no flag
    assert "questions agreed" in page.subtitle.text()
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_2)
    assert agreed_value(session, demo_id, SPLIT) == 0.25  # scoring uses the agreed answer
    assert session.undo_text == "agreed answer to GOV-09"


def test_answering_as_someone_removed_meanwhile_moves_to_someone_present(
    session: Session, demo_id: int, walker: Callable[..., WalkerPage], qtbot: QtBot
) -> None:
    from assessor.usecases.workshop import remove_participant

    page = walker(demo_id, SPLIT)
    page.answering.choose("cto")
    session.op(lambda core: remove_participant(core.store, core.library, demo_id, "cto")).run()
    qtbot.waitUntil(lambda: page.sheet is not None and page.sheet.respondent == "cro")
    combo = page.answering.combo
    assert "Jonas Weber" not in [combo.itemText(i) for i in range(combo.count())]


def test_without_participants_the_header_offers_to_start_a_workshop(
    session: Session, walker: Callable[..., WalkerPage]
) -> None:
    from assessor.content.context import AssessmentContext
    from assessor.exchange.assessment_file import Client
    from assessor.usecases.assessments import create_assessment

    new = session.call(
        lambda core: create_assessment(
            core.store, core.library, Client(name="Acme"), "Solo", AssessmentContext()
        )
    ).value
    page = walker(new)
    assert not page.answering.combo.isVisible()
    assert not page.answering.room.isVisible()
    assert page.answering.participants.isVisible()


# --- the room view ------------------------------------------------------------------------


def test_the_room_view_shows_every_answer_the_notes_and_the_spread(
    room: int, walker: Callable[..., WalkerPage]
) -> None:
    page = walker(room, SPLIT)
    qtbot_click = page.answering.room
    qtbot_click.click()  # the header's "Room view"
    assert page.room.isVisible()
    assert not page.panel.isVisible()  # in place of the domain panel
    said = {card.name.text(): card.text.text() for card in page.room.cards}
    assert said == {
        "Amélie Laurent": "Approved tiers",
        "Jonas Weber": "Calibrated on evidence",
        "Priya Natarajan": "Draft tiers",
    }
    text = visible_text(page.room)
    assert "Spread 0.75 (3 levels apart) · the room disagrees" in text
    assert "“Tiers exist on paper; teams use them for new projects only.”" in text
    assert "“Security sees no tiers”" in text
    assert "3 of 3 answered" in text
    assert "No agreed answer yet: scoring uses the mean, 0.58." in text
    page.go_next()  # the room follows the walker
    assert page.room.question_id == page.current != SPLIT


def test_agreeing_from_the_room_view_is_what_scoring_uses(
    session: Session, room: int, walker: Callable[..., WalkerPage], qtbot: QtBot
) -> None:
    page = walker(room, SPLIT)
    page.set_room_visible(True)
    jonas = page.room.card_of("Jonas Weber")
    assert jonas is not None
    assert jonas.agree_button is not None
    qtbot.mouseClick(jonas.agree_button, Qt.MouseButton.LeftButton)
    assert agreed_value(session, room, SPLIT) == 1.0
    assert page.room.agreed_text.text() == "Calibrated on evidence"
    jonas = page.room.card_of("Jonas Weber")
    assert jonas is not None
    assert jonas.agree_button is None
    assert "Agreed" in visible_text(jonas)

    # Any option, from "Agree on…"; then cleared: back to the mean.
    draft = next(a for a in page.room.pick_menu.actions() if a.text() == "2. Draft tiers")
    draft.trigger()
    assert agreed_value(session, room, SPLIT) == 0.25
    assert page.room.agreed_text.text() == "Draft tiers"
    qtbot.mouseClick(page.room.clear, Qt.MouseButton.LeftButton)
    assert agreed_value(session, room, SPLIT) is None
    assert page.room.agreed_text.text() == "None yet"
    session.undo()  # the clearing taken back
    assert agreed_value(session, room, SPLIT) == 0.25


# --- the divergence list ------------------------------------------------------------------


def test_the_divergence_list_puts_the_widest_spread_first(session: Session, room: int) -> None:
    from assessor.usecases.workshop import divergences

    model = DivergenceModel()
    model.set_divergences(session.call(lambda core: divergences(core.store, core.library, room)))
    rows = [(model.index(r, 0).data(), model.question_id(r)) for r in range(model.rowCount())]
    assert rows == [("0.75", SPLIT), ("0.75", "DAT-08")]  # equal: in the order asked
    assert model.index(0, 2).data() == (
        "Amélie Laurent: Approved tiers\nJonas Weber: Calibrated on evidence\n"
        "Priya Natarajan: Draft tiers"
    )
    assert model.index(0, 3).data() == "Not yet"


def test_a_divergence_opens_in_the_walker_with_the_room_view(
    session: Session, room: int, window: MainWindow, qtbot: QtBot
) -> None:
    window.open_walker(room)
    window.workshop.divergences_action.trigger()  # Workshop › Where the room disagrees…
    dialog = window.workshop.divergence_dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    dialog.table.selectRow(1)  # DAT-08
    qtbot.keyClick(dialog.table, Key.Key_Return)
    assert not dialog.isVisible()
    assert window.stack.currentWidget() is window.walker
    assert window.walker.current == "DAT-08"
    assert window.walker.room.isVisible()
    assert window.walker.room.question_id == "DAT-08"


def test_the_divergence_list_says_when_the_room_agrees(
    session: Session, demo_id: int, show: Show
) -> None:
    session.call(lambda core: record_answer(core.store, core.library, demo_id, SPLIT, "l3", "cto"))
    dialog = DivergenceDialog(session, demo_id)
    show(dialog)
    assert dialog.stack.currentWidget() is dialog.empty
    assert "same answers" in dialog.empty.text()
    assert not dialog.go.isEnabled()
    dialog.close()


# --- presentation mode --------------------------------------------------------------------


@pytest.fixture
def presenting(session: Session, room: int, show: Show) -> Iterator[PresentationWindow]:
    shown = PresentationWindow(session, room, SPLIT)
    show(shown)
    shown.setFocus()
    yield shown
    shown.close()


def test_the_answers_stay_hidden_until_r(presenting: PresentationWindow, qtbot: QtBot) -> None:
    names = ("Amélie Laurent", "Jonas Weber", "Priya Natarajan")
    before = visible_text(presenting)
    assert presenting.prompt.text().startswith("Does the organisation sort AI uses")
    assert "Approved tiers" in before  # the options are shown, with their keys
    assert not any(name in before for name in names)  # nobody's answer
    assert "Spread" not in before
    assert "3 of 3 have answered" in before
    qtbot.keyClick(presenting, Key.Key_R)
    after = visible_text(presenting)
    assert all(name in after for name in names)
    assert "Spread 0.75 (3 levels apart) · the room disagrees" in after
    assert "Calibrated on evidence" in [card.findChildren(QLabel)[-1].text()
                                        for card in presenting.cards]  # fmt: skip
    qtbot.keyClick(presenting, Key.Key_R)  # hidden again
    assert not any(name in visible_text(presenting) for name in names)


def test_next_hides_again_and_the_keys_agree(
    session: Session, room: int, presenting: PresentationWindow, qtbot: QtBot
) -> None:
    qtbot.keyClick(presenting, Key.Key_R)
    qtbot.keyClick(presenting, Key.Key_Right)
    assert presenting.question_id != SPLIT
    assert not presenting.revealed
    assert "Amélie Laurent" not in visible_text(presenting)
    qtbot.keyClick(presenting, Key.Key_Left)
    assert presenting.question_id == SPLIT
    qtbot.keyClick(presenting, Key.Key_3)  # agree on option 3
    assert agreed_value(session, room, SPLIT) == 0.5
    assert presenting.status.text() == "Agreed: Approved tiers"
    row, _raw = presenting.rows[2]
    assert row.agreed.isVisible()
    qtbot.keyClick(presenting, Key.Key_A)  # the majority needs the answers shown first
    assert presenting.status.text() == "Reveal the answers first (R)."
    qtbot.keyClick(presenting, Key.Key_R)
    qtbot.keyClick(presenting, Key.Key_A)
    assert presenting.status.text() == "No majority: agree on an option with 1–9."
    session.call(
        lambda core: record_answer(core.store, core.library, room, SPLIT, "l5", "priya-natarajan")
    )
    presenting.go_to(SPLIT, reveal=True)
    qtbot.keyClick(presenting, Key.Key_A)  # two of three said l5
    assert agreed_value(session, room, SPLIT) == 1.0
    qtbot.keyClick(presenting, Key.Key_Escape)
    assert not presenting.isVisible()


@pytest.mark.parametrize(
    ("screens", "facilitator", "chosen"),
    [
        (["laptop"], "laptop", "laptop"),
        (["laptop", "projector"], "laptop", "projector"),
        (["projector", "laptop"], "laptop", "projector"),
        (["laptop", "projector", "tv"], "projector", "laptop"),
        (["laptop", "projector"], None, "laptop"),
        ([], None, None),
    ],
)
def test_the_presentation_screen_is_not_the_facilitators(
    screens: list[str], facilitator: str | None, chosen: str | None
) -> None:
    assert presentation_screen(screens, facilitator) == chosen


def test_f11_presents_on_the_second_screen_and_esc_leaves(
    session: Session, room: int, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = window.screen()
    second = object()  # a projector: the test's platform has one screen
    monkeypatch.setattr(
        presentation.QGuiApplication, "screens", staticmethod(lambda: [mine, second])
    )
    placed: list[object] = []
    monkeypatch.setattr(
        PresentationWindow, "show_on", lambda self, screen: (placed.append(screen), self.show())
    )
    window.open_walker(room, SPLIT)
    qtbot.keyClick(window, Key.Key_F11)
    shown = window.workshop.presentation
    assert shown is not None
    assert shown.isVisible()
    assert placed == [second]  # the facilitator's window stays on the first
    assert shown.question_id == SPLIT  # where the walker was
    qtbot.keyClick(shown, Key.Key_Right)
    assert window.walker.current == shown.question_id  # the walker follows
    qtbot.keyClick(shown, Key.Key_Escape)
    assert not shown.isVisible()


def test_presenting_fills_the_only_screen(session: Session, room: int, qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    shown = PresentationWindow(session, room, SPLIT)
    qtbot.addWidget(shown)
    shown.present(None)
    assert shown.isFullScreen()
    assert shown.screen() is QGuiApplication.primaryScreen()
    assert shown.prompt.text().startswith("Does the organisation sort AI uses")
    shown.close()
