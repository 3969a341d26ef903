"""Presentation mode: one question at a time, full screen, in type readable from the back
of a room (the prompt at 30 pt, the options at 20 pt and more), for a workshop to answer
and agree on together.

The participants' answers stay hidden until the facilitator reveals them (R), so nobody
anchors on the first answer heard; then each option names who chose it, and the answers
appear side by side with the spread. Keys: R reveal (again: hide), → or Page Down next,
← or Page Up previous (a presenter's clicker sends those), 1–9 agree on an option, A
agree on the answer most participants gave, Esc or F11 leave.

With two screens or more, the window opens on a screen other than the facilitator's
(`presentation_screen`), so the facilitator keeps the walker and the room view. The
order of questions is the walker's (`QuestionWalk`); the words and figures are the
core's (`question_panel`); agreeing is `record_answer(agreed=True)`, announced and undone
like any answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from assessor.content.questionnaire import QuestionType
from assessor.paths import APP_NAME
from assessor.usecases.answering import AnswerSheet, answer_sheet, record_answer
from assessor.usecases.changes import Change, Changes
from assessor.usecases.workshop import QuestionPanel, question_panel
from ui.operations import Core
from ui.session import Session
from ui.walker.walk import QuestionWalk
from ui.workshop.facilitator import PICK_ONE, FittingColumn, spread_text

S = TypeVar("S")
KEYS = (
    "R reveal  ·  → next  ·  ← previous  ·  1–9 agree on an option  ·  "
    "A agree on the majority  ·  Esc leave"
)
#: The widest the names beside an option grow before they wrap.
CHOSEN_WIDTH = 900
#: A text answer longer than this is cut in its card (the walker shows all of it).
CARD_TEXT = 160


def presentation_screen(screens: Sequence[S], facilitator: S | None) -> S | None:
    """Where to present: with two screens or more, one that is not the facilitator's
    (the first such); with one, that one."""
    if not screens:
        return None
    if len(screens) == 1:
        return screens[0]
    others = [screen for screen in screens if screen != facilitator]
    return others[0] if others else screens[1]


def _label(text: str, name: str, wrap: bool = True) -> QLabel:
    label = QLabel(text, objectName=name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _discard(widget: QWidget) -> None:
    """Out of its layout and out of sight now; deleted once the event loop runs."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class OptionRow(QFrame):
    """One option on the big screen: its key, its label and descriptor, and once revealed,
    who chose it; the agreed one stands out."""

    def __init__(self, number: int | None, label: str, descriptor: str) -> None:
        super().__init__()
        self.setObjectName("presentOption")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 24, 10)
        layout.setSpacing(20)
        self.key = QLabel(str(number) if number else "", objectName="presentKey")
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setFixedSize(52, 52)
        self.key.setVisible(number is not None)
        layout.addWidget(self.key, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setContentsMargins(0, 6, 0, 0)  # the label's first line level with the key
        texts.setSpacing(2)
        self.label = _label(label, "presentOptionLabel")
        texts.addWidget(self.label)
        self.descriptor = _label(descriptor, "presentOptionText")
        self.descriptor.setVisible(bool(descriptor))
        texts.addWidget(self.descriptor)
        texts.addStretch(1)
        layout.addLayout(texts, 1)
        side = QHBoxLayout()
        side.setContentsMargins(0, 8, 0, 0)
        side.setSpacing(16)
        self.chosen_by = _label("", "presentChosenBy")
        self.chosen_by.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.chosen_by.setMaximumWidth(CHOSEN_WIDTH)
        self.chosen_by.hide()
        side.addWidget(self.chosen_by, 0, Qt.AlignmentFlag.AlignTop)
        self.agreed = QLabel("Agreed", objectName="presentAgreedChip")
        self.agreed.hide()
        side.addWidget(self.agreed, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(side)

    def show_state(self, agreed: bool, chosen_by: Sequence[str] | None) -> None:
        """`chosen_by` None: the answers are hidden (nothing of them is in the row). Once
        they are revealed, the row drops its descriptor (read by then) to make room for
        the answers below."""
        self.setProperty("agreed", agreed)
        _repolish(self)
        self.agreed.setVisible(agreed)
        names = " · ".join(chosen_by) if chosen_by else ""
        self.chosen_by.setText(names)
        self.chosen_by.setVisible(bool(names))
        if names:  # on one line when it fits, beside the label (which is short by then)
            self.chosen_by.ensurePolished()
            wide = self.chosen_by.fontMetrics().horizontalAdvance(names) + 8
            self.chosen_by.setMinimumWidth(min(wide, CHOSEN_WIDTH))
        self.descriptor.setVisible(bool(self.descriptor.text()) and chosen_by is None)


class PresentationWindow(QWidget):
    """The big screen; see the module docstring. `present()` shows it full screen."""

    #: The question now on the big screen (the facilitator's walker follows).
    question_shown = Signal(str)

    def __init__(
        self,
        session: Session,
        assessment_id: int,
        question_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presentation")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle(f"{APP_NAME} · Presentation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.session = session
        self.assessment_id = assessment_id
        self.question_id = question_id
        self.walk: QuestionWalk | None = None
        self.panel: QuestionPanel | None = None
        self.revealed = False
        self.rows: list[tuple[OptionRow, object]] = []  # the option rows, with their answer

        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 32, 80, 24)
        layout.setSpacing(0)
        top = QHBoxLayout()
        self.where = _label("", "presentWhere")
        self.place = QLabel(objectName="presentWhere")
        top.addWidget(self.where, 1)
        top.addWidget(self.place, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addSpacing(12)
        self.prompt = _label("", "presentPrompt")
        self.prompt.setAccessibleName("Question")
        layout.addWidget(self.prompt)
        layout.addSpacing(20)

        self.options = FittingColumn()
        self.options_box = QVBoxLayout(self.options)
        self.options_box.setContentsMargins(0, 0, 0, 0)
        self.options_box.setSpacing(8)
        self.options_box.addStretch(1)  # rows go above it
        scroll = QScrollArea()
        scroll.setObjectName("presentScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.options)
        self.scroll = scroll
        layout.addWidget(scroll, 1)
        layout.addSpacing(16)

        self.room = QFrame(objectName="presentRoom")
        room = QVBoxLayout(self.room)
        room.setContentsMargins(0, 0, 0, 0)
        room.setSpacing(14)
        self.hint = _label("", "presentHint")
        self.hint.setAccessibleName("Answers")
        room.addWidget(self.hint)
        self.spread = _label("", "presentSpread")
        self.spread.hide()
        room.addWidget(self.spread)
        self.cards_row = QHBoxLayout()
        self.cards_row.setSpacing(16)
        room.addLayout(self.cards_row)
        self.cards: list[QFrame] = []
        layout.addWidget(self.room)
        layout.addSpacing(16)

        foot = QHBoxLayout()
        self.status = QLabel(objectName="presentStatus")
        self.status.setAccessibleName("Status")
        foot.addWidget(self.status, 1)
        self.keys = _label(KEYS, "presentKeys")  # wraps on a small screen
        self.keys.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        foot.addWidget(self.keys, 2)
        layout.addLayout(foot)
        session.changed.connect(self._on_changed)
        self._listening = True
        self._load_sheet()

    # --- opening and leaving -----------------------------------------------------------------

    def present(self, facilitator: QWidget | None = None) -> None:
        """Full screen on another screen than the facilitator's when there is one."""
        mine = facilitator.screen() if facilitator is not None else None
        self.show_on(presentation_screen(QGuiApplication.screens(), mine))

    def show_on(self, screen: QScreen | None) -> None:
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._listening:  # a closed presentation reads nothing more
            self.session.changed.disconnect(self._on_changed)
            self._listening = False
        super().closeEvent(event)

    # --- reading -----------------------------------------------------------------------------

    def _load_sheet(self) -> None:
        assessment_id = self.assessment_id
        self.session.op(
            lambda core: answer_sheet(core.store, core.library, assessment_id), source=self
        ).success(self._sheet_loaded).run()

    def _sheet_loaded(self, sheet: AnswerSheet) -> None:
        self.walk = QuestionWalk(sheet)
        target = self.walk.nearest(self.question_id) if self.question_id else self.walk.first()
        if target is not None:
            self.go_to(target, reveal=self.revealed and target == self.question_id)

    def go_to(self, question_id: str, reveal: bool = False) -> None:
        """Show a question; its answers are hidden again unless `reveal`."""
        moved = question_id != self.question_id
        self.question_id = question_id
        self.revealed = reveal
        if moved:
            self.status.clear()
        assessment_id = self.assessment_id
        self.session.op(
            lambda core: question_panel(core.store, core.library, assessment_id, question_id),
            source=self,
        ).success(self._panel_loaded).run()
        if moved:
            self.question_shown.emit(question_id)

    def _panel_loaded(self, panel: QuestionPanel) -> None:
        if panel.question.id != self.question_id:
            return
        fresh = self.panel is None or self.panel.question.id != panel.question.id
        self.panel = panel
        if fresh:
            self._build_question(panel)
        self._show_room()

    def _build_question(self, panel: QuestionPanel) -> None:
        question = panel.question
        self.where.setText(panel.where)
        if self.walk is not None:
            number, total = self.walk.place_in_questionnaire(question.id)
            self.place.setText(f"Question {number} of {total}" if total else "")
        self.prompt.setText(question.prompt)
        for row, _raw in self.rows:
            _discard(row)
        self.rows = []
        keyed = question.type in PICK_ONE  # digits agree on one option
        if question.options:
            for number, option in enumerate(question.options, 1):
                row = OptionRow(number if keyed and number <= 9 else None, option.label,
                                option.descriptor)  # fmt: skip
                self.rows.append((row, option.id))
        elif question.type is QuestionType.NUMBER:
            unit = f" ({question.unit})" if question.unit else ""
            for band in question.bands:
                row = OptionRow(None, band.label or "", "")
                self.rows.append((row, None))
            self.prompt.setText(question.prompt + unit)
        for position, (row, _raw) in enumerate(self.rows):
            self.options_box.insertWidget(position, row)
            row.show()  # now, not when the event loop gets to it

    def _show_room(self) -> None:
        """The answers, hidden or revealed, and the agreed answer."""
        panel = self.panel
        if panel is None:
            return
        agreed = panel.agreed.raw if panel.agreed else None
        for row, raw in self.rows:
            chosen = panel.chosen_by(raw) if raw is not None else ()
            row.show_state(
                agreed is not None
                and (raw == agreed or (isinstance(agreed, list) and raw in agreed)),
                chosen if self.revealed else None,
            )
        present = [a for a in panel.answers if a.participant.active]
        answered = sum(a.answered for a in present)
        for card in self.cards:
            _discard(card)
        self.cards = []
        if not self.revealed:
            self.hint.setText(
                f"{answered} of {len(present)} have answered  ·  press R to reveal"
                if present
                else "No participants yet: add them in Workshop › Participants"
            )
            self.hint.show()
            self.spread.hide()
        else:
            self.hint.hide()
            text, style = spread_text(panel)
            self.spread.setText(text)
            self.spread.setProperty("spread", style)
            _repolish(self.spread)
            self.spread.show()
            for answer in present:
                self.cards.append(self._card(answer.participant.name, answer.participant.role,
                                             answer.text if answer.answered else ""))  # fmt: skip
            for card in self.cards:
                self.cards_row.addWidget(card, 1)
                card.show()
        if panel.agreed is not None and not self.status.text():
            self.status.setText(f"Agreed: {panel.agreed.text}")

    def _card(self, name: str, role: str, text: str) -> QFrame:
        card = QFrame(objectName="presentAnswer")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 14, 20, 16)
        layout.setSpacing(2)
        layout.addWidget(_label(name, "presentName"))
        if role:
            layout.addWidget(_label(role, "presentRole"))
        layout.addSpacing(6)
        shown = text if len(text) <= CARD_TEXT else text[: CARD_TEXT - 1].rstrip() + "…"
        answer = _label(shown or "Not answered", "presentAnswerText" if text else "presentRole")
        layout.addWidget(answer)
        layout.addStretch(1)
        return card

    def _on_changed(self, changes: Changes[object], source: object) -> None:
        if changes.assessment_id != self.assessment_id:
            return
        if not changes.kinds & {Change.ANSWERS, Change.RESPONDENTS, Change.CONTEXT}:
            return
        self.status.clear()
        self._load_sheet()  # what applies may have changed; the question stays, as revealed

    # --- the keyboard ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text().lower()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
        elif key == Qt.Key.Key_R:
            self.reveal(not self.revealed)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.next()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.previous()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):  # options taller than the screen
            bar = self.scroll.verticalScrollBar()
            step = bar.pageStep() // 2
            bar.setValue(bar.value() + (step if key == Qt.Key.Key_Down else -step))
        elif key == Qt.Key.Key_A:
            self.agree_on_majority()
        elif text.isdigit() and text != "0":
            self.agree_on_option(int(text))
        else:
            super().keyPressEvent(event)

    def reveal(self, on: bool = True) -> None:
        self.revealed = on
        self._show_room()

    def next(self) -> None:
        if self.walk is not None and self.question_id is not None:
            target = self.walk.after(self.question_id)
            if target is not None:
                self.go_to(target)
            else:
                self.status.setText("That was the last question.")

    def previous(self) -> None:
        if self.walk is not None and self.question_id is not None:
            target = self.walk.before(self.question_id)
            if target is not None:
                self.go_to(target)
            else:
                self.status.setText("This is the first question.")

    def agree_on_option(self, number: int) -> None:
        panel = self.panel
        if panel is None:
            return
        if panel.question.type not in PICK_ONE:
            self.status.setText("Agree on this one in the walker (Room view).")
            return
        if not 1 <= number <= len(panel.question.options):
            return
        self._agree(panel.question.options[number - 1].id)

    def agree_on_majority(self) -> None:
        panel = self.panel
        if panel is None:
            return
        if not self.revealed:
            self.status.setText("Reveal the answers first (R).")
            return
        majority = panel.majority
        if majority is None:
            self.status.setText("No majority: agree on an option with 1–9.")
            return
        self._agree(majority)

    def _agree(self, raw: object) -> None:
        panel = self.panel
        if panel is None:
            return
        assessment_id, question_id = self.assessment_id, panel.question.id
        note = panel.agreed.note if panel.agreed else ""

        def agree(core: Core) -> Changes[None]:
            return record_answer(
                core.store, core.library, assessment_id, question_id, raw, note=note, agreed=True
            )

        self.session.op(agree, source=self).run()  # announced: _on_changed shows it
