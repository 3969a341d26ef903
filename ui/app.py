"""Start the desktop app: `ai-readiness-assessor`, `python -m ui.app` or `make run`.

Start-up shows the home window first and leaves the rest (the questionnaires' validation,
reportlab) for the worker thread or for the moment a screen needs it.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from assessor import __version__
from assessor.paths import APP_NAME, AppPaths
from ui import dialogs
from ui.resources import icon_path
from ui.theme import apply_theme, follow_system

log = logging.getLogger("ui")


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
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


def _show_unexpected_error(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Last resort: log the traceback and tell the user, instead of vanishing."""
    traceback.print_exception(kind, error, tb)
    log.error("unexpected error", exc_info=(kind, error, tb))
    dialogs.show_internal_error(None, error, dialogs.log_file(AppPaths.from_environment()))


def main() -> int:
    from ui.main_window import MainWindow
    from ui.session import Session

    app = create_app()
    paths = AppPaths.from_environment()
    setup_logging(paths)
    sys.excepthook = _show_unexpected_error
    session = Session(paths)
    window = MainWindow(session)
    window.show()
    window.start()
    code = app.exec()
    session.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
