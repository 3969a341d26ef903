"""The `assessor` command line, driven as a user would: arguments in, text and exit code out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assessor.cli import main
from assessor.paths import AppPaths
from tests.conftest import BUNDLED, EXAMPLE, WriteFile


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_lists_each_valid_questionnaire(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(EXAMPLE)], capsys)
    assert code == 0
    assert out == "example-genai-pilot  1.0  Generative AI Pilot Check  (5 scored questions)\n"


def test_validate_defaults_to_bundled_and_user_content(
    app_paths: AppPaths, write_file: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    write_file(
        "mine.yaml", EXAMPLE.read_text(encoding="utf-8"), folder=app_paths.user_questionnaires
    )
    code, out, _ = run(["validate"], capsys)
    assert code == 0
    assert "example-genai-pilot" in out
    bundled = len(list(BUNDLED.glob("*.yaml")))
    assert len(out.splitlines()) == bundled + 1


def test_validate_prints_every_problem_as_path_line_message(
    write_file: WriteFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_file("one.yaml", "id: [\n")
    write_file("two.yaml", "a: 1\na: 2\n")
    write_file("ok.yaml", EXAMPLE.read_text(encoding="utf-8"))
    code, out, err = run(["validate", str(tmp_path / "files")], capsys)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{tmp_path}/files/one.yaml:2: YAML syntax")
    assert lines[1] == f"{tmp_path}/files/two.yaml:2: the key 'a' appears twice (first at line 1)"
    assert "2 problem(s) in 2 file(s); 1 questionnaire(s) valid." in err


def test_schema_prints_a_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema", "questionnaire"], capsys)
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"id", "version", "title", "domain", "description", "sections"} <= set(
        schema["properties"]
    )
    question = schema["$defs"]["Question"]["properties"]
    assert {"id", "type", "prompt", "help", "weight", "options", "allow_na", "critical",
            "applies_when", "references", "recommendation"} <= set(question)  # fmt: skip


def test_frameworks_list_shows_citable_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["frameworks", "list"], capsys)
    assert code == 0
    owasp = next(line for line in out.splitlines() if line.startswith("owasp-llm"))
    assert " 10 items" in owasp  # the 2023 list is superseded and not counted


def test_usage_errors_are_one_line_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["schema", "nonsense"], capsys)
    assert code == 2
    assert "Traceback" not in err
    assert "Invalid value" in err


def test_the_installed_script_never_prints_a_traceback(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_bytes(b"\xff\xfe" + b"[" * 100000)
    result = subprocess.run(
        [sys.executable, "-m", "assessor.cli", "validate", str(hostile), str(tmp_path / "gone")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stdout.splitlines()) == 2


def test_validate_checks_target_profiles_too(
    app_paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content = tmp_path / "content"
    (content / "profiles").mkdir(parents=True)
    (content / "frameworks").symlink_to(BUNDLED / "frameworks")
    (content / "profiles" / "odd.yaml").write_text(
        "id: odd\ntitle: Odd\ndefault: true\ntargets:\n  minimal: {governance: 7}\n",
        encoding="utf-8",
    )
    paths = AppPaths(data_dir=app_paths.data_dir, content_dir=content)
    monkeypatch.setattr(AppPaths, "from_environment", classmethod(lambda cls, env=None: paths))
    code, out, _ = run(["validate"], capsys)
    assert code == 1
    assert "odd.yaml:5: targets.minimal.governance: should be less than or equal to 5" in out
