"""Where exported files go and how the user gets to them: the file pickers, the folder
used last, the default names, opening a file or showing it in its folder.

The pickers and the desktop calls are module-level functions so that tests patch them
(a native file dialog would block a test; opening a viewer would leave one open).
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from assessor.paths import AppPaths
from ui.preferences import app_settings

EXPORT_FOLDER = "files/export_folder"
IMPORT_FOLDER = "files/import_folder"
#: Characters no file name may hold on one platform or another, and control characters.
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def choose_save_path(
    parent: QWidget | None, caption: str, start: Path, filters: str
) -> tuple[Path | None, str]:
    """The file the user chose to write, and the filter chosen; (None, "") when cancelled."""
    name, chosen = QFileDialog.getSaveFileName(parent, caption, str(start), filters)
    return (Path(name) if name else None), chosen


def choose_open_path(
    parent: QWidget | None, caption: str, start: Path, filters: str
) -> Path | None:
    name, _chosen = QFileDialog.getOpenFileName(parent, caption, str(start), filters)
    return Path(name) if name else None


def open_file(path: Path) -> bool:
    """Open a file in the desktop's application for it (the PDF viewer)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Show the file selected in the file manager where the platform can; else its folder."""
    try:
        if sys.platform == "win32":
            subprocess.Popen(["explorer", f"/select,{path}"])
            return True
        if sys.platform == "darwin":
            subprocess.Popen(["open", "-R", str(path)])
            return True
    except OSError:
        pass
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def with_suffix(path: Path, suffix: str) -> Path:
    """The path with the suffix a filter chose, unless it already ends so."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def default_name(
    client: str, title: str, suffix: str, kind: str = "", day: date | None = None
) -> str:
    """ "Northwind - AI readiness review - 2026-12-01.pdf", safe as a file name anywhere."""
    parts = [client, title, kind, (day or date.today()).isoformat()]
    cleaned = [_NOT_IN_NAMES.sub(" ", part).strip(" .") for part in parts]
    stem = " - ".join(re.sub(r"\s+", " ", part) for part in cleaned if part)
    return stem[:180] + suffix


def last_folder(paths: AppPaths, key: str = EXPORT_FOLDER) -> Path:
    """The folder a file was last exported to (or imported from), if it still exists;
    else the user's documents or home folder."""
    saved = app_settings(paths).value(key, "")
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def remember_folder(paths: AppPaths, path: Path, key: str = EXPORT_FOLDER) -> None:
    settings = app_settings(paths)
    settings.setValue(key, str(path.parent))
    settings.sync()
