"""A client's scores over time: the report's trend chart for the overall score, and the
same chart for each domain beneath it, two to a row.

One operation reads the trend (`client_trend`) and draws the charts to SVG on the
worker (`trend_drawings`); the page only shows them. With one assessment so far it says
how to get a trend: reassess the client.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor.usecases.changes import Change, Changes
from assessor.usecases.trend import Trend, TrendDrawing, client_trend, trend_drawings
from ui.operations import Core
from ui.refresh import ReloadWhenShown
from ui.resources import load_chart_fonts
from ui.results.cards import label
from ui.results.figures import SvgFigure
from ui.session import Session

SHOWN = frozenset({Change.ANSWERS, Change.SCORES, Change.ASSESSMENTS, Change.CONTEXT})


def load_trend(core: Core, assessment_id: int) -> tuple[Trend, list[TrendDrawing]]:
    trend = client_trend(core.store, assessment_id)
    return trend, trend_drawings(trend) if len(trend.rows) > 1 else []


class TrendCard(QFrame):
    def __init__(self, drawing: TrendDrawing, big: bool) -> None:
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.setSpacing(8)
        layout.addWidget(label(drawing.title, "sectionTitle"))
        frame = QFrame()
        frame.setObjectName("figure")
        inside = QVBoxLayout(frame)
        inside.setContentsMargins(8, 8, 8, 8)
        self.figure = SvgFigure()
        self.figure.load(drawing.svg)
        self.figure.setAccessibleName(f"{drawing.title} over time: {drawing.words}")
        self.figure.setToolTip(drawing.words)
        self.figure.setMinimumHeight(240 if big else 170)
        inside.addWidget(self.figure)
        layout.addWidget(frame, 1)


class TrendPage(QWidget):
    results_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        load_chart_fonts()
        super().__init__(parent)
        self.setObjectName("page")
        self.session = session
        self.assessment_id: int | None = None
        self.trend: Trend | None = None
        self.when_shown = ReloadWhenShown(self, self.reload)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroller)
        holder = QWidget()
        self.body = QVBoxLayout(holder)
        self.body.setContentsMargins(32, 20, 32, 32)
        self.body.setSpacing(14)
        scroller.setWidget(holder)
        back = QPushButton("‹  Results")
        back.setObjectName("link")
        back.setCursor(Qt.CursorShape.PointingHandCursor)
        back.setAccessibleName("Back to Results")
        back.clicked.connect(self._back)
        self.body.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        self.client = label("", "subtitle")
        self.title = label("Scores over time", "pageTitle")
        self.caption = label("", "muted", wrap=True)
        for widget in (self.client, self.title, self.caption):
            self.body.addWidget(widget)
        self.charts = QWidget()
        self.grid = QGridLayout(self.charts)
        self.grid.setContentsMargins(0, 8, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(16)
        self.body.addWidget(self.charts)
        self.body.addStretch(1)
        session.changed.connect(self._on_changed)

    def open(self, assessment_id: int) -> None:
        self.assessment_id = assessment_id
        self.reload()

    def reload(self) -> None:
        aid = self.assessment_id
        if aid is None:
            return
        self.when_shown.loaded()
        self.session.op(lambda core: load_trend(core, aid)).success(
            lambda found: self.show_trend(*found) if aid == self.assessment_id else None
        ).run()

    def show_trend(self, trend: Trend, drawings: list[TrendDrawing]) -> None:
        self.trend = trend
        self.client.setText(trend.client)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if len(trend.rows) < 2:
            self.caption.setText(
                f"{trend.client} has one assessment so far. Reassess the client (Home › "
                "Reassess) to follow the scores from one assessment to the next."
            )
            return
        first, last = trend.rows[0].label, trend.rows[-1].label
        self.caption.setText(
            f"{len(trend.rows)} assessments of {trend.client}, from {first} to {last}. Each "
            "chart is the report's trend: the score out of 100 of each assessment, oldest "
            "first, against the level bands."
        )
        overall, *domains = drawings
        self.grid.addWidget(TrendCard(overall, True), 0, 0, 1, 2)
        for n, drawing in enumerate(domains):
            self.grid.addWidget(TrendCard(drawing, False), 1 + n // 2, n % 2)

    def _on_changed(self, changes: Changes[Any], source: object) -> None:
        # Any assessment of the client may move the trend, not only the one opened.
        if changes.kinds & SHOWN and self.assessment_id is not None:
            self.when_shown.changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.when_shown.shown()

    def _back(self) -> None:
        if self.assessment_id is not None:
            self.results_requested.emit(self.assessment_id)
