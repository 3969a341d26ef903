"""The Workshop menu: Participants…, Room view, Where the room disagrees…, Present.

Each works on the window's current assessment; the window builds the menu from here and
enables it with its other per-assessment actions. Routing stays the window's: a jump
from the divergence list opens the walker there (`open_walker`) with the room view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ui.session import Session

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.walker.page import WalkerPage
    from ui.workshop.divergences import DivergenceDialog
    from ui.workshop.participants import ParticipantsDialog
    from ui.workshop.presentation import PresentationWindow


class WorkshopActions(QObject):
    """The Workshop menu's actions; see the module docstring."""

    def __init__(self, window: MainWindow, session: Session) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.participants_dialog: ParticipantsDialog | None = None
        self.divergence_dialog: DivergenceDialog | None = None
        self.presentation: PresentationWindow | None = None
        self.menu = QMenu("W&orkshop", window)

        def action(text: str, keys: str, tip: str) -> QAction:
            made = QAction(text, window)
            made.setShortcut(QKeySequence(keys))
            made.setStatusTip(tip)
            made.setToolTip(tip)
            self.menu.addAction(made)
            return made

        self.participants_action = action(
            "&Participants…", "Ctrl+Shift+P", "Add, rename or remove the workshop's participants"
        )
        self.room_action = action(
            "&Room view", "Ctrl+Shift+R",
            "Beside each question: every participant's answer, the spread, the agreed answer",
        )  # fmt: skip
        self.room_action.setCheckable(True)
        self.divergences_action = action(
            "Where the room &disagrees…", "Ctrl+Shift+D",
            "The questions answered differently, widest spread first",
        )  # fmt: skip
        self.menu.addSeparator()
        self.present_action = action(
            "&Present", "F11", "One question at a time, full screen, answers hidden until R"
        )
        self.participants_action.triggered.connect(self.open_participants)
        self.room_action.triggered.connect(self.show_room)
        self.divergences_action.triggered.connect(self.open_divergences)
        self.present_action.triggered.connect(self.present)
        self.menu.aboutToShow.connect(self._sync_room)
        self.enable(False)

    @property
    def actions(self) -> list[QAction]:
        return [
            self.participants_action,
            self.room_action,
            self.divergences_action,
            self.present_action,
        ]

    def enable(self, has_assessment: bool) -> None:
        for made in self.actions:
            made.setEnabled(has_assessment)

    def _title(self) -> str:
        page = self._walker_on_current()
        if page is not None and page.sheet is not None:
            return f"{page.sheet.record.client_name} · {page.sheet.record.title}"
        return ""

    def _walker_on_current(self) -> WalkerPage | None:
        """The walker, when it shows the current assessment."""
        page = self.window._walker
        current = self.window.current_assessment
        if page is None or current is None or page.assessment_id != current:
            return None
        return page

    def _sync_room(self) -> None:
        page = self._walker_on_current()
        on_walker = page is not None and self.window.stack.currentWidget() is page
        self.room_action.setChecked(bool(on_walker and page is not None and page.room_on))

    # --- the actions ------------------------------------------------------------------------

    def open_participants(self) -> None:
        current = self.window.current_assessment
        if current is None:
            return
        from ui.workshop.participants import ParticipantsDialog

        dialog = ParticipantsDialog(self.session, current, self._title(), self.window)
        self.participants_dialog = dialog
        dialog.open()

    def show_room(self, on: bool = True) -> None:
        """Room view on (or off), in the walker over the current assessment."""
        current = self.window.current_assessment
        if current is None:
            return
        page = self._walker_on_current()
        if page is None or self.window.stack.currentWidget() is not page:
            self.window.open_walker(current)
        self.window.walker.set_room_visible(on)

    def open_divergences(self) -> None:
        current = self.window.current_assessment
        if current is None:
            return
        from ui.workshop.divergences import DivergenceDialog

        dialog = DivergenceDialog(self.session, current, self._title(), self.window)
        dialog.jump_requested.connect(self.jump)
        self.divergence_dialog = dialog
        dialog.open()

    def jump(self, assessment_id: int, question_id: str) -> None:
        """Show a question in the walker, with the room's answers beside it."""
        self.window.open_walker(assessment_id, question_id)
        self.window.walker.set_room_visible(True)

    def present(self) -> None:
        current = self.window.current_assessment
        if current is None:
            return
        from ui.workshop.presentation import PresentationWindow

        if self.presentation is not None and self.presentation.isVisible():
            self.presentation.close()  # F11 again: leave
            return
        page = self._walker_on_current()
        start = page.current_question_id if page is not None else None
        # A window of its own, owned by the main window: it closes with it.
        shown = PresentationWindow(self.session, current, start, self.window)
        shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        shown.question_shown.connect(lambda qid: self._follow(current, qid))
        shown.destroyed.connect(lambda: setattr(self, "presentation", None))
        self.presentation = shown
        shown.present(self.window)

    def _follow(self, assessment_id: int, question_id: str) -> None:
        """The walker follows the big screen, so the facilitator sees the room view."""
        page = self._walker_on_current()
        if page is not None and page.assessment_id == assessment_id:
            page.show_question(question_id)
