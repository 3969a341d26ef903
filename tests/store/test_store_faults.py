"""The store defends itself: each fault of the file or the disk is refused or reported in
one line that names the file and the way out, and nothing is half-written.

Faults: a database written by a newer version; one that cannot be written; one damaged;
a full disk or a failing one; a migration killed while it copies the backup; another
writer holding the lock. What the command line prints for them is in
`tests/cli/test_cli_store_faults.py`.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assessor.exchange.assessment_file import write_assessment_file
from assessor.library.installed import Library
from assessor.store import database, faults, migrations, opening
from assessor.store.backups import BackupFailed, latest_backup
from assessor.store.database import (
    DamagedDatabase,
    DatabaseBusy,
    DatabaseFull,
    DatabaseIOError,
    NewerDatabase,
    ReadOnlyDatabase,
    Store,
)
from assessor.usecases.answering import record_answer, scorecard
from assessor.usecases.assessments import empty_bin
from assessor.usecases.demo import create_demo
from assessor.usecases.reporting import write_report
from assessor.usecases.transfer import export_assessment, import_assessment
from tests.conftest import PROJECT_ROOT
from tests.factories import FailingCommit, damage, file_digest


@dataclass(frozen=True)
class Demo:
    path: Path
    assessment: int
    export: Path  # an assessment file to import


@pytest.fixture
def demo(db_path: Path, library: Library, tmp_path: Path) -> Demo:
    with Store(db_path) as store:
        assessment = create_demo(store, library).value
        export = tmp_path / "northwind.json"
        write_assessment_file(export_assessment(store, assessment), export)
    return Demo(db_path, assessment, export)


def answers_in(path: Path, assessment: int) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(
            conn.execute(
                "SELECT count(*) FROM responses WHERE assessment_id = ?", (assessment,)
            ).fetchone()[0]
        )
    finally:
        conn.close()


# --- a newer database -------------------------------------------------------------------

KNOWN = len(migrations.MIGRATIONS)
NEWER = {
    "a higher user_version": ("PRAGMA user_version = 9", 9),
    "an unknown migration recorded": (
        "INSERT INTO schema_migrations VALUES ('0099_from_the_future', '2030-01-01')",
        KNOWN + 1,
    ),
}


@pytest.mark.parametrize("how", NEWER)
def test_a_database_from_a_newer_version_is_refused_and_not_written(demo: Demo, how: str) -> None:
    change, version = NEWER[how]
    conn = sqlite3.connect(demo.path)
    conn.execute(change)
    conn.commit()
    conn.close()
    before = (file_digest(demo.path), sorted(p.name for p in demo.path.parent.iterdir()))
    with pytest.raises(NewerDatabase) as refused:
        Store(demo.path)
    assert str(refused.value) == (
        f"{demo.path}: this database was written by a newer version ({version}; this version "
        f"knows up to {KNOWN}); update the app to open it. Nothing was written"
    )
    after = (file_digest(demo.path), sorted(p.name for p in demo.path.parent.iterdir()))
    assert after == before  # no byte, no backup, no journal left behind


# --- a database that cannot be written ----------------------------------------------------

READ_ONLY = {"file": "the file is not writable", "folder": "its folder is not writable"}


@pytest.fixture(params=list(READ_ONLY))
def read_only(
    request: pytest.FixtureRequest, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The demo database made read-only by its mode or its folder's; the reason expected.

    As root, a mode stops nobody: the operating system then still says the file can be
    written, and the store is told what it would say to anyone else, so that it opens
    the file with `mode=ro` and SQLite itself refuses every write, root or not.
    """
    cause = request.param
    target = demo.path if cause == "file" else demo.path.parent
    mode = target.stat().st_mode
    target.chmod(0o444 if cause == "file" else 0o555)
    if os.access(target, os.W_OK):  # root
        monkeypatch.setattr(opening, "why_not_writable", lambda _path: READ_ONLY[cause])
    yield READ_ONLY[cause]
    target.chmod(mode)


def test_a_read_only_database_is_read_and_each_write_is_refused(
    demo: Demo, read_only: str, library: Library, tmp_path: Path
) -> None:
    before = file_digest(demo.path)
    out = tmp_path / "elsewhere"
    out.mkdir()
    with Store(demo.path) as store:
        assert store.read_only
        assert [a.id for a in store.list_assessments()] == [demo.assessment]
        assert scorecard(store, library, demo.assessment).overall_score is not None
        write_assessment_file(export_assessment(store, demo.assessment), out / "copy.json")
        assert write_report(store, library, demo.assessment, out / "report.pdf") > 5
        assert empty_bin(store).value == ()  # the app's start-up chore asks nothing
        message = (
            f"{demo.path}: the database is read-only ({read_only}); nothing was saved. Make "
            "it writable, or copy it to a folder you can write to and open the copy"
        )
        with pytest.raises(ReadOnlyDatabase) as refused:
            record_answer(store, library, demo.assessment, "GOV-01", "l5", respondent="cro")
        assert str(refused.value) == message
        with pytest.raises(ReadOnlyDatabase, match="read-only"):
            import_assessment(store, library, demo.export)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("DELETE FROM responses")  # SQLite itself refuses, even root
    assert file_digest(demo.path) == before


def test_a_read_only_database_that_needs_an_upgrade_says_so(
    demo: Demo, read_only: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("9999_test", lambda _conn: None)]
    )
    with pytest.raises(ReadOnlyDatabase, match=rf"must upgrade the database.*\({read_only}\)"):
        Store(demo.path)


def test_a_read_only_folder_cannot_hold_a_new_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    if os.access(folder, os.W_OK):  # root: see the read_only fixture
        monkeypatch.setattr(opening, "why_not_writable", lambda _p: READ_ONLY["folder"])
    with pytest.raises(database.StoreError, match=r"cannot create the database .*--db"):
        Store(folder / "assessor.sqlite")
    assert list(folder.iterdir()) == []


# --- a damaged database -------------------------------------------------------------------


def with_backup(demo: Demo, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run one more migration on the demo database, so that it has a backup."""
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("9999_test", lambda _conn: None)]
    )
    Store(demo.path).close()
    backup = latest_backup(demo.path)
    assert backup is not None
    return backup


def test_a_damaged_database_is_refused_on_open_naming_the_latest_backup(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, library: Library, tmp_path: Path
) -> None:
    backup = with_backup(demo, monkeypatch)
    damage(demo.path, "roadmap_edits")  # a table an import does not touch
    before = file_digest(demo.path)
    with pytest.raises(DamagedDatabase) as refused:
        Store(demo.path)
    message = str(refused.value)
    assert message.startswith(f"{demo.path}: the database is damaged (")
    assert f"Restore the latest backup, made {time.gmtime().tm_year}-" in message
    assert f"copy {backup} in its place" in message
    assert refused.value.backup == backup
    assert "\n" not in message
    assert file_digest(demo.path) == before
    restored = tmp_path / "restored.sqlite"
    shutil.copy(backup, restored)  # the way out works
    with Store(restored) as store:
        assert [a.id for a in store.list_assessments()] == [demo.assessment]


def test_damage_in_a_big_database_is_found_before_its_first_write(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    """Too big to check on every open: the store checks before the first write, so an
    import cannot land in a damaged file (it used to, and score and export failed)."""
    with_backup(demo, monkeypatch)
    damage(demo.path, "roadmap_edits")
    before = file_digest(demo.path)
    monkeypatch.setattr(opening, "QUICK_CHECK_ON_OPEN_BYTES", 0)
    with Store(demo.path) as store:
        assert len(store.list_assessments()) == 1  # reading what is sound still works
        with pytest.raises(DamagedDatabase, match="Restore the latest backup"):
            import_assessment(store, library, demo.export)
        with pytest.raises(DamagedDatabase):  # and every later write, without a new check
            record_answer(store, library, demo.assessment, "GOV-01", "l5")
    assert file_digest(demo.path) == before


def test_a_read_of_a_damaged_page_says_the_database_is_damaged(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, library: Library
) -> None:
    with_backup(demo, monkeypatch)
    damage(demo.path, "responses")
    monkeypatch.setattr(opening, "QUICK_CHECK_ON_OPEN_BYTES", 0)
    with Store(demo.path) as store, pytest.raises(DamagedDatabase, match="malformed"):
        scorecard(store, library, demo.assessment)


def test_a_damaged_database_without_a_backup_says_how_to_go_on(demo: Demo) -> None:
    damage(demo.path, "responses")
    with pytest.raises(DamagedDatabase, match=r"There is no backup of it: move it aside"):
        Store(demo.path)


# --- a full or failing disk ----------------------------------------------------------------


def test_a_full_disk_is_reported_as_such_and_the_store_goes_on(
    demo: Demo, library: Library
) -> None:
    """SQLite rolls the transaction back itself when the disk fills mid-statement; the
    rollback that followed used to fail and hide the cause ("cannot rollback - no
    transaction is active")."""
    with Store(demo.path) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
        with pytest.raises(DatabaseFull) as refused:
            import_assessment(store, library, demo.export)
        assert str(refused.value) == (
            f"{demo.path}: the disk is full (database or disk is full, SQLITE_FULL); nothing "
            "was saved. Free some space, then try again"
        )
        assert not store.in_transaction
        assert len(store.list_assessments()) == 1
        store.conn.execute(f"PRAGMA max_page_count = {pages * 10}")  # space again
        assert import_assessment(store, library, demo.export).value == demo.assessment + 1


COMMIT_FAULTS = {
    "disk full": ("database or disk is full", None, DatabaseFull, "the disk is full"),
    "I/O error": (
        "disk I/O error",
        None,
        DatabaseIOError,
        "the disk failed to read or write the database",
    ),
    # SQLite says "I/O error" when it cannot grow the -shm file on a full disk.
    "I/O error, no space left": ("disk I/O error", 0, DatabaseFull, "the disk is full"),
}


@pytest.mark.parametrize("fault", COMMIT_FAULTS)
def test_a_commit_that_fails_is_reported_with_its_cause_and_saves_nothing(
    demo: Demo, library: Library, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    text, free, kind, words = COMMIT_FAULTS[fault]
    before = answers_in(demo.path, demo.assessment)
    monkeypatch.setattr(
        sqlite3, "connect", functools.partial(sqlite3.connect, factory=FailingCommit)
    )
    if free is not None:
        monkeypatch.setattr(faults, "_free_bytes", lambda _path: free)
    with Store(demo.path) as store:
        monkeypatch.setattr(FailingCommit, "failure", text)
        with pytest.raises(kind) as refused:
            record_answer(store, library, demo.assessment, "GOV-01", "l5", respondent="cro")
        shown = "; 0 KB free" if free is not None else ""
        assert str(refused.value).startswith(
            f"{demo.path}: {words} ({text}{shown}); nothing was saved"
        )
        assert "cannot rollback" not in str(refused.value)
        monkeypatch.setattr(FailingCommit, "failure", "")
        assert not store.in_transaction
        assert answers_in(demo.path, demo.assessment) == before
        record_answer(store, library, demo.assessment, "GOV-01", "l5", respondent="cro")
    assert answers_in(demo.path, demo.assessment) == before + 1


# --- a migration killed, or failing, while it copies the backup ----------------------------

KILLED_MID_BACKUP = """
import os, signal, sqlite3, sys
from pathlib import Path
from assessor.store import migrations
from assessor.store.database import Store

class KilledMidBackup(sqlite3.Connection):
    def backup(self, target, **options):
        def kill_half_way(status, remaining, total):
            if remaining < total / 2:
                os.kill(os.getpid(), signal.SIGKILL)
        super().backup(target, pages=1, progress=kill_half_way)

real_connect = sqlite3.connect
sqlite3.connect = lambda *a, **k: real_connect(*a, factory=KilledMidBackup, **k)
migrations.MIGRATIONS.append(("9999_test", lambda conn: None))
Store(Path(sys.argv[1]))
"""


def backups_of(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if ".backup-" in p.name)


def test_a_migration_killed_mid_backup_leaves_no_backup_and_the_database_intact(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = file_digest(demo.path)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MID_BACKUP, str(demo.path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = backups_of(demo.path)
    assert left  # the copy it was making (and SQLite's journal of it) ...
    for name in left:
        assert name.startswith(f".{demo.path.name}.backup-")  # ... is hidden
        assert ".partial" in name  # and never under a backup's name
    assert latest_backup(demo.path) is None
    assert file_digest(demo.path) == before  # not migrated, not touched
    an_hour_ago = time.time() - 3700
    for name in left:
        os.utime(demo.path.parent / name, (an_hour_ago, an_hour_ago))
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("9999_test", lambda _conn: None)]
    )
    with Store(demo.path) as store:  # the next start migrates, after a complete backup
        assert store.schema_version == KNOWN + 1
    assert [name for name in backups_of(demo.path) if ".partial" in name] == []  # cleared
    backup = latest_backup(demo.path)
    assert backup is not None
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == KNOWN
    copy.close()


class FullMidBackup(sqlite3.Connection):
    def backup(self, target: sqlite3.Connection, **_options: object) -> None:
        def fill_up(_status: int, remaining: int, total: int) -> None:
            if remaining < total / 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        super().backup(target, pages=1, progress=fill_up)


def test_a_backup_that_fails_stops_the_migration_and_leaves_nothing(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = file_digest(demo.path)
    real_connect: Callable[..., sqlite3.Connection] = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", functools.partial(real_connect, factory=FullMidBackup))
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("9999_test", lambda _conn: None)]
    )
    with pytest.raises(BackupFailed) as refused:
        Store(demo.path)
    assert str(refused.value).startswith(
        f"{demo.path}: not upgraded, the backup copy could not be written: "
    )
    assert "cannot write (No space left on device); free some space" in str(refused.value)
    assert backups_of(demo.path) == []
    assert file_digest(demo.path) == before


# --- another writer holding the lock -------------------------------------------------------


def hold_the_write_lock(path: Path, seconds: float) -> threading.Thread:
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")

    def release() -> None:
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=release)
    holder.start()
    return holder


def test_a_writer_waits_for_the_lock_beyond_the_busy_timeout(
    demo: Demo, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own wait used to give up after the busy timeout; the store waits on."""
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    with Store(demo.path) as store:
        holder = hold_the_write_lock(demo.path, 0.8)
        started = time.monotonic()
        record_answer(store, library, demo.assessment, "GOV-01", "l5", respondent="cro")
        assert time.monotonic() - started >= 0.7
        holder.join()


def test_a_lock_held_longer_than_the_store_waits_is_reported(
    demo: Demo, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "WRITE_LOCK_WAIT_S", 0.3)
    before = answers_in(demo.path, demo.assessment)
    with Store(demo.path) as store:
        holder = hold_the_write_lock(demo.path, 0.8)
        with pytest.raises(DatabaseBusy) as refused:
            record_answer(store, library, demo.assessment, "GOV-01", "l5", respondent="cro")
        holder.join()
        assert str(refused.value) == (
            f"{demo.path}: another program kept the database locked for 0 s; nothing was "
            "saved. Close the other program or wait for it, then try again"
        )
        assert not store.in_transaction
    assert answers_in(demo.path, demo.assessment) == before
