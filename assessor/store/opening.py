"""Opening the database file: for writing when it can be written, else for reading only;
and SQLite's quick check for damage, with what it costs.

A file that cannot be written (its mode, its folder's, or a read-only file system) is
opened with `mode=ro`, so listing, scoring, exporting and reports still work and each
write is refused by the store, naming the file. A WAL database in a folder that cannot
be written has no `-shm` file to share; when no `-wal` file holds changes either, it is
read as immutable, which is exact since nobody can change it there.

Nothing here writes to the file: the store sets WAL mode only once it has refused a
newer or damaged database.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from assessor.store.faults import (
    SQLITE_CANTOPEN,
    SQLITE_READONLY,
    StoreError,
    is_damage,
    primary_code,
)

BUSY_TIMEOUT_MS = 5000

#: Up to this size (file and WAL, about 150 assessments), `PRAGMA quick_check` runs on
#: every open. It reads the whole file: 2.5 to 4.5 ms per MB on the team's busy 2-core
#: machine (bench/store.py prints it; 1,000 assessments, 19 MB: 50 to 120 ms), against
#: under 1 ms for a bare open. A bigger file is checked before its first write in each
#: session instead, and whenever SQLite reports damage.
QUICK_CHECK_ON_OPEN_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class OpenedFile:
    conn: sqlite3.Connection
    read_only: str | None  # why the file cannot be written; None when it can
    existed: bool  # False for a database created by this open


def open_file(path: Path) -> OpenedFile:
    """Connect to the database at `path`, creating it (and its folder) if missing."""
    existed = path.is_file() and path.stat().st_size > 0
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"{path}: cannot create the database's folder ({error.strerror or error}); "
                "choose a folder you can write to with --db or ASSESSOR_DB"
            ) from error
    reason = why_not_writable(path)
    if reason is not None and not existed:
        raise StoreError(
            f"{path}: cannot create the database ({reason}); choose a folder you can write "
            "to with --db or ASSESSOR_DB"
        )
    if reason is None:
        return OpenedFile(_connect(str(path)), None, existed)
    return OpenedFile(open_read_only(path), reason, existed)


def open_read_only(path: Path) -> sqlite3.Connection:
    uri = f"{path.absolute().as_uri()}?mode=ro"
    conn = _connect(uri, uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as error:
        conn.close()
        wal = path.with_name(path.name + "-wal")
        changes_pending = wal.exists() and wal.stat().st_size > 0
        if primary_code(error) not in (SQLITE_READONLY, SQLITE_CANTOPEN) or changes_pending:
            raise
    return _connect(uri + "&immutable=1", uri=True)


def _connect(database: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        database,
        uri=uri,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,  # the store checks its owner thread instead
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def why_not_writable(path: Path) -> str | None:
    """Why the database at `path` (existing or to be made) cannot be written, or None.

    WAL mode makes `-wal` and `-shm` files beside the database, so its folder must be
    writable too. (An administrator can write anything but a read-only file system: the
    operating system answers for them.)
    """
    if _read_only_file_system(path):
        return "the file system is read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is not writable"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return "its folder is not writable"
    return None


def _read_only_file_system(path: Path) -> bool:
    if not hasattr(os, "statvfs"):  # Windows: the access checks above answer
        return False
    try:
        flags = os.statvfs(path if path.exists() else path.parent).f_flag
    except OSError:
        return False
    return bool(flags & os.ST_RDONLY)


def cheap_to_check(path: Path) -> bool:
    size = 0
    for part in (path, path.with_name(path.name + "-wal")):
        with suppress(OSError):
            size += part.stat().st_size
    return size <= QUICK_CHECK_ON_OPEN_BYTES


def quick_check(conn: sqlite3.Connection) -> str | None:
    """SQLite's first complaint about the file's structure, in one line; None when sound."""
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        return str(error)  # too damaged to even walk
    if rows == ["ok"]:
        return None
    lines = [
        " ".join(line.split())
        for row in rows
        for line in row.splitlines()
        if line.strip() and not line.startswith("***")
    ]
    first = lines[0] if lines else "the check failed"
    return first if len(first) <= 120 else first[:119] + "…"
