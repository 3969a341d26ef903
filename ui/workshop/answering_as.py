"""The walker header's workshop controls: whose answers are being entered ("Answering as"
a participant, or "Agreed (facilitator)" for the room's agreed answer, with
"Participants…" at the end of the list), and the room view's toggle.

It shows the `AnswerSheet` it is given and says what the user chose (`chosen`); the
walker reads the chosen respondent's sheet and records with it. Without participants it
shows only a "Participants…" link, the way to start a workshop.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from assessor.usecases.answering import AnswerSheet
from ui.theme import colours

AGREED_TEXT = "Agreed (facilitator)"
MANAGE_TEXT = "Participants…"


class _Picker(QComboBox):
    """A combo box that draws its own chevron, as the wizard's `ChevronCombo` does (the
    style sheet hides Fusion's drop-down button, which shows a stray bevel)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(colours()["muted" if self.isEnabled() else "line"]), 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        x, y = self.width() - 16.0, self.height() / 2.0 - 1.5
        painter.drawPolyline([QPointF(x - 4, y), QPointF(x, y + 4), QPointF(x + 4, y)])
        painter.end()


class AnsweringAs(QWidget):
    """The respondent picker, "Participants…" and "Room view"; see the module docstring."""

    #: (respondent key, agreed): whose answers to enter from now on.
    chosen = Signal(str, bool)
    participants_requested = Signal()
    room_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.label = QLabel("Answering as", objectName="muted")
        self.combo = _Picker(objectName="answeringAs")
        self.combo.setAccessibleName("Answering as")
        self.combo.setToolTip(
            "Whose answers you are entering: one participant's, or the answer the room "
            "agreed on (scoring uses it)"
        )
        # As wide as the longest name (the role is each item's tooltip).
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label.setBuddy(self.combo)
        self.participants = QPushButton("Participants…", objectName="link")
        self.participants.setCursor(Qt.CursorShape.PointingHandCursor)
        self.participants.setToolTip("Add, rename or remove the workshop's participants")
        self.participants.setAccessibleName("Participants")
        self.room = QPushButton("Room view")
        self.room.setObjectName("roomToggle")
        self.room.setCheckable(True)
        self.room.setCursor(Qt.CursorShape.PointingHandCursor)
        self.room.setToolTip(
            "Every participant's answer to this question, the spread, and the agreed answer"
        )
        self.room.setAccessibleName("Room view")
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addWidget(self.room)
        layout.addWidget(self.participants)
        self._choices: list[tuple[str, bool]] = []
        self._texts: list[str] = []
        self._shown: tuple[str, bool] | None = None
        self._compact = False
        self.combo.activated.connect(self._activated)
        self.participants.clicked.connect(self.participants_requested)
        self.room.toggled.connect(self.room_toggled)

    @property
    def workshop(self) -> bool:
        """Whether the assessment has participants (the picker shows)."""
        return len(self._choices) > 1

    def set_compact(self, compact: bool) -> None:
        """In a narrow window the picker goes without its label (it keeps its name)."""
        self._compact = compact
        self.label.setVisible(self.workshop and not compact)

    def show_sheet(self, sheet: AnswerSheet) -> None:
        """Offer the sheet's participants and the agreed answer; select whose it holds."""
        people = sheet.participants
        choices = [(p.key, False) for p in people] + [("", True)]
        texts = [p.name for p in people] + [AGREED_TEXT]  # roles in the tooltips
        current = (sheet.respondent, sheet.agreed)
        if choices != self._choices or texts != self._texts:
            self.combo.blockSignals(True)
            self.combo.clear()
            self.combo.addItems(texts)
            for row, person in enumerate(people):
                tip = f"{person.name}, {person.role}" if person.role else person.name
                self.combo.setItemData(row, tip, Qt.ItemDataRole.ToolTipRole)
            self.combo.setItemData(
                len(people),
                "The room's agreed answer: scoring uses it",
                Qt.ItemDataRole.ToolTipRole,
            )
            self.combo.insertSeparator(len(texts))
            self.combo.addItem(MANAGE_TEXT)  # the dialog, from the list itself
            self.combo.blockSignals(False)
            self._choices, self._texts = choices, texts
        self.combo.setVisible(bool(people))
        self.room.setVisible(bool(people))
        self.participants.setVisible(not people)  # the way to start a workshop
        self.set_compact(self._compact)
        if not people and self.room.isChecked():
            self.room.setChecked(False)
        self._shown = current
        if current in choices:
            self.combo.setCurrentIndex(choices.index(current))
        elif people:
            # The one answered for was removed (or nobody was named): answer as someone
            # present. Later, not now: the walker is still taking this sheet in.
            QTimer.singleShot(0, lambda: self.chosen.emit(people[0].key, False))

    def choose(self, respondent: str, agreed: bool = False) -> bool:
        """Pick a choice as the user would; False when it is not offered."""
        if (respondent, agreed) not in self._choices:
            return False
        self.combo.setCurrentIndex(self._choices.index((respondent, agreed)))
        self._activated(self.combo.currentIndex())
        return True

    def _activated(self, row: int) -> None:
        if row == self.combo.count() - 1 and self.combo.itemText(row) == MANAGE_TEXT:
            if self._shown in self._choices:  # the picker still says whose answers these are
                self.combo.setCurrentIndex(self._choices.index(self._shown))
            self.participants_requested.emit()
        elif 0 <= row < len(self._choices) and self._choices[row] != self._shown:
            respondent, agreed = self._choices[row]
            self.chosen.emit(respondent, agreed)

    def set_room(self, on: bool) -> None:
        self.room.blockSignals(True)
        self.room.setChecked(on)
        self.room.blockSignals(False)
