"""The questionnaire walker: answering by keyboard and by mouse, conditions revealing
questions, undo and redo, flags, notes, the history, the live score, and text that never
clips. Operations run inline, so a key's effect is in the store when the key returns."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from assessor.content.context import AssessmentContext
from assessor.exchange.assessment_file import Client
from assessor.library.frameworks import FrameworkIndex
from assessor.library.questionnaires import load_content
from assessor.usecases.answering import answer_sheet, record_answer
from assessor.usecases.assessments import create_assessment
from tests.conftest import EXAMPLE
from tests.ui.conftest import DialogLog
from ui.session import Session
from ui.walker.history_dialog import AnswerHistoryDialog
from ui.walker.page import WalkerPage, screens
from ui.walker.tree_model import FLAGGED_ROLE, NEW_ROLE, PROGRESS_ROLE, QuestionTreeModel

Show = Callable[[QWidget], QWidget]
Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def example_id(session: Session, frameworks: FrameworkIndex) -> int:
    """A fresh assessment over the example questionnaire (every question type, and EX-04
    asked only when EX-01 is answered below 0.5), for an EU commercial client."""
    loaded = load_content([EXAMPLE], frameworks).loaded[0]
    context = AssessmentContext(sector="commercial", regions=["EU"])
    changes = session.call(
        lambda core: create_assessment(
            core.store, core.library, Client(name="Acme"), "Review", context, [loaded]
        )
    )
    return int(changes.value)


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


def stored(session: Session, assessment_id: int) -> dict[str, tuple[object, str, bool]]:
    """The current (answer, note, flagged) of each question, as the store holds them."""
    records = session.call(lambda core: core.store.current_responses(assessment_id))
    return {r.question_id: (json.loads(r.answer), r.note, r.flagged) for r in records}


def press(key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed wherever the keyboard focus is, as a user would."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QtBot.keyClick(target, key, modifier)


def type_text(text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QtBot.keyClicks(target, text)


def test_every_question_can_be_answered_by_keyboard_alone(
    walker: Callable[..., WalkerPage], session: Session, example_id: int
) -> None:
    page = walker(example_id)
    assert page.current == "EX-01"
    assert "EX-04" not in page.tree_model.shown_question_ids()

    press(Key.Key_1)  # "No owner": below 0.5, so EX-04 is asked too
    assert page.current == "EX-02"
    assert "EX-04" in page.tree_model.shown_question_ids()
    assert page.notice.isVisible()
    assert page.notice_text.text() == "1 question added by your answer."

    type_text("Claims triage")  # the text field has the keyboard
    press(Key.Key_Return, CTRL)
    assert page.current == "EX-03"

    press(Key.Key_1)  # multi: digits tick, Enter goes on
    press(Key.Key_2)
    press(Key.Key_Return)
    assert page.current == "EX-04"
    assert not page.notice.isVisible()  # the next answer ends the notice

    press(Key.Key_2)
    assert page.current == "EX-05"
    type_text("3")
    press(Key.Key_Return)
    assert page.current == "EX-06"
    press(Key.Key_3)

    assert stored(session, example_id) == {
        "EX-01": ("none", "", False),
        "EX-02": ("Claims triage", "", False),
        "EX-03": (["input", "output"], "", False),
        "EX-04": ("partial", "", False),
        "EX-05": (3, "", False),
        "EX-06": ("own", "", False),
    }
    assert page.current == "EX-06"  # the last question: nowhere further to go
    assert "last question" in page.end_text.text()
    assert page.subtitle.text() == "6 of 6 questions answered"


def test_a_card_click_saves_shows_saved_and_moves_on(
    walker: Callable[..., WalkerPage], session: Session, qtbot: QtBot, example_id: int
) -> None:
    page = walker(example_id)
    card = page.view.cards.shown_cards[2]
    assert card.objectName() == "optionCard"
    assert card.label.text() == "Named owner"
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert stored(session, example_id)["EX-01"] == ("named", "", False)
    assert page.current == "EX-02"
    assert page.save_state.objectName() == "saved"
    assert page.save_state.text().startswith("Saved ")


def test_an_answer_reveals_a_question_and_another_hides_it(
    walker: Callable[..., WalkerPage], example_id: int
) -> None:
    page = walker(example_id)
    press(Key.Key_2)  # "Informal owner" (0.25) asks EX-04
    assert page.tree_model.shown_question_ids() == [f"EX-0{n}" for n in range(1, 7)]
    new = page.tree_model.index_of_question("EX-04")
    assert new.data(NEW_ROLE) is True
    press(Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.current == "EX-01"
    press(Key.Key_5)  # "Owner reviewed" no longer asks it
    assert "EX-04" not in page.tree_model.shown_question_ids()
    assert page.notice_text.text() == "1 question no longer applies."


def test_undo_and_redo_restore_the_answers(
    walker: Callable[..., WalkerPage], session: Session, example_id: int
) -> None:
    page = walker(example_id)
    press(Key.Key_3)
    press(Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    press(Key.Key_4)
    assert stored(session, example_id)["EX-01"][0] == "empowered"

    press(Key.Key_Z, CTRL)
    assert stored(session, example_id)["EX-01"][0] == "named"
    assert page.current == "EX-01"  # the question undone is shown
    assert [c.isChecked() for c in page.view.cards.shown_cards] == [0, 0, 1, 0, 0]

    press(Key.Key_Z, CTRL | SHIFT)
    assert stored(session, example_id)["EX-01"][0] == "empowered"
    assert page.view.cards.shown_cards[3].isChecked()


def test_ctrl_f_flags_the_question(
    walker: Callable[..., WalkerPage], session: Session, example_id: int
) -> None:
    page = walker(example_id)
    press(Key.Key_1)
    press(Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    press(Key.Key_F, CTRL)
    assert stored(session, example_id)["EX-01"] == ("none", "", True)
    assert page.view.flag.isChecked()
    assert page.tree_model.index_of_question("EX-01").siblingAtColumn(1).data(FLAGGED_ROLE)


def test_a_note_is_saved_with_the_answer_and_needs_one(
    walker: Callable[..., WalkerPage], session: Session, qtbot: QtBot, example_id: int
) -> None:
    page = walker(example_id)
    note = page.view.note
    note.setFocus()
    type_text("Owner named in the charter 12")  # digits type in a note: no answer given
    assert page.current == "EX-01"
    page.view.setFocus()  # leaving the field saves the note, but there is no answer
    assert "saved with an answer" in page.view.note_hint.text()
    assert page.view.note_hint.isVisibleTo(page)
    assert "EX-01" not in stored(session, example_id)

    press(Key.Key_3)  # the answer carries the note typed before it
    assert stored(session, example_id)["EX-01"] == (
        "named",
        "Owner named in the charter 12",
        False,
    )
    press(Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    note.setFocus()
    type_text(", signed")
    qtbot.waitUntil(
        lambda: stored(session, example_id)["EX-01"][1] == "Owner named in the charter 12, signed",
        timeout=3000,
    )  # saved after a short pause in typing


def test_the_history_lists_each_change_by_label(
    walker: Callable[..., WalkerPage], session: Session, qtbot: QtBot, example_id: int
) -> None:
    page = walker(example_id)
    press(Key.Key_1)
    press(Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    press(Key.Key_3)
    press(Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.mouseClick(page.view.history, Qt.MouseButton.LeftButton)
    dialog = page.history_dialog
    assert isinstance(dialog, AnswerHistoryDialog)
    assert dialog.isVisible()
    model = dialog.model
    rows = [
        [model.index(row, column).data() for column in range(1, 5)]
        for row in range(model.rowCount())
    ]
    assert rows == [["You", "Named owner", "", ""], ["You", "No owner", "", ""]]
    assert model.index(0, 0).data().startswith("Today, ")
    dialog.reject()
    assert not dialog.isVisible()


def test_the_history_names_respondents_and_special_answers(
    session: Session, example_id: int, qtbot: QtBot
) -> None:
    for raw in ("dont_know", None, "n/a"):
        session.call(
            lambda core, raw=raw: record_answer(core.store, core.library, example_id, "EX-04", raw)
        )
    session.call(
        lambda core: record_answer(
            core.store, core.library, example_id, "EX-04", "yes", respondent="cfo", flagged=True
        )
    )
    sheet = session.call(lambda core: answer_sheet(core.store, core.library, example_id))
    question = next(q for q in sheet.questionnaires[0].questions if q.id == "EX-04")
    dialog = AnswerHistoryDialog(session, example_id, question, sheet.respondents)
    qtbot.addWidget(dialog)
    column = [dialog.model.index(row, 2).data() for row in range(dialog.model.rowCount())]
    assert column == ["Yes", "Not applicable", "Cleared", "Don't know"]
    assert dialog.model.index(0, 1).data() == "cfo"  # joined mid-workshop: named by key
    assert dialog.model.index(0, 4).data() == "Flagged"


def test_the_side_panel_follows_each_answer(
    walker: Callable[..., WalkerPage], example_id: int
) -> None:
    page = walker(example_id)
    assert page.panel.title.text() == "Guardrails & Safety Engineering"
    assert page.panel.score.text() == "–"
    press(Key.Key_5)  # the best answer, weight 2
    assert page.panel.score.text() == "100"
    assert page.panel.level.text() == "Level 5 · Leading"
    press(Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    press(Key.Key_3)
    assert page.panel.score.text() == "50"
    assert page.panel.delta.text() == "Down 50 with your last answer"
    assert page.panel.progress.value() > 0


def test_digits_type_in_a_number_field_and_enter_saves_it(
    walker: Callable[..., WalkerPage], session: Session, example_id: int
) -> None:
    page = walker(example_id, "EX-05")
    assert page.current == "EX-05"
    assert page.view.number.field.text() == ""  # unanswered: no made-up number
    type_text("12")
    assert page.current == "EX-05"
    press(Key.Key_Enter)
    assert stored(session, example_id)["EX-05"][0] == 12
    assert page.current == "EX-06"


def test_the_tree_model_updates_in_place(session: Session, example_id: int, qtbot: QtBot) -> None:
    model = QuestionTreeModel()
    sheet = session.call(lambda core: answer_sheet(core.store, core.library, example_id))
    model.set_sheet(sheet)
    (questionnaire,) = [model.index(0, 0)]
    assert questionnaire.data() == "Generative AI Pilot Check"
    assert model.index(0, 1).data(PROGRESS_ROLE) == (0, 5)
    sections = [model.index(row, 1, questionnaire).data() for row in range(2)]
    assert sections == ["0/2", "0/3"]

    session.call(lambda core: record_answer(core.store, core.library, example_id, "EX-01", "none"))
    session.call(
        lambda core: record_answer(core.store, core.library, example_id, "EX-02", "Claims")
    )
    answered = session.call(lambda core: answer_sheet(core.store, core.library, example_id))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsInserted) as seen:
        update = model.set_sheet(answered)
    assert update.added == ("EX-04",)
    parent, first, last = seen.args
    assert (model.data(parent), first, last) == ("Controls", 1, 1)
    assert model.index(0, 1, questionnaire).data() == "2/2 ✓"
    assert model.index(0, 1).data() == "2/6"


def test_long_descriptors_are_never_clipped(
    walker: Callable[..., WalkerPage], demo_id: int, qtbot: QtBot
) -> None:
    page = walker(demo_id)
    walk = page.walk
    assert walk is not None
    longest = sorted(
        walk.applicable_steps(),
        key=lambda s: -max((len(o.descriptor) for o in s.question.options), default=0),
    )[:3]
    for width in (1200, 900):
        page.resize(width, 800)
        for step in longest:  # the same cards refilled with other text each time
            page.show_question(step.question_id)
            qtbot.wait(20)
            assert page.width() == width
            for card in page.view.cards.shown_cards:
                for label in card.findChildren(QLabel):
                    if label.isVisibleTo(card) and label.wordWrap():
                        needed = label.heightForWidth(label.width())
                        assert label.height() >= needed, (width, label.text()[:40])
                inner = card.layout()
                assert inner is not None
                assert card.height() >= inner.totalHeightForWidth(card.width())


def test_header_buttons_ask_for_results_and_home(
    walker: Callable[..., WalkerPage], example_id: int, qtbot: QtBot
) -> None:
    page = walker(example_id)
    with qtbot.waitSignal(page.results_requested) as asked:
        qtbot.mouseClick(page.results_button, Qt.MouseButton.LeftButton)
    assert asked.args == [example_id]
    with qtbot.waitSignal(page.home_requested):
        qtbot.mouseClick(page.home_button, Qt.MouseButton.LeftButton)


def test_choosing_a_question_in_the_tree_shows_it(
    walker: Callable[..., WalkerPage], example_id: int
) -> None:
    page = walker(example_id)
    index = page.tree_model.index_of_question("EX-05")
    page.tree.setCurrentIndex(index)
    assert page.current == "EX-05"
    assert page.view.prompt.text().startswith("How many days")
    assert page.tree_model.index_of_question("EX-04") == QModelIndex()


def test_screens_show_every_kind_of_question(
    session: Session, demo_id: int, dialog_log: DialogLog
) -> None:
    shown = {}
    for name, widget in screens(session, demo_id):
        shown[name] = widget
        if isinstance(widget, WalkerPage):
            assert widget.current is not None
    assert {"walker-maturity", "walker-multi", "walker-number", "walker-text"} <= set(shown)
    assert "walker-history" in shown
    for widget in shown.values():
        widget.close()
    assert not dialog_log.errors


def test_zero_is_dont_know_and_n_is_not_applicable(
    walker: Callable[..., WalkerPage], session: Session, example_id: int
) -> None:
    page = walker(example_id)
    press(Key.Key_1)  # asks EX-04, which allows "not applicable"
    page.show_question("EX-04")
    press(Key.Key_N)
    assert stored(session, example_id)["EX-04"][0] == "n/a"
    assert page.current == "EX-05"
    press(Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.view.minor.not_applicable.isChecked()
    press(Key.Key_0)
    assert stored(session, example_id)["EX-04"][0] == "dont_know"
    page.show_question("EX-06")  # no "not applicable" here: N does nothing
    press(Key.Key_N)
    assert "EX-06" not in stored(session, example_id)


def test_long_guidance_opens_short_with_read_more(
    walker: Callable[..., WalkerPage], demo_id: int, qtbot: QtBot
) -> None:
    page = walker(demo_id, "CMP-02")
    view = page.view
    assert view.more.isVisible()
    assert len(view.guidance.text()) < 400
    qtbot.mouseClick(view.more, Qt.MouseButton.LeftButton)
    assert len(view.guidance.text()) > 1000
    assert view.more.text() == "Show less"


def test_a_change_made_elsewhere_is_shown(
    walker: Callable[..., WalkerPage], session: Session, example_id: int
) -> None:
    page = walker(example_id)
    session.op(
        lambda core: record_answer(core.store, core.library, example_id, "EX-01", "reviewed"),
        source=None,
    ).run()
    assert page.view.cards.shown_cards[4].isChecked()
    assert page.subtitle.text() == "1 of 5 questions answered"


def test_quick_keys_on_the_real_worker_move_once_and_keep_the_last_answer(
    threaded_session: Session, frameworks: FrameworkIndex, show: Show, qtbot: QtBot
) -> None:
    session = threaded_session
    loaded = load_content([EXAMPLE], frameworks).loaded[0]
    context = AssessmentContext(sector="commercial", regions=["EU"])
    example = session.call(
        lambda core: create_assessment(
            core.store, core.library, Client(name="Acme"), "Review", context, [loaded]
        )
    ).value
    page = WalkerPage(session)
    show(page)
    page.open(example)
    qtbot.waitUntil(lambda: page.current == "EX-01")
    page.pick(1)
    assert page.save_state.text() == "Saving…"
    page.pick(3)  # before the first save came back
    qtbot.waitUntil(lambda: page.save_state.objectName() == "saved" and not session.worker.busy)
    assert page.current == "EX-02"
    assert stored(session, example)["EX-01"][0] == "named"
    page.show_question("EX-05")
    type_text("4")
    page.go_next()
    page.go_next()  # Enter twice: one save, and the number stays on its question
    qtbot.waitUntil(lambda: page.current == "EX-06" and not session.worker.busy)
    answers = stored(session, example)
    assert answers["EX-05"][0] == 4
    assert "EX-06" not in answers


def test_maturity_questions_state_the_rule_for_choosing_a_level(
    walker: Callable[..., WalkerPage], example_id: int
) -> None:
    page = walker(example_id, "EX-01")
    assert page.view.level_rule.isVisible()
    assert "highest level whose every statement is true today" in page.view.level_rule.text()
    page.show_question("EX-05")  # a number question has no levels
    assert not page.view.level_rule.isVisible()
