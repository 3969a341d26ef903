"""Paths to the app's fonts, icons and style sheet under `resources/`."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def style_sheet() -> str:
    return (RESOURCES / "styles" / "app.qss").read_text(encoding="utf-8")


def icon_path(name: str) -> Path:
    return RESOURCES / "icons" / name
