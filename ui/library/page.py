"""The questionnaire library: the installed questionnaires, and the user files that failed.

It loads content through the core (the worker reloads the library) and shows the result;
it never validates or reads YAML itself. The user's folder is watched, so a consultant
who saves a file there sees it appear (or its problems listed) without restarting.
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor.errors import Problem, count_problems
from assessor.library.questionnaires import ContentSet, ensure_user_folder
from ui.library.model import QuestionnaireTableModel
from ui.session import Session


class LibraryPage(QWidget):
    home_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")
        self.session = session
        self.paths = session.paths
        self.content: ContentSet | None = None

        self.model = QuestionnaireTableModel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(16)
        layout.addLayout(self._build_header())
        self.problems_box, self.problems_title, self.problem_list = self._build_problems()
        layout.addWidget(self.problems_box)
        layout.addWidget(self._build_library(), 1)
        self.folder_label = QLabel(objectName="subtitle")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setText(f"Your questionnaire folder: {self.paths.user_questionnaires}")
        layout.addWidget(self.folder_label)

        # Reload shortly after the user's folder changes (editors save in several steps).
        self.watcher = QFileSystemWatcher(self)
        self.reload_timer = QTimer(self, singleShot=True, interval=300)
        self.reload_timer.timeout.connect(self.reload)
        self.watcher.directoryChanged.connect(lambda _path: self.reload_timer.start())
        self.watcher.fileChanged.connect(lambda _path: self.reload_timer.start())

    # --- building -------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        back = QPushButton("‹ Assessments")
        back.setToolTip("Back to the list of assessments (Ctrl+1)")
        back.setAccessibleName("Back to assessments")
        back.clicked.connect(self.home_requested)
        header.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(QLabel("Questionnaire library", objectName="title"))
        self.subtitle = QLabel(objectName="subtitle")
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        self.reload_button = QPushButton("Reload")
        self.reload_button.setToolTip("Read the questionnaire files again")
        self.reload_button.clicked.connect(self.reload)
        self.folder_button = QPushButton("Open my questionnaire folder", objectName="primary")
        self.folder_button.setToolTip(str(self.paths.user_questionnaires))
        self.folder_button.clicked.connect(self.open_user_folder)
        for button in (self.reload_button, self.folder_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        return header

    def _build_problems(self) -> tuple[QFrame, QLabel, QListWidget]:
        box = QFrame(objectName="problems")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        title = QLabel(objectName="problemsTitle")
        hint = QLabel(
            "These files were skipped; the rest loaded normally. Fix the line named and "
            "save: the list updates by itself."
        )
        hint.setWordWrap(True)
        problem_list = QListWidget(objectName="problemList")
        problem_list.setWordWrap(True)
        problem_list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(problem_list)
        return box, title, problem_list

    def _build_library(self) -> QFrame:
        card = QFrame(objectName="card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(1, 1, 1, 1)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_state = QLabel(
            "No questionnaires found.\nAdd questionnaire files to your folder to get started.",
            objectName="emptyState",
            alignment=Qt.AlignmentFlag.AlignCenter,
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_state)
        layout.addWidget(self.stack)
        return card

    # --- behaviour -----------------------------------------------------------------

    def reload(self) -> None:
        """Load the content again through the core (on the worker) and show it."""
        self.session.op(lambda core: core.reload_library().content, source=self).success(
            self.show_content
        ).run()

    def show_content(self, content: ContentSet) -> None:
        self.content = content
        self._watch_user_folder()
        self.model.set_questionnaires(content.loaded)
        self.stack.setCurrentWidget(self.table if content.loaded else self.empty_state)
        questions = sum(len(item.questionnaire.scored_questions) for item in content.loaded)
        domains = len({item.questionnaire.domain for item in content.loaded})
        self.subtitle.setText(
            f"{_count(len(content.loaded), 'questionnaire')} · {_count(domains, 'domain')} · "
            f"{_count(questions, 'scored question')}"
        )
        self.show_problems(content.problems)

    def show_problems(self, problems: list[Problem]) -> None:
        self.problem_list.clear()
        files = len({p.path for p in problems})
        self.problems_box.setVisible(bool(problems))
        if not problems:
            return
        self.problems_title.setText(
            f"{_count(files, 'file')} could not be loaded "
            f"({_count(count_problems(problems), 'problem')})"
        )
        for problem in problems:
            self.problem_list.addItem(f"{problem.path.name}:{problem.line}: {problem.message}")
            item = self.problem_list.item(self.problem_list.count() - 1)
            item.setToolTip(str(problem.path))
        # Show up to five problems without scrolling, and no empty space below them.
        shown = min(len(problems), 5)
        row = self.problem_list.sizeHintForRow(0)
        self.problem_list.setFixedHeight(shown * row + 2 * self.problem_list.frameWidth() + 4)

    def open_user_folder(self) -> None:
        folder = ensure_user_folder(self.paths)
        self._watch_user_folder()
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _watch_user_folder(self) -> None:
        folder = self.paths.user_questionnaires
        if not folder.is_dir():
            return
        watched = set(self.watcher.directories()) | set(self.watcher.files())
        wanted = {str(folder)} | {str(p) for p in folder.glob("*.y*ml")}
        missing = sorted(wanted - watched)
        if missing:
            self.watcher.addPaths(missing)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
