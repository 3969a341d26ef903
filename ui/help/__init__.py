"""Help: the bundled user documentation, offline, in a window of its own
(`window.HelpWindow`); `screens` yields it for the screen captures (`make screens`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.session import Session


def screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    """The methodology from its start, and the questionnaire format at a table."""
    from ui.help.window import HelpWindow

    window = HelpWindow()
    window.resize(1100, 760)
    window.show_topic("methodology")
    yield "help-methodology", window
    window.show_topic("questionnaire-format", "question-types")
    yield "help-questionnaire-format", window
    window.close()
