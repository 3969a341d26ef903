"""The store's contract with the app: one owner thread, writes only in transactions that
nest, and a cheap sign that another process changed the file."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from assessor.content.questionnaire import Question
from assessor.library.installed import Library
from assessor.scoring.answers import parse_answer
from assessor.store.database import NoTransaction, Store, WrongThread
from assessor.usecases.answering import record_answer, scorecard
from assessor.usecases.demo import create_demo


def in_thread(action):  # type: ignore[no-untyped-def]
    """Run `action` on a new thread; return what it returned or raised."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(action())
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    return outcome[0]


def test_a_worker_thread_can_own_the_store_and_others_are_refused(
    store: Store, library: Library
) -> None:
    assessment = create_demo(store, library).value

    def on_the_worker() -> float | None:
        store.take_over()
        record_answer(store, library, assessment, "GOV-01", "l5", respondent="cro")
        return scorecard(store, library, assessment).overall_score

    assert isinstance(in_thread(on_the_worker), float)
    with pytest.raises(WrongThread):  # the main thread gave the store away
        store.assessment(assessment)
    store.take_over()
    assert store.current_answers(assessment, store.questions_of(assessment))["GOV-01"]


def test_a_write_outside_a_transaction_is_refused(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).value
    question = store.questions_of(assessment)["GOV-01"]
    with pytest.raises(NoTransaction):
        store.add_response(assessment, "GOV-01", parse_answer(question, "l1"))


def test_a_use_case_inside_another_transaction_commits_or_rolls_back_with_it(
    store: Store, library: Library
) -> None:
    assessment = create_demo(store, library).value
    before = len(store.all_responses(assessment))

    def two_answers_then_a_failure() -> None:
        with store.atomic():
            record_answer(store, library, assessment, "GOV-01", "l5", respondent="cro")
            record_answer(store, library, assessment, "GOV-02", "l5", respondent="cro")
            assert len(store.all_responses(assessment)) == before + 2  # seen inside
            raise RuntimeError("the outer step failed")

    with pytest.raises(RuntimeError, match="the outer step failed"):
        two_answers_then_a_failure()
    assert len(store.all_responses(assessment)) == before  # both rolled back
    assert not store.in_transaction
    with store.atomic():
        record_answer(store, library, assessment, "GOV-01", "l5", respondent="cro")
    assert len(store.all_responses(assessment)) == before + 1


def test_a_failing_inner_step_rolls_back_only_itself(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).value
    before = len(store.all_responses(assessment))

    def a_failing_answer() -> None:
        with store.atomic():
            record_answer(store, library, assessment, "GOV-02", "l5", respondent="cro")
            raise RuntimeError("inner")

    with store.atomic():
        record_answer(store, library, assessment, "GOV-01", "l5", respondent="cro")
        with pytest.raises(RuntimeError, match="inner"):
            a_failing_answer()
    history = store.all_responses(assessment)
    assert len(history) == before + 1
    assert history[-1].question_id == "GOV-01"


def test_the_app_notices_when_another_process_changes_the_file(
    db_path: Path, library: Library
) -> None:
    with Store(db_path) as app:
        assessment = create_demo(app, library).value
        assert not app.changed_elsewhere()  # its own writes are not "elsewhere"
        with Store(db_path) as command_line:
            record_answer(command_line, library, assessment, "GOV-01", "l5", respondent="cro")
        assert app.changed_elsewhere()
        assert not app.changed_elsewhere()  # once per change
        raw = sqlite3.connect(db_path)
        raw.execute("UPDATE assessments SET title = 'Renamed' WHERE id = ?", (assessment,))
        raw.commit()
        raw.close()
        assert app.changed_elsewhere()
        assert app.assessment(assessment).title == "Renamed"


def test_parsed_answers_are_cached_per_questionnaire_version(
    store: Store, library: Library
) -> None:
    """Two versions of a question may accept different options: the cache keys by the
    version's content hash, not by an object's address."""
    assessment = create_demo(store, library).value
    old = store.questions_of(assessment)["GOV-01"]
    data = old.model_dump()
    data["options"][4]["id"] = "top"  # the newer version renamed the top option
    newer = Question.model_validate(data)
    with store.atomic():
        store.add_response(assessment, "GOV-01", parse_answer(old, "l5"), respondent="cro")
    assert store.current_answers(assessment, {"GOV-01": old})["GOV-01"]
    assert "GOV-01" not in store.current_answers(assessment, {"GOV-01": newer})  # no l5
