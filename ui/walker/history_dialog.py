"""Every answer given to one question: when, by whom, what, with its note and flag.

The rows come from the core's `answer_history` (oldest first; shown newest first) and
are turned into words here: the option's label rather than its id, "Cleared" for an
answer taken back, the respondent's name ("You" when nobody is named).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor.content.questionnaire import Question
from assessor.scoring.answers import answer_text
from assessor.store.database import Respondent, ResponseRecord
from assessor.usecases.answering import answer_history
from ui.session import Session

Index = QModelIndex | QPersistentModelIndex


def describe_answer(question: Question, raw: object) -> str:
    """An answer in words, as the report writes it: option labels, the number with its
    unit, the text itself, "Cleared"."""
    return answer_text(question, raw)


def readable_time(stamp: str, today: datetime | None = None) -> str:
    """A stored UTC timestamp in local time: "Today, 14:32:05", "3 Mar 2026, 09:10:44"."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    now = today or datetime.now().astimezone()
    clock = f"{moment:%H:%M:%S}"
    if moment.date() == now.date():
        return f"Today, {clock}"
    return f"{moment.day} {moment:%b %Y}, {clock}"


class HistoryTableModel(QAbstractTableModel):
    """One row per answer given, newest first."""

    HEADERS = ("When", "Who", "Answer", "Note", "Flagged")

    def __init__(self, question: Question, respondents: Sequence[Respondent]) -> None:
        super().__init__()
        self.question = question
        self._names = {r.key: r.name for r in respondents}
        self._rows: list[tuple[str, str, str, str, str]] = []

    def set_records(self, records: Sequence[ResponseRecord]) -> None:
        self.beginResetModel()
        self._rows = [self._row(record) for record in reversed(records)]
        self.endResetModel()

    def _row(self, record: ResponseRecord) -> tuple[str, str, str, str, str]:
        try:
            raw = json.loads(record.answer)
        except ValueError:
            raw = record.answer
        who = "You" if not record.respondent else self._names.get(record.respondent, "")
        return (
            readable_time(record.answered_at),
            who or record.respondent,
            describe_answer(self.question, raw),
            record.note,
            "Flagged" if record.flagged else "",
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None


class AnswerHistoryDialog(QDialog):
    """The history of one question's answers; open with `open()` (window-modal)."""

    def __init__(
        self,
        session: Session,
        assessment_id: int,
        question: Question,
        respondents: Sequence[Respondent],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("answerHistory")
        self.setWindowTitle(f"History of {question.id}")
        self.resize(820, 460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        title = QLabel(f"Answer history · {question.id}", objectName="sectionTitle")
        layout.addWidget(title)
        prompt = QLabel(question.prompt, objectName="muted")
        prompt.setWordWrap(True)
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(prompt)

        self.model = HistoryTableModel(question, respondents)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Answer history")
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(2, 200)
        self.empty = QLabel("Loading…", objectName="emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout.addWidget(buttons)

        session.op(
            lambda core: answer_history(core.store, assessment_id, question.id), source=self
        ).success(self._loaded).run()

    def _loaded(self, records: list[ResponseRecord]) -> None:
        self.model.set_records(records)
        if records:
            self.stack.setCurrentWidget(self.table)
            self.table.resizeRowsToContents()
        else:
            self.empty.setText("No answer has been given to this question yet.")
