"""A Qt item model over the store's assessment summaries: clients, then their assessments.

Top-level rows are clients, children are their assessments, both by name; a client row
sorts by its latest assessment's figures. No logic beyond display: the figures come from
the core's summaries. `HomeFilter` searches client and title, and sorts by the raw value
behind each column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from assessor.scoring.levels import LEVEL_NAMES, score_text
from assessor.store.database import AssessmentSummary

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_TEXT = {
    "draft": "Draft",
    "in_progress": "In progress",
    "complete": "Complete",
    "archived": "Archived",
}


@dataclass
class ClientRow:
    client_id: int
    name: str
    assessments: list[AssessmentSummary] = field(default_factory=list)

    @property
    def latest(self) -> AssessmentSummary:
        return max(self.assessments, key=lambda s: (s.created_at, s.id))


def when(stamp: str, today: datetime | None = None) -> str:
    """A stored UTC time as the user reads it: 'today 14:05', '3 Nov', '3 Nov 2025'."""
    if not stamp:
        return ""
    moment = datetime.fromisoformat(stamp).astimezone()
    now = today or datetime.now().astimezone()
    if moment.date() == now.date():
        return f"today {moment:%H:%M}"
    if moment.year == now.year:
        return f"{moment.day} {moment:%b}"
    return f"{moment.day} {moment:%b %Y}"


class HomeModel(QAbstractItemModel):
    HEADERS = ("Client / assessment", "Status", "Answered", "Level", "Score", "Last change")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clients: list[ClientRow] = []

    # --- data in -------------------------------------------------------------------------

    def set_assessments(self, summaries: Sequence[AssessmentSummary]) -> None:
        by_client: dict[int, ClientRow] = {}
        for summary in summaries:
            row = by_client.setdefault(
                summary.client_id, ClientRow(summary.client_id, summary.client)
            )
            row.assessments.append(summary)
        for row in by_client.values():  # the order of a sort by the first column
            row.assessments.sort(key=lambda s: (s.title.casefold(), s.id))
        self.beginResetModel()
        self._clients = sorted(by_client.values(), key=lambda r: r.name.casefold())
        self.endResetModel()

    @property
    def clients(self) -> list[ClientRow]:
        return self._clients

    def assessment_count(self) -> int:
        return sum(len(c.assessments) for c in self._clients)

    def summary(self, index: Index) -> AssessmentSummary | None:
        """The assessment of a row; a client row stands for its latest assessment."""
        if not index.isValid():
            return None
        parent = index.internalId()
        client = self._clients[parent - 1] if parent else self._clients[index.row()]
        return client.assessments[index.row()] if parent else client.latest

    def index_of(self, assessment_id: int) -> QModelIndex:
        for c, client in enumerate(self._clients):
            for r, summary in enumerate(client.assessments):
                if summary.id == assessment_id:
                    return self.index(r, 0, self.index(c, 0))
        return QModelIndex()

    # --- Qt model --------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Bounds checked by hand: hasIndex() costs a rowCount() call per index.
        if row < 0 or not 0 <= column < len(self.HEADERS):
            return QModelIndex()
        if parent.isValid():
            if parent.internalId() != 0 or row >= len(self._clients[parent.row()].assessments):
                return QModelIndex()
        elif row >= len(self._clients):
            return QModelIndex()
        # internalId: 0 for a client row; client position + 1 for an assessment row.
        return self.createIndex(row, column, parent.row() + 1 if parent.isValid() else 0)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._clients)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._clients[parent.row()].assessments)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        is_client = index.internalId() == 0
        summary = self.summary(index)
        assert summary is not None
        column = index.column()
        if role == ID_ROLE:
            return summary.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index, summary, is_client)
        if role == SORT_ROLE:
            return self._sort_key(index, summary, is_client)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 3 and summary.overall_level:
                return f"Level {summary.overall_level}: {LEVEL_NAMES[summary.overall_level]}"
            if column == 0 and is_client:
                return f"{summary.client}: latest assessment {summary.title!r}"
            if column == 0 and summary.sample:
                return "A sample assessment to explore; delete it when you no longer need it"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and is_client:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        return None

    def _display(self, index: Index, s: AssessmentSummary, is_client: bool) -> str:
        column = index.column()
        if column == 0:
            if is_client:
                count = len(self._clients[index.row()].assessments)
                return f"{s.client}  ·  {count} assessment{'s' if count != 1 else ''}"
            return s.title + ("  ·  Sample" if s.sample else "")
        if is_client and column < 5:
            return ""  # the figures are the assessments'; the row sorts by its latest
        if column == 1:
            return STATUS_TEXT.get(s.status, s.status)
        if column == 2:
            return f"{s.completeness:.0%}"
        if column == 3:
            return (
                "–"
                if s.overall_level is None
                else f"{s.overall_level} {LEVEL_NAMES[s.overall_level]}"
            )
        if column == 4:
            return score_text(s.overall_score)
        return when(s.updated_at)

    def _sort_key(self, index: Index, s: AssessmentSummary, is_client: bool) -> object:
        column = index.column()
        keys: tuple[object, ...] = (
            s.client.casefold() if is_client else s.title.casefold(),
            s.status,
            s.completeness,
            s.overall_level or 0,
            s.overall_score if s.overall_score is not None else -1.0,
            s.updated_at,
        )
        return keys[column]


class HomeFilter(QSortFilterProxyModel):
    """Search by client or title (a client that matches shows all its assessments)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)
