"""The results screen: where an assessment stands (levels, charts, blockers, verdicts,
and a drill-down to every answer). `page.ResultsPage` is the screen; `screens` yields its
states for the screen captures (`make screens`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.operations import Core
    from ui.session import Session


def screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    """The results page at the top, at its blockers and verdicts, with one domain opened,
    and an unanswered assessment's results (created for the capture in the session's store).
    """
    from PySide6.QtWidgets import QApplication

    from assessor.content.context import AssessmentContext
    from assessor.exchange.assessment_file import Client
    from assessor.usecases.assessments import create_assessment
    from ui.results.page import ResultsPage

    def ready(page: ResultsPage) -> ResultsPage:
        page.resize(1200, 800)
        page.show()  # laid out, so that scrolling to a card lands where the card is
        settle()
        return page

    def settle() -> None:
        session.worker.wait()
        for _ in range(3):  # a load, then the layouts it changes, then their parents
            QApplication.processEvents()

    page = ready(ResultsPage(session))
    page.open(assessment_id)
    settle()
    page.scroll_to("top")
    yield "results-top", page
    page.scroll_to("blockers")
    yield "results-blockers", page
    page.scroll_to("verdicts")
    yield "results-verdicts", page
    if page.results is not None and page.results.sheet.scorecard.domains:
        domains = page.results.sheet.scorecard.domains
        blocked = next((d for d in domains if d.blockers), domains[0])  # the telling one
        page.domains.tree.expand_domain(blocked.id)
        settle()
    page.scroll_to("domains")
    yield "results-domains", page
    page.close()

    changes = session.call(
        lambda core: create_assessment(
            core.store,
            core.library,
            Client(name="Fabrikam Logistics"),
            "First look 2026",
            AssessmentContext(),
        )
    )
    empty = ready(ResultsPage(session))
    empty.open(int(changes.value))
    settle()
    yield "results-empty", empty

    # A first few answers: the partial state (low confidence, domains not yet assessed).
    session.call(lambda core: _answer_a_few(core, int(changes.value)))
    empty.reload()
    settle()
    empty.scroll_to("top")
    yield "results-partial", empty
    empty.close()


def _answer_a_few(core: Core, assessment_id: int) -> None:
    """Answer the first scored questions of the first two questionnaires, mid-scale."""
    from assessor.content.questionnaire import QuestionType
    from assessor.usecases.answering import record_answer

    store, library = core.store, core.library
    for questionnaire in store.questionnaires_of(assessment_id)[:2]:
        for question in questionnaire.scored_questions[:6]:
            if question.type is QuestionType.NUMBER or not question.options:
                continue
            middle = question.options[len(question.options) // 2].id
            raw = [middle] if question.type is QuestionType.MULTI else middle
            record_answer(store, library, assessment_id, question.id, raw)
