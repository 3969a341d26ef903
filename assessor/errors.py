"""The errors a user can cause, each with a message meant for them.

    AssessorError                 anything the user can fix; the CLI prints one line
    ├── ContentError              questionnaire files that cannot be used (carries problems)
    ├── ConditionError            an `applies_when` expression that is wrong (carries a column)
    ├── InputError                a value outside the bounds of `assessor.limits` (also a
    │                             ValueError, so pydantic reports it at its place in a file)
    ├── UsageError                a command asked for something that does not exist
    ├── FileWriteError            a file that could not be written (the old one is kept)
    └── StoreError                the database cannot be opened or written
        (assessor.store.database: NewerDatabase, ReadOnlyDatabase, DamagedDatabase,
         DatabaseFull, DatabaseIOError, DatabaseBusy)

Programming errors are not in this family; they keep their tracebacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at one line (1-based; 0 when the file as a whole)."""

    path: Path
    line: int
    message: str
    #: How many problems this stands for: 1, or those it counts ("... and 120 more").
    stands_for: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def count_problems(problems: Sequence[Problem]) -> int:
    """How many problems these are, counting those only counted in a file's last line."""
    return sum(p.stands_for for p in problems)


class AssessorError(Exception):
    """Base of the errors a user can cause and fix."""


class ContentError(AssessorError):
    """Questionnaire content that cannot be loaded."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid content"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more problems)" if more > 0 else ""))


class ConditionError(AssessorError):
    """An `applies_when` expression that cannot be parsed or checked.

    `column` is 1-based within the expression text.
    """

    def __init__(self, message: str, column: int) -> None:
        self.column = column
        self.detail = message
        super().__init__(f"column {column}: {message}")


class InputError(AssessorError, ValueError):
    """A value the program does not take: too long, too large, nested too deeply, not text,
    or not a regular file. The message names the field (or the file) and the bound."""


class UsageError(AssessorError):
    """A request that names something that does not exist or cannot be done."""


class FileWriteError(AssessorError):
    """A file that could not be written: the message names it and the cause; an existing
    file of that name is left as it was (see `assessor.atomic_files`)."""
