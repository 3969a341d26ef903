"""The backup copy taken before a migration, and finding the latest one after damage.

A backup sits beside the database as `NAME.backup-STAMP-before-MIGRATION` (STAMP in UTC,
so that names sort by time). It is made with SQLite's backup API from one read snapshot,
into a temporary file (`assessor.atomic_files`); the copy is then opened on its own and
must pass `PRAGMA quick_check` with the source's page count before it is fsynced and
renamed to its name. So a file under a backup's name is always a complete, checked copy:
a kill or a full disk mid-copy leaves at most a hidden `.NAME.backup-....partial` file
(and its journal), which the next backup removes once it is an hour old.
"""

from __future__ import annotations

import glob
import sqlite3
import time
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from assessor.atomic_files import replacing
from assessor.errors import FileWriteError
from assessor.store.faults import SQLITE_FULL, StoreError, primary_code

STAMP = "%Y%m%dT%H%M%S%f"
ABANDONED_AFTER_S = 3600


class BackupFailed(StoreError):
    """The copy before a migration could not be made; the database was not changed."""


def make_backup(conn: sqlite3.Connection, database: Path, before: str) -> Path:
    """Copy the database `conn` has open to a checked backup; return the backup's path."""
    _remove_abandoned_copies(database)
    stamp = datetime.now(UTC).strftime(STAMP)
    target = database.with_name(f"{database.name}.backup-{stamp}-before-{before}")
    try:
        with replacing(target) as temporary:
            conn.execute("BEGIN")  # one snapshot for the copy and the count it must match
            try:
                pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
                copy = sqlite3.connect(temporary, isolation_level=None)
                try:
                    conn.backup(copy)
                    copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                finally:
                    copy.close()
            finally:
                conn.execute("COMMIT")
            _check(temporary, pages)
    except FileWriteError as error:
        raise BackupFailed(
            f"{database}: not upgraded, the backup copy could not be written: {error}"
        ) from error
    except sqlite3.Error as error:
        advice = (
            "Free some space and try again"
            if primary_code(error) == SQLITE_FULL
            else "Check the disk and try again"
        )
        raise BackupFailed(
            f"{database}: not upgraded, the backup copy could not be made ({error}); "
            f"nothing was changed. {advice}"
        ) from error
    return target


def _remove_abandoned_copies(database: Path) -> None:
    """Remove the partial copies of backups killed mid-way; one younger than an hour may
    be another process's, still being made."""
    pattern = f".{glob.escape(database.name)}.backup-*.partial*"
    for partial in database.parent.glob(pattern):
        with suppress(OSError):
            if time.time() - partial.stat().st_mtime > ABANDONED_AFTER_S:
                partial.unlink()


def _check(copy_path: Path, pages: int) -> None:
    copy = sqlite3.connect(copy_path)
    try:
        verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
        copied = int(copy.execute("PRAGMA page_count").fetchone()[0])
    finally:
        copy.close()
    if verdict != "ok" or copied != pages:
        raise sqlite3.DatabaseError(
            f"the copy does not check out ({verdict}; {copied} of {pages} pages)"
        )


def latest_backup(database: Path) -> Path | None:
    """The newest complete backup of the database, if any."""
    found = sorted(database.parent.glob(f"{glob.escape(database.name)}.backup-*-before-*"))
    return found[-1] if found else None


def made_at(backup: Path) -> str:
    """When a backup was made, from its name: `2025-03-01 14:02 UTC`."""
    stamp = backup.name.rsplit(".backup-", 1)[-1].split("-before-", 1)[0]
    try:
        return datetime.strptime(stamp, STAMP).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return "at an unknown time"
