"""What the command line says when the database or the disk fails: one line on stderr
naming the file, what happened and what to do; exit 1; never a traceback, never the
catch-all "internal error" (exit 70). The store's own behaviour on each fault is tested
in `tests/store/test_store_faults.py`; here, the words and the exit code.
"""

from __future__ import annotations

import errno
import functools
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from assessor.store import migrations, opening
from tests.cli.test_cli_assessments import Result, assessor
from tests.factories import FailingCommit, damage


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.sqlite"
    assessor("demo", db=path)
    assessor("export", "1", "-o", str(tmp_path / "northwind.json"), db=path)
    return path


def refused(result: Result, *fragments: str) -> None:
    assert result.returncode == 1, result
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_a_newer_database(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    refused(
        assessor("list", db=db, check=False),
        f"{db}: this database was written by a newer version (9;",
        "update the app",
    )


def test_a_read_only_database(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db.chmod(0o444)
    if os.access(db, os.W_OK):  # root: see tests/store/test_store_faults.py
        monkeypatch.setattr(opening, "why_not_writable", lambda _p: "the file is not writable")
    assert "Northwind" in assessor("list", db=db).stdout
    assessor("score", "1", db=db)
    refused(
        assessor("answer", "1", "GOV-01", "l5", db=db, check=False),
        f"{db}: the database is read-only (the file is not writable); nothing was saved",
        "Make it writable",
    )


def test_a_damaged_database(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("9999_test", lambda _conn: None)]
    )
    assessor("list", db=db)  # migrates, after a backup
    damage(db, "roadmap_edits")
    refused(
        assessor("import", str(db.parent / "northwind.json"), db=db, check=False),
        f"{db}: the database is damaged (",
        "Restore the latest backup",
        f"{db}.backup-",
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("database or disk is full", "the disk is full (database or disk is full)"),
        ("disk I/O error", "the disk failed to read or write the database (disk I/O error)"),
    ],
)
def test_a_full_or_failing_disk_under_the_database(
    db: Path, monkeypatch: pytest.MonkeyPatch, text: str, words: str
) -> None:
    monkeypatch.setattr(
        sqlite3, "connect", functools.partial(sqlite3.connect, factory=FailingCommit)
    )
    monkeypatch.setattr(FailingCommit, "failure", text)
    result = assessor("answer", "1", "GOV-01", "l5", db=db, check=False)
    refused(result, f"{db}: {words}; nothing was saved")
    assert "cannot rollback" not in result.stderr


def _full_disk(real: Callable[..., object]) -> Callable[..., object]:
    def fail(descriptor: int, data: bytes) -> object:
        if descriptor <= 2:
            return real(descriptor, data)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    return fail


@pytest.mark.parametrize(
    "args",
    [
        ["roadmap", "1", "-o", "plan.xlsx"],
        ["roadmap", "1", "-o", "plan.csv"],
        ["export", "1", "-o", "northwind.json"],
        ["report", "1", "-o", "report.pdf"],
    ],
)
def test_a_full_disk_under_a_file_written_keeps_the_old_file(
    db: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    target = db.parent / args[-1]
    args = [*args[:-1], str(target)]
    assessor(*args, db=db)
    before = target.read_bytes()
    monkeypatch.setattr(os, "write", _full_disk(os.write))
    refused(
        assessor(*args, db=db, check=False),
        f"{target}: cannot write (No space left on device); free some space and try again; "
        "the existing file is unchanged",
    )
    assert target.read_bytes() == before
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".partial")]
