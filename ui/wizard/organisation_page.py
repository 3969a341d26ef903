"""Page 2 of the new-assessment wizard: who the organisation is (industry, sector,
size, regions, deployment), the facts that decide which questions apply.

The values are the core's vocabulary (`assessor.content.context`), shown with the
wizard's labels and explanations. For an existing client the wizard prefills the page
from the client's latest assessment.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from assessor.content.context import (
    DEPLOYMENTS,
    INDUSTRIES,
    REGIONS,
    SECTORS,
    SIZES,
    AssessmentContext,
)
from ui.wizard import styled, vocabulary
from ui.wizard.vocabulary import Term

NOT_SPECIFIED = "Not specified"
CHECKBOX_WIDTH = 104


def _combo(
    keys: tuple[str, ...], terms: dict[str, Term], accessible: str, tooltip: str
) -> QComboBox:
    combo = styled.ChevronCombo()
    combo.setAccessibleName(accessible)
    combo.setToolTip(tooltip)
    combo.addItem(NOT_SPECIFIED, None)
    combo.setItemData(0, "Leave it open for now", Qt.ItemDataRole.ToolTipRole)
    for key in keys:
        combo.addItem(vocabulary.label(terms, key), key)
        combo.setItemData(
            combo.count() - 1, vocabulary.explanation(terms, key), Qt.ItemDataRole.ToolTipRole
        )
    combo.setMinimumWidth(300)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _checkboxes(keys: tuple[str, ...], terms: dict[str, Term]) -> dict[str, QCheckBox]:
    boxes: dict[str, QCheckBox] = {}
    for key in keys:
        box = styled.TickBox(vocabulary.label(terms, key))
        box.setToolTip(vocabulary.explanation(terms, key))
        box.setAccessibleName(vocabulary.label(terms, key))
        boxes[key] = box
    return boxes


class OrganisationPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("About the organisation")
        self.setSubTitle(
            "These facts decide which questions apply and which targets the assessment sets."
        )
        self._filling = False
        self._touched = False

        self.prefill_note = styled.label(style="muted")
        self.prefill_note.setWordWrap(True)
        self.prefill_box = styled.frame("panel")
        note_layout = QVBoxLayout(self.prefill_box)
        note_layout.setContentsMargins(14, 10, 14, 10)
        note_layout.addWidget(self.prefill_note)
        self.prefill_box.hide()

        self.industry_combo = _combo(
            INDUSTRIES, vocabulary.INDUSTRIES, "Industry", "What the organisation does"
        )
        self.sector_combo = _combo(
            SECTORS, vocabulary.SECTORS, "Sector", "Whether it is a company or a public body"
        )
        self.size_combo = _combo(SIZES, vocabulary.SIZES, "Size", "How many people it employs")
        self.regions = _checkboxes(REGIONS, vocabulary.REGIONS)
        self.deployment = _checkboxes(DEPLOYMENTS, vocabulary.DEPLOYMENTS)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        grid.setColumnStretch(1, 1)
        rows: list[tuple[str, QWidget, str]] = [
            ("&Industry", self.industry_combo, "Chooses the target profile, and the rules of the "
             "industry that are asked about."),
            ("&Sector", self.sector_combo, "Government and defence bring questions of their own."),
            ("Si&ze", self.size_combo, "Some questions are asked only of larger organisations."),
            ("Regions", self._row_of(self.regions), "Where it operates or its AI is used: "
             "decides which laws apply. Tick all that apply."),
            ("Deployment", self._row_of(self.deployment), "How its AI runs or will run. "
             "Tick all that apply."),
        ]  # fmt: skip
        for row, (text, field, hint) in enumerate(rows):
            label = styled.label(text)
            label.setMinimumWidth(styled.FORM_LABEL_WIDTH)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            # As tall as the field's first line, so the label sits level with it.
            label.setFixedHeight(
                field.sizeHint().height()
                if isinstance(field, QComboBox)
                else next(iter(self.regions.values())).sizeHint().height()
            )
            if isinstance(field, QComboBox):
                label.setBuddy(field)
            hint_label = styled.label(hint, "quiet")
            hint_label.setWordWrap(True)
            cell = QVBoxLayout()
            cell.setSpacing(4)
            cell.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
            cell.addWidget(hint_label)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(cell, row, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*styled.PAGE_MARGINS)
        layout.setSpacing(14)
        layout.addWidget(self.prefill_box)
        layout.addLayout(grid)
        layout.addStretch(1)
        footer = styled.label(
            "Not sure? Leave a field unspecified: you can complete the context later, and "
            "the questions that apply will follow.",
            "muted",
            wrap=True,
        )
        layout.addWidget(footer)

        for combo in (self.industry_combo, self.sector_combo, self.size_combo):
            combo.currentIndexChanged.connect(self._user_changed)
        for box in (*self.regions.values(), *self.deployment.values()):
            box.toggled.connect(self._user_changed)

    @staticmethod
    def _row_of(boxes: dict[str, QCheckBox]) -> QWidget:
        """The boxes in one row, in columns of one width (so regions and deployment align)."""
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(18)
        for box in boxes.values():
            row.addWidget(box)
        row.addStretch(1)
        return holder

    def showEvent(self, event: QShowEvent) -> None:
        # Columns of one width, and never narrower than a label: measured once styled.
        for box in (*self.regions.values(), *self.deployment.values()):
            box.setMinimumWidth(max(CHECKBOX_WIDTH, box.sizeHint().width()))
        super().showEvent(event)

    # --- values --------------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        """The page's part of the context, as `AssessmentContext` fields."""
        return {
            "industry": self.industry_combo.currentData(),
            "sector": self.sector_combo.currentData(),
            "size": self.size_combo.currentData(),
            "regions": [key for key, box in self.regions.items() if box.isChecked()],
            "deployment": [key for key, box in self.deployment.items() if box.isChecked()],
        }

    def prefill(self, context: AssessmentContext, source_title: str) -> None:
        """Show an earlier assessment's context (the user's own changes are replaced)."""
        self._filling = True
        try:
            for combo, value in (
                (self.industry_combo, context.industry),
                (self.sector_combo, context.sector),
                (self.size_combo, context.size),
            ):
                found = combo.findData(value)
                combo.setCurrentIndex(max(found, 0))
            for key, box in self.regions.items():
                box.setChecked(key in context.regions)
            for key, box in self.deployment.items():
                box.setChecked(key in context.deployment)
        finally:
            self._filling = False
        self.prefill_note.setText(
            f"Filled in from “{source_title}”, this client's latest assessment. "
            "Change anything that no longer holds."
        )
        self.prefill_box.show()

    def clear_prefill_note(self) -> None:
        self.prefill_box.hide()

    def has_input(self) -> bool:
        return self._touched

    def first_field(self) -> QWidget:
        return self.industry_combo

    def _user_changed(self) -> None:
        if not self._filling:
            self._touched = True
