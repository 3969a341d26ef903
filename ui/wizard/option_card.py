"""A large checkable card with a heading and a line of explanation (the app's
`optionCard` button style), for choices that deserve more than a radio button."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.wizard import styled


class OptionCard(QPushButton):
    def __init__(self, heading: str, detail: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optionCard")
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(heading)
        self.setAccessibleDescription(detail)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.heading = styled.label(heading, "sectionTitle")
        self.detail = styled.label(detail, "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        for label in (self.heading, self.detail):
            # The card takes the clicks; the labels only show its text.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)

    def sizeHint(self) -> QSize:
        # A button sizes itself by its own text; this one shows its labels instead.
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def set_detail(self, detail: str) -> None:
        self.detail.setText(detail)
        self.setAccessibleDescription(detail)
