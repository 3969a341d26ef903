"""Every file the app writes is whole or not written: a plan, an assessment file, a report.

Each goes through `assessor.atomic_files`; a failure at any step (the disk fills while
writing, the flush to disk fails, the rename fails) leaves an earlier file byte for byte,
no temporary file, and one line naming the file and the cause.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from assessor import atomic_files
from assessor.errors import FileWriteError
from assessor.exchange.assessment_file import write_assessment_file
from assessor.exchange.spreadsheets import write_plan
from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.demo import create_demo
from assessor.usecases.reporting import write_report
from assessor.usecases.roadmap_edits import plan_for
from assessor.usecases.transfer import export_assessment

Writer = Callable[[Store, Library, int, Path], object]

WRITERS: dict[str, tuple[str, Writer]] = {
    "roadmap spreadsheet": (
        "plan.xlsx", lambda s, lib, a, p: write_plan(plan_for(s, lib, a), p)
    ),
    "roadmap CSV": ("plan.csv", lambda s, lib, a, p: write_plan(plan_for(s, lib, a), p)),
    "assessment file": (
        "northwind.json", lambda s, _lib, a, p: write_assessment_file(export_assessment(s, a), p)
    ),
    "PDF report": ("report.pdf", lambda s, lib, a, p: write_report(s, lib, a, p)),
}  # fmt: skip


def _failing(real: Callable[..., object], code: int) -> Callable[..., object]:
    """`real`, except on the files being written (not the test's own output)."""

    def fail(first: object, *args: object) -> object:
        if isinstance(first, int) and first <= 2:
            return real(first, *args)
        raise OSError(code, os.strerror(code))

    return fail


# Where a write can fail, each with the errno a real disk gives there.
FAULTS = {
    "the disk fills while writing": ("write", errno.ENOSPC),
    "the flush to disk fails": ("fsync", errno.ENOSPC),
    "the rename fails": ("replace", errno.EIO),
}


@pytest.fixture
def assessment(store: Store, library: Library) -> int:
    return create_demo(store, library).value


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("kind", WRITERS)
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path,
    store: Store,
    library: Library,
    assessment: int,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    fault: str,
) -> None:
    name, write = WRITERS[kind]
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / name
    write(store, library, assessment, path)
    before = path.read_bytes()
    function, code = FAULTS[fault]
    monkeypatch.setattr(os, function, _failing(getattr(os, function), code))
    with pytest.raises(FileWriteError) as refused:
        write(store, library, assessment, path)
    monkeypatch.undo()
    advice = "free some space" if code == errno.ENOSPC else "check the disk"
    assert str(refused.value) == (
        f"{path}: cannot write ({os.strerror(code)}); {advice} and try again; "
        "the existing file is unchanged"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [name]  # no temporary file left


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_follows_the_umask(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "shared.csv"
    shared.write_bytes(b"old")
    shared.chmod(0o640)
    atomic_files.write_atomically(shared, b"new")
    assert (shared.read_bytes(), stat.S_IMODE(shared.stat().st_mode)) == (b"new", 0o640)
    fresh = tmp_path / "fresh.csv"
    umask = os.umask(0o027)
    try:
        atomic_files.write_atomically(fresh, b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640


def test_a_link_is_kept_and_its_target_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_files.write_atomically(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_a_missing_folder_is_named_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "plan.csv"
    with pytest.raises(FileWriteError, match=r"plan\.csv: cannot write .*check that the folder"):
        atomic_files.write_atomically(path, b"x")


def test_an_interrupted_write_removes_its_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"old report")

    def interrupted() -> None:
        with atomic_files.replacing(path) as temporary:
            temporary.write_bytes(b"half a rep")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert path.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_on_windows_a_file_open_in_another_program_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a file that Excel or a PDF viewer holds open."""
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"old plan")

    def held_open(_source: object, _target: object) -> None:
        raise PermissionError(errno.EACCES, "Access is denied")

    monkeypatch.setattr(atomic_files, "WINDOWS", True)
    monkeypatch.setattr(os, "replace", held_open)
    with pytest.raises(FileWriteError) as refused:
        atomic_files.write_atomically(path, b"new plan")
    assert str(refused.value) == (
        f"{path}: cannot write (Access is denied); close it in any program that has it open "
        "(a spreadsheet, a PDF viewer), then try again"
    )
    assert path.read_bytes() == b"old plan"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]
