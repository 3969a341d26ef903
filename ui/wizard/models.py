"""The wizard's Qt item models, testable without a window: the clients to choose from,
the use cases being declared, and the questionnaires to include.

They hold what the core returned (`ClientRecord`, `UseCase`, the loaded questionnaires
with their time estimates) and present it; they decide nothing the core decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from assessor.content.context import RISK_TIERS, UseCase
from assessor.library.questionnaires import LoadedQuestionnaire
from assessor.store.database import ClientRecord
from ui.theme import colours
from ui.wizard import vocabulary

Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def minutes_text(low: int, high: int) -> str:
    """An honest range: "about 13-29 min" (one figure when both ends agree)."""
    return f"about {low} min" if low == high else f"about {low}-{high} min"


class ClientTableModel(QAbstractTableModel):
    """The existing clients: name, line of business, and how many assessments each has."""

    COLUMNS = ("Client", "Line of business", "Assessments")

    def __init__(self) -> None:
        super().__init__()
        self._clients: list[ClientRecord] = []

    def set_clients(self, clients: list[ClientRecord]) -> None:
        self.beginResetModel()
        self._clients = list(clients)
        self.endResetModel()

    def client_at(self, row: int) -> ClientRecord:
        return self._clients[row]

    def row_of(self, client_id: int) -> int | None:
        return next((r for r, c in enumerate(self._clients) if c.id == client_id), None)

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._clients)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == 2:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        client = self._clients[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return client.name
            if column == 1:
                return str(client.details.get("sector", "") or "")
            return plural(client.assessments, "assessment")
        if role == Qt.ItemDataRole.ToolTipRole:
            contact = client.details.get("contact")
            return f"{client.name}\nContact: {contact}" if contact else client.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.UserRole:
            return client.id
        return None


class ClientFilter(QSortFilterProxyModel):
    """The clients whose name or line of business contains the search text."""

    def __init__(self, source: ClientTableModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)  # any column


class UseCaseTableModel(QAbstractTableModel):
    """The intended AI use cases: name, EU AI Act risk tier, short description; editable."""

    COLUMNS = ("Use case", "Risk tier", "Description")
    NAME, TIER, DESCRIPTION = range(3)
    #: Emitted after any change by the user (add, remove, edit).
    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._use_cases: list[UseCase] = []

    def use_cases(self) -> list[UseCase]:
        return list(self._use_cases)

    def set_use_cases(self, use_cases: list[UseCase]) -> None:
        """Show these (a prefill); not an edit of the user's."""
        self.beginResetModel()
        self._use_cases = list(use_cases)
        self.endResetModel()

    def add(self, use_case: UseCase) -> int:
        row = len(self._use_cases)
        self.beginInsertRows(QModelIndex(), row, row)
        self._use_cases.append(use_case)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._use_cases[row]
        self.endRemoveRows()
        self.edited.emit()

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._use_cases)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        use_case = self._use_cases[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.NAME:
                return use_case.name
            if column == self.TIER:
                if role == Qt.ItemDataRole.EditRole:
                    return use_case.risk_tier
                return vocabulary.label(vocabulary.RISK_TIERS, use_case.risk_tier)
            return use_case.description
        if role == Qt.ItemDataRole.ToolTipRole:
            tier = vocabulary.RISK_TIERS.get(use_case.risk_tier)
            lines = [use_case.name, use_case.description, tier.explanation if tier else ""]
            return "\n".join(line for line in lines if line)
        prohibited = use_case.risk_tier == "unacceptable"
        if role == Qt.ItemDataRole.ForegroundRole and column == self.TIER and prohibited:
            return QColor(colours()["bad"])
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        use_case = self._use_cases[index.row()]
        text = str(value).strip()
        column = index.column()
        if column == self.NAME:
            if not text or text == use_case.name:
                return False  # a use case keeps a name
            changed = use_case.model_copy(update={"name": text[:200]})
        elif column == self.TIER:
            if text not in RISK_TIERS or text == use_case.risk_tier:
                return False
            changed = use_case.model_copy(update={"risk_tier": text})
        else:
            if text == use_case.description:
                return False
            changed = use_case.model_copy(update={"description": text[:5000]})
        self._use_cases[index.row()] = changed
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
        self.edited.emit()
        return True


@dataclass(frozen=True)
class QuestionnaireChoice:
    """One installed questionnaire as the wizard offers it (figures from the core)."""

    loaded: LoadedQuestionnaire
    domain_title: str
    questions: int
    minutes: tuple[int, int]

    @property
    def heading(self) -> str:
        """The domain title; a consultant's own questionnaire also shows its own title."""
        title = self.loaded.questionnaire.title
        return self.domain_title if title == self.domain_title else f"{title} ({self.domain_title})"


class QuestionnaireChecklistModel(QAbstractTableModel):
    """The installed questionnaires, each ticked or not, with questions and time."""

    COLUMNS = ("Questionnaire", "Questions", "Time")
    #: The set of ticked questionnaires changed.
    ticked_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._choices: list[QuestionnaireChoice] = []
        self._ticked: list[bool] = []

    def set_choices(self, choices: list[QuestionnaireChoice]) -> None:
        """Offer these, all ticked."""
        self.beginResetModel()
        self._choices = list(choices)
        self._ticked = [True] * len(choices)
        self.endResetModel()
        self.ticked_changed.emit()

    def choices(self) -> list[QuestionnaireChoice]:
        return list(self._choices)

    def chosen(self) -> list[QuestionnaireChoice]:
        return [c for c, ticked in zip(self._choices, self._ticked, strict=True) if ticked]

    def is_ticked(self, row: int) -> bool:
        return self._ticked[row]

    def set_ticked(self, row: int, ticked: bool) -> None:
        if self._ticked[row] == ticked:
            return
        self._ticked[row] = ticked
        index = self.index(row, 0)
        self.dataChanged.emit(index, index.siblingAtColumn(len(self.COLUMNS) - 1))
        self.ticked_changed.emit()

    def total_minutes(self) -> tuple[int, int]:
        chosen = self.chosen()
        return sum(c.minutes[0] for c in chosen), sum(c.minutes[1] for c in chosen)

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._choices)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        choice = self._choices[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return choice.heading
            if column == 1:
                return plural(choice.questions, "question")
            return minutes_text(*choice.minutes)
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            ticked = self._ticked[index.row()]
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            questionnaire = choice.loaded.questionnaire
            source = "bundled" if choice.loaded.bundled else "from your questionnaire folder"
            lines = [f"{questionnaire.title}, version {questionnaire.version} ({source})"]
            if questionnaire.description:
                lines.append(questionnaire.description)
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and not self._ticked[index.row()]:
            return QColor(colours()["muted"])
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.set_ticked(index.row(), checked)
        return True
