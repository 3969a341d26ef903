"""The documentation keeps up with the code: every command, every key, every example."""

from __future__ import annotations

import re

import click
import pytest

from assessor import limits
from assessor.cli import cli
from assessor.content.questionnaire import FORMAT_MODELS
from assessor.library.frameworks import FrameworkIndex
from assessor.library.questionnaires import load_content
from tests.conftest import EXAMPLE, PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
FORMAT = (PROJECT_ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "assessor") -> list[str]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.extend(commands(command, f"{prefix} {name}"))
        else:
            found.append(f"{prefix} {name}")
    return found


@pytest.mark.parametrize("command", commands(cli))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`{command}" in README


@pytest.mark.parametrize("model", FORMAT_MODELS)
def test_every_key_of_the_format_is_documented(model: type) -> None:
    for name in model.model_fields:  # type: ignore[attr-defined]
        assert f"| `{name}` |" in FORMAT, f"{model.__name__}.{name} is not documented"


def test_the_quick_start_has_exactly_two_commands() -> None:
    quick_start = README.split("## Quick start")[1].split("##")[0]
    block = re.search(r"```sh\n(.*?)```", quick_start, re.S)
    assert block is not None
    assert block.group(1).split("\n")[:-1] == ["make run", "make test"]


def test_citation_examples_in_the_format_guide_resolve(frameworks: FrameworkIndex) -> None:
    section = FORMAT.split("## Citing frameworks")[1]
    table = next(block for block in section.split("\n\n") if block.startswith("| key"))
    checked = 0
    for row in table.splitlines()[2:]:
        key = re.match(r"\| `([a-z0-9-]+)` \|", row)
        assert key, row
        cite_as = row.rsplit("|", 2)[1]
        for cited in re.findall(r"`([^`]+)`", cite_as):
            frameworks.resolve(key.group(1), cited)
            checked += 1
    assert checked >= 13


def test_the_example_in_the_guide_is_valid(frameworks: FrameworkIndex) -> None:
    assert load_content([EXAMPLE], frameworks).problems == []


LIMITS = (PROJECT_ROOT / "docs" / "limits-and-failures.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "stated",
    [
        f"{limits.NAME_MAX} characters",
        f"{limits.ID_MAX} characters",
        f"{limits.NOTE_MAX:,} characters",
        f"{limits.TEXT_ANSWER_MAX:,} characters",
        f"{limits.DESCRIPTION_MAX:,} characters",
        f"{limits.ROADMAP_TEXT_MAX:,} characters",
        f"| {limits.ROADMAP_ACTIONS_MAX} |",
        f"{limits.PASSWORD_MAX} characters",
        f"{limits.TIMESTAMP_MAX} characters, ISO 8601",
        "at most " + f"{limits.NUMBER_MAX:.0e}".replace("+", ""),
        f"| {limits.NUMBER_LITERAL_MAX} characters |",
        f"1 to {limits.RECORD_ID_MAX:,}",
        f"{limits.NESTING_MAX} levels",
        f"{limits.CLIENT_FIELD_NESTING_MAX} levels",
        f"{limits.ASSESSMENT_FILE_MAX_BYTES // 2**20} MB",
        f"{limits.CONTENT_FILE_MAX_BYTES // 2**20} MB",
        f"{limits.CONTENT_FILE_VALUES_MAX:,}",
        f"{limits.LOGO_MAX_BYTES // 2**20} MB",
        f"{limits.PROBLEMS_PER_FILE}, then",
    ],
)
def test_every_limit_is_stated_in_the_limits_page(stated: str) -> None:
    assert stated in LIMITS
