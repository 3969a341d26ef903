"""Where the room disagrees: the questions its participants answered differently, widest
spread first, with who said what and any agreed answer; a jump to each in the walker.

The rows are the core's `divergences` (in `DivergenceModel`); the list reads them again
when answers change, so an agreed answer shows as it is given.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QWidget,
)

from assessor.scoring.scorecard import DIVERGENCE
from assessor.usecases.changes import Change, Changes
from assessor.usecases.workshop import Divergence, divergences
from ui.session import Session
from ui.workshop.layout import dialog_layout
from ui.workshop.model import DivergenceColumn, DivergenceModel

INTRO = (
    "The spread is how far apart the answers are: the highest value minus the lowest, from 0 "
    f"to 1. At {DIVERGENCE:.1f} or more the room disagrees, and the report lists the question. "
    "Open a question to settle it: the agreed answer is the one scoring uses."
)
EMPTY = "The room gives the same answers to every question answered so far."


class _Table(QTableView):
    """Enter opens the current question (as a double-click does)."""

    #: The current row, by Enter (QAbstractItemView's `activated` would also let the
    #: dialog take the key for its default button).
    chosen = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chosen.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class DivergenceDialog(QDialog):
    """The divergence list of one assessment; `jump_requested(assessment, question)`."""

    jump_requested = Signal(int, str)

    def __init__(
        self, session: Session, assessment_id: int, title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.assessment_id = assessment_id
        self.setObjectName("divergenceDialog")
        self.setWindowTitle("Where the room disagrees")
        self.resize(1000, 600)
        layout = dialog_layout(self, "Where the room disagrees", title, INTRO)

        self.model = DivergenceModel()
        self.table = _Table(objectName="divergenceTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Questions by spread")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # Rows as tall as their wrapped text at the columns' widths, whenever they change.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(DivergenceColumn.SPREAD, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(DivergenceColumn.SPREAD, 80)
        header.setSectionResizeMode(DivergenceColumn.QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DivergenceColumn.SAID, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DivergenceColumn.SAID, 300)
        header.setSectionResizeMode(DivergenceColumn.AGREED, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DivergenceColumn.AGREED, 180)
        self.table.doubleClicked.connect(self._open)
        self.table.chosen.connect(self._open)
        self.empty = QLabel("Loading…", objectName="emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.go = QPushButton("Go to question", objectName="primary")
        self.go.setToolTip("Show the question in the walker, with the room view (Enter)")
        self.go.setEnabled(False)
        buttons.addButton(self.go, QDialogButtonBox.ButtonRole.ActionRole)
        self.go.clicked.connect(lambda: self._open(self.table.currentIndex()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.go.setEnabled(current.isValid())
        )
        session.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        assessment_id = self.assessment_id
        self.session.op(
            lambda core: divergences(core.store, core.library, assessment_id), source=self
        ).success(self._loaded).run()

    def _loaded(self, rows: list[Divergence]) -> None:
        current = self.model.question_id(self.table.currentIndex().row())
        self.model.set_divergences(rows)
        if not rows:
            self.empty.setText(EMPTY)
            self.stack.setCurrentWidget(self.empty)
            self.go.setEnabled(False)
            return
        self.stack.setCurrentWidget(self.table)
        ids = [row.question_id for row in rows]
        self.table.selectRow(ids.index(current) if current in ids else 0)
        self.table.setFocus()

    def _open(self, index: QModelIndex) -> None:
        question_id = self.model.question_id(index.row()) if index.isValid() else None
        if question_id is not None:
            self.accept()
            self.jump_requested.emit(self.assessment_id, question_id)

    def _on_changed(self, changes: Changes[object], _source: object) -> None:
        if changes.assessment_id == self.assessment_id and changes.kinds & {
            Change.ANSWERS,
            Change.RESPONDENTS,
        }:
            self.reload()
