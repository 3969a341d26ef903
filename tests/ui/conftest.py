"""UI fixtures: one QApplication, a session over a fresh store running operations inline,
patched dialogs, and a check that no test leaves a dialog open.

Operations run inline on the test's thread (`Session(paths, inline=True)`), so a click's
effect is there when the click returns; `threaded_session` opts into the real worker.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from assessor.library.installed import Library
from assessor.paths import AppPaths
from tests.conftest import BUNDLED, EXAMPLE
from ui import dialogs
from ui.app import create_app
from ui.session import Session

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A bundled-content folder holding the example questionnaire."""
    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("frameworks", "profiles", "calendar"):
        (folder / name).symlink_to(BUNDLED / name)
    (folder / "example.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return []


@pytest.fixture(autouse=True)
def _app(qapp: QApplication) -> QApplication:
    return create_app([])


@dataclass
class DialogLog:
    """What the patched dialogs were asked, and what they answer."""

    errors: list[str] = field(default_factory=list)
    internal: list[BaseException] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    confirm_answer: bool = True
    text_answer: str | None = None


@pytest.fixture(autouse=True)
def dialog_log(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    """Modal dialogs never block a test: each records its question and answers as told."""
    log = DialogLog()

    def user_error(_parent: QWidget | None, message: str, title: str = "") -> None:
        log.errors.append(message)

    def internal(_parent: QWidget | None, error: BaseException, _log: Path) -> None:
        log.internal.append(error)

    def confirm(_parent: QWidget | None, title: str, text: str, action: str) -> bool:
        log.confirmed.append(text)
        return log.confirm_answer

    def ask_text(_parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        return log.text_answer

    def inform(_parent: QWidget | None, title: str, text: str) -> None:
        log.informed.append(text)

    monkeypatch.setattr(dialogs, "show_user_error", user_error)
    monkeypatch.setattr(dialogs, "show_internal_error", internal)
    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "ask_text", ask_text)
    monkeypatch.setattr(dialogs, "inform", inform)
    return log


@pytest.fixture(autouse=True)
def no_dialog_left_open(qapp: QApplication) -> Iterator[None]:
    """Fail any test that leaves a dialog open (it would block a user)."""
    yield
    left = [
        w for w in qapp.topLevelWidgets() if isinstance(w, QDialog | QMessageBox) and w.isVisible()
    ]
    for widget in left:
        widget.close()
    assert not left, (
        f"dialogs left open: {[type(w).__name__ + ' ' + w.windowTitle() for w in left]}"
    )


@pytest.fixture
def app_paths_ui(tmp_path: Path) -> AppPaths:
    """The bundled content, and a data folder of the test's own."""
    return AppPaths(data_dir=tmp_path / "data")


@pytest.fixture
def session(app_paths_ui: AppPaths, dialog_log: DialogLog, library: Library) -> Iterator[Session]:
    created = Session(app_paths_ui, inline=True, library=library)
    yield created
    created.close()
    assert not dialog_log.internal, f"internal errors: {dialog_log.internal}"


@pytest.fixture
def threaded_session(app_paths_ui: AppPaths) -> Iterator[Session]:
    created = Session(app_paths_ui)
    yield created
    created.close()


@pytest.fixture
def demo_id(session: Session) -> int:
    """The sample assessment, in the session's store."""
    from assessor.usecases.demo import create_demo

    changes = session.call(lambda core: create_demo(core.store, core.library))
    return int(changes.value)


Shown = Callable[..., Any]


@pytest.fixture
def show(qtbot: QtBot) -> Callable[[QWidget], QWidget]:
    """Show a widget for the test, and close it afterwards."""

    def show_(widget: QWidget) -> QWidget:
        qtbot.addWidget(widget)
        widget.resize(1200, 800)
        widget.show()
        return widget

    return show_
