"""A Qt table model over the loaded questionnaires (core objects, no logic of its own)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from assessor.content.context import domain_rank, domain_title
from assessor.library.questionnaires import LoadedQuestionnaire

Index = QModelIndex | QPersistentModelIndex


class QuestionnaireTableModel(QAbstractTableModel):
    """One row per questionnaire: title, domain, version, questions, source."""

    HEADERS = ("Questionnaire", "Domain", "Version", "Questions", "Source")

    def __init__(self, loaded: list[LoadedQuestionnaire] | None = None) -> None:
        super().__init__()
        self._rows: list[LoadedQuestionnaire] = _in_domain_order(loaded or [])

    def set_questionnaires(self, loaded: list[LoadedQuestionnaire]) -> None:
        self.beginResetModel()
        self._rows = _in_domain_order(loaded)
        self.endResetModel()

    def questionnaire_at(self, row: int) -> LoadedQuestionnaire:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        qn = item.questionnaire
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                qn.title,
                domain_title(qn.domain),
                qn.version,
                str(len(qn.scored_questions)),
                "Bundled" if item.bundled else "Your folder",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return f"{qn.title} ({qn.id})\n\n{qn.description}".strip()
            if column == 4:
                return str(item.path)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        return None


def _in_domain_order(loaded: list[LoadedQuestionnaire]) -> list[LoadedQuestionnaire]:
    """Bundled first, then the user's; within each, domains in report order."""
    return sorted(
        loaded,
        key=lambda item: (
            not item.bundled,
            domain_rank(item.questionnaire.domain),
            item.questionnaire.title.casefold(),
        ),
    )


def _alignment(column: int) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if column == 3 else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter
