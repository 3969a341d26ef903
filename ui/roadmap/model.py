"""One column of the roadmap board as a Qt list model: the cards of one phase.

The model holds core `BoardCard`s and words them; it decides nothing. A card dropped on
a column from another asks for the move (`move_dropped`); the board redraws only when the
core has stored it, so a refused move leaves every card where it was.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from assessor.scoring.roadmap import PHASE_TITLES, Phase
from assessor.usecases.board import BoardCard

MIME = "application/x-assessor-roadmap-item"
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

EFFORT_WORDS = {"S": "small", "M": "medium", "L": "large"}


def marks_of(card: BoardCard) -> list[tuple[str, str]]:
    """The card's marks as (words, kind) pairs; the kind picks the colour."""
    item, planned = card.plan_item.item, card.plan_item
    marks: list[tuple[str, str]] = []
    if item.quick_win:
        marks.append(("Quick win", "good"))
    if item.blocker:
        marks.append(("Blocker", "bad"))
    if planned.custom:
        marks.append(("Custom", "accent"))
    elif not planned.triggered:
        marks.append(("No longer triggered", "warn"))
    elif planned.edited and planned.edited != ("hide",):
        marks.append(("Edited", "accent"))
    if planned.hidden:
        marks.append(("Hidden", "muted"))
    return marks


def meta_line(card: BoardCard) -> str:
    item = card.plan_item.item
    return f"{item.owner or 'No owner'} · effort {item.effort} · impact {item.impact}"


def card_words(card: BoardCard) -> str:
    """The whole card in one sentence, for screen readers and tooltips."""
    item = card.plan_item.item
    parts = [
        f"{item.id}: {item.title}.",
        f"Owner {item.owner or 'none'}, effort {EFFORT_WORDS.get(item.effort, item.effort)}, "
        f"impact {item.impact}, in {PHASE_TITLES[item.phase]}.",
    ]
    if card.deadline:
        parts.append(f"Deadline: {card.deadline}.")
    marks = ", ".join(words.lower() for words, _kind in marks_of(card))
    if marks:
        parts.append(f"Marked {marks}.")
    return " ".join(parts)


class PhaseModel(QAbstractListModel):
    """The cards of one phase, in the plan's order (priority first)."""

    move_dropped = Signal(str, str)  # item id, the phase it was dropped on

    def __init__(self, phase: Phase, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.phase = phase
        self.cards: list[BoardCard] = []

    def set_cards(self, cards: list[BoardCard]) -> None:
        self.beginResetModel()
        self.cards = cards
        self.endResetModel()

    def row_of(self, item_id: str) -> int | None:
        return next((n for n, c in enumerate(self.cards) if c.id == item_id), None)

    def card_at(self, row: int) -> BoardCard | None:
        return self.cards[row] if 0 <= row < len(self.cards) else None

    # --- the model -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        card = self.card_at(index.row()) if index.isValid() else None
        if card is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return card.plan_item.item.title
        if role == CARD_ROLE:
            return card
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return card_words(card)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )

    # --- drag and drop ---------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        cards = [self.cards[i.row()] for i in indexes if i.isValid()]
        if cards:
            data.setData(MIME, QByteArray(cards[0].id.encode("utf-8")))
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:  # fmt: skip
        return data.hasFormat(MIME) and self.row_of(self._dropped_id(data)) is None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:  # fmt: skip
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        self.move_dropped.emit(self._dropped_id(data), self.phase)
        # The core decides; the source column keeps the card until the board redraws.
        return True

    @staticmethod
    def _dropped_id(data: QMimeData) -> str:
        return bytes(data.data(MIME).data()).decode("utf-8", "replace")
