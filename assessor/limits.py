"""The bounds of every value the program takes from outside, and its rule for characters.

The numbers live here and nowhere else, and the functions below apply them: the assessment
file's models, the command line's arguments and the use-cases (which the app calls) check
a value with the same function, so what one path accepts the others accept too, and an
export writes it back for an import to read. A check returns the value as it is kept, or
raises `InputError` (a `ValueError` too, so pydantic reports it at its place in a file).
docs/limits-and-failures.md lists the numbers and what happens past each.

The character rule:

- Lone surrogates (U+D800..U+DFFF) are refused everywhere: they are not characters and
  cannot be saved as UTF-8. Python turns bytes of a command-line argument that are not
  UTF-8 into them, so such an argument is refused too.
- Ids (respondents, questions, roadmap items): surrounding whitespace is trimmed; control
  characters (C0, DEL and C1: U+0000..U+001F, U+007F..U+009F) are refused.
- One-line text (names, titles, roles, owners, actions): surrounding whitespace is
  trimmed, tabs and line breaks become spaces, other control characters are removed.
- Multi-line text (notes, text answers, descriptions): line breaks (CR LF and CR become LF)
  and tabs are kept, other control characters are removed.

This module imports nothing of the program but its errors, so every layer may use it.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationError

from assessor.errors import InputError

# --- The numbers ---------------------------------------------------------------------

#: Names of clients, respondents and use cases; titles; roles; who answered or agreed.
NAME_MAX = 200
#: A respondent's id, or any id given on the command line (the file format's own bound).
ID_MAX = 100
#: A note kept with an answer.
NOTE_MAX = 20_000
#: A text answer.
TEXT_ANSWER_MAX = 20_000
#: A use case's description.
DESCRIPTION_MAX = 5_000
#: A roadmap item's title, owner or one of its actions (the questionnaire format's text).
ROADMAP_TEXT_MAX = 4_000
#: The actions of one roadmap item.
ROADMAP_ACTIONS_MAX = 50
#: A report's password.
PASSWORD_MAX = 200
#: A time stamp, in ISO 8601 (`2026-11-20T10:02:11Z`).
TIMESTAMP_MAX = 40
#: An id of the database (assessment, client): SQLite's INTEGER.
RECORD_ID_MAX = 2**63 - 1
#: The size of a number answer, either way: exact in a float, beyond any real count.
NUMBER_MAX = 10**15
#: The characters of one number as written in a file or typed (`-12345.678e-9`).
NUMBER_LITERAL_MAX = 40
#: Lists and objects nested in one file (the formats need at most 7, a questionnaire pack 11).
NESTING_MAX = 32
#: Lists and objects nested in one extra field of a client (`client.sector`).
CLIENT_FIELD_NESTING_MAX = 8

#: An assessment file.
ASSESSMENT_FILE_MAX_BYTES = 20 * 1024 * 1024
#: A questionnaire, profile, framework, calendar or branding file (the largest bundled
#: one is 0.15 MB).
CONTENT_FILE_MAX_BYTES = 5 * 1024 * 1024
#: The values (keys and items) of one content file (the largest bundled one has 8,033).
CONTENT_FILE_VALUES_MAX = 100_000
#: A logo on the report's cover.
LOGO_MAX_BYTES = 2 * 1024 * 1024
#: Problems listed for one file; the rest are counted ("... and 12 more").
PROBLEMS_PER_FILE = 50

# --- Characters ----------------------------------------------------------------------

_CONTROLS = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_ONE_LINE = str.maketrans(
    {
        **dict.fromkeys(_CONTROLS),
        **dict.fromkeys((0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029), " "),
    }
)
_MULTI_LINE = str.maketrans({**dict.fromkeys(_CONTROLS), 0x09: "\t", 0x0A: "\n"})


def _prefix(field: str) -> str:
    return f"{field}: " if field else ""


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{_prefix(field)}should be text")
    bad = _SURROGATE.search(value)
    if bad is not None:
        raise InputError(
            f"{_prefix(field)}is not valid text: it holds \\u{ord(bad.group()):04x} at "
            f"character {bad.start() + 1} (a byte that is not UTF-8, or half of a surrogate "
            "pair); write it again as UTF-8"
        )
    return value


def _length(text: str, field: str, max_length: int, what: str = "characters") -> str:
    if len(text) > max_length:
        raise InputError(
            f"{_prefix(field)}at most {max_length:,} {what}; this one has {len(text):,}"
        )
    return text


def bounded_text(value: object, field: str = "", *, max_length: int) -> str:
    """Text kept exactly as given (an answer before its question reads it): valid text of
    at most `max_length` characters."""
    return _length(_text(value, field), field, max_length)


def identifier(value: object, field: str = "", *, optional: bool = False) -> str:
    """An id as kept: trimmed, 1 to `ID_MAX` characters, no control characters. With
    `optional`, the empty string (no id) is allowed, but a blank one is not."""
    text = _text(value, field)
    if optional and text == "":
        return text
    text = text.strip()
    if not text:
        raise InputError(f"{_prefix(field)}must not be blank")
    bad = _CONTROL.search(text)
    if bad is not None:
        raise InputError(
            f"{_prefix(field)}holds the control character U+{ord(bad.group()):04X}; "
            "ids are plain text"
        )
    return _length(text, field, ID_MAX)


def one_line(
    value: object, field: str = "", *, max_length: int = NAME_MAX, required: bool = True
) -> str:
    """One-line text as kept: trimmed, tabs and line breaks as spaces, no other control
    characters; at most `max_length` characters, and not blank when `required`."""
    text = _text(value, field).translate(_ONE_LINE).strip()
    if required and not text:
        raise InputError(f"{_prefix(field)}must not be blank")
    return _length(text, field, max_length)


def multi_line(value: object, field: str = "", *, max_length: int = NOTE_MAX) -> str:
    """Multi-line text as kept: line breaks as LF, tabs kept, no other control characters;
    at most `max_length` characters."""
    text = _text(value, field)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _length(text.translate(_MULTI_LINE), field, max_length)


def password(value: object, field: str = "password") -> str:
    """A password: text as typed (not trimmed), no control characters, not empty."""
    text = _text(value, field)
    if not text:
        raise InputError(f"{_prefix(field)}must not be empty")
    if _CONTROL.search(text):
        raise InputError(f"{_prefix(field)}must not hold control characters")
    return _length(text, field, PASSWORD_MAX)


def timestamp(value: object, field: str = "") -> str:
    """A time stamp in ISO 8601, as written."""
    text = _length(_text(value, field).strip(), field, TIMESTAMP_MAX)
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{_prefix(field)}{quoted(text)} is not a time in ISO 8601 (e.g. 2026-11-20T10:02:11Z)"
        ) from None
    return text


def record_id(value: int, field: str = "") -> int:
    """An id of the database: 1 to `RECORD_ID_MAX`."""
    if not 1 <= value <= RECORD_ID_MAX:
        raise InputError(f"{_prefix(field)}ids go from 1 to {RECORD_ID_MAX:,}; {value} is not one")
    return value


def number(value: int | float, field: str = "") -> float:
    """A number answer as a float: finite, at most `NUMBER_MAX` either way."""
    if isinstance(value, int) and abs(value) > NUMBER_MAX:  # before float() can overflow
        raise InputError(f"{_prefix(field)}numbers go up to 1e15 either way")
    result = float(value)
    if not math.isfinite(result):
        raise InputError(f"{_prefix(field)}{value} is not a usable number")
    if abs(result) > NUMBER_MAX:
        raise InputError(f"{_prefix(field)}numbers go up to 1e15 either way")
    return result


def number_literal(text: str, field: str = "") -> str:
    """A number as written in a file or typed: at most `NUMBER_LITERAL_MAX` characters,
    so that reading it can never take long or fail (Python reads integers of 4,300 digits
    at most)."""
    if len(text) > NUMBER_LITERAL_MAX:
        raise InputError(
            f"{_prefix(field)}a number is written with at most {NUMBER_LITERAL_MAX} "
            f"characters; this one has {len(text):,} ({text[:12]}...)"
        )
    return text


def nesting(value: object, limit: int = NESTING_MAX, field: str = "") -> None:
    """Check that lists and objects nest at most `limit` levels in `value`, and that no
    key or text in it holds a lone surrogate; the error names the place
    (`field.responses[3].note`). Iterative: a value of any depth is safe to check."""
    todo: list[tuple[object, tuple[str | int, ...]]] = [(value, ())]
    while todo:
        current, place = todo.pop()
        if isinstance(current, dict | list):
            if len(place) >= limit:
                raise InputError(
                    f"{_prefix(_place(field, place))}lists and objects nest at most {limit} "
                    "levels here"
                )
            items = current.items() if isinstance(current, dict) else enumerate(current)
            for key, item in items:
                if isinstance(key, str) and _SURROGATE.search(key):
                    _text(key, _place(field, place))
                todo.append((item, (*place, key)))
        elif isinstance(current, str) and _SURROGATE.search(current):
            _text(current, _place(field, place))  # the place is worked out only to be told


def _place(field: str, place: tuple[str | int, ...]) -> str:
    """`field.responses[3].note`, clipped in the middle when it is long."""
    parts = [f"[{part}]" if isinstance(part, int) else f".{part[:40]}" for part in place]
    if len(parts) > 8:
        parts = [*parts[:3], ".…", *parts[-3:]]
    text = field + "".join(parts)
    return text.lstrip(".")


def quoted(text: str, width: int = 60) -> str:
    """A value as a message quotes it: in quotes, escaped, and clipped to `width`."""
    shown = repr(text)
    return shown if len(shown) <= width else shown[: width - 4] + "...'"


def first_problem(error: ValidationError) -> str:
    """The first error of a pydantic validation, as `place: message (and N more)`."""
    first = error.errors()[0]
    place = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    more = error.error_count() - 1
    told = f"{place.lstrip('.')}: {message}" if place else message
    return told + (f" (and {more} more problems)" if more else "")


# --- The same rules as pydantic types, for the file formats -------------------------


def _on_text(check: Any) -> BeforeValidator:
    return BeforeValidator(lambda value: check(value) if isinstance(value, str) else value)


IdText = Annotated[
    str,
    _on_text(identifier),
    Field(min_length=1, max_length=ID_MAX, description="An id: plain text, no control characters."),
]
OptionalIdText = Annotated[
    str,
    _on_text(lambda v: identifier(v, optional=True)),
    Field(max_length=ID_MAX, description='An id, or "" for none.'),
]
NameText = Annotated[str, _on_text(one_line), Field(min_length=1, max_length=NAME_MAX)]
OptionalNameText = Annotated[
    str, _on_text(lambda v: one_line(v, required=False)), Field(max_length=NAME_MAX)
]
NoteText = Annotated[str, _on_text(multi_line), Field(max_length=NOTE_MAX)]
DescriptionText = Annotated[
    str,
    _on_text(lambda v: multi_line(v, max_length=DESCRIPTION_MAX)),
    Field(max_length=DESCRIPTION_MAX),
]
Timestamp = Annotated[
    str,
    _on_text(timestamp),
    Field(max_length=TIMESTAMP_MAX, description="ISO 8601, e.g. 2026-11-20T10:02:11Z."),
]
