"""The room view, beside the walker's question: every participant's answer in words, with
their notes, the spread, and the agreed answer with the ways to set it ("Agree on this"
on a participant's answer, or any option from "Agree on…"), which scoring then uses.

It reads the core's `question_panel` for the question the walker shows and again when
answers change; agreeing is `record_answer(agreed=True)`, announced like any answer (so
Edit › Undo takes it back). Nothing here scores or decides.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from assessor.content.questionnaire import QuestionType
from assessor.scoring.answers import DONT_KNOW, NOT_APPLICABLE
from assessor.usecases.answering import record_answer
from assessor.usecases.changes import Change, Changes
from assessor.usecases.workshop import QuestionPanel, RoomAnswer, question_panel
from ui.operations import Core
from ui.session import Session

#: Question types whose agreed answer can be one option picked from a menu.
PICK_ONE = frozenset({QuestionType.MATURITY, QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO})
SHOWN = frozenset({Change.ANSWERS, Change.RESPONDENTS, Change.CONTEXT})


def spread_text(panel: QuestionPanel) -> tuple[str, str]:
    """The spread in words, and the style it is shown in ("divergent", "close", "")."""
    counted = len(panel.counted)
    if counted == 0:
        return "Nobody has answered yet", ""
    if panel.spread is None:
        return ("One answer so far", "") if counted == 1 else ("Not scored: no spread", "")
    if panel.spread == 0:
        return "Everyone gives the same value", "close"
    apart = f"Spread {panel.spread:.2f}{_levels_apart(panel)}"
    if panel.divergent:
        return f"{apart} · the room disagrees", "divergent"
    return f"{apart} · close", "close"


def _levels_apart(panel: QuestionPanel) -> str:
    """ " (3 levels apart)" on a maturity question, whose levels are evenly spaced."""
    question = panel.question
    if question.type is not QuestionType.MATURITY or len(question.options) < 2 or not panel.spread:
        return ""
    steps = panel.spread * (len(question.options) - 1)
    if abs(steps - round(steps)) > 1e-6:
        return ""
    count = round(steps)
    return f" ({count} level{'s' if count != 1 else ''} apart)"


def value_text(panel: QuestionPanel) -> str:
    """What scoring counts for the question, in words."""
    if panel.value is None:
        return ""
    if panel.agreed is not None:
        return f"Scoring uses the agreed answer ({panel.value:.2f})."
    if len(panel.counted) > 1:
        return f"No agreed answer yet: scoring uses the mean, {panel.value:.2f}."
    return f"Scoring uses this answer ({panel.value:.2f})."


def _label(text: str, name: str, wrap: bool = True) -> QLabel:
    label = QLabel(text, objectName=name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FittingColumn(QWidget):
    """A scroll area's column of wrapped text. Its minimum height would be that of its
    narrowest layout (every line wrapped short), which the scroll area takes as the least
    it needs; without it, the scroll area reads the height for the width it has."""

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 0)


class AnswerCard(QFrame):
    """One participant's answer: who, what, their note, and "Agree on this"."""

    agree = Signal(object)

    def __init__(self, answer: RoomAnswer, agreed_raw: object, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("roomAnswer")
        self.answer = answer
        person = answer.participant
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.name = _label(person.name, "roomName")
        top.addWidget(self.name, 1)
        if answer.answered and answer.raw == agreed_raw:
            top.addWidget(
                QLabel("Agreed", objectName="roomAgreedChip"), 0, Qt.AlignmentFlag.AlignTop
            )
        layout.addLayout(top)
        if person.role:
            layout.addWidget(_label(person.role, "detail"))
        layout.addSpacing(4)
        said = QHBoxLayout()
        said.setSpacing(8)
        if not answer.answered:
            self.text = _label("Not answered yet", "quiet")
        else:
            self.text = _label(answer.text, "roomAnswerText")
        said.addWidget(self.text, 1)
        self.agree_button: QPushButton | None = None
        if answer.counted and answer.raw != agreed_raw:
            self.agree_button = QPushButton("Agree on this", objectName="link")
            self.agree_button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.agree_button.setToolTip(f"Make {person.name}'s answer the room's agreed answer")
            self.agree_button.setAccessibleName(f"Agree on {person.name}'s answer")
            self.agree_button.clicked.connect(lambda: self.agree.emit(answer.raw))
            said.addWidget(self.agree_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(said)
        if answer.note:
            layout.addSpacing(2)
            layout.addWidget(_label(f"“{answer.note}”", "roomNote"))
        if answer.answered and not person.active:
            layout.addWidget(_label("Removed from the workshop: not counted", "detail"))
        self.setProperty("removed", not person.active)


class FacilitatorPanel(QFrame):
    """The room's answers to the question the walker shows; see the module docstring."""

    #: The facilitator wants to type the agreed answer in the walker ("Answer as the room").
    answer_as_room = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.session = session
        self.assessment_id: int | None = None
        self.question_id: str | None = None
        self.panel: QuestionPanel | None = None
        self.cards: list[AnswerCard] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(1, 16, 1, 1)
        outer.setSpacing(0)
        head = QVBoxLayout()
        head.setContentsMargins(15, 0, 15, 10)  # level with the cards below
        head.setSpacing(4)
        title_row = QHBoxLayout()
        title_row.setContentsMargins(4, 0, 4, 0)
        title_row.addWidget(QLabel("The room", objectName="sectionTitle"))
        title_row.addStretch(1)
        self.count = QLabel(objectName="muted")
        title_row.addWidget(self.count)
        head.addLayout(title_row)
        self.spread = _label("", "roomSpread")
        self.spread.setAccessibleName("Spread")
        self.spread.setContentsMargins(4, 0, 4, 0)
        head.addWidget(self.spread)
        outer.addLayout(head)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("roomScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = FittingColumn()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(14, 0, 14, 14)
        self.body.setSpacing(8)
        self.answers_box = QVBoxLayout()
        self.answers_box.setSpacing(8)
        self.body.addLayout(self.answers_box)

        self.agreed_box = QFrame(objectName="roomAgreed")
        agreed = QVBoxLayout(self.agreed_box)
        agreed.setContentsMargins(12, 10, 12, 12)
        agreed.setSpacing(4)
        agreed.addWidget(QLabel("Agreed answer", objectName="caption"))
        self.agreed_text = _label("", "roomAnswerText")
        self.agreed_text.setAccessibleName("Agreed answer")
        agreed.addWidget(self.agreed_text)
        self.agreed_note = _label("", "roomNote")
        agreed.addWidget(self.agreed_note)
        self.value = _label("", "detail")
        agreed.addWidget(self.value)
        agreed.addSpacing(4)
        actions = QHBoxLayout()
        actions.setSpacing(6)
        self.pick = QPushButton("Agree on…", objectName="menuButton")
        self.pick.setToolTip("Set the agreed answer to any option")
        self.pick.setAccessibleName("Agree on an option")
        self.pick.setCursor(Qt.CursorShape.PointingHandCursor)
        self.pick_menu = QMenu(self.pick)
        self.pick.setMenu(self.pick_menu)
        self.clear = QPushButton("Clear", objectName="link")
        self.clear.setToolTip("No agreed answer: scoring goes back to the mean of the answers")
        self.clear.setAccessibleName("Clear the agreed answer")
        self.clear.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear.clicked.connect(lambda: self.agree_on(None))
        actions.addWidget(self.pick)
        actions.addWidget(self.clear)
        actions.addStretch(1)
        agreed.addLayout(actions)
        self.type_it = QPushButton("Answer as the room in the walker", objectName="link")
        self.type_it.setToolTip("Switch “Answering as” to Agreed (facilitator), to type or tick it")
        self.type_it.setCursor(Qt.CursorShape.PointingHandCursor)
        self.type_it.clicked.connect(self.answer_as_room)
        agreed.addWidget(self.type_it)
        # The agreed answer stays in sight above the answers, however many there are.
        head.addSpacing(6)
        head.addWidget(self.agreed_box)
        self.body.addStretch(1)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)
        session.changed.connect(self._on_changed)

    # --- showing ----------------------------------------------------------------------------

    def show_question(self, assessment_id: int, question_id: str) -> None:
        """Read and show the room's answers to a question."""
        if (assessment_id, question_id) != (self.assessment_id, self.question_id):
            self.panel = None
        self.assessment_id, self.question_id = assessment_id, question_id
        self.session.op(
            lambda core: question_panel(core.store, core.library, assessment_id, question_id),
            source=self,
        ).success(self._loaded).run()

    def _loaded(self, panel: QuestionPanel) -> None:
        if (panel.assessment_id, panel.question.id) != (self.assessment_id, self.question_id):
            return  # another question was shown meanwhile
        self.panel = panel
        answered = sum(a.answered for a in panel.answers if a.participant.active)
        present = sum(a.participant.active for a in panel.answers)
        self.count.setText(f"{answered} of {present} answered")
        text, style = spread_text(panel)
        self.spread.setText(text)
        self.spread.setProperty("spread", style)
        _repolish(self.spread)
        self._show_cards(panel)
        agreed = panel.agreed
        self.agreed_text.setText(agreed.text if agreed else "None yet")
        self.agreed_text.setObjectName("roomAnswerText" if agreed else "quiet")
        _repolish(self.agreed_text)
        self.agreed_note.setText(f"“{agreed.note}”" if agreed and agreed.note else "")
        self.agreed_note.setVisible(bool(agreed and agreed.note))
        self.value.setText(value_text(panel))
        self.value.setVisible(bool(self.value.text()))
        self.clear.setVisible(agreed is not None)
        self._fill_menu(panel)

    def _show_cards(self, panel: QuestionPanel) -> None:
        for card in self.cards:  # out of sight now, deleted once the event loop runs
            card.hide()
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        agreed_raw = panel.agreed.raw if panel.agreed else None
        for answer in panel.answers:
            card = AnswerCard(answer, agreed_raw)
            card.agree.connect(self.agree_on)
            self.answers_box.addWidget(card)
            card.show()  # now, not when the event loop gets to it
            self.cards.append(card)

    def _fill_menu(self, panel: QuestionPanel) -> None:
        self.pick_menu.clear()
        question = panel.question
        agreed_raw = panel.agreed.raw if panel.agreed else None
        choices: list[tuple[str, object]] = []
        if question.type in PICK_ONE:
            choices = [(f"{n}. {o.label}", o.id) for n, o in enumerate(question.options, 1)]
        if question.scored:
            choices.append(("Don't know", DONT_KNOW))
        if question.allow_na:
            choices.append(("Not applicable", NOT_APPLICABLE))
        for text, raw in choices:
            action = QAction(text, self.pick_menu)
            action.setCheckable(True)
            action.setChecked(raw == agreed_raw)
            action.triggered.connect(lambda _checked=False, r=raw: self.agree_on(r))
            self.pick_menu.addAction(action)
        self.pick.setVisible(question.type in PICK_ONE)
        self.type_it.setVisible(question.type not in PICK_ONE)

    def card_of(self, name: str) -> AnswerCard | None:
        return next((c for c in self.cards if c.answer.participant.name == name), None)

    # --- agreeing ---------------------------------------------------------------------------

    def agree_on(self, raw: object) -> None:
        """Make `raw` the agreed answer (None clears it); scoring then uses it."""
        if self.panel is None or self.assessment_id is None:
            return
        assessment_id, question_id = self.assessment_id, self.panel.question.id
        note = self.panel.agreed.note if self.panel.agreed else ""

        def agree(core: Core) -> Changes[None]:
            return record_answer(
                core.store, core.library, assessment_id, question_id, raw, note=note, agreed=True
            )

        self.session.op(agree, source=self).success(
            lambda _changes: self.show_question(assessment_id, question_id)
        ).run()

    def _on_changed(self, changes: Changes[object], source: object) -> None:
        if source is self or self.assessment_id is None or self.question_id is None:
            return
        if changes.assessment_id != self.assessment_id or not (changes.kinds & SHOWN):
            return
        if changes.question_ids and self.question_id not in changes.question_ids:
            return
        if not self.isHidden():  # a hidden room view reads again when shown
            self.show_question(self.assessment_id, self.question_id)
