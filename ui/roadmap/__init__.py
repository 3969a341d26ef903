"""The roadmap board: the plan as columns of cards, edited through the core."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.session import Session


def screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    """The board with its first card selected, filtered by owner, a refused move, and the
    edit dialog."""
    from PySide6.QtWidgets import QApplication

    from ui.roadmap.page import RoadmapPage

    def settle() -> None:
        session.worker.wait()
        for _ in range(3):
            QApplication.processEvents()

    page = RoadmapPage(session)
    page.resize(1400, 860)
    page.show()
    page.open(assessment_id)
    settle()
    board = page.board
    assert board is not None
    first = next((c for c in board.cards if c.reasons and c.plan_item.item.deadline), None)
    page._select((first or board.cards[0]).id, focus=True)
    settle()
    yield "roadmap-board", page
    dated = next((c for c in board.cards if c.plan_item.item.deadline), None)
    if dated is not None:
        page._select(dated.id)
        page.move_card(dated.id, "beyond")
        settle()
        yield "roadmap-refused-move", page
    page.notice.hide()
    page.owner_filter.setCurrentIndex(1)
    settle()
    yield "roadmap-filtered", page
    page.owner_filter.setCurrentIndex(0)
    page._select(board.cards[0].id)
    page.edit_selected()
    settle()
    if page.dialog is not None:
        page.dialog.resize(600, 440)
        yield "roadmap-edit-dialog", page.dialog
        page.dialog.reject()
    page.hide()
