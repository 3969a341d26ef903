"""The data folder in Settings: where it is, and "Move…".

Moving is the core's (`assessor.usecases.data_folder.move_data_folder`: it refuses with
the reason, or copies, verifies, and records the new place). It runs on the worker that
owns the store, which then reopens the store at the new place in the same job, so no other
operation sees the store half-moved; the session then takes the new paths. A refusal is
shown here, under the folder, in the core's words.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor.errors import AssessorError
from ui import dialogs
from ui.operations import Core
from ui.session import Session

if TYPE_CHECKING:
    from assessor.usecases.data_folder import MovedDataFolder


def choose_data_folder(parent: QWidget | None, start: Path) -> Path | None:
    """The folder the user picked to move the data to (a new one may be made in the
    picker); None when they cancel. Tests patch this."""
    name = QFileDialog.getExistingDirectory(parent, "Move the data folder to", str(start))
    return Path(name) if name else None


def move_and_reopen(core: Core, target: Path) -> MovedDataFolder:
    """On the worker: move the data folder, then work from the new place."""
    from assessor.usecases.data_folder import move_data_folder

    moved = move_data_folder(core.paths, core.store, target)
    core.relocate(moved.paths)
    return moved


class DataFolderBox(QWidget):
    """The folder's path, Move…, and what came of the last move."""

    moved = Signal(object)  # MovedDataFolder

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.path = QLineEdit(readOnly=True)
        self.path.setAccessibleName("Data folder")
        row.addWidget(self.path, 1)
        self.move_button = QPushButton("Move…")
        self.move_button.setToolTip(
            "Copy your assessments, questionnaires, backups and logs to another folder, "
            "check the copy, and use it from now on"
        )
        self.move_button.clicked.connect(self.choose_and_move)
        row.addWidget(self.move_button)
        layout.addLayout(row)
        self.problem = QFrame(objectName="problems")
        box = QVBoxLayout(self.problem)
        box.setContentsMargins(10, 8, 10, 8)
        self.problem_text = QLabel(objectName="noticeText", wordWrap=True)
        self.problem_text.setAccessibleName("Why the data folder was not moved")
        box.addWidget(self.problem_text)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.status = QLabel(objectName="detail", wordWrap=True)
        layout.addWidget(self.status)
        self.show_folder()

    def show_folder(self) -> None:
        paths = self.session.paths
        self.path.setText(str(paths.data_dir))
        self.path.setCursorPosition(len(self.path.text()))  # the end: its own name
        if paths.data_dir_origin == "environment":
            self.status.setText("Set by ASSESSOR_DATA_DIR: change that variable to move it.")
            self.move_button.setEnabled(False)
        else:
            self.status.setText("Your assessments, your own questionnaires, backups and logs.")

    def choose_and_move(self) -> None:
        here = self.session.paths.data_dir
        target = choose_data_folder(self.window(), here.parent)
        if target is None:
            return
        if not dialogs.confirm(
            self.window(),
            "Move the data folder",
            f"Move the data folder to {target}?\n\nYour assessments, questionnaires, backups "
            "and logs are copied there and checked, and the app and the command line use "
            f"that folder from now on. {here} stays as it is, with a note: you may delete "
            "it afterwards.",
            "Move",
        ):
            return
        self.move_to(target)

    def move_to(self, target: Path) -> None:
        self.move_button.setEnabled(False)
        self.problem.hide()
        self.status.setText(f"Moving to {target}…")
        self.session.op(lambda core: move_and_reopen(core, target)).success(self._moved).failure(
            self._refused
        ).run()

    def _moved(self, moved: MovedDataFolder) -> None:
        self.session.relocate(moved.paths)
        self.move_button.setEnabled(True)
        self.show_folder()
        left = "with a note; delete it when you wish" if moved.note else "as it was"
        self.status.setText(f"Moved. The old folder, {moved.source}, stays {left}.")
        self.moved.emit(moved)

    def _refused(self, error: BaseException) -> None:
        self.move_button.setEnabled(True)
        self.show_folder()
        if not isinstance(error, AssessorError):
            self.session.report_error(error)
            return
        self.problem_text.setText(f"Not moved. {error}")
        self.problem.show()
