"""Fixtures shared by every layer of the suite."""

from __future__ import annotations

import os

# Tests never open a real window; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Nor read or write the real user's preferences (child processes inherit this).
if "ASSESSOR_CONFIG_DIR" not in os.environ:
    import tempfile

    os.environ["ASSESSOR_CONFIG_DIR"] = tempfile.mkdtemp(prefix="assessor-test-config-")

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assessor.library.frameworks import FrameworkIndex
from assessor.library.installed import Library, load_library
from assessor.paths import AppPaths
from assessor.store.database import Store

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
    monkeypatch.setenv("ASSESSOR_CONFIG_DIR", str(tmp_path / "config"))
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


@pytest.fixture(scope="session")
def library() -> Library:
    """The bundled content, as installed, without any user folder."""
    return load_library(AppPaths(data_dir=Path("/nonexistent-user-folder")))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "assessor.sqlite"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store(db_path)
    yield opened
    opened.close()
