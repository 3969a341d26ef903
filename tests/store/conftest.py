"""Store fixtures: a fresh database per test, and the installed library."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.assessments import Library, load_library
from assessor.paths import AppPaths
from assessor.store import Store


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(AppPaths(data_dir=Path("/nonexistent-user-folder")))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "assessor.sqlite"


@pytest.fixture
def store(db_path: Path) -> Store:
    opened = Store(db_path)
    yield opened  # type: ignore[misc]
    opened.close()
