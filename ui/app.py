"""Start the desktop app: `ai-readiness-assessor`, `python -m ui.app` or `make run`."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from assessor import __version__
from assessor.paths import APP_NAME, AppPaths
from ui.main_window import MainWindow
from ui.resources import icon_path, style_sheet


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's name, icon and style (reuses one if it exists)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(icon_path("app.svg"))))
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    return app


def _show_unexpected_error(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Last resort: log the traceback and tell the user, instead of vanishing."""
    traceback.print_exception(kind, error, tb)
    QMessageBox.critical(
        None,
        APP_NAME,
        f"Something went wrong: {error}\n\nYour saved work is not affected.",
    )


def main() -> int:
    app = create_app()
    sys.excepthook = _show_unexpected_error
    window = MainWindow(AppPaths.from_environment())
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
