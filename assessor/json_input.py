"""JSON as the program reads it from outside: an assessment file, a list typed on the
command line.

Stricter than `json.loads` where a lenient reading would mislead or fail later: a key
given twice in one object is refused (`json.loads` would keep the last silently, even
`format_version`); numbers are at most `NUMBER_LITERAL_MAX` characters (Python refuses
integers of more than 4,300 digits, and a float of 400 digits is infinity); `NaN` and
`Infinity` are not JSON; lists and objects nest at most `NESTING_MAX` levels; no key or
text holds a lone surrogate (`"\\ud800"`), which could not be saved.
"""

from __future__ import annotations

import json
from typing import Any

from assessor.errors import InputError
from assessor.limits import NESTING_MAX, nesting, number_literal, quoted


class JsonProblem(InputError):
    """Text that is not JSON the program takes; the message says where, when it can."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise JsonProblem(f"the key {quoted(key)} appears twice in one object; keep one")
            seen.add(key)
    return result


class _LongNumber(Exception):
    def __init__(self, literal: str, message: str) -> None:
        super().__init__(message)
        self.literal = literal


def _bounded(literal: str) -> str:
    try:
        return number_literal(literal)
    except InputError as error:
        raise _LongNumber(literal, str(error)) from None


def _integer(text: str) -> int:
    return int(_bounded(text))


def _float(text: str) -> float:
    return float(_bounded(text))


def _place(text: str, found: str) -> str:
    at = text.find(found)
    line = text.count("\n", 0, at) + 1
    return f" at line {line}, column {at - text.rfind(chr(10), 0, at)}"


def _constant(name: str) -> float:
    raise JsonProblem(f"{name} is not a number JSON allows")


def load_json(text: str) -> Any:
    """Parse one JSON document by the rules above, or raise JsonProblem."""
    try:
        data = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        raise JsonProblem(
            f"not JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise JsonProblem(f"lists and objects nest more than {NESTING_MAX} levels deep") from None
    except _LongNumber as error:  # the hook knows the number, not its place: find it
        raise JsonProblem(f"{error}{_place(text, error.literal)}") from None
    nesting(data, NESTING_MAX)
    return data
