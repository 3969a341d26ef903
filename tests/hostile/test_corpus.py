"""The hostile corpus: one case per kind of input that ended in an internal error, a hang,
a misleading message or an assessment that could not leave the machine. Each is now
refused on one line that names the argument, field or file, with exit code 1 (the value
or file) or 2 (the command line), and the database is left exactly as it was.

The cases are made here, small or generated (a 4,301-digit number, 60,000 brackets, a
FIFO, a link to /dev/zero); docs/limits-and-failures.md lists the bounds they test.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assessor.store.database import Store
from tests.hostile.conftest import Cli

Args = Callable[[Cli], list[str]]

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the system has no FIFOs")


@dataclass(frozen=True)
class Case:
    args: Args
    code: int
    fragments: tuple[str, ...]


def typed(*args: str, code: int, says: tuple[str, ...]) -> Case:
    return Case(lambda _cli: list(args), code, says)


ANSWER = ["answer", "1"]

# --- The command line --------------------------------------------------------------

COMMAND_LINE = {
    "number answer of 400 digits": typed(
        *ANSWER, "CMP-16", "9" * 400, code=1, says=("CMP-16", "at most 40 characters")
    ),
    "number answer beyond 1e15": typed(
        *ANSWER, "CMP-16", "1e16", code=1, says=("CMP-16", "numbers go up to 1e15")
    ),
    "id of 2^63": typed(
        "score", str(2**63), code=2, says=("'ASSESSMENT_ID'", "ids go from 1 to")
    ),
    "id of 4,301 digits": typed(
        "export", "9" * 4301, "-o", "x.json", code=2, says=("'ASSESSMENT_ID'", "not an id")
    ),
    "note not UTF-8": typed(
        *ANSWER, "CMP-01", "l2", "--note", "ok \udcff\udcfe",
        code=2, says=("'--note'", "not UTF-8 text (the byte 0xff at character 4)"),
    ),
    "question id not UTF-8": typed(
        *ANSWER, "CMP\udcff", "l2", code=2, says=("'QUESTION_ID'", "not UTF-8")
    ),
    "answer not UTF-8": typed(*ANSWER, "CMP-01", "l\udce9", code=2, says=("'[ANSWER]'", "0xe9")),
    "question id with an escape sequence": typed(
        *ANSWER, "\x1b[2J\x1b[H", "l2", code=2, says=("'QUESTION_ID'", "control character")
    ),
    "answer of 60,000 brackets": typed(
        *ANSWER, "CMP-11", "[" * 60_000, code=2, says=("'[ANSWER]'", "at most 20,000")
    ),
    "answer of 19,000 brackets": typed(
        *ANSWER, "CMP-11", "[" * 19_000, code=1, says=("CMP-11", "nest more than 32 levels")
    ),
    "blank respondent": typed(
        *ANSWER, "CMP-01", "l2", "--respondent", " ",
        code=2, says=("'--respondent'", "must not be blank"),
    ),
    "respondent of 101 characters": typed(
        *ANSWER, "CMP-01", "l2", "--respondent", "r" * 101,
        code=2, says=("'--respondent'", "at most 100 characters; this one has 101"),
    ),
    "respondent with a control character": typed(
        *ANSWER, "CMP-01", "l2", "--respondent", "cro\x07",
        code=2, says=("'--respondent'", "control character U+0007"),
    ),
    "note of 100 KB": typed(
        *ANSWER, "CMP-01", "l2", "--note", "n" * 100_000,
        code=2, says=("'--note'", "at most 20,000 characters; this one has 100,000"),
    ),
    "empty selection by commas": typed(
        *ANSWER, "CMP-11", ",,,", code=1, says=("CMP-11", "tick at least one option")
    ),
    "empty selection as JSON": typed(
        *ANSWER, "CMP-11", "[]", code=1, says=("CMP-11", "tick at least one option")
    ),
    "list answer with a key twice": typed(
        *ANSWER, "CMP-11", '[{"a": 1, "a": 2}]', code=1, says=("the key 'a' appears twice",)
    ),
    "upgrade of no assessment": typed(
        "upgrade", "999", code=1, says=("there is no assessment 999",)
    ),
    "blank roadmap title": typed(
        "roadmap-add", "1", "--title", " \t", "--phase", "now", "--owner", "CRO",
        code=2, says=("'--title'", "must not be blank"),
    ),
    "roadmap owner of 4,001 characters": typed(
        "roadmap-edit", "1", "REC-GOV-POLICY", "--owner", "o" * 4001,
        code=2, says=("'--owner'", "at most 4,000"),
    ),
    "password not UTF-8": typed(
        "report", "1", "-o", "r.pdf", "--password", "\udcff",
        code=2, says=("'--password'", "not UTF-8"),
    ),
}  # fmt: skip


# --- Files -------------------------------------------------------------------------


#: Written in place of this text: json.dumps refuses integers of more than 4,300 digits.
DIGITS_4301 = "<4,301 digits>"


def spoiled(change: Callable[[dict[str, Any]], None]) -> Callable[..., Any]:
    """An import of the demo's file with one thing changed."""

    def args(cli: Cli, data: dict[str, Any]) -> list[str]:
        change(data)
        path = cli.folder / "spoiled.json"
        text = json.dumps(data)  # ASCII, so that "\ud800" stays escaped, as a file has it
        path.write_text(text.replace(f'"{DIGITS_4301}"', "9" * 4301), encoding="utf-8")
        return ["import", str(path)]

    return args


def _set(*path: str | int, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _nested(levels: int) -> object:
    value: object = "deep"
    for _ in range(levels):
        value = {"a": value}
    return value


def _answer_of(question_id: str, answer: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        response = next(r for r in data["responses"] if r["question_id"] == question_id)
        response["answer"] = answer

    return change


def _json_with(data_text: str, old: str, new: str) -> str:
    assert old in data_text
    return data_text.replace(old, new, 1)


FILES: dict[str, tuple[Callable[[dict[str, Any]], None], tuple[str, ...]]] = {
    "number of 400 digits": (_answer_of("CMP-16", 10**399), ("at most 40 characters",)),
    "number of 4,301 digits": (_answer_of("CMP-16", DIGITS_4301), ("this one has 4,301",)),
    "number beyond 1e15": (
        _answer_of("CMP-16", 10**16),
        ("responses[", "].answer: CMP-16: numbers go up to 1e15"),
    ),
    "lone surrogate in the title": (_set("title", value="A\ud800B"), ("title: is not valid text",)),
    "lone surrogate in a client field's name": (
        _set("client", "\udcff", value="x"),
        ("client: is not valid text",),
    ),
    "respondent id of 101 characters": (
        _set("respondents", 0, "id", value="r" * 101),
        ("respondents[0].id: at most 100",),
    ),
    "blank respondent id": (
        _set("respondents", 0, "id", value="  "),
        ("respondents[0].id: must not be blank",),
    ),
    "note of 100 KB": (
        _set("responses", 0, "note", value="n" * 100_000),
        ("responses[0].note: at most 20,000",),
    ),
    "client field nested 200 levels": (
        _set("client", "extra", value=_nested(200)),
        ("client.extra", "at most 32 levels"),
    ),
    "client field nested 10 levels": (
        _set("client", "extra", value=_nested(10)),
        ("client", "extra", "at most 8 levels"),
    ),
    "empty selection": (_answer_of("CMP-11", []), ("CMP-11: tick at least one option",)),
    "time stamp that is not one": (
        _set("created_at", value="last tuesday"),
        ("created_at", "not a time in ISO 8601"),
    ),
}


def _duplicate(old: str, new: str, key: str) -> tuple[Callable[..., Any], tuple[str, ...]]:
    def args(cli: Cli, data: dict[str, Any]) -> list[str]:
        path = cli.folder / "twice.json"
        path.write_text(_json_with(json.dumps(data), old, new), encoding="utf-8")
        return ["import", str(path)]

    return args, (f"the key '{key}' appears twice in one object",)


DUPLICATES = {
    "format_version twice": _duplicate(
        '"format_version": 1', '"format_version": 1, "format_version": 2', "format_version"
    ),
    "an answer twice": _duplicate('"answer": "l1"', '"answer": "l1", "answer": "l5"', "answer"),
}


# --- Not files at all ---------------------------------------------------------------


def _fifo(cli: Cli) -> Path:
    path = cli.folder / "pipe.json"
    os.mkfifo(path)
    return path


def _link_to_dev_zero(cli: Cli) -> Path:
    path = cli.folder / "zero.json"
    path.symlink_to("/dev/zero")
    return path


def _folder(cli: Cli) -> Path:
    path = cli.folder / "folder.yaml"
    path.mkdir()
    return path


NOT_FILES = {
    "import of a FIFO": pytest.param(
        lambda cli: ["import", str(_fifo(cli))], 1,
        ("pipe.json: is a FIFO (named pipe), not a file",), marks=needs_fifo,
    ),
    "import of a link to /dev/zero": pytest.param(
        lambda cli: ["import", str(_link_to_dev_zero(cli))], 1,
        ("zero.json: links to a character device, not a file",),
    ),
    "import of a folder": pytest.param(
        lambda cli: ["import", str(_folder(cli))], 2, ("'FILE'", "is a directory"),
    ),
    "branding logo linked to /dev/zero": pytest.param(
        lambda cli: ["report", "1", "-o", str(cli.folder / "r.pdf"), "--brand", _brand(cli)], 1,
        ("brand.yaml:2: logo: ", "logo.png: links to a character device, not a file"),
    ),
    "branding file that is a FIFO": pytest.param(
        lambda cli: ["report", "1", "-o", str(cli.folder / "r.pdf"), "--brand", str(_fifo(cli))],
        1, ("pipe.json:0: is a FIFO (named pipe), not a file",), marks=needs_fifo,
    ),
}  # fmt: skip


def _brand(cli: Cli) -> str:
    (cli.folder / "logo.png").symlink_to("/dev/zero")
    path = cli.folder / "brand.yaml"
    path.write_text("consultancy: Example\nlogo: logo.png\n", encoding="utf-8")
    return str(path)


# --- The tests ----------------------------------------------------------------------


@pytest.mark.parametrize("case", COMMAND_LINE.values(), ids=COMMAND_LINE.keys())
def test_hostile_arguments_are_refused_on_one_line(cli: Cli, case: Case) -> None:
    before = cli.fingerprint()
    result = cli(*case.args(cli))
    result.refused(case.code, *case.fragments)
    assert cli.fingerprint() == before


@pytest.mark.parametrize(("change", "fragments"), FILES.values(), ids=FILES.keys())
def test_hostile_files_are_refused_naming_the_field(
    cli: Cli,
    demo_file: dict[str, Any],
    change: Callable[[dict[str, Any]], None],
    fragments: tuple[str, ...],
) -> None:
    before = cli.fingerprint()
    result = cli(*spoiled(change)(cli, demo_file))
    result.refused(1, "spoiled.json: ", *fragments)
    assert cli.fingerprint() == before


@pytest.mark.parametrize(("args", "fragments"), DUPLICATES.values(), ids=DUPLICATES.keys())
def test_a_key_given_twice_is_refused_naming_it(
    cli: Cli, demo_file: dict[str, Any], args: Callable[..., Any], fragments: tuple[str, ...]
) -> None:
    before = cli.fingerprint()
    cli(*args(cli, demo_file)).refused(1, *fragments)
    assert cli.fingerprint() == before


@pytest.mark.parametrize(("args", "code", "fragments"), NOT_FILES.values(), ids=NOT_FILES.keys())
def test_what_is_not_a_file_is_refused_without_reading_it(
    cli: Cli, no_hang: None, args: Args, code: int, fragments: tuple[str, ...]
) -> None:
    before = cli.fingerprint()
    cli(*args(cli)).refused(code, *fragments)
    assert cli.fingerprint() == before


@pytest.mark.parametrize(
    ("sql", "says"),
    [
        ("INSERT INTO respondents (assessment_id, key, name, role) VALUES (1, ' ', ' ', '')",
         "respondents[2].id: must not be blank"),
        ("UPDATE responses SET note = printf('%.*c', 20001, 'n') WHERE id = 1",
         "responses[0].note: at most 20,000 characters; this one has 20,001"),
    ],
    ids=["blank respondent", "note of 20,001 characters"],
)  # fmt: skip
def test_a_value_kept_before_the_limits_is_named_by_export_not_written(
    cli: Cli, sql: str, says: str
) -> None:
    """What an older version let in (the probe's blank respondent, a longer note) cannot be
    written into a file no import would take: export names it and writes nothing."""
    with Store(cli.db) as store, store.atomic():
        store.conn.execute(sql)
    out = cli.folder / "out.json"
    cli("export", "1", "-o", str(out)).refused(
        1, f"assessment 1 cannot be exported: {says}", "change that value in the app"
    )
    assert not out.exists()


def test_an_answer_with_control_characters_is_kept_without_them(cli: Cli) -> None:
    assert cli("answer", "1", "CMP-01", "l2", "--note", "two\r\nlines\x1b[2J\x00").code == 0
    with Store(cli.db) as store:
        assert store.latest_answer(1, "CMP-01")[1] == "two\nlines[2J"  # type: ignore[index]
