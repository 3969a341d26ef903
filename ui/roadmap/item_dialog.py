"""Edit a roadmap card, or add one of the consultant's own.

The dialog only collects words; the core checks and stores them (`edit_item`,
`add_custom_item`). A refusal is shown inside the dialog, which stays open with
everything typed, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from assessor.scoring.roadmap import PHASE_TITLES, PHASES, Phase
from assessor.usecases.board import BoardCard


@dataclass(frozen=True)
class ItemWords:
    title: str
    owner: str
    actions: list[str]
    phase: Phase
    effort: str = "M"
    impact: str = "medium"
    domain: str = ""


class ItemDialog(QDialog):
    """Edit `card`, or add a new card when `card` is None. Save asks the page
    (`save_requested`), which stores through the core, then calls `accept` or `refuse`."""

    save_requested = Signal(object)  # ItemWords

    def __init__(
        self,
        card: BoardCard | None,
        owners: Sequence[str],
        domains: Sequence[tuple[str, str]],
        phase: Phase = "now",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.card = card
        self.setWindowTitle("Edit roadmap item" if card else "Add a roadmap item")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        heading = QLabel(f"{card.id}" if card else "An item of your own, kept through rescoring")
        heading.setObjectName("muted")
        layout.addWidget(heading)
        form = QFormLayout()
        form.setSpacing(10)
        item = card.plan_item.item if card else None
        self.title = QLineEdit(item.title if item else "")
        self.title.setPlaceholderText("What will be done, in a line")
        self.title.setAccessibleName("Title")
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(list(owners))
        self.owner.setCurrentText(item.owner if item else "")
        self.owner.setAccessibleName("Owner")
        self.owner.lineEdit().setPlaceholderText("A role, such as Chief Risk Officer")
        self.phase = QComboBox()
        for p in PHASES:
            self.phase.addItem(PHASE_TITLES[p], p)
        self.phase.setCurrentIndex(PHASES.index(item.phase if item else phase))
        self.phase.setAccessibleName("Phase")
        self.actions_edit = QPlainTextEdit("\n".join(item.actions) if item else "")
        self.actions_edit.setPlaceholderText("One action a line")
        self.actions_edit.setAccessibleName("Actions, one a line")
        self.actions_edit.setTabChangesFocus(True)
        self.actions_edit.setMinimumHeight(120)
        form.addRow("Title", self.title)
        form.addRow("Owner", self.owner)
        form.addRow("Phase", self.phase)
        self.effort = QComboBox()
        self.impact = QComboBox()
        self.domain = QComboBox()
        if card is None:
            for value, words in (("S", "Small"), ("M", "Medium"), ("L", "Large")):
                self.effort.addItem(words, value)
            self.effort.setCurrentIndex(1)
            for value in ("low", "medium", "high"):
                self.impact.addItem(value.capitalize(), value)
            self.impact.setCurrentIndex(1)
            self.domain.addItem("No domain", "")
            for domain_id, title in domains:
                self.domain.addItem(title, domain_id)
            form.addRow("Effort", self.effort)
            form.addRow("Impact", self.impact)
            form.addRow("Domain", self.domain)
        form.addRow("Actions", self.actions_edit)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("Save" if card else "Add")
        save.setObjectName("primary")
        self.save_button = save
        buttons.accepted.connect(self._ask)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.title.setFocus()

    def words(self) -> ItemWords:
        return ItemWords(
            self.title.text().strip(),
            self.owner.currentText().strip(),
            [line.strip() for line in self.actions_edit.toPlainText().splitlines() if line.strip()],
            self.phase.currentData(),
            self.effort.currentData() or "M",
            self.impact.currentData() or "medium",
            self.domain.currentData() or "",
        )

    def _ask(self) -> None:
        words = self.words()
        if not words.title or not words.owner:
            self.refuse("Give the item a title and an owner.")
            return
        self.problem.hide()
        self.save_requested.emit(words)

    def refuse(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
