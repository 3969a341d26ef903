"""Named schema migrations of the assessment database, applied in order on open.

Each migration runs in its own transaction together with the row that records it in
`schema_migrations`, so a database is never left half-migrated. `PRAGMA user_version`
mirrors the number applied. The store refuses a database with more migrations, or
others, than this version knows (`newer_version`), checks the file and makes a backup
copy before running any, and runs each in a transaction of its own (`apply`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = tuple[str, Callable[[sqlite3.Connection], None]]


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: `executescript` would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""


def _initial(conn: sqlite3.Connection) -> None:
    _execute_script(
        conn,
        """
        CREATE TABLE clients (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE TABLE questionnaire_snapshots (
            content_hash TEXT PRIMARY KEY,
            questionnaire_id TEXT NOT NULL,
            version TEXT NOT NULL,
            content TEXT NOT NULL,
            stored_at TEXT NOT NULL
        );
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id),
            title TEXT NOT NULL,
            context TEXT NOT NULL,
            profile_id TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'in_progress'
                CHECK (status IN ('draft', 'in_progress', 'complete', 'archived')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            overall_score REAL,
            overall_level INTEGER,
            completeness REAL NOT NULL DEFAULT 0,
            confidence TEXT NOT NULL DEFAULT 'low'
        );
        CREATE TABLE assessment_questionnaires (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            content_hash TEXT NOT NULL REFERENCES questionnaire_snapshots(content_hash),
            PRIMARY KEY (assessment_id, position)
        );
        CREATE TABLE respondents (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            UNIQUE (assessment_id, key)
        );
        -- Answers are never updated: a change adds a row, so history is kept.
        CREATE TABLE responses (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            respondent TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            flagged INTEGER NOT NULL DEFAULT 0,
            answered_at TEXT NOT NULL,
            answered_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX responses_by_question
            ON responses (assessment_id, question_id, respondent, id);
        CREATE TABLE agreed_answers (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            answer TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            agreed_at TEXT NOT NULL,
            agreed_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX agreed_by_question ON agreed_answers (assessment_id, question_id, id);
        CREATE TABLE score_snapshots (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            taken_at TEXT NOT NULL,
            overall_score REAL,
            overall_level INTEGER,
            completeness REAL NOT NULL,
            confidence TEXT NOT NULL,
            profile_id TEXT NOT NULL
        );
        CREATE INDEX score_snapshots_by_assessment ON score_snapshots (assessment_id, id);
        CREATE TABLE score_snapshot_domains (
            snapshot_id INTEGER NOT NULL REFERENCES score_snapshots(id) ON DELETE CASCADE,
            domain TEXT NOT NULL,
            score REAL,
            level INTEGER,
            capped_level INTEGER,
            target_level INTEGER NOT NULL,
            completeness REAL NOT NULL,
            blockers INTEGER NOT NULL,
            PRIMARY KEY (snapshot_id, domain)
        );

        -- Read-only views, for Datasette or `sqlite-utils query`.
        CREATE VIEW current_responses AS
            SELECT r.* FROM responses r
            WHERE r.id = (
                SELECT max(id) FROM responses r2
                WHERE r2.assessment_id = r.assessment_id
                  AND r2.question_id = r.question_id
                  AND r2.respondent = r.respondent
            );
        CREATE VIEW assessment_overview AS
            SELECT a.id, c.name AS client, a.title, a.status, a.completeness,
                   a.overall_score, a.overall_level, a.confidence, a.profile_id,
                   a.created_at, a.updated_at
            FROM assessments a JOIN clients c ON c.id = a.client_id;
        CREATE VIEW assessment_domain_scores AS
            SELECT s.assessment_id, d.domain, d.score, d.level, d.capped_level,
                   d.target_level, d.completeness, d.blockers, s.taken_at
            FROM score_snapshots s
            JOIN score_snapshot_domains d ON d.snapshot_id = s.id
            WHERE s.id = (
                SELECT max(id) FROM score_snapshots s2 WHERE s2.assessment_id = s.assessment_id
            );
        CREATE VIEW answer_history AS
            SELECT r.assessment_id, r.question_id, r.respondent,
                   coalesce(p.name, r.respondent) AS respondent_name,
                   r.answer, r.note, r.flagged, r.answered_at, r.answered_by
            FROM responses r
            LEFT JOIN respondents p
              ON p.assessment_id = r.assessment_id AND p.key = r.respondent
            ORDER BY r.assessment_id, r.question_id, r.id;
        """,
    )


def _roadmap_edits(conn: sqlite3.Connection) -> None:
    _execute_script(
        conn,
        """
        -- A consultant's changes to a generated roadmap; they survive rescoring.
        -- kind: base (the item as generated when first edited), phase, owner, title, actions,
        -- hide, custom, remove. The latest row of each kind wins.
        CREATE TABLE roadmap_edits (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            kind TEXT NOT NULL
                CHECK (kind IN ('base', 'phase', 'owner', 'title', 'actions', 'hide',
                                'custom', 'remove')),
            value TEXT NOT NULL,
            edited_at TEXT NOT NULL,
            edited_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX roadmap_edits_by_item ON roadmap_edits (assessment_id, item_id, kind, id);
        """,
    )


def _home(conn: sqlite3.Connection) -> None:
    _execute_script(
        conn,
        """
        -- Deleting moves an assessment to the bin for 30 days (deleted_at); the sample
        -- assessment is marked; a reassessment points at the assessment it started from.
        ALTER TABLE assessments ADD COLUMN deleted_at TEXT;
        ALTER TABLE assessments ADD COLUMN sample INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE assessments ADD COLUMN previous_id INTEGER
            REFERENCES assessments(id) ON DELETE SET NULL;
        CREATE INDEX assessments_by_client ON assessments (client_id, id);
        DROP VIEW assessment_overview;
        CREATE VIEW assessment_overview AS
            SELECT a.id, c.name AS client, a.title, a.status, a.completeness,
                   a.overall_score, a.overall_level, a.confidence, a.profile_id,
                   a.created_at, a.updated_at, a.client_id, a.sample, a.previous_id,
                   a.deleted_at
            FROM assessments a JOIN clients c ON c.id = a.client_id;
        """,
    )


def _workshop(conn: sqlite3.Connection) -> None:
    _execute_script(
        conn,
        """
        -- A participant removed from a workshop keeps their row, so their answers stay
        -- in the history under their name; from removed_at on their answers do not count.
        ALTER TABLE respondents ADD COLUMN removed_at TEXT;
        """,
    )


def _handoff(conn: sqlite3.Connection) -> None:
    _execute_script(
        conn,
        """
        -- Every assessment gets a stable random uid, so that a responses file finds the
        -- assessment it belongs to on the consultant's machine, whatever its id there.
        -- An assessment opened from a questionnaire pack keeps the uid of the consultant's
        -- assessment (origin_uid) and the respondent it was made for (pack_respondent).
        ALTER TABLE assessments ADD COLUMN uid TEXT;
        UPDATE assessments SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
        CREATE UNIQUE INDEX assessments_by_uid ON assessments (uid);
        ALTER TABLE assessments ADD COLUMN origin_uid TEXT;
        ALTER TABLE assessments ADD COLUMN pack_respondent TEXT;
        CREATE INDEX assessments_by_origin ON assessments (origin_uid, pack_respondent);
        """,
    )


MIGRATIONS: list[Migration] = [
    ("0001_initial", _initial),
    ("0002_roadmap_edits", _roadmap_edits),
    ("0003_home", _home),
    ("0004_workshop", _workshop),
    ("0005_handoff", _handoff),
]


def applied(conn: sqlite3.Connection) -> list[str]:
    """The names recorded in the database (none before the first migration); reads only."""
    recorded = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if recorded is None:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]


def pending(conn: sqlite3.Connection) -> list[Migration]:
    done = set(applied(conn))
    return [m for m in MIGRATIONS if m[0] not in done]


def newer_version(conn: sqlite3.Connection) -> int | None:
    """The schema version of a database written by a newer version of the app (one with
    more migrations than this version knows, or one this version has never heard of),
    or None; reads only, so it can run before anything is written."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    recorded = applied(conn)
    known = {name for name, _ in MIGRATIONS}
    if version > len(MIGRATIONS) or any(name not in known for name in recorded):
        return max(version, len(recorded))
    return None


def apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    """Apply one migration with its record, inside the caller's write transaction.

    False when it is already recorded: another process opening the same old database
    migrated it while this one waited for the write lock.
    """
    name, change = migration
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    if name in applied(conn):
        return False
    change(conn)
    conn.execute(
        "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
        (name, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    conn.execute(f"PRAGMA user_version = {len(applied(conn))}")
    return True
