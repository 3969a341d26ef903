"""Every modal dialog the app shows goes through here, so tests patch one module.

Two kinds of error, one dialog each:
- a user error (`AssessorError`: a refused file, a bad value): what is wrong and what to
  do, in the core's own words;
- an internal error (a bug): an apology, the assurance that saved work is safe, the
  traceback to copy, and where the log is.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from assessor.errors import AssessorError
from assessor.paths import APP_NAME, AppPaths

log = logging.getLogger("ui")


def log_file(paths: AppPaths) -> Path:
    return paths.data_dir / "logs" / "assessor.log"


def show_error(parent: QWidget | None, error: BaseException, paths: AppPaths) -> None:
    if isinstance(error, AssessorError):
        show_user_error(parent, str(error))
    else:
        log.error("internal error", exc_info=error)
        show_internal_error(parent, error, log_file(paths))


def show_user_error(parent: QWidget | None, message: str, title: str = "Not done") -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("userError")
    box.exec()


def show_internal_error(parent: QWidget | None, error: BaseException, log_path: Path) -> None:
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    box = QMessageBox(
        QMessageBox.Icon.Critical, APP_NAME, "", QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("internalError")
    box.setText("Something went wrong inside the app.")
    box.setInformativeText(
        f"{type(error).__name__}: {error}\n\nEvery answer confirmed as saved is safe. "
        f"The details below are also in the log:\n{log_path}"
    )
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()  # keep the box open after copying
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before doing something; `action` labels the button that does it."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A line of text from the user, or None when they cancel."""
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def choose_item(parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
    """The index of the item the user picked from a list, or None when they cancel."""
    value, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(value) if ok and value in items else None


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)
