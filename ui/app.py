"""Start the desktop app: `ai-readiness-assessor`, `python -m ui.app` or `make run`.

Start-up shows the home window first and leaves the rest (the questionnaires' validation,
reportlab) for the worker thread or for the moment a screen needs it.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from assessor import __version__
from assessor.paths import APP_NAME, AppPaths
from ui import dialogs
from ui.preferences import Preferences
from ui.resources import icon_path
from ui.theme import apply_choice, apply_theme, follow_system

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.session import Session

log = logging.getLogger("ui")
LOG_HANDLER = "assessor-log"


def create_app(argv: list[str] | None = None, theme: str | None = None) -> QApplication:
    """The QApplication with the app's name, icon, fonts and theme (reuses one if it exists)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    if app.property("assessorReady") and theme is None:
        return app
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("AI Readiness Assessor")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(icon_path("app.svg"))))
    app.setStyle("Fusion")
    apply_theme(app, theme)
    if not app.property("assessorReady"):
        follow_system(app)
    app.setProperty("assessorReady", True)
    return app


def apply_saved_theme(app: QApplication, paths: AppPaths) -> str:
    """The theme chosen in Settings, at start (ASSESSOR_THEME still wins)."""
    return apply_choice(app, Preferences.load(paths).theme)


def setup_logging(paths: AppPaths) -> None:
    """Log to a rotating file in the data folder (the internal-error dialog names it)."""
    path = dialogs.log_file(paths)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:  # a read-only data folder: the app still runs, logging to stderr
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name(LOG_HANDLER)
    root = logging.getLogger()
    for earlier in [h for h in root.handlers if h.get_name() == LOG_HANDLER]:
        root.removeHandler(earlier)  # the data folder moved: log in the new one
        earlier.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _show_unexpected_error(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Last resort: log the traceback and tell the user, instead of vanishing."""
    traceback.print_exception(kind, error, tb)
    log.error("unexpected error", exc_info=(kind, error, tb))
    dialogs.show_internal_error(None, error, dialogs.log_file(AppPaths.from_environment()))


def open_window(session: Session, arguments: list[str]) -> MainWindow:
    """Show the main window and start it; the files named after the program
    (`ai-readiness-assessor FILE.json`) are imported as File › Import would, so one that
    is not an assessment file is refused with the core's reason, not ignored."""
    from ui.main_window import MainWindow

    window = MainWindow(session)
    window.show()
    window.start()
    files = [Path(a) for a in arguments[1:] if not a.startswith("-")]
    if files:
        window.files.import_files(files)
    return window


def main() -> int:
    from ui.session import Session

    app = create_app()
    paths = AppPaths.from_environment()
    apply_saved_theme(app, paths)
    setup_logging(paths)
    sys.excepthook = _show_unexpected_error
    session = Session(paths)
    session.relocated.connect(setup_logging)
    _window = open_window(session, app.arguments())  # kept: the window lives until exit
    if paths.warning:  # a moved data folder that is not there: say which one is used
        log.warning(paths.warning)
        QTimer.singleShot(0, lambda: dialogs.inform(_window, "Data folder", paths.warning))
    code = app.exec()
    session.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
