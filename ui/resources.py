"""Paths to the app's fonts, icons and style sheet (the bundled `resources/`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from assessor.paths import bundled_resources


def style_sheet() -> str:
    return (bundled_resources() / "styles" / "app.qss").read_text(encoding="utf-8")


def icon_path(name: str) -> Path:
    return bundled_resources() / "icons" / name


def load_chart_fonts() -> None:
    """The report's charts name Noto Sans: load the bundled files once, when a screen
    first shows a chart (not at start-up)."""
    app = QApplication.instance()
    if app is None or app.property("assessorFonts"):
        return
    for font in sorted((bundled_resources() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font))
    app.setProperty("assessorFonts", True)
