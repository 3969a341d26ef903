"""Fixtures shared by every layer of the suite."""

from __future__ import annotations

import os

# Tests never open a real window; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from assessor.frameworks import FrameworkIndex
from assessor.paths import AppPaths

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT_ROOT / "docs" / "examples" / "example.yaml"
BUNDLED = PROJECT_ROOT / "questionnaires"


@pytest.fixture(scope="session")
def frameworks() -> FrameworkIndex:
    return FrameworkIndex(BUNDLED / "frameworks")


@pytest.fixture
def app_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """A private data folder, so no test reads or writes the real user's files."""
    data = tmp_path / "data"
    monkeypatch.setenv("ASSESSOR_DATA_DIR", str(data))
    return AppPaths(data_dir=data)


WriteFile = Callable[..., Path]


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """Write dedented text to a file under tmp_path and return its path."""

    def write(name: str, text: str, folder: Path | None = None) -> Path:
        path = (folder or tmp_path / "files") / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


def questionnaire_yaml(
    questions: str,
    qid: str = "q",
    domain: str = "guardrails",
) -> str:
    """A minimal questionnaire around the given (already indented) question list."""
    return (
        f'id: {qid}\nversion: "1.0"\ntitle: Test {qid}\ndomain: {domain}\n'
        "sections:\n  - id: s1\n    title: Section one\n    questions:\n"
        + textwrap.indent(textwrap.dedent(questions).strip("\n"), "      ")
        + "\n"
    )
