"""Moving the data folder (the database, the user's questionnaires, frameworks and
profiles, the backups and the logs) to another folder: done safely, or refused with why.

In order: check the target (refusing with the reason: the same folder, one inside it, a
folder that is not empty, cannot be written or lacks the space); copy, the database with
SQLite's backup API while it stays open and other writers wait, every other file as it
is; verify the copy (integrity, rows, files and sizes); only then record the new place in
the pointer file that `AppPaths.from_environment` reads, so the app and the command line
both use it; and last, leave a note in the old folder. Nothing of the old folder is ever
deleted: the user deletes it when they are satisfied. A failed copy removes what it wrote
to the target and changes nothing else.

The caller reopens its store at the new place (`MovedDataFolder.paths`).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assessor.errors import UsageError
from assessor.paths import APP_NAME, AppPaths
from assessor.store.database import Store

NOTE_NAME = "MOVED - READ ME.txt"
SPACE_MARGIN = 10 * 1024 * 1024  # beyond the data's size: the WAL, the logs growing


@dataclass(frozen=True)
class MovedDataFolder:
    source: Path
    target: Path
    files: int  # copied besides the database
    size: int  # bytes, the database's copy included
    paths: AppPaths  # the same paths, at the new place
    note: Path | None  # the note left in the old folder (None when it could not be written)


def move_data_folder(
    paths: AppPaths, store: Store, target: Path, now: datetime | None = None
) -> MovedDataFolder:
    """Copy the data folder to `target`, check the copy, and make it the data folder."""
    source = paths.data_dir.resolve()
    target = target.expanduser().resolve()
    if store.path.resolve().parent != source:
        raise UsageError(f"{store.path} is not in the data folder {source}; nothing was moved")
    files = _listing(source, store.path.name)
    size = store.path.stat().st_size + sum(s for _, s in files)
    reason = refusal(paths, source, target, size)
    if reason:
        raise UsageError(reason)
    pointer = paths.data_folder_pointer
    assert pointer is not None  # refused above otherwise
    with store.other_writers_held():
        created = _make_folder(target)
        try:
            store.copy_to(target / store.path.name)
            for relative, _ in files:
                copy = target / relative
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source / relative, copy, follow_symlinks=False)
            _verify(source, target, files)
            _write_pointer(pointer, target)
        except OSError as error:
            _remove_copy(target, created)
            raise UsageError(
                f"cannot copy the data folder to {target} ({error.strerror or error}); "
                f"nothing was moved, and {source} is still the data folder"
            ) from error
        except BaseException:
            _remove_copy(target, created)
            raise
    moved = dataclasses.replace(paths, data_dir=target, data_dir_origin="moved", warning="")
    note = _leave_note(source, target, now or datetime.now(UTC))
    return MovedDataFolder(source, target, len(files), size, moved, note)


def refusal(paths: AppPaths, source: Path, target: Path, size: int) -> str:
    """Why the data folder cannot move to `target` ("" when it can)."""
    if paths.data_dir_origin == "environment":
        return (
            f"The data folder is set by ASSESSOR_DATA_DIR ({source}). To use another "
            "folder, change that variable instead."
        )
    if paths.data_folder_pointer is None:
        return "There is no settings folder to record a new place in; nothing was moved."
    if target == source:
        return f"{target} is the data folder already."
    if target.is_relative_to(source):
        return f"{target} is inside the data folder; choose a folder outside {source}."
    if target.exists() and not target.is_dir():
        return f"{target} is a file; choose a folder."
    if target.is_dir() and any(target.iterdir()):
        return f"{target} is not empty; choose an empty folder, or a new one."
    anchor = _nearest_existing(target)
    if _read_only(anchor):
        return f"{target} is on a read-only drive; choose a folder you can write to."
    if not os.access(anchor, os.W_OK | os.X_OK):
        return f"You cannot write to {anchor}; choose a folder you can write to."
    free = shutil.disk_usage(anchor).free
    if free < size + SPACE_MARGIN:
        return (
            f"There is not enough free space for the data folder on the drive of {target}: "
            f"it needs {_size(size + SPACE_MARGIN)}, and {_size(free)} is free."
        )
    return ""


def _listing(source: Path, database: str) -> list[tuple[Path, int]]:
    """Every file of the data folder but the open database (copied apart), with its size."""
    live = {database, f"{database}-wal", f"{database}-shm", f"{database}-journal"}
    found: list[tuple[Path, int]] = []
    for folder, _dirs, names in os.walk(source):
        for name in sorted(names):
            path = Path(folder) / name
            relative = path.relative_to(source)
            if str(relative) in live:
                continue
            found.append((relative, path.lstat().st_size))
    return found


def _nearest_existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _read_only(folder: Path) -> bool:
    if not hasattr(os, "statvfs"):  # Windows: the write itself would fail, and be reported
        return False
    return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)


def _make_folder(target: Path) -> list[Path]:
    """Create the target (and its missing parents); return the folders created."""
    created = []
    folder = target
    while not folder.exists():
        created.append(folder)
        folder = folder.parent
    target.mkdir(parents=True, exist_ok=True)
    return created


def _verify(source: Path, target: Path, files: list[tuple[Path, int]]) -> None:
    """Every file is there, as large as the original (the database was checked apart)."""
    for relative, _ in files:
        original, copy = source / relative, target / relative
        if not copy.exists() and not copy.is_symlink():
            raise UsageError(f"{copy}: missing from the copy; nothing was moved")
        if copy.lstat().st_size != original.lstat().st_size:
            raise UsageError(f"{copy}: the copy differs from {original}; nothing was moved")


def _write_pointer(pointer: Path, target: Path) -> None:
    pointer.parent.mkdir(parents=True, exist_ok=True)
    partial = pointer.with_name(f".{pointer.name}.partial")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(f"{target}\n")
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(pointer)


def _remove_copy(target: Path, created: list[Path]) -> None:
    """Undo a failed copy: the target was empty or new, so all in it is ours."""
    if target.is_dir():
        for child in target.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
    for folder in created:  # deepest first
        try:
            folder.rmdir()
        except OSError:
            break


def _leave_note(source: Path, target: Path, now: datetime) -> Path | None:
    note = source / NOTE_NAME
    text = (
        f"This folder held the data of {APP_NAME} until {now:%d %B %Y, %H:%M} (UTC).\n\n"
        f"It was moved to:\n\n    {target}\n\n"
        "Everything here was copied there and checked, and the app and the command line\n"
        "now use that folder: nothing here is read or written any more.\n"
        "You may delete this folder.\n"
    )
    try:
        note.write_text(text, encoding="utf-8")
    except OSError:  # the move is done; the note is a courtesy
        return None
    return note


def _size(count: int) -> str:
    """1.5 MB, 820 KB: as a file manager says it."""
    if count < 1024 * 1024:
        return f"{max(1, round(count / 1024))} KB"
    if count < 1024**3:
        return f"{count / 1024**2:.1f} MB"
    return f"{count / 1024**3:.1f} GB"
