"""The assessment commands, run as a user runs them: stdout, stderr and exit codes.

They run in-process through the same `main()` the installed script calls, which is ten
times faster than a process per call; `test_a_real_process_starts_and_exits_cleanly`
and the tests of `tests/cli/test_cli.py` and `tests/store` keep real processes for
start-up, exit codes and kill -9.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from assessor.cli import main


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


def assessor(*args: str, db: Path, check: bool = True) -> Result:
    env = {"ASSESSOR_DB": str(db), "ASSESSOR_DATA_DIR": str(db.parent / "data")}
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with (
        mock.patch.dict(os.environ, env),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    result = Result(code, out.getvalue(), err.getvalue())
    assert "Traceback" not in result.stderr
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_a_real_process_starts_and_exits_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "ASSESSOR_DB": str(tmp_path / "a.sqlite"),
           "ASSESSOR_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
    started = subprocess.run(
        [sys.executable, "-m", "assessor.cli", "--version"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert (started.returncode, started.stdout.split()[0]) == (0, "assessor,")
    missing = subprocess.run(
        [sys.executable, "-m", "assessor.cli", "score", "99"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: there is no assessment 99")
    assert "Traceback" not in missing.stderr


def test_demo_import_export_answer_list_and_score(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    demo = assessor("demo", db=db)
    assert demo.stdout == "1\n"
    exported = tmp_path / "northwind.json"
    assert assessor("export", "1", "-o", str(exported), db=db).stdout == ""
    imported = assessor("import", str(exported), db=db)
    assert imported.stdout == "2\n"
    answer = assessor(
        "answer", "2", "CMP-01", "l5", "--respondent", "cro", "--note", "fixed", db=db
    )
    assert (answer.stdout, answer.stderr) == ("", "")
    listed = json.loads(assessor("list", "--json", db=db).stdout)
    assert [row["id"] for row in listed] == [1, 2]
    assert listed[0]["client"] == "Northwind Mutual Insurance"
    one = json.loads(assessor("score", "1", "--json", db=db).stdout)
    two = json.loads(assessor("score", "2", "--json", db=db).stdout)
    assert {"overall", "completeness", "confidence", "domains", "blockers", "use_cases"} <= set(one)
    assert set(one["overall"]) >= {"score", "level"}
    assert set(one["domains"][0]) >= {
        "id",
        "title",
        "score",
        "level",
        "target_level",
        "completeness",
        "blockers",
    }
    assert "CMP-01" in [b["question_id"] for b in one["blockers"]]
    assert "CMP-01" not in [b["question_id"] for b in two["blockers"]]  # answered l5 since
    assert [u["verdict"] for u in one["use_cases"]] == ["not ready", "not ready"]
    # list shows the score after the answer; the answer raised it above the original's
    assert listed[1]["overall"]["score"] == two["overall"]["score"] > one["overall"]["score"]
    text = assessor("score", "1", db=db).stdout
    assert "Northwind Mutual Insurance" in text
    assert "blocker CMP-01" in text


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["score", "99"], "there is no assessment 99"),
        (["answer", "1", "NOPE-1", "l3"], "has no question 'NOPE-1'"),
        (["answer", "1", "CMP-01", "l9"], "CMP-01 takes one of"),
        (["import", "/nonexistent/file.json"], "/nonexistent/file.json: no such file"),
        (["export", "1", "-o", "/nonexistent/dir/out.json"], "out.json: cannot write ("),
    ],
)
def test_errors_are_one_line_and_a_non_zero_exit(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    db = tmp_path / "a.sqlite"
    assessor("demo", db=db)
    result = assessor(*args, db=db, check=False)
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert fragment in result.stderr


def test_a_new_participant_can_answer_mid_workshop(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    assessor("demo", db=db)
    assessor("answer", "1", "GOV-02", "l1", "--respondent", "dana", db=db)
    card = json.loads(assessor("score", "1", "--json", db=db).stdout)
    assert card["overall"]["score"] is not None


def test_the_db_option_wins_over_the_environment(tmp_path: Path) -> None:
    env_db = tmp_path / "env.sqlite"
    option_db = tmp_path / "option.sqlite"
    assessor("--db", str(option_db), "demo", db=env_db)
    assert option_db.exists()
    assert not env_db.exists()


def test_roadmap_commands(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    assessor("demo", db=db)
    items = json.loads(assessor("roadmap", "1", "--json", db=db).stdout)
    fields = {"id", "title", "actions", "domain", "why", "effort", "impact", "owner", "phase",
              "depends_on", "priority", "edited", "quick_win"}  # fmt: skip
    assert all(fields <= set(item) for item in items)
    assert {i["phase"] for i in items} <= {"now", "next", "later", "beyond"}
    blockers = {
        b["question_id"]
        for b in json.loads(assessor("score", "1", "--json", db=db).stdout)["blockers"]
    }
    for item in items:
        if {w["question_id"] for w in item["why"]} & blockers:
            assert item["phase"] == "now"
    phase_of = {i["id"]: i["phase"] for i in items}
    later = next(i for i in items if any(phase_of.get(d, "now") != "now" for d in i["depends_on"]))
    refused = assessor("roadmap-edit", "1", later["id"], "--phase", "now", db=db, check=False)
    assert refused.returncode == 1
    assert "its prerequisite" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assessor("roadmap-edit", "1", items[0]["id"], "--owner", "Chief Operating Officer", db=db)
    custom = assessor("roadmap-add", "1", "--title", "Board briefing", "--phase", "next",
                      "--owner", "Chief Executive Officer", db=db).stdout.strip()  # fmt: skip
    assert custom == "CUSTOM-1"
    again = {i["id"]: i for i in json.loads(assessor("roadmap", "1", "--json", db=db).stdout)}
    assert again[items[0]["id"]]["edited"] is True
    assert again[items[0]["id"]]["owner"] == "Chief Operating Officer"
    assert again["CUSTOM-1"]["phase"] == "next"
    assessor("roadmap", "1", "-o", str(tmp_path / "plan.xlsx"), db=db)
    assert (tmp_path / "plan.xlsx").stat().st_size > 5000


@pytest.mark.parametrize(
    "where", ["before", "after"], ids=["--db before the command", "--db after the command"]
)
def test_db_means_the_same_before_or_after_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    from click.testing import CliRunner

    from assessor.cli import cli

    monkeypatch.setenv("ASSESSOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSESSOR_DB", str(tmp_path / "from-environment.sqlite"))
    chosen = tmp_path / "chosen.sqlite"

    def invoke(*args: str) -> str:
        argv = ["--db", str(chosen), *args] if where == "before" else [*args, "--db", str(chosen)]
        result = CliRunner().invoke(cli, argv, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    assert invoke("demo") == "1\n"
    assert json.loads(invoke("score", "1", "--json"))["assessment"] == 1
    assert json.loads(invoke("list", "--json"))[0]["client"] == "Northwind Mutual Insurance"
    assert chosen.exists()
    assert not (tmp_path / "from-environment.sqlite").exists()  # --db wins over ASSESSOR_DB


def test_the_demo_roadmap_names_the_omnibus_dates(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    assessor("demo", db=db)
    shown = assessor("roadmap", "1", db=db).stdout
    assert "EU AI Act Annex III high-risk duties apply from 2 Dec 2027" in shown
    assert "2 August 2026" not in shown
    assert "2 Aug 2026" not in shown.replace(
        "Art. 50 transparency duties apply since 2 Aug 2026", ""
    )


def test_an_answer_can_be_cleared_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    assessor("demo", db=db)
    before = json.loads(assessor("score", "1", "--json", db=db).stdout)
    assessor("answer", "1", "GOV-01", "--clear", "--respondent", "cro", db=db)
    after = json.loads(assessor("score", "1", "--json", db=db).stdout)
    assert after["answered"] == before["answered"] - 1
    both = assessor("answer", "1", "GOV-01", "l3", "--clear", db=db, check=False)
    assert both.returncode == 2
    assert "give an ANSWER, or --clear, but not both" in both.stderr
