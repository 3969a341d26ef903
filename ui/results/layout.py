"""Growing inside a scroll area: tell every layout up to the scroll area that a widget's
size changed.

The results page is one long scroll of word-wrapped text, whose layouts answer Qt's
height-for-width questions from a cache; when a widget deep inside changes the height it
asks for (the drill-down opening a domain, a chart loading), that cache above it is not
always dropped, and the widget is squeezed into its old height. Asking each ancestor
again settles it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget


def ask_again_for_room(widget: QWidget) -> None:
    """Make the layouts from `widget` up to its scroll area recompute their sizes."""
    current: QWidget | None = widget
    while current is not None and not isinstance(current, QScrollArea):
        current.updateGeometry()
        current = current.parentWidget()
