"""The File menu's ways in and out: export the report, the roadmap and the assessment
file; import an assessment file, chosen, dropped on the window or named on the command
line. Every one calls the core use-case the command line calls (`assessor report`,
`assessor roadmap -o`, `assessor export`, `assessor import`), on the store's worker.

Import asks first when the store already holds an assessment that looks like the file's
(`earlier_imports`: the same client, title and start time), since importing again makes
a second copy; the store keeps no identity of imported files to tell for sure.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow

from assessor.errors import AssessorError, ContentError
from ui import dialogs
from ui.export import locations
from ui.preferences import Preferences
from ui.session import Session

if TYPE_CHECKING:
    from assessor.store.database import AssessmentRecord, AssessmentSummary
    from ui.export.report_dialog import ReportExportDialog

ROADMAP_FILTERS = {
    "Excel workbook (*.xlsx)": ".xlsx",
    "CSV, comma-separated (*.csv)": ".csv",
}
ASSESSMENT_FILTER = "Assessment file (*.json)"


def assessment_files(event: QDropEvent) -> list[Path]:
    """The local .json files a drag carries (nothing else is ours to take)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".json")
    ]


class FileActions(QObject):
    """The actions, added to the window's File menu by the window; see the module docstring."""

    #: An assessment was imported, or the user chose the copy already here: its id.
    imported = Signal(int)
    #: A line for the window's status bar.
    message = Signal(str)
    #: The report dialog's "Change in Settings…".
    settings_requested = Signal()

    def __init__(
        self, window: QMainWindow, session: Session, current: Callable[[], int | None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self._current = current
        self._queue: list[Path] = []
        self._importing = False
        self.report_dialog: ReportExportDialog | None = None

        def action(text: str, slot: Callable[[], None], tip: str, keys: str = "") -> QAction:
            made = QAction(text, window)
            if keys:
                made.setShortcut(QKeySequence(keys))
            made.setStatusTip(tip)
            made.setToolTip(tip)
            made.triggered.connect(slot)
            return made

        self.export_report_action = action(
            "&Export report…", self.export_current_report,
            "Write the current assessment's report as a PDF", "Ctrl+E",
        )  # fmt: skip
        self.export_roadmap_action = action(
            "Export &roadmap…", self.export_current_roadmap,
            "Write the current assessment's roadmap as a spreadsheet (XLSX or CSV)",
        )  # fmt: skip
        self.export_assessment_action = action(
            "Export &assessment…", self.export_current_assessment,
            "Write the current assessment to a file another computer can import",
        )  # fmt: skip
        self.import_action = action(
            "&Import assessment…", self.choose_import,
            "Import an assessment file exported from this app or the command line",
        )  # fmt: skip
        self.needs_assessment = [
            self.export_report_action, self.export_roadmap_action, self.export_assessment_action,
        ]  # fmt: skip
        self.actions = [*self.needs_assessment, self.import_action]
        self.enable(False)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def enable(self, has_assessment: bool) -> None:
        for one in self.needs_assessment:
            one.setEnabled(has_assessment)

    # --- the report ------------------------------------------------------------------------

    def export_current_report(self) -> None:
        if (assessment_id := self._current()) is not None:
            self.export_report(assessment_id)

    def export_report(self, assessment_id: int) -> None:
        """Open the export dialog for an assessment (its name read first, on the worker)."""
        self._with_record(assessment_id, self._open_report_dialog)

    def _open_report_dialog(self, record: AssessmentRecord) -> None:
        from ui.export.report_dialog import ReportExportDialog

        dialog = ReportExportDialog(
            self.session, record.id, record.client_name, record.title,
            Preferences.load(self.session.paths), self.window,
        )  # fmt: skip
        dialog.settings_requested.connect(self.settings_requested)
        dialog.exported.connect(
            lambda path, pages: self.message.emit(f"Report written: {path} ({pages} pages)")
        )
        self.report_dialog = dialog
        dialog.open()

    # --- the roadmap and the assessment file ----------------------------------------------

    def export_current_roadmap(self) -> None:
        if (assessment_id := self._current()) is not None:
            self._with_record(assessment_id, self._save_roadmap)

    def _save_roadmap(self, record: AssessmentRecord) -> None:
        start = locations.last_folder(self.session.paths) / locations.default_name(
            record.client_name, record.title, ".xlsx", kind="roadmap"
        )
        path, chosen = locations.choose_save_path(
            self.window, "Export roadmap", start, ";;".join(ROADMAP_FILTERS)
        )
        if path is None:
            return
        if path.suffix.lower() not in {".xlsx", ".csv"}:
            path = locations.with_suffix(path, ROADMAP_FILTERS.get(chosen, ".xlsx"))
        from assessor.usecases.transfer import save_roadmap

        assessment_id = record.id
        self.session.op(
            lambda core: save_roadmap(core.store, core.library, assessment_id, path)
        ).success(lambda items: self._saved(path, f"Roadmap written: {path} ({items} items)")).run()

    def export_current_assessment(self) -> None:
        if (assessment_id := self._current()) is not None:
            self._with_record(assessment_id, self._save_assessment)

    def _save_assessment(self, record: AssessmentRecord) -> None:
        start = locations.last_folder(self.session.paths) / locations.default_name(
            record.client_name, record.title, ".json"
        )
        path, _chosen = locations.choose_save_path(
            self.window, "Export assessment", start, ASSESSMENT_FILTER
        )
        if path is None:
            return
        path = locations.with_suffix(path, ".json")
        from assessor.usecases.transfer import save_assessment

        assessment_id = record.id
        self.session.op(lambda core: save_assessment(core.store, assessment_id, path)).success(
            lambda _none: self._saved(path, f"Assessment written: {path}")
        ).run()

    def _saved(self, path: Path, text: str) -> None:
        locations.remember_folder(self.session.paths, path)
        self.message.emit(text)

    def _with_record(self, assessment_id: int, then: Callable[[AssessmentRecord], None]) -> None:
        self.session.op(lambda core: core.store.assessment(assessment_id)).success(then).run()

    # --- import ----------------------------------------------------------------------------

    def choose_import(self) -> None:
        start = locations.last_folder(self.session.paths, locations.IMPORT_FOLDER)
        path = locations.choose_open_path(
            self.window, "Import assessment", start, ASSESSMENT_FILTER
        )
        if path is not None:
            locations.remember_folder(self.session.paths, path, locations.IMPORT_FOLDER)
            self.import_files([path])

    def import_files(self, paths: list[Path]) -> None:
        """Import files one after another (each may ask, or be refused, on its own)."""
        self._queue.extend(paths)
        if not self._importing:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self._importing = False
            return
        self._importing = True
        path = self._queue.pop(0)
        from assessor.usecases.transfer import earlier_imports

        self.session.op(lambda core: earlier_imports(core.store, path)).success(
            lambda earlier: self._import_unless_here(path, earlier)
        ).failure(lambda error: self._refused(path, error)).run()

    def _import_unless_here(self, path: Path, earlier: list[AssessmentSummary]) -> None:
        if earlier:
            here = earlier[-1]
            started = here.created_at[:10]
            asked = dialogs.confirm(
                self.window,
                "Already imported",
                f"{path.name} holds “{here.title}” for {here.client}, started on {started}: "
                f"this app already has it (last changed {here.updated_at[:10]}).\n\n"
                "Import it again as a second copy? Cancel opens the one already here.",
                "Import as a copy",
            )
            if not asked:
                self.message.emit(f"Not imported again: {here.client} · {here.title}")
                self.imported.emit(here.id)
                self._next()
                return
        from assessor.usecases.transfer import import_assessment

        self.session.op(
            lambda core: import_assessment(core.store, core.library, path), source=self
        ).success(lambda changes: self._imported(path, changes.value)).failure(
            lambda error: self._refused(path, error)
        ).run()

    def _imported(self, path: Path, assessment_id: int) -> None:
        self.message.emit(f"Imported {path.name}")
        self.imported.emit(assessment_id)
        self._next()

    def _refused(self, path: Path, error: BaseException) -> None:
        if isinstance(error, AssessorError):
            dialogs.show_user_error(self.window, refusal_text(path, error), "Not imported")
        else:
            self.session.report_error(error)
        self._next()

    # --- dropping files on the window -------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Take a drag of .json files anywhere on the window; import them when dropped."""
        if watched is self.window and isinstance(event, QDragEnterEvent | QDragMoveEvent):
            if assessment_files(event):
                event.acceptProposedAction()
                return True
        elif watched is self.window and isinstance(event, QDropEvent):
            files = assessment_files(event)
            if files:
                event.acceptProposedAction()
                self.import_files(files)
                return True
        return super().eventFilter(watched, event)


def refusal_text(path: Path, error: AssessorError) -> str:
    """What the core refused and why, every problem listed when it names several."""
    lines = [f"{path.name} was not imported.", ""]
    if isinstance(error, ContentError) and len(error.problems) > 1:
        lines += [f"• {problem}" for problem in error.problems]
    else:
        lines.append(str(error))
    return "\n".join(lines)
