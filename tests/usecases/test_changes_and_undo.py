"""Every use-case says what it changed, and answers, context and roadmap edits can be
taken back and redone by replaying what they return."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import assessor.usecases
from assessor.content.context import AssessmentContext
from assessor.exchange.assessment_file import Client, write_assessment_file
from assessor.exchange.handoff import PackFile, ResponsesFile, ResponsesPayload
from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.answering import add_respondent, clear_answer, record_answer, set_context
from assessor.usecases.assessments import (
    create_assessment,
    delete_assessment,
    empty_bin,
    reassess,
    rename_assessment,
    restore_assessment,
    upgrade_questionnaires,
)
from assessor.usecases.changes import Change, Changes
from assessor.usecases.demo import create_demo
from assessor.usecases.handoff import import_file, make_pack, merge_responses, open_pack
from assessor.usecases.roadmap_edits import add_custom_item, edit_item, plan_for, remove_item
from assessor.usecases.transfer import export_assessment, import_assessment
from assessor.usecases.workshop import (
    add_participant,
    edit_participant,
    remove_participant,
    restore_participant,
)

A = Change.ASSESSMENTS


def newer_library(library: Library) -> Library:
    """The installed library with one questionnaire at a new version."""
    first = library.content.loaded[0]
    newer = first.questionnaire.model_copy(update={"version": "9.0"})
    loaded = [type(first)(newer, first.path, first.bundled, first.document)]
    content = type(library.content)(
        loaded + library.content.loaded[1:],
        [],
        library.content.frameworks,
        library.content.calendar,
    )
    return Library(content, library.profiles)


# Each use-case that changes something, run on an assessment, and the kinds it must name.
CASES: list[tuple[str, Callable[[Store, Library, int, Path], Changes[Any]], set[Change]]] = [
    ("create_assessment", lambda s, lib, a, p: create_assessment(
        s, lib, Client(name="Acme"), "Review", AssessmentContext()), {A, Change.SCORES}),
    ("create_demo", lambda s, lib, a, p: create_demo(s, lib), {A, Change.ANSWERS}),
    ("import_assessment", lambda s, lib, a, p: import_assessment(s, lib, p), {A, Change.ANSWERS}),
    ("record_answer", lambda s, lib, a, p: record_answer(s, lib, a, "GOV-01", "l5", "cro"),
     {Change.ANSWERS, Change.SCORES, Change.ROADMAP}),
    ("clear_answer", lambda s, lib, a, p: clear_answer(s, lib, a, "GOV-01", "cro"),
     {Change.ANSWERS, Change.SCORES}),
    ("set_context", lambda s, lib, a, p: set_context(
        s, lib, a, AssessmentContext(industry="retail", regions=["US"])),
     {Change.CONTEXT, Change.SCORES}),
    ("add_respondent", lambda s, lib, a, p: add_respondent(s, a, "ciso", "Priya Natarajan"),
     {Change.RESPONDENTS}),
    ("add_participant", lambda s, lib, a, p: add_participant(s, a, "Priya Natarajan", "CISO"),
     {Change.RESPONDENTS}),
    ("edit_participant", lambda s, lib, a, p: edit_participant(s, a, "cto", "Jonas Weber", "CIO"),
     {Change.RESPONDENTS}),
    ("remove_participant", lambda s, lib, a, p: remove_participant(s, lib, a, "cto"),
     {Change.RESPONDENTS, Change.ANSWERS, Change.SCORES}),
    ("restore_participant", lambda s, lib, a, p: (remove_participant(s, lib, a, "cto"),
     restore_participant(s, lib, a, "cto"))[1], {Change.RESPONDENTS, Change.SCORES}),
    ("upgrade_questionnaires", lambda s, lib, a, p: upgrade_questionnaires(
        s, newer_library(lib), a), {Change.QUESTIONNAIRES, Change.SCORES}),
    ("rename_assessment", lambda s, lib, a, p: rename_assessment(s, a, "Board review"), {A}),
    ("delete_assessment", lambda s, lib, a, p: delete_assessment(s, a), {A}),
    ("restore_assessment", lambda s, lib, a, p: restore_assessment(
        s, delete_assessment(s, a).assessment_id or a), {A}),
    ("empty_bin", lambda s, lib, a, p: (delete_assessment(s, a), empty_bin(
        s, datetime.now(UTC) + timedelta(days=31)))[1], {A}),
    ("reassess", lambda s, lib, a, p: reassess(s, lib, a), {A, Change.ANSWERS}),
    ("edit_item", lambda s, lib, a, p: edit_item(s, lib, a, "REC-GOV-SPONSOR", owner="COO"),
     {Change.ROADMAP}),
    ("add_custom_item", lambda s, lib, a, p: add_custom_item(
        s, lib, a, title="Brief the board", phase="now", owner="CEO", actions=[]),
     {Change.ROADMAP}),
    ("remove_item", lambda s, lib, a, p: remove_item(
        s, lib, a, add_custom_item(s, lib, a, title="X", phase="now", owner="CEO",
                                   actions=[]).value), {Change.ROADMAP}),
    ("import_file", lambda s, lib, a, p: import_file(s, lib, p), {A, Change.ANSWERS}),
    ("open_pack", lambda s, lib, a, p: open_pack(s, lib, p, foreign_pack(s, a)),
     {A, Change.RESPONDENTS, Change.ANSWERS}),
    ("merge_responses", lambda s, lib, a, p: merge_responses(s, lib, p, responses_of(s, a)),
     {Change.ANSWERS, Change.SCORES}),
]  # fmt: skip


def foreign_pack(store: Store, assessment: int) -> PackFile:
    """The pack of an assessment of another store (its uid is not in this one)."""
    payload = make_pack(store, assessment, "cto")
    payload.assessment.uid = "f" * 32
    return PackFile(format="ai-readiness-pack", format_version=1,
                    checksum="sha256:" + "0" * 64, payload=payload)  # fmt: skip


def responses_of(store: Store, assessment: int) -> ResponsesFile:
    """Jonas Weber's answer to GOV-01, given offline, for the assessment."""
    payload = ResponsesPayload.model_validate({
        "assessment": {"uid": store.assessment(assessment).uid, "title": "T", "client": "C"},
        "questionnaires": [{"id": "x", "version": "1"}],
        "respondent": {"id": "cto", "name": "Jonas Weber"},
        "responses": [{"question_id": "GOV-01", "answer": "l5",
                       "answered_at": "2999-01-01T00:00:00+00:00"}],
    })  # fmt: skip
    return ResponsesFile(format="ai-readiness-responses", format_version=1,
                         checksum="sha256:" + "0" * 64, payload=payload)  # fmt: skip


def public_use_cases() -> set[str]:
    """Every public function of the use-case layer that returns a Changes."""
    found = set()
    for module in pkgutil.iter_modules(assessor.usecases.__path__):
        if module.name == "changes":  # the record itself, not a use-case
            continue
        loaded = importlib.import_module(f"assessor.usecases.{module.name}")
        for name, function in inspect.getmembers(loaded, inspect.isfunction):
            returns = str(function.__annotations__.get("return", ""))
            own = function.__module__ == loaded.__name__
            if own and returns.startswith("Changes[") and not name.startswith("_"):
                found.add(name)
    return found


def test_the_table_covers_every_public_use_case() -> None:
    assert {name for name, _, _ in CASES} == public_use_cases()


@pytest.mark.parametrize(("name", "run", "kinds"), CASES, ids=[c[0] for c in CASES])
def test_each_use_case_says_what_it_changed(
    store: Store, library: Library, tmp_path: Path, name: str, run: Any, kinds: set[Change]
) -> None:
    assessment = create_demo(store, library).value
    exported = tmp_path / "a.json"
    write_assessment_file(export_assessment(store, assessment), exported)
    changes = run(store, library, assessment, exported)
    assert changes, name
    assert kinds <= changes.kinds
    assert changes.assessment_id is not None or name == "empty_bin"
    if Change.ANSWERS in changes and name in {"record_answer", "clear_answer"}:
        assert changes.question_ids == ("GOV-01",)
    if Change.ROADMAP in changes and name.endswith("item"):
        assert changes.item_ids


def test_a_use_case_that_changes_nothing_says_so(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).value
    assert not upgrade_questionnaires(store, library, assessment)  # already installed
    assert not clear_answer(store, library, assessment, "GOV-01", "cto")  # cto never did
    assert not set_context(store, library, assessment, store.assessment(assessment).context)


def current(store: Store, assessment: int, question_id: str) -> Any:
    answers = store.current_answers(assessment, store.questions_of(assessment))
    found = answers.get(question_id)
    return None if found is None else {r: a.raw for r, a in found.by_respondent.items()}


def test_a_first_answer_is_undone_back_to_unanswered_and_redone(
    store: Store, library: Library
) -> None:
    assessment = create_assessment(
        store, library, Client(name="Acme"), "Review", AssessmentContext()
    ).value
    first = record_answer(store, library, assessment, "GOV-01", "l4", respondent="ceo")
    assert current(store, assessment, "GOV-01") == {"ceo": "l4"}
    assert first.undo is not None
    undone = first.undo.run(store, library)
    assert current(store, assessment, "GOV-01") is None  # unanswered again
    assert undone.undo is not None
    undone.undo.run(store, library)  # redo
    assert current(store, assessment, "GOV-01") == {"ceo": "l4"}
    history = [json.loads(r.answer) for r in store.history(assessment, "GOV-01")]
    assert history == ["l4", None, "l4"]  # nothing deleted: the undo is history too


def test_a_changed_answer_is_undone_to_the_previous_one_with_its_note(
    store: Store, library: Library
) -> None:
    assessment = create_demo(store, library).value
    before = current(store, assessment, "GOV-01")
    change = record_answer(store, library, assessment, "GOV-01", "l5", "cro", note="new")
    assert change.undo is not None
    change.undo.run(store, library)
    assert current(store, assessment, "GOV-01") == before
    assert (
        store.history(assessment, "GOV-01")[-1].note == store.history(assessment, "GOV-01")[-3].note
    )


def test_an_agreed_answer_and_the_context_are_undone(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).value
    agreed = record_answer(store, library, assessment, "GOV-09", "l3", agreed=True)
    assert store.current_answers(assessment, store.questions_of(assessment))["GOV-09"].agreed
    agreed.undo.run(store, library)  # type: ignore[union-attr]
    assert (
        store.current_answers(assessment, store.questions_of(assessment))["GOV-09"].agreed is None
    )
    old = store.assessment(assessment).context
    changed = set_context(store, library, assessment, AssessmentContext(regions=["US"]))
    changed.undo.run(store, library)  # type: ignore[union-attr]
    assert store.assessment(assessment).context == old


def test_roadmap_edits_custom_items_and_removals_are_undone(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).value
    plan = plan_for(store, library, assessment)
    needed = {dep for p in plan.items for dep in p.item.depends_on}
    generated = next(p for p in plan.items if p.id not in needed and p.item.phase != "beyond")
    moved = edit_item(store, library, assessment, generated.id, phase="beyond", owner="COO")
    assert plan_for(store, library, assessment).get(generated.id).status == "edited"  # type: ignore[union-attr]
    moved.undo.run(store, library)  # type: ignore[union-attr]
    back = plan_for(store, library, assessment).get(generated.id)
    assert back is not None
    assert (back.item.phase, back.item.owner, back.status) == (
        generated.item.phase, generated.item.owner, "generated",
    )  # fmt: skip
    added = add_custom_item(
        store, library, assessment, title="Brief the board", phase="now", owner="CEO", actions=[]
    )
    added.undo.run(store, library)  # type: ignore[union-attr]
    assert plan_for(store, library, assessment).get(added.value) is None
    again = add_custom_item(
        store, library, assessment, title="Brief the board", phase="now", owner="CEO", actions=[]
    )
    assert again.value != added.value  # an id is never reused
    removed = remove_item(store, library, assessment, again.value)
    removed.undo.run(store, library)  # type: ignore[union-attr]
    assert plan_for(store, library, assessment).get(again.value) is not None
