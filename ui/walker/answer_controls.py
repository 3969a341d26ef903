"""The answer controls of one question, one kind per question type, each saying what the
user chose as the raw answer the core takes (an option id, a list of ids, a number, text,
"dont_know", "n/a"; None clears).

- `OptionCards`: maturity, single and yes/partial/no options as large checkable cards;
- `MultiChoice`: tick boxes, where an exclusive option ("None of these") unticks the
  others (presentation only: the core checks the answer again);
- `NumberAnswer`: a spin box with the unit, and the question's bands as a hint;
- `TextAnswer`: free text;
- `MinorChoices`: "Don't know" and "Not applicable", below any of them.

Controls are built once and refilled for each question (a pool of cards and rows), so
walking from question to question creates no widgets. None of them saves anything: the
page does, through the core.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QMouseEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from assessor.content.questionnaire import Option, Question
from assessor.scoring.answers import DONT_KNOW, NOT_APPLICABLE


class _NoEdit:
    """The value of `pending()` when the user changed nothing since the last save."""

    def __repr__(self) -> str:
        return "NO_EDIT"


NO_EDIT = _NoEdit()
#: How long typing may pause before a text answer or a note is saved.
TYPING_PAUSE_MS = 1200


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class WrappedLabel(QLabel):
    """A word-wrapped plain-text label that remembers its height for each width.

    Layouts ask a wrapped label its height for a width six to nine times per pass, and
    each answer costs a full text layout; remembering them halves the time from one
    question to the next."""

    def __init__(self, object_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._heights: dict[int, int] = {}

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def clear(self) -> None:
        self.setText("")

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()  # a style sheet's font makes every height stale
        super().changeEvent(event)


def _wrapped_label(object_name: str) -> QLabel:
    label = WrappedLabel(object_name)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _key_badge() -> QLabel:
    badge = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
    badge.setObjectName("optionKey")
    badge.setFixedSize(26, 26)
    badge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return badge


class _HeightForWidthButton(QPushButton):
    """A push button whose size is that of the layout of labels inside it, so wrapped
    text is never clipped (QPushButton alone sizes itself to its own one-line text)."""

    def _inner(self) -> QLayout:
        layout = self.layout()
        assert layout is not None, "the subclass gives the button its layout"
        return layout

    def sizeHint(self) -> QSize:
        return self._inner().totalSizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._inner().totalMinimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._inner().totalHeightForWidth(width)


class OptionCard(_HeightForWidthButton):
    """One option as a large checkable card: its key, its label in bold, its descriptor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optionCard")
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 12, 16, 12)
        layout.setSpacing(14)
        self.key = _key_badge()
        layout.addWidget(self.key, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(3)
        self.label = _wrapped_label("optionLabel")
        self.descriptor = _wrapped_label("optionDescriptor")
        texts.addWidget(self.label)
        texts.addWidget(self.descriptor)
        layout.addLayout(texts, 1)
        self.option_id = ""
        self.toggled.connect(self._show_chosen)

    def set_option(self, number: int, option: Option) -> None:
        self.option_id = option.id
        self.key.setText(str(number) if number <= 9 else "")
        self.label.setText(option.label)
        self.descriptor.setText(option.descriptor)
        self.descriptor.setVisible(bool(option.descriptor))
        self.setAccessibleName(f"{number}. {option.label}")
        self.setAccessibleDescription(option.descriptor)
        self.setToolTip(f"Press {number} to choose" if number <= 9 else "")
        self._relayout()

    def _relayout(self) -> None:
        # New text in the labels: the card's cached height for its width is stale.
        self._inner().invalidate()
        self.updateGeometry()

    def _show_chosen(self, checked: bool) -> None:
        self.key.setProperty("chosen", checked)
        repolish(self.key)


class OptionCards(QWidget):
    """The options of a single-pick question; `picked` carries the option id."""

    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.cards: list[OptionCard] = []
        self._count = 0

    def show_options(self, options: Sequence[Option], chosen: object) -> None:
        while len(self.cards) < len(options):
            card = OptionCard(self)
            card.clicked.connect(lambda _checked=False, c=card: self._clicked(c))
            self._layout.addWidget(card)
            self.cards.append(card)
        for number, (card, option) in enumerate(zip(self.cards, options, strict=False), 1):
            card.set_option(number, option)
            card.show()
        for card in self.cards[len(options) :]:
            card.hide()
        self._count = len(options)
        self.set_chosen(chosen)

    @property
    def shown_cards(self) -> list[OptionCard]:
        return self.cards[: self._count]

    def set_chosen(self, chosen: object) -> None:
        for card in self.shown_cards:
            card.setChecked(card.option_id == chosen)

    def pick(self, number: int) -> bool:
        """Choose the option with this number key (1-based); False when there is none."""
        if not 1 <= number <= self._count:
            return False
        self._clicked(self.cards[number - 1])
        return True

    def _clicked(self, card: OptionCard) -> None:
        self.set_chosen(card.option_id)  # at once, before the save comes back
        self.picked.emit(card.option_id)


class _MultiRow(QFrame):
    """One option of a multi question: a tick box, its label and descriptor; a click
    anywhere on the row ticks it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("multiOption")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 16, 10)
        layout.setSpacing(12)
        self.key = _key_badge()
        self.box = QCheckBox()
        self.box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.key, 0, Qt.AlignmentFlag.AlignTop)
        tick = QVBoxLayout()
        tick.setContentsMargins(0, 4, 0, 0)  # level with the label's first line
        tick.addWidget(self.box)
        tick.addStretch(1)
        layout.addLayout(tick)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.label = _wrapped_label("optionLabel")
        self.descriptor = _wrapped_label("optionDescriptor")
        texts.addWidget(self.label)
        texts.addWidget(self.descriptor)
        layout.addLayout(texts, 1)
        self.option_id = ""
        self.exclusive = False
        self.box.toggled.connect(self._show_ticked)

    def set_option(self, number: int, option: Option) -> None:
        self.option_id = option.id
        self.exclusive = option.exclusive
        self.key.setText(str(number) if number <= 9 else "")
        self.label.setText(option.label)
        self.descriptor.setText(option.descriptor)
        self.descriptor.setVisible(bool(option.descriptor))
        self.box.setAccessibleName(option.label)
        self.box.setAccessibleDescription(option.descriptor)
        tip = f"Press {number} to tick or untick" if number <= 9 else ""
        if option.exclusive:
            tip += "\nTicking this unticks the others"
        self.box.setToolTip(tip.strip())
        self.setToolTip(tip.strip())
        layout = self.layout()
        if layout is not None:
            layout.invalidate()
        self.updateGeometry()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.box.click()
            return
        super().mouseReleaseEvent(event)

    def _show_ticked(self, ticked: bool) -> None:
        self.setProperty("ticked", ticked)
        self.key.setProperty("chosen", ticked)
        repolish(self)
        repolish(self.key)


class MultiChoice(QWidget):
    """The tick boxes of a multi question; `changed` carries the ticked ids (None when
    none is ticked: the question is unanswered again)."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.rows: list[_MultiRow] = []
        self._count = 0
        self._loading = False

    @property
    def shown_rows(self) -> list[_MultiRow]:
        return self.rows[: self._count]

    def show_options(self, options: Sequence[Option], chosen: object) -> None:
        while len(self.rows) < len(options):
            row = _MultiRow(self)
            row.box.clicked.connect(lambda _checked=False, r=row: self._ticked(r))
            self._layout.addWidget(row)
            self.rows.append(row)
        for number, (row, option) in enumerate(zip(self.rows, options, strict=False), 1):
            row.set_option(number, option)
            row.show()
        for row in self.rows[len(options) :]:
            row.hide()
        self._count = len(options)
        self.set_chosen(chosen)

    def set_chosen(self, chosen: object) -> None:
        ticked = set(chosen) if isinstance(chosen, list) else set()
        self._loading = True
        try:
            for row in self.shown_rows:
                row.box.setChecked(row.option_id in ticked)
        finally:
            self._loading = False

    def ticked(self) -> list[str]:
        return [row.option_id for row in self.shown_rows if row.box.isChecked()]

    def toggle(self, number: int) -> bool:
        if not 1 <= number <= self._count:
            return False
        self.rows[number - 1].box.click()
        return True

    def _ticked(self, row: _MultiRow) -> None:
        if self._loading:
            return
        if row.box.isChecked():
            # An exclusive option ("None of these") and the others cannot be ticked together.
            for other in self.shown_rows:
                if other is not row and (row.exclusive or other.exclusive):
                    other.box.setChecked(False)
        ticked = self.ticked()
        self.changed.emit(ticked or None)


def _leaves_undo_to_page(event: QEvent, can_undo: bool, can_redo: bool) -> bool:
    """True for Ctrl+Z (Ctrl+Shift+Z) when the field has no typing to take back: the
    key then undoes the last answer instead of doing nothing."""
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    return (event.matches(QKeySequence.StandardKey.Undo) and not can_undo) or (
        event.matches(QKeySequence.StandardKey.Redo) and not can_redo
    )


class _NumberField(QDoubleSpinBox):
    """A spin box that writes 12 rather than 12.00, and can show no number at all."""

    def event(self, event: QEvent) -> bool:
        edit = self.lineEdit()
        if _leaves_undo_to_page(event, edit.isUndoAvailable(), edit.isRedoAvailable()):
            event.ignore()
            return False
        return super().event(event)

    def textFromValue(self, value: float) -> str:
        text = f"{value:.{self.decimals()}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text


class NumberAnswer(QWidget):
    """A number with its unit; `committed` carries it when the user leaves the field."""

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.field = _NumberField()
        self.field.setObjectName("numberAnswer")
        self.field.setDecimals(2)
        self.field.setMinimumWidth(180)
        self.field.setAccessibleName("Your answer, as a number")
        self.field.setToolTip("Type the number, then press Enter to go on")
        self.field.setKeyboardTracking(True)
        row.addWidget(self.field)
        self.unit = QLabel(objectName="muted")
        row.addWidget(self.unit)
        row.addStretch(1)
        layout.addLayout(row)
        self.bands = WrappedLabel("muted")
        layout.addWidget(self.bands)
        self._saved: object = None
        self._typed = False
        self._loading = False
        self.field.lineEdit().textEdited.connect(self._edited)
        self.field.editingFinished.connect(self._finished)

    def show_question(self, question: Question, raw: object) -> None:
        self._loading = True
        try:
            lowest = question.bands[0].min if question.bands else None
            self.field.setRange(lowest if lowest is not None else 0.0, 1e12)
            self.unit.setText(question.unit)
            self.unit.setVisible(bool(question.unit))
            self.bands.setText(_bands_hint(question))
            self.set_saved(raw)
        finally:
            self._loading = False

    def set_saved(self, raw: object) -> None:
        self._saved = raw
        self._typed = False
        self._loading = True
        try:
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                self.field.setValue(float(raw))
            else:
                self.field.setValue(self.field.minimum())
                self.field.clear()  # no number yet: an empty field, not a made-up zero
        finally:
            self._loading = False

    def pending(self) -> object:
        """The number typed since the last save, or NO_EDIT."""
        if not self._typed:
            return NO_EDIT
        self.field.interpretText()
        value = self.field.value()
        number: object = int(value) if value.is_integer() else value
        return NO_EDIT if number == self._saved else number

    def _edited(self, _text: str) -> None:
        if not self._loading:
            self._typed = True

    def _finished(self) -> None:
        # A field hidden because another question is shown loses focus too: its number
        # was saved before the move, and must not be given to the new question.
        pending = self.pending()
        if pending is not NO_EDIT and self.isVisible():
            self.committed.emit(pending)


def _bands_hint(question: Question) -> str:
    """The question's bands in words: "under 3: Under 3 days · 3 to under 10: ..."."""
    parts = []
    for band in question.bands:
        if band.min is None and band.max is not None:
            span = f"under {band.max:g}"
        elif band.max is None and band.min is not None:
            span = f"{band.min:g} or more"
        elif band.min is not None and band.max is not None:
            span = f"{band.min:g} to under {band.max:g}"
        else:
            span = "any number"
        parts.append(f"{span}: {band.label}" if band.label else span)
    if not parts:
        return ""
    unit = f" ({question.unit})" if question.unit else ""
    return f"How numbers are read{unit}: " + " · ".join(parts)


class SavingTextEdit(QPlainTextEdit):
    """A text field that says when the user is done with it: on leaving it, or after a
    pause in typing (`finished`); loading text from the store does not count."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.dirty = False
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._finish)
        self.textChanged.connect(self._typed)

    def event(self, event: QEvent) -> bool:
        document = self.document()
        if _leaves_undo_to_page(event, document.isUndoAvailable(), document.isRedoAvailable()):
            event.ignore()
            return False
        return super().event(event)

    def load(self, text: str) -> None:
        self._loading = True
        try:
            if self.toPlainText() != text:
                self.setPlainText(text)
                self.moveCursor(QTextCursor.MoveOperation.End)  # typing adds to the end
            # The typing of an answer already saved is not for Ctrl+Z to take back: that
            # undoes answers (the field is reused from question to question).
            self.document().clearUndoRedoStacks()
            self.dirty = False
            self._pause.stop()
        finally:
            self._loading = False

    def _typed(self) -> None:
        if not self._loading:
            self.dirty = True
            self._pause.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._finish()

    def _finish(self) -> None:
        self._pause.stop()
        if self.dirty:
            self.finished.emit()


class TextAnswer(QWidget):
    """Free text; `committed` carries it (None when emptied) after a pause or on leaving."""

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = SavingTextEdit()
        self.field.setObjectName("textAnswer")
        self.field.setPlaceholderText("Type your answer. It is saved as you go.")
        self.field.setAccessibleName("Your answer")
        self.field.setToolTip("Saved when you pause or leave the field; Ctrl+Enter goes on")
        self.field.setMinimumHeight(140)
        self.field.setTabChangesFocus(True)
        layout.addWidget(self.field)
        self._saved: object = None
        self.field.finished.connect(self._finished)

    def show_question(self, raw: object) -> None:
        self.set_saved(raw)

    def set_saved(self, raw: object) -> None:
        self._saved = raw
        if not self.field.dirty or raw == self._text():
            self.field.load(raw if isinstance(raw, str) else "")

    def _text(self) -> object:
        text = self.field.toPlainText()
        return text if text.strip() else None

    def pending(self) -> object:
        if not self.field.dirty:
            return NO_EDIT
        text = self._text()
        return NO_EDIT if text == self._saved else text

    def _finished(self) -> None:
        pending = self.pending()
        if pending is not NO_EDIT and self.isVisible():  # see NumberAnswer._finished
            self.field.dirty = False
            self.committed.emit(pending)


class MinorChoices(QWidget):
    """ "Don't know" (scored questions), "Not applicable" (where allowed) and "Clear
    answer" (once answered), smaller than the options; `picked` carries the raw answer
    ("dont_know", "n/a", or None to clear)."""

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.dont_know = self._button(
            "Don't know", DONT_KNOW, "Press 0: counts as a gap until someone finds out"
        )
        self.not_applicable = self._button(
            "Not applicable", NOT_APPLICABLE, "Press N: leaves the question out of the score"
        )
        layout.addWidget(self.dont_know)
        layout.addWidget(self.not_applicable)
        layout.addStretch(1)
        self.clear = QPushButton("Clear answer", objectName="link")
        self.clear.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear.setToolTip("Make the question unanswered again (the history keeps it)")
        self.clear.setAccessibleName("Clear answer")
        self.clear.clicked.connect(lambda: self.picked.emit(None))
        layout.addWidget(self.clear)

    def _button(self, text: str, raw: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("minorChoice")
        button.setCheckable(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.clicked.connect(lambda _checked=False: self._clicked(raw))
        return button

    def show_question(self, question: Question, raw: object) -> None:
        self.dont_know.setVisible(question.scored)
        self.not_applicable.setVisible(question.allow_na)
        self.set_chosen(raw)

    def set_chosen(self, raw: object) -> None:
        self.dont_know.setChecked(raw == DONT_KNOW)
        self.not_applicable.setChecked(raw == NOT_APPLICABLE)
        self.clear.setVisible(raw is not None)

    def available(self, raw: str) -> bool:
        button = self.dont_know if raw == DONT_KNOW else self.not_applicable
        return not button.isHidden()

    def _clicked(self, raw: str) -> None:
        self.set_chosen(raw)
        self.picked.emit(raw)
