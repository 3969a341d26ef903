"""A consultant's own frameworks and target profiles, beside the bundled ones."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.content.context import AssessmentContext
from assessor.content.profiles import choose_profile
from assessor.library.installed import load_library
from assessor.paths import AppPaths
from assessor.scoring.answers import parse_answer
from assessor.scoring.scorecard import QuestionAnswers, score
from tests.conftest import BUNDLED
from tests.factories import questionnaire_yaml

FIRM_CONTROLS = """\
framework: firm-controls
title: Example & Partners AI control set 2026
short_title: E&P controls
entries:
  - id: FC-1
    title: Every AI system has a named business owner
  - id: FC-2
    title: Models are re-validated after every material change
    parent: FC-1
"""

CITING = """
- id: ESG-1
  type: yes_partial_no
  prompt: Is the carbon cost of each model recorded?
  references:
    - {{framework: firm-controls, id: {item}}}
"""
UNCITED = """
- id: ESG-1
  type: yes_partial_no
  prompt: Is the carbon cost of each model recorded?
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def folder(app_paths: AppPaths) -> Path:
    """The consultant's questionnaire folder, bundled content as installed."""
    return app_paths.user_questionnaires


def validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    return result.exit_code, result.output


def test_a_consultants_framework_is_citable_and_listed_with_its_source(
    folder: Path, app_paths: AppPaths
) -> None:
    write(folder / "frameworks" / "firm-controls.yaml", FIRM_CONTROLS)
    write(folder / "esg.yaml", questionnaire_yaml(CITING.format(item="FC-2"), "esg", "esg"))
    library = load_library(app_paths)
    assert library.content.problems == []
    assert library.content.get("esg") is not None
    cited = library.content.frameworks.resolve("firm-controls", "FC-2")
    assert cited.label == "E&P controls FC-2"
    listed = CliRunner().invoke(cli, ["frameworks", "list"]).output
    line = next(x for x in listed.splitlines() if x.startswith("firm-controls"))
    assert "2 items" in line
    assert "[yours:" in line
    assert "firm-controls.yaml" in line


def test_a_wrong_item_of_a_consultants_framework_is_refused(folder: Path) -> None:
    write(folder / "frameworks" / "firm-controls.yaml", FIRM_CONTROLS)
    write(folder / "esg.yaml", questionnaire_yaml(CITING.format(item="FC-9"), "esg", "esg"))
    code, output = validate()
    assert code == 1
    assert "question ESG-1: firm-controls has no item 'FC-9'; did you mean" in output


def test_a_broken_framework_file_is_listed_at_its_line_and_cannot_be_cited(folder: Path) -> None:
    broken = FIRM_CONTROLS.replace(
        "    title: Models are re-validated after every material change\n", ""
    ).replace("parent: FC-1", "parent: FC-7")
    write(folder / "frameworks" / "firm-controls.yaml", broken)
    write(folder / "esg.yaml", questionnaire_yaml(CITING.format(item="FC-1"), "esg", "esg"))
    code, output = validate()
    assert code == 1
    assert "firm-controls.yaml:7: entries[1].title: is required" in output
    assert "the framework 'firm-controls' has problems and cannot be cited" in output


def test_a_consultant_cannot_take_a_bundled_frameworks_key(folder: Path) -> None:
    write(folder / "frameworks" / "gdpr.yaml", FIRM_CONTROLS.replace("firm-controls", "gdpr"))
    code, output = validate()
    assert code == 1
    assert "the framework key 'gdpr' is bundled already" in output


PROFILE = """\
id: {pid}
title: ESG-focused firms
industries: [energy]
weights:
  esg: 2
targets:
  minimal: {{governance: 3, compliance: 3, guardrails: 3, infrastructure: 3, data: 3, people: 3,
            esg: 2}}
  limited: {{governance: 3, compliance: 3, guardrails: 3, infrastructure: 3, data: 3, people: 3,
            esg: 3}}
  high: {{governance: 4, compliance: 4, guardrails: 4, infrastructure: 4, data: 4, people: 4,
         esg: 5}}
"""


def test_a_profile_sets_targets_and_weights_for_a_consultants_own_domain(
    folder: Path, app_paths: AppPaths
) -> None:
    write(folder / "esg.yaml", questionnaire_yaml(UNCITED, "esg", "esg"))
    write(folder / "profiles" / "esg-firms.yaml", PROFILE.format(pid="esg-firms"))
    library = load_library(app_paths)
    assert library.profiles.problems == []
    context = AssessmentContext(industry="energy")
    profile = choose_profile(library.profiles.profiles, context)
    assert profile.id == "esg-firms"
    qn = library.content.get("esg")
    assert qn is not None
    (question,) = qn.questions
    answers = {"ESG-1": QuestionAnswers({"": parse_answer(question, "partial")})}
    card = score([qn], context, answers, profile)
    esg = card.domain("esg")
    assert esg is not None
    assert (esg.target_level, esg.weight) == (2, 2)


def test_a_profile_for_a_domain_no_questionnaire_has_is_refused(folder: Path) -> None:
    write(folder / "profiles" / "esg-firms.yaml", PROFILE.format(pid="esg-firms"))
    code, output = validate()
    assert code == 1
    assert "domain 'esg': no installed questionnaire has this domain" in output


def test_a_consultants_profile_replaces_a_bundled_one_and_validate_says_so(
    folder: Path, app_paths: AppPaths
) -> None:
    finance = (BUNDLED / "profiles" / "finance.yaml").read_text(encoding="utf-8")
    write(folder / "profiles" / "finance.yaml", finance.replace("compliance: 5", "compliance: 4"))
    library = load_library(app_paths)
    replaced = library.profiles.get("finance")
    assert replaced is not None
    assert replaced.targets["high"]["compliance"] == 4
    assert [p for p in library.profiles.profiles if p.id == "finance"] == [replaced]
    code, output = validate()
    assert code == 0, output
    assert "profile finance: your" in output
    assert "replaces the bundled profile" in output
