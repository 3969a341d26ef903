"""The hand-off commands as a user runs them between two databases: `pack`, `import` of a
pack and of a responses file, `export` of each kind; exit codes 0, 1 and 2, never 70."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli_assessments import assessor


@pytest.fixture
def dbs(tmp_path: Path) -> tuple[Path, Path]:
    """The consultant's database, holding the demo (cro, cto), and the respondent's."""
    consultant, respondent = tmp_path / "consultant.sqlite", tmp_path / "respondent.sqlite"
    assessor("demo", db=consultant)
    return consultant, respondent


def test_a_pack_goes_out_is_answered_and_comes_back_merged(
    dbs: tuple[Path, Path], tmp_path: Path
) -> None:
    consultant, respondent = dbs
    pack = tmp_path / "pack.json"
    made = assessor("pack", "1", "--respondent", "cto", "-o", str(pack), db=consultant)
    assert "questionnaire pack for Jonas Weber" in made.stderr
    opened = assessor("import", str(pack), db=respondent)
    assert opened.stdout == "1\n"
    assert "to be answered as Jonas Weber" in opened.stderr
    assessor("answer", "1", "GOV-01", "l5", "--note", "offline", db=respondent)
    back = tmp_path / "back.json"
    exported = assessor("export", "1", "-o", str(back), db=respondent)
    assert "responses file of Jonas Weber" in exported.stderr
    assert json.loads(back.read_text(encoding="utf-8"))["format"] == "ai-readiness-responses"
    merged = assessor("import", str(back), db=consultant)
    assert merged.stdout == "1\n"
    assert "1 answer added, 1 already here" in merged.stderr
    again = assessor("import", str(back), db=consultant)
    assert "no answers added, 2 already here" in again.stderr


def test_refusals_exit_1_or_2_with_one_line(dbs: tuple[Path, Path], tmp_path: Path) -> None:
    consultant, respondent = dbs
    pack = tmp_path / "pack.json"
    unknown = assessor("pack", "1", "--respondent", "x", "-o", str(pack), db=consultant,
                       check=False)  # fmt: skip
    assert unknown.returncode == 1
    assert "its participants: cro (Amélie Laurent), cto (Jonas Weber)" in unknown.stderr
    missing = assessor("pack", "1", "-o", str(pack), db=consultant, check=False)
    assert missing.returncode == 2
    assert "--respondent" in missing.stderr
    both = assessor("export", "1", "--csv", "--anonymise", "-o", str(pack), db=consultant,
                    check=False)  # fmt: skip
    assert both.returncode == 2
    assessor("pack", "1", "--respondent", "cto", "-o", str(pack), db=consultant)
    here = assessor("import", str(pack), db=consultant, check=False)
    assert here.returncode == 1
    assert "holds that assessment already (assessment 1)" in here.stderr
    assessor("import", str(pack), db=respondent)
    back = tmp_path / "back.json"
    assessor("export", "1", "-o", str(back), db=respondent)
    elsewhere = assessor("import", str(back), db=respondent, check=False)
    assert elsewhere.returncode == 1
    assert "which is not in this database" in elsewhere.stderr
    data = json.loads(back.read_text(encoding="utf-8"))
    data["payload"]["respondent"]["name"] = "Someone Else"
    back.write_text(json.dumps(data), encoding="utf-8")
    tampered = assessor("import", str(back), db=consultant, check=False)
    assert tampered.returncode == 1
    assert "checksum does not match" in tampered.stderr
    for result in (unknown, missing, both, here, elsewhere, tampered):
        assert result.stderr.startswith("error: ")
        assert result.stderr.count("\n") == 1


def test_export_anonymised_and_csv(dbs: tuple[Path, Path], tmp_path: Path) -> None:
    consultant, _respondent = dbs
    anonymised = tmp_path / "anon.json"
    assessor("export", "1", "--anonymise", "-o", str(anonymised), db=consultant)
    text = anonymised.read_text(encoding="utf-8")
    assert "Northwind" not in text
    assert "Amélie" not in text
    copy = assessor("import", str(anonymised), db=consultant).stdout.strip()
    scores = [
        json.loads(assessor("score", i, "--json", db=consultant).stdout)["overall"]
        for i in ("1", copy)
    ]
    assert scores[0] == scores[1]
    table = tmp_path / "responses.csv"
    written = assessor("export", "1", "--csv", "-o", str(table), db=consultant)
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "answers written" in written.stderr
    schema = json.loads(assessor("schema", "responses", db=consultant).stdout)
    assert "payload" in schema["properties"]
