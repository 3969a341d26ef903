"""The command line's argument types: each value checked where it is typed, by the same
function of `assessor.limits` as the use-case it goes to, so that an error names the
argument (`--note`) and exits 2 before anything is opened.

Python turns the bytes of an argument that are not UTF-8 into lone surrogates; text
arguments refuse them, naming the byte. Paths are left as the system gives them: on
Linux a file name is bytes, and refusing it would leave such a file out of reach.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import click

from assessor.errors import InputError
from assessor.limits import (
    NOTE_MAX,
    RECORD_ID_MAX,
    ROADMAP_TEXT_MAX,
    TEXT_ANSWER_MAX,
    bounded_text,
    identifier,
    multi_line,
    one_line,
    password,
    quoted,
    record_id,
)

_NOT_UTF8 = re.compile("[\udc80-\udcff]")


class CheckedText(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.2
    """Text checked by one function of `assessor.limits`."""

    def __init__(self, name: str, check: Callable[[str], str]) -> None:
        self.name = name
        self._check = check

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        byte = _NOT_UTF8.search(value)
        if byte is not None:
            self.fail(
                f"not UTF-8 text (the byte 0x{ord(byte.group()) - 0xDC00:02x} at character "
                f"{byte.start() + 1}); type it again, or set the terminal to UTF-8",
                param,
                ctx,
            )
        try:
            return self._check(value)
        except InputError as error:
            self.fail(str(error), param, ctx)


class RecordId(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.2
    """An id of the database: a whole number from 1 to SQLite's largest INTEGER."""

    name = "id"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not (text.isascii() and text.isdigit() and len(text) <= len(str(RECORD_ID_MAX))):
            self.fail(f"{quoted(text, 30)} is not an id: ids are whole numbers", param, ctx)
        try:
            return record_id(int(text))
        except InputError as error:
            self.fail(str(error), param, ctx)


#: An assessment's id: SQLite's INTEGER, from 1.
RECORD_ID = RecordId()
#: A question, roadmap item or respondent id.
ID = CheckedText("id", identifier)
#: A respondent id, or "" for nobody in particular.
OPTIONAL_ID = CheckedText("id", lambda value: identifier(value, optional=True))
#: An answer as typed; its question reads it.
ANSWER = CheckedText("answer", lambda value: bounded_text(value, max_length=TEXT_ANSWER_MAX))
#: A note kept with an answer.
NOTE = CheckedText("text", lambda value: multi_line(value, max_length=NOTE_MAX))
#: A roadmap item's title or owner.
ROADMAP_TEXT = CheckedText("text", lambda value: one_line(value, max_length=ROADMAP_TEXT_MAX))
#: One of a roadmap item's actions (a blank one is left out).
ROADMAP_ACTION = CheckedText(
    "text", lambda value: one_line(value, max_length=ROADMAP_TEXT_MAX, required=False)
)
#: A report's password.
PASSWORD = CheckedText("password", password)
