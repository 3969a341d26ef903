"""The column the workshop's dialogs share."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout


def dialog_layout(dialog: QDialog, heading: str, subtitle: str, intro: str) -> QVBoxLayout:
    """The workshop dialogs' column: a heading, the assessment's title, a short intro."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(24, 20, 24, 16)
    layout.setSpacing(10)
    layout.addWidget(QLabel(heading, objectName="sectionTitle"))
    if subtitle:
        layout.addWidget(QLabel(subtitle, objectName="muted"))
    words = QLabel(intro, objectName="quiet")
    words.setWordWrap(True)
    layout.addWidget(words)
    layout.addSpacing(4)
    return layout
