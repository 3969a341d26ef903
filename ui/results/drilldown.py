"""The domains card: the drill-down tree over `ResultsTreeModel`, as tall as its rows.

The tree sits inside the page's scroll area, so it never scrolls itself (two nested
scroll bars fight over the wheel): it asks for the height of the rows it shows and grows
or shrinks as domains open and close. Enter or a double-click on a question asks for
that answer in the walker; on a domain or section they open or close it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.results.cards import CARD_MARGINS, card_title
from ui.results.layout import ask_again_for_room
from ui.results.model import Column, ResultsTreeModel

ROW_HEIGHT = 34
COLUMN_WIDTHS = {
    Column.LEVEL: 58,
    Column.SCORE: 64,
    Column.TARGET: 64,
    Column.COMPLETENESS: 90,
    Column.ANSWER: 210,
    Column.STATUS: 190,
}


class RoomyRows(QStyledItemDelegate):
    """Rows of at least ROW_HEIGHT pixels: a table read in front of a client needs air."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), ROW_HEIGHT))


class DrillDownView(QTreeView):
    """A tree that shows all its open rows at once and emits the question chosen."""

    question_chosen = Signal(str)

    def __init__(self, model: ResultsTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._asked = 0  # the height last asked of the layouts
        self.setModel(model)
        self.setItemDelegate(RoomyRows(self))
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.setAnimated(False)  # the height follows at once, not after an animation
        self.setIndentation(22)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Domains, sections and questions")
        header = self.header()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.doubleClicked.connect(self._chosen)
        for signal in (self.expanded, self.collapsed):
            signal.connect(lambda _index: self._fit())
        model.modelReset.connect(self._fit)

    @property
    def results(self) -> ResultsTreeModel:
        model = self.model()
        assert isinstance(model, ResultsTreeModel)
        return model

    def _chosen(self, index: QModelIndex) -> None:
        question = self.results.question_id(index)
        if question is not None:
            self.question_chosen.emit(question)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if self.results.question_id(index) is not None:
                self._chosen(index)
                return
            if index.isValid():
                first = index.siblingAtColumn(0)
                self.setExpanded(first, not self.isExpanded(first))
                return
        super().keyPressEvent(event)

    # --- height ---------------------------------------------------------------------

    def _open_rows(self, parent: QModelIndex) -> int:
        count = 0
        for number in range(self.results.rowCount(parent)):
            index = self.results.index(number, 0, parent)
            count += 1
            if self.isExpanded(index):
                count += self._open_rows(index)
        return count

    def _fit(self) -> None:
        self._asked = self.sizeHint().height()
        ask_again_for_room(self)

    def updateGeometries(self) -> None:
        # Called when the view lays out its header and rows: once styled, a row or the
        # header may be taller than when the rows were counted.
        super().updateGeometries()
        if self.sizeHint().height() != self._asked:
            self._fit()

    def sizeHint(self) -> QSize:
        rows = self._open_rows(QModelIndex())
        first = self.results.index(0, 0)
        row_height = max(ROW_HEIGHT, self.indexRowSizeHint(first)) if first.isValid() else 0
        height = self.header().sizeHint().height() + rows * row_height + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), height + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def expand_domain(self, domain_id: str) -> None:
        """Open a domain and all its sections (the screens show one opened)."""
        index = self.results.find(domain_id)
        if not index.isValid():
            return
        self.expand(index)
        for number in range(self.results.rowCount(index)):
            self.expand(self.results.index(number, 0, index))

    def open_keys(self) -> set[str]:
        """The keys of the rows open now, to open them again after a reload."""
        keys: set[str] = set()

        def walk(parent: QModelIndex) -> None:
            for number in range(self.results.rowCount(parent)):
                index = self.results.index(number, 0, parent)
                if self.isExpanded(index):
                    row = self.results.row_at(index)
                    if row is not None:
                        keys.add(row.key)
                    walk(index)

        walk(QModelIndex())
        return keys

    def reopen(self, keys: set[str]) -> None:
        def walk(parent: QModelIndex) -> None:
            for number in range(self.results.rowCount(parent)):
                index = self.results.index(number, 0, parent)
                row = self.results.row_at(index)
                if row is not None and row.key in keys:
                    self.expand(index)
                    walk(index)

        walk(QModelIndex())


class DomainsCard(QFrame):
    """The drill-down with its title and the buttons that open or close every domain."""

    def __init__(self, model: ResultsTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*CARD_MARGINS)
        layout.setSpacing(10)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(10)
        card_title(
            titles,
            "Domains",
            "Each domain, its sections and the questions asked. Double-click a question, or "
            "press Enter on it, to open its answer.",
        )
        top.addLayout(titles, 1)
        self.expand_all = QPushButton("Open all")
        self.expand_all.setToolTip("Show the sections and questions of every domain")
        self.expand_all.setAccessibleName("Open all domains")
        self.collapse_all = QPushButton("Close all")
        self.collapse_all.setToolTip("Show the domains only")
        self.collapse_all.setAccessibleName("Close all domains")
        for button in (self.expand_all, self.collapse_all):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.tree = DrillDownView(model)
        layout.addWidget(self.tree)
        self.expand_all.clicked.connect(self.tree.expandAll)
        self.collapse_all.clicked.connect(self.tree.collapseAll)
