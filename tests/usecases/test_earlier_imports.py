"""Telling that a file may already be here: its uid, or the same client, title and start
time (files written before assessments had a uid)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor.exchange.assessment_file import FileError
from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.demo import create_demo
from assessor.usecases.transfer import earlier_imports, import_assessment, save_assessment


def test_the_assessment_a_file_came_from_and_its_imports_are_found(
    store: Store, library: Library, tmp_path: Path
) -> None:
    original = create_demo(store, library).value
    create_demo(store, library)  # the same client and title, started at another time
    path = tmp_path / "northwind.json"
    save_assessment(store, original, path)
    assert [s.id for s in earlier_imports(store, path)] == [original]
    copy = import_assessment(store, library, path).value
    assert [s.id for s in earlier_imports(store, path)] == [original, copy]


@pytest.mark.parametrize(
    "change",
    [{"created_at": None}, {"title": "Another title"}, {"client": {"name": "Someone else"}}],
)
def test_a_file_unlike_any_here_matches_nothing(
    store: Store, library: Library, tmp_path: Path, change: dict[str, object]
) -> None:
    path = tmp_path / "file.json"
    save_assessment(store, create_demo(store, library).value, path)
    data = {**json.loads(path.read_text(encoding="utf-8")), **change, "uid": None}
    path.write_text(json.dumps({k: v for k, v in data.items() if v is not None}), "utf-8")
    assert earlier_imports(store, path) == []


def test_the_uid_finds_the_assessment_whatever_else_changed(
    store: Store, library: Library, tmp_path: Path
) -> None:
    original = create_demo(store, library).value
    path = tmp_path / "file.json"
    save_assessment(store, original, path)
    data = {**json.loads(path.read_text(encoding="utf-8")), "title": "Renamed"}
    path.write_text(json.dumps(data), "utf-8")
    assert [s.id for s in earlier_imports(store, path)] == [original]


def test_a_broken_file_is_refused_as_import_refuses_it(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(FileError, match="not JSON"):
        earlier_imports(store, path)
