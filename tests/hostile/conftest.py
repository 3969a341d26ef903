"""The hostile corpus's fixtures: the `assessor` command run in-process over a copy of the
demo database, and the demo as an assessment file to spoil.

Every hostile input is made by the test that uses it, in its tmp_path (nothing large is
committed). Most cases are about one argument or one file, not about loading content, so
`cli` reuses the session's library instead of reading the bundled files again for each
command; `cli_with_own_content` reads them, with the consultant's folder, as a user's run
does.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import shutil
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any
from unittest import mock

import pytest

from assessor.cli import main
from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.demo import create_demo
from assessor.usecases.transfer import export_assessment
from tests.factories import database_fingerprint


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def refused(self, code: int, *fragments: str) -> None:
        """A clean refusal: the exit code, one line on stderr naming what is wrong, and
        nothing a terminal would obey."""
        assert self.code == code, self.err
        assert self.out == ""
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("error: "), self.err
        assert "internal error" not in self.err
        for fragment in fragments:
            assert fragment in self.err
        assert_terminal_safe(self.err)


def assert_terminal_safe(text: str) -> None:
    """No escape, no control character but the line feed, no line or paragraph separator,
    no lone surrogate."""
    unsafe = [
        c
        for c in text
        if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029"
    ]
    assert not unsafe, f"control characters in the output: {unsafe!r}"
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)


class Cli:
    """The `assessor` command over one database and data folder, as a user types it."""

    def __init__(self, db: Path, data: Path, library: Library | None) -> None:
        self.db = db
        self.data = data
        self.folder = db.parent
        self._library = library

    def __call__(self, *args: str) -> Result:
        env = {"ASSESSOR_DB": str(self.db), "ASSESSOR_DATA_DIR": str(self.data)}
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with contextlib.ExitStack() as stack:
            stack.enter_context(mock.patch.dict(os.environ, env))
            stack.enter_context(contextlib.redirect_stdout(out))
            stack.enter_context(contextlib.redirect_stderr(err))
            if self._library is not None:
                stack.enter_context(
                    mock.patch("assessor.cli.commands.load_library", return_value=self._library)
                )
            try:
                main(list(args))
            except SystemExit as exit_:
                code = int(exit_.code or 0)
        return Result(code, out.getvalue(), err.getvalue())

    def fingerprint(self) -> str:
        return database_fingerprint(self.db)


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory, library: Library) -> Path:
    """A database holding the demo (assessment 1), made once and copied for each test."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Store(path) as store:
        create_demo(store, library)
    return path


@pytest.fixture(scope="session")
def demo_file_data(demo_database: Path) -> dict[str, Any]:
    """The demo as an assessment file's data, for a test to spoil one value of."""
    with Store(demo_database) as store:
        return export_assessment(store, 1).model_dump(mode="json", exclude_defaults=True)


@pytest.fixture
def demo_file(demo_file_data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(demo_file_data)


def _copy(demo_database: Path, tmp_path: Path) -> Path:
    db = tmp_path / "a.sqlite"
    shutil.copy(demo_database, db)
    return db


@pytest.fixture
def cli(tmp_path: Path, demo_database: Path, library: Library) -> Cli:
    return Cli(_copy(demo_database, tmp_path), tmp_path / "data", library)


@pytest.fixture
def cli_with_own_content(tmp_path: Path, demo_database: Path) -> Cli:
    return Cli(_copy(demo_database, tmp_path), tmp_path / "data", None)


class Hung(BaseException):
    """Raised in a command that waited too long; no handler of the command line takes it."""


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail, rather than wait for ever, should a FIFO be opened or a device read."""
    if not hasattr(signal, "SIGALRM"):  # Windows has no FIFOs, nor alarms
        yield
        return

    def stop(_signal: int, _frame: FrameType | None) -> None:
        raise Hung("the command hung on its input")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
