"""The database: settings, history, snapshots, migrations, and surviving a kill."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import sqlite_utils

from assessor.library.installed import Library
from assessor.store import migrations
from assessor.store.database import Store, StoreError
from assessor.usecases.answering import record_answer, scorecard
from assessor.usecases.demo import create_demo
from tests.factories import database_fingerprint


def test_connection_settings(store: Store) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert store.schema_version == len(migrations.MIGRATIONS)


def test_answers_keep_their_history(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).assessment_id
    record_answer(store, library, assessment, "GOV-02", "l1", respondent="cro", note="first")
    record_answer(store, library, assessment, "GOV-02", "l5", respondent="cto", note="second")
    record_answer(store, library, assessment, "GOV-02", "l4", respondent="cro", note="revised")
    history = store.history(assessment, "GOV-02")
    assert [(h.respondent, json.loads(h.answer), h.note) for h in history][-3:] == [
        ("cro", "l1", "first"),
        ("cto", "l5", "second"),
        ("cro", "l4", "revised"),
    ]
    result = scorecard(store, library, assessment).questions["GOV-02"]
    assert result.value == pytest.approx((0.75 + 1.0) / 2)  # latest of cro and cto


def test_views_make_the_file_readable_without_the_app(db_path: Path, library: Library) -> None:
    with Store(db_path) as store:
        assessment = create_demo(store, library).assessment_id
    db = sqlite_utils.Database(db_path)
    assert {
        "current_responses",
        "assessment_overview",
        "assessment_domain_scores",
        "answer_history",
    } <= set(db.view_names())
    overview = list(db.query("select * from assessment_overview"))
    assert overview[0]["client"] == "Northwind Mutual Insurance"
    domains = list(
        db.query(
            "select domain, level from assessment_domain_scores where assessment_id = ?",
            [assessment],
        )
    )
    assert len(domains) == 6


def test_old_assessments_score_the_same_after_content_changes(
    store: Store, library: Library
) -> None:
    assessment = create_demo(store, library).assessment_id
    before = scorecard(store, library, assessment)
    first = library.content.loaded[0]
    changed = first.questionnaire.model_copy(deep=True)
    changed.sections[0].questions[0].weight = 50  # the installed content moves on
    newer = replace(
        library,
        content=replace(library.content, loaded=[replace(first, questionnaire=changed)]),
    )
    assert newer.content.loaded[0].content_hash != first.content_hash
    after = scorecard(Store(store.path), newer, assessment)
    assert after.overall_score == before.overall_score


def test_a_pending_migration_runs_after_a_backup(
    db_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(db_path) as store:
        create_demo(store, library)

    def add_column(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE clients ADD COLUMN website TEXT")

    existing = len(migrations.MIGRATIONS)
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("9999_test", add_column)]
    )
    with Store(db_path) as store:
        assert store.schema_version == existing + 1
        columns = [row[1] for row in store.conn.execute("PRAGMA table_info(clients)")]
        assert "website" in columns
    backups = list(db_path.parent.glob("assessor.sqlite.backup-*-before-9999_test"))
    assert len(backups) == 1
    backup = sqlite3.connect(backups[0])
    assert backup.execute("SELECT count(*) FROM responses").fetchone()[0] > 100
    assert backup.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == existing


def test_a_failing_migration_leaves_the_database_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db_path).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE clients ADD COLUMN half TEXT")
        raise RuntimeError("boom")

    before = [name for name, _ in migrations.MIGRATIONS]
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("9999_broken", broken)])
    with pytest.raises(RuntimeError):
        Store(db_path)
    conn = sqlite3.connect(db_path)
    assert "half" not in [row[1] for row in conn.execute("PRAGMA table_info(clients)")]
    assert [r[0] for r in conn.execute("SELECT name FROM schema_migrations")] == before


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(path)
    assert path.read_text(encoding="utf-8").startswith("these are my notes")


def test_an_unusable_location_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not-a-folder"):
        Store(blocker / "assessor.sqlite")


WRITER = """
import sys
from pathlib import Path
from assessor.library.installed import load_library
from assessor.usecases.answering import record_answer
from assessor.paths import AppPaths
from assessor.store.database import Store
library = load_library(AppPaths(data_dir=Path("/nonexistent")))
store = Store(Path(sys.argv[1]))
assessment = int(sys.argv[2])
questions = [q.id for qn in store.questionnaires_of(assessment) for q in qn.questions
             if q.type.value == "maturity"]
i = 0
while True:
    qid = questions[i % len(questions)]
    level = ["l1", "l2", "l3", "l4", "l5"][i % 5]
    record_answer(store, library, assessment, qid, level, note=f"n{i}")
    print(i, qid, flush=True)
    i += 1
"""


def test_killing_the_process_mid_write_loses_no_committed_answer(
    db_path: Path, library: Library
) -> None:
    with Store(db_path) as store:
        assessment = create_demo(store, library).assessment_id
        before = len(store.all_responses(assessment))
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), str(assessment)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    confirmed = []
    for line in process.stdout:
        confirmed.append(line.split())
        if len(confirmed) >= 60:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    with Store(db_path) as store:
        stored = store.all_responses(assessment)[before:]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    notes = {r.note for r in stored}
    assert all(f"n{i}" in notes for i, _qid in confirmed)  # every confirmed answer is there


def test_a_refused_import_leaves_the_database_byte_identical(
    db_path: Path, library: Library, tmp_path: Path
) -> None:
    from assessor.exchange.assessment_file import FileError
    from assessor.usecases.transfer import import_assessment

    with Store(db_path) as store:
        create_demo(store, library)
    fingerprint = database_fingerprint(db_path)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "ai-readiness-assessment",
                "format_version": 1,
                "client": {"name": "X"},
                "context": {},
                "questionnaires": [{"id": "data-readiness", "version": "1.0"}],
                "responses": [{"question_id": "DAT-05", "answer": "l3"}] * 50
                + [{"question_id": "DAT-05", "answer": "l9"}],
            }
        ),
        encoding="utf-8",
    )
    with Store(db_path) as store, pytest.raises(FileError, match=r"responses\[50\]\.answer"):
        import_assessment(store, library, bad)
    assert database_fingerprint(db_path) == fingerprint


def test_upgrading_carries_answers_over_by_question_id(store: Store, library: Library) -> None:
    from assessor.usecases.assessments import upgrade_questionnaires

    assessment = create_demo(store, library).assessment_id
    assert upgrade_questionnaires(store, library, assessment).value.upgraded == ()
    first = library.content.loaded[0]
    newer_qn = first.questionnaire.model_copy(deep=True)
    newer_qn.version = "1.1"
    kept, renamed = newer_qn.sections[0].questions[:2]
    kept.weight = 7  # the new version weighs it more
    answered = json.loads(store.history(assessment, renamed.id)[-1].answer)
    for option in renamed.options:
        if option.id == answered:
            option.id = f"{answered}-renamed"  # the old answer no longer fits
    renamed.__dict__.pop("_options_by_id", None)
    newer = replace(
        library,
        content=replace(
            library.content,
            loaded=[replace(first, questionnaire=newer_qn), *library.content.loaded[1:]],
        ),
    )
    before = scorecard(store, newer, assessment)
    result = upgrade_questionnaires(store, newer, assessment).value
    assert result.upgraded == ((newer_qn.id, first.questionnaire.version, "1.1"),)
    assert result.answers_not_carried == (renamed.id,)
    after = scorecard(store, newer, assessment)
    assert store.questionnaires_of(assessment)[0].version == "1.1"
    assert after.questions[kept.id].value == before.questions[kept.id].value  # carried over
    assert after.questions[renamed.id].status == "unanswered"  # to be answered again
    assert len(store.history(assessment, renamed.id)) >= 1  # but its history is kept


def test_a_database_of_every_earlier_version_migrates(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Build the database as each earlier version left it, then open it with this one."""
    every = list(migrations.MIGRATIONS)
    for count in range(1, len(every)):
        path = db_path.with_name(f"v{count}.sqlite")
        monkeypatch.setattr(migrations, "MIGRATIONS", every[:count])
        Store(path).close()
        monkeypatch.setattr(migrations, "MIGRATIONS", every)
        with Store(path) as store:
            assert store.schema_version == len(every)
            tables = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
            assert "roadmap_edits" in tables
