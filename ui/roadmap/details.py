"""The selected card in full: why it is on the plan, and what can be done to it.

The reasons are the core's (`BoardCard.reasons`): the question, the answers given to it,
and the domain's level against its target, each with a way into the walker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor.scoring.roadmap import PHASE_TITLES, PHASES
from assessor.usecases.board import Board, BoardCard
from ui.results.cards import label
from ui.roadmap.model import EFFORT_WORDS, marks_of


def _clear(layout: QVBoxLayout) -> None:
    """Remove every row of the panel (rows are widgets, spacings and stretches)."""
    while layout.count():
        child = layout.takeAt(0)
        widget = child.widget() if child is not None else None
        if widget is not None:
            widget.hide()  # at once: deleting waits for the event loop
            widget.deleteLater()


class CardDetails(QFrame):
    """The side panel of the board; see the module docstring."""

    walk_requested = Signal(str)  # question id
    edit_requested = Signal()
    hide_requested = Signal()
    remove_requested = Signal()
    move_requested = Signal(str)  # phase

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.card: BoardCard | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroller)
        holder = QWidget()
        self.body = QVBoxLayout(holder)
        self.body.setContentsMargins(20, 18, 20, 18)
        self.body.setSpacing(8)
        scroller.setWidget(holder)

        self.actions_row = QWidget()
        row = QHBoxLayout(self.actions_row)
        row.setContentsMargins(16, 10, 16, 14)
        row.setSpacing(8)
        self.edit_button = self._button("Edit…", "Edit the title, owner and actions (Enter)")
        self.edit_button.clicked.connect(self.edit_requested)
        self.move_button = self._button("Move to", "Move the card to another phase (Ctrl+← →)")
        self.move_button.setObjectName("menuButton")
        self.move_menu = QMenu(self.move_button)
        self.move_button.setMenu(self.move_menu)
        self.hide_button = self._button("Hide", "Hide the card from the plan and report (H)")
        self.hide_button.clicked.connect(self.hide_requested)
        self.remove_button = self._button("Remove", "Remove a custom or untriggered card (Del)")
        self.remove_button.clicked.connect(self.remove_requested)
        for button in (self.edit_button, self.move_button, self.hide_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        outer.addWidget(self.actions_row)
        self.show_card(None, None)

    @staticmethod
    def _button(text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def show_card(self, card: BoardCard | None, board: Board | None) -> None:
        self.card = card
        _clear(self.body)
        self.actions_row.setVisible(card is not None)
        if card is None or board is None:
            empty = "Select a card to see why it is on the plan and what it asks for."
            self.body.addWidget(label(empty, "emptyState", wrap=True))
            self.body.addStretch(1)
            return
        planned, item = card.plan_item, card.plan_item.item
        self.body.addWidget(label(item.id + ("  ·  " + card.domain_title if card.domain_title
                                             else ""), "caption"))  # fmt: skip
        self.body.addWidget(label(item.title, "sectionTitle", wrap=True))
        marks = "  ·  ".join(words for words, _kind in marks_of(card))
        if marks:
            self.body.addWidget(label(marks, "muted"))
        self._field("Phase", f"{PHASE_TITLES[item.phase]}. {item.phase_rule[:1].upper()}"
                             f"{item.phase_rule[1:]}.")  # fmt: skip
        self._field("Owner", item.owner or "No owner yet")
        self._field("Effort and impact", f"{EFFORT_WORDS.get(item.effort, item.effort)} effort, "
                                         f"{item.impact} impact")  # fmt: skip
        if card.deadline:
            self._field("Deadline", card.deadline, "warning")
        if item.actions:
            self._field("Actions", "\n".join(f"•  {a}" for a in item.actions))
        for title, ids in (("Depends on", item.depends_on), ("Needed by", item.needed_by)):
            if ids:
                named = [f"{i}: {c.plan_item.item.title}" if (c := board.card(i)) else i
                         for i in ids]  # fmt: skip
                self._field(title, "\n".join(named))
        self.body.addSpacing(6)
        self.body.addWidget(label("Why it is on the plan", "fieldLabel"))
        if not card.reasons:
            why = ("Added by the consultant." if planned.custom else
                   "Needed by the items above." if item.needed_by else
                   "Kept from an earlier plan: the answers no longer call for it.")  # fmt: skip
            self.body.addWidget(label(why, "muted", wrap=True))
        for reason in card.reasons:
            link = QPushButton(f"{reason.question_id}  ›")
            link.setObjectName("link")
            link.setCursor(Qt.CursorShape.PointingHandCursor)
            link.setToolTip(f"Open {reason.question_id} in the questions")
            link.setAccessibleName(f"Go to question {reason.question_id}")
            link.clicked.connect(lambda _=False, q=reason.question_id: self.walk_requested.emit(q))
            self.body.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
            self.body.addWidget(label(reason.prompt, "guidance", wrap=True))
            answered = "; ".join(reason.answers) if reason.answers else "Not answered yet"
            level = ("not assessed" if reason.current_level is None
                     else f"level {reason.current_level}")  # fmt: skip
            extra = "  ·  a blocker" if reason.blocker else ""
            words = f"Answered: {answered}\nDomain at {level}, target {reason.target_level}{extra}"
            self.body.addWidget(label(words, "detail", wrap=True))
        self.body.addStretch(1)

        self.move_menu.clear()
        for phase in PHASES:
            action = QAction(PHASE_TITLES[phase], self.move_menu)
            action.setEnabled(phase != item.phase)
            action.triggered.connect(lambda _=False, p=phase: self.move_requested.emit(p))
            self.move_menu.addAction(action)
        self.hide_button.setText("Show" if planned.hidden else "Hide")
        self.remove_button.setEnabled(planned.custom or not planned.triggered)

    def _field(self, title: str, text: str, name: str = "") -> None:
        self.body.addWidget(label(title, "fieldLabel"))
        value: QLabel = label(text, name, wrap=True)
        self.body.addWidget(value)
