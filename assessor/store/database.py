"""The assessment database: the one module that speaks SQL.

One SQLite file (WAL, foreign keys, a busy timeout) holds clients, assessments, their
respondents, every answer ever given (a change adds a row; nothing is overwritten; a
cleared answer is a row too), the facilitator's agreed answers, a snapshot of each
questionnaire version an assessment uses (keyed by content hash, so old assessments score
the same after content updates), and score snapshots over time. Callers get typed
records, never rows. Migrations run on open, after a backup copy.

Threads. A `Store` is one connection, owned by one thread at a time: the command line's
main thread, or the app's one worker thread that runs every operation (as Anki runs all
collection work on one worker). The thread that opens it owns it; `take_over()` hands it
to the calling thread, which the app's worker does once. A call from any other thread
raises `WrongThread` rather than racing: the caches below are then safe without locks.

Transactions. Every write runs inside `atomic()`, and a write outside it raises
`NoTransaction` instead of committing on its own. `atomic()` nests: the outermost takes
the write lock up front (`BEGIN IMMEDIATE`, waiting up to `WRITE_LOCK_WAIT_S` while
another process holds it) and commits; an inner one is a SAVEPOINT, so a use-case called
inside another's transaction commits or rolls back with it. A failed statement, BEGIN
or COMMIT is reported as itself, never as the failure of the rollback after it.

Faults. The file defends itself (`assessor.store.faults` words each case): a database
written by a newer version is refused before anything is written; one that cannot be
written opens for reading and refuses each write; damage found by `PRAGMA quick_check`
(on open when the file is small, before the first write otherwise, and whenever SQLite
reports it) stops all writing and names the latest backup (`assessor.store.backups`); a
full or failing disk is named as such. docs/store-faults.md says what the user sees.

Other writers. The command line may change the file while the app has it open;
`changed_elsewhere()` says so cheaply (`PRAGMA data_version`), so the app can refresh.

Start-up. The content models (pydantic) are imported where a method first needs them, not
with the module: the app lists assessments before anything else, and that needs SQL only.

sqlite-utils is not used for writes: its `insert` and `upsert` commit through `with conn:`,
which would escape `atomic()`, and it has neither savepoints nor migrations.
"""

from __future__ import annotations

import json
import random
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from assessor.errors import UsageError
from assessor.store import faults, migrations
from assessor.store.backups import latest_backup, made_at, make_backup
from assessor.store.faults import (
    DamagedDatabase,
    DatabaseBusy,
    DatabaseFull,
    DatabaseIOError,
    NewerDatabase,
    ReadOnlyDatabase,
    StoreError,
)
from assessor.store.opening import (
    BUSY_TIMEOUT_MS,
    cheap_to_check,
    open_file,
    open_read_only,
    quick_check,
)

if TYPE_CHECKING:
    from assessor.content.context import AssessmentContext
    from assessor.content.questionnaire import Question, Questionnaire
    from assessor.scoring.answers import Answer
    from assessor.scoring.scorecard import QuestionAnswers, Scorecard

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DamagedDatabase",
    "DatabaseBusy",
    "DatabaseFull",
    "DatabaseIOError",
    "NewerDatabase",
    "ReadOnlyDatabase",
    "Store",
    "StoreError",
]

#: How long a writer waits for the write lock before giving up with `DatabaseBusy`.
WRITE_LOCK_WAIT_S = 30.0
#: The longest pause between two tries for the write lock; each pause is jittered.
WRITE_LOCK_POLL_MAX_S = 0.005


class WrongThread(RuntimeError):
    """The store was used from a thread that does not own it (a programming error)."""


class NoTransaction(RuntimeError):
    """A write was attempted outside `atomic()` (a programming error)."""


class _Rows(list[Any]):
    """The rows of a read, fetched whole (so that a damaged page or a full disk is
    reported where the read is made), with a cursor's `fetchone()`."""

    def fetchone(self) -> Any:
        return self[0] if self else None


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    client_id: int
    client_name: str
    title: str
    context: AssessmentContext
    profile_id: str
    status: str
    created_at: str
    updated_at: str
    sample: bool = False
    previous_id: int | None = None
    deleted_at: str | None = None
    #: A stable random id, the same on every machine the assessment travels to.
    uid: str = ""
    #: For an assessment opened from a questionnaire pack: the uid of the consultant's
    #: assessment, and the respondent the pack was made for; None otherwise.
    origin_uid: str | None = None
    pack_respondent: str | None = None

    @property
    def from_pack(self) -> bool:
        return self.origin_uid is not None


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    client: str
    title: str
    status: str
    completeness: float
    overall_score: float | None
    overall_level: int | None
    confidence: str
    updated_at: str
    client_id: int = 0
    created_at: str = ""
    sample: bool = False
    previous_id: int | None = None
    deleted_at: str | None = None


@dataclass(frozen=True)
class ClientRecord:
    id: int
    name: str
    details: dict[str, object]
    assessments: int  # not counting deleted ones


@dataclass(frozen=True)
class Respondent:
    key: str
    name: str
    role: str
    #: When they were removed from the workshop: their answers stay, and no longer count.
    removed_at: str | None = None

    @property
    def active(self) -> bool:
        return self.removed_at is None


@dataclass(frozen=True)
class ResponseRecord:
    question_id: str
    respondent: str
    answer: str  # as JSON, the way files write it
    note: str
    flagged: bool
    answered_at: str
    answered_by: str


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Store:
    """An open assessment database. Use as a context manager, or call close()."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            opened = open_file(path)
        except sqlite3.Error as error:
            raise faults.translate(path, error) or StoreError(
                f"{path}: cannot open the database ({error})"
            ) from error
        except OSError as error:
            raise faults.from_os_error(path, error) from error
        self.conn = opened.conn
        self._read_only = opened.read_only  # why it cannot be written; None when it can
        self._owner = threading.get_ident()
        self._depth = 0  # nesting of atomic(): 0 outside a transaction
        self._checked = not opened.existed  # quick_check passed (a new file is sound)
        self._damage: str | None = None  # the message, once damage was found
        self._jitter = random.Random()
        # Questionnaire versions by content hash: a snapshot never changes once stored.
        self._questionnaires: dict[str, Questionnaire] = {}
        self._question_index: dict[tuple[str, ...], dict[str, Question]] = {}
        # Parsed answers by (content hash, question id, answer JSON): stored answers never
        # change, and a question's content hash fixes what it accepts.
        self._parsed: dict[tuple[str, str, str], Answer | None] = {}
        self._versions: dict[str, dict[str, Question]] = {}  # question id -> hash -> question
        try:
            self._prepare(opened.existed)
            self._data_version = self._read_data_version()
        except BaseException:
            self.conn.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def read_only(self) -> bool:
        """Whether the file can only be read (its mode, its folder's, or the disk's)."""
        return self._read_only is not None

    # --- opening: refuse what must not be written, then migrate -------------------------

    def _prepare(self, existed: bool) -> None:
        """Refuse a newer or damaged database before anything is written; then set the
        file up for writing and migrate it, after a checked backup."""
        try:
            found = migrations.newer_version(self.conn)
            if found is not None:
                raise faults.newer(self.path, found, len(migrations.MIGRATIONS))
            if existed and cheap_to_check(self.path):
                self._check_for_damage()
            if self._read_only is None:
                self._set_up_for_writing()
            self.conn.execute("PRAGMA foreign_keys = ON")
            todo = migrations.pending(self.conn)
            if todo:
                self._migrate(todo, existed)
        except sqlite3.Error as error:
            self._raise(error)

    def _set_up_for_writing(self) -> None:
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as error:
            if not faults.is_read_only(error):
                raise
            # The operating system allows writing and SQLite does not (a read-only share).
            self.conn.close()
            self.conn = open_read_only(self.path)
            self._read_only = "SQLite cannot write it"
            return
        self.conn.execute("PRAGMA synchronous = FULL")

    def _migrate(self, todo: list[migrations.Migration], existed: bool) -> None:
        if self._read_only is not None:
            raise ReadOnlyDatabase(
                f"{self.path}: this version of the app must upgrade the database, which is "
                f"read-only ({self._read_only}); make it writable and open it again"
            )
        if existed and self._has_user_tables():
            if not self._checked:
                self._check_for_damage()  # a damaged file is neither copied nor migrated
            make_backup(self.conn, self.path, todo[0][0])
        for migration in todo:
            with self.atomic():
                migrations.apply(self.conn, migration)

    def _has_user_tables(self) -> bool:
        rows = self.conn.execute(
            "SELECT count(*) FROM sqlite_master "
            "WHERE type = 'table' AND name != 'schema_migrations'"
        ).fetchone()
        return bool(rows[0])

    # --- faults -------------------------------------------------------------------------

    def _check_for_damage(self) -> None:
        detail = quick_check(self.conn)
        if detail is not None:
            raise self._damaged(detail)
        self._checked = True

    def _damaged(self, detail: str, not_a_database: bool = False) -> DamagedDatabase:
        """Damage found: nothing more is written in this session; the message names the
        way out, the latest backup when there is one."""
        backup = latest_backup(self.path)
        what = "cannot open the database" if not_a_database else "the database is damaged"
        if backup is not None:
            way_out = (
                f"Restore the latest backup, made {made_at(backup)} (later changes are not "
                f"in it): move the damaged file aside and copy {backup} in its place"
            )
        else:
            way_out = (
                "There is no backup of it: move it aside (keep it, sqlite3's .recover may "
                "save its data) and the app starts a new database"
            )
        self._damage = f"{self.path}: {what} ({detail}); nothing more is written to it. {way_out}"
        return DamagedDatabase(self._damage, backup)

    def _fault(self, error: sqlite3.Error) -> Exception:
        """The user's error for an SQLite error that is the file's or the disk's fault;
        the error itself for any other (a bug keeps its traceback)."""
        if faults.is_damage(error):
            code = faults.primary_code(error)
            return self._damaged(str(error), not_a_database=code == faults.SQLITE_NOTADB)
        if faults.is_busy(error):
            return faults.busy(self.path, BUSY_TIMEOUT_MS / 1000)
        if faults.is_read_only(error) and self._read_only is not None:
            return faults.read_only(self.path, self._read_only)
        return faults.translate(self.path, error) or error

    def _raise(self, error: sqlite3.Error) -> NoReturn:
        fault = self._fault(error)
        if fault is error:
            raise error
        raise fault from error

    # --- threads ------------------------------------------------------------------------

    def take_over(self) -> None:
        """Make the calling thread the store's owner (outside any transaction)."""
        if self._depth:
            raise WrongThread("the store cannot change hands inside a transaction")
        self._owner = threading.get_ident()

    def _check_thread(self) -> None:
        if threading.get_ident() != self._owner:
            raise WrongThread(
                "the store is used from a thread that does not own it; run store work on "
                "its owner thread, or call take_over() there first"
            )

    # --- statements and transactions ----------------------------------------------------

    def _read(self, sql: str, params: Sequence[object] = ()) -> _Rows:
        self._check_thread()
        try:
            return _Rows(self.conn.execute(sql, params).fetchall())
        except sqlite3.Error as error:
            self._raise(error)

    def _writable(self) -> None:
        self._check_thread()
        if not self._depth:
            raise NoTransaction("a write outside atomic() would commit on its own")
        if self._read_only is not None:
            raise faults.read_only(self.path, self._read_only)
        if not self.conn.in_transaction:
            raise NoTransaction("SQLite rolled the transaction back after an earlier error")

    def _write(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        self._writable()
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as error:
            self._raise(error)

    def _write_many(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        self._writable()
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.Error as error:
            self._raise(error)

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything inside commits together, or nothing does.

        Nested calls are savepoints of the outer transaction: a failure inside one rolls
        back only its own writes, and nothing commits until the outermost block ends.
        A failure is reported as itself (or as the `StoreError` it means), never as a
        failure of the rollback that follows it.
        """
        self._check_thread()
        savepoint = f"nested_{self._depth}" if self._depth else None
        try:
            if savepoint:
                self.conn.execute(f"SAVEPOINT {savepoint}")
            else:
                self._before_writing()
                self._begin()
        except sqlite3.Error as error:
            self._raise(error)
        self._depth += 1
        try:
            yield self.conn
        except BaseException as error:
            self._depth -= 1
            self._roll_back(savepoint)
            if isinstance(error, sqlite3.Error):
                self._raise(error)
            raise
        self._depth -= 1
        try:
            self.conn.execute(f"RELEASE {savepoint}" if savepoint else "COMMIT")
        except sqlite3.Error as error:
            if not savepoint:
                self._roll_back(None)
            self._raise(error)

    def _before_writing(self) -> None:
        if self._damage is not None:
            raise DamagedDatabase(self._damage, latest_backup(self.path))
        if self._read_only is None and not self._checked:
            self._check_for_damage()  # a big file, not checked on open: checked once now

    def _begin(self) -> None:
        """Take the write lock up front (`BEGIN IMMEDIATE`), so that a transaction never
        fails half-way for want of it. While another process holds it, try again after
        jittered pauses of 1 ms growing to 5 ms, for up to `WRITE_LOCK_WAIT_S`: short
        enough pauses to catch the moment between another writer's transactions (SQLite's
        own busy wait sleeps up to 100 ms and can starve), then `DatabaseBusy`."""
        if self._read_only is not None:
            self.conn.execute("BEGIN")  # reads see one snapshot; writes are refused
            return
        started = time.monotonic()
        pause = 0.001
        self.conn.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    waited = time.monotonic() - started
                    if not faults.is_busy(error):
                        raise
                    if waited >= WRITE_LOCK_WAIT_S:
                        raise faults.busy(self.path, waited) from error
                time.sleep(self._jitter.uniform(pause / 2, pause))
                pause = min(pause * 2, WRITE_LOCK_POLL_MAX_S)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _roll_back(self, savepoint: str | None) -> None:
        """Undo the transaction or savepoint after a failure, keeping that failure the one
        reported: SQLite may have rolled the whole transaction back itself already (a
        full disk, an I/O error), and a second error here would hide the first."""
        if not self.conn.in_transaction:
            return
        with suppress(sqlite3.Error):
            if savepoint:
                self.conn.execute(f"ROLLBACK TO {savepoint}")
                self.conn.execute(f"RELEASE {savepoint}")
            else:
                self.conn.execute("ROLLBACK")

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def _read_data_version(self) -> int:
        return int(self._read("PRAGMA data_version").fetchone()[0])

    def changed_elsewhere(self) -> bool:
        """Whether another connection (the command line, another app) committed to the file
        since the last call; cheap enough to poll from a timer."""
        self._check_thread()
        version = self._read_data_version()
        changed = version != self._data_version
        self._data_version = version
        return changed

    @property
    def schema_version(self) -> int:
        return int(self._read("PRAGMA user_version").fetchone()[0])

    # --- copying the whole database (moving the data folder) ----------------------------

    @contextmanager
    def other_writers_held(self) -> Iterator[None]:
        """Keep every other writer (the command line, another app) waiting while this
        lasts: a second connection holds the write lock, and this one can still read.
        (SQLite's backup refuses a source connection that holds the lock itself.)"""
        self._check_thread()
        guard = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            try:
                guard.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise StoreError(
                    f"{self.path}: another program is writing to the database ({error}); "
                    "try again when it has finished"
                ) from error
            yield
        finally:
            guard.close()  # rolls back: the guard wrote nothing

    def copy_to(self, target: Path) -> dict[str, int]:
        """Write a consistent copy of the open database to `target` (a new file) with
        SQLite's backup API, then check the copy: its integrity, and the same number of
        rows in every table. Returns the rows per table; a faulty copy raises StoreError."""
        self._check_thread()
        expected = self._row_counts(self.conn)
        try:
            copy = sqlite3.connect(target)
            try:
                self.conn.backup(copy)
            finally:
                copy.close()
            check = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
            try:
                verdict = [row[0] for row in check.execute("PRAGMA integrity_check")]
                found = self._row_counts(check)
            finally:
                check.close()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{target}: cannot copy the database there ({error})") from error
        if verdict != ["ok"]:
            raise StoreError(f"{target}: the copy of the database is damaged ({verdict[0]})")
        if found != expected:
            raise StoreError(f"{target}: the copy of the database is not complete")
        return found

    @staticmethod
    def _row_counts(conn: sqlite3.Connection) -> dict[str, int]:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}

    # --- writes (call inside atomic) ---------------------------------------------------

    def add_client(self, name: str, details: dict[str, object] | None = None) -> int:
        cursor = self._write(
            "INSERT INTO clients (name, details, created_at) VALUES (?, ?, ?)",
            (name, json.dumps(details or {}, ensure_ascii=False), now()),
        )
        return int(cursor.lastrowid or 0)

    def keep_questionnaire(self, questionnaire: Questionnaire, content_hash: str) -> None:
        self._write(
            "INSERT OR IGNORE INTO questionnaire_snapshots "
            "(content_hash, questionnaire_id, version, content, stored_at) VALUES (?, ?, ?, ?, ?)",
            (
                content_hash,
                questionnaire.id,
                questionnaire.version,
                questionnaire.model_dump_json(),
                now(),
            ),
        )
        self._remember(questionnaire, content_hash)

    def add_assessment(
        self,
        client_id: int,
        title: str,
        context: AssessmentContext,
        profile_id: str,
        content_hashes: Sequence[str],
        status: str = "in_progress",
        created_at: str | None = None,
        sample: bool = False,
        previous_id: int | None = None,
        uid: str | None = None,
    ) -> int:
        """A new assessment; `uid` keeps one brought by a file, else a random one is made."""
        stamp = created_at or now()
        cursor = self._write(
            "INSERT INTO assessments (client_id, title, context, profile_id, status, created_at, "
            "updated_at, sample, previous_id, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                client_id,
                title,
                context.model_dump_json(),
                profile_id,
                status,
                stamp,
                now(),
                int(sample),
                previous_id,
                uid or secrets.token_hex(16),
            ),
        )
        assessment_id = int(cursor.lastrowid or 0)
        self._write_many(
            "INSERT INTO assessment_questionnaires (assessment_id, position, content_hash) "
            "VALUES (?, ?, ?)",
            [(assessment_id, i, h) for i, h in enumerate(content_hashes)],
        )
        return assessment_id

    def mark_from_pack(self, assessment_id: int, origin_uid: str, respondent: str) -> None:
        """Record that an assessment was opened from a pack: whose, and of which assessment."""
        self._write(
            "UPDATE assessments SET origin_uid = ?, pack_respondent = ? WHERE id = ?",
            (origin_uid, respondent, assessment_id),
        )

    def add_respondent(self, assessment_id: int, key: str, name: str, role: str = "") -> None:
        self._write(
            "INSERT INTO respondents (assessment_id, key, name, role) VALUES (?, ?, ?, ?)",
            (assessment_id, key, name, role),
        )

    def add_respondent_if_new(self, assessment_id: int, key: str, name: str) -> bool:
        """Add a respondent unless the assessment has one of that key; whether it was added.

        One statement, so that two writers naming the same new respondent at once cannot
        both add it (the second would break the respondents' unique key).
        """
        cursor = self._write(
            "INSERT INTO respondents (assessment_id, key, name, role) VALUES (?, ?, ?, '') "
            "ON CONFLICT (assessment_id, key) DO NOTHING",
            (assessment_id, key, name),
        )
        return cursor.rowcount == 1

    def edit_respondent(self, assessment_id: int, key: str, name: str, role: str) -> None:
        """A respondent's new name and role; the key, which their answers name, stays."""
        self._write(
            "UPDATE respondents SET name = ?, role = ? WHERE assessment_id = ? AND key = ?",
            (name, role, assessment_id, key),
        )

    def set_respondent_removed(self, assessment_id: int, key: str, removed_at: str | None) -> None:
        """Remove a respondent from the workshop (their row and answers stay), or bring
        them back (None)."""
        self._write(
            "UPDATE respondents SET removed_at = ? WHERE assessment_id = ? AND key = ?",
            (removed_at, assessment_id, key),
        )

    def add_response(
        self,
        assessment_id: int,
        question_id: str,
        answer: Answer,
        respondent: str = "",
        note: str = "",
        flagged: bool = False,
        answered_at: str | None = None,
        answered_by: str = "",
    ) -> None:
        self._write(
            "INSERT INTO responses (assessment_id, question_id, respondent, answer, note, flagged, "
            "answered_at, answered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                assessment_id,
                question_id,
                respondent,
                answer.to_json(),
                note,
                int(flagged),
                answered_at or now(),
                answered_by,
            ),
        )

    def add_agreed(
        self,
        assessment_id: int,
        question_id: str,
        answer: Answer,
        note: str = "",
        agreed_at: str | None = None,
        agreed_by: str = "",
    ) -> None:
        self._write(
            "INSERT INTO agreed_answers (assessment_id, question_id, answer, note, agreed_at, "
            "agreed_by) VALUES (?, ?, ?, ?, ?, ?)",
            (assessment_id, question_id, answer.to_json(), note, agreed_at or now(), agreed_by),
        )

    def use_questionnaire_version(self, assessment_id: int, old_hash: str, new_hash: str) -> None:
        """Point an assessment at another version of one of its questionnaires."""
        self._write(
            "UPDATE assessment_questionnaires SET content_hash = ? "
            "WHERE assessment_id = ? AND content_hash = ?",
            (new_hash, assessment_id, old_hash),
        )
        self._write("UPDATE assessments SET updated_at = ? WHERE id = ?", (now(), assessment_id))

    def rename_assessment(self, assessment_id: int, title: str) -> None:
        self._write(
            "UPDATE assessments SET title = ?, updated_at = ? WHERE id = ?",
            (title, now(), assessment_id),
        )

    def set_deleted(self, assessment_id: int, deleted_at: str | None) -> None:
        """Move an assessment to the bin (a time), or back out of it (None)."""
        self._write(
            "UPDATE assessments SET deleted_at = ? WHERE id = ?", (deleted_at, assessment_id)
        )

    def purge_deleted(self, before: str) -> list[int]:
        """Delete for good what went to the bin before a time, and clients left with no
        assessment; return the assessment ids removed."""
        gone = [
            int(row[0])
            for row in self._read(
                "SELECT id FROM assessments WHERE deleted_at IS NOT NULL AND deleted_at < ?",
                (before,),
            )
        ]
        if gone:
            marks = ", ".join("?" * len(gone))
            self._write(
                f"UPDATE assessments SET previous_id = NULL WHERE previous_id IN ({marks})", gone
            )
            self._write(f"DELETE FROM assessments WHERE id IN ({marks})", gone)
            self._write(
                "DELETE FROM clients WHERE id NOT IN (SELECT DISTINCT client_id FROM assessments)"
            )
        return gone

    def set_context(self, assessment_id: int, context: AssessmentContext) -> None:
        self._write(
            "UPDATE assessments SET context = ?, updated_at = ? WHERE id = ?",
            (context.model_dump_json(), now(), assessment_id),
        )

    def add_roadmap_edit(self, assessment_id: int, item_id: str, kind: str, value: object) -> None:
        self._write(
            "INSERT INTO roadmap_edits (assessment_id, item_id, kind, value, edited_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (assessment_id, item_id, kind, json.dumps(value, ensure_ascii=False), now()),
        )

    def roadmap_edits(self, assessment_id: int) -> list[tuple[str, str, object]]:
        """The latest edit of each kind per item, oldest first: (item, kind, value)."""
        return [
            (row[0], row[1], json.loads(row[2]))
            for row in self._read(
                "SELECT item_id, kind, value FROM roadmap_edits WHERE id IN ("
                " SELECT max(id) FROM roadmap_edits WHERE assessment_id = ?"
                " GROUP BY item_id, kind) ORDER BY id",
                (assessment_id,),
            )
        ]

    def save_scores(self, assessment_id: int, scorecard: Scorecard) -> bool:
        """Keep the latest summary on the assessment, and a snapshot when it changed."""
        self._write(
            "UPDATE assessments SET overall_score = ?, overall_level = ?, completeness = ?, "
            "confidence = ?, updated_at = ?, status = CASE "
            # Every applicable question answered: complete; an answer cleared: in progress.
            " WHEN status = 'in_progress' AND ?3 >= 1 THEN 'complete'"
            " WHEN status = 'complete' AND ?3 < 1 THEN 'in_progress' ELSE status END "
            "WHERE id = ?",
            (
                scorecard.overall_score,
                scorecard.overall_level,
                scorecard.completeness,
                scorecard.confidence,
                now(),
                assessment_id,
            ),
        )
        last = self._read(
            "SELECT overall_score, overall_level, completeness, confidence, profile_id "
            "FROM score_snapshots WHERE assessment_id = ? ORDER BY id DESC LIMIT 1",
            (assessment_id,),
        ).fetchone()
        current = (
            scorecard.overall_score,
            scorecard.overall_level,
            scorecard.completeness,
            scorecard.confidence,
            scorecard.profile_id,
        )
        if last is not None and tuple(last) == current:
            return False
        cursor = self._write(
            "INSERT INTO score_snapshots (assessment_id, taken_at, overall_score, overall_level, "
            "completeness, confidence, profile_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (assessment_id, now(), *current),
        )
        self._write_many(
            "INSERT INTO score_snapshot_domains (snapshot_id, domain, score, level, capped_level, "
            "target_level, completeness, blockers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    cursor.lastrowid,
                    d.id,
                    d.score,
                    d.level,
                    d.capped_level,
                    d.target_level,
                    d.completeness,
                    len(d.blockers),
                )
                for d in scorecard.domains
            ],
        )
        return True

    # --- reads -------------------------------------------------------------------------

    def assessment(self, assessment_id: int) -> AssessmentRecord:
        from assessor.content.context import AssessmentContext  # see Start-up above

        row = self._read(
            "SELECT a.id, a.client_id, c.name, a.title, a.context, a.profile_id, a.status, "
            "a.created_at, a.updated_at, a.sample, a.previous_id, a.deleted_at, a.uid, "
            "a.origin_uid, a.pack_respondent "
            "FROM assessments a JOIN clients c ON c.id = a.client_id WHERE a.id = ?",
            (assessment_id,),
        ).fetchone()
        if row is None:
            raise UsageError(f"there is no assessment {assessment_id} in {self.path}")
        return AssessmentRecord(
            id=row[0],
            client_id=row[1],
            client_name=row[2],
            title=row[3],
            context=AssessmentContext.model_validate_json(row[4]),
            profile_id=row[5],
            status=row[6],
            created_at=row[7],
            updated_at=row[8],
            sample=bool(row[9]),
            previous_id=row[10],
            deleted_at=row[11],
            uid=row[12] or "",
            origin_uid=row[13],
            pack_respondent=row[14],
        )

    def assessment_with_uid(self, uid: str) -> int | None:
        """The id of the assessment of this uid (in the bin too), or None."""
        row = self._read("SELECT id FROM assessments WHERE uid = ?", (uid,)).fetchone()
        return None if row is None else int(row[0])

    def pack_respondent_of(self, assessment_id: int) -> str | None:
        """The respondent of an assessment opened from a pack, or None."""
        row = self._read(
            "SELECT pack_respondent FROM assessments WHERE id = ?", (assessment_id,)
        ).fetchone()
        return None if row is None else row[0]

    def opened_from_pack(self, origin_uid: str, respondent: str) -> int | None:
        """The assessment opened here from a pack of `origin_uid` for `respondent`, or None."""
        row = self._read(
            "SELECT id FROM assessments WHERE origin_uid = ? AND pack_respondent = ? "
            "ORDER BY id LIMIT 1",
            (origin_uid, respondent),
        ).fetchone()
        return None if row is None else int(row[0])

    def client_details(self, client_id: int) -> dict[str, object]:
        row = self._read("SELECT details FROM clients WHERE id = ?", (client_id,)).fetchone()
        details: dict[str, object] = json.loads(row[0]) if row else {}
        return details

    def questionnaires_of(self, assessment_id: int) -> list[Questionnaire]:
        """The exact questionnaire versions the assessment was made with."""
        return [self._snapshot(h) for h in self.content_hashes_of(assessment_id)]

    def _snapshot(self, content_hash: str) -> Questionnaire:
        from assessor.content.questionnaire import Questionnaire  # see Start-up above

        questionnaire = self._questionnaires.get(content_hash)
        if questionnaire is None:
            row = self._read(
                "SELECT content FROM questionnaire_snapshots WHERE content_hash = ?",
                (content_hash,),
            ).fetchone()
            questionnaire = Questionnaire.model_validate_json(row[0])
            self._remember(questionnaire, content_hash)
        return questionnaire

    def _remember(self, questionnaire: Questionnaire, content_hash: str) -> None:
        self._questionnaires[content_hash] = questionnaire
        for question in questionnaire.questions:
            self._versions.setdefault(question.id, {})[content_hash] = question

    def questions_of(self, assessment_id: int) -> dict[str, Question]:
        """Every question of the assessment's questionnaire versions, by id."""
        from assessor.content.questionnaire import questions_by_id  # see Start-up above

        key = tuple(self.content_hashes_of(assessment_id))
        index = self._question_index.get(key)
        if index is None:
            index = questions_by_id(self.questionnaires_of(assessment_id))
            self._question_index[key] = index
        return index

    def content_hashes_of(self, assessment_id: int) -> list[str]:
        return [
            row[0]
            for row in self._read(
                "SELECT content_hash FROM assessment_questionnaires WHERE assessment_id = ? "
                "ORDER BY position",
                (assessment_id,),
            )
        ]

    def find_snapshot(
        self, questionnaire_id: str, version: str, content_hash: str | None
    ) -> tuple[Questionnaire, str] | None:
        """A questionnaire version kept by an earlier assessment, if this store has it."""
        from assessor.content.questionnaire import Questionnaire  # see Start-up above

        row = self._read(
            "SELECT content, content_hash FROM questionnaire_snapshots "
            "WHERE questionnaire_id = ? AND version = ? AND (? IS NULL OR content_hash = ?) "
            "ORDER BY stored_at DESC LIMIT 1",
            (questionnaire_id, version, content_hash, content_hash),
        ).fetchone()
        if row is None:
            return None
        return Questionnaire.model_validate_json(row[0]), row[1]

    def all_responses(self, assessment_id: int) -> list[ResponseRecord]:
        """Every answer ever given in the assessment, oldest first."""
        return self._responses("responses WHERE assessment_id = ?", (assessment_id,))

    def _responses(self, source: str, params: tuple[object, ...]) -> list[ResponseRecord]:
        return [
            ResponseRecord(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6])
            for row in self._read(
                "SELECT question_id, respondent, answer, note, flagged, answered_at, answered_by "
                f"FROM {source} ORDER BY id",
                params,
            )
        ]

    def all_agreed(self, assessment_id: int) -> list[tuple[str, str, str, str, str]]:
        return [
            (row[0], row[1], row[2], row[3], row[4])
            for row in self._read(
                "SELECT question_id, answer, note, agreed_at, agreed_by FROM agreed_answers "
                "WHERE assessment_id = ? ORDER BY id",
                (assessment_id,),
            )
        ]

    def respondents(self, assessment_id: int) -> list[Respondent]:
        """Every respondent, removed ones too (the history and the report name them)."""
        return [
            Respondent(*row)
            for row in self._read(
                "SELECT key, name, role, removed_at FROM respondents WHERE assessment_id = ? "
                "ORDER BY id",
                (assessment_id,),
            )
        ]

    def current_answers(
        self, assessment_id: int, questions: dict[str, Question]
    ) -> dict[str, QuestionAnswers]:
        """The latest answer of each respondent and the latest agreed answer, by question:
        what scoring counts, so the answers of removed respondents are left out."""
        from assessor.scoring.scorecard import QuestionAnswers  # see Start-up above

        by_question: dict[str, dict[str, Answer]] = {}
        for question_id, respondent, answer in self._read(
            "SELECT question_id, respondent, answer FROM responses WHERE id IN ("
            " SELECT max(id) FROM responses WHERE assessment_id = ?"
            " GROUP BY question_id, respondent)"
            " AND respondent NOT IN (SELECT key FROM respondents"
            "  WHERE assessment_id = ? AND removed_at IS NOT NULL)",
            (assessment_id, assessment_id),
        ):
            question = questions.get(question_id)
            parsed = None if question is None else self._parse(question, answer)
            if parsed is not None:
                by_question.setdefault(question_id, {})[respondent] = parsed
        agreed: dict[str, Answer] = {}
        for question_id, answer in self._read(
            "SELECT question_id, answer FROM agreed_answers WHERE id IN ("
            " SELECT max(id) FROM agreed_answers WHERE assessment_id = ? GROUP BY question_id)",
            (assessment_id,),
        ):
            question = questions.get(question_id)
            parsed = None if question is None else self._parse(question, answer)
            if parsed is not None:
                agreed[question_id] = parsed
        return {
            qid: QuestionAnswers(by_question.get(qid, {}), agreed.get(qid))
            for qid in set(by_question) | set(agreed)
        }

    def _parse(self, question: Question, answer_json: str) -> Answer | None:
        """The stored answer, or None when it is a cleared answer, or when this version of
        the question cannot take it (an option removed by an upgrade): such an answer is
        kept in the history but not counted."""
        versions = self._versions.get(question.id, {})
        content_hash = next((h for h, known in versions.items() if known is question), None)
        key = (content_hash, question.id, answer_json) if content_hash else None
        if key is not None and key in self._parsed:
            return self._parsed[key]
        from assessor.scoring.answers import AnswerError, parse_answer  # see Start-up above

        try:
            parsed: Answer | None = parse_answer(question, json.loads(answer_json))
        except AnswerError:
            parsed = None
        if parsed is not None and parsed.cleared:
            parsed = None
        if key is not None:
            if len(self._parsed) > 100_000:
                self._parsed.clear()
            self._parsed[key] = parsed
        return parsed

    def latest_answer(
        self, assessment_id: int, question_id: str, respondent: str = "", agreed: bool = False
    ) -> tuple[str, str, bool] | None:
        """The latest (answer JSON, note, flagged) of one respondent, or the latest agreed
        answer, to one question; None when there is none."""
        if agreed:
            row = self._read(
                "SELECT answer, note, 0 FROM agreed_answers WHERE assessment_id = ? "
                "AND question_id = ? ORDER BY id DESC LIMIT 1",
                (assessment_id, question_id),
            ).fetchone()
        else:
            row = self._read(
                "SELECT answer, note, flagged FROM responses WHERE assessment_id = ? "
                "AND question_id = ? AND respondent = ? ORDER BY id DESC LIMIT 1",
                (assessment_id, question_id, respondent),
            ).fetchone()
        return None if row is None else (row[0], row[1], bool(row[2]))

    def current_responses(self, assessment_id: int) -> list[ResponseRecord]:
        """The latest answer of each respondent to each question."""
        return self._responses("current_responses WHERE assessment_id = ?", (assessment_id,))

    def history(self, assessment_id: int, question_id: str) -> list[ResponseRecord]:
        """Who answered what, when: every answer ever given to a question, oldest first."""
        return self._responses(
            "responses WHERE assessment_id = ? AND question_id = ?", (assessment_id, question_id)
        )

    def domain_scores(self, assessment_ids: Sequence[int]) -> dict[int, dict[str, float | None]]:
        """The latest score of each domain of each assessment (from its last snapshot)."""
        found: dict[int, dict[str, float | None]] = {i: {} for i in assessment_ids}
        if not assessment_ids:
            return found
        marks = ", ".join("?" for _ in assessment_ids)
        for assessment_id, domain, score in self._read(
            "SELECT assessment_id, domain, score FROM assessment_domain_scores "
            f"WHERE assessment_id IN ({marks})",
            tuple(assessment_ids),
        ):
            found[assessment_id][domain] = score
        return found

    def list_assessments(self, deleted: bool = False) -> list[AssessmentSummary]:
        """The assessments, oldest first; `deleted` lists those in the bin instead."""
        where = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        return [
            AssessmentSummary(
                id=row[0],
                client=row[1],
                title=row[2],
                status=row[3],
                completeness=row[4],
                overall_score=row[5],
                overall_level=row[6],
                confidence=row[7],
                updated_at=row[8],
                client_id=row[9],
                created_at=row[10],
                sample=bool(row[11]),
                previous_id=row[12],
                deleted_at=row[13],
            )
            for row in self._read(
                "SELECT id, client, title, status, completeness, overall_score, overall_level, "
                "confidence, updated_at, client_id, created_at, sample, previous_id, deleted_at "
                f"FROM assessment_overview WHERE {where} ORDER BY id"
            )
        ]

    def clients(self) -> list[ClientRecord]:
        """Every client, by name, with how many assessments it has outside the bin."""
        return [
            ClientRecord(row[0], row[1], json.loads(row[2]), row[3])
            for row in self._read(
                "SELECT c.id, c.name, c.details, count(a.id) FROM clients c "
                "LEFT JOIN assessments a ON a.client_id = c.id AND a.deleted_at IS NULL "
                "GROUP BY c.id ORDER BY c.name COLLATE NOCASE, c.id"
            )
        ]
