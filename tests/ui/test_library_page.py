"""The questionnaire library page: installed questionnaires and the user files that failed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from assessor.library.questionnaires import load_installed_content
from assessor.paths import AppPaths
from tests.conftest import EXAMPLE
from ui.library.model import QuestionnaireTableModel
from ui.library.page import LibraryPage
from ui.session import Session

OpenWindow = Callable[[], LibraryPage]


@pytest.fixture
def open_window(qtbot: QtBot, tmp_path: Path, content_dir: Path) -> Iterator[OpenWindow]:
    """The library page over a content folder the test controls (the example only)."""
    sessions: list[Session] = []

    def open_() -> LibraryPage:
        session = Session(
            AppPaths(data_dir=tmp_path / "data", content_dir=content_dir), inline=True
        )
        sessions.append(session)
        page = LibraryPage(session)
        qtbot.addWidget(page)
        page.show()
        page.reload()
        return page

    yield open_
    for session in sessions:
        session.close()


def table_rows(window: LibraryPage) -> list[list[str]]:
    model = window.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_lists_questionnaires_with_domain_version_and_question_count(
    open_window: OpenWindow,
) -> None:
    window = open_window()
    assert table_rows(window) == [
        ["Generative AI Pilot Check", "Guardrails & Safety Engineering", "1.0", "5", "Bundled"]
    ]
    assert window.subtitle.text() == "1 questionnaire · 1 domain · 5 scored questions"
    assert not window.problems_box.isVisible()
    assert window.stack.currentWidget() is window.table


def test_user_files_load_and_broken_ones_are_reported(
    open_window: OpenWindow, tmp_path: Path
) -> None:
    user = tmp_path / "data" / "questionnaires"
    user.mkdir(parents=True)
    mine = EXAMPLE.read_text(encoding="utf-8").replace("example-genai-pilot", "mine")
    for n in range(1, 7):
        mine = mine.replace(f"EX-0{n}", f"MY-0{n}")
    (user / "mine.yaml").write_text(mine, encoding="utf-8")
    (user / "broken.yaml").write_text("id: x\nid: y\n", encoding="utf-8")
    window = open_window()
    assert [row[4] for row in table_rows(window)] == ["Bundled", "Your folder"]
    assert window.problems_box.isVisible()
    assert window.problems_title.text() == "1 file could not be loaded (1 problem)"
    assert window.problem_list.item(0).text() == (
        "broken.yaml:2: the key 'id' appears twice (first at line 1)"
    )


def test_a_file_saved_in_the_user_folder_appears_without_restarting(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    user = tmp_path / "data" / "questionnaires"
    user.mkdir(parents=True)
    window = open_window()
    assert window.model.rowCount() == 1
    (user / "new.yaml").write_text("title: [\n", encoding="utf-8")
    qtbot.waitUntil(lambda: window.problems_box.isVisible(), timeout=5000)
    assert "new.yaml:" in window.problem_list.item(0).text()


def test_an_empty_library_says_what_to_do(open_window: OpenWindow, content_dir: Path) -> None:
    (content_dir / "example.yaml").unlink()
    window = open_window()
    assert window.stack.currentWidget() is window.empty_state
    assert "Add questionnaire files" in window.empty_state.text()


def test_open_folder_creates_it_with_a_readme(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window = open_window()
    qtbot.mouseClick(window.folder_button, Qt.MouseButton.LeftButton)
    folder = tmp_path / "data" / "questionnaires"
    assert opened == [str(folder)]
    assert (folder / "README.txt").read_text(encoding="utf-8").startswith("Your own questionnaires")


def test_tooltips_give_the_id_and_the_file(open_window: OpenWindow) -> None:
    window = open_window()
    title_tip = window.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    source_tip = window.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "(example-genai-pilot)" in title_tip
    assert source_tip.endswith("example.yaml")


def test_questionnaires_are_listed_in_report_order(qtbot: QtBot) -> None:
    content = load_installed_content(AppPaths(data_dir=Path("/nonexistent")))
    model = QuestionnaireTableModel(content.loaded)
    domains = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert domains == [
        "Strategy & Governance",
        "Compliance & Regulation",
        "Guardrails & Safety Engineering",
        "Infrastructure & Vendor Strategy",
        "Data Readiness",
        "People & Operating Model",
    ]
