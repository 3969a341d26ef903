"""Reading a file the user names or drops in a folder: regular files only, bounded.

Every input file (an assessment file, a questionnaire, a profile, a framework, the
calendar, a branding file, a logo) is read here. Its kind and size are checked with
`os.stat` before it is opened, and it is opened without blocking, so that a FIFO is never
waited on and a device such as /dev/zero (or a link to one) is never read without end; the
read itself stops one byte past the bound, should the file grow meanwhile.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from assessor.errors import InputError

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO"); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as an input file ("is a FIFO (named pipe), not a
    file"), or None when it is a regular file (a link to one is one)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "is a link to a file that is gone" if os.path.islink(path) else "no such file"
    except OSError as error:
        return f"cannot read the file ({error.strerror or error})"
    kind = kind_of(mode)
    if kind is None:
        return None
    link = "links to " if os.path.islink(path) else "is "
    return f"{link}{kind}, not a file"


def _megabytes(size: int) -> str:
    if size < 100 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{round(size / 1024 / 1024, 1):g} MB"


def read_bytes(path: Path, max_bytes: int, what: str = "files of this kind") -> bytes:
    """The bytes of the regular file `path`, of at most `max_bytes`; InputError (without
    the path, which the caller names) for anything else."""
    reason = not_a_file(path)
    if reason is not None:
        raise InputError(reason)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror or error})") from error
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        kind = kind_of(info.st_mode)
        if kind is not None:  # replaced between the check and the open
            raise InputError(f"is {kind}, not a file")
        if info.st_size > max_bytes:
            raise InputError(
                f"the file is {_megabytes(info.st_size)}; {what} are at most "
                f"{_megabytes(max_bytes)}"
            )
        try:
            data = handle.read(max_bytes + 1)
        except OSError as error:
            raise InputError(f"cannot read the file ({error.strerror or error})") from error
    if len(data) > max_bytes:
        raise InputError(f"the file grew past {_megabytes(max_bytes)} while it was read")
    return data
