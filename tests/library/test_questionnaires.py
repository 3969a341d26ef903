"""Loading questionnaire files: every problem at its line, valid files load regardless."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessor.library.calendar import load_calendar
from assessor.library.frameworks import FrameworkIndex
from assessor.library.questionnaires import load_content, load_installed_content
from assessor.paths import AppPaths
from tests.conftest import BUNDLED, EXAMPLE, WriteFile
from tests.factories import questionnaire_yaml

MATURITY = """
- id: {qid}
  type: maturity
  prompt: How mature?
  options:
    - {{id: l0, label: None}}
    - {{id: l1, label: Some}}
    - {{id: l2, label: Half}}
    - {{id: l3, label: Most}}
    - {{id: l4, label: All}}
"""


def test_the_example_loads_with_every_type(frameworks: FrameworkIndex) -> None:
    content = load_content([EXAMPLE], frameworks)
    assert content.problems == []
    (qn,) = content.questionnaires
    assert {q.type.value for q in qn.questions} == {
        "maturity", "text", "multi", "yes_partial_no", "number", "single",
    }  # fmt: skip
    assert len(qn.scored_questions) == 5
    assert any(q.applies_when for q in qn.questions)
    assert set(content.recommendations) == {"REC-EX-OWNER", "REC-EX-FILTERS", "REC-EX-HUMAN"}


def test_bundled_content_is_valid(frameworks: FrameworkIndex) -> None:
    content = load_content([BUNDLED], frameworks, bundled=[BUNDLED])
    assert content.problems == []
    assert all(item.bundled for item in content.loaded)


# Each case: the file's text, the line the problem is reported at, and words of the message.
BROKEN = [
    pytest.param("id: x\n  bad: [\n", 2, "YAML syntax", id="yaml-syntax"),
    pytest.param("", 1, "this one is empty", id="empty"),
    pytest.param("- a\n- b\n", 1, "this one is a list", id="not-a-mapping"),
    pytest.param("a: 1\n---\nb: 2\n", 2, "more than one YAML document", id="two-documents"),
    pytest.param("a: &x [1]\nb: *x\n", 2, "anchors and aliases", id="alias"),
    pytest.param("a: 1\na: 2\n", 2, "appears twice (first at line 1)", id="duplicate-key"),
    pytest.param(
        questionnaire_yaml(MATURITY.format(qid="Q-1")).replace('version: "1.0"', "version: 1.0"),
        2,
        'put it in quotes: version: "1.0"',
        id="unquoted-version",
    ),
    pytest.param(
        questionnaire_yaml(MATURITY.format(qid="Q-1")).replace("prompt:", "promt:"),
        11,
        "question Q-1: unknown key 'promt' (did you mean 'prompt'?)",
        id="misspelt-key",
    ),
    pytest.param(
        questionnaire_yaml(MATURITY.format(qid="Q-1")).replace("title: Test q\n", ""),
        1,
        "title: is required",
        id="missing-title",
    ),
    pytest.param(
        questionnaire_yaml(MATURITY.format(qid="Q-1").replace("    - {id: l4, label: All}\n", "")),
        9,
        "question Q-1: a maturity question has exactly five options",
        id="four-maturity-options",
    ),
    pytest.param(
        questionnaire_yaml(
            MATURITY.format(qid="Q-1").replace(
                "{id: l4, label: All}", "{id: l4, label: All, value: 1.5}"
            )
        ),
        17,
        "options[4].value: should be less than or equal to 1 (found 1.5)",
        id="value-above-one",
    ),
    pytest.param(
        questionnaire_yaml(MATURITY.format(qid="Q-1") + MATURITY.format(qid="Q-1")),
        19,
        "question id 'Q-1' is used twice (first at line 9)",
        id="duplicate-question",
    ),
    pytest.param(
        questionnaire_yaml(MATURITY.format(qid="Q-1") + '  applies_when: industry == "banks"\n'),
        18,
        "question Q-1: applies_when column 13: unknown value \"banks\" for 'industry'",
        id="condition-unknown-value",
    ),
    pytest.param(
        questionnaire_yaml(MATURITY.format(qid="Q-1") + '  applies_when: sectr == "defence"\n'),
        18,
        "unknown field 'sectr'",
        id="condition-unknown-field",
    ),
    pytest.param(
        questionnaire_yaml(
            MATURITY.format(qid="Q-1")
            + '  applies_when: answer("Q-2") > 0.5\n'
            + MATURITY.format(qid="Q-2")
        ),
        18,
        "not asked before this one",
        id="condition-later-question",
    ),
    pytest.param(
        questionnaire_yaml(MATURITY.format(qid="Q-1") + '  applies_when: answer("Q-9") > 0.5\n'),
        18,
        "unknown question id 'Q-9'",
        id="condition-unknown-question",
    ),
    pytest.param(
        questionnaire_yaml(MATURITY.format(qid="Q-1") + "  applies_when: industry == \n"),
        18,
        "applies_when: condition column 12: expected a value",
        id="condition-syntax",
    ),
    pytest.param(
        questionnaire_yaml(
            MATURITY.format(qid="Q-1") + "  references:\n    - {framework: owasp-llm, id: LLM02}\n"
        ),
        19,
        "owasp-llm has no item 'LLM02'",
        id="reference-unknown-id",
    ),
    pytest.param(
        questionnaire_yaml(
            MATURITY.format(qid="Q-1")
            + "  references:\n    - {framework: owasp-llm, id: LLM01 (v1.1)}\n"
        ),
        19,
        "is superseded",
        id="reference-superseded",
    ),
    pytest.param(
        questionnaire_yaml(
            MATURITY.format(qid="Q-1")
            + "  references:\n    - {framework: nist-800-53, id: AC-2(10)}\n"
        ),
        19,
        "nist-800-53 AC-2(10) is withdrawn",
        id="reference-withdrawn",
    ),
    pytest.param(
        questionnaire_yaml(
            MATURITY.format(qid="Q-1")
            + "  references:\n    - {framework: nist-csf, id: ID.AM-06}\n"
        ),
        19,
        "withdrawn",
        id="reference-withdrawn-csf-1.1",
    ),
    pytest.param(
        questionnaire_yaml(
            MATURITY.format(qid="Q-1")
            + "  references:\n    - {framework: eu-ai-act, id: Art. 114}\n"
        ),
        19,
        "eu-ai-act has no item 'Art. 114'",
        id="reference-article-out-of-range",
    ),
    pytest.param(
        questionnaire_yaml(
            MATURITY.format(qid="Q-1") + "  references:\n    - {framework: iso-27001, id: A.5.1}\n"
        ),
        19,
        "unknown framework 'iso-27001'",
        id="reference-unknown-framework",
    ),
    pytest.param(
        questionnaire_yaml(
            MATURITY.format(qid="Q-1")
            + "  recommendation:\n    id: R-1\n    title: T\n    actions: [a]\n"
            "    effort: S\n    impact: high\n    owner: CRO\n    depends_on: [R-9]\n"
        ),
        25,
        "depends_on names unknown recommendation 'R-9'",
        id="depends-on-unknown",
    ),
    pytest.param(
        questionnaire_yaml(
            MATURITY.format(qid="Q-1")
            + "  recommendation:\n    id: R-1\n    title: T\n    actions: [a]\n"
            "    effort: S\n    impact: high\n    owner: CRO\n    depends_on: [R-2]\n"
            + MATURITY.format(qid="Q-2")
            + "  recommendation:\n    id: R-2\n    title: T\n    actions: [a]\n"
            "    effort: S\n    impact: high\n    owner: CRO\n    depends_on: [R-1]\n"
        ),
        25,
        "depends_on makes a cycle: R-1 -> R-2 -> R-1",
        id="depends-on-cycle",
    ),
    pytest.param(
        questionnaire_yaml(MATURITY.format(qid="Q-1") + "  recommendation: R-404\n"),
        18,
        "unknown recommendation id 'R-404'",
        id="recommendation-by-unknown-id",
    ),
]


@pytest.mark.parametrize(("text", "line", "fragment"), BROKEN)
def test_each_problem_is_reported_at_its_line(
    frameworks: FrameworkIndex, write_file: WriteFile, text: str, line: int, fragment: str
) -> None:
    path = write_file("broken.yaml", text)
    content = load_content([path], frameworks)
    assert content.loaded == []
    messages = [(p.line, p.message) for p in content.problems]
    assert any(fragment in message and at == line for at, message in messages), messages
    assert all(p.path == path for p in content.problems)


def test_every_reference_form_people_use_resolves(frameworks: FrameworkIndex) -> None:
    for framework, cited, canonical in [
        ("eu-ai-act", "Art. 9", "Art. 9"),
        ("eu-ai-act", "Art. 9(2)", "Art. 9"),
        ("eu-ai-act", "Art. 9(2)(a)", "Art. 9"),
        ("eu-ai-act", "Article 14", "Art. 14"),
        ("gdpr", "Art. 35(7)", "Art. 35"),
        ("nist-ai-rmf", "GOVERN 1.2", "GOVERN 1.2"),
        ("iso-42001", "A.6.2.4", "A.6.2.4"),
        ("owasp-llm", "LLM01:2025", "LLM01:2025"),
        ("nist-800-53", "AC-2(1)", "AC-2(1)"),
        ("hipaa", "164.312(b)", "164.312(b)"),
    ]:
        resolved = frameworks.resolve(framework, cited)
        assert resolved.id == canonical
        assert resolved.title


def test_a_file_with_problems_does_not_stop_the_others(
    frameworks: FrameworkIndex, write_file: WriteFile, tmp_path: Path
) -> None:
    folder = tmp_path / "files"
    write_file("a-good.yaml", questionnaire_yaml(MATURITY.format(qid="A-1"), qid="a"))
    write_file("b-bad.yaml", "id: [unclosed\n")
    write_file("c-good.yaml", questionnaire_yaml(MATURITY.format(qid="C-1"), qid="c"))
    write_file("notes.txt", "not a questionnaire")
    content = load_content([folder], frameworks)
    assert [q.id for q in content.questionnaires] == ["a", "c"]
    assert [p.path.name for p in content.problems] == ["b-bad.yaml"]


def test_duplicate_ids_across_files_reject_the_later_file(
    frameworks: FrameworkIndex, write_file: WriteFile, tmp_path: Path
) -> None:
    write_file("1.yaml", questionnaire_yaml(MATURITY.format(qid="Q-1"), qid="first"))
    write_file("2.yaml", questionnaire_yaml(MATURITY.format(qid="Q-1"), qid="second"))
    write_file("3.yaml", questionnaire_yaml(MATURITY.format(qid="Q-3"), qid="first"))
    content = load_content([tmp_path / "files"], frameworks)
    assert [q.id for q in content.questionnaires] == ["first"]
    messages = {p.path.name: p.message for p in content.problems}
    assert "question id 'Q-1' is already used in" in messages["2.yaml"]
    assert "questionnaire id 'first' is already used" in messages["3.yaml"]


def test_recommendations_may_be_shared_and_depended_on_across_files(
    frameworks: FrameworkIndex, write_file: WriteFile, tmp_path: Path
) -> None:
    rec = (
        "  recommendation:\n    id: R-BASE\n    title: Inventory\n    actions: [List systems]\n"
        "    effort: S\n    impact: high\n    owner: CIO\n"
    )
    write_file("1.yaml", questionnaire_yaml(MATURITY.format(qid="A-1") + rec, qid="one"))
    write_file(
        "2.yaml",
        questionnaire_yaml(
            MATURITY.format(qid="B-1")
            + "  recommendation: R-BASE\n"
            + MATURITY.format(qid="B-2")
            + "  recommendation:\n    id: R-NEXT\n    title: Red team\n    actions: [Plan]\n"
            "    effort: M\n    impact: high\n    owner: CISO\n    depends_on: [R-BASE]\n",
            qid="two",
        ),
    )
    content = load_content([tmp_path / "files"], frameworks)
    assert content.problems == []
    assert content.recommendations["R-NEXT"].depends_on == ["R-BASE"]


def test_a_recommendation_written_twice_differently_is_refused(
    frameworks: FrameworkIndex, write_file: WriteFile
) -> None:
    def rec(title: str) -> str:
        return (
            f"  recommendation:\n    id: R-1\n    title: {title}\n    actions: [a]\n"
            "    effort: S\n    impact: high\n    owner: CIO\n"
        )

    path = write_file(
        "x.yaml",
        questionnaire_yaml(
            MATURITY.format(qid="A-1") + rec("One") + MATURITY.format(qid="A-2") + rec("Two")
        ),
    )
    content = load_content([path], frameworks)
    assert "written twice with different text" in content.problems[0].message


def test_a_dangling_dependency_after_a_rejection_rejects_the_dependant(
    frameworks: FrameworkIndex, write_file: WriteFile, tmp_path: Path
) -> None:
    """File 2 depends on a recommendation of file 1b, which is dropped as a duplicate."""
    write_file("1a.yaml", questionnaire_yaml(MATURITY.format(qid="A-1"), qid="same"))
    write_file(
        "1b.yaml",
        questionnaire_yaml(
            MATURITY.format(qid="B-1")
            + "  recommendation: {id: R-B, title: T, actions: [a], effort: S, impact: low, "
            "owner: O}\n",
            qid="same",
        ),
    )
    write_file(
        "2.yaml",
        questionnaire_yaml(
            MATURITY.format(qid="C-1")
            + "  recommendation: {id: R-C, title: T, actions: [a], effort: S, impact: low, "
            "owner: O, depends_on: [R-B]}\n",
            qid="other",
        ),
    )
    content = load_content([tmp_path / "files"], frameworks)
    assert [q.id for q in content.questionnaires] == ["same"]
    assert {p.path.name for p in content.problems} == {"1b.yaml", "2.yaml"}


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"\xff\xfe\x00i\x00d", "not UTF-8"),
        (b"id: x\x00\n", "NUL"),
        (b"[" * 20000, "nested too deeply"),
        (b"a:\n" + b"  " * 3 + b"- " * 5000 + b"x\n", "nested too deeply"),
    ],
)
def test_hostile_bytes_get_a_message_not_a_crash(
    frameworks: FrameworkIndex, tmp_path: Path, raw: bytes, fragment: str
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(raw)
    content = load_content([path], frameworks)
    assert content.loaded == []
    assert fragment in content.problems[0].message


def test_huge_files_are_refused_before_reading(frameworks: FrameworkIndex, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    content = load_content([path], frameworks)
    assert "content files are at most 5 MB" in content.problems[0].message


def test_odd_unicode_is_kept_as_written(frameworks: FrameworkIndex, write_file: WriteFile) -> None:
    text = questionnaire_yaml(MATURITY.format(qid="Q-1")).replace(
        "title: Test q", 'title: "Prüfung — ИИ готовность 🤖 ‮rtl"'
    )
    content = load_content([write_file("u.yaml", text)], frameworks)
    assert content.questionnaires[0].title == "Prüfung — ИИ готовность 🤖 \u202ertl"


def test_unreadable_file_is_reported(
    frameworks: FrameworkIndex, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_file("locked.yaml", "id: x\n")
    calendar = load_calendar(BUNDLED / "calendar")

    real_open = os.open

    def refuse(file: str | os.PathLike[str], flags: int, *args: int) -> int:
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    content = load_content([path], frameworks, calendar=calendar)
    assert "cannot read the file" in content.problems[0].message


def test_missing_paths_are_reported(frameworks: FrameworkIndex, tmp_path: Path) -> None:
    content = load_content([tmp_path / "nowhere.yaml"], frameworks)
    assert content.problems[0].message == "no such file or folder"


def test_user_files_load_beside_bundled_and_broken_ones_are_skipped(
    app_paths: AppPaths, write_file: WriteFile
) -> None:
    folder = app_paths.user_questionnaires
    write_file("mine.yaml", EXAMPLE.read_text(encoding="utf-8"), folder=folder)
    write_file("broken.yaml", "id: [\n", folder=folder)
    content = load_installed_content(app_paths)
    mine = [item for item in content.loaded if not item.bundled]
    assert [item.questionnaire.id for item in mine] == ["example-genai-pilot"]
    assert [p.path.name for p in content.problems] == ["broken.yaml"]


def test_a_user_file_cannot_replace_a_bundled_questionnaire(
    app_paths: AppPaths, write_file: WriteFile, tmp_path: Path
) -> None:
    bundled = tmp_path / "bundled"
    write_file("official.yaml", EXAMPLE.read_text(encoding="utf-8"), folder=bundled)
    (bundled / "frameworks").symlink_to(BUNDLED / "frameworks")
    write_file(
        "copy.yaml", EXAMPLE.read_text(encoding="utf-8"), folder=app_paths.user_questionnaires
    )
    paths = AppPaths(data_dir=app_paths.data_dir, content_dir=bundled)
    content = load_installed_content(paths)
    assert [(item.path.name, item.bundled) for item in content.loaded] == [("official.yaml", True)]
    assert "already used by" in content.problems[0].message


def test_content_hash_changes_with_the_content(
    frameworks: FrameworkIndex, write_file: WriteFile
) -> None:
    first = load_content([EXAMPLE], frameworks).loaded[0]
    edited = write_file(
        "edited.yaml", EXAMPLE.read_text(encoding="utf-8").replace("weight: 2", "weight: 3")
    )
    second = load_content([edited], frameworks).loaded[0]
    assert first.content_hash == load_content([EXAMPLE], frameworks).loaded[0].content_hash
    assert first.content_hash != second.content_hash


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            'id: x\nversion: "1"\ntitle: X\ndomain: data\nsections: []\n',
            "sections: needs at least 1 item",
        ),
        (
            'id: x\nversion: "1"\ntitle: ""\ndomain: data\nsections: []\n',
            "title: must not be empty",
        ),
    ],
)
def test_schema_messages_are_written_for_consultants(
    frameworks: FrameworkIndex, write_file: WriteFile, text: str, fragment: str
) -> None:
    content = load_content([write_file("x.yaml", text)], frameworks)
    assert any(p.message == fragment for p in content.problems), content.problems


THREE_PROBLEMS = questionnaire_yaml(
    """
    - id: Q-1
      type: single
      prompt: Do you?
      options:
        - {id: a, label: Always, value: 1.5}
        - {id: b, label: Never, value: 0}
    - id: Q-1
      type: yes_partial_no
      prompt: Again?
    - id: Q-3
      type: yes_partial_no
      prompt: Third?
      applies_when: answer("Q-9") >= 0.5
    """
)


def test_validate_reports_every_kind_of_problem_in_one_run(
    frameworks: FrameworkIndex, write_file: WriteFile
) -> None:
    path = write_file("three.yaml", THREE_PROBLEMS)
    content = load_content([path], frameworks)
    messages = [(p.line, p.message) for p in content.problems]
    assert len(messages) == 3, messages
    assert "options[0].value: should be less than or equal to 1" in messages[0][1]
    assert "question id 'Q-1' is used twice (first at line 9)" in messages[1][1]
    assert "unknown question id 'Q-9'" in messages[2][1]
    assert path in content.partial  # the format's own rules wait for the schema to pass


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ('version: "1.0"', 'YAML reads the unquoted 1.10 as the number 1.1; put it in quotes: '
         'version: "1.10"'),
        ("label: L1", 'YAML reads the unquoted No as the boolean false; put it in quotes: '
         'label: "No"'),
        ("label: L2", 'YAML reads the unquoted Yes as the boolean true; put it in quotes: '
         'label: "Yes"'),
        ("label: L3", 'YAML reads the unquoted On as the boolean true; put it in quotes: '
         'label: "On"'),
        ("label: L4", 'YAML reads the unquoted Off as the boolean false; put it in quotes: '
         'label: "Off"'),
    ],
)  # fmt: skip
def test_yaml_booleans_and_numbers_get_a_quote_hint(
    frameworks: FrameworkIndex, write_file: WriteFile, line: str, fragment: str
) -> None:
    text = questionnaire_yaml(
        "- id: Q-1\n  type: maturity\n  prompt: How?\n  options:\n"
        + "".join(f"    - id: l{i}\n      label: L{i}\n" for i in range(1, 6))
    )
    replacement = {
        'version: "1.0"': "version: 1.10",
        "label: L1": "label: No",
        "label: L2": "label: Yes",
        "label: L3": "label: On",
        "label: L4": "label: Off",
    }[line]
    path = write_file("trap.yaml", text.replace(line, replacement))
    content = load_content([path], frameworks)
    assert [p.message for p in content.problems if fragment in p.message], content.problems


def test_duty_ids_and_placeholders_are_checked_against_the_calendar(
    frameworks: FrameworkIndex, write_file: WriteFile
) -> None:
    text = questionnaire_yaml(
        """
        - id: Q-1
          type: yes_partial_no
          prompt: Is the FRIA done?
          help: Deployers must do it from {duty:eu-ai-act.annex-iii}; see {duty:eu-ai-act.annex-9}.
          duties: [eu-ai-act.annex-iii, eu-ai-act.anex-iii]
          recommendation:
            id: REC-FRIA
            title: Run the FRIA
            actions: [Run it.]
            effort: M
            impact: high
            owner: General Counsel
            duties: [gdpr.aplication]
        """
    )
    content = load_content([write_file("duties.yaml", text)], frameworks)
    messages = [p.message for p in content.problems]
    assert len(messages) == 3, messages
    assert any("{duty:eu-ai-act.annex-9}: unknown duty 'eu-ai-act.annex-9'" in m for m in messages)
    assert any("unknown duty 'eu-ai-act.anex-iii'" in m for m in messages)
    assert any("unknown duty 'gdpr.aplication'" in m for m in messages)
