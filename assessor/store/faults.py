"""What can go wrong with the database file, as errors a user can act on.

SQLite reports a full disk, a damaged file or a lock held too long as an
`sqlite3.Error` whose text is meant for programmers ("database or disk is full"). Here
each becomes a `StoreError` that names the file, says what happened and what to do, in
one line, for the command line and the app's error dialog alike:

    StoreError (AssessorError)    the database cannot be opened or written
    ├── NewerDatabase             written by a newer version of the app: refused whole
    ├── ReadOnlyDatabase          the file, its folder or the disk cannot be written
    ├── DamagedDatabase           the file fails SQLite's check; names the latest backup
    ├── DatabaseFull              the disk (or quota) is full; nothing was saved
    ├── DatabaseIOError           the disk or file system failed a read or a write
    └── DatabaseBusy              another program held the write lock too long

Errors that are not the file's fault (a constraint broken by a bug) are left as they
are, so they keep their tracebacks. The store decides when to check for damage and
which backup to name; this module only words the errors.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from assessor.errors import AssessorError

# SQLite's primary result codes (an extended code keeps its primary in the low byte).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

#: Less free space than this makes an I/O error a full disk (a few pages of the WAL).
NEARLY_FULL_BYTES = 1024 * 1024

# The text of each, for an error that carries no code (raised by hand, or by an old
# Python); the code wins when there is one.
_CODES_BY_TEXT = (
    ("database or disk is full", SQLITE_FULL),
    ("disk i/o error", SQLITE_IOERR),
    ("attempt to write a readonly database", SQLITE_READONLY),
    ("database disk image is malformed", SQLITE_CORRUPT),
    ("file is not a database", SQLITE_NOTADB),
    ("database is locked", SQLITE_BUSY),
    ("database table is locked", SQLITE_LOCKED),
    ("unable to open database file", SQLITE_CANTOPEN),
)


class StoreError(AssessorError):
    """The database cannot be opened or written; the message says why and where."""


class NewerDatabase(StoreError):
    """The database was written by a newer version of the app; nothing was written."""


class ReadOnlyDatabase(StoreError):
    """The database can be read but not written: the file, its folder or the disk."""


class DamagedDatabase(StoreError):
    """The database fails SQLite's check; nothing more is written to it."""

    def __init__(self, message: str, backup: Path | None) -> None:
        super().__init__(message)
        self.backup = backup


class DatabaseFull(StoreError):
    """The disk is full; the change was not saved."""


class DatabaseIOError(StoreError):
    """The disk or file system failed; the change was not saved."""


class DatabaseBusy(StoreError):
    """Another program held the write lock longer than the store waits."""


def primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(error).lower()
    return next((code for known, code in _CODES_BY_TEXT if known in text), None)


def is_busy(error: sqlite3.Error) -> bool:
    return primary_code(error) in (SQLITE_BUSY, SQLITE_LOCKED)


def is_damage(error: sqlite3.Error) -> bool:
    return primary_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def is_read_only(error: sqlite3.Error) -> bool:
    return primary_code(error) == SQLITE_READONLY


def _cause(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    name = getattr(error, "sqlite_errorname", None)
    return f"{error}, {name}" if isinstance(name, str) else str(error)


def full(path: Path, error: BaseException, free: int | None = None) -> DatabaseFull:
    left = "" if free is None else f"; {free // 1024} KB free"
    return DatabaseFull(
        f"{path}: the disk is full ({_cause(error)}{left}); nothing was saved. "
        "Free some space, then try again"
    )


def _free_bytes(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path.parent).free
    except OSError:
        return None


def io_failure(path: Path, error: BaseException) -> DatabaseIOError:
    return DatabaseIOError(
        f"{path}: the disk failed to read or write the database ({_cause(error)}); "
        "nothing was saved. Check the disk (or copy the file to another one), then try again"
    )


def busy(path: Path, waited: float) -> DatabaseBusy:
    return DatabaseBusy(
        f"{path}: another program kept the database locked for {waited:.0f} s; nothing was "
        "saved. Close the other program or wait for it, then try again"
    )


def read_only(path: Path, reason: str) -> ReadOnlyDatabase:
    return ReadOnlyDatabase(
        f"{path}: the database is read-only ({reason}); nothing was saved. Make it "
        "writable, or copy it to a folder you can write to and open the copy"
    )


def newer(path: Path, found: int, known: int) -> NewerDatabase:
    return NewerDatabase(
        f"{path}: this database was written by a newer version ({found}; this version "
        f"knows up to {known}); update the app to open it. Nothing was written"
    )


def translate(path: Path, error: sqlite3.Error) -> Exception | None:
    """The user's error for an `sqlite3.Error` that is the file's or the disk's fault
    (damage aside, which the store words with its backup); None for any other error."""
    code = primary_code(error)
    if code == SQLITE_FULL:
        return full(path, error)
    if code == SQLITE_IOERR:
        # SQLite words some full disks as I/O errors (no room to grow the -shm file, a
        # failed write); the space left tells them apart.
        free = _free_bytes(path)
        if free is not None and free < NEARLY_FULL_BYTES:
            return full(path, error, free)
        return io_failure(path, error)
    if code == SQLITE_READONLY:
        return read_only(path, "SQLite cannot write it")
    if code == SQLITE_CANTOPEN:
        return StoreError(
            f"{path}: cannot open the database ({_cause(error)}); check that the file and "
            "its folder exist and that you may read them"
        )
    return None


def from_os_error(path: Path, error: OSError) -> StoreError:
    """The user's error for a file-system failure around the database."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return full(path, error)
    if error.errno == errno.EIO:
        return io_failure(path, error)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return read_only(path, error.strerror or str(error))
    return StoreError(f"{path}: {error.strerror or error}")
