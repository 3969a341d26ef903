"""The results screen: the headline figures, charts, blockers and verdicts as the core
computes them, the drill-down and its way to an answer, refreshing on new answers, and
the empty state of an assessment nobody has answered yet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assessor.content.context import AssessmentContext
from assessor.content.questionnaire import (
    Question,
    Questionnaire,
    QuestionType,
    questions_by_id,
)
from assessor.exchange.assessment_file import Client
from assessor.scoring.scorecard import LEVEL_NAMES, Scorecard
from assessor.usecases.answering import AnswerSheet, answer_sheet, record_answer, scorecard
from assessor.usecases.assessments import create_assessment
from tests.ui.conftest import DialogLog
from ui.results import screens
from ui.results.cards import VERDICT_STYLE
from ui.results.model import Column, ResultsTreeModel
from ui.results.page import ResultsPage
from ui.results.wording import answer_text, score_text
from ui.session import Session

Show = Callable[[QWidget], QWidget]


def core_card(session: Session, assessment_id: int) -> Scorecard:
    card: Scorecard = session.call(lambda core: scorecard(core.store, core.library, assessment_id))
    return card


def sheet_of(session: Session, assessment_id: int) -> AnswerSheet:
    sheet: AnswerSheet = session.call(
        lambda core: answer_sheet(core.store, core.library, assessment_id)
    )
    return sheet


@pytest.fixture
def page(session: Session, demo_id: int, show: Show) -> ResultsPage:
    shown = ResultsPage(session)
    show(shown)
    shown.open(demo_id)
    return shown


def new_assessment(session: Session) -> int:
    changes = session.call(
        lambda core: create_assessment(
            core.store, core.library, Client(name="Fabrikam"), "First look", AssessmentContext()
        )
    )
    return int(changes.value)


# --- The header ---------------------------------------------------------------------------


def test_the_header_shows_the_overall_level_and_score_the_core_computes(
    page: ResultsPage, session: Session, demo_id: int
) -> None:
    card = core_card(session, demo_id)
    header = page.header_texts()
    assert card.overall_level is not None
    assert card.overall_score is not None
    assert header["level"].text() == str(card.overall_level)
    assert header["level_name"].text() == LEVEL_NAMES[card.overall_level]
    assert header["score"].text() == f"Score {score_text(card.overall_score)} out of 100"
    assert LEVEL_NAMES[card.overall_level] in header["level"].toolTip()
    assert header["answered"].text() == (
        f"{card.answered} of {card.applicable} applicable questions answered"
    )
    assert header["confidence"].text() == card.confidence.capitalize()
    assert header["client"].text() == "Northwind Mutual Insurance"
    assert header["title"].text() == "AI readiness review 2026"
    assert header["changed"].text().startswith("Last change ")
    assert header["capped"].isHidden() == (card.uncapped_overall_level == card.overall_level)


def test_a_level_held_down_by_blockers_says_so(
    page: ResultsPage, session: Session, demo_id: int
) -> None:
    card = core_card(session, demo_id)
    assert card.overall_level is not None
    assert card.overall_level < 5
    capped = replace(card, uncapped_overall_level=card.overall_level + 1)
    page.summary.show_scorecard(capped)
    assert not page.summary.capped.isHidden()
    assert f"Held at level {card.overall_level} by blockers" in page.summary.capped.text()
    assert f"reaches level {card.overall_level + 1}" in page.summary.level.toolTip()


def test_home_and_continue_ask_the_window(qtbot: QtBot, page: ResultsPage, demo_id: int) -> None:
    with qtbot.waitSignal(page.home_requested, timeout=100):
        qtbot.mouseClick(page.home, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.continue_requested, timeout=100) as asked:
        qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    assert asked.args == [demo_id]


# --- Charts, blockers, verdicts -------------------------------------------------------------


def test_both_charts_are_loaded_with_a_text_alternative(
    page: ResultsPage, session: Session, demo_id: int
) -> None:
    card = core_card(session, demo_id)
    for chart in (page.radar, page.bars):
        assert chart.figure.renderer.isValid()
        assert chart.figure.height() > 200  # shown, not squeezed to a strip
    radar_words = page.radar.figure.accessibleName()
    assert radar_words.startswith("Radar of levels against targets:")
    first = card.domains[0]
    assert f"{first.title} {first.capped_level} of target {first.target_level}" in radar_words
    assert all(d.title in page.bars.figure.accessibleName() for d in card.domains)


def test_the_blockers_are_listed_and_go_to_their_answers(
    qtbot: QtBot, page: ResultsPage, session: Session, demo_id: int
) -> None:
    card = core_card(session, demo_id)
    assert card.blockers  # the demo's story has blockers
    assert list(page.blockers.links) == [b.question_id for b in card.blockers]
    assert page.blockers.title.text() == f"Blockers ({len(card.blockers)})"
    blocker = card.blockers[-1]
    with qtbot.waitSignal(page.walk_requested, timeout=100) as asked:
        qtbot.mouseClick(page.blockers.links[blocker.question_id], Qt.MouseButton.LeftButton)
    assert asked.args == [demo_id, blocker.question_id]


def test_the_verdicts_match_the_core(page: ResultsPage, session: Session, demo_id: int) -> None:
    card = core_card(session, demo_id)
    assert card.use_cases
    assert list(page.verdicts.chips) == [u.name for u in card.use_cases]
    for verdict in card.use_cases:
        chip = page.verdicts.chips[verdict.name]
        assert chip.text().lower() == verdict.verdict
        assert chip.property("verdict") == VERDICT_STYLE[verdict.verdict]


# --- The drill-down ---------------------------------------------------------------------------


def question_row(model: ResultsTreeModel, question_id: str) -> QModelIndex:
    index = model.find(question_id)
    assert index.isValid(), f"{question_id} not listed"
    return index


def test_the_drill_down_model_has_the_cores_domains_and_the_answers_labels(
    session: Session, demo_id: int
) -> None:
    sheet = sheet_of(session, demo_id)
    model = ResultsTreeModel()  # no window needed
    model.set_sheet(sheet)
    card = sheet.scorecard
    assert model.rowCount() == len(card.domains)
    for number, domain in enumerate(card.domains):
        assert model.index(number, Column.NAME).data() == domain.title
        assert model.index(number, Column.LEVEL).data() == str(domain.capped_level)
        assert model.index(number, Column.TARGET).data() == str(domain.target_level)
        tip = model.index(number, Column.LEVEL).data(Qt.ItemDataRole.ToolTipRole)
        assert domain.capped_level is not None
        assert LEVEL_NAMES[domain.capped_level] in tip

    questions = questions_by_id(sheet.questionnaires)
    blocker = card.blockers[0].question_id
    chosen = questions[blocker].option(str(sheet.answers[blocker].raw))
    assert chosen is not None
    row = question_row(model, blocker)
    assert row.siblingAtColumn(Column.ANSWER).data() == chosen.label
    assert row.siblingAtColumn(Column.STATUS).data().startswith("Blocker")
    assert model.question_id(row) == blocker
    for question_id, result in card.questions.items():
        assert model.find(question_id).isValid() == result.applies


@pytest.mark.parametrize("how", ["double-click", "Enter"])
def test_choosing_a_question_in_the_drill_down_asks_for_its_answer(
    qtbot: QtBot, page: ResultsPage, demo_id: int, how: str
) -> None:
    tree, model = page.domains.tree, page.model
    page.domains.expand_all.click()
    row = question_row(model, "DAT-08")
    qtbot.waitUntil(lambda: tree.viewport().rect().contains(tree.visualRect(row)), timeout=1000)
    with qtbot.waitSignal(page.walk_requested, timeout=100) as asked:
        if how == "double-click":
            centre = tree.visualRect(row).center()
            # In the window, as a user would see it: the page scrolls to the row first.
            at = tree.viewport().mapTo(page.holder, centre)
            page.scroller.ensureVisible(at.x(), at.y())
            # As the system sends it: a click, then the second press as a double-click.
            qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
            qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        else:
            tree.setCurrentIndex(row)
            qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert asked.args == [demo_id, "DAT-08"]


def test_the_drill_down_is_as_tall_as_its_open_rows(qtbot: QtBot, page: ResultsPage) -> None:
    tree = page.domains.tree
    rows = page.model.rowCount()
    qtbot.waitUntil(lambda: tree.height() >= tree.sizeHint().height(), timeout=1000)
    closed = tree.height()
    tree.expand_domain("compliance")
    opened = tree._open_rows(QModelIndex())
    assert opened > rows + 10
    # Every open row is shown at once: the page scrolls, never the tree inside it.
    qtbot.waitUntil(lambda: tree.height() >= closed + (opened - rows) * 30, timeout=1000)
    tree.collapseAll()
    qtbot.waitUntil(lambda: tree.height() == closed, timeout=1000)


def installed_questionnaires(session: Session) -> list[Questionnaire]:
    found: list[Questionnaire] = session.call(
        lambda core: [item.questionnaire for item in core.library.content.loaded]
    )
    return found


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("dont_know", "Don't know"), ("n/a", "Not applicable"), (None, "")],
)
def test_special_answers_read_as_words(session: Session, raw: object, shown: str) -> None:
    question = next(iter(questions_by_id(installed_questionnaires(session)).values()))
    assert answer_text(question, raw) == shown


def test_numbers_carry_their_unit_and_texts_are_shortened(session: Session) -> None:
    questions = list(questions_by_id(installed_questionnaires(session)).values())
    number = next(q for q in questions if q.type is QuestionType.NUMBER and q.unit)
    assert answer_text(number, 12) == f"12 {number.unit}"
    text: Question = next(q for q in questions if q.type is QuestionType.TEXT)
    long = "word " * 40
    shown = answer_text(text, long)
    assert shown.endswith("…")
    assert len(shown) <= 60


# --- Refreshing ---------------------------------------------------------------------------


def test_a_new_answer_refreshes_the_header_and_the_blockers(
    page: ResultsPage, session: Session, demo_id: int
) -> None:
    before = core_card(session, demo_id)
    blocker = before.blockers[0].question_id
    # The best option of the blocking question: the blocker goes, the score rises.
    sheet = sheet_of(session, demo_id)
    question = questions_by_id(sheet.questionnaires)[blocker]
    best = max(question.options, key=lambda o: o.value or 0).id
    page.domains.tree.expand_domain(question_domain := before.questions[blocker].domain)
    session.op(
        lambda core: record_answer(core.store, core.library, demo_id, blocker, best, "cro")
    ).run()
    after = core_card(session, demo_id)
    assert after.overall_score != before.overall_score
    assert after.overall_score is not None
    assert page.summary.score.text() == f"Score {score_text(after.overall_score)} out of 100"
    assert blocker not in page.blockers.links
    assert page.domains.tree.isExpanded(page.model.find(question_domain))  # kept open
    assert page.model.find(blocker).siblingAtColumn(Column.ANSWER).data() == (
        question.option(best).label  # type: ignore[union-attr]
    )


def test_a_hidden_page_catches_up_when_shown(
    page: ResultsPage, session: Session, demo_id: int
) -> None:
    blocker = core_card(session, demo_id).blockers[0].question_id
    page.hide()
    changes = session.call(
        lambda core: record_answer(core.store, core.library, demo_id, blocker, "dont_know", "cro")
    )
    session.announce(changes, None)
    assert page.model.find(blocker).siblingAtColumn(Column.ANSWER).data() != "Don't know"
    page.show()
    assert page.model.find(blocker).siblingAtColumn(Column.ANSWER).data() == "Don't know"


def test_changes_to_another_assessment_leave_the_page_alone(
    page: ResultsPage, session: Session
) -> None:
    other = new_assessment(session)
    asked = next(q for q, r in core_card(session, other).questions.items() if r.applies)
    shown = page.results
    session.op(
        lambda core: record_answer(core.store, core.library, other, asked, "dont_know")
    ).run()
    assert page.results is shown  # not read again


# --- Empty and missing ----------------------------------------------------------------------


def test_an_unanswered_assessment_shows_the_empty_state(
    qtbot: QtBot, session: Session, show: Show
) -> None:
    fresh = new_assessment(session)
    page = ResultsPage(session)
    show(page)
    page.open(fresh)
    assert page.empty_row.isVisible()
    assert not page.body.isVisible()
    assert page.empty.title.text() == "No scores yet"
    assert "0 of " in page.empty.progress.text()
    assert not page.continue_button.isVisible()  # one prominent way on, not two
    with qtbot.waitSignal(page.continue_requested, timeout=100) as asked:
        qtbot.mouseClick(page.empty.button, Qt.MouseButton.LeftButton)
    assert asked.args == [fresh]
    assert page.model.rowCount() == 0


def test_a_missing_assessment_is_said_on_the_page_not_in_a_dialog(
    session: Session, show: Show, dialog_log: DialogLog
) -> None:
    page = ResultsPage(session)
    show(page)
    page.open(9999)
    assert page.empty_row.isVisible()
    assert page.empty.title.text() == "These results cannot be shown"
    assert not page.empty.button.isVisible()
    assert not dialog_log.errors


def test_the_screens_cover_every_state(session: Session, demo_id: int) -> None:
    stems = []
    for stem, widget in screens(session, demo_id):
        stems.append(stem)
        assert widget.width() >= 1200
    assert stems == [
        "results-top", "results-blockers", "results-verdicts", "results-domains",
        "results-empty", "results-partial",
    ]  # fmt: skip


def test_the_results_load_off_the_ui_thread(qtbot: QtBot, threaded_session: Session) -> None:
    from assessor.usecases.demo import create_demo

    demo = int(threaded_session.call(lambda core: create_demo(core.store, core.library)).value)
    page = ResultsPage(threaded_session)
    qtbot.addWidget(page)
    page.open(demo)
    assert page.results is None  # still loading: the window never waits on the store
    qtbot.waitUntil(lambda: page.results is not None, timeout=5000)
    assert page.radar.figure.renderer.isValid()
    threaded_session.worker.wait()
