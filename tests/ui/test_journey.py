"""The whole journey of a first-time user, by keyboard only: a new assessment through the
wizard, every question of the questionnaire answered (one answer makes a question appear),
an undo and a redo, the results; then the app closed, reopened, and everything still there.

The content is the example questionnaire (every question type, and EX-04 asked only when
EX-01 is answered below 0.5), so that the journey does not move with the bundled content.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor.content.questionnaire import QuestionType
from assessor.paths import AppPaths
from ui.main_window import MainWindow
from ui.session import Session

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def paths(tmp_path: Path, content_dir: Path) -> AppPaths:
    return AppPaths(data_dir=tmp_path / "data", content_dir=content_dir)


@pytest.fixture
def open_app(qtbot: QtBot, paths: AppPaths) -> Iterator[type[MainWindow]]:
    sessions: list[Session] = []

    def open_() -> MainWindow:
        session = Session(paths, inline=True)
        sessions.append(session)
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.start()
        return window

    yield open_  # type: ignore[misc]
    for session in sessions:
        session.close()


def press(key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QtBot.keyClick(target, key, modifier)
    QApplication.processEvents()


def type_text(text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QtBot.keyClicks(target, text)


def stored(window: MainWindow, assessment_id: int) -> dict[str, object]:
    records = window.session.call(lambda core: core.store.current_responses(assessment_id))
    return {r.question_id: json.loads(r.answer) for r in records}


def test_a_first_assessment_from_start_to_results_and_back(
    open_app: type[MainWindow], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*_args: object) -> None:
        raise AssertionError("the app tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)  # offline, all the way
    monkeypatch.setattr(socket, "create_connection", no_network)
    window = open_app()
    assert window.home.model.assessment_count() == 1  # the sample, on a first start

    # The wizard, by keyboard: a name, then Enter through the pages; Enter creates.
    press(Key.Key_N, CTRL)
    wizard = window.wizard
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.client_page.name_edit)
    type_text("Harbour Line Insurance")
    for _page in range(4):
        press(Key.Key_Return)
    assert wizard.currentId() == wizard.SUMMARY
    press(Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.walker)
    walker = window.walker
    assessment = walker.assessment_id
    assert walker.current_question_id == "EX-01"

    # EX-01 answered "informal" (below 0.5): EX-04 appears, and the tree says so.
    assert "EX-04" not in walker.tree_model.shown_question_ids()
    press(Key.Key_2)
    assert "EX-04" in walker.tree_model.shown_question_ids()
    assert walker.notice.isVisible()
    assert "added by your answer" in walker.notice_text.text()

    # Every other question, each in its natural control.
    answered = {"EX-01"}
    while walker.current_question_id not in answered:
        qid = walker.current_question_id
        assert qid is not None
        kind = next(
            q.type for qn in walker.sheet.questionnaires for q in qn.questions if q.id == qid
        )
        if kind == QuestionType.TEXT:
            type_text("A named owner in each business unit.")
            press(Key.Key_Return, CTRL)
        elif kind == QuestionType.NUMBER:
            type_text("4")
            press(Key.Key_Return)
        elif kind == QuestionType.MULTI:
            press(Key.Key_1)
            press(Key.Key_Return)
        else:
            press(Key.Key_2)
        answered.add(qid)
        if window.stack.currentWidget() is not walker:
            break  # Enter on the last question opened the results
    kept = stored(window, assessment)
    assert set(kept) == answered
    assert "EX-04" in kept

    # Undo takes the last answer back, redo puts it again.
    window.open_walker(assessment, "EX-01")
    press(Key.Key_3)  # informal -> named: EX-04 no longer applies
    assert stored(window, assessment)["EX-01"] == "named"
    press(Key.Key_Z, CTRL)  # in the text field of EX-02: the answer, not the typing
    assert stored(window, assessment)["EX-01"] == "informal"
    press(Key.Key_Z, CTRL | SHIFT)
    assert stored(window, assessment)["EX-01"] == "named"

    # The results, from the keyboard.
    press(Key.Key_3, CTRL)
    assert window.stack.currentWidget() is window.results
    before = window.session.call(lambda core: core.store.list_assessments())
    mine = next(a for a in before if a.id == assessment)
    assert mine.completeness == 1.0

    # Close, reopen: the list, the answers and the scores are all still there.
    window.close()
    again = open_app()
    after = {a.id: a for c in again.home.model.clients for a in c.assessments}
    assert after[assessment].overall_score == mine.overall_score
    assert after[assessment].completeness == 1.0
    assert stored(again, assessment) == stored(window, assessment)
    again.open_walker(assessment)
    assert again.walker.sheet.answers["EX-01"].raw == "named"
