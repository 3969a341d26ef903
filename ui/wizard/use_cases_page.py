"""Page 3 of the new-assessment wizard: the AI use cases the organisation intends, each
with its EU AI Act risk tier, beside a plain-words help on the tiers.

The tiers are the core's (`RISK_TIERS`); what a tier does to targets and verdicts is the
core's too (the planning tier, "not ready" for a prohibited practice): the page only says
so, in words.
"""

from __future__ import annotations

from typing import get_args

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from assessor.content.context import RISK_TIERS, UseCase
from assessor.scoring.scorecard import Verdict
from ui.wizard import styled, vocabulary
from ui.wizard.models import UseCaseTableModel

NOT_READY = get_args(Verdict)[-1]
PROHIBITED = "unacceptable"
HELP_WIDTH = 310


def _tier_combo(accessible: str) -> QComboBox:
    combo = styled.ChevronCombo()
    combo.setAccessibleName(accessible)
    for tier in RISK_TIERS:
        combo.addItem(vocabulary.label(vocabulary.RISK_TIERS, tier), tier)
        combo.setItemData(
            combo.count() - 1,
            vocabulary.explanation(vocabulary.RISK_TIERS, tier),
            Qt.ItemDataRole.ToolTipRole,
        )
    return combo


class TierDelegate(QStyledItemDelegate):
    """Edits a use case's risk tier in the table with a list of the tiers."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = _tier_combo("Risk tier")
        editor.setParent(parent)
        # Committed as soon as a tier is picked, so the warning follows at once.
        editor.activated.connect(lambda _row: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class UseCasesPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Intended AI use cases")
        self.setSubTitle(
            "What the organisation means to use AI for, and the EU AI Act risk tier of each."
        )
        self._edited = False
        self.model = UseCaseTableModel()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(*styled.PAGE_MARGINS)
        layout.setSpacing(18)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self._build_form())
        left.addWidget(self._build_table(), 1)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected use case (Delete)")
        self.remove_button.setAccessibleName("Remove use case")
        self.remove_button.setEnabled(False)
        self.count_label = styled.label(style="muted")
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        self.prohibited_box, self.prohibited_text = self._build_notice()
        left.addWidget(self.prohibited_box)
        layout.addLayout(left, 1)
        help_panel = self._build_help()
        help_panel.setFixedWidth(HELP_WIDTH)
        layout.addWidget(help_panel)

        self.name_edit.textChanged.connect(self._update)
        self.tier_combo.currentIndexChanged.connect(self._update)
        self.add_button.clicked.connect(self.add_from_form)
        self.remove_button.clicked.connect(self.remove_selected)
        self.model.edited.connect(self._user_edited)
        self.model.modelReset.connect(self._update)
        self.model.dataChanged.connect(self._update)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self._update()

    # --- building ------------------------------------------------------------------------

    def _build_form(self) -> QFrame:
        card = styled.frame("card")
        grid = QGridLayout(card)
        grid.setContentsMargins(16, 14, 16, 14)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. Claims triage assistant")
        self.name_edit.setAccessibleName("Use case name")
        self.name_edit.setToolTip("A short name for the use case; Enter adds it")
        self.name_edit.setMaxLength(200)
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText("Optional: what it does, for whom")
        self.description_edit.setAccessibleName("Use case description")
        self.description_edit.setToolTip("A sentence on what the AI does; Enter adds the use case")
        self.description_edit.setMaxLength(5000)
        self.tier_combo = _tier_combo("Risk tier of the new use case")
        self.tier_combo.setToolTip("The use case's category under the EU AI Act (see the right)")
        self.add_button = QPushButton("Add use case")
        self.add_button.setToolTip("Add the use case to the list (Enter)")
        self.add_button.setAccessibleName("Add use case")
        for edit in (self.name_edit, self.description_edit):
            edit.installEventFilter(self)
        name_label = QLabel("&Name")
        name_label.setBuddy(self.name_edit)
        tier_label = QLabel("Risk &tier")
        tier_label.setBuddy(self.tier_combo)
        description_label = QLabel("&Description")
        description_label.setBuddy(self.description_edit)
        grid.addWidget(name_label, 0, 0)
        grid.addWidget(self.name_edit, 0, 1, 1, 3)
        grid.addWidget(description_label, 1, 0)
        grid.addWidget(self.description_edit, 1, 1, 1, 3)
        grid.addWidget(tier_label, 2, 0)
        grid.addWidget(self.tier_combo, 2, 1)
        grid.addWidget(self.add_button, 2, 3)
        self.tier_combo.setMinimumWidth(160)
        grid.setColumnStretch(2, 1)
        return card

    def _build_table(self) -> QFrame:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(UseCaseTableModel.TIER, TierDelegate(self.table))
        self.table.setAccessibleName("Use cases")
        self.table.setToolTip("Double-click or press F2 to change a use case")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setTabKeyNavigation(False)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 130)  # room for the tier list when editing
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.empty_state = styled.label(
            "No use cases yet. That is fine: the targets then follow the lowest tier "
            "(minimal risk). Add the uses the organisation intends, so the targets and "
            "verdicts fit them.",
            "emptyState",
            wrap=True,
        )
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_state)
        card = styled.frame("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(1, 1, 1, 1)
        card_layout.addWidget(self.table_stack)
        return card

    def _build_notice(self) -> tuple[QFrame, QLabel]:
        box = styled.frame("notice")
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(14, 10, 14, 10)
        text = styled.label(style="warning")
        text.setWordWrap(True)
        box_layout.addWidget(text)
        box.hide()
        return box, text

    def _build_help(self) -> QScrollArea:
        panel = styled.frame("tierHelp")
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(16, 14, 12, 14)
        panel_layout.setSpacing(2)
        panel_layout.addWidget(styled.label("The EU AI Act's risk tiers", "sectionTitle"))
        for item in vocabulary.TIER_HELP:
            panel_layout.addSpacing(10)
            panel_layout.addWidget(styled.label(item.heading, "tierHeading", wrap=True))
            panel_layout.addWidget(styled.label(item.meaning, "tierMeaning", wrap=True))
            panel_layout.addWidget(styled.label(item.examples, "tierExamples", wrap=True))
        panel_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("tierHelpScroll")
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setAccessibleName("Help on the EU AI Act's risk tiers")
        return scroll

    # --- values --------------------------------------------------------------------------

    def use_cases(self) -> list[UseCase]:
        return self.model.use_cases()

    def prefill(self, use_cases: list[UseCase]) -> None:
        """Show an earlier assessment's use cases, unless the user has made a list."""
        if not self._edited:
            self.model.set_use_cases(use_cases)

    def has_input(self) -> bool:
        return self._edited or bool(self.name_edit.text().strip())

    # --- actions -------------------------------------------------------------------------

    def add_from_form(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            return
        use_case = UseCase(
            name=name,
            description=self.description_edit.text().strip(),
            risk_tier=self.tier_combo.currentData(),
        )
        row = self.model.add(use_case)
        self.table.selectRow(row)
        self.name_edit.clear()
        self.description_edit.clear()
        self.tier_combo.setCurrentIndex(0)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.model.remove(rows[0].row())

    # --- QWizardPage -----------------------------------------------------------------------

    def first_field(self) -> QWidget:
        return self.name_edit

    # --- behaviour -------------------------------------------------------------------------

    def _user_edited(self) -> None:
        self._edited = True
        self._update()

    def _update(self) -> None:
        count = self.model.rowCount()
        self.table_stack.setCurrentWidget(self.table if count else self.empty_state)
        self.count_label.setText(
            "" if not count else ("1 use case" if count == 1 else f"{count} use cases")
        )
        self.add_button.setEnabled(bool(self.name_edit.text().strip()))
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        prohibited = [u.name for u in self.model.use_cases() if u.risk_tier == PROHIBITED]
        message = ""
        if prohibited:
            names = ", ".join(f"“{name}”" for name in prohibited)
            message = (
                f"{names} would be a prohibited practice: such uses are banned in the EU "
                f"(AI Act Art. 5). The assessment will say “{NOT_READY}” for "
                f"{'it' if len(prohibited) == 1 else 'them'}, whatever the answers."
            )
        elif self.tier_combo.currentData() == PROHIBITED:
            message = (
                "Unacceptable means a prohibited practice, banned in the EU (AI Act Art. 5). "
                f"The assessment will say “{NOT_READY}” for such a use case, whatever the "
                "answers."
            )
        self.prohibited_text.setText(message)
        self.prohibited_box.setVisible(bool(message))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            # Enter in the form adds the use case; with an empty form it goes on to Next.
            if (
                watched in (self.name_edit, self.description_edit)
                and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.name_edit.text().strip()
            ):
                self.add_from_form()
                return True
            if (
                watched is self.table
                and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
                and self.table.state() != QAbstractItemView.State.EditingState
            ):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)
