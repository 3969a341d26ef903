"""Home: the sample on first start, search, sort, rename, delete and restore, reassess;
and the skeleton under it: operations off the UI thread, errors in one dialog, undo."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assessor.content.context import AssessmentContext
from assessor.exchange.assessment_file import Client
from assessor.store.database import Store
from assessor.usecases.answering import clear_answer
from assessor.usecases.assessments import create_assessment, rename_assessment
from tests.ui.conftest import DialogLog
from ui.home.bin_dialog import BinDialog
from ui.home.page import HomePage
from ui.main_window import MainWindow
from ui.session import Session


def rows(page: HomePage) -> list[list[str]]:
    """What the tree shows: client rows, then their assessments indented."""
    proxy, shown = page.proxy, []
    for c in range(proxy.rowCount()):
        client = proxy.index(c, 0)
        shown.append([client.data()])
        for a in range(proxy.rowCount(client)):
            shown.append(["  " + proxy.index(a, 0, client).data()] + [
                proxy.index(a, col, client).data() for col in (1, 2, 3)])  # fmt: skip
    return shown


@pytest.fixture
def window(qtbot: QtBot, session: Session) -> MainWindow:
    created = MainWindow(session)
    qtbot.addWidget(created)
    created.show()
    created.start()
    return created


def add(session: Session, client: str, title: str) -> int:
    changes = session.call(
        lambda core: create_assessment(
            core.store, core.library, Client(name=client), title, AssessmentContext()
        )
    )
    return int(changes.value)


def test_the_first_start_creates_the_store_with_the_sample(
    window: MainWindow, session: Session
) -> None:
    assert session.paths.database.exists()
    shown = rows(window.home)
    assert shown[0] == ["Northwind Mutual Insurance  ·  1 assessment"]
    assert shown[1][0] == "  AI readiness review 2026  ·  Sample"
    assert shown[1][1:3] == ["Complete", "100%"]
    assert shown[1][3].split()[1] in {"Initial", "Developing", "Defined", "Managed", "Leading"}
    assert window.home.subtitle.text() == "1 client · 1 assessment"
    assert window.home.selected() is not None  # ready for Enter


def test_a_second_start_does_not_add_the_sample_again(
    qtbot: QtBot, window: MainWindow, session: Session
) -> None:
    again = HomePage(session)
    qtbot.addWidget(again)
    again.start()
    assert again.model.assessment_count() == 1


def test_search_keeps_matching_clients_and_titles(window: MainWindow, session: Session) -> None:
    add(session, "Contoso Bank", "Credit models review")
    add(session, "Fabrikam", "Board briefing")
    window.home.refresh()
    window.home.search.setText("credit")
    assert [r[0] for r in rows(window.home)] == [
        "Contoso Bank  ·  1 assessment", "  Credit models review"]  # fmt: skip
    window.home.search.setText("fabri")
    assert rows(window.home)[1][0] == "  Board briefing"
    window.home.search.clear()
    assert len(rows(window.home)) == 6


def test_sorting_by_a_column_sorts_clients(window: MainWindow, session: Session) -> None:
    add(session, "Aardvark Ltd", "R")
    window.home.refresh()
    window.home.tree.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert rows(window.home)[0][0].startswith("Northwind")
    window.home.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert rows(window.home)[0][0].startswith("Aardvark")


def test_rename_by_f2(
    qtbot: QtBot, window: MainWindow, session: Session, dialog_log: DialogLog
) -> None:
    dialog_log.text_answer = "Board review 2026"
    qtbot.keyClick(window.home.tree, Qt.Key.Key_F2)
    assert rows(window.home)[1][0] == "  Board review 2026  ·  Sample"
    window.undo_action.trigger()
    assert rows(window.home)[1][0] == "  AI readiness review 2026  ·  Sample"


def test_a_refused_rename_shows_the_core_message(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    dialog_log.text_answer = "x" * 300
    qtbot.mouseClick(window.home.buttons["rename"], Qt.MouseButton.LeftButton)
    assert dialog_log.errors == ["title: at most 200 characters; this one has 300"]


def test_delete_asks_then_the_bin_restores(
    qtbot: QtBot, window: MainWindow, session: Session, dialog_log: DialogLog
) -> None:
    dialog_log.confirm_answer = False
    qtbot.keyClick(window.home.tree, Qt.Key.Key_Delete)
    assert window.home.model.assessment_count() == 1  # said no
    dialog_log.confirm_answer = True
    qtbot.keyClick(window.home.tree, Qt.Key.Key_Delete)
    assert "30 days" in dialog_log.confirmed[-1]
    assert window.home.stack.currentIndex() == 1  # the empty state
    window.home.open_bin()
    dialog = window.home.findChildren(BinDialog)[-1]
    assert dialog.table.item(0, 1).text() == "AI readiness review 2026"
    assert dialog.table.item(0, 3).text() in {"29 more days", "30 more days"}
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0
    dialog.close()
    assert window.home.model.assessment_count() == 1


def test_undo_brings_a_deleted_assessment_back(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    qtbot.keyClick(window.home.tree, Qt.Key.Key_Delete)
    assert window.undo_action.text() == "&Undo delete"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.home.model.assessment_count() == 1


def test_the_empty_state_says_what_to_do(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    qtbot.keyClick(window.home.tree, Qt.Key.Key_Delete)
    assert window.home.stack.currentIndex() == 1
    with qtbot.waitSignal(window.home.new_requested) as asked:
        window.home.empty_start.click()
    assert asked.args == [None]
    window.wizard.close()


def test_reassess_starts_from_the_answers_under_the_same_client(
    qtbot: QtBot, window: MainWindow, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    walked: list[int] = []
    monkeypatch.setattr(window, "open_walker", walked.append)
    window.home.walk_requested.disconnect()
    window.home.walk_requested.connect(walked.append)
    qtbot.mouseClick(window.home.buttons["reassess"], Qt.MouseButton.LeftButton)
    shown = rows(window.home)
    assert shown[0] == ["Northwind Mutual Insurance  ·  2 assessments"]
    new = next(r for r in shown[1:] if r[0] == "  AI readiness review 2026 (reassessment)")
    assert new[2] == "100%"  # the answers came along
    assert len(walked) == 1


def test_operations_run_off_the_ui_thread_and_answer_on_it(
    qtbot: QtBot, threaded_session: Session
) -> None:
    seen: dict[str, str] = {}

    def work(core: object) -> str:
        seen["worker"] = threading.current_thread().name
        return "done"

    with qtbot.waitSignal(threaded_session.busy_changed, check_params_cb=lambda busy: not busy):
        threaded_session.op(work).success(
            lambda result: seen.update(ui=threading.current_thread().name, result=result)
        ).run()
    assert seen["worker"].startswith("assessor-store")
    assert seen["ui"] == threading.main_thread().name
    assert seen["result"] == "done"


def test_an_internal_error_gets_the_dialog_with_the_log(
    session: Session, dialog_log: DialogLog, tmp_path: Path
) -> None:
    def broken(core: object) -> None:
        raise RuntimeError("boom")

    session.op(broken).run()
    assert [str(e) for e in dialog_log.internal] == ["boom"]
    dialog_log.internal.clear()  # the session fixture fails on unexpected internal errors


def test_the_window_geometry_is_restored(qtbot: QtBot, session: Session) -> None:
    first = MainWindow(session)
    qtbot.addWidget(first)
    first.showMaximized()
    first.close()
    second = MainWindow(session)
    qtbot.addWidget(second)
    second.show()
    assert second.isMaximized()


def test_a_change_made_by_the_command_line_shows_on_return(
    window: MainWindow, session: Session
) -> None:
    with Store(session.paths.database) as other:  # another process, as far as SQLite knows
        rename_assessment(other, 1, "Renamed from the command line")
    window._changed_elsewhere(session.call(lambda core: core.store.changed_elsewhere()))
    assert rows(window.home)[1][0] == "  Renamed from the command line  ·  Sample"


def test_the_list_behind_the_walker_catches_up_when_shown(
    window: MainWindow, session: Session
) -> None:
    window.open_walker(1)
    listed: list[int] = []
    window.home.model.modelReset.connect(lambda: listed.append(1))
    for question in ("GOV-01", "GOV-02"):
        changes = session.call(
            lambda core, q=question: clear_answer(core.store, core.library, 1, q, "cro")
        )
        session.announce(changes, None)
    assert listed == []  # not once per answer while hidden
    window.show_home()
    assert listed == [1]
    assert rows(window.home)[1][1] == "In progress"  # no longer complete
