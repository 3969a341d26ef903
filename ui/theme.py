"""Light and dark, following the system: one palette per theme, one style sheet.

The style sheet (`resources/styles/app.qss`) names colours by role (`@ink`, `@accent`);
`apply_theme` fills them in from the palette of the theme in force and sets the matching
QPalette, so native parts (menus, scroll bars, dialogs) agree with the styled ones.
`ASSESSOR_THEME=light|dark` forces a theme (screen captures, tests).
"""

from __future__ import annotations

import os
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ui.resources import style_sheet

LIGHT = {
    "paper": "#f6f7f9", "card": "#ffffff", "cardAlt": "#fafbfc", "ink": "#1d2a3a",
    "muted": "#5b6778", "line": "#dfe3e8", "lineSoft": "#eef0f3", "lineStrong": "#c9d0d8",
    "accent": "#1f6f8b", "accentHover": "#195d75", "accentSoft": "#e3f0f5", "onAccent": "#ffffff",
    "focus": "#2b8fb3", "selection": "#e3f0f5", "good": "#2e7d4f", "warnSoft": "#fff8e6",
    "warnLine": "#f0d48a", "warnInk": "#7a5300", "bad": "#b3261e",
}  # fmt: skip
DARK = {
    "paper": "#15191f", "card": "#1e242c", "cardAlt": "#222a33", "ink": "#e6eaef",
    "muted": "#9aa5b4", "line": "#323b46", "lineSoft": "#29313b", "lineStrong": "#414b58",
    "accent": "#5fb3d1", "accentHover": "#7cc3dd", "accentSoft": "#1f3945", "onAccent": "#0d1a20",
    "focus": "#7cc3dd", "selection": "#1f3945", "good": "#6cc28f", "warnSoft": "#3a3020",
    "warnLine": "#6b5626", "warnInk": "#f0cf7a", "bad": "#f08a80",
}  # fmt: skip


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def current_theme() -> str:
    forced = os.environ.get("ASSESSOR_THEME", "").lower()
    if forced in {"light", "dark"}:
        return forced
    return "dark" if system_is_dark() else "light"


def applied_theme() -> str | None:
    """The theme `apply_theme` last styled the app with (None before it has)."""
    app = QApplication.instance()
    theme = app.property("assessorTheme") if app is not None else None
    return theme if theme in {"light", "dark"} else None


def colours(theme: str | None = None) -> dict[str, str]:
    """The palette of `theme`; by default the one the app is styled with."""
    return DARK if (theme or applied_theme() or current_theme()) == "dark" else LIGHT


def filled_style_sheet(palette: dict[str, str]) -> str:
    # Longest names first, so @accentSoft is not read as @accent + "Soft".
    names = sorted(palette, key=len, reverse=True)
    pattern = re.compile("@(" + "|".join(names) + ")")
    return pattern.sub(lambda m: palette[m.group(1)], style_sheet())


def apply_theme(app: QApplication, theme: str | None = None) -> str:
    """Style the app for a theme (the system's when None); return the theme applied."""
    chosen = theme or current_theme()
    c = colours(chosen)
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["paper"], QPalette.ColorRole.WindowText: c["ink"],
        QPalette.ColorRole.Base: c["card"], QPalette.ColorRole.AlternateBase: c["cardAlt"],
        QPalette.ColorRole.Text: c["ink"], QPalette.ColorRole.Button: c["card"],
        QPalette.ColorRole.ButtonText: c["ink"], QPalette.ColorRole.Highlight: c["accent"],
        QPalette.ColorRole.HighlightedText: c["onAccent"], QPalette.ColorRole.ToolTipBase: c["ink"],
        QPalette.ColorRole.ToolTipText: c["paper"], QPalette.ColorRole.PlaceholderText: c["muted"],
        QPalette.ColorRole.Link: c["accent"], QPalette.ColorRole.Mid: c["line"],
    }  # fmt: skip
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(c["muted"]))
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(c["muted"])
    )
    app.setPalette(palette)
    app.setStyleSheet(filled_style_sheet(c))
    app.setProperty("assessorTheme", chosen)
    return chosen


def apply_choice(app: QApplication, choice: str) -> str:
    """Apply the theme chosen in Settings: "system", "light" or "dark" (ASSESSOR_THEME
    still wins). While light or dark is chosen, a switch of the system's is not followed."""
    app.setProperty("assessorThemeChoice", choice)
    forced = os.environ.get("ASSESSOR_THEME", "").lower() in {"light", "dark"}
    return apply_theme(app, None if forced or choice not in {"light", "dark"} else choice)


def follow_system(app: QApplication) -> None:
    """Restyle when the system switches between light and dark (unless the user chose one)."""

    def switched(_scheme: object) -> None:
        if app.property("assessorThemeChoice") in {None, "", "system"}:
            apply_theme(app)

    QGuiApplication.styleHints().colorSchemeChanged.connect(switched)
