"""Settings, the data folder, File › Open Recent and Help, as a user meets them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from assessor.library.installed import Library
from assessor.paths import AppPaths
from assessor.report.branding import DEFAULT_CONFIDENTIALITY
from assessor.usecases.assessments import delete_assessment
from tests.ui.conftest import DialogLog
from ui.app import apply_saved_theme
from ui.main_window import MainWindow
from ui.preferences import Preferences
from ui.session import Session
from ui.settings import data_folder, dialog
from ui.settings.cover_preview import PAGE_WIDTH
from ui.settings.dialog import SettingsDialog
from ui.theme import DARK, LIGHT, apply_choice

DEMO = "Northwind Mutual Insurance – AI readiness review 2026"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    """A data folder and a settings folder of the test's own, as an installed app has."""
    return AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")


@pytest.fixture
def own_session(paths: AppPaths, library: Library, dialog_log: DialogLog) -> Iterator[Session]:
    created = Session(paths, inline=True, library=library)
    yield created
    created.close()
    assert not dialog_log.internal, f"internal errors: {dialog_log.internal}"


@pytest.fixture(autouse=True)
def system_theme_after(qapp: QApplication) -> Iterator[None]:
    yield
    apply_choice(qapp, "system")


def start_window(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


@pytest.fixture
def window(qtbot: QtBot, own_session: Session) -> MainWindow:
    return start_window(qtbot, own_session)


def open_settings(window: MainWindow, qtbot: QtBot, how: str = "menu") -> SettingsDialog:
    if how == "menu":
        window.settings_action.trigger()
    else:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    opened = window.settings_dialog
    assert opened.isVisible()
    return opened


def branding_file(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "branding.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def share_of_colour(image_colour: str, settings: SettingsDialog) -> float:
    """How much of the cover preview is drawn in a colour (within a small distance)."""
    image = settings.preview.pixmap().toImage()
    wanted = QColor(image_colour)
    hits = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            total += 1
            close = (
                abs(pixel.red() - wanted.red())
                + abs(pixel.green() - wanted.green())
                + abs(pixel.blue() - wanted.blue())
            )
            hits += close < 40
    return hits / total


# --- settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["menu", "shortcut"])
def test_settings_are_found_again_after_a_restart(
    qtbot: QtBot, window: MainWindow, own_session: Session, paths: AppPaths, tmp_path: Path,
    library: Library, how: str,
) -> None:  # fmt: skip
    brand = branding_file(tmp_path / "brand", "consultancy: Example & Partners\n")
    settings = open_settings(window, qtbot, how)
    assert settings.confidentiality.placeholderText() == DEFAULT_CONFIDENTIALITY
    settings.consultant.setText("Jane Doe")
    settings.organisation.setText("Doe Advisory")
    settings.confidentiality.setText("Board only.")
    settings.set_branding_file(brand)
    settings.theme.setCurrentIndex(settings.theme.findData("dark"))
    settings.buttons.button(settings.buttons.StandardButton.Ok).click()
    assert not settings.isVisible()
    window.close()
    own_session.close()

    again = Session(paths, inline=True, library=library)
    try:
        apply_choice(QApplication.instance(), "light")  # type: ignore[arg-type]
        assert apply_saved_theme(QApplication.instance(), paths) == "dark"  # type: ignore[arg-type]
        reopened = open_settings(start_window(qtbot, again), qtbot)
        assert reopened.consultant.text() == "Jane Doe"
        assert reopened.organisation.text() == "Doe Advisory"
        assert reopened.confidentiality.text() == "Board only."
        assert reopened.branding_path.text() == str(brand)
        assert reopened.theme.currentText() == "Dark"
        reopened.reject()
    finally:
        again.close()


def test_the_theme_changes_at_once_and_cancel_puts_it_back(
    qtbot: QtBot, window: MainWindow, qapp: QApplication
) -> None:
    apply_choice(qapp, "light")
    settings = open_settings(window, qtbot)
    settings.theme.setCurrentIndex(settings.theme.findData("dark"))
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(DARK["paper"])
    settings.reject()
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(LIGHT["paper"])


def test_the_environment_still_decides_the_theme(
    qtbot: QtBot, window: MainWindow, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSOR_THEME", "light")
    settings = open_settings(window, qtbot)
    settings.theme.setCurrentIndex(settings.theme.findData("dark"))
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(LIGHT["paper"])
    assert "ASSESSOR_THEME=light is set" in " ".join(
        label.text() for label in settings.findChildren(QLabel)
    )
    settings.reject()


def test_a_bad_branding_file_is_named_with_its_line(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = branding_file(tmp_path / "brand", "consultancy: Example\nprimary_colour: blue\n")
    monkeypatch.setattr(dialog, "choose_branding_file", lambda _parent, _start: bad)
    settings = open_settings(window, qtbot)
    assert settings.preview.has_image

    settings.choose_button.click()

    assert settings.branding_problem.isVisible()
    assert "branding.yaml, line 2: primary_colour" in settings.branding_problem_text.text()
    assert not settings.preview.has_image
    assert "No preview" in settings.preview.page.text()
    settings.clear_button.click()
    assert not settings.branding_problem.isVisible()
    assert settings.preview.has_image
    settings.reject()


def test_the_cover_preview_shows_the_branding(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    plum = "#7A1F5C"
    settings = open_settings(window, qtbot)
    assert settings.preview.has_image
    page = settings.preview.pixmap()
    assert page.width() / page.devicePixelRatio() == pytest.approx(PAGE_WIDTH, abs=1)
    assert share_of_colour(plum, settings) == 0

    settings.set_branding_file(branding_file(tmp_path / "b", f'primary_colour: "{plum}"\n'))
    assert share_of_colour(plum, settings) > 0.0005  # the rule under the client's name

    before = settings.preview.pixmap().toImage()
    settings.organisation.setText("Doe Advisory")  # typed: drawn again after a pause
    qtbot.waitUntil(lambda: settings.preview.pixmap().toImage() != before, timeout=3000)
    settings.reject()


# --- the data folder ---------------------------------------------------------------------------


def test_moving_the_data_folder_keeps_the_work_and_uses_the_new_place(
    qtbot: QtBot, own_session: Session, paths: AppPaths, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, dialog_log: DialogLog,
) -> None:  # fmt: skip
    from assessor.usecases.demo import create_demo

    demo = int(own_session.call(lambda core: create_demo(core.store, core.library)).value)
    target = tmp_path / "usb" / "Assessor"
    monkeypatch.setattr(data_folder, "choose_data_folder", lambda _parent, _start: target)
    settings = SettingsDialog(own_session)
    qtbot.addWidget(settings)
    settings.show()
    assert settings.data_folder.path.text() == str(paths.data_dir)

    settings.data_folder.move_button.click()

    assert "Move the data folder to" in dialog_log.confirmed[-1]
    assert settings.data_folder.path.text() == str(target)
    assert "Moved. The old folder" in settings.data_folder.status.text()
    assert own_session.paths.data_dir == target
    assert own_session.call(lambda core: core.store.path) == target / "assessor.sqlite"
    title = own_session.call(lambda core: core.store.assessment(demo).title)
    assert title == "AI readiness review 2026"
    assert AppPaths.from_environment({"ASSESSOR_CONFIG_DIR": str(paths.config_dir)}).data_dir == (
        target
    )
    settings.reject()


def test_a_refused_move_says_why_under_the_folder(
    qtbot: QtBot, own_session: Session, paths: AppPaths, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    full = tmp_path / "photos"
    full.mkdir()
    (full / "holiday.jpg").write_bytes(b"jpeg")
    monkeypatch.setattr(data_folder, "choose_data_folder", lambda _parent, _start: full)
    settings = SettingsDialog(own_session)
    qtbot.addWidget(settings)
    settings.show()

    settings.data_folder.move_button.click()

    assert settings.data_folder.problem.isVisible()
    assert "is not empty; choose an empty folder" in settings.data_folder.problem_text.text()
    assert settings.data_folder.path.text() == str(paths.data_dir)
    assert own_session.paths.data_dir == paths.data_dir
    assert settings.data_folder.move_button.isEnabled()
    settings.reject()


def test_cancelling_the_confirmation_moves_nothing(
    qtbot: QtBot, own_session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    dialog_log: DialogLog, paths: AppPaths,
) -> None:  # fmt: skip
    monkeypatch.setattr(data_folder, "choose_data_folder", lambda _p, _s: tmp_path / "new")
    dialog_log.confirm_answer = False
    settings = SettingsDialog(own_session)
    qtbot.addWidget(settings)
    settings.data_folder.move_button.click()
    assert own_session.paths.data_dir == paths.data_dir
    assert not (tmp_path / "new").exists()


# --- recent assessments -------------------------------------------------------------------------


def recent_labels(window: MainWindow) -> list[tuple[str, bool]]:
    return [
        (a.text(), a.isEnabled())
        for a in window.recent.actions()
        if not a.isSeparator() and a is not window.recent.clear_action
    ]


def test_open_recent_lists_what_was_opened_latest_first(
    qtbot: QtBot, window: MainWindow, own_session: Session, library: Library
) -> None:
    from assessor.usecases.assessments import reassess

    assert recent_labels(window) == [("No assessments opened yet", False)]
    demo = window.home.selected().id  # type: ignore[union-attr]
    second = int(
        own_session.call(lambda core: reassess(core.store, core.library, demo, "Review 2027")).value
    )
    window.open_results(demo)
    window.open_walker(second)
    assert recent_labels(window) == [
        ("&1 Northwind Mutual Insurance – Review 2027", True),
        (f"&2 {DEMO}", True),
    ]

    window.recent.actions()[1].trigger()  # the sample: complete, so its results
    assert window.stack.currentWidget() is window.results
    assert window.current_assessment == demo
    assert recent_labels(window)[0] == (f"&1 {DEMO}", True)

    own_session.op(lambda core: delete_assessment(core.store, second)).run()
    assert recent_labels(window)[1] == (
        "&2 Northwind Mutual Insurance – Review 2027  (in the bin)",
        False,
    )

    window.close()
    restarted = start_window(qtbot, Session(own_session.paths, inline=True, library=library))
    try:
        assert recent_labels(restarted)[0] == (f"&1 {DEMO}", True)
        restarted.recent.clear_action.trigger()
        assert recent_labels(restarted) == [("No assessments opened yet", False)]
        assert Preferences.load(own_session.paths).recent == ()
    finally:
        restarted.session.close()


# --- help ---------------------------------------------------------------------------------------


def test_help_shows_the_methodology_offline(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.help_actions["methodology"].trigger()
    help_window = window.help_window
    assert help_window is not None
    qtbot.addWidget(help_window)
    assert help_window.isVisible()
    assert help_window.windowTitle().startswith("Methodology: how readiness is scored")
    text = help_window.view.toPlainText()
    assert "Critical gates." in text
    assert help_window.contents.currentItem().text(0) == "Methodology"

    help_window.follow(QUrl("#deadlines"))  # a link inside the page
    assert help_window.view.verticalScrollBar().value() > 0
    assert help_window.contents.currentItem().text(0) == "Deadlines"

    help_window.follow(QUrl("questionnaire-format.md#where-files-go"))  # to another doc
    assert "Where files go" in help_window.view.toPlainText()
    assert help_window.windowTitle().startswith("The questionnaire format")
    help_window.back()
    assert "Critical gates." in help_window.view.toPlainText()

    help_window.follow(QUrl("https://artificialintelligenceact.eu/"))
    assert "Not opened: the app works offline" in help_window.notice.text()
    assert QApplication.clipboard().text() == "https://artificialintelligenceact.eu/"
    assert opened == []
    help_window.close()


def test_the_questionnaire_format_links_to_the_bundled_example(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.help_actions["questionnaire-format"].trigger()
    help_window = window.help_window
    assert help_window is not None
    qtbot.addWidget(help_window)
    help_window.follow(QUrl("examples/example.yaml"))
    assert "id: example-genai-pilot" in help_window.view.toPlainText()
    help_window.close()


def test_the_move_runs_on_the_worker_that_owns_the_store(
    qtbot: QtBot, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the real worker thread: the store is copied, closed and reopened there."""
    threaded = Session(paths)
    try:
        threaded.call(lambda core: core.store.list_assessments())  # opened on the worker
        target = tmp_path / "moved"
        monkeypatch.setattr(data_folder, "choose_data_folder", lambda _parent, _start: target)
        settings = SettingsDialog(threaded)
        qtbot.addWidget(settings)
        settings.data_folder.move_button.click()
        qtbot.waitUntil(lambda: threaded.paths.data_dir == target, timeout=10_000)
        assert threaded.call(lambda core: core.store.path) == target / "assessor.sqlite"
        assert threaded.call(lambda core: core.store.list_assessments()) == []
        settings.reject()
    finally:
        threaded.close()
