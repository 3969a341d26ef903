"""Moving the data folder: everything arrives, the command line follows, and every refusal
says why and leaves everything as it was."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import platformdirs
import pytest

from assessor.cli import main
from assessor.errors import UsageError
from assessor.library.installed import Library
from assessor.paths import AppPaths
from assessor.store.database import Store
from assessor.usecases.answering import record_answer
from assessor.usecases.data_folder import NOTE_NAME, move_data_folder
from assessor.usecases.demo import create_demo
from tests.conftest import EXAMPLE


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")


@pytest.fixture
def filled(paths: AppPaths, library: Library) -> Iterator[tuple[Store, int]]:
    """A data folder as a consultant's looks: the store with the sample, an answer, their
    own questionnaire, a backup and a log."""
    store = Store(paths.database)
    demo = int(create_demo(store, library).value)
    question = next(q for q in store.questions_of(demo).values() if q.options)
    record_answer(store, library, demo, question.id, question.options[-1].id)
    paths.user_profiles.mkdir(parents=True)
    (paths.user_questionnaires / "mine.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"))
    (paths.data_dir / "assessor.sqlite.backup-20260101-before-0002").write_bytes(b"x" * 3000)
    (paths.data_dir / "logs").mkdir()
    (paths.data_dir / "logs" / "assessor.log").write_text("2026-01-01 INFO started\n")
    yield store, demo
    store.close()


def test_a_move_takes_everything_and_the_command_line_follows(
    paths: AppPaths,
    filled: tuple[Store, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store, demo = filled
    answers = store.current_responses(demo)
    target = tmp_path / "usb" / "assessor data"

    moved = move_data_folder(paths, store, target)

    assert moved.target == target.resolve()
    assert moved.paths.data_dir == target.resolve()
    assert moved.files == 3
    for name in (
        "assessor.sqlite",
        "questionnaires/mine.yaml",
        "assessor.sqlite.backup-20260101-before-0002",
        "logs/assessor.log",
    ):
        assert (target / name).is_file(), name
    with Store(moved.paths.database) as copy:
        assert copy.current_responses(demo) == answers
        assert [a.title for a in copy.list_assessments()] == ["AI readiness review 2026"]
        with copy.atomic():  # so that the command line's answer tells the two folders apart
            copy.rename_assessment(demo, "Reviewed after the move")
    # The old folder stays, whole, with a note saying where the data went.
    assert paths.database.is_file()
    assert (paths.user_questionnaires / "mine.yaml").is_file()
    note = (paths.data_dir / NOTE_NAME).read_text(encoding="utf-8")
    assert str(target.resolve()) in note
    assert "You may delete this folder" in note

    # The command line, with no ASSESSOR_DATA_DIR, finds the new folder.
    environ = {"ASSESSOR_CONFIG_DIR": str(paths.config_dir)}
    found = AppPaths.from_environment(environ)
    assert found.data_dir == target.resolve()
    assert found.data_dir_origin == "moved"
    assert not found.warning
    monkeypatch.delenv("ASSESSOR_DATA_DIR", raising=False)
    monkeypatch.delenv("ASSESSOR_DB", raising=False)
    monkeypatch.setenv("ASSESSOR_CONFIG_DIR", str(paths.config_dir))
    main(["list", "--json"])
    listed = capsys.readouterr()
    assert [a["title"] for a in json.loads(listed.out)] == ["Reviewed after the move"]
    assert listed.err == ""
    # ... and ASSESSOR_DATA_DIR still wins.
    other = AppPaths.from_environment({**environ, "ASSESSOR_DATA_DIR": str(tmp_path / "x")})
    assert other.data_dir == tmp_path / "x"


def test_a_pointer_to_a_missing_folder_falls_back_with_a_warning(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "data-folder").write_text(f"{tmp_path / 'unplugged drive'}\n")

    found = AppPaths.from_environment({"ASSESSOR_CONFIG_DIR": str(config)})

    assert found.data_dir != tmp_path / "unplugged drive"
    assert found.data_dir_origin == "default"
    assert "unplugged drive" in found.warning
    assert "is a drive disconnected?" in found.warning


def test_the_command_line_warns_when_the_moved_folder_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "data-folder").write_text(f"{tmp_path / 'unplugged drive'}\n")
    monkeypatch.delenv("ASSESSOR_DATA_DIR", raising=False)
    monkeypatch.delenv("ASSESSOR_DB", raising=False)
    monkeypatch.setenv("ASSESSOR_CONFIG_DIR", str(config))
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *_a: str(tmp_path / "default"))

    main(["list"])

    err = capsys.readouterr().err
    assert f"warning: the data folder was moved to {tmp_path / 'unplugged drive'}" in err
    assert f"using {tmp_path / 'default'} until it is back" in err


def _fake_statvfs(read_only: bool) -> Callable[[object], SimpleNamespace]:
    return lambda _path: SimpleNamespace(f_flag=os.ST_RDONLY if read_only else 0)


Setup = Callable[[AppPaths, Path, pytest.MonkeyPatch], tuple[AppPaths, Path]]


def _same(p: AppPaths, t: Path, m: pytest.MonkeyPatch) -> tuple[AppPaths, Path]:
    return p, p.data_dir


def _inside(p: AppPaths, t: Path, m: pytest.MonkeyPatch) -> tuple[AppPaths, Path]:
    return p, p.data_dir / "questionnaires" / "elsewhere"


def _not_empty(p: AppPaths, t: Path, m: pytest.MonkeyPatch) -> tuple[AppPaths, Path]:
    t.mkdir()
    (t / "holiday.jpg").write_bytes(b"jpeg")
    return p, t


def _a_file(p: AppPaths, t: Path, m: pytest.MonkeyPatch) -> tuple[AppPaths, Path]:
    t.write_text("not a folder")
    return p, t


def _read_only(p: AppPaths, t: Path, m: pytest.MonkeyPatch) -> tuple[AppPaths, Path]:
    m.setattr(os, "statvfs", _fake_statvfs(read_only=True))
    return p, t


def _not_writable(p: AppPaths, t: Path, m: pytest.MonkeyPatch) -> tuple[AppPaths, Path]:
    m.setattr(os, "access", lambda _path, _mode: False)
    return p, t


def _no_space(p: AppPaths, t: Path, m: pytest.MonkeyPatch) -> tuple[AppPaths, Path]:
    m.setattr(shutil, "disk_usage", lambda _path: SimpleNamespace(total=10**9, free=5000))
    return p, t


def _environment(p: AppPaths, t: Path, m: pytest.MonkeyPatch) -> tuple[AppPaths, Path]:
    return dataclasses.replace(p, data_dir_origin="environment"), t


def _no_config(p: AppPaths, t: Path, m: pytest.MonkeyPatch) -> tuple[AppPaths, Path]:
    return dataclasses.replace(p, config_dir=None), t


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (_same, "is the data folder already"),
        (_inside, "is inside the data folder; choose a folder outside"),
        (_not_empty, "is not empty; choose an empty folder, or a new one"),
        (_a_file, "is a file; choose a folder"),
        (_read_only, "is on a read-only drive"),
        (_not_writable, "You cannot write to"),
        (_no_space, "There is not enough free space"),
        (_environment, "set by ASSESSOR_DATA_DIR"),
        (_no_config, "no settings folder to record"),
    ],
    ids=lambda v: v.__name__.strip("_") if callable(v) else "",
)
def test_a_refused_move_says_why_and_changes_nothing(
    paths: AppPaths,
    filled: tuple[Store, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setup: Setup,
    reason: str,
) -> None:
    store, demo = filled
    before = sorted(p.name for p in paths.data_dir.iterdir())
    asked, target = setup(paths, tmp_path / "new place", monkeypatch)

    with pytest.raises(UsageError, match=reason):
        move_data_folder(asked, store, target)

    monkeypatch.undo()
    assert sorted(p.name for p in paths.data_dir.iterdir()) == before
    assert not (tmp_path / "config" / "data-folder").exists()
    if target.is_dir() and target != paths.data_dir:
        assert not (target / "assessor.sqlite").exists()
    assert store.assessment(demo).title == "AI readiness review 2026"


def test_a_copy_that_fails_half_way_leaves_nothing_behind(
    paths: AppPaths, filled: tuple[Store, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _ = filled
    target = tmp_path / "new" / "data"

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", full_disk)
    with pytest.raises(UsageError, match=r"No space left on device.*nothing was moved"):
        move_data_folder(paths, store, target)

    assert not (tmp_path / "new").exists()
    assert not (tmp_path / "config" / "data-folder").exists()
    assert not (paths.data_dir / NOTE_NAME).exists()


def test_other_writers_wait_while_the_database_is_copied(
    paths: AppPaths, filled: tuple[Store, int]
) -> None:
    store, _ = filled
    with store.other_writers_held():
        other = sqlite3.connect(paths.database, timeout=0.1)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("CREATE TABLE intruder (x)")
        other.close()
