"""Offline hand-offs between two stores: a pack out of the consultant's, opened and
answered in the respondent's, the responses merged back; every refusal changes nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor.errors import UsageError
from assessor.exchange.assessment_file import FileError, write_assessment_file
from assessor.exchange.handoff import checksum, read_exchange_file
from assessor.library.installed import Library
from assessor.store import migrations
from assessor.store.database import Store
from assessor.usecases.answering import record_answer
from assessor.usecases.demo import NOTES, create_demo
from assessor.usecases.handoff import import_file, make_pack, save_export, save_pack
from assessor.usecases.reporting import write_report
from assessor.usecases.transfer import export_assessment, import_assessment
from assessor.usecases.workshop import add_participant, remove_participant
from tests.factories import database_fingerprint

QUESTION = "GOV-01"  # a maturity question, l1 (0) .. l5 (1)


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Store]:
    """The respondent's own machine: a store of its own."""
    opened = Store(tmp_path / "respondent.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def workshop(store: Store, library: Library) -> int:
    """The demo (Amélie Laurent and Jonas Weber), with a third participant, Priya Shah."""
    assessment_id = create_demo(store, library).value
    add_participant(store, assessment_id, "Priya Shah", "Chief Financial Officer")
    return assessment_id


def answered_offline(
    store: Store, other: Store, library: Library, folder: Path, key: str, answer: str
) -> Path:
    """A pack for `key`, opened in the other store, one answer given there, sent back."""
    pack = folder / f"pack-{key}.json"
    save_pack(store, 1, key, pack)
    opened = import_file(other, library, pack).value
    assert opened.kind == "pack"
    record_answer(other, library, opened.assessment_id, QUESTION, answer, note=f"said by {key}")
    back = folder / f"responses-{key}.json"
    assert save_export(other, opened.assessment_id, back).kind == "responses"
    return back


def test_the_round_trip_between_two_stores_merges_both_and_the_report_names_them(
    store: Store, other: Store, library: Library, workshop: int, tmp_path: Path
) -> None:
    back_cto = answered_offline(store, other, library, tmp_path, "cto", "l5")
    back_priya = answered_offline(store, other, library, tmp_path, "priya-shah", "l1")
    assert [r.origin_uid for r in map(other.assessment, (1, 2))] == [store.assessment(1).uid] * 2
    for back, name in ((back_cto, "Jonas Weber"), (back_priya, "Priya Shah")):
        merged = import_file(store, library, back).value
        assert (merged.kind, merged.assessment_id, merged.respondent) == ("responses", 1, name)
        assert merged.added == 1
        assert merged.not_merged == ()
    latest = {
        r.respondent: (json.loads(r.answer), r.note)
        for r in store.current_responses(workshop)
        if r.question_id == QUESTION
    }
    assert latest["cto"] == ("l5", "said by cto")
    assert latest["priya-shah"] == ("l1", "said by priya-shah")
    record_answer(store, library, workshop, QUESTION, "l3", agreed=True, note="agreed in the room")
    report = tmp_path / "report.pdf"
    write_report(store, library, workshop, report)
    text = " ".join((page.extract_text() or "") for page in PdfReader(report).pages)
    section = " ".join(text.split("Where respondents disagree")[-1].split())
    assert "Jonas Weber" in section
    assert "Priya Shah" in section


def test_importing_the_same_responses_again_changes_nothing(
    store: Store, other: Store, library: Library, workshop: int, tmp_path: Path
) -> None:
    back = answered_offline(store, other, library, tmp_path, "cto", "l5")
    import_file(store, library, back)
    count = len(store.all_responses(workshop))
    before = database_fingerprint(store.path)
    again = import_file(store, library, back)
    assert not again  # no change to announce
    assert (again.value.added, again.value.already_here) == (0, 2)  # GOV-09 and GOV-01
    assert len(store.all_responses(workshop)) == count
    assert database_fingerprint(store.path) == before


def test_a_pack_holds_its_respondent_and_nobody_elses_answers_or_notes(
    store: Store, library: Library, workshop: int, tmp_path: Path
) -> None:
    path = tmp_path / "pack.json"
    save_pack(store, workshop, "cto", path)
    raw = path.read_bytes().lower()
    for secret in ("Amélie Laurent", *NOTES.values()):
        for form in (secret, json.dumps(secret)[1:-1]):
            assert form.lower().encode("utf-8") not in raw, secret
    pack = make_pack(store, workshop, "cto")
    assert pack.respondent.name == "Jonas Weber"
    assert [r.question_id for r in pack.responses] == ["GOV-09"]  # their own answer only
    assert {q.content_hash for q in pack.questionnaires} == set(store.content_hashes_of(1))
    assert pack.assessment.uid == store.assessment(workshop).uid


def test_the_pack_is_answered_as_its_respondent_by_default(
    store: Store, other: Store, library: Library, workshop: int, tmp_path: Path
) -> None:
    path = tmp_path / "pack.json"
    save_pack(store, workshop, "priya-shah", path)
    opened = import_file(other, library, path).value.assessment_id
    record_answer(other, library, opened, QUESTION, "l2")  # no respondent named
    assert {r.respondent for r in other.all_responses(opened)} == {"priya-shah"}
    assert [p.name for p in other.respondents(opened)] == ["Priya Shah"]


@pytest.mark.parametrize(
    ("key", "fragment"),
    [
        ("nobody", "has no participant 'nobody'; its participants: cro (Amélie Laurent), "
                   "cto (Jonas Weber), priya-shah (Priya Shah)"),
        ("cto-removed", "was removed from the workshop"),
    ],
)  # fmt: skip
def test_a_pack_for_someone_not_taking_part_is_refused(
    store: Store, library: Library, workshop: int, tmp_path: Path, key: str, fragment: str
) -> None:
    if key == "cto-removed":
        remove_participant(store, library, workshop, "cto")
        key = "cto"
    with pytest.raises(UsageError) as raised:
        save_pack(store, workshop, key, tmp_path / "pack.json")
    assert fragment in str(raised.value)
    assert not (tmp_path / "pack.json").exists()


# --- refusals ----------------------------------------------------------------------------


def _rewritten(path: Path, change: Callable[[dict[str, object]], None], keep: bool) -> None:
    """Change a hand-off file's JSON; `keep` leaves the checksum as it was (a tampered
    file), else it is computed again (a file made that way)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    if not keep:
        data["checksum"] = checksum(data["payload"])
    path.write_text(json.dumps(data), encoding="utf-8")


def _foreign(data: dict[str, object]) -> None:
    data["payload"]["assessment"]["uid"] = "0" * 32  # type: ignore[index]


def _newer(data: dict[str, object]) -> None:
    data["format_version"] = 2


def _tampered(path: Path) -> None:
    """One byte of the last answer changed, the checksum kept."""
    data = path.read_bytes()
    at = data.rindex(b'"answer": "l5"') + len(b'"answer": "l')
    path.write_bytes(data[:at] + b"4" + data[at + 1 :])


def _oversized(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: quick to make, refused before reading


REFUSED = [
    pytest.param(
        lambda p: _rewritten(p, _foreign, keep=False),
        "this responses file belongs to assessment 'AI readiness review 2026' of Northwind "
        "Mutual Insurance, which is not in this database",
        id="foreign-assessment",
    ),
    pytest.param(_tampered, "its checksum does not match", id="tampered-payload"),
    pytest.param(
        lambda p: _rewritten(p, _newer, keep=True),
        "format_version 2: the file was made by a newer version of the app",
        id="newer-format",
    ),
    pytest.param(
        _oversized, "the file is 21 MB; assessment files are at most 20 MB", id="oversized"
    ),
    pytest.param(
        lambda p: _rewritten(p, lambda d: d.pop("checksum"), keep=True),
        "checksum",
        id="no-checksum",
    ),
]


@pytest.mark.parametrize(("spoil", "fragment"), REFUSED)
def test_a_refused_responses_file_changes_nothing(
    store: Store, other: Store, library: Library, workshop: int, tmp_path: Path,
    spoil: Callable[[Path], None], fragment: str,
) -> None:  # fmt: skip
    back = answered_offline(store, other, library, tmp_path, "cto", "l5")
    spoil(back)
    before = database_fingerprint(store.path)
    with pytest.raises(FileError) as raised:
        import_file(store, library, back)
    assert fragment in str(raised.value)
    assert database_fingerprint(store.path) == before


def test_responses_of_a_removed_participant_are_refused_until_they_are_back(
    store: Store, other: Store, library: Library, workshop: int, tmp_path: Path
) -> None:
    back = answered_offline(store, other, library, tmp_path, "cto", "l5")
    remove_participant(store, library, workshop, "cto")
    before = database_fingerprint(store.path)
    with pytest.raises(FileError, match="Jonas Weber was removed from the workshop"):
        import_file(store, library, back)
    assert database_fingerprint(store.path) == before
    from assessor.usecases.workshop import restore_participant

    restore_participant(store, library, workshop, "cto")
    assert import_file(store, library, back).value.added == 1


def test_a_pack_imported_where_its_assessment_is_is_refused(
    store: Store, other: Store, library: Library, workshop: int, tmp_path: Path
) -> None:
    """On the consultant's own machine a pack is not a second copy: answer there."""
    pack = tmp_path / "pack.json"
    save_pack(store, workshop, "cto", pack)
    before = database_fingerprint(store.path)
    with pytest.raises(FileError, match=r"holds that assessment already \(assessment 1\)"):
        import_file(store, library, pack)
    assert database_fingerprint(store.path) == before
    import_file(other, library, pack)
    with pytest.raises(FileError, match="this pack was opened here already, as assessment 1"):
        import_file(other, library, pack)
    assert len(other.list_assessments()) == 1


def test_a_tampered_pack_is_refused(
    store: Store, other: Store, library: Library, workshop: int, tmp_path: Path
) -> None:
    pack = tmp_path / "pack.json"
    save_pack(store, workshop, "cto", pack)
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text.replace('"title": "AI readiness review 2026"', '"title": "X"', 1))
    with pytest.raises(FileError, match="checksum does not match"):
        import_file(other, library, pack)
    assert other.list_assessments() == []


def test_answers_to_questions_gone_from_the_assessment_are_reported(
    store: Store, other: Store, library: Library, workshop: int, tmp_path: Path
) -> None:
    back = answered_offline(store, other, library, tmp_path, "cto", "l5")

    def vanished(data: dict[str, object]) -> None:
        responses = data["payload"]["responses"]  # type: ignore[index]
        responses.append({"question_id": "GOV-999", "answer": "l2",
                          "answered_at": "2030-01-01T00:00:00+00:00"})  # fmt: skip

    _rewritten(back, vanished, keep=False)
    merged = import_file(store, library, back).value
    assert merged.added == 1
    assert [(n.question_id, n.reason) for n in merged.not_merged] == [
        ("GOV-999", "the question is no longer in this assessment")
    ]
    assert any("GOV-999" in line for line in merged.lines)


def test_an_offline_answer_older_than_one_given_here_since_is_reported_not_counted(
    store: Store, other: Store, library: Library, workshop: int, tmp_path: Path
) -> None:
    back = answered_offline(store, other, library, tmp_path, "cto", "l5")
    record_answer(store, library, workshop, QUESTION, "l2", respondent="cto")  # later, here
    merged = import_file(store, library, back).value
    assert [n.question_id for n in merged.not_merged] == [QUESTION]
    assert "older than their answer recorded here" in merged.not_merged[0].reason
    assert store.latest_answer(workshop, QUESTION, "cto") == ('"l2"', "", False)


# --- the uid -------------------------------------------------------------------------------


def test_the_migration_gives_every_existing_assessment_a_uid(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", every[:4])
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("INSERT INTO clients (id, name, created_at) VALUES (1, 'Acme', 'now')")
        for _ in range(2):
            conn.execute(
                "INSERT INTO assessments (client_id, title, context, profile_id, created_at, "
                "updated_at) VALUES (1, 'A', '{}', 'default', 'now', 'now')"
            )
    conn.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", every)
    with Store(db_path) as store:
        uids = [row[0] for row in store.conn.execute("SELECT uid FROM assessments")]
    assert len(set(uids)) == 2
    assert all(len(uid) == 32 and int(uid, 16) >= 0 for uid in uids)


def test_an_assessment_file_carries_the_uid_and_a_second_copy_gets_its_own(
    store: Store, other: Store, library: Library, tmp_path: Path
) -> None:
    original = create_demo(store, library).value
    path = tmp_path / "a.json"
    write_assessment_file(export_assessment(store, original), path)
    uid = store.assessment(original).uid
    assert read_exchange_file(path).uid == uid  # type: ignore[union-attr]
    moved = import_assessment(other, library, path).value
    assert other.assessment(moved).uid == uid
    copy = import_assessment(store, library, path).value
    assert store.assessment(copy).uid not in ("", uid)
