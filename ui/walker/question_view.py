"""One question at a time: where it sits, the prompt, what to look for and the evidence to
have at hand, the answer control for its type, a note, the follow-up flag and its history.

The view shows a `Step` and the respondent's `GivenAnswer`, and says what the user did
(`answered`, `note_finished`, `flag_toggled`, `history_requested`); it saves nothing and
decides nothing: the page records answers through the core and shows the result here
again with `set_given`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor.content.context import domain_title
from assessor.content.questionnaire import Question, QuestionType, guidance_and_evidence
from assessor.usecases.answering import GivenAnswer
from ui.theme import colours
from ui.walker.answer_controls import (
    NO_EDIT,
    MinorChoices,
    MultiChoice,
    NumberAnswer,
    OptionCards,
    SavingTextEdit,
    TextAnswer,
    WrappedLabel,
)
from ui.walker.tree_marks import paint_flag
from ui.walker.walk import Step

#: Question types answered by picking one option: a pick saves and moves on.
LEVEL_RULE = (
    "Choose the highest level whose every statement is true today; each level includes "
    "the ones before it."
)
SINGLE_PICK = frozenset({QuestionType.MATURITY, QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO})
#: The widest the question column grows: lines longer than this are hard to read.
READING_WIDTH = 780


#: Guidance longer than this opens with its first sentences and "Read more".
GUIDANCE_PREVIEW = 300


def shortened(text: str, limit: int = GUIDANCE_PREVIEW) -> str:
    """The first sentences of a text, up to about `limit` characters, or all of it."""
    if len(text) <= limit * 1.25:  # not worth hiding a line or two
        return text
    cut = text.rfind(". ", 0, limit)
    if cut < limit // 3:
        cut = text.rfind(" ", 0, limit)
        return text[:cut].rstrip(",;:") + "…"
    return text[: cut + 1]


def flag_icon() -> QIcon:
    size = 16
    ratio = 2.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_flag(painter, QRectF(0, 0, size, size), QColor(colours()["warnInk"]))
    painter.end()
    return QIcon(pixmap)


class QuestionView(QWidget):
    """Shows one question and its answer controls; see the module docstring."""

    #: (raw answer, move on): a pick of a single-pick question moves on once saved.
    answered = Signal(object, bool)
    note_finished = Signal()
    flag_toggled = Signal(bool)
    history_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # holds focus between picks
        self.step: Step | None = None
        self.given: GivenAnswer | None = None
        self._watching = False  # the scroll area's viewport, for its width

        outer = QHBoxLayout(self)
        # The scroll area gives the view its height for the width; a minimum height
        # (that of the narrowest width) would make it scroll when everything fits.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(8, 4, 8, 24)
        column = QWidget()
        column.setMaximumWidth(READING_WIDTH)
        outer.addStretch(0)
        outer.addWidget(column, 1)
        outer.addStretch(0)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        crumbs = QHBoxLayout()
        self.breadcrumb = WrappedLabel("breadcrumb")
        self.place = QLabel(objectName="muted")
        crumbs.addWidget(self.breadcrumb, 1)
        crumbs.addWidget(self.place, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(crumbs)
        layout.addSpacing(10)

        self.prompt = WrappedLabel("prompt")
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.prompt)
        layout.addSpacing(10)

        self.guidance = WrappedLabel("guidance")
        layout.addWidget(self.guidance)
        self.more = QPushButton("Read more", objectName="link")
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.setToolTip("Show the whole guidance")
        self.more.setAccessibleName("Read the whole guidance")
        self.more.clicked.connect(self._toggle_guidance)
        more_row = QHBoxLayout()
        more_row.setContentsMargins(0, 2, 0, 0)
        more_row.addWidget(self.more)
        more_row.addStretch(1)
        layout.addLayout(more_row)
        self._guidance = ""
        layout.addSpacing(12)

        self.evidence_box = QFrame(objectName="evidence")
        evidence = QVBoxLayout(self.evidence_box)
        evidence.setContentsMargins(14, 10, 14, 12)
        evidence.setSpacing(4)
        evidence.addWidget(QLabel("Evidence to have at hand", objectName="evidenceTitle"))
        self.evidence = WrappedLabel("evidenceText")
        evidence.addWidget(self.evidence)
        layout.addWidget(self.evidence_box)
        layout.addSpacing(18)

        # The format guide's rule for maturity levels, where the levels are read.
        self.level_rule = WrappedLabel("muted")
        self.level_rule.setText(LEVEL_RULE)
        layout.addWidget(self.level_rule)
        layout.addSpacing(8)

        self.cards = OptionCards()
        self.multi = MultiChoice()
        self.number = NumberAnswer()
        self.text = TextAnswer()
        for control in (self.cards, self.multi, self.number, self.text):
            layout.addWidget(control)
            control.hide()
        layout.addSpacing(10)
        self.minor = MinorChoices()
        layout.addWidget(self.minor)
        layout.addSpacing(22)

        layout.addWidget(QLabel("Note", objectName="fieldLabel"))
        layout.addSpacing(6)
        self.note = SavingTextEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(
            "What you saw, who said it, what to check: the report quotes notes."
        )
        self.note.setAccessibleName("Note")
        self.note.setToolTip("Saved with the answer when you pause or leave the field")
        self.note.setFixedHeight(84)
        self.note.setTabChangesFocus(True)
        layout.addWidget(self.note)
        self.note_hint = WrappedLabel("muted")
        self.note_hint.hide()
        layout.addSpacing(6)
        layout.addWidget(self.note_hint)
        layout.addSpacing(10)

        actions = QHBoxLayout()
        actions.setSpacing(10)
        self.flag = QPushButton("Flag for follow-up")
        self.flag.setObjectName("flagToggle")
        self.flag.setCheckable(True)
        self.flag.setIcon(flag_icon())
        self.flag.setIconSize(QSize(16, 16))
        self.flag.setCursor(Qt.CursorShape.PointingHandCursor)
        self.flag.setToolTip("Mark the question to come back to (Ctrl+F)")
        self.flag.setAccessibleName("Flag for follow-up")
        self.history = QPushButton("History", objectName="link")
        self.history.setCursor(Qt.CursorShape.PointingHandCursor)
        self.history.setToolTip("Every answer given to this question, by whom and when")
        self.history.setAccessibleName("Answer history")
        actions.addWidget(self.flag)
        actions.addWidget(self.history)
        actions.addStretch(1)
        layout.addLayout(actions)
        layout.addStretch(1)

        #: The widgets holding text that changes per question, innermost first.
        self._containers: list[QWidget] = [
            self.cards,
            self.multi,
            self.number,
            self.text,
            self.minor,
            self.evidence_box,
            column,
        ]
        self.cards.picked.connect(lambda option_id: self.answered.emit(option_id, True))
        self.multi.changed.connect(lambda raw: self.answered.emit(raw, False))
        self.number.committed.connect(lambda raw: self.answered.emit(raw, False))
        self.text.committed.connect(lambda raw: self.answered.emit(raw, False))
        self.minor.picked.connect(lambda raw: self.answered.emit(raw, raw is not None))
        self.note.finished.connect(self.note_finished)
        self.flag.clicked.connect(self._name_flag)
        self.flag.clicked.connect(lambda checked: self.flag_toggled.emit(checked))
        self.history.clicked.connect(self.history_requested)

    def minimumSizeHint(self) -> QSize:
        # The height comes from refit(): the hint's would be that of the narrowest width.
        return QSize(super().minimumSizeHint().width(), 0)

    # --- showing --------------------------------------------------------------------------

    @property
    def question(self) -> Question | None:
        return None if self.step is None else self.step.question

    def show_step(self, step: Step, given: GivenAnswer | None, place: tuple[int, int]) -> None:
        same = self.step is not None and self.step.question_id == step.question_id
        self.step = step
        question = step.question
        self.breadcrumb.setText(f"{domain_title(step.questionnaire.domain)} · {step.section.title}")
        number, total = place
        self.place.setText(f"Question {number} of {total}" if total else "")
        if not same:
            self.prompt.setText(question.prompt)
            guidance, evidence = guidance_and_evidence(question.help)
            self._guidance = guidance
            self._show_guidance(full=False)
            self.evidence.setText(evidence)
            self.evidence_box.setVisible(bool(evidence))
            raw = given.raw if given is not None else None
            kind = question.type
            self.cards.setVisible(kind in SINGLE_PICK)
            self.level_rule.setVisible(kind is QuestionType.MATURITY)
            self.multi.setVisible(kind is QuestionType.MULTI)
            self.number.setVisible(kind is QuestionType.NUMBER)
            self.text.setVisible(kind is QuestionType.TEXT)
            if kind in SINGLE_PICK:
                self.cards.show_options(question.options, raw)
            elif kind is QuestionType.MULTI:
                self.multi.show_options(question.options, raw)
            elif kind is QuestionType.NUMBER:
                self.number.show_question(question, raw)
            else:
                self.text.show_question(raw)
            self.minor.show_question(question, raw)
            self.minor.setVisible(question.scored or question.allow_na or given is not None)
            self.note_hint.hide()
            self.note.load(given.note if given is not None else "")
        self.set_given(given, reload_note=not same)

    def _show_guidance(self, full: bool) -> None:
        short = shortened(self._guidance)
        self.guidance.setText(self._guidance if full else short)
        self.guidance.setVisible(bool(self._guidance))
        self.more.setVisible(short != self._guidance)
        self.more.setText("Show less" if full else "Read more")

    def _toggle_guidance(self) -> None:
        self._show_guidance(full=self.guidance.text() != self._guidance)
        self.refit()

    def refit(self, stale: bool = True) -> None:
        """Be as tall as the question needs at the scroll area's width.

        QScrollArea re-reads the height for the width only on a layout request of its
        own, which new text deeper inside does not send, and it keeps any minimum height;
        so the view sets its minimum height itself when its text or the width changes.
        Layouts keep heights per width, and learn of new text one event-loop pass per
        level; `stale` clears them now, so the height is right at once."""
        scroll = self._scroll_area()
        if scroll is None:
            return
        self.ensurePolished()  # new cards take the style sheet's fonts first
        if stale:
            # Innermost first: each clears its parent layout's cached heights.
            for widget in self._containers:
                if not widget.isHidden():
                    widget.updateGeometry()
        height = self.heightForWidth(scroll.viewport().width())
        if height > 0 and height != self.minimumHeight():
            self.setMinimumHeight(height)
            QApplication.postEvent(scroll, QEvent(QEvent.Type.LayoutRequest))

    def _scroll_area(self) -> QScrollArea | None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        if widget is not None and not self._watching:
            widget.viewport().installEventFilter(self)
            self._watching = True
        return widget

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # something inside changed size
            self.refit(stale=False)  # the layouts are up to date by now
        return handled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # a new width: a new height for it
            self.refit(stale=False)
        return False

    def set_given(self, given: GivenAnswer | None, reload_note: bool = True) -> None:
        """Show the saved answer (after a save, an undo, or another screen's change)."""
        self.given = given
        question = self.question
        if question is None:
            return
        raw = given.raw if given is not None else None
        kind = question.type
        if kind in SINGLE_PICK:
            self.cards.set_chosen(raw)
        elif kind is QuestionType.MULTI:
            self.multi.set_chosen(raw)
        elif kind is QuestionType.NUMBER:
            if self.number.pending() is NO_EDIT:
                self.number.set_saved(raw)
        else:
            self.text.set_saved(raw)
        self.minor.set_chosen(raw)
        self.minor.setVisible(question.scored or question.allow_na or given is not None)
        if given is not None:
            self.note_hint.hide()
        if reload_note or not self.note.dirty:
            self.note.load(given.note if given is not None else "")
        self.flag.setChecked(bool(given and given.flagged))
        self._name_flag()
        self.history.setEnabled(given is not None)
        self.refit()

    def show_note_hint(self, text: str) -> None:
        self.note_hint.setText(text)
        self.note_hint.setVisible(bool(text))
        self.refit()

    def focus_answer(self) -> None:
        """Put the keyboard where typing answers the question."""
        kind = self.question.type if self.question is not None else None
        if kind is QuestionType.NUMBER:
            self.number.field.setFocus(Qt.FocusReason.OtherFocusReason)
            self.number.field.selectAll()
        elif kind is QuestionType.TEXT:
            self.text.field.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- what the keyboard does -----------------------------------------------------------

    def pick(self, number: int) -> bool:
        """A digit key: choose option `number`, or tick it on a multi question."""
        kind = self.question.type if self.question is not None else None
        if kind in SINGLE_PICK:
            return self.cards.pick(number)
        if kind is QuestionType.MULTI:
            return self.multi.toggle(number)
        return False

    def pick_minor(self, raw: str) -> bool:
        """ "Don't know" or "Not applicable", where the question offers it."""
        if self.question is None or self.minor.isHidden() or not self.minor.available(raw):
            return False
        self.minor.set_chosen(raw)
        self.answered.emit(raw, True)
        return True

    def pending_answer(self) -> object:
        """A typed number or text not saved yet, or NO_EDIT."""
        kind = self.question.type if self.question is not None else None
        if kind is QuestionType.NUMBER:
            return self.number.pending()
        if kind is QuestionType.TEXT:
            return self.text.pending()
        return NO_EDIT

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def flagged(self) -> bool:
        return self.flag.isChecked()

    def toggle_flag(self) -> bool:
        self.flag.toggle()
        self._name_flag()
        return self.flag.isChecked()

    def _name_flag(self) -> None:
        self.flag.setText(
            "Flagged for follow-up" if self.flag.isChecked() else "Flag for follow-up"
        )
