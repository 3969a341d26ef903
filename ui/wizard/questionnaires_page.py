"""Page 4 of the new-assessment wizard: which installed questionnaires the assessment
uses (all by default), each with its number of questions and the core's time estimate.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ui.wizard import styled
from ui.wizard.models import QuestionnaireChecklistModel, QuestionnaireChoice, minutes_text, plural


class QuestionnairesPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Questionnaires")
        self.setSubTitle(
            "Each questionnaire covers one domain. Keep them all for a full picture, or "
            "untick those to leave out."
        )
        self._edited = False
        self.model = QuestionnaireChecklistModel()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(0, styled.TickDelegate(self.table))
        self.table.setAccessibleName("Questionnaires to include")
        self.table.setToolTip("Space ticks or unticks the questionnaire")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        card = styled.frame("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(1, 1, 1, 1)
        card_layout.addWidget(self.table)

        self.all_button = QPushButton("Tick all")
        self.all_button.setToolTip("Include every installed questionnaire")
        self.all_button.setAccessibleName("Tick all questionnaires")
        self.all_button.clicked.connect(self.tick_all)
        self.total_label = styled.label(style="sectionTitle")
        self.total_label.setAccessibleName("Total time")
        self.none_message = styled.label("Choose at least one questionnaire.", "warning")
        totals = QHBoxLayout()
        totals.addWidget(self.total_label)
        totals.addSpacing(12)
        totals.addWidget(self.none_message)
        totals.addStretch(1)
        totals.addWidget(self.all_button)
        explanation = styled.label(
            "The range depends on which questions your answers make apply: some are asked "
            "only for certain organisations, use cases or earlier answers.",
            "muted",
            wrap=True,
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*styled.PAGE_MARGINS)
        layout.setSpacing(10)
        layout.addWidget(card, 1)
        layout.addLayout(totals)
        layout.addWidget(explanation)

        self.model.ticked_changed.connect(self._ticked_changed)
        self._update()

    def set_choices(self, choices: list[QuestionnaireChoice]) -> None:
        self.model.set_choices(choices)
        self._edited = False
        if choices:
            self.table.setCurrentIndex(self.model.index(0, 0))

    def chosen(self) -> list[QuestionnaireChoice]:
        return self.model.chosen()

    def tick_all(self) -> None:
        for row in range(self.model.rowCount()):
            self.model.set_ticked(row, True)

    def has_input(self) -> bool:
        return self._edited

    # --- QWizardPage -----------------------------------------------------------------------

    def first_field(self) -> QWidget:
        return self.table

    def isComplete(self) -> bool:
        return bool(self.model.chosen())

    # --- behaviour -------------------------------------------------------------------------

    def _ticked_changed(self) -> None:
        self._edited = True
        self._update()
        self.completeChanged.emit()

    def _update(self) -> None:
        chosen = self.model.chosen()
        low, high = self.model.total_minutes()
        if chosen:
            self.total_label.setText(f"Total: {minutes_text(low, high)}")
        else:
            self.total_label.setText("Total: nothing chosen")
        self.total_label.setToolTip(
            f"{plural(len(chosen), 'questionnaire')}, "
            f"{plural(sum(c.questions for c in chosen), 'question')}"
        )
        self.none_message.setVisible(not chosen)
        every = self.model.rowCount()
        self.all_button.setEnabled(every > 0 and len(chosen) < every)
