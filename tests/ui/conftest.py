"""UI fixtures: a window over a content folder the test controls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assessor.paths import AppPaths
from tests.conftest import BUNDLED, EXAMPLE
from ui.app import create_app
from ui.main_window import MainWindow


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A bundled-content folder holding the example questionnaire."""
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "frameworks").symlink_to(BUNDLED / "frameworks")
    (folder / "example.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture
def open_window(qtbot: QtBot, tmp_path: Path, content_dir: Path) -> Callable[[], MainWindow]:
    def open_() -> MainWindow:
        create_app([])
        window = MainWindow(AppPaths(data_dir=tmp_path / "data", content_dir=content_dir))
        qtbot.addWidget(window)
        window.show()
        return window

    return open_
