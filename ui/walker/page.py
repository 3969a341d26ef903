"""The questionnaire walker: one question at a time, a navigation tree on the left, the
current domain's live score on the right, and every answer saved as it is given.

The page owns the walking (which question is shown, where Next goes, the keyboard) and
the round trips to the core: each change is one operation (`answer_and_read`) that
records the answer and reads the sheet again, scored once, so one trip both saves and
refreshes; the page then announces the `Changes` itself (the result is a tuple), so other
screens and undo see it. Undo and redo are the session's; the page refreshes from
`session.changed`. The core decides what applies and what scores; the page only shows it.

Keys (also in the footer): 1-9 choose an option (tick it on a multi question), 0 or D
"Don't know", N "Not applicable", Enter or Alt+Right next, Alt+Left previous, Ctrl+F
flag, Ctrl+Z undo, Ctrl+Shift+Z redo. Inside a text field, digits and Enter type; Ctrl+Enter
and Alt+Right still go on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from assessor.content.context import domain_title
from assessor.scoring.answers import DONT_KNOW, NOT_APPLICABLE
from assessor.usecases.answering import AnswerSheet, answer_and_read, answer_sheet
from assessor.usecases.changes import Change, Changes
from ui.operations import Core
from ui.session import Session
from ui.walker.answer_controls import NO_EDIT, repolish
from ui.walker.history_dialog import AnswerHistoryDialog
from ui.walker.question_view import QuestionView, flag_icon
from ui.walker.side_panel import DomainLine, DomainPanel
from ui.walker.tree_marks import StatusDelegate
from ui.walker.tree_model import STATUS_COLUMN, TITLE_COLUMN, QuestionTreeModel, TreeUpdate
from ui.walker.walk import QuestionWalk
from ui.workshop.answering_as import AnsweringAs
from ui.workshop.facilitator import FacilitatorPanel

#: How long the tree says that an answer added questions (or until the next answer).
NOTICE_MS = 6000
#: Up to this many questions the tree opens every section.
SMALL_TREE = 40
#: Below this width the side panel folds into one line above the question.
NARROW_WIDTH = 1100
#: The room view's width; below ROOM_TREE_WIDTH of window, it hides the tree.
ROOM_WIDTH = 360
ROOM_TREE_WIDTH = 1280
KEYS_HINT = (
    "1–9 choose · 0 don't know · N not applicable · Enter next · Alt+← previous · "
    "Ctrl+F flag · Ctrl+Z undo · Ctrl+Shift+Z redo"
)
NOTE_NEEDS_ANSWER = "A note or flag is saved with an answer: answer the question to keep it."
#: What a change must touch for the walker to read its sheet again.
SHOWN_KINDS = frozenset({Change.ANSWERS, Change.CONTEXT, Change.QUESTIONNAIRES, Change.RESPONDENTS})


class WalkerPage(QWidget):
    """Walk through an assessment's questions; see the module docstring."""

    results_requested = Signal(int)
    home_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.session = session
        self.assessment_id: int | None = None
        self.sheet: AnswerSheet | None = None
        self.walk: QuestionWalk | None = None
        self.current: str | None = None
        self._pending_saves = 0
        #: Saves sent and not yet returned: question id -> (raw, note, flagged).
        self._in_flight: dict[str, tuple[object, str, bool]] = {}
        self._announcing = False
        self._syncing_tree = False
        self.history_dialog: AnswerHistoryDialog | None = None  # the last one opened
        #: Whose answers are entered (None: the core's default) and whether agreed ones.
        self.answering_as: tuple[str | None, bool] = (None, False)
        self.room_on = False  # the room view (ui/workshop) instead of the domain panel
        self.participants_dialog: QWidget | None = None  # the last one opened

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.setSpacing(14)
        layout.addLayout(self._build_header())
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self._build_tree_panel())
        body.addLayout(self._build_centre(), 1)
        self.panel = DomainPanel()
        self.panel.setFixedWidth(250)
        body.addWidget(self.panel)
        self.room = FacilitatorPanel(session)
        self.room.setFixedWidth(ROOM_WIDTH)
        self.room.hide()
        self.room.answer_as_room.connect(lambda: self.answer_as("", agreed=True))
        body.addWidget(self.room)
        layout.addLayout(body, 1)
        self.keys_hint = QLabel(KEYS_HINT, objectName="muted")
        self.keys_hint.setAccessibleName("Keyboard shortcuts")
        layout.addWidget(self.keys_hint)
        self.setToolTip("")
        self._build_shortcuts()

        self.notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self.notice_timer.timeout.connect(self._end_notice)
        session.changed.connect(self._on_changed)

    # --- building -------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setSpacing(14)
        self.home_button = QPushButton("← Home")
        self.home_button.setToolTip("Back to your assessments (every answer is already saved)")
        self.home_button.setAccessibleName("Home")
        self.home_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.home_button.clicked.connect(self._go_home)
        header.addWidget(self.home_button, 0, Qt.AlignmentFlag.AlignVCenter)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = QLabel(objectName="pageTitle")
        self.subtitle = QLabel(objectName="subtitle")
        titles.addWidget(self.title)
        # The workshop's "Answering as", Room view and Participants… on the subtitle's line.
        self.answering = AnsweringAs()
        self.answering.chosen.connect(self.answer_as)
        self.answering.room_toggled.connect(self.set_room_visible)
        self.answering.participants_requested.connect(self.open_participants)
        under = QHBoxLayout()
        under.setSpacing(18)
        under.addWidget(self.subtitle)
        under.addWidget(self.answering)
        under.addStretch(1)
        titles.addLayout(under)
        header.addLayout(titles, 1)
        self.save_state = QLabel(objectName="saved")
        self.save_state.setAccessibleName("Save state")
        header.addWidget(self.save_state, 0, Qt.AlignmentFlag.AlignVCenter)
        self.results_button = QPushButton("See results", objectName="primary")
        self.results_button.setToolTip("Scores, blockers and the roadmap so far")
        self.results_button.setAccessibleName("See results")
        self.results_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.results_button.clicked.connect(self._see_results)
        header.addWidget(self.results_button, 0, Qt.AlignmentFlag.AlignVCenter)
        return header

    def _build_tree_panel(self) -> QFrame:
        self.tree_panel = QFrame(objectName="panel")
        self.tree_panel.setFixedWidth(310)
        layout = QVBoxLayout(self.tree_panel)
        layout.setContentsMargins(1, 12, 1, 1)
        layout.setSpacing(8)
        heading = QHBoxLayout()
        heading.setContentsMargins(14, 0, 14, 0)
        heading.addWidget(QLabel("Questions", objectName="sectionTitle"))
        heading.addStretch(1)
        self.tree_count = QLabel(objectName="muted")
        heading.addWidget(self.tree_count)
        layout.addLayout(heading)
        self.notice = QFrame(objectName="notice")
        notice_layout = QVBoxLayout(self.notice)
        notice_layout.setContentsMargins(12, 8, 12, 8)
        self.notice_text = QLabel(objectName="noticeText")
        self.notice_text.setWordWrap(True)
        notice_layout.addWidget(self.notice_text)
        self.notice.hide()
        notice_row = QHBoxLayout()
        notice_row.setContentsMargins(10, 0, 10, 0)
        notice_row.addWidget(self.notice)
        layout.addLayout(notice_row)

        self.tree_model = QuestionTreeModel()
        self.tree = QTreeView()
        self.tree.setObjectName("questionTree")
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)
        self.tree.setAnimated(False)
        self.tree.setAutoScroll(False)  # the page scrolls it (_show_in_tree)
        self.tree.setExpandsOnDoubleClick(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAccessibleName("Questions")
        self.tree.setItemDelegateForColumn(STATUS_COLUMN, StatusDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(STATUS_COLUMN, 68)
        self.tree.selectionModel().currentChanged.connect(self._tree_moved)
        self.tree.clicked.connect(self._tree_clicked)
        layout.addWidget(self.tree, 1)
        return self.tree_panel

    def _build_centre(self) -> QVBoxLayout:
        centre = QVBoxLayout()
        centre.setSpacing(10)
        self.domain_line = DomainLine()
        self.domain_line.hide()
        centre.addWidget(self.domain_line)
        self.view = QuestionView()
        self.question_scroll = QScrollArea()
        self.question_scroll.setObjectName("questionScroll")
        self.question_scroll.setWidgetResizable(True)
        self.question_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.question_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.question_scroll.setWidget(self.view)
        centre.addWidget(self.question_scroll, 1)
        nav = QHBoxLayout()
        nav.setSpacing(10)
        self.previous_button = QPushButton("Previous")
        self.previous_button.setToolTip("The question before (Alt+←)")
        self.previous_button.setAccessibleName("Previous question")
        self.next_button = QPushButton("Next", objectName="primary")
        self.next_button.setToolTip("The next question (Enter or Alt+→)")
        self.next_button.setAccessibleName("Next question")
        for button in (self.previous_button, self.next_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setMinimumWidth(110)
        self.end_text = QLabel(objectName="muted")
        self.end_text.setWordWrap(True)
        self.end_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.end_text, 1)
        nav.addWidget(self.next_button)
        centre.addLayout(nav)

        self.previous_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        self.view.answered.connect(self._answered)
        self.view.note_finished.connect(self._note_finished)
        self.view.flag_toggled.connect(lambda _on: self._flag_changed())
        self.view.history_requested.connect(self.open_history)
        return centre

    def _build_shortcuts(self) -> None:
        def key(sequence: QKeySequence | str, slot: Callable[[], object]) -> None:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        keypad = Qt.KeyboardModifier.KeypadModifier
        for number in range(1, 10):
            digit = Qt.Key(Qt.Key.Key_0.value + number)
            chooses = functools.partial(self.pick, number)
            key(QKeySequence(digit), chooses)
            key(QKeySequence(keypad | digit), chooses)
        for sequence in (QKeySequence(Qt.Key.Key_0), QKeySequence(keypad | Qt.Key.Key_0), "D"):
            key(sequence, lambda: self.view.pick_minor(DONT_KNOW))
        key("N", lambda: self.view.pick_minor(NOT_APPLICABLE))
        for sequence in ("Return", "Enter", "Alt+Right", "Ctrl+Return", "Ctrl+Enter"):
            key(sequence, self.go_next)
        key(QKeySequence(keypad | Qt.Key.Key_Enter), self.go_next)
        key("Alt+Left", self.go_previous)
        key("Ctrl+F", self.toggle_flag)
        key("Ctrl+Z", self.undo)
        for sequence in ("Ctrl+Shift+Z", "Ctrl+Y"):
            key(sequence, self.redo)

    # --- opening --------------------------------------------------------------------------

    def open(self, assessment_id: int, question_id: str | None = None) -> None:
        """Load an assessment and show `question_id`, or the first unanswered question."""
        if assessment_id != self.assessment_id:
            self.answering_as = (None, False)  # the same assessment again: the same person
        self.assessment_id = assessment_id
        self.sheet = self.walk = None
        self.current = None
        self._set_save_state("")
        respondent, agreed = self.answering_as
        self.session.op(
            lambda core: answer_sheet(
                core.store, core.library, assessment_id, respondent, agreed=agreed
            ),
            source=self,
        ).success(lambda sheet: self._opened(assessment_id, sheet, question_id)).run()

    def _opened(self, assessment_id: int, sheet: AnswerSheet, question_id: str | None) -> None:
        if assessment_id != self.assessment_id:
            return  # another assessment was opened meanwhile
        self.view.step = None  # a new sheet: the question is shown afresh
        self._apply_sheet(sheet)
        assert self.walk is not None
        if len(self.walk.applicable) <= SMALL_TREE:
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)  # sections; the current one opens as it is reached
        target = self.walk.nearest(question_id) if question_id else self.walk.first()
        if target is not None:
            self.show_question(target, flush=False)

    @property
    def current_question_id(self) -> str | None:
        return self.current

    # --- moving ---------------------------------------------------------------------------

    def show_question(self, question_id: str, flush: bool = True) -> None:
        """Show a question (saving what was typed on the one before)."""
        if self.walk is None:
            return
        step = self.walk.step(question_id)
        if step is None:
            return
        if flush and question_id != self.current:
            self._flush()
        moved = question_id != self.current
        self.current = question_id
        self.view.show_step(
            step, self.walk.given(question_id), self.walk.place_in_questionnaire(question_id)
        )
        self._select_in_tree(question_id)
        self._show_domain(after_answer=False)
        self._show_room()
        self._update_navigation()
        if moved:
            self.question_scroll.verticalScrollBar().setValue(0)
            self.end_text.clear()
        self.view.focus_answer()

    def go_next(self) -> None:
        if self.walk is None or self.current is None:
            return
        pending = self.view.pending_answer()
        if pending is not NO_EDIT:
            self._record(pending, advance=True)  # moves on once saved
            return
        self._flush()
        following = self.walk.after(self.current)
        if following is not None:
            self.show_question(following, flush=False)
        elif self.assessment_id is not None:
            self.results_requested.emit(self.assessment_id)

    def go_previous(self) -> None:
        if self.walk is None or self.current is None:
            return
        earlier = self.walk.before(self.current)
        if earlier is not None:
            self.show_question(earlier)

    def _advance_from(self, question_id: str) -> None:
        assert self.walk is not None
        following = self.walk.after(question_id)
        if following is not None:
            self.show_question(following, flush=False)
        else:
            answered, applicable = self.walk.answered_count()
            self.end_text.setText(
                "That was the last question. Every question is answered: see the results."
                if answered == applicable
                else f"That was the last question; {applicable - answered} above are "
                "still unanswered (the tree shows which)."
            )

    def _update_navigation(self) -> None:
        assert self.walk is not None
        assert self.current is not None
        self.previous_button.setEnabled(self.walk.before(self.current) is not None)
        last = self.walk.after(self.current) is None
        self.next_button.setText("See results" if last else "Next")
        self.next_button.setToolTip(
            "Scores, blockers and the roadmap (Enter)" if last else "The next question (Enter)"
        )

    def _select_in_tree(self, question_id: str) -> None:
        index = self.tree_model.index_of_question(question_id)
        if not index.isValid():
            return
        self._syncing_tree = True
        try:
            parent = index.parent()
            self.tree.expand(parent.parent())
            self.tree.expand(parent)
            self.tree.setCurrentIndex(index)
            self._show_in_tree(index)
        finally:
            self._syncing_tree = False

    def _show_in_tree(self, index: QModelIndex | QPersistentModelIndex) -> None:
        # Scroll only when the row is out of sight, and then to the middle: walking on
        # then repaints a row or two, not the whole tree, for the next dozen questions.
        if not self.tree.viewport().rect().contains(self.tree.visualRect(index)):
            self.tree.scrollTo(index, QTreeView.ScrollHint.PositionAtCenter)

    def _tree_moved(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object = None
    ) -> None:
        if self._syncing_tree:
            return
        self._show_in_tree(current)
        question_id = self.tree_model.question_id(current)
        if question_id is not None and question_id != self.current:
            self.show_question(question_id)
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)  # keep walking the tree

    def _tree_clicked(self, index: QModelIndex) -> None:
        if self.tree_model.question_id(index) is None:  # a questionnaire or section
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    # --- answering ------------------------------------------------------------------------

    def pick(self, number: int) -> None:
        """A digit key: choose (or tick) option `number` of the question shown."""
        self.view.pick(number)

    def toggle_flag(self) -> None:
        if self.current is not None and not (self.sheet is not None and self.sheet.agreed):
            self.view.toggle_flag()  # agreed answers carry no flag
            self._flag_changed()

    def _answered(self, raw: object, advance: bool) -> None:
        self._record(raw, advance=advance)

    def _note_finished(self) -> None:
        if self.walk is None or self.current is None:
            return
        given = self.walk.given(self.current)
        if given is None:
            self.view.show_note_hint(NOTE_NEEDS_ANSWER if self.view.note_text() else "")
            return
        if self.view.note_text() != given.note:
            self._record(self._current_raw())

    def _flag_changed(self) -> None:
        if self.walk is None or self.current is None:
            return
        given = self.walk.given(self.current)
        if given is None:
            self.view.show_note_hint(NOTE_NEEDS_ANSWER if self.view.flagged() else "")
            return
        if self.view.flagged() != given.flagged:
            self._record(self._current_raw())

    def _current_raw(self) -> object:
        assert self.walk is not None
        assert self.current is not None
        pending = self.view.pending_answer()
        if pending is not NO_EDIT:
            return pending
        given = self.walk.given(self.current)
        return given.raw if given is not None else None

    def _flush(self) -> None:
        """Save what was typed or changed on the question shown and not saved yet."""
        if self.walk is None or self.current is None:
            return
        given = self.walk.given(self.current)
        pending = self.view.pending_answer()
        noted = given is not None and (
            self.view.note_text() != given.note or self.view.flagged() != given.flagged
        )
        if pending is not NO_EDIT or noted:
            self._record(self._current_raw())

    def _record(self, raw: object, advance: bool = False) -> None:
        """Save an answer to the question shown, with the note and flag shown, and read
        the sheet again in the same operation."""
        if self.walk is None or self.current is None or self.assessment_id is None:
            return
        question_id, assessment_id = self.current, self.assessment_id
        respondent, agreed = self.walk.sheet.respondent, self.walk.sheet.agreed
        note, flagged = self.view.note_text(), self.view.flagged()
        given = self.walk.given(question_id)
        unchanged = (
            given.raw == raw and given.note == note and given.flagged == flagged
            if given is not None
            else raw is None
        )
        if unchanged:  # nothing to save (a second Enter, the same card again)
            if advance:
                self._advance_from(question_id)
            return
        if self._in_flight.get(question_id) == (raw, note, flagged):
            return  # the same save is on its way (Enter pressed twice before it came back)
        self._in_flight[question_id] = (raw, note, flagged)

        def save_and_read(core: Core) -> tuple[Changes[None], AnswerSheet]:
            return answer_and_read(
                core.store, core.library, assessment_id, question_id, raw,
                respondent=respondent, note=note, flagged=flagged, agreed=agreed,
            )  # fmt: skip

        self._pending_saves += 1
        self._set_save_state("saving")
        self.session.op(save_and_read, source=self).success(
            lambda result: self._saved(assessment_id, question_id, result, advance)
        ).failure(lambda error: self._not_saved(question_id, error)).run()

    def _saved(
        self,
        assessment_id: int,
        question_id: str,
        result: tuple[Changes[None], AnswerSheet],
        advance: bool,
    ) -> None:
        self._pending_saves -= 1
        self._in_flight.pop(question_id, None)
        if assessment_id != self.assessment_id:
            return
        changes, sheet = result
        update = self._apply_sheet(sheet, after_answer=True)
        self._show_notice(update)
        self._announcing = True  # our own change: already shown, no need to read it again
        try:
            self.session.announce(changes, self)
        finally:
            self._announcing = False
        if self._pending_saves == 0:
            self._set_save_state("saved")
        if self.current != question_id:
            return  # the user moved on meanwhile
        if advance:
            self._advance_from(question_id)
        else:
            self._refresh_current()

    def _not_saved(self, question_id: str, error: BaseException) -> None:
        self._pending_saves -= 1
        self._in_flight.pop(question_id, None)
        self._set_save_state("failed")
        if self.current == question_id and self.walk is not None:
            self.view.set_given(self.walk.given(question_id), reload_note=False)
        self.session.report_error(error)

    # --- refreshing -----------------------------------------------------------------------

    def _apply_sheet(self, sheet: AnswerSheet, after_answer: bool = False) -> TreeUpdate:
        walk = QuestionWalk(sheet)
        self.sheet, self.walk = sheet, walk
        update = self.tree_model.set_sheet(sheet, walk)
        record = sheet.record
        self.title.setText(f"{record.client_name} · {record.title}")
        answered, applicable = walk.answered_count()
        done = "agreed" if sheet.agreed else "answered"
        self.subtitle.setText(f"{answered} of {applicable} questions {done}")
        self.tree_count.setText(f"{answered}/{applicable}")
        self.answering.show_sheet(sheet)
        self.view.flag.setVisible(not sheet.agreed)  # agreed answers carry no flag
        if after_answer:
            self._show_domain(after_answer=True)
        return update

    def _refresh_current(self) -> None:
        """Show the saved state of the question shown (after a save or an undo)."""
        if self.walk is None or self.current is None:
            return
        target = self.walk.nearest(self.current)
        if target is not None and target != self.current:
            self.show_question(target, flush=False)
            return
        step = self.walk.step(self.current)
        if step is not None:
            self.view.show_step(
                step, self.walk.given(self.current), self.walk.place_in_questionnaire(self.current)
            )
        self._update_navigation()

    def _show_domain(self, after_answer: bool) -> None:
        if self.walk is None or self.current is None:
            return
        step = self.walk.step(self.current)
        if step is None:
            return
        domain_id = step.questionnaire.domain
        domain = self.walk.sheet.scorecard.domain(domain_id)
        title = domain_title(domain_id)
        self.panel.show_domain(domain, self.walk.sheet.scorecard, title, after_answer)
        self.domain_line.show_domain(domain, title)

    def _show_notice(self, update: TreeUpdate) -> None:
        """Say for a few seconds (or until the next answer) what the answer added."""
        parts = []
        if update.added:
            count = len(update.added)
            parts.append(f"{count} question{'s' if count != 1 else ''} added by your answer")
        if update.removed:
            count = len(update.removed)
            parts.append(
                f"{count} question{'s' if count != 1 else ''} no longer "
                f"appl{'y' if count != 1 else 'ies'}"
            )
        self.tree_model.mark_new(update.added)
        if not parts:
            self._end_notice()
            return
        self.notice_text.setText("; ".join(parts) + ".")
        self.notice.show()
        for question_id in update.added:
            index = self.tree_model.index_of_question(question_id)
            self.tree.expand(index.parent())
        self.notice_timer.start()

    def _end_notice(self) -> None:
        self.notice_timer.stop()
        self.notice.hide()
        self.tree_model.mark_new(())

    def _on_changed(self, changes: Changes[object], _source: object) -> None:
        """Another screen, or an undo or redo, changed something this page shows."""
        if self._announcing or self.assessment_id is None:
            return
        if changes.assessment_id != self.assessment_id or not (changes.kinds & SHOWN_KINDS):
            return
        answers = Change.ANSWERS in changes and changes.question_ids
        focus = changes.question_ids[0] if answers else None
        assessment_id = self.assessment_id
        respondent = self.sheet.respondent if self.sheet is not None else None
        agreed = self.sheet is not None and self.sheet.agreed
        self.session.op(
            lambda core: answer_sheet(
                core.store, core.library, assessment_id, respondent, agreed=agreed
            ),
            source=self,
        ).success(lambda sheet: self._reloaded(assessment_id, sheet, focus)).run()

    def _reloaded(self, assessment_id: int, sheet: AnswerSheet, focus: str | None) -> None:
        if assessment_id != self.assessment_id:
            return
        self._apply_sheet(sheet, after_answer=True)
        assert self.walk is not None
        target = self.walk.nearest(focus or self.current or "") or self.walk.first()
        if target is None:
            return
        if target == self.current:
            self.view.set_given(self.walk.given(target), reload_note=True)
            self._update_navigation()
        else:
            self.show_question(target, flush=False)
        self._set_save_state("saved")

    # --- undo, history, leaving -----------------------------------------------------------

    def undo(self) -> None:
        if self.session.undo_text:
            self._flush()
            self.session.undo(self)

    def redo(self) -> None:
        if self.session.redo_text:
            self.session.redo(self)

    # --- the workshop (ui/workshop): whose answers, the room view -------------------------

    def answer_as(self, respondent: str, agreed: bool = False) -> None:
        """Enter one participant's answers from now on, or the room's agreed answers."""
        if self.assessment_id is None or self.sheet is None:
            return
        if (respondent, agreed) == (self.sheet.respondent, self.sheet.agreed):
            return
        self._flush()  # what was typed is saved as the one who typed it
        self.answering_as = (respondent, agreed)
        assessment_id = self.assessment_id
        self.session.op(
            lambda core: answer_sheet(
                core.store, core.library, assessment_id, respondent, agreed=agreed
            ),
            source=self,
        ).success(lambda sheet: self._answering_as(assessment_id, sheet)).run()

    def _answering_as(self, assessment_id: int, sheet: AnswerSheet) -> None:
        self._reloaded(assessment_id, sheet, None)
        self.view.focus_answer()  # the keys answer for the new respondent at once

    def set_room_visible(self, on: bool) -> None:
        """The room view (every participant's answer, the agreed one) beside the question."""
        self.room_on = on
        self.answering.set_room(on)
        self.room.setVisible(on)
        self._fit_sides(self.width())
        self._show_room()

    def _show_room(self) -> None:
        if self.room_on and self.assessment_id is not None and self.current is not None:
            self.room.show_question(self.assessment_id, self.current)

    def _fit_sides(self, width: int) -> None:
        """The domain panel, or the room view, or one line; a tree as wide as fits."""
        narrow = width < NARROW_WIDTH
        self.answering.set_compact(narrow)
        self.panel.setVisible(not narrow and not self.room_on)
        self.domain_line.setVisible(narrow or self.room_on)
        self.tree_panel.setVisible(not self.room_on or width >= ROOM_TREE_WIDTH)
        roomy = width >= ROOM_TREE_WIDTH + 250  # room for the full tree beside the room view
        self.tree_panel.setFixedWidth(250 if narrow or (self.room_on and not roomy) else 310)

    def open_participants(self) -> None:
        if self.assessment_id is None:
            return
        from ui.workshop.participants import ParticipantsDialog

        title = f"{self.sheet.record.client_name} · {self.sheet.record.title}" if self.sheet else ""
        dialog = ParticipantsDialog(self.session, self.assessment_id, title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.participants_dialog = dialog
        dialog.open()

    def open_history(self) -> None:
        if self.walk is None or self.current is None or self.assessment_id is None:
            return
        step = self.walk.step(self.current)
        if step is None:
            return
        dialog = AnswerHistoryDialog(
            self.session, self.assessment_id, step.question, self.walk.sheet.respondents, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        dialog.open()

    def _go_home(self) -> None:
        self._flush()
        self.home_requested.emit()

    def _see_results(self) -> None:
        self._flush()
        if self.assessment_id is not None:
            self.results_requested.emit(self.assessment_id)

    def _set_save_state(self, state: str) -> None:
        texts = {
            "": ("", "saved"),
            "saving": ("Saving…", "saving"),
            "saved": (f"Saved {datetime.now():%H:%M}", "saved"),
            "failed": ("Not saved", "warning"),
        }
        text, name = texts[state]
        self.save_state.setText(text)
        if self.save_state.objectName() != name:
            self.save_state.setObjectName(name)
            repolish(self.save_state)
        self.save_state.setToolTip(
            "Every answer is saved as you give it" if state == "saved" else ""
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the system switched theme
            self.tree_model.restyle()
            self.view.flag.setIcon(flag_icon())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_sides(event.size().width())


def _settle(session: Session) -> None:
    """Wait for the worker's queued operations and deliver their results (screens only)."""
    while session.worker.busy:
        session.worker.wait()
        QApplication.processEvents()
    QApplication.processEvents()


def screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    """The walker in the states worth looking at, over the demo assessment: a maturity, a
    single-choice (or yes/partial/no), a multi, a number and a text question, one with a
    flag and a note, the same at 900 px wide, and the answer history dialog."""
    sheet: AnswerSheet = session.call(
        lambda core: answer_sheet(core.store, core.library, assessment_id)
    )
    walk = QuestionWalk(sheet)
    steps = walk.applicable_steps()

    def first(kind: str, plain: bool = True) -> str | None:
        for step in steps:
            given = sheet.answers.get(step.question_id)
            noted = given is not None and (given.note or given.flagged)
            if step.question.type.value == kind and (not plain or not noted):
                return step.question_id
        return None

    flagged = next(
        (s.question_id for s in steps if (g := sheet.answers.get(s.question_id)) and g.flagged),
        None,
    )
    longest = max(
        steps,
        key=lambda s: max((len(o.descriptor) for o in s.question.options), default=0),
    ).question_id
    wanted = [
        ("walker-maturity", first("maturity"), (1200, 800)),
        ("walker-single", first("single") or first("yes_partial_no"), (1200, 800)),
        ("walker-multi", first("multi"), (1200, 800)),
        ("walker-number", first("number"), (1200, 800)),
        ("walker-text", first("text"), (1200, 800)),
        ("walker-flag-and-note", flagged, (1200, 800)),
        ("walker-narrow-long-descriptors", longest, (900, 800)),
    ]
    page: WalkerPage | None = None
    for name, question_id, size in wanted:
        if question_id is None:
            continue
        page = WalkerPage(session)
        page.resize(*size)
        page.open(assessment_id, question_id)
        _settle(session)
        page.show()
        _settle(session)
        if name == "walker-flag-and-note":  # the note and the flag sit below the options
            bar = page.question_scroll.verticalScrollBar()
            bar.setValue(bar.maximum())
        yield name, page
    if page is not None:
        history_on = next(
            (s.question_id for s in steps if s.question_id == "GOV-09"), flagged or longest
        )
        page.show_question(history_on)
        page.open_history()
        _settle(session)
        dialog = page.history_dialog
        assert dialog is not None
        dialog.hide()  # shown as a widget to grab, not as an open dialog
        dialog.resize(860, 440)
        yield "walker-history", dialog
        dialog.close()
