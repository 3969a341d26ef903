"""The bin: assessments deleted in the last 30 days, each restorable as it was."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor.store.database import AssessmentSummary
from assessor.usecases.assessments import BIN_DAYS, restore_assessment
from ui.home.model import when
from ui.session import Session


def days_left(deleted_at: str, today: datetime | None = None) -> int:
    gone = datetime.fromisoformat(deleted_at) + timedelta(days=BIN_DAYS)
    return max(0, (gone - (today or datetime.now(gone.tzinfo))).days)


class BinDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Deleted assessments")
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(QLabel("Deleted assessments", objectName="pageTitle"))
        self.note = QLabel(
            f"Deleted assessments are kept for {BIN_DAYS} days, then removed for good.",
            objectName="muted",
        )
        layout.addWidget(self.note)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Client", "Assessment", "Deleted", "Kept for"])
        self.table.setAccessibleName("Deleted assessments")
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("Restore", objectName="primary")
        self.restore_button.setToolTip("Put the selected assessment back, as it was")
        self.restore_button.setAccessibleName("Restore")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        layout.addWidget(buttons)
        self.rows: list[AssessmentSummary] = []
        self.load()

    def load(self) -> None:
        self.session.op(lambda core: core.store.list_assessments(deleted=True)).success(
            self.show_rows
        ).run()

    def show_rows(self, rows: list[AssessmentSummary]) -> None:
        self.rows = sorted(rows, key=lambda r: r.deleted_at or "", reverse=True)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            left = days_left(row.deleted_at or "")
            for c, text in enumerate(
                (row.client, row.title, when(row.deleted_at or ""), f"{left} more days")
            ):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if self.rows:
            self.table.selectRow(0)
        self.restore_button.setEnabled(bool(self.rows))
        if not self.rows:
            self.note.setText(f"The bin is empty. Deleted assessments are kept {BIN_DAYS} days.")

    def restore_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            chosen = self.rows[row].id
            self.session.op(
                lambda core: restore_assessment(core.store, chosen), source=self
            ).success(lambda _changes: self.load()).run()
