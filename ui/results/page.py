"""The results screen: where an assessment stands, as a calm dashboard in one scroll.

It reads everything through one operation (`load_results`: the core's `answer_sheet`,
and the report's radar and bars drawn to SVG on the worker) and shows it in cards: the
headline figures, the charts, blockers, use-case verdicts and the domain drill-down.
It refreshes when the session says this assessment's answers, scores or context changed
(waiting until it is shown again when it is hidden, so the walker's saves stay quick).
Navigation is the window's: the page only asks, through its signals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor.content.questionnaire import questions_by_id
from assessor.errors import AssessorError
from assessor.usecases.answering import AnswerSheet, answer_sheet
from assessor.usecases.changes import Change, Changes
from ui.operations import Core
from ui.refresh import ReloadWhenShown
from ui.resources import load_chart_fonts
from ui.results.cards import (
    BlockersCard,
    EmptyResultsCard,
    SummaryCards,
    VerdictsCard,
    label,
)
from ui.results.drilldown import DomainsCard
from ui.results.figures import BARS_SIZE, RADAR_SIZE, ChartImages, SvgFigure, draw_charts
from ui.results.layout import ask_again_for_room
from ui.results.model import ResultsTreeModel
from ui.results.wording import answer_text, when_text
from ui.session import Session

#: What the page shows, so what it refreshes for (the title and client: ASSESSMENTS).
SHOWN = frozenset({Change.ANSWERS, Change.SCORES, Change.CONTEXT, Change.ASSESSMENTS})
#: The content stops growing here, so a wide window keeps lines and charts readable.
WIDEST = 1360
Part = Literal["top", "charts", "blockers", "verdicts", "domains"]


@dataclass(frozen=True)
class Results:
    """What one load brings back from the worker."""

    sheet: AnswerSheet
    charts: ChartImages | None  # None while nothing is answered


def load_results(core: Core, assessment_id: int) -> Results:
    """Read the assessment's answer sheet and draw its charts (runs on the worker)."""
    sheet = answer_sheet(core.store, core.library, assessment_id)
    charts = draw_charts(sheet.scorecard) if sheet.scorecard.answered else None
    return Results(sheet, charts)


class ChartCard(QFrame):
    """A chart on its white figure frame, with a title above and a caption below."""

    def __init__(self, title: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        # Slim margins: every pixel given to the drawing makes its labels larger.
        layout.setContentsMargins(14, 16, 14, 16)
        layout.setSpacing(12)
        heading = label(title, "sectionTitle")
        heading.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(heading)
        figure = QFrame()
        figure.setObjectName("figure")
        inside = QVBoxLayout(figure)
        inside.setContentsMargins(8, 8, 8, 8)
        self.figure = SvgFigure()
        inside.addWidget(self.figure)
        layout.addWidget(figure, 1)
        words = label(caption, "muted", wrap=True)
        words.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(words)

    def show_chart(self, svg: bytes, words: str) -> None:
        self.figure.load(svg)
        self.figure.setAccessibleName(words)
        self.figure.setToolTip(words)


class ResultsPage(QWidget):
    """Where one assessment stands; see the module docstring."""

    walk_requested = Signal(int, str)  # assessment id, question id
    home_requested = Signal()
    continue_requested = Signal(int)  # assessment id
    roadmap_requested = Signal(int)  # assessment id
    trend_requested = Signal(int)  # assessment id
    export_requested = Signal(int)  # assessment id: File › Export report…

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        load_chart_fonts()  # before any chart is drawn on screen
        super().__init__(parent)
        self.setObjectName("page")
        self.session = session
        self.assessment_id: int | None = None
        self.results: Results | None = None
        self.model = ResultsTreeModel(self)
        self._loading = False
        self._again = False
        self.when_shown = ReloadWhenShown(self, self.reload)
        self._build()
        session.changed.connect(self._on_changed)

    # --- building -------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroller)

        self.holder = holder = QWidget()
        centred = QHBoxLayout(holder)
        centred.setContentsMargins(32, 20, 32, 36)
        self.centred = centred
        self.content = QWidget()
        self.content.setMaximumWidth(WIDEST)
        centred.addWidget(self.content)
        self.scroller.setWidget(holder)

        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addLayout(self._build_header())

        self.empty = EmptyResultsCard()
        self.empty.continue_clicked.connect(self._continue)
        self.empty_row = QWidget()
        centre = QHBoxLayout(self.empty_row)
        centre.setContentsMargins(0, 24, 0, 0)
        centre.addStretch(1)
        centre.addWidget(self.empty, 20)
        centre.addStretch(1)
        layout.addWidget(self.empty_row)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(20)
        self.summary = SummaryCards()
        body.addWidget(self.summary)
        body.addWidget(self._build_charts())
        self.blockers = BlockersCard()
        self.blockers.go_to_answer.connect(self._walk)
        body.addWidget(self.blockers)
        self.verdicts = VerdictsCard()
        body.addWidget(self.verdicts)
        self.domains = DomainsCard(self.model)
        self.domains.tree.question_chosen.connect(self._walk)
        body.addWidget(self.domains)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.empty_row.hide()
        self.body.hide()

    def _build_header(self) -> QVBoxLayout:
        header = QVBoxLayout()
        header.setSpacing(6)
        self.home = QPushButton("‹  Home")
        self.home.setObjectName("link")
        self.home.setCursor(Qt.CursorShape.PointingHandCursor)
        self.home.setToolTip("Back to the list of assessments")
        self.home.setAccessibleName("Back to Home")
        self.home.clicked.connect(self.home_requested)
        header.addWidget(self.home, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.setSpacing(16)
        titles = QVBoxLayout()
        titles.setSpacing(3)
        self.client = label("", "subtitle")
        self.title = label("Loading results…", "pageTitle", wrap=True)
        self.changed_at = label("", "muted")
        for widget in (self.client, self.title, self.changed_at):
            titles.addWidget(widget)
        row.addLayout(titles, 1)
        self.continue_button = QPushButton("Continue answering")
        self.continue_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.continue_button.setToolTip("Open the questionnaire where you left off")
        self.continue_button.setAccessibleName("Continue answering")
        self.continue_button.setMinimumHeight(36)
        self.continue_button.clicked.connect(self._continue)
        self.export_button = QPushButton("Export report…")
        self.export_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.export_button.setToolTip("Write this assessment's report as a PDF (Ctrl+E)")
        self.export_button.setMinimumHeight(36)
        self.export_button.clicked.connect(self._export)
        row.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.trend_button = QPushButton("Over time")
        self.trend_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.trend_button.setToolTip("This client's scores from one assessment to the next")
        self.trend_button.setMinimumHeight(36)
        self.trend_button.clicked.connect(self._trend)
        row.addWidget(self.trend_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.roadmap_button = QPushButton("Roadmap")
        self.roadmap_button.setObjectName("primary")
        self.roadmap_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.roadmap_button.setToolTip("The plan that closes the gaps, as a board you can edit")
        self.roadmap_button.setAccessibleName("Open the roadmap")
        self.roadmap_button.setMinimumHeight(36)
        self.roadmap_button.clicked.connect(self._roadmap)
        row.addWidget(self.roadmap_button, 0, Qt.AlignmentFlag.AlignBottom)
        header.addLayout(row)
        return header

    def _build_charts(self) -> QWidget:
        charts = QWidget()
        row = QHBoxLayout(charts)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(20)
        self.radar = ChartCard(
            "Level against target",
            "Each axis is a domain, from level 1 at the centre to 5. Solid: the level that "
            "counts; dashed: the target.",
        )
        self.bars = ChartCard(
            "Scores and level bands",
            "Each bar is a domain's score out of 100 over the five level bands; the diamond "
            "marks where its target level starts.",
        )
        # Widths in proportion to the drawings' own, so both show at one scale.
        row.addWidget(self.radar, round(RADAR_SIZE[0]))
        row.addWidget(self.bars, round(BARS_SIZE[0]))
        return charts

    # --- loading --------------------------------------------------------------------

    def open(self, assessment_id: int) -> None:
        """Show an assessment's results (loading them now, whether shown or not)."""
        if assessment_id != self.assessment_id:  # never show one's figures under another's name
            self.results = None
            self.scroller.verticalScrollBar().setValue(0)
            self.body.hide()
            self.empty_row.hide()
            self.continue_button.hide()
            for text in (self.client, self.changed_at):
                text.setText("")
            self.title.setText("Loading results…")
        self.assessment_id = assessment_id
        self.reload()

    def reload(self) -> None:
        if self.assessment_id is None:
            return
        self.when_shown.loaded()
        if self._loading:  # one load at a time; the last change is read once more after
            self._again = True
            return
        self._loading = True
        wanted = self.assessment_id
        self.session.op(lambda core: load_results(core, wanted), source=self).success(
            self._loaded
        ).failure(self._failed).run()

    def _finish_loading(self) -> bool:
        """Mark the load done; True when another is due (a change came in meanwhile)."""
        self._loading = False
        if self._again:
            self._again = False
            self.reload()
            return True
        return False

    def _loaded(self, results: Results) -> None:
        if self._finish_loading() or results.sheet.record.id != self.assessment_id:
            return
        self.show_results(results)

    def _failed(self, error: BaseException) -> None:
        if self._finish_loading():
            return
        if not isinstance(error, AssessorError):
            self.session.report_error(error)
            return
        self.results = None
        self.title.setText("Results")
        self.client.setText("")
        self.changed_at.setText("")
        self.body.hide()
        self.continue_button.hide()
        self.empty.show_problem(str(error))
        self.empty_row.show()

    def _on_changed(self, changes: Changes[object], _source: object) -> None:
        if changes.assessment_id == self.assessment_id and changes.kinds & SHOWN:
            self.when_shown.changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.when_shown.shown()

    # --- showing --------------------------------------------------------------------

    def show_results(self, results: Results) -> None:
        self.results = results
        sheet, card_ = results.sheet, results.sheet.scorecard
        record = sheet.record
        self.client.setText(record.client_name)
        self.title.setText(record.title)
        self.changed_at.setText(f"Last change {when_text(record.updated_at)}")
        nothing_yet = results.charts is None
        self.empty_row.setVisible(nothing_yet)
        self.body.setVisible(not nothing_yet)
        # In the empty state the card's own button is the way on; one primary is enough.
        self.continue_button.setVisible(not nothing_yet)
        unfinished = card_.completeness < 1
        self._set_primary(self.continue_button, unfinished)
        self.continue_button.setText("Continue answering" if unfinished else "Review answers")
        self.continue_button.setAccessibleName(self.continue_button.text())
        if nothing_yet:
            self.empty.show_scorecard(card_)
            self.model.set_sheet(None)
            ask_again_for_room(self.empty)
            return
        assert results.charts is not None
        self.summary.show_scorecard(card_)
        self.radar.show_chart(results.charts.radar_svg, results.charts.radar_words)
        self.bars.show_chart(results.charts.bars_svg, results.charts.bars_words)
        titles = {d.id: d.title for d in card_.domains}
        questions = questions_by_id(sheet.questionnaires)
        said = {
            b.question_id: answer_text(questions[b.question_id], sheet.answers[b.question_id].raw)
            for b in card_.blockers
            if b.question_id in questions and b.question_id in sheet.answers
        }
        self.blockers.show_blockers(card_.blockers, titles, said)
        self.verdicts.show_verdicts(card_.use_cases)
        opened = self.domains.tree.open_keys()
        self.model.set_sheet(sheet)
        self.domains.tree.reopen(opened)
        ask_again_for_room(self.domains.tree)

    @staticmethod
    def _set_primary(button: QPushButton, primary: bool) -> None:
        name = "primary" if primary else ""
        if button.objectName() != name:
            button.setObjectName(name)
            button.style().unpolish(button)
            button.style().polish(button)

    # --- asking the window ----------------------------------------------------------

    def _walk(self, question_id: str) -> None:
        if self.assessment_id is not None:
            self.walk_requested.emit(self.assessment_id, question_id)

    def _continue(self) -> None:
        if self.assessment_id is not None:
            self.continue_requested.emit(self.assessment_id)

    def _trend(self) -> None:
        if self.assessment_id is not None:
            self.trend_requested.emit(self.assessment_id)

    def _roadmap(self) -> None:
        if self.assessment_id is not None:
            self.roadmap_requested.emit(self.assessment_id)

    def _export(self) -> None:
        if self.assessment_id is not None:
            self.export_requested.emit(self.assessment_id)

    # --- for the screens and tests ----------------------------------------------------

    def scroll_to(self, part: Part) -> None:
        """Scroll so that a part of the page starts near the top of the window."""
        widgets: dict[Part, QWidget] = {
            "top": self.content,
            "charts": self.radar,
            "blockers": self.blockers,
            "verdicts": self.verdicts,
            "domains": self.domains,
        }
        self.centred.activate()
        y = widgets[part].mapTo(self.holder, QPoint(0, 0)).y()
        self.scroller.verticalScrollBar().setValue(0 if part == "top" else max(0, y - 16))

    def header_texts(self) -> dict[str, QLabel]:
        """The header's labels by role (tests read what a user would)."""
        return {
            "client": self.client,
            "title": self.title,
            "changed": self.changed_at,
            "level": self.summary.level,
            "level_name": self.summary.level_name,
            "score": self.summary.score,
            "answered": self.summary.answered,
            "confidence": self.summary.confidence,
            "capped": self.summary.capped,
        }
