"""Writing a file so that anyone reading it sees the old file or the new one, never half.

Every file the core writes (plans, assessment files, reports, the store's backups, the
framework catalogue) goes through here: the content goes to a temporary file in the same
folder, is flushed and fsynced, then renamed over the target, and the folder is fsynced
where the platform allows, so the rename itself survives a power cut. A failure at any
step removes the temporary file, leaves an existing target exactly as it was, and raises
`FileWriteError` with one line naming the file and the cause.

Temporary files are named `.NAME.RANDOM.partial` beside the target: hidden, never the
target's own name, and unique, so that two writers of the same file cannot collide.
Only a killed process leaves one behind, and it is never mistaken for the real file.

Making the content (laying out a PDF, zipping a workbook) is the caller's business; a
caller that cannot hand over bytes (a library that writes by file name, SQLite's backup)
writes into the temporary path that `replacing` gives it.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from assessor.errors import FileWriteError

#: What to do about a write that failed, by the cause.
_ADVICE = {
    errno.ENOSPC: "free some space and try again",
    errno.EDQUOT: "free some space and try again",
    errno.EACCES: "choose a folder you can write to",
    errno.EPERM: "choose a folder you can write to",
    errno.EROFS: "choose a folder you can write to",
    errno.ENOENT: "check that the folder exists",
    errno.EISDIR: "give a file name, not a folder",
    errno.EIO: "check the disk and try again",
}
_CHUNK = 1 << 20
WINDOWS = os.name == "nt"


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, whole or not at all."""
    with replacing(path) as temporary:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
        try:
            view = memoryview(data)
            while view:
                written = os.write(descriptor, view[:_CHUNK])
                view = view[written:]
        finally:
            os.close(descriptor)


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write into; when the block ends normally, it is
    fsynced and renamed over `path`. On any failure it is removed and `path` is left as
    it was; an `OSError` becomes a `FileWriteError` naming `path`."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path  # keep the link
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        # O_EXCL: never write through a file someone else made; 0o666 lets the umask
        # decide the permissions, as for any new file.
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as error:
        raise cannot_write(path, error) from error
    try:
        yield temporary
        _sync(temporary)
        _keep_mode(target, temporary)
        try:
            os.replace(temporary, target)
        except PermissionError as error:
            if not WINDOWS:
                raise
            raise FileWriteError(  # Windows cannot replace a file another program has open
                f"{path}: cannot write ({error.strerror or error}); close it in any program "
                "that has it open (a spreadsheet, a PDF viewer), then try again"
            ) from error
    except BaseException as error:
        with suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise cannot_write(path, error) from error
        raise
    _sync_folder(target.parent)


def cannot_write(path: Path, error: OSError) -> FileWriteError:
    """`plan.xlsx: cannot write (No space left on device); free some space and try again`."""
    if error.errno in (errno.EEXIST, errno.ENOTDIR):  # a folder on the way is a file
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            return FileWriteError(
                f"{path}: cannot write: {blocker} is a file, not a folder; choose another "
                "folder; nothing was written"
            )
    cause = error.strerror or str(error)
    advice = _ADVICE.get(error.errno or 0, "nothing was written")
    kept = "; the existing file is unchanged" if path.is_file() else ""
    return FileWriteError(f"{path}: cannot write ({cause}); {advice}{kept}")


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _keep_mode(target: Path, temporary: Path) -> None:
    """A replaced file keeps its permissions (a plan shared read-only stays read-only)."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return
    os.chmod(temporary, mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable. Windows cannot open a folder, and some file systems
    refuse to fsync one; the file itself is already safe on disk then."""
    if WINDOWS:
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
