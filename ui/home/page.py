"""Home: the clients and their assessments; start, open, rename, delete, restore, reassess.

Every action is a core use-case run through the session; the list refreshes when the
session says assessments, answers or scores changed. On the first start of a new store
the sample assessment is created, so a newcomer sees a full dashboard at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from assessor.store.database import AssessmentSummary
from assessor.usecases.changes import Change, Changes
from ui import dialogs
from ui.home.model import HomeFilter, HomeModel
from ui.operations import Core
from ui.session import Session

# The use-cases (and the content models under them) are imported inside the operations
# that run them, on the worker thread: the home window shows before they are loaded.

EXPANDED_CLIENTS = 40
REFRESH_ON = {Change.ASSESSMENTS, Change.ANSWERS, Change.SCORES, Change.CONTEXT}


def first_start(core: Core) -> list[AssessmentSummary]:
    """Open the store and list the assessments; a brand-new store gets the sample."""
    new_store = not core.paths.database.exists()
    store = core.store
    if new_store:
        from assessor.usecases.demo import create_demo

        create_demo(store, core.library)
    return store.list_assessments()


def after_start(core: Core) -> Changes[tuple[int, ...]]:
    """Once the list shows: empty the bin of what has been there 30 days, and load the
    questionnaires, so that the first question opens without a wait."""
    from assessor.usecases.assessments import empty_bin

    emptied = empty_bin(core.store)
    core.library  # noqa: B018 - loads and validates the content on the worker
    return emptied


class HomePage(QWidget):
    new_requested = Signal(object)  # a client id, or None for a new client
    walk_requested = Signal(int)
    results_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="page")
        self.session = session
        self.model = HomeModel(self)
        self.proxy = HomeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.loaded = False
        self._stale = False  # changed while hidden

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        layout.addLayout(self._build_header())
        layout.addLayout(self._build_toolbar())
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_list())
        self.stack.addWidget(self._build_empty_state())
        self.loading = QLabel("Opening your assessments…", objectName="emptyState")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        self.stack.setCurrentWidget(self.loading)
        layout.addWidget(self.stack, 1)
        self.hint = QLabel(
            "Enter continues answering · Ctrl+R results · F2 rename · Del delete · Ctrl+F search",
            objectName="muted",
        )
        layout.addWidget(self.hint)

        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        session.changed.connect(self._on_changed)

    # --- building ---------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(QLabel("Assessments", objectName="title"))
        self.subtitle = QLabel(objectName="subtitle")
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        self.new_button = QPushButton("New assessment…", objectName="primary")
        self.new_button.setToolTip("Start an assessment for a new or existing client (Ctrl+N)")
        self.new_button.setAccessibleName("New assessment")
        self.new_button.clicked.connect(lambda: self.new_requested.emit(None))
        header.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)
        return header

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.search = QLineEdit(placeholderText="Search clients and assessments")
        self.search.setAccessibleName("Search assessments")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.search.textChanged.connect(self._filter)
        bar.addWidget(self.search, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip in (
            ("walk", "Continue", "Answer the selected assessment's questions (Enter)"),
            ("results", "Results", "See the selected assessment's scores (Ctrl+R)"),
            ("reassess", "Reassess…", "Start a new assessment of this client from these answers"),
            ("rename", "Rename…", "Give the selected assessment a new title (F2)"),
            ("delete", "Delete", "Move the selected assessment to the bin for 30 days (Del)"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(text.rstrip("…"))
            bar.addWidget(button)
            self.buttons[key] = button
        self.bin_button = QPushButton("Deleted…")
        self.bin_button.setToolTip("Restore an assessment deleted in the last 30 days")
        self.bin_button.setAccessibleName("Deleted assessments")
        bar.addWidget(self.bin_button)
        self.buttons["walk"].clicked.connect(self.walk_selected)
        self.buttons["results"].clicked.connect(self.results_selected)
        self.buttons["reassess"].clicked.connect(self.reassess_selected)
        self.buttons["rename"].clicked.connect(self.rename_selected)
        self.buttons["delete"].clicked.connect(self.delete_selected)
        self.bin_button.clicked.connect(self.open_bin)
        return bar

    def _build_list(self) -> QFrame:
        card = QFrame(objectName="card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(1, 1, 1, 1)
        tree = QTreeView()
        tree.setModel(self.proxy)
        tree.setAccessibleName("Clients and assessments")
        # The model comes in client-and-title order; sorting starts at the first click on a
        # header, so that start-up does not sort a thousand rows it already has in order.
        tree.header().setSortIndicatorShown(True)
        tree.header().setSectionsClickable(True)
        tree.header().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        tree.header().sectionClicked.connect(lambda _column: tree.setSortingEnabled(True))
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setRootIsDecorated(True)
        tree.setExpandsOnDoubleClick(False)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths from the font, not ResizeToContents: that measures every row, which
        # takes seconds with a thousand assessments.
        metrics = tree.fontMetrics()
        for column, sample in enumerate(
            ("", "In progress", "Answered", "5 Developing", "Score", "today 00:00"), start=0
        ):
            if column:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, metrics.horizontalAdvance(sample) + 48)
        tree.activated.connect(lambda _index: self.walk_selected())
        tree.selectionModel().currentChanged.connect(lambda *_: self._enable_buttons())
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_F2), self.rename_selected),
            (QKeySequence(Qt.Key.Key_Delete), self.delete_selected),
            (QKeySequence("Ctrl+R"), self.results_selected),
        ):
            QShortcut(keys, tree, slot, context=Qt.ShortcutContext.WidgetShortcut)
        self.tree = tree
        layout.addWidget(tree)
        return card

    def _build_empty_state(self) -> QFrame:
        card = QFrame(objectName="card")
        layout = QVBoxLayout(card)
        layout.addStretch(1)
        text = QLabel(
            "<p style='font-size:15pt; font-weight:600'>No assessments yet</p>"
            "<p>An assessment walks through questions on strategy, compliance, guardrails, "
            "infrastructure, data and people,<br>scores your AI readiness and turns the gaps "
            "into a roadmap. It takes 30 to 60 minutes.</p>",
            objectName="muted",
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout.addWidget(text)
        start = QPushButton("Start your first assessment…", objectName="primary")
        start.setAccessibleName("Start your first assessment")
        start.clicked.connect(lambda: self.new_requested.emit(None))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(start)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.empty_start = start
        return card

    # --- loading -----------------------------------------------------------------------------

    def start(self) -> None:
        """Open the store (creating the sample on a first start) and show the list."""
        self.session.op(first_start, source=self).success(self._started).run()

    def _started(self, summaries: list[AssessmentSummary]) -> None:
        self.show_assessments(summaries)
        (self.tree if summaries else self.empty_start).setFocus()  # keyboard users start here
        # The rest waits until the list is painted: on the worker it would hold the GIL
        # while the UI thread builds the rows, and the window would come up late.
        QTimer.singleShot(400, lambda: self.session.op(after_start, source=self).run())

    def refresh(self) -> None:
        self.session.op(lambda core: core.store.list_assessments(), source=self).success(
            self.show_assessments
        ).run()

    def show_assessments(self, summaries: list[AssessmentSummary]) -> None:
        selected = self.selected()
        self.model.set_assessments(summaries)
        self.loaded = True
        self._expand()
        clients, count = len(self.model.clients), self.model.assessment_count()
        self.subtitle.setText(
            f"{clients} client{'s' if clients != 1 else ''} · "
            f"{count} assessment{'s' if count != 1 else ''}"
        )
        self.stack.setCurrentIndex(0 if summaries else 1)
        if selected is not None:
            self.select(selected.id)
        elif summaries:
            self.select(max(summaries, key=lambda s: s.updated_at).id)
        self._enable_buttons()

    def _on_changed(self, changes: Changes[object], _source: object) -> None:
        if not (self.loaded and changes.kinds & REFRESH_ON):
            return
        if self.isVisible():
            self.refresh()
        else:  # behind the walker: list again when shown, not once per answer
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    # --- selection ----------------------------------------------------------------------------

    def selected(self) -> AssessmentSummary | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return self.model.summary(self.proxy.mapToSource(index.siblingAtColumn(0)))

    def select(self, assessment_id: int) -> None:
        source = self.model.index_of(assessment_id)
        if source.isValid():
            index = self.proxy.mapFromSource(source)
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _enable_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in self.buttons.values():
            button.setEnabled(chosen)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._expand()

    def _expand(self) -> None:
        """Every client open, while the list stays short enough to read; a consultant's
        long client list shows clients only (a search opens the ones it finds)."""
        if self.proxy.rowCount() <= EXPANDED_CLIENTS:
            self.tree.expandAll()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- actions ------------------------------------------------------------------------------

    def walk_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.walk_requested.emit(chosen.id)

    def results_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.results_requested.emit(chosen.id)

    def rename_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        title = dialogs.ask_text(self, "Rename assessment", "Title:", chosen.title)
        if title is not None and title.strip() != chosen.title:
            self.session.op(lambda core: _rename(core, chosen.id, title), source=self).run()

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if dialogs.confirm(
            self,
            "Delete assessment",
            f"Delete “{chosen.title}” of {chosen.client}?\n\nIt goes to the bin: you can "
            "restore it from “Deleted…” for 30 days, and Edit › Undo brings it back at once.",
            "Delete",
        ):
            self.session.op(lambda core: _delete(core, chosen.id), source=self).run()

    def reassess_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if not dialogs.confirm(
            self,
            "Reassess",
            f"Start a new assessment of {chosen.client} from the answers of “{chosen.title}”?"
            "\n\nThe answers, notes and participants are carried over; change what has "
            "moved on. The current assessment stays as it is, and the two show as a trend.",
            "Reassess",
        ):
            return
        self.session.op(lambda core: _reassess(core, chosen.id), source=self).success(
            lambda changes: self._open_new(changes.value)
        ).run()

    def _open_new(self, assessment_id: int) -> None:
        self.refresh()
        self.select(assessment_id)
        self.walk_requested.emit(assessment_id)

    def open_bin(self) -> None:
        from ui.home.bin_dialog import BinDialog

        dialog = BinDialog(self.session, self)
        dialog.open()


def _rename(core: Core, assessment_id: int, title: str) -> Changes[None]:
    from assessor.usecases.assessments import rename_assessment

    return rename_assessment(core.store, assessment_id, title)


def _delete(core: Core, assessment_id: int) -> Changes[None]:
    from assessor.usecases.assessments import delete_assessment

    return delete_assessment(core.store, assessment_id)


def _reassess(core: Core, assessment_id: int) -> Changes[int]:
    from assessor.usecases.assessments import reassess

    return reassess(core.store, core.library, assessment_id)


def screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    from ui.home.bin_dialog import BinDialog

    page = HomePage(session)
    page.resize(1200, 800)
    page.refresh()
    yield "home", page
    empty = HomePage(session)
    empty.resize(1200, 800)
    empty.show_assessments([])
    yield "home-empty", empty
    bin_dialog = BinDialog(session)
    yield "home-bin", bin_dialog
