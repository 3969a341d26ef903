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
from ui.home.page import HomePage
from ui.preferences import app_settings
from ui.resources import icon_path
from ui.session import Session

if TYPE_CHECKING:
    from ui.library.page import LibraryPage
    from ui.results.page import ResultsPage
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
        self.current_assessment: int | None = None

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

        view = bar.addMenu("&View")
        self.view_actions = {
            "home": self._action("&Assessments", self.show_home, "Ctrl+1",
                                 "The list of assessments"),
            "walker": self._action("&Questions", self._walk_current, "Ctrl+2",
                                   "Answer the current assessment's questions"),
            "results": self._action("&Results", self._results_current, "Ctrl+3",
                                    "The current assessment's scores"),
            "library": self._action("Questionnaire &library", self.open_library, "Ctrl+4",
                                    "The installed questionnaires and your own"),
        }  # fmt: skip
        for action in self.view_actions.values():
            view.addAction(action)

        help_menu = bar.addMenu("&Help")
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
            self.stack.addWidget(self._results)
        return self._results

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

    def open_results(self, assessment_id: int) -> None:
        self.current_assessment = assessment_id
        self._enable_views()
        self.results.open(assessment_id)
        self.stack.setCurrentWidget(self.results)

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

    # --- help --------------------------------------------------------------------------------

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
            "<tr><td><b>Ctrl+1 … 4</b></td><td>Assessments, questions, results, library</td></tr>"
            "<tr><td><b>1 – 9</b></td><td>Pick an answer</td></tr>"
            "<tr><td><b>Enter, Alt+→</b></td><td>Next question</td></tr>"
            "<tr><td><b>Alt+←</b></td><td>Previous question</td></tr>"
            "<tr><td><b>Ctrl+F</b></td><td>Flag for follow-up (search on the home page)</td></tr>"
            "<tr><td><b>Ctrl+Z, Ctrl+Shift+Z</b></td><td>Undo, redo</td></tr>"
            "<tr><td><b>F2, Del</b></td><td>Rename, delete (home page)</td></tr>"
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
        if self.current_assessment is not None and page in (self._walker, self._results):
            page.open(self.current_assessment)  # type: ignore[union-attr]

    # --- window state -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = app_settings(self.session.paths).value("window/geometry")
        if isinstance(saved, QByteArray):
            self.restoreGeometry(saved)

    def closeEvent(self, event: QCloseEvent) -> None:
        app_settings(self.session.paths).setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
