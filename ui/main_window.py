"""The main window: menus, and one page at a time (home, walker, results, library).

The home page is built at start; the others on first use, which keeps start-up short.
The window routes the pages' requests ("walk this assessment", "show its results") and
owns the application-wide actions (new, undo and redo, the pages, about). It holds no
business rule: every action is a page's or a core use-case's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget

from assessor import __version__
from assessor.paths import APP_NAME
from ui.export.actions import FileActions
from ui.home.page import HomePage
from ui.preferences import app_settings
from ui.recent import RecentMenu
from ui.resources import icon_path
from ui.session import Session
from ui.workshop.actions import WorkshopActions

if TYPE_CHECKING:
    from ui.help.window import HelpWindow
    from ui.library.page import LibraryPage
    from ui.results.page import ResultsPage
    from ui.roadmap.page import RoadmapPage
    from ui.trend.page import TrendPage
    from ui.walker.page import WalkerPage


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        session.window = self
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(QIcon(str(icon_path("app.svg"))))
        self.setMinimumSize(900, 600)
        self.resize(1200, 800)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.home = HomePage(session)
        self.stack.addWidget(self.home)
        self._walker: WalkerPage | None = None
        self._results: ResultsPage | None = None
        self._library: LibraryPage | None = None
        self._roadmap: RoadmapPage | None = None
        self._trend: TrendPage | None = None
        self.current_assessment: int | None = None
        self.help_window: HelpWindow | None = None

        self.home.new_requested.connect(self.new_assessment)
        self.home.walk_requested.connect(self.open_walker)
        self.home.results_requested.connect(self.open_results)
        self._build_menus()
        self.stack.currentChanged.connect(self._page_changed)
        self.busy_label = QLabel("Saving…", objectName="saving")
        self.statusBar().addPermanentWidget(self.busy_label)
        self.busy_label.hide()
        session.busy_changed.connect(self.busy_label.setVisible)
        session.undo_changed.connect(self._update_undo)
        self._restore_geometry()

    def start(self) -> None:
        """After the window shows: open the store and list the assessments."""
        self.home.start()
        self.recent.refresh()  # queued after the list: its labels come from the store

    # --- menus -------------------------------------------------------------------------------

    def _action(self, text: str, slot: object, keys: QKeySequence | str | None = None,
                tip: str = "") -> QAction:  # fmt: skip
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_action = self._action(
            "&New assessment…", lambda: self.new_assessment(None),
            QKeySequence.StandardKey.New, "Start an assessment for a new or existing client",
        )  # fmt: skip
        file_menu.addAction(self.new_action)
        self.recent = RecentMenu(self.session, self)
        self.recent.open_requested.connect(self._open_recent)
        file_menu.addMenu(self.recent)
        file_menu.addSeparator()
        # Export report, roadmap and assessment; import (also by drop and command line).
        self.files = FileActions(self, self.session, lambda: self.current_assessment)
        self.files.imported.connect(self._imported)
        self.files.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        file_menu.addActions(self.files.actions)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "Close the app")
        )

        edit = bar.addMenu("&Edit")
        self.undo_action = self._action("&Undo", self.undo, "Ctrl+Z")
        self.redo_action = self._action("&Redo", self.redo, "Ctrl+Shift+Z")
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self.settings_action = self._action(
            "&Settings…", self.open_settings, "Ctrl+,",
            "Your name and organisation, the report's branding, the theme, the data folder",
        )  # fmt: skip
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit.addAction(self.settings_action)
        self.files.settings_requested.connect(self.open_settings)

        view = bar.addMenu("&View")
        self.view_actions = {
            "home": self._action("&Assessments", self.show_home, "Ctrl+1",
                                 "The list of assessments"),
            "walker": self._action("&Questions", self._walk_current, "Ctrl+2",
                                   "Answer the current assessment's questions"),
            "results": self._action("&Results", self._results_current, "Ctrl+3",
                                    "The current assessment's scores"),
            "roadmap": self._action("Road&map", self._roadmap_current, "Ctrl+4",
                                    "The current assessment's roadmap board"),
            "trend": self._action("Scores over &time", self._trend_current, "Ctrl+6",
                                  "The current client's scores from one assessment to the next"),
            "library": self._action("Questionnaire &library", self.open_library, "Ctrl+5",
                                    "The installed questionnaires and your own"),
        }  # fmt: skip
        for action in self.view_actions.values():
            view.addAction(action)

        # Participants, the room view, the divergence list, presentation mode (F11).
        self.workshop = WorkshopActions(self, self.session)
        bar.addMenu(self.workshop.menu)

        help_menu = bar.addMenu("&Help")
        self.help_actions = {
            "methodology": self._action("&Methodology", lambda: self.show_help("methodology"),
                                        tip="How readiness is scored, levels, gates, roadmap"),
            "questionnaire-format": self._action(
                "&Questionnaire format", lambda: self.show_help("questionnaire-format"),
                tip="Writing your own questionnaires, frameworks and profiles"),
        }  # fmt: skip
        help_menu.addActions(list(self.help_actions.values()))
        help_menu.addSeparator()
        help_menu.addAction(self._action("&Keyboard shortcuts", self.show_shortcuts, "F1"))
        help_menu.addAction(self._action(f"&About {APP_NAME}", self.show_about))
        self._enable_views()

    def undo(self) -> None:
        """The page's own undo when it has one (the walker undoes typing first)."""
        page = self.stack.currentWidget()
        if page is self._walker and self._walker is not None:
            self._walker.undo()
        else:
            self.session.undo(None)

    def redo(self) -> None:
        page = self.stack.currentWidget()
        if page is self._walker and self._walker is not None:
            self._walker.redo()
        else:
            self.session.redo(None)

    def _page_changed(self, _index: int) -> None:
        # The walker binds Ctrl+Z itself; two bindings of one key would cancel each other.
        walker = self._walker is not None and self.stack.currentWidget() is self._walker
        self.undo_action.setShortcut(QKeySequence() if walker else QKeySequence("Ctrl+Z"))
        self.redo_action.setShortcut(QKeySequence() if walker else QKeySequence("Ctrl+Shift+Z"))

    def _update_undo(self, undo: str, redo: str) -> None:
        self.undo_action.setText(f"&Undo {undo}" if undo else "&Undo")
        self.undo_action.setEnabled(bool(undo))
        self.redo_action.setText(f"&Redo {redo}" if redo else "&Redo")
        self.redo_action.setEnabled(bool(redo))

    def _enable_views(self) -> None:
        has = self.current_assessment is not None
        self.view_actions["walker"].setEnabled(has)
        self.view_actions["results"].setEnabled(has)
        self.files.enable(has)
        self.view_actions["roadmap"].setEnabled(has)
        self.view_actions["trend"].setEnabled(has)
        self.workshop.enable(has)

    # --- pages -------------------------------------------------------------------------------

    @property
    def walker(self) -> WalkerPage:
        if self._walker is None:
            from ui.walker.page import WalkerPage  # built on first use: start-up stays short

            self._walker = WalkerPage(self.session)
            self._walker.results_requested.connect(self.open_results)
            self._walker.home_requested.connect(self.show_home)
            self.stack.addWidget(self._walker)
        return self._walker

    @property
    def results(self) -> ResultsPage:
        if self._results is None:
            from ui.results.page import ResultsPage

            self._results = ResultsPage(self.session)
            self._results.walk_requested.connect(self.open_walker)
            self._results.home_requested.connect(self.show_home)
            self._results.continue_requested.connect(self.open_walker)
            self._results.export_requested.connect(self.files.export_report)
            self._results.roadmap_requested.connect(self.open_roadmap)
            self._results.trend_requested.connect(self.open_trend)
            self.stack.addWidget(self._results)
        return self._results

    @property
    def roadmap(self) -> RoadmapPage:
        if self._roadmap is None:
            from ui.roadmap.page import RoadmapPage

            self._roadmap = RoadmapPage(self.session)
            self._roadmap.walk_requested.connect(self.open_walker)
            self._roadmap.results_requested.connect(self.open_results)
            self._roadmap.home_requested.connect(self.show_home)
            self.stack.addWidget(self._roadmap)
        return self._roadmap

    @property
    def library(self) -> LibraryPage:
        if self._library is None:
            from ui.library.page import LibraryPage

            self._library = LibraryPage(self.session)
            self._library.home_requested.connect(self.show_home)
            self.stack.addWidget(self._library)
        return self._library

    def show_home(self) -> None:
        self.stack.setCurrentWidget(self.home)
        self.home.tree.setFocus()

    def open_walker(self, assessment_id: int, question_id: str | None = None) -> None:
        self.current_assessment = assessment_id
        self._enable_views()
        self.walker.open(assessment_id, question_id or None)
        self.stack.setCurrentWidget(self.walker)
        self.recent.note_opened(assessment_id)

    def open_results(self, assessment_id: int) -> None:
        self.current_assessment = assessment_id
        self._enable_views()
        self.results.open(assessment_id)
        self.stack.setCurrentWidget(self.results)
        self.recent.note_opened(assessment_id)

    def open_roadmap(self, assessment_id: int) -> None:
        self.current_assessment = assessment_id
        self._enable_views()
        self.roadmap.open(assessment_id)
        self.stack.setCurrentWidget(self.roadmap)
        self.roadmap.setFocus()

    @property
    def trend(self) -> TrendPage:
        if self._trend is None:
            from ui.trend.page import TrendPage

            self._trend = TrendPage(self.session)
            self._trend.results_requested.connect(self.open_results)
            self.stack.addWidget(self._trend)
        return self._trend

    def open_trend(self, assessment_id: int) -> None:
        self.current_assessment = assessment_id
        self._enable_views()
        self.trend.open(assessment_id)
        self.stack.setCurrentWidget(self.trend)

    def _trend_current(self) -> None:
        if self.current_assessment is not None:
            self.open_trend(self.current_assessment)

    def _roadmap_current(self) -> None:
        if self.current_assessment is not None:
            self.open_roadmap(self.current_assessment)

    def open_library(self) -> None:
        self.library.reload()
        self.stack.setCurrentWidget(self.library)

    def _walk_current(self) -> None:
        if self.current_assessment is not None:
            self.open_walker(self.current_assessment)

    def _results_current(self) -> None:
        if self.current_assessment is not None:
            self.open_results(self.current_assessment)

    def new_assessment(self, client_id: int | None = None) -> None:
        from ui.wizard.new_assessment import NewAssessmentWizard

        wizard = NewAssessmentWizard(self.session, self, client_id=client_id)
        wizard.created.connect(self._created)
        wizard.open()
        self.wizard = wizard

    def _created(self, assessment_id: int) -> None:
        self.activateWindow()  # back from the wizard, with the keyboard on the question
        self.home.refresh()
        self.home.select(assessment_id)
        self.open_walker(assessment_id)

    def _imported(self, assessment_id: int) -> None:
        """An assessment file imported (or found already here): show its results."""
        self.home.refresh()
        self.home.select(assessment_id)
        self.open_results(assessment_id)

    def _open_recent(self, assessment_id: int, status: str) -> None:
        """File › Open Recent: a finished assessment's results, else its questions."""
        self.home.select(assessment_id)
        if status == "complete":
            self.open_results(assessment_id)
        else:
            self.open_walker(assessment_id)

    def open_settings(self) -> None:
        from ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.session, self)
        dialog.data_folder.moved.connect(lambda _moved: self._changed_elsewhere(True))
        dialog.open()
        self.settings_dialog = dialog

    # --- help --------------------------------------------------------------------------------

    def show_help(self, topic: str) -> None:
        """Help › Methodology, Questionnaire format: the bundled docs, in a window."""
        if self.help_window is None:
            from ui.help.window import HelpWindow

            self.help_window = HelpWindow(self)
        self.help_window.show_topic(topic)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Assess an organisation's readiness for AI (strategy and governance, "
            "compliance, guardrails, infrastructure, data, people), score it, and turn the "
            "gaps into a roadmap and a report.</p>"
            "<p>Everything stays on this computer: the app never uses the network.</p>"
            f"<p>Your data: {self.session.paths.data_dir}</p>",
        )

    def show_shortcuts(self) -> None:
        QMessageBox.information(
            self,
            "Keyboard shortcuts",
            "<table cellpadding=3>"
            "<tr><td><b>Ctrl+N</b></td><td>New assessment</td></tr>"
            "<tr><td><b>Ctrl+1 … 6</b></td><td>Assessments, questions, results, roadmap, "
            "library, scores over time</td></tr>"
            "<tr><td><b>1 – 9</b></td><td>Pick an answer</td></tr>"
            "<tr><td><b>Enter, Alt+→</b></td><td>Next question</td></tr>"
            "<tr><td><b>Alt+←</b></td><td>Previous question</td></tr>"
            "<tr><td><b>Ctrl+F</b></td><td>Flag for follow-up (search on the home page)</td></tr>"
            "<tr><td><b>Ctrl+Z, Ctrl+Shift+Z</b></td><td>Undo, redo</td></tr>"
            "<tr><td><b>F2, Del</b></td><td>Rename, delete (home page)</td></tr>"
            "<tr><td><b>Ctrl+E, Ctrl+,</b></td><td>Export the report, settings</td></tr>"
            "<tr><td><b>Ctrl+← →</b></td><td>Move a roadmap card to the phase before or "
            "after; ← → ↑ ↓ walk the board, Enter edits, H hides, Del removes, Insert "
            "adds</td></tr>"
            "<tr><td><b>F11</b></td><td>Present to the room: R reveals the answers, "
            "1 – 9 agree, Esc leaves</td></tr>"
            "<tr><td><b>Ctrl+Shift+P, R, D</b></td><td>Participants, room view, where the "
            "room disagrees</td></tr>"
            "</table>",
        )

    # --- other writers ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """Coming back to the window: if the command line changed the store meanwhile,
        show what it did."""
        super().changeEvent(event)
        activated = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if activated and self.home.loaded:
            self.session.op(lambda core: core.store.changed_elsewhere()).success(
                self._changed_elsewhere
            ).run()

    def _changed_elsewhere(self, changed: bool) -> None:
        if not changed:
            return
        self.home.refresh()
        page = self.stack.currentWidget()
        if self.current_assessment is not None and page in (
            self._walker,
            self._results,
            self._roadmap,
        ):
            page.open(self.current_assessment)  # type: ignore[union-attr]

    # --- window state -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = app_settings(self.session.paths).value("window/geometry")
        if isinstance(saved, QByteArray):
            self.restoreGeometry(saved)

    def closeEvent(self, event: QCloseEvent) -> None:
        app_settings(self.session.paths).setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
