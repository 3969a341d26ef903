"""Pydantic errors told in the file's own terms, at the file's own lines.

The one translator from schema errors to a consultant's words, for every YAML format the
core reads (questionnaires, profiles, frameworks): it names items by their ids
(`question GR-03: options[2].value`), suggests a known key for a misspelt one, and says
how to quote what YAML turned into a boolean or a number.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from assessor.errors import Problem
from assessor.library.located_yaml import Loc, LocatedDocument, YamlProblem, parse, read_text
from assessor.limits import PROBLEMS_PER_FILE, quoted


def near(name: str, known: Iterable[str]) -> str:
    near = difflib.get_close_matches(name, list(known), n=1, cutoff=0.7)
    return f" (did you mean {near[0]!r}?)" if near else ""


def capped(problems: Sequence[Problem], more: int = 0) -> list[Problem]:
    """The problems of one file as they are listed: at most `PROBLEMS_PER_FILE`, in line
    order, then one that counts the rest (and the `more` not even told), so a file of a
    hundred thousand mistakes is listed, and checked, as fast as a file of fifty."""
    ordered = sorted(problems, key=lambda p: p.line)
    kept, rest = ordered[:PROBLEMS_PER_FILE], ordered[PROBLEMS_PER_FILE:]
    untold = len(rest) + more
    if not untold or not kept:
        return kept
    line = rest[0].line if rest else kept[-1].line
    return [
        *kept,
        Problem(kept[0].path, line, f"… and {untold:,} more problems in this file; fix these "
                "first, then check again", stands_for=untold),
    ]  # fmt: skip


def schema_problems(
    path: Path,
    document: LocatedDocument,
    error: ValidationError,
    known_keys: Sequence[str],
    budget: int = PROBLEMS_PER_FILE,
) -> tuple[list[Problem], int]:
    """The first `budget` errors of a validation told in the file's terms (the telling,
    with its did-you-mean search, is the slow part), and how many more there are."""
    errors = error.errors(include_url=False)
    budget = max(budget, 0)
    told = [schema_problem(path, document, e, known_keys) for e in errors[:budget]]
    return told, len(errors) - len(told)


def schema_problem(
    path: Path, document: LocatedDocument, error: Any, known_keys: Sequence[str]
) -> Problem:
    """A pydantic error told in the file's terms, at its line (questionnaires, profiles)."""
    data_loc, where = _describe(document.data, error["loc"], known_keys)
    kind = error["type"]
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        key = str(data_loc[-1]) if data_loc else "?"
        message = f"unknown key {quoted(key)}{near(key, known_keys)}"
        where = _describe(document.data, error["loc"][:-1], known_keys)[1]
    elif kind == "missing":
        message = "is required"
    elif kind == "too_short" and isinstance(error.get("ctx"), dict):
        needed = error["ctx"].get("min_length", 1)
        message = f"needs at least {needed} item{'s' if needed != 1 else ''}"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "string_type" and data_loc in document.unquoted:
        message = _quote_hint(data_loc, document.unquoted[data_loc], error.get("input"))
    elif kind in {"less_than_equal", "greater_than_equal", "greater_than", "less_than"}:
        message = f"{message.replace('Input should', 'should')} (found {error.get('input')!r})"
    else:
        message = message.replace("Input should", "should")
    text = f"{where}: {message}" if where else message
    return Problem(path, document.line_of(data_loc), text)


def _quote_hint(loc: Loc, written: str, read_as: object) -> str:
    """YAML 1.1 reads unquoted No, Yes, On, Off as booleans and 1.10 as 1.1: say so."""
    if isinstance(read_as, bool):
        what = f"the boolean {str(read_as).lower()}"
    elif read_as is None:
        what = "an empty value"
    else:
        what = f"the number {read_as!r}"
    key = loc[-1] if loc and isinstance(loc[-1], str) else "the value"
    return f'YAML reads the unquoted {written} as {what}; put it in quotes: {key}: "{written}"'


def _describe(data: Any, loc: Sequence[str | int], known_keys: Sequence[str]) -> tuple[Loc, str]:
    """Follow a pydantic error location through the data; name items by their ids.

    Returns the location in the data (without union tags) and a readable place such as
    `question GR-03: options[2].value`.
    """
    data_loc: list[str | int] = []
    where: list[str] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            item_id = current.get("id") if isinstance(current, dict) else None
            if data_loc and data_loc[-1] in {"sections", "questions"} and isinstance(item_id, str):
                where = [] if data_loc[-1] == "questions" else where
                where.append(f"{str(data_loc[-1])[:-1]} {item_id}")
                data_loc.append(part)
                continue
            where.append(f"[{part}]")
            data_loc.append(part)
            continue
        elif isinstance(part, str) and part in {"extra"}:
            continue
        elif isinstance(current, dict | list | str | int | float) and not (
            isinstance(part, int) or part in known_keys
        ):
            continue  # a union or validator tag, not a place in the file
        data_loc.append(part)
        where.append(f".{part}")
        continue
    return tuple(data_loc), _join(where)


def _join(parts: list[str]) -> str:
    text = ""
    after_name = False
    for part in parts:
        if part.startswith((".", "[")):
            text += (": " + part.lstrip(".")) if after_name else part
            after_name = False
        else:
            text, after_name = part, True
    return text.lstrip(".")


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class CheckedFile(Generic[M]):
    """A YAML file read into a model: the model and its document, or the problems."""

    path: Path
    model: M | None
    document: LocatedDocument | None
    problems: list[Problem]


def read_model(
    path: Path, model: type[M], known_keys: Sequence[str] | None = None
) -> CheckedFile[M]:
    """Read and validate one YAML file of a format; every schema problem at its line."""
    try:
        document = parse(read_text(path))
    except YamlProblem as error:
        return CheckedFile(path, None, None, [Problem(path, error.line, error.message)])
    try:
        return CheckedFile(path, model.model_validate(document.data), document, [])
    except ValidationError as error:
        keys = known_keys if known_keys is not None else model_keys(model)
        told, more = schema_problems(path, document, error, keys)
        return CheckedFile(path, None, document, capped(told, more))


def model_keys(model: type[BaseModel]) -> list[str]:
    """The keys of a model and of the models it holds, for did-you-mean suggestions."""
    keys: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [model]
    while todo:
        current = todo.pop()
        seen.add(current)
        for name, info in current.model_fields.items():
            keys.add(name)
            inner = [t for arg in get_args(info.annotation) for t in (arg, *get_args(arg))]
            todo.extend(
                t for t in (info.annotation, *inner)
                if isinstance(t, type) and issubclass(t, BaseModel) and t not in seen
            )  # fmt: skip
    return sorted(keys)
