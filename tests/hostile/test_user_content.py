"""The consultant's own files can never stop the library: a file that fails in any way is
skipped and listed with its line, every command keeps working, and checking a file of a
hundred thousand mistakes costs no more than checking one of fifty.

The suite asserts work, not time (bench/validation.py prints the times): the 5 MB file
is never composed into nodes, and the did-you-mean search runs only for the problems
listed.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from assessor.errors import count_problems
from assessor.library import located_yaml
from assessor.library.calendar import load_calendar
from assessor.library.frameworks import FrameworkIndex
from assessor.library.questionnaires import load_content
from assessor.limits import CONTENT_FILE_VALUES_MAX, PROBLEMS_PER_FILE
from tests.conftest import BUNDLED, EXAMPLE
from tests.hostile.conftest import Cli, assert_terminal_safe

FOUR_THOUSAND_THREE_HUNDRED_AND_ONE = "9" * 4301


def own(text: str) -> str:
    """The example questionnaire under ids of its own, so that it loads beside itself."""
    text = text.replace("id: example-genai-pilot", "id: mine")
    return re.sub(r"\bEX-", "MY-", text).replace("REC-EX-", "REC-MY-")


def example_with(old: str, new: str) -> str:
    text = own(EXAMPLE.read_text(encoding="utf-8"))
    assert old in text
    return text.replace(old, new, 1)


BROKEN_FILES = {
    "an integer of 4,301 digits": (
        example_with("weight: 2", f"weight: {FOUR_THOUSAND_THREE_HUNDRED_AND_ONE}"),
        22,
        "a number is written with at most 40 characters; this one has 4,301",
    ),
    "a date that does not exist": (
        example_with('version: "1.0"', "version: 2026-02-30"),
        5,
        "2026-02-30 is not a date that exists",
    ),
    "YAML nested 5,000 levels": ("a: " + "[" * 5000 + "]" * 5000 + "\n", 1, "nested too deeply"),
    "YAML that is not YAML": ("id: [\n", 2, "YAML syntax"),
}


def _user_files(cli: Cli, broken: str) -> Path:
    folder = cli.data / "questionnaires"
    folder.mkdir(parents=True)
    (folder / "broken.yaml").write_text(broken, encoding="utf-8")
    (folder / "mine.yaml").write_text(own(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("text", "line", "says"), BROKEN_FILES.values(), ids=BROKEN_FILES)
def test_a_broken_user_questionnaire_is_listed_at_its_line_and_skipped(
    cli_with_own_content: Cli, text: str, line: int, says: str
) -> None:
    cli = cli_with_own_content
    folder = _user_files(cli, text)
    checked = cli("validate")
    assert checked.code == 1
    assert checked.out.startswith(f"{folder / 'broken.yaml'}:{line}: ")
    assert says in checked.out.splitlines()[0]
    assert "7 questionnaire(s) valid" in checked.err  # the six bundled, and mine
    assert "internal error" not in checked.err


def test_one_broken_user_questionnaire_leaves_every_command_working(
    cli_with_own_content: Cli,
) -> None:
    """The probe's case: with an integer of 4,301 digits in one user file, validate, demo,
    score, roadmap, answer and export all failed."""
    cli = cli_with_own_content
    _user_files(cli, BROKEN_FILES["an integer of 4,301 digits"][0])
    assert cli("validate").code == 1
    assert cli("demo").out == "2\n"
    assert cli("answer", "1", "CMP-01", "l4").code == 0
    assert "Overall" in cli("score", "1").out
    assert "Now (0-3 months)" in cli("roadmap", "1").out
    assert cli("export", "1", "-o", str(cli.folder / "out.json")).code == 0
    assert cli("import", str(cli.folder / "out.json")).out == "3\n"


def test_a_fault_of_the_checks_on_one_user_file_skips_that_file_only(
    cli_with_own_content: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a bug of ours that one user file sets off (here a RecursionError and an error
    the checks never expect) is that file's problem, not the library's."""
    from assessor.library import content_checks, questionnaires

    cli = cli_with_own_content
    folder = cli.data / "questionnaires"
    folder.mkdir(parents=True)
    for name in ("deep.yaml", "odd.yaml", "mine.yaml"):
        (folder / name).write_text(own(EXAMPLE.read_text(encoding="utf-8")).replace(
            "id: mine", f"id: {name[:-5]}").replace("MY-", f"{name[:2].upper()}-"),
            encoding="utf-8")  # fmt: skip
    real = content_checks.check_document
    faults: dict[str, BaseException] = {
        "deep.yaml": RecursionError("maximum recursion depth exceeded"),
        "odd.yaml": KeyError("surprise"),
    }

    def check(path: Path, *args: Any) -> Any:
        if path.name in faults:
            raise faults[path.name]
        return real(path, *args)

    monkeypatch.setattr(questionnaires, "check_document", check)
    checked = cli("validate")
    assert checked.code == 1
    assert f"{folder / 'deep.yaml'}:0: the file is nested too deeply to check" in checked.out
    assert f"{folder / 'odd.yaml'}:0: the file could not be checked (KeyError" in checked.out
    assert "please report it" in checked.out
    assert "7 questionnaire(s) valid" in checked.err
    assert cli("score", "1").code == 0


def test_a_bundled_file_that_fails_is_a_bug_and_shows(
    frameworks: FrameworkIndex, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assessor.library import questionnaires

    path = tmp_path / "bundled" / "q.yaml"
    path.parent.mkdir()
    path.write_text(own(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(questionnaires, "check_document", _raise(KeyError("a bug")))
    with pytest.raises(KeyError):
        load_content([path.parent], frameworks, bundled=[path.parent])


def _raise(error: BaseException) -> Callable[..., Any]:
    def fail(*_args: object) -> None:
        raise error

    return fail


@pytest.mark.parametrize(
    ("folder", "name"),
    [("profiles", "mine.yaml"), ("frameworks", "firm-controls.yaml")],
)
def test_a_user_profile_or_framework_with_a_huge_number_is_listed(
    cli_with_own_content: Cli, folder: str, name: str
) -> None:
    cli = cli_with_own_content
    path = cli.data / "questionnaires" / folder / name
    path.parent.mkdir(parents=True)
    path.write_text(f"id: x\nweight: {FOUR_THOUSAND_THREE_HUNDRED_AND_ONE}\n", encoding="utf-8")
    listed = cli("validate")
    assert f"{name}:2: a number is written with at most 40 characters" in listed.out
    assert "6 questionnaire(s) valid" in listed.err
    assert "internal error" not in listed.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the system has no FIFOs")
def test_a_fifo_in_the_user_folder_is_listed_never_opened(
    cli_with_own_content: Cli, no_hang: None
) -> None:
    cli = cli_with_own_content
    folder = cli.data / "questionnaires"
    (folder / "frameworks").mkdir(parents=True)
    (folder / "profiles").mkdir()
    for path in (
        folder / "q.yaml",
        folder / "frameworks" / "f.yaml",
        folder / "profiles" / "p.yaml",
    ):
        os.mkfifo(path)
    checked = cli("validate")
    assert f"{folder / 'q.yaml'}:0: is a FIFO (named pipe), not a file; only files are read" in (
        checked.out
    )
    assert f"{folder / 'profiles' / 'p.yaml'}:0: is a FIFO (named pipe), not a file" in checked.out
    assert f"{folder / 'frameworks' / 'f.yaml'}:0: is a FIFO" in checked.out
    assert cli("score", "1").code == 0


# --- Bounded work --------------------------------------------------------------------


class CountingLoader(located_yaml.SAFE_LOADER):  # type: ignore[misc, valid-type]
    composed = 0

    def get_single_node(self) -> Any:
        CountingLoader.composed += 1
        return super().get_single_node()


def _unknown_keys(count: int) -> str:
    return own(EXAMPLE.read_text(encoding="utf-8")) + "".join(
        f"unknown_key_{i}: v\n" for i in range(count)
    )


def test_a_5_mb_file_of_tiny_values_is_refused_before_it_is_composed(
    frameworks: FrameworkIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(_unknown_keys(250_000)[: 5 * 1024 * 1024], encoding="utf-8")
    assert path.stat().st_size == 5 * 1024 * 1024
    calendar = load_calendar(BUNDLED / "calendar")
    monkeypatch.setattr(located_yaml, "SAFE_LOADER", CountingLoader)
    CountingLoader.composed = 0
    content = load_content([path], frameworks, calendar=calendar)
    assert [p.message for p in content.problems] == [
        f"the file holds more than {CONTENT_FILE_VALUES_MAX:,} values (keys, items and texts), "
        "the most a content file may hold; split it into several"
    ]
    assert CountingLoader.composed == 0


def test_a_file_of_many_mistakes_lists_fifty_and_counts_the_rest(
    frameworks: FrameworkIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mistakes.yaml"
    path.write_text(_unknown_keys(40_000), encoding="utf-8")  # 80,000 values: under the bound
    searches = []
    real = difflib.get_close_matches

    def counted(*args: Any, **kwargs: Any) -> Any:
        searches.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    content = load_content([path], frameworks)
    messages = [p.message for p in content.problems]
    assert len(messages) == PROBLEMS_PER_FILE + 1
    assert messages[0] == "unknown key 'unknown_key_0'"
    assert messages[-1] == (
        f"… and {40_000 - PROBLEMS_PER_FILE:,} more problems in this file; fix these first, "
        "then check again"
    )
    assert len(searches) == PROBLEMS_PER_FILE
    assert count_problems(content.problems) == 40_000


def test_thousands_of_wrong_citations_search_for_fifty_suggestions(
    frameworks: FrameworkIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = "".join(
        f"      - {{id: Q-{i}, type: yes_partial_no, prompt: Q{i}?,"
        f" references: [{{framework: nist-800-53, id: XX-{i}}}]}}\n"
        for i in range(3000)
    )
    path = tmp_path / "citations.yaml"
    path.write_text(
        "id: cites\nversion: '1'\ntitle: Cites\ndomain: data\nsections:\n"
        f"  - id: s\n    title: S\n    questions:\n{questions}",
        encoding="utf-8",
    )
    searches = []
    real = difflib.get_close_matches

    def counted(*args: Any, **kwargs: Any) -> Any:
        searches.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    content = load_content([path], frameworks)
    assert len(content.problems) == PROBLEMS_PER_FILE + 1
    assert content.problems[0].message.startswith("question Q-0: nist-800-53 has no item 'XX-0'")
    assert content.problems[-1].message.startswith("… and 2,950 more problems")
    assert len(searches) == PROBLEMS_PER_FILE


def test_a_long_key_is_quoted_clipped_in_its_message(
    frameworks: FrameworkIndex, tmp_path: Path
) -> None:
    path = tmp_path / "long.yaml"
    text = own(EXAMPLE.read_text(encoding="utf-8")) + "? " + "k" * 100_000 + "\n: v\n"
    path.write_text(text, encoding="utf-8")
    message = load_content([path], frameworks).problems[0].message
    assert message.startswith("unknown key 'kkkk")
    assert len(message) < 100


def test_yaml_escapes_in_a_user_title_print_as_escapes(
    cli_with_own_content: Cli,
) -> None:
    cli = cli_with_own_content
    folder = cli.data / "questionnaires"
    folder.mkdir(parents=True)
    text = example_with("title: Generative AI Pilot Check", 'title: "Pilot \\e]0;pwned\\a\\e[2J"')
    (folder / "mine.yaml").write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)["title"] == "Pilot \x1b]0;pwned\x07\x1b[2J"
    listed = cli("validate")
    assert listed.code == 0
    assert "mine  1.0  Pilot \\x1b]0;pwned\\x07\\x1b[2J  (5 scored questions)" in listed.out
    assert_terminal_safe(listed.out)
