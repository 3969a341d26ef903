"""Hand-offs in the app: File › Export pack for a respondent, a pack opened and its
responses exported, a responses file merged (its results shown, what was merged said),
the anonymised export and the responses as CSV."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assessor.exchange.handoff import read_exchange_file
from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.answering import record_answer
from assessor.usecases.demo import create_demo
from assessor.usecases.handoff import import_file, save_export, save_pack
from tests.ui.conftest import DialogLog
from ui import dialogs
from ui.export import actions, locations
from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture
def window(session: Session, demo_id: int, qtbot: QtBot) -> Iterator[MainWindow]:
    opened = MainWindow(session)
    qtbot.addWidget(opened)
    opened.show()
    opened.start()
    opened.open_results(demo_id)
    return opened


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[tuple[str, str]]]:
    """Answer the save dialog with a path and a filter; return (caption, filters) asked."""
    asked: list[tuple[str, str]] = []

    def answer(path: Path, chosen: str = "") -> list[tuple[str, str]]:
        def choose(_parent: object, caption: str, _start: Path, filters: str):  # type: ignore[no-untyped-def]
            asked.append((caption, filters))
            return path, chosen

        monkeypatch.setattr(locations, "choose_save_path", choose)
        return asked

    return answer


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Store]:
    """The respondent's own machine."""
    opened = Store(tmp_path / "laptop.sqlite")
    yield opened
    opened.close()


def test_a_pack_is_exported_for_the_participant_picked(
    window: MainWindow, tmp_path: Path, save_as: Callable[..., list[tuple[str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    offered: list[list[str]] = []
    monkeypatch.setattr(
        dialogs, "choose_item", lambda _p, _t, _l, items: offered.append(items) or 1
    )
    save_as(tmp_path / "pack-jonas")
    window.files.export_pack_action.trigger()
    assert offered == [
        ["Amélie Laurent (Chief Risk Officer)", "Jonas Weber (Chief Technology Officer)"]
    ]
    pack = read_exchange_file(tmp_path / "pack-jonas.json")
    assert pack.payload.respondent.name == "Jonas Weber"  # type: ignore[union-attr]
    assert "questionnaire pack for Jonas Weber" in window.statusBar().currentMessage()


def test_a_pack_opens_as_an_assessment_whose_export_is_the_responses_file(
    window: MainWindow, session: Session, tmp_path: Path, library: Library, laptop: Store,
    save_as: Callable[..., list[tuple[str, str]]], dialog_log: DialogLog,
) -> None:  # fmt: skip
    # The pack comes from another consultant's store; this app is the respondent's.
    consultant = Store(tmp_path / "consultant.sqlite")
    try:
        create_demo(consultant, library)
        save_pack(consultant, 1, "cto", tmp_path / "pack.json")
    finally:
        consultant.close()
    window.files.import_files([tmp_path / "pack.json"])
    assert "to be answered as Jonas Weber" in dialog_log.informed[-1]
    opened = window.current_assessment
    assert opened == 2
    asked = save_as(tmp_path / "back")
    window.files.export_assessment_action.trigger()
    assert asked == [("Export responses for the consultant", actions.RESPONSES_FILTER)]
    back = read_exchange_file(tmp_path / "back.json")
    assert back.format == "ai-readiness-responses"
    assert "responses file of Jonas Weber" in window.statusBar().currentMessage()


def test_a_responses_file_merges_and_its_results_open_saying_what_was_merged(
    window: MainWindow, session: Session, demo_id: int, tmp_path: Path, library: Library,
    laptop: Store, dialog_log: DialogLog,
) -> None:  # fmt: skip
    pack = tmp_path / "pack.json"
    session.call(lambda core: save_pack(core.store, demo_id, "cto", pack))
    opened = import_file(laptop, library, pack).value.assessment_id
    record_answer(laptop, library, opened, "GOV-01", "l5")
    save_export(laptop, opened, tmp_path / "back.json")
    window.show_home()
    window.files.import_files([tmp_path / "back.json"])
    assert window.current_assessment == demo_id
    assert window.stack.currentWidget() is window.results
    assert "Merged into assessment 1 as Jonas Weber: 1 answer added" in dialog_log.informed[-1]
    window.files.import_files([pack])  # the pack, here where its assessment is: refused
    assert "holds that assessment already" in dialog_log.errors[-1]


def test_the_anonymised_export_is_a_filter_of_the_save_dialog(
    window: MainWindow, tmp_path: Path, save_as: Callable[..., list[tuple[str, str]]]
) -> None:
    asked = save_as(tmp_path / "anonymous", actions.ANONYMISED_FILTER)
    window.files.export_assessment_action.trigger()
    assert actions.ANONYMISED_FILTER in asked[0][1]
    data = json.loads((tmp_path / "anonymous.json").read_text(encoding="utf-8"))
    assert data["client"] == {"name": "Client A"}
    assert "Anonymised assessment written" in window.statusBar().currentMessage()


def test_the_responses_export_as_csv(
    window: MainWindow, tmp_path: Path, save_as: Callable[..., list[tuple[str, str]]]
) -> None:
    save_as(tmp_path / "answers")
    window.files.export_csv_action.trigger()
    raw = (tmp_path / "answers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfQuestion,Domain,Section,Prompt,Respondent")
    assert "Responses written" in window.statusBar().currentMessage()
