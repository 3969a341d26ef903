"""YAML documents that remember the line of every key and list item.

Consultants write questionnaires by hand, so every problem must point at a line. This
module parses with PyYAML's safe loader and records, for each path into the document
(`("sections", 0, "questions", 2, "prompt")`), the line where it starts. It also refuses
what has no place in content files: several documents, duplicate keys, anchors and
aliases (which a hostile file can use to blow up memory), and very large files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 5 * 1024 * 1024

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
    """Read a content file as UTF-8, refusing what is too big or not text."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise YamlProblem(f"cannot read the file: {error.strerror or error}", 0) from error
    if size > MAX_BYTES:
        raise YamlProblem(
            f"the file is {size / 1024 / 1024:.1f} MB; content files are at most "
            f"{MAX_BYTES // 1024 // 1024} MB",
            0,
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise YamlProblem(f"cannot read the file: {error.strerror or error}", 0) from error
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
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LocatedDocument(None, {(): 1})
        lines: dict[Loc, int] = {}
        unquoted: dict[Loc, str] = {}
        _walk(node, (), lines, unquoted, set())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = " ".join(str(p) for p in (error.context, error.problem) if p)
        if "nesting depth" in problem:
            problem = "the YAML is nested too deeply"
        elif "expected a single document" in problem:
            problem = "the file holds more than one YAML document; keep one per file"
        raise YamlProblem(f"YAML syntax: {problem}", line) from error
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML syntax: {error}", 0) from error
    except RecursionError as error:
        raise YamlProblem("the YAML is nested too deeply", 0) from error
    finally:
        loader.dispose()
    return LocatedDocument(data, lines, unquoted)


_STRING_TAG = "tag:yaml.org,2002:str"


def _walk(
    node: yaml.Node, loc: Loc, lines: dict[Loc, int], unquoted: dict[Loc, str], seen: set[int]
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
                    f"the key {key!r} appears twice (first at line {keys[key]})", line
                )
            keys[key] = line
            lines[(*loc, key)] = line
            _walk(value_node, (*loc, key), lines, unquoted, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), lines, unquoted, seen)
