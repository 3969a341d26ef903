"""The workshop's Qt item models over core objects, testable without a window.

- `ParticipantsModel`: one row per participant (name, role, how many answers, whether
  removed); editing a name or role asks for the change (`edit_requested`) and shows it
  only once the core has stored it (the dialog reloads the model).
- `DivergenceModel`: the core's `divergences`, one row per question, widest spread first.

Every figure and word comes from the core; these only place them.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from assessor.usecases.workshop import Divergence, Participant
from ui.theme import colours

Index = QModelIndex | QPersistentModelIndex
#: The role under which a row gives its participant's key or its question id.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class ParticipantColumn(IntEnum):
    NAME = 0
    ROLE = 1
    ANSWERED = 2


class ParticipantsModel(QAbstractTableModel):
    """The participants, in the order they joined; names and roles edit in place."""

    HEADERS = ("Name", "Role", "Answers")
    #: (key, name, role): the user edited a cell; the core decides.
    edit_requested = Signal(str, str, str)

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Participant] = []

    def set_participants(self, people: Sequence[Participant]) -> None:
        self.beginResetModel()
        self.people = list(people)
        self.endResetModel()

    def participant(self, row: int) -> Participant | None:
        return self.people[row] if 0 <= row < len(self.people) else None

    def row_of(self, key: str) -> int:
        return next((i for i, p in enumerate(self.people) if p.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        person = self.participant(index.row())
        editable = index.column() in (ParticipantColumn.NAME, ParticipantColumn.ROLE)
        if person is not None and person.active and editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        person = self.participant(index.row()) if index.isValid() else None
        if person is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == ParticipantColumn.NAME:
                return person.name
            if column == ParticipantColumn.ROLE:
                return person.role if role == Qt.ItemDataRole.EditRole else person.role or "–"
            answers = plural(person.answered, "answer")
            return answers if person.active else f"{answers} · removed"
        if role == Qt.ItemDataRole.ToolTipRole:
            if not person.active:
                return "Removed: the answers stay in the history and the report, not in the scores"
            if column in (ParticipantColumn.NAME, ParticipantColumn.ROLE):
                return "Double-click or press F2 to change"
            return None
        if role == Qt.ItemDataRole.ForegroundRole and not person.active:
            return QColor(colours()["muted"])
        if role == Qt.ItemDataRole.FontRole and column == ParticipantColumn.NAME and person.active:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == KEY_ROLE:
            return person.key
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        person = self.participant(index.row()) if index.isValid() else None
        if person is None or role != Qt.ItemDataRole.EditRole or not isinstance(value, str):
            return False
        name, job = person.name, person.role
        if index.column() == ParticipantColumn.NAME:
            name = value
        elif index.column() == ParticipantColumn.ROLE:
            job = value
        else:
            return False
        if (name.strip(), job.strip()) != (person.name, person.role):
            self.edit_requested.emit(person.key, name, job)
        return False  # shown once stored: the dialog reloads the participants


class DivergenceColumn(IntEnum):
    SPREAD = 0
    QUESTION = 1
    SAID = 2
    AGREED = 3


class DivergenceModel(QAbstractTableModel):
    """The questions the room answered differently, widest spread first."""

    HEADERS = ("Spread", "Question", "Who said what", "Agreed")
    TIPS = (
        "How far apart the answers are: the highest value minus the lowest, 0 to 1 "
        "(0.5 or more: divergent)",
        "",
        "Each participant's current answer",
        "The answer the room agreed on, which scoring uses",
    )

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Divergence] = []

    def set_divergences(self, rows: Sequence[Divergence]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def question_id(self, row: int) -> str | None:
        return self.rows[row].question_id if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TIPS[section] or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DivergenceColumn.SPREAD:
                return f"{row.spread:.2f}"
            if column == DivergenceColumn.QUESTION:
                return f"{row.question_id} · {row.prompt}\n{row.where}"
            if column == DivergenceColumn.SAID:
                return "\n".join(f"{name}: {text}" for name, text in row.said)
            return row.agreed or "Not yet"
        if role == Qt.ItemDataRole.ToolTipRole and column == DivergenceColumn.SPREAD:
            return "Divergent: the room disagrees" if row.divergent else "Close, not divergent"
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == DivergenceColumn.SPREAD and row.divergent:
                return QColor(colours()["bad"])
            if column == DivergenceColumn.AGREED and row.agreed is None:
                return QColor(colours()["muted"])
        if role == Qt.ItemDataRole.FontRole and column == DivergenceColumn.SPREAD:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == KEY_ROLE:
            return row.question_id
        return None
