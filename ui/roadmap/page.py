"""The roadmap board: the plan's four phases as columns of cards, and the selected card in
full beside them.

It reads the core's `roadmap_board` in one operation and changes the plan only through
the core's plan use-cases (`edit_item`, `add_custom_item`, `remove_item`), each of which
returns its undo, so every edit survives rescoring and shows in `assessor roadmap`. A move
is drawn only once the core has stored it; a refused move (a prerequisite, a deadline)
leaves the card where it was and says why above the board.

Keyboard: ←/→ go from column to column, ↑/↓ from card to card, Ctrl+←/→ move the card,
Enter edits, H hides or shows, Del removes, Insert adds an item.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor.errors import AssessorError
from assessor.scoring.roadmap import PHASE_TITLES, PHASES, Phase
from assessor.usecases.board import (
    Board,
    BoardCard,
    edit_and_read,
    neighbour_phase,
    roadmap_board,
)
from assessor.usecases.changes import Change, Changes
from assessor.usecases.roadmap_edits import add_custom_item, remove_item
from ui.operations import Core
from ui.refresh import ReloadWhenShown
from ui.results.cards import label
from ui.roadmap.delegate import CardDelegate
from ui.roadmap.details import CardDetails
from ui.roadmap.item_dialog import ItemDialog, ItemWords
from ui.roadmap.model import PhaseModel
from ui.session import Session

SHOWN = frozenset({Change.ROADMAP, Change.ANSWERS, Change.SCORES, Change.CONTEXT,
                   Change.ASSESSMENTS})  # fmt: skip
ALL = ""
HINT = ("Drag a card to another phase, or select it and press Ctrl+← or Ctrl+→.  "
        "Enter edits · H hides · Del removes · Insert adds")  # fmt: skip


class PhaseList(QListView):
    """One column's cards, with the board's keys."""

    step_focus = Signal(int)  # -1: the column to the left, +1: to the right
    move_step = Signal(int)
    edit_requested = Signal()
    hide_requested = Signal()
    remove_requested = Signal()
    add_requested = Signal()

    def __init__(self, model: PhaseModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardList")
        self.setModel(model)
        self.cards = CardDelegate(self)
        self.setItemDelegate(self.cards)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        # Lay out the cards in batches: the first ones show before a long column is done.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(16)
        self.setSpacing(0)
        self.setAccessibleName(f"{PHASE_TITLES[model.phase]} cards")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            (self.move_step if ctrl else self.step_focus).emit(step)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.edit_requested.emit()
        elif key == Qt.Key.Key_H and not ctrl:
            self.hide_requested.emit()
        elif key == Qt.Key.Key_Delete:
            self.remove_requested.emit()
        elif key == Qt.Key.Key_Insert:
            self.add_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class PhaseColumn(QFrame):
    def __init__(self, phase: Phase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardColumn")
        self.phase = phase
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 12, 10, 4)
        layout.setSpacing(4)
        self.title = label(PHASE_TITLES[phase], "sectionTitle")
        self.count = label("", "muted", wrap=True)
        self.count.setMinimumWidth(60)  # the columns share the width equally
        layout.addWidget(self.title)
        layout.addWidget(self.count)
        layout.addSpacing(6)
        self.model = PhaseModel(phase, self)
        self.list = PhaseList(self.model)
        layout.addWidget(self.list, 1)


class RoadmapPage(QWidget):
    """The board of one assessment; see the module docstring."""

    walk_requested = Signal(int, str)  # assessment id, question id
    results_requested = Signal(int)
    home_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.session = session
        self.assessment_id: int | None = None
        self.board: Board | None = None
        self.selected: str | None = None
        self.when_shown = ReloadWhenShown(self, self.reload)
        self.dialog: ItemDialog | None = None
        self._build()
        session.changed.connect(self._on_changed)

    # --- building -------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 18, 28, 18)
        outer.setSpacing(12)
        back = QHBoxLayout()
        self.back = QPushButton("‹  Results")
        self.back.setObjectName("link")
        self.back.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back.setToolTip("Back to this assessment's results")
        self.back.setAccessibleName("Back to Results")
        self.back.clicked.connect(self._back)
        back.addWidget(self.back)
        back.addStretch(1)
        outer.addLayout(back)

        header = QHBoxLayout()
        header.setSpacing(16)
        titles = QVBoxLayout()
        titles.setSpacing(3)
        self.client = label("", "subtitle")
        self.title = label("Loading the roadmap…", "pageTitle", wrap=True)
        self.summary = label("", "muted")
        for widget in (self.client, self.title, self.summary):
            titles.addWidget(widget)
        header.addLayout(titles, 1)
        self.add_button = QPushButton("Add item…")
        self.add_button.setObjectName("primary")
        self.add_button.setToolTip("Add an item of your own to the plan (Insert)")
        self.add_button.setMinimumHeight(34)
        self.add_button.clicked.connect(lambda: self.add_item())
        header.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(header)

        filters = QHBoxLayout()
        filters.setSpacing(10)
        self.owner_filter = QComboBox()
        self.owner_filter.setAccessibleName("Show the cards of one owner")
        self.owner_filter.setMinimumContentsLength(18)
        self.domain_filter = QComboBox()
        self.domain_filter.setAccessibleName("Show the cards of one domain")
        self.domain_filter.setMinimumContentsLength(18)
        self.show_hidden = QCheckBox("Show hidden cards")
        owner_label = QLabel("&Owner")
        owner_label.setBuddy(self.owner_filter)
        domain_label = QLabel("&Domain")
        domain_label.setBuddy(self.domain_filter)
        for widget in (owner_label, self.owner_filter, domain_label, self.domain_filter,
                       self.show_hidden):  # fmt: skip
            filters.addWidget(widget)
        filters.addStretch(1)
        outer.addLayout(filters)
        self.owner_filter.currentIndexChanged.connect(self._refilter)
        self.domain_filter.currentIndexChanged.connect(self._refilter)
        self.show_hidden.toggled.connect(self._refilter)

        self.notice = QFrame()
        self.notice.setObjectName("notice")
        notice_row = QHBoxLayout(self.notice)
        notice_row.setContentsMargins(14, 8, 8, 8)
        self.notice_text = label("", "noticeText", wrap=True)
        notice_row.addWidget(self.notice_text, 1)
        dismiss = QPushButton("Dismiss")
        dismiss.setObjectName("link")
        dismiss.clicked.connect(self.notice.hide)
        notice_row.addWidget(dismiss)
        self.notice.hide()
        outer.addWidget(self.notice)

        body = QHBoxLayout()
        body.setSpacing(12)
        self.columns: dict[Phase, PhaseColumn] = {}
        for phase in PHASES:
            column = PhaseColumn(phase)
            self.columns[phase] = column
            body.addWidget(column, 1)
            view = column.list
            column.model.move_dropped.connect(self.move_card)
            view.selectionModel().currentChanged.connect(
                lambda current, _previous, p=phase: self._current_changed(p, current)
            )
            view.clicked.connect(lambda index, p=phase: self._current_changed(p, index))
            view.step_focus.connect(lambda step, p=phase: self._step_focus(p, step))
            view.move_step.connect(lambda step, p=phase: self._move_step(p, step))
            view.edit_requested.connect(self.edit_selected)
            view.hide_requested.connect(self.toggle_hidden)
            view.remove_requested.connect(self.remove_selected)
            view.add_requested.connect(lambda p=phase: self.add_item(p))
        self.details = CardDetails()
        self.details.setMinimumWidth(350)
        self.details.setMaximumWidth(420)
        self.details.walk_requested.connect(self._walk)
        self.details.edit_requested.connect(self.edit_selected)
        self.details.hide_requested.connect(self.toggle_hidden)
        self.details.remove_requested.connect(self.remove_selected)
        self.details.move_requested.connect(self._move_selected)
        body.addWidget(self.details, 1)
        outer.addLayout(body, 1)
        self.hint = label(HINT, "detail")
        outer.addWidget(self.hint)

    # --- loading --------------------------------------------------------------------

    def open(self, assessment_id: int) -> None:
        if assessment_id != self.assessment_id:
            self.board = None
            self.selected = None
            self.notice.hide()
            self.title.setText("Loading the roadmap…")
            for column in self.columns.values():
                column.model.set_cards([])
        self.assessment_id = assessment_id
        self.reload()

    def reload(self) -> None:
        if self.assessment_id is None:
            return
        aid = self.assessment_id
        self.when_shown.loaded()
        self.session.op(lambda core: roadmap_board(core.store, core.library, aid)).success(
            lambda board: self.show_board(board) if aid == self.assessment_id else None
        ).run()

    def show_board(self, board: Board) -> None:
        self.board = board
        record = board.record
        self.client.setText(record.client_name)
        self.title.setText(f"Roadmap: {record.title}")
        visible = board.plan.visible()
        quick = sum(1 for p in visible if p.item.quick_win)
        blockers = sum(1 for p in visible if p.item.blocker)
        edited = sum(1 for p in board.plan.items if p.edited or p.custom)
        hidden = len(board.plan.items) - len(visible)
        parts = [f"{len(visible)} items", f"{quick} quick wins", f"{blockers} blockers",
                 f"{edited} edited or added"]  # fmt: skip
        if hidden:
            parts.append(f"{hidden} hidden")
        self.summary.setText("  ·  ".join(parts))
        if not board.cards:
            self.summary.setText(board.plan.message or "No items on the plan yet.")
        self._fill_filter(self.owner_filter, "All owners", [(o, o) for o in board.owners])
        self._fill_filter(self.domain_filter, "All domains", list(board.domains))
        self._refilter()

    @staticmethod
    def _fill_filter(combo: QComboBox, everything: str, choices: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, ALL)
        for value, words in choices:
            combo.addItem(words, value)
        found = combo.findData(chosen)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def _passes(self, card: BoardCard) -> bool:
        item = card.plan_item.item
        owner, domain = self.owner_filter.currentData(), self.domain_filter.currentData()
        return (
            (not card.plan_item.hidden or self.show_hidden.isChecked())
            and (not owner or item.owner == owner)
            and (not domain or item.domain == domain)
        )

    def _refilter(self) -> None:
        board = self.board
        if board is None:
            return
        capacity = board.plan.capacity
        for phase, column in self.columns.items():
            cards = [c for c in board.phase(phase) if self._passes(c)]
            if cards != column.model.cards:  # a move redraws two columns, not four
                column.model.set_cards(cards)
            every = [c for c in board.phase(phase) if not c.plan_item.hidden]
            over = phase != "beyond" and len(every) > capacity
            count = f"{len(every)} items" + (f" · more than its {capacity}" if over else "")
            if len(cards) != len(every):
                count = f"{len(cards)} shown of {count}"
            column.count.setText(count)
        self._select(self.selected)

    # --- selection ------------------------------------------------------------------

    def _current_changed(self, phase: Phase, index: QModelIndex) -> None:
        card = self.columns[phase].model.card_at(index.row()) if index.isValid() else None
        if card is None:
            return
        self.selected = card.id
        for other, column in self.columns.items():
            if other != phase:
                column.list.selectionModel().clearSelection()
        self.details.show_card(card, self.board)

    def _select(self, item_id: str | None, focus: bool = False) -> None:
        """Select a card wherever it is now; show nothing when it is filtered out."""
        for column in self.columns.values():
            row = column.model.row_of(item_id) if item_id else None
            if row is None:
                column.list.selectionModel().clearSelection()
                continue
            index = column.model.index(row)
            column.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            column.list.scrollTo(index)
            if focus:
                column.list.setFocus()
            self.details.show_card(column.model.cards[row], self.board)
            return
        self.details.show_card(None, self.board)

    def selected_card(self) -> BoardCard | None:
        return self.board.card(self.selected) if self.board and self.selected else None

    def _step_focus(self, phase: Phase, step: int) -> None:
        target = neighbour_phase(phase, step)
        while target is not None and not self.columns[target].model.cards:
            target = neighbour_phase(target, step)
        if target is None:
            return
        row = self.columns[phase].list.currentIndex().row()
        column = self.columns[target]
        index = column.model.index(min(max(row, 0), len(column.model.cards) - 1))
        column.list.setFocus()
        column.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _move_selected(self, phase: str) -> None:
        if self.selected is not None:
            self.move_card(self.selected, phase)

    def _move_step(self, phase: Phase, step: int) -> None:
        card = self.selected_card()
        target = neighbour_phase(phase, step)
        if card is not None and target is not None:
            self.move_card(card.id, target)

    # --- changes through the core ---------------------------------------------------

    def _change(self, function: Callable[[Core], Changes[Any] | tuple[Changes[Any], Board]],
                select: str | None, on_refused: Callable[[str], None] | None = None,
                on_done: Callable[[], None] | None = None) -> None:  # fmt: skip
        """Run one plan use-case and read the board again, in one round trip (an edit
        returns the board itself: `edit_and_read`)."""
        aid = self.assessment_id
        if aid is None:
            return

        def work(core: Core) -> tuple[Changes[Any], Board]:
            result = function(core)
            if isinstance(result, tuple):
                return result
            return result, roadmap_board(core.store, core.library, aid)

        def done(result: tuple[Changes[Any], Board]) -> None:
            changes, board = result
            self.session.announce(changes, self)
            self.notice.hide()
            if on_done is not None:
                on_done()
            new = select or (changes.value if isinstance(changes.value, str) else None)
            self.selected = new or self.selected
            if aid == self.assessment_id:
                self.show_board(board)
                self._select(self.selected, focus=True)

        def refused(error: BaseException) -> None:
            if not isinstance(error, AssessorError):
                self.session.report_error(error)
            elif on_refused is not None:
                on_refused(str(error))
            else:
                self.say(str(error))

        self.session.op(work, source=self).success(done).failure(refused).run()

    def say(self, message: str) -> None:
        """A refusal, above the board, until the next change or Dismiss."""
        self.notice_text.setText(message)
        self.notice.show()

    def move_card(self, item_id: str, phase: str) -> None:
        aid = self.assessment_id
        card = self.board.card(item_id) if self.board else None
        if aid is None or card is None or card.phase == phase:
            return
        self._change(
            lambda core: edit_and_read(core.store, core.library, aid, item_id, phase=phase),
            item_id,
        )

    def toggle_hidden(self) -> None:
        card, aid = self.selected_card(), self.assessment_id
        if card is None or aid is None:
            return
        hide = not card.plan_item.hidden
        if hide and not self.show_hidden.isChecked():
            self.selected = None  # it leaves the board
        self._change(
            lambda core: edit_and_read(core.store, core.library, aid, card.id, hidden=hide),
            card.id if not hide or self.show_hidden.isChecked() else None,
        )

    def remove_selected(self) -> None:
        card, aid = self.selected_card(), self.assessment_id
        if card is None or aid is None:
            return
        if card.plan_item.triggered and not card.plan_item.custom:
            self.say(f"{card.id} is still called for by the answers: hide it instead (H), or "
                     "change the answers behind it.")  # fmt: skip
            return
        self.selected = None
        self._change(lambda core: remove_item(core.store, core.library, aid, card.id), None)

    def edit_selected(self) -> None:
        card = self.selected_card()
        if card is not None and self.board is not None:
            self._open_dialog(ItemDialog(card, self.board.owners, self.board.domains,
                                         parent=self))  # fmt: skip

    def add_item(self, phase: Phase = "now") -> None:
        if self.board is not None:
            self._open_dialog(ItemDialog(None, self.board.owners, self.board.domains, phase,
                                         parent=self))  # fmt: skip

    def _open_dialog(self, dialog: ItemDialog) -> None:
        self.dialog = dialog
        dialog.save_requested.connect(lambda words: self._save(dialog, words))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _save(self, dialog: ItemDialog, words: ItemWords) -> None:
        aid, card = self.assessment_id, dialog.card
        if aid is None:
            return
        if card is None:
            self._change(
                lambda core: add_custom_item(
                    core.store, core.library, aid, title=words.title, phase=words.phase,
                    owner=words.owner, actions=words.actions, effort=words.effort,
                    impact=words.impact, domain=words.domain,
                ),
                None, dialog.refuse, dialog.accept,
            )  # fmt: skip
            return
        item = card.plan_item.item
        changed: dict[str, Any] = {}
        if words.title != item.title:
            changed["title"] = words.title
        if words.owner != item.owner:
            changed["owner"] = words.owner
        if tuple(words.actions) != item.actions:
            changed["actions"] = words.actions
        if words.phase != item.phase:
            changed["phase"] = words.phase
        if not changed:
            dialog.accept()
            return
        self._change(
            lambda core: edit_and_read(core.store, core.library, aid, card.id, **changed),
            card.id, dialog.refuse, dialog.accept,
        )  # fmt: skip

    # --- other screens' changes -----------------------------------------------------

    def _on_changed(self, changes: Changes[Any], source: object) -> None:
        if (
            source is not self
            and changes.assessment_id == self.assessment_id
            and (changes.kinds & SHOWN)
        ):
            self.when_shown.changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.when_shown.shown()

    def _walk(self, question_id: str) -> None:
        if self.assessment_id is not None:
            self.walk_requested.emit(self.assessment_id, question_id)

    def _back(self) -> None:
        if self.assessment_id is not None:
            self.results_requested.emit(self.assessment_id)
        else:
            self.home_requested.emit()
