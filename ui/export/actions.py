"""The File menu's ways in and out: export the report, the roadmap, the assessment file
(anonymised if chosen; the responses file for an assessment opened from a pack), a
questionnaire pack for one participant and every answer as CSV; import an assessment
file, a pack or a responses file, chosen, dropped on the window or named on the command
line. Every one calls the core use-case the command line calls (`assessor report`,
`assessor roadmap -o`, `assessor export`, `assessor pack`, `assessor import`), on the
store's worker.

Import asks first when the store already holds the file's assessment, or one that looks
like it (`earlier_imports`), since importing again makes a second copy. A pack opens as
an assessment; a responses file merges into its assessment, whose results then open,
with what was merged and what was not said in the core's words.
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
    from assessor.usecases.handoff import Imported
    from assessor.usecases.workshop import Participant
    from ui.export.report_dialog import ReportExportDialog

ROADMAP_FILTERS = {
    "Excel workbook (*.xlsx)": ".xlsx",
    "CSV, comma-separated (*.csv)": ".csv",
}
ASSESSMENT_FILTER = "Assessment file (*.json)"
ANONYMISED_FILTER = "Anonymised assessment file, no names or notes (*.json)"
RESPONSES_FILTER = "Responses file for the consultant (*.json)"
PACK_FILTER = "Questionnaire pack (*.json)"
CSV_FILTER = "CSV, comma-separated (*.csv)"
IMPORT_FILTER = "Assessment, pack or responses file (*.json)"


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
        self.export_pack_action = action(
            "Export &pack for a respondent…", self.export_current_pack,
            "Write a questionnaire pack for one participant to answer offline on their computer",
        )  # fmt: skip
        self.export_csv_action = action(
            "Export responses as &CSV…", self.export_current_csv,
            "Write every answer as CSV: one row per question and respondent",
        )  # fmt: skip
        self.import_action = action(
            "&Import assessment…", self.choose_import,
            "Import an assessment file, open a questionnaire pack, or merge a responses file",
        )  # fmt: skip
        self.needs_assessment = [
            self.export_report_action, self.export_roadmap_action, self.export_assessment_action,
            self.export_pack_action, self.export_csv_action,
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
        """The assessment file, or the anonymised one (a filter of the save dialog); for an
        assessment opened from a pack, the responses file that goes back."""
        kind = "responses" if record.from_pack else ""
        start = locations.last_folder(self.session.paths) / locations.default_name(
            record.client_name, record.title, ".json", kind=kind
        )
        if record.from_pack:
            caption, filters = "Export responses for the consultant", RESPONSES_FILTER
        else:
            caption, filters = "Export assessment", f"{ASSESSMENT_FILTER};;{ANONYMISED_FILTER}"
        path, chosen = locations.choose_save_path(self.window, caption, start, filters)
        if path is None:
            return
        path = locations.with_suffix(path, ".json")
        from assessor.usecases.handoff import save_export
        from assessor.usecases.sharing import save_anonymised

        assessment_id = record.id
        if chosen == ANONYMISED_FILTER and not record.from_pack:
            self.session.op(lambda core: save_anonymised(core.store, assessment_id, path)).success(
                lambda _none: self._saved(path, f"Anonymised assessment written: {path}")
            ).run()
            return
        self.session.op(lambda core: save_export(core.store, assessment_id, path)).success(
            lambda exported: self._saved(
                path,
                exported.line if exported.kind == "responses" else f"Assessment written: {path}",
            )
        ).run()

    # --- a pack for one participant, every answer as CSV -----------------------------------

    def export_current_pack(self) -> None:
        if (assessment_id := self._current()) is None:
            return
        from assessor.usecases.workshop import participants

        self.session.op(
            lambda core: (
                core.store.assessment(assessment_id),
                participants(core.store, assessment_id),
            )
        ).success(lambda found: self._save_pack(*found)).run()

    def _save_pack(self, record: AssessmentRecord, people: list[Participant]) -> None:
        active = [p for p in people if p.active]
        if record.from_pack or not active:
            why = (
                "This assessment was opened from a pack: export it (File › Export assessment…) "
                "to send the answers back."
                if record.from_pack
                else "This assessment has no participants yet: add them in Workshop › "
                "Participants, then export a pack for each one who answers offline."
            )
            dialogs.show_user_error(self.window, why, "No pack to export")
            return
        labels = [f"{p.name} ({p.role})" if p.role else p.name for p in active]
        picked = dialogs.choose_item(
            self.window, "Export pack for a respondent",
            "Who will answer this pack offline, on their own computer?", labels,
        )  # fmt: skip
        if picked is None:
            return
        person = active[picked]
        start = locations.last_folder(self.session.paths) / locations.default_name(
            record.client_name, record.title, ".json", kind=f"pack for {person.name}"
        )
        path, _chosen = locations.choose_save_path(
            self.window, "Export pack for a respondent", start, PACK_FILTER
        )
        if path is None:
            return
        path = locations.with_suffix(path, ".json")
        from assessor.usecases.handoff import save_pack

        assessment_id, key = record.id, person.key
        self.session.op(lambda core: save_pack(core.store, assessment_id, key, path)).success(
            lambda exported: self._saved(path, exported.line)
        ).run()

    def export_current_csv(self) -> None:
        if (assessment_id := self._current()) is not None:
            self._with_record(assessment_id, self._save_csv)

    def _save_csv(self, record: AssessmentRecord) -> None:
        start = locations.last_folder(self.session.paths) / locations.default_name(
            record.client_name, record.title, ".csv", kind="responses"
        )
        path, _chosen = locations.choose_save_path(
            self.window, "Export responses as CSV", start, CSV_FILTER
        )
        if path is None:
            return
        path = locations.with_suffix(path, ".csv")
        from assessor.usecases.sharing import save_responses_csv

        assessment_id = record.id
        self.session.op(lambda core: save_responses_csv(core.store, assessment_id, path)).success(
            lambda rows: self._saved(path, f"Responses written: {path} ({rows} answers)")
        ).run()

    def _saved(self, path: Path, text: str) -> None:
        locations.remember_folder(self.session.paths, path)
        self.message.emit(text)

    def _with_record(self, assessment_id: int, then: Callable[[AssessmentRecord], None]) -> None:
        self.session.op(lambda core: core.store.assessment(assessment_id)).success(then).run()

    # --- import ----------------------------------------------------------------------------

    def choose_import(self) -> None:
        start = locations.last_folder(self.session.paths, locations.IMPORT_FOLDER)
        path = locations.choose_open_path(self.window, "Import assessment", start, IMPORT_FILTER)
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
        from assessor.usecases.handoff import import_preview

        self.session.op(lambda core: import_preview(core.store, path)).success(
            lambda found: self._import_unless_here(path, found[1])
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
        from assessor.usecases.handoff import import_file

        self.session.op(
            lambda core: import_file(core.store, core.library, path), source=self
        ).success(lambda changes: self._imported(path, changes.value)).failure(
            lambda error: self._refused(path, error)
        ).run()

    def _imported(self, path: Path, imported: Imported) -> None:
        if imported.kind == "assessment":
            self.message.emit(f"Imported {path.name}")
        else:
            title = "Pack opened" if imported.kind == "pack" else "Responses merged"
            self.message.emit(f"{title}: {path.name}")
            dialogs.inform(self.window, title, "\n".join([path.name, "", *imported.lines]))
        self.imported.emit(imported.assessment_id)
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
