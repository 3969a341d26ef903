"""The framework catalogue: bundled data that validation and the report rely on."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from assessor.library.frameworks import FrameworkIndex, UnknownReference, import_catalogue
from tests.conftest import BUNDLED

EXPECTED = {
    "cra", "dora", "eu-ai-act", "eu-data-act", "gdpr", "pld", "hipaa", "iso-23894", "iso-42001",
    "mitre-atlas", "nist-800-53", "nist-ai-600-1", "nist-ai-rmf", "nist-csf", "owasp-llm",
    "sr-11-7",
}  # fmt: skip


def test_every_framework_the_product_cites_is_bundled_and_loads(
    frameworks: FrameworkIndex,
) -> None:
    assert set(frameworks.framework_keys()) == EXPECTED
    for key in EXPECTED:
        catalogue = frameworks.framework(key)
        assert catalogue.framework == key
        assert catalogue.short_title
        ids = [e.id for e in catalogue.entries]
        assert len(ids) == len(set(ids)), f"{key} has duplicate ids"


def test_resolved_references_carry_titles_for_the_report(frameworks: FrameworkIndex) -> None:
    ref = frameworks.resolve("eu-ai-act", "Art. 14(4)")
    assert (ref.id, ref.title, ref.label) == ("Art. 14", "Human oversight", "EU AI Act Art. 14(4)")
    assert frameworks.resolve("owasp-llm", "LLM07:2025").title == "System Prompt Leakage"


def test_superseded_guidance_carries_its_caveat_and_its_successor_does_not(
    frameworks: FrameworkIndex,
) -> None:
    old = frameworks.resolve("sr-11-7", "SR 11-7 §V")
    assert old.caveat is not None
    assert "superseded by SR 26-2" in old.caveat
    assert old.label == "SR 11-7 §V"
    new = frameworks.resolve("sr-11-7", "SR 26-2")
    assert new.caveat is None
    assert new.label == "SR 26-2"


def test_paragraph_ids_only_where_the_framework_uses_them(frameworks: FrameworkIndex) -> None:
    assert frameworks.resolve("gdpr", "Art. 22(3)").id == "Art. 22"
    with pytest.raises(UnknownReference):
        frameworks.resolve("nist-800-53", "AC-2(99)")  # enhancements are items of their own


def test_unknown_framework_keys_cannot_reach_outside_the_folder(frameworks: FrameworkIndex) -> None:
    with pytest.raises(UnknownReference, match="unknown framework"):
        frameworks.resolve("../../etc/passwd", "x")


def test_import_folds_statuses_and_keeps_what_the_product_needs(tmp_path: Path) -> None:
    source = tmp_path / "references"
    source.mkdir()
    (source / "owasp-llm.yaml").write_text(
        textwrap.dedent(
            """
            framework: owasp-llm
            title: OWASP Top 10 for LLM Applications 2025
            notes: [one note]
            entries:
            - id: LLM01:2025
              title: Prompt Injection
              source: somewhere
              level: risk
            - id: LLM01 (v1.1)
              title: Prompt Injection
              status: superseded
              note: the 2023 list
            """
        ),
        encoding="utf-8",
    )
    written = import_catalogue(source, tmp_path / "out")
    assert written == [("owasp-llm", 2)]
    index = FrameworkIndex(tmp_path / "out")
    assert index.resolve("owasp-llm", "LLM01:2025").short_title == "OWASP LLM Top 10"
    with pytest.raises(UnknownReference, match="superseded"):
        index.resolve("owasp-llm", "LLM01 (v1.1)")
    assert "source: somewhere" not in (tmp_path / "out" / "owasp-llm.yaml").read_text(
        encoding="utf-8"
    )


def test_bundled_files_say_how_they_were_built() -> None:
    for path in (BUNDLED / "frameworks").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith(
            "# Built by `assessor frameworks import`"
        )
