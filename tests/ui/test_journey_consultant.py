"""A consultant's end of the day, in the app only: from the results to the roadmap board,
a card moved and one re-owned, an item of their own added, then a password-protected PDF
exported and previewed on screen. The report holds the agreed plan, and so does the
command line's `assessor roadmap`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor.exchange.json_views import plan_json
from assessor.usecases.roadmap_edits import plan_for
from ui.export import locations
from ui.main_window import MainWindow
from ui.session import Session

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(session: Session, demo_id: int, qtbot: QtBot) -> Iterator[MainWindow]:
    opened = MainWindow(session)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    opened.activateWindow()
    qtbot.waitUntil(opened.isActiveWindow)
    opened.start()
    opened.open_results(demo_id)
    yield opened
    dialog = opened.files.report_dialog
    if dialog is not None:
        dialog.wait()
        dialog.done(0)


def test_from_the_results_to_an_agreed_roadmap_and_a_protected_pdf(
    window: MainWindow, session: Session, demo_id: int, qtbot: QtBot, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    qtbot.mouseClick(window.results.roadmap_button, Qt.MouseButton.LeftButton)
    board = window.roadmap
    assert window.stack.currentWidget() is board
    assert board.board is not None

    # A card with nothing tying it down goes from Beyond to Later, by keyboard.
    free = next(
        c for c in board.board.phase("beyond")
        if not c.plan_item.item.depends_on and not c.plan_item.item.needed_by
    )  # fmt: skip
    board._select(free.id, focus=True)
    qtbot.keyClick(board.columns["beyond"].list, Qt.Key.Key_Left, CTRL)
    assert free.id in [c.id for c in board.columns["later"].model.cards]

    # Its owner is agreed in the room, through the edit dialog (Enter).
    qtbot.keyClick(board.columns["later"].list, Qt.Key.Key_Return)
    dialog = board.dialog
    assert dialog is not None
    dialog.owner.setCurrentText("Chief Operating Officer")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert board.dialog is None

    # And the client adds an item of its own.
    board.add_item("now")
    dialog = board.dialog
    assert dialog is not None
    dialog.title.setText("Brief the supervisory board on the AI roadmap")
    dialog.owner.setCurrentText("Chief Executive Officer")
    dialog._ask()
    custom = board.selected
    assert custom is not None
    assert custom.startswith("CUSTOM-")

    # The report, protected, with its preview on screen.
    target = tmp_path / "Northwind roadmap.pdf"
    monkeypatch.setattr(locations, "choose_save_path", lambda *_a: (target, ""))
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    export = window.files.report_dialog
    assert export is not None
    qtbot.mouseClick(export.choose_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(export.password_edit, "board-2026")
    qtbot.keyClicks(export.confirm_edit, "board-2026")
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(export.preview) > 0, timeout=60_000)
    assert [t.pixmap().isNull() for t in export.thumbnails] == [False, False, False]

    reader = PdfReader(target)
    assert reader.is_encrypted
    reader.decrypt("board-2026")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Brief the supervisory board on the AI roadmap" in text
    assert "Chief Operating Officer" in text
    # The command line sees the same plan.
    plan = {row["id"]: row for row in plan_json(
        session.call(lambda core: plan_for(core.store, core.library, demo_id))
    )}  # fmt: skip
    assert plan[free.id]["phase"] == "later"
    assert plan[free.id]["owner"] == "Chief Operating Officer"
    assert plan[custom]["phase"] == "now"
    qtbot.mouseClick(export.close_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
