"""A client's scores over time, as the report's trend chart, overall and per domain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.session import Session


def screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    """The sample client's trend (the screens' store holds its reassessment too)."""
    from PySide6.QtWidgets import QApplication

    from ui.trend.page import TrendPage

    page = TrendPage(session)
    page.resize(1200, 800)
    page.show()
    page.open(assessment_id)
    session.worker.wait()
    for _ in range(3):
        QApplication.processEvents()
    yield "trend", page
    page.hide()
