"""Files out of the app and in: the report export (password, progress, cancel, preview),
the roadmap as XLSX and CSV, the assessment file, and import by menu, drop and command
line, with the core's refusals shown to the user."""

from __future__ import annotations

import csv
import gc
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor.usecases.roadmap_edits import plan_for
from tests.ui.conftest import DialogLog
from ui.app import open_window
from ui.export import locations
from ui.export.background import ThreadJob
from ui.export.report_dialog import CANCELLED, ReportExportDialog
from ui.main_window import MainWindow
from ui.preferences import Preferences
from ui.session import Session

CLIENT = "Northwind Mutual Insurance"
EXPORT_TIMEOUT = 60_000  # ms: the demo report is ~70 pages; a shared machine may be slow


@pytest.fixture
def window(session: Session, demo_id: int, qtbot: QtBot) -> Iterator[MainWindow]:
    opened = MainWindow(session)
    qtbot.addWidget(opened)
    opened.show()
    opened.start()
    opened.open_results(demo_id)
    yield opened
    dialog = opened.files.report_dialog
    if dialog is not None:
        dialog.wait()
        dialog.done(0)


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path | None, str], list[Path]]:
    """Answer the save dialog with a path (and a filter); return what it was offered."""
    offered: list[Path] = []

    def answer(path: Path | None, chosen: str = "") -> list[Path]:
        def choose(_parent: object, _caption: str, start: Path, _filters: str):  # type: ignore[no-untyped-def]
            offered.append(start)
            return path, chosen

        monkeypatch.setattr(locations, "choose_save_path", choose)
        return offered

    return answer


def report_dialog(window: MainWindow) -> ReportExportDialog:
    dialog = window.files.report_dialog
    assert dialog is not None, "the export dialog did not open"
    assert dialog.isVisible()
    return dialog


def export_and_wait(qtbot: QtBot, dialog: ReportExportDialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.preview) > 0, timeout=EXPORT_TIMEOUT)


def pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages[:3])


# --- the report -----------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["menu", "shortcut", "results button"])
def test_export_report_opens_from_the_menu_the_shortcut_and_the_results_page(
    window: MainWindow, qtbot: QtBot, how: str
) -> None:
    if how == "menu":
        window.files.export_report_action.trigger()
    elif how == "shortcut":
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    else:
        qtbot.mouseClick(window.results.export_button, Qt.MouseButton.LeftButton)
    dialog = report_dialog(window)
    name = Path(dialog.path_edit.text()).name
    assert name.startswith(f"{CLIENT} - AI readiness review 2026 - ")
    assert name.endswith(".pdf")


def test_export_report_is_disabled_until_an_assessment_is_open(session: Session) -> None:
    opened = MainWindow(session)
    try:
        assert not opened.files.export_report_action.isEnabled()
        assert opened.files.import_action.isEnabled()
    finally:
        opened.close()


def test_a_password_protected_report_opens_only_with_its_password_and_is_previewed(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, save_as: Callable[..., list[Path]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    target = tmp_path / "out" / "board-report"  # no suffix: the dialog adds ".pdf"
    save_as(target)
    window.files.export_report_action.trigger()
    dialog = report_dialog(window)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == str(target) + ".pdf"
    qtbot.keyClicks(dialog.password_edit, "s3cret board")
    qtbot.keyClicks(dialog.confirm_edit, "s3cret board")
    assert not dialog.mismatch.isVisible()
    assert "no way to recover" in dialog.password_note.text()

    export_and_wait(qtbot, dialog)

    path = target.with_suffix(".pdf")
    reader = PdfReader(path)
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    reader.decrypt("s3cret board")
    assert CLIENT in pdf_text(reader)
    assert len(reader.pages) == dialog.pages
    assert dialog.facts.text().startswith(f"{len(reader.pages)} pages")
    assert "opens only with its password" in dialog.facts.text()
    assert not list(path.parent.glob(".*partial"))
    # The preview: the first three pages, as pictures the width of a thumbnail.
    pictures = [thumb.pixmap() for thumb in dialog.thumbnails]
    assert [p.isNull() for p in pictures] == [False, False, False]
    assert all(p.width() > 100 and p.height() > p.width() for p in pictures)
    assert dialog.preview_caption.text() == f"Pages 1–3 of {len(reader.pages)}"
    assert window.statusBar().currentMessage().startswith("Report written:")
    # The way on: the viewer, the folder; the folder is remembered for next time.
    opened: list[Path] = []
    monkeypatch.setattr(locations, "open_file", lambda p: opened.append(p) or True)
    monkeypatch.setattr(locations, "show_in_folder", lambda p: opened.append(p.parent) or True)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [path, path.parent]
    assert locations.last_folder(window.session.paths) == path.parent
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.waitUntil(gc.isenabled)  # held off only while the layout and preview ran


def test_passwords_that_differ_are_shown_and_block_the_export(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.files.export_report_action.trigger()
    dialog = report_dialog(window)
    qtbot.keyClicks(dialog.password_edit, "one")
    qtbot.keyClicks(dialog.confirm_edit, "two")
    assert dialog.mismatch.isVisible()
    assert not dialog.export_button.isEnabled()
    dialog.confirm_edit.setText("one")
    assert not dialog.mismatch.isVisible()
    assert dialog.export_button.isEnabled()


def test_cancelling_an_export_writes_no_file_and_says_so(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The layout waits after its first page until the test has clicked Cancel, so the
    # click lands mid-export however fast the machine is.
    clicked = threading.Event()
    report = ThreadJob.report

    def report_then_wait(job: ThreadJob, share: float, what: str) -> None:
        report(job, share, what)
        if what.startswith("page"):
            clicked.wait(EXPORT_TIMEOUT / 1000)

    monkeypatch.setattr(ThreadJob, "report", report_then_wait)
    window.files.export_report_action.trigger()
    dialog = report_dialog(window)
    folder = tmp_path / "reports"
    folder.mkdir()
    dialog.path_edit.setText(str(folder / "cancelled.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.running
    assert dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Page 1 of ~"))
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    clicked.set()
    assert dialog.status.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not dialog.running, timeout=EXPORT_TIMEOUT)
    assert dialog.notice.text() == CANCELLED
    assert dialog.notice_frame.isVisible()
    assert list(folder.iterdir()) == []  # neither the report nor a partial file


def test_a_report_that_cannot_be_written_shows_the_cores_reason(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, dialog_log: DialogLog
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    window.files.export_report_action.trigger()
    dialog = report_dialog(window)
    dialog.path_edit.setText(str(blocker / "report.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog_log.errors), timeout=EXPORT_TIMEOUT)
    assert dialog_log.errors[0].startswith(f"{blocker / 'report.pdf'}: cannot write")
    assert f"{blocker} is a file, not a folder" in dialog_log.errors[0]
    assert not dialog.running  # back to the options, to choose another place


def test_the_branding_line_says_what_the_report_carries_and_leads_to_settings(
    session: Session, demo_id: int, qtbot: QtBot
) -> None:
    preferences = Preferences(consultant="Jane Doe", organisation="Example & Partners",
                              confidentiality="For the board only")  # fmt: skip
    dialog = ReportExportDialog(session, demo_id, CLIENT, "Review", preferences)
    qtbot.addWidget(dialog)
    assert "Prepared by Jane Doe, Example & Partners" in dialog.branding_text.text()
    assert dialog.confidentiality_edit.text() == "For the board only"
    with qtbot.waitSignal(dialog.settings_requested, timeout=1000):
        qtbot.mouseClick(dialog.settings_button, Qt.MouseButton.LeftButton)


# --- the roadmap and the assessment file ---------------------------------------------------


@pytest.mark.parametrize(
    ("chosen", "suffix"),
    [("Excel workbook (*.xlsx)", ".xlsx"), ("CSV, comma-separated (*.csv)", ".csv")],
)
def test_the_roadmap_exports_as_a_spreadsheet_of_every_item(
    window: MainWindow, session: Session, demo_id: int, tmp_path: Path,
    save_as: Callable[..., list[Path]], chosen: str, suffix: str,
) -> None:  # fmt: skip
    offered = save_as(tmp_path / "roadmap", chosen)
    window.files.export_roadmap_action.trigger()
    assert offered[0].name.startswith(f"{CLIENT} - AI readiness review 2026 - roadmap - ")
    path = tmp_path / f"roadmap{suffix}"
    plan = session.call(lambda core: plan_for(core.store, core.library, demo_id))
    titles = [item.item.title for item in plan.visible()]
    if suffix == ".xlsx":
        sheet = load_workbook(path).active
        assert sheet is not None
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    assert rows[0][:3] == ["Phase", "Item", "Title"]
    assert [row[2] for row in rows[1:]] == titles
    assert window.statusBar().currentMessage() == f"Roadmap written: {path} ({len(titles)} items)"


def test_an_exported_assessment_imports_as_a_copy_after_asking(
    window: MainWindow, session: Session, demo_id: int, tmp_path: Path,
    save_as: Callable[..., list[Path]], dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    save_as(tmp_path / "northwind")
    window.files.export_assessment_action.trigger()
    path = tmp_path / "northwind.json"
    assert json.loads(path.read_text(encoding="utf-8"))["client"]["name"] == CLIENT
    monkeypatch.setattr(locations, "choose_open_path", lambda *_args: path)

    dialog_log.confirm_answer = False  # "Cancel opens the one already here"
    window.files.import_action.trigger()
    assert "already has it" in dialog_log.confirmed[0]
    assert window.stack.currentWidget() is window.results
    assert window.current_assessment == demo_id
    assert len(session.call(lambda core: core.store.list_assessments())) == 1

    dialog_log.confirm_answer = True
    window.files.import_action.trigger()
    listed = session.call(lambda core: core.store.list_assessments())
    assert len(listed) == 2
    copy = listed[-1].id
    assert window.current_assessment == copy
    assert window.results.header_texts()["client"].text() == CLIENT
    selected = window.home.selected()
    assert selected is not None
    assert selected.id == copy
    assert window.statusBar().currentMessage() == "Imported northwind.json"


NEWER = {
    "format": "ai-readiness-assessment", "format_version": 2, "client": {"name": "A"},
    "context": {"industry": "retail"}, "questionnaires": [{"id": "x", "version": "1"}],
}  # fmt: skip


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b'{"format": "ai-readiness-assessment",', "not JSON", id="broken-json"),
        pytest.param(json.dumps(NEWER).encode(), "made by a newer version of the app",
                     id="newer-format"),
        pytest.param(b"[1, 2]", "not an assessment file", id="not-an-assessment"),
    ],
)  # fmt: skip
def test_a_refused_file_shows_what_the_core_refused_and_why(
    window: MainWindow, session: Session, tmp_path: Path, dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch, content: bytes, reason: str,
) -> None:  # fmt: skip
    path = tmp_path / "their-file.json"
    path.write_bytes(content)
    monkeypatch.setattr(locations, "choose_open_path", lambda *_args: path)
    window.files.import_action.trigger()
    assert len(dialog_log.errors) == 1
    message = dialog_log.errors[0]
    assert message.startswith("their-file.json was not imported.")
    assert str(path) in message
    assert reason in message
    assert len(session.call(lambda core: core.store.list_assessments())) == 1


def exported(session: Session, assessment_id: int, path: Path) -> Path:
    from assessor.usecases.transfer import save_assessment

    session.call(lambda core: save_assessment(core.store, assessment_id, path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["client"]["name"] = "Fabrikam Dropped"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def drop(window: MainWindow, path: Path) -> bool:
    """Drag a file over the window and, when the window takes it, drop it; True if taken."""
    mime = QMimeData()  # kept alive here while the events use it
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    where, action = QPoint(200, 200), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, action, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(where, action, mime, buttons, keys)
    QApplication.sendEvent(window, dropped)
    return dropped.isAccepted()


def test_a_json_file_dropped_on_the_window_is_imported_and_its_results_shown(
    window: MainWindow, session: Session, demo_id: int, tmp_path: Path
) -> None:
    path = exported(session, demo_id, tmp_path / "dropped.json")
    assert drop(window, path)
    assert window.stack.currentWidget() is window.results
    assert window.results.header_texts()["client"].text() == "Fabrikam Dropped"


def test_a_dropped_file_that_is_not_json_is_not_taken(
    window: MainWindow, session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    assert not drop(window, path)
    assert len(session.call(lambda core: core.store.list_assessments())) == 1


def test_a_file_named_on_the_command_line_is_imported(
    session: Session, demo_id: int, tmp_path: Path, qtbot: QtBot
) -> None:
    path = exported(session, demo_id, tmp_path / "from-argv.json")
    opened = open_window(session, ["ai-readiness-assessor", str(path)])
    qtbot.addWidget(opened)
    assert opened.stack.currentWidget() is opened.results
    assert opened.results.header_texts()["client"].text() == "Fabrikam Dropped"


def test_a_refusal_with_several_problems_lists_every_one() -> None:
    from assessor.errors import ContentError, Problem
    from ui.export.actions import refusal_text

    where = Path("their-file.json")
    error = ContentError([Problem(where, 3, "title: too long"), Problem(where, 9, "bad id")])
    assert refusal_text(where, error).splitlines() == [
        "their-file.json was not imported.",
        "",
        "• their-file.json:3: title: too long",
        "• their-file.json:9: bad id",
    ]
