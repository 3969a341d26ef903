"""Paths to the app's fonts, icons and style sheet (the bundled `resources/`)."""

from __future__ import annotations

from pathlib import Path

from assessor.paths import bundled_resources


def style_sheet() -> str:
    return (bundled_resources() / "styles" / "app.qss").read_text(encoding="utf-8")


def icon_path(name: str) -> Path:
    return bundled_resources() / "icons" / name
