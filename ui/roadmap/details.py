"""The selected card in full: why it is on the plan, and what can be done to it.

The reasons are the core's (`BoardCard.reasons`): the question, the answers given to it,
and the domain's level against its target, each with a way into the walker.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
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
from ui.roadmap.model import EFFORT_WORDS, marks_of
from ui.theme import colours


def current_theme_name() -> str | None:
    app = QApplication.instance()
    theme = app.property("assessorTheme") if app is not None else None
    return str(theme) if theme else None


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else ""


def card_html(card: BoardCard, board: Board, c: dict[str, str]) -> str:
    """The card in full, as rich text (every piece of user text escaped)."""
    e = html.escape
    planned, item = card.plan_item, card.plan_item.item
    head = e(item.id) + (f" &nbsp;·&nbsp; {e(card.domain_title)}" if card.domain_title else "")
    parts = [
        f"<div style='color:{c['muted']}; font-weight:600; font-size:9.5pt'>{head}</div>",
        f"<div style='font-size:13pt; font-weight:600; margin-top:4px'>{e(item.title)}</div>",
    ]
    marks = " &nbsp;·&nbsp; ".join(e(words) for words, _kind in marks_of(card))
    if marks:
        parts.append(f"<div style='color:{c['muted']}; margin-top:2px'>{marks}</div>")

    def field(title: str, body: str, colour: str = "") -> None:
        style = f" style='color:{colour}'" if colour else ""
        parts.append(f"<div style='font-weight:600; margin-top:10px'>{e(title)}</div>")
        parts.append(f"<div{style}>{body}</div>")

    field("Phase", e(f"{PHASE_TITLES[item.phase]}. {_sentence(item.phase_rule)}"))
    field("Owner", e(item.owner or "No owner yet"))
    field("Effort and impact", e(f"{EFFORT_WORDS.get(item.effort, item.effort)} effort, "
                                 f"{item.impact} impact"))  # fmt: skip
    if card.deadline:
        field("Deadline", e(card.deadline), c["warnInk"])
    if item.actions:
        field("Actions", "<br>".join(f"•&nbsp; {e(a)}" for a in item.actions))
    for title, ids in (("Depends on", item.depends_on), ("Needed by", item.needed_by)):
        if ids:
            named = [f"{i}: {o.plan_item.item.title}" if (o := board.card(i)) else i for i in ids]
            field(title, "<br>".join(e(n) for n in named))
    parts.append("<div style='font-weight:600; margin-top:14px'>Why it is on the plan</div>")
    if not card.reasons:
        why = ("Added by the consultant." if planned.custom else
               "Needed by the items above." if item.needed_by else
               "Kept from an earlier plan: the answers no longer call for it.")  # fmt: skip
        parts.append(f"<div style='color:{c['muted']}'>{why}</div>")
    for reason in card.reasons:
        answered = "; ".join(reason.answers) if reason.answers else "Not answered yet"
        level = ("not assessed" if reason.current_level is None
                 else f"level {reason.current_level}")  # fmt: skip
        blocker = " &nbsp;·&nbsp; a blocker" if reason.blocker else ""
        parts.append(
            f"<div style='margin-top:8px'><a href='question:{e(reason.question_id)}' "
            f"style='color:{c['accent']}; font-weight:600; text-decoration:none'>"
            f"{e(reason.question_id)} ›</a></div>"
            f"<div>{e(reason.prompt)}</div>"
            f"<div style='color:{c['muted']}; font-size:9.5pt'>Answered: {e(answered)}<br>"
            f"Domain at {level}, target {reason.target_level}{blocker}</div>"
        )
    return "".join(parts)


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
        body = QVBoxLayout(holder)
        body.setContentsMargins(20, 18, 20, 18)
        # One rich-text label: quick to fill on every selection, links for the questions.
        self.text = QLabel()
        self.text.setObjectName("cardDetails")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.linkActivated.connect(self._link)
        body.addWidget(self.text)
        body.addStretch(1)
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

    def _link(self, href: str) -> None:
        if href.startswith("question:"):
            self.walk_requested.emit(href.removeprefix("question:"))

    @staticmethod
    def _button(text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def show_card(self, card: BoardCard | None, board: Board | None) -> None:
        if card is not None and card == self.card:
            return  # the same card, as it was: keep the panel (and where it is scrolled)
        self.card = card
        self.actions_row.setVisible(card is not None)
        if card is None or board is None:
            self.text.setText(
                "<p>Select a card to see why it is on the plan and what it asks for.</p>"
            )
            return
        self.text.setText(card_html(card, board, colours(current_theme_name())))
        planned, item = card.plan_item, card.plan_item.item

        self.move_menu.clear()
        for phase in PHASES:
            action = QAction(PHASE_TITLES[phase], self.move_menu)
            action.setEnabled(phase != item.phase)
            action.triggered.connect(lambda _=False, p=phase: self.move_requested.emit(p))
            self.move_menu.addAction(action)
        self.hide_button.setText("Show" if planned.hidden else "Hide")
        self.remove_button.setEnabled(planned.custom or not planned.triggered)
