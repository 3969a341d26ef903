"""YAML documents that remember the line of every key and list item.

Consultants write questionnaires by hand, so every problem must point at a line. This
module parses with PyYAML's safe loader and records, for each path into the document
(`("sections", 0, "questions", 2, "prompt")`), the line where it starts. It also refuses
what has no place in content files: several documents, duplicate keys, anchors and
aliases (which a hostile file can use to blow up memory), files too large, too deep or
of too many values (`assessor.limits`), numbers too long to read, and dates that do not
exist, each at its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assessor.errors import InputError
from assessor.input_files import read_bytes
from assessor.limits import (
    CONTENT_FILE_MAX_BYTES,
    CONTENT_FILE_VALUES_MAX,
    NESTING_MAX,
    number_literal,
    quoted,
)

Loc = tuple[str | int, ...]

try:  # the C loader is ten times faster; the pure-Python one behaves the same
    SAFE_LOADER: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    SAFE_LOADER = yaml.SafeLoader


class YamlProblem(Exception):
    """A file that is not usable YAML; `line` is 1-based (0 for the whole file)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class LocatedDocument:
    """A parsed YAML document, the line of each path into it, and the text of every
    unquoted scalar that YAML turned into something other than a string (`No` is false,
    `1.10` is 1.1), so that a message can show what was written."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    unquoted: dict[Loc, str] = field(default_factory=dict)

    def line_of(self, loc: Sequence[str | int]) -> int:
        """The line of `loc`, or of its nearest enclosing item that has one."""
        key = tuple(loc)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


def read_text(path: Path) -> str:
    """Read a content file as UTF-8, refusing what is too big, not a regular file, or
    not text."""
    try:
        raw = read_bytes(path, CONTENT_FILE_MAX_BYTES, "content files")
    except InputError as error:
        raise YamlProblem(str(error), 0) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem("the file is not UTF-8 text; save it as UTF-8", line) from error
    if "\x00" in text:
        raise YamlProblem("the file holds NUL characters; it is not a text file", 0)
    return text


def parse(text: str) -> LocatedDocument:
    """Parse one YAML document, recording the line of each key and item."""
    _check_size_and_depth(text)
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LocatedDocument(None, {(): 1})
        lines: dict[Loc, int] = {}
        unquoted: dict[Loc, str] = {}
        _walk(node, (), lines, unquoted, set(), loader)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error) from error
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML syntax: {error}", 0) from error
    except (ValueError, TypeError, OverflowError) as error:  # a value PyYAML cannot build
        raise YamlProblem(f"a value cannot be read: {error}", 0) from error
    finally:
        loader.dispose()
    return LocatedDocument(data, lines, unquoted)


def _syntax_problem(error: yaml.MarkedYAMLError) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else 0
    problem = " ".join(str(p) for p in (error.context, error.problem) if p)
    if "nesting depth" in problem or "max depth" in problem:
        problem = "the YAML is nested too deeply"
    elif "expected a single document" in problem:
        problem = "the file holds more than one YAML document; keep one per file"
    return YamlProblem(f"YAML syntax: {problem}", line)


_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _check_size_and_depth(text: str) -> None:
    """Refuse a file of more than `CONTENT_FILE_VALUES_MAX` values, or nested more than
    `NESTING_MAX` levels, before it is composed: PyYAML spends about 15 microseconds on
    each value, so a file of tiny values would take seconds. Reading the events alone
    costs a sixth of that, and stops at the bound."""
    loader = SAFE_LOADER(text)
    values = depth = 0
    try:
        while loader.check_event():
            event: yaml.Event = loader.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, _OPENS):
                depth += 1
                if depth > NESTING_MAX:
                    raise YamlProblem(
                        f"the YAML is nested too deeply: lists and mappings nest at most "
                        f"{NESTING_MAX} levels in content files",
                        _line(event),
                    )
            elif isinstance(event, _CLOSES):
                depth -= 1
                continue
            elif not isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                continue
            values += 1
            if values > CONTENT_FILE_VALUES_MAX:
                raise YamlProblem(
                    f"the file holds more than {CONTENT_FILE_VALUES_MAX:,} values (keys, items "
                    "and texts), the most a content file may hold; split it into several",
                    _line(event),
                )
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error) from error
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML syntax: {error}", 0) from error
    finally:
        loader.dispose()


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 0


_STRING_TAG = "tag:yaml.org,2002:str"
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_CHECKED_TAGS = {*_NUMBER_TAGS, _TIMESTAMP_TAG}


def _walk(
    node: yaml.Node,
    loc: Loc,
    lines: dict[Loc, int],
    unquoted: dict[Loc, str],
    seen: set[int],
    loader: yaml.SafeLoader,
) -> None:
    if id(node) in seen:
        raise YamlProblem(
            "YAML anchors and aliases (&name, *name) are not allowed in content files; "
            "write the text out",
            lines.get(loc, node.start_mark.line + 1),
        )
    seen.add(id(node))
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode) and not node.style and node.tag != _STRING_TAG:
        unquoted[loc] = node.value
    if isinstance(node, yaml.ScalarNode) and node.tag in _CHECKED_TAGS:
        _check_scalar(node, loader)
    if isinstance(node, yaml.MappingNode):
        keys: dict[object, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("keys must be plain text", key_node.start_mark.line + 1)
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key == "<<":
                raise YamlProblem("YAML merge keys (<<) are not allowed in content files", line)
            if key in keys:
                raise YamlProblem(
                    f"the key {quoted(key)} appears twice (first at line {keys[key]})", line
                )
            keys[key] = line
            lines[(*loc, key)] = line
            _walk(value_node, (*loc, key), lines, unquoted, seen, loader)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), lines, unquoted, seen, loader)


def _check_scalar(node: yaml.ScalarNode, loader: yaml.SafeLoader) -> None:
    """A number too long to read quickly, or a date that does not exist, at its line."""
    line = node.start_mark.line + 1
    if node.tag in _NUMBER_TAGS:
        try:
            number_literal(node.value)
        except InputError as error:
            raise YamlProblem(f'{error}; put it in quotes if it is text: "..."', line) from None
    elif node.tag == _TIMESTAMP_TAG:
        try:
            loader.construct_yaml_timestamp(node)
        except ValueError as error:
            raise YamlProblem(
                f"{node.value} is not a date that exists ({error}); put it in quotes if it "
                'is text: "..."',
                line,
            ) from None
