"""The walker's navigation tree as a Qt item model over an `AnswerSheet`:
questionnaires -> sections -> questions, applicable questions only.

Column 0 is the title (the question's prompt), column 1 the status: "3/5" on a
questionnaire or section (complete when all are answered), answered and flagged on a
question. The model owns no rule: which questions apply comes from the sheet's scorecard
(through `QuestionWalk`), what is answered from the sheet's answers.

A new sheet of the same shape (the usual case: one answer later) updates the model in
place: rows are inserted or removed where questions appear or disappear, and only the
status cells that changed emit `dataChanged`, so views keep their expansion and
selection and nothing is rebuilt per answer.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from assessor.usecases.answering import AnswerSheet
from ui.theme import colours
from ui.walker.walk import QuestionWalk

Index = QModelIndex | QPersistentModelIndex

QUESTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
#: (answered, applicable) of a questionnaire or section.
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3
ANSWERED_ROLE = Qt.ItemDataRole.UserRole + 4
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 5
#: True on a question the last answer made appear.
NEW_ROLE = Qt.ItemDataRole.UserRole + 6

TITLE_COLUMN, STATUS_COLUMN = 0, 1


class NodeKind(StrEnum):
    ROOT = "root"
    QUESTIONNAIRE = "questionnaire"
    SECTION = "section"
    QUESTION = "question"


@dataclass(eq=False)
class _Node:
    kind: NodeKind
    key: str  # the question id, or the questionnaire's or section's id
    title: str
    parent: _Node | None
    serial: int
    every: list[_Node] = field(default_factory=list)  # all children, in content order
    shown: list[_Node] = field(default_factory=list)  # the children in the model now
    answered: int = 0  # a question: 0 or 1; a group: how many below it
    applicable: int = 0  # a question: 1; a group: how many below it
    flagged: bool = False
    cells: tuple[dict[int, object], dict[int, object]] | None = None  # data() by column

    @property
    def status(self) -> tuple[int, int, bool]:
        return self.answered, self.applicable, self.flagged


@dataclass(frozen=True)
class TreeUpdate:
    """What a new sheet changed in the tree: questions that appeared or disappeared."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


class QuestionTreeModel(QAbstractItemModel):
    """Questionnaires, sections and applicable questions of one sheet, with their status."""

    def __init__(self) -> None:
        super().__init__()
        self._serials = itertools.count(1)
        self._root = _Node(NodeKind.ROOT, "", "", None, 0)
        self._nodes: dict[int, _Node] = {}
        self._questions: dict[str, _Node] = {}
        self._shape: tuple[str, ...] = ()
        self._walk: QuestionWalk | None = None
        self._new: frozenset[str] = frozenset()
        self._brushes = _brushes()
        self._bold = QFont()
        self._bold.setWeight(QFont.Weight.DemiBold)

    # --- feeding ------------------------------------------------------------------------

    @property
    def walk(self) -> QuestionWalk | None:
        return self._walk

    def set_sheet(self, sheet: AnswerSheet, walk: QuestionWalk | None = None) -> TreeUpdate:
        """Show a sheet; a sheet of the same shape as the last updates rows in place."""
        walk = walk or QuestionWalk(sheet)
        before = self._walk.applicable if self._walk is not None else None
        self._walk = walk
        if walk.shape != self._shape or before is None:
            self.beginResetModel()
            self._build(walk)
            self.endResetModel()
            return TreeUpdate()
        visible = self._visible_nodes(walk)
        self._remove_hidden(self._root, visible)
        self._insert_shown(self._root, visible)
        self._refresh_status(self._root)
        added = tuple(qid for qid in walk.shape if qid in walk.applicable - before)
        removed = tuple(qid for qid in walk.shape if qid in before - walk.applicable)
        return TreeUpdate(added, removed)

    def mark_new(self, question_ids: tuple[str, ...] | frozenset[str]) -> None:
        """Highlight questions that just appeared (an empty set ends the highlight)."""
        changed = self._new ^ frozenset(question_ids)
        self._new = frozenset(question_ids)
        for qid in changed:
            node = self._questions.get(qid)
            if node is not None:
                node.cells = None
            if node is not None and self._in_model(node):
                index = self._index_of(node)
                self.dataChanged.emit(index, index.siblingAtColumn(STATUS_COLUMN))

    def _build(self, walk: QuestionWalk) -> None:
        self._root = _Node(NodeKind.ROOT, "", "", None, 0)
        self._nodes = {}
        self._questions = {}
        self._shape = walk.shape
        self._new = frozenset()
        for qn in walk.sheet.questionnaires:
            qn_node = self._add(NodeKind.QUESTIONNAIRE, qn.id, qn.title, self._root)
            for section in qn.sections:
                section_node = self._add(NodeKind.SECTION, section.id, section.title, qn_node)
                for question in section.questions:
                    node = self._add(NodeKind.QUESTION, question.id, question.prompt, section_node)
                    self._questions[question.id] = node
        self._fill(self._root, self._visible_nodes(walk))
        self._refresh_status(self._root, emit=False)

    def _add(self, kind: NodeKind, key: str, title: str, parent: _Node) -> _Node:
        node = _Node(kind, key, title, parent, next(self._serials))
        self._nodes[node.serial] = node
        parent.every.append(node)
        return node

    # --- keeping rows in step with the applicable questions ------------------------------

    def _visible_nodes(self, walk: QuestionWalk) -> set[_Node]:
        """Applicable questions, and every questionnaire or section holding one."""
        visible: set[_Node] = set()
        for qid in walk.applicable:
            node: _Node | None = self._questions.get(qid)
            while node is not None and node.kind is not NodeKind.ROOT and node not in visible:
                visible.add(node)
                node = node.parent
        return visible

    def _fill(self, node: _Node, visible: set[_Node]) -> None:
        """Set the children of a node that is not in the model (no signals needed)."""
        node.shown = [child for child in node.every if child in visible]
        for child in node.shown:
            if child.kind is not NodeKind.QUESTION:
                self._fill(child, visible)

    def _remove_hidden(self, node: _Node, visible: set[_Node]) -> None:
        for child in list(node.shown):
            if child not in visible:
                row = node.shown.index(child)
                self.beginRemoveRows(self._index_of(node), row, row)
                node.shown.pop(row)
                self.endRemoveRows()
            elif child.kind is not NodeKind.QUESTION:
                self._remove_hidden(child, visible)

    def _insert_shown(self, node: _Node, visible: set[_Node]) -> None:
        # After removals `shown` is an ordered subsequence of the wanted children.
        wanted = [child for child in node.every if child in visible]
        for row, child in enumerate(wanted):
            if row < len(node.shown) and node.shown[row] is child:
                if child.kind is not NodeKind.QUESTION:
                    self._insert_shown(child, visible)
                continue
            if child.kind is not NodeKind.QUESTION:
                self._fill(child, visible)
            self.beginInsertRows(self._index_of(node), row, row)
            node.shown.insert(row, child)
            self.endInsertRows()

    def _refresh_status(self, node: _Node, emit: bool = True) -> None:
        """Recompute the status cells under a node; emit dataChanged for those that
        changed (a handful per answer)."""
        assert self._walk is not None
        before = node.status
        if node.kind is NodeKind.QUESTION:
            given = self._walk.sheet.answers.get(node.key)
            node.answered, node.applicable = int(given is not None), 1
            node.flagged = bool(given is not None and given.flagged)
        else:
            for child in node.shown:
                self._refresh_status(child, emit)
            node.answered = sum(child.answered for child in node.shown)
            node.applicable = sum(child.applicable for child in node.shown)
        if node.status != before:
            node.cells = None
        if emit and node.status != before and node.kind is not NodeKind.ROOT:
            index = self._index_of(node, STATUS_COLUMN)
            self.dataChanged.emit(index.siblingAtColumn(TITLE_COLUMN), index)

    # --- lookups ------------------------------------------------------------------------

    def _in_model(self, node: _Node) -> bool:
        while node.parent is not None:
            if node not in node.parent.shown:
                return False
            node = node.parent
        return True

    def _index_of(self, node: _Node, column: int = 0) -> QModelIndex:
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.shown.index(node), column, node.serial)

    def _node(self, index: Index) -> _Node:
        if not index.isValid():
            return self._root
        return self._nodes[index.internalId()]

    def index_of_question(self, question_id: str) -> QModelIndex:
        """The question's row (column 0), or an invalid index when it is not shown."""
        node = self._questions.get(question_id)
        if node is None or not self._in_model(node):
            return QModelIndex()
        return self._index_of(node)

    def question_id(self, index: Index) -> str | None:
        node = self._node(index)
        return node.key if node.kind is NodeKind.QUESTION else None

    def shown_question_ids(self) -> list[str]:
        """The questions in the tree, top to bottom (for tests and the walk's checks)."""
        return [q.key for qn in self._root.shown for section in qn.shown for q in section.shown]

    # --- QAbstractItemModel -------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if not (0 <= row < len(node.shown)) or column not in (TITLE_COLUMN, STATUS_COLUMN):
            return QModelIndex()
        return self.createIndex(row, column, node.shown[row].serial)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index)
        assert node.parent is not None
        return self._index_of(node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != TITLE_COLUMN:
            return 0
        return len(self._node(parent).shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Painting asks ~15 roles per cell: answer from cells made once per status change.
        node = self._nodes.get(index.internalId()) if index.isValid() else None
        if node is None:
            return None
        cells = node.cells if node.cells is not None else self._make_cells(node)
        return cells[index.column()].get(role)

    def _make_cells(self, node: _Node) -> tuple[dict[int, object], dict[int, object]]:
        display, tooltip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
        accessible = Qt.ItemDataRole.AccessibleTextRole
        title: dict[int, object] = {
            KIND_ROLE: node.kind.value,
            display: node.title,
            QUESTION_ID_ROLE: node.key if node.kind is NodeKind.QUESTION else None,
        }
        status: dict[int, object] = {KIND_ROLE: node.kind.value}
        if node.kind is NodeKind.QUESTION:
            answered, flagged = bool(node.answered), node.flagged
            new = node.key in self._new
            state = "Answered" if answered else "Not answered yet"
            if flagged:
                state += ", flagged for follow-up"
            marks = " ".join(m for m, on in (("⚑", flagged), ("✓", answered)) if on)
            common = {ANSWERED_ROLE: answered, FLAGGED_ROLE: flagged, NEW_ROLE: new}
            title |= common | {
                tooltip: f"{node.key}: {node.title}\n{state}",
                accessible: f"{node.title}. {state}",
            }
            status |= common | {
                display: marks,
                tooltip: title[tooltip],
                accessible: state,
                QUESTION_ID_ROLE: node.key,
            }
            if answered:
                title[Qt.ItemDataRole.ForegroundRole] = self._brushes["muted"]
            if new:
                for cell in (title, status):
                    cell[Qt.ItemDataRole.BackgroundRole] = self._brushes["new"]
        else:
            done, applicable = node.answered, node.applicable
            complete = applicable > 0 and done == applicable
            state = "complete" if complete else f"{done} of {applicable} answered"
            words = f"{node.title}: {state}"
            title |= {tooltip: words, accessible: words, PROGRESS_ROLE: (done, applicable)}
            status |= {
                display: f"{done}/{applicable}" + (" ✓" if complete else ""),
                tooltip: words,
                accessible: state,
                PROGRESS_ROLE: (done, applicable),
                Qt.ItemDataRole.TextAlignmentRole: int(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                ),
            }
            if node.kind is NodeKind.QUESTIONNAIRE:
                title[Qt.ItemDataRole.FontRole] = self._bold
        node.cells = (title, status)
        return node.cells

    def restyle(self) -> None:
        """Take the colours of the theme now in force (the system switched theme)."""
        self._brushes = _brushes()
        for node in self._nodes.values():
            node.cells = None
        self._emit_all(self._root)

    def _emit_all(self, node: _Node) -> None:
        if node.shown:
            parent = self._index_of(node)
            first = self.index(0, TITLE_COLUMN, parent)
            last = self.index(len(node.shown) - 1, STATUS_COLUMN, parent)
            self.dataChanged.emit(first, last)
        for child in node.shown:
            if child.kind is not NodeKind.QUESTION:
                self._emit_all(child)


def _brushes() -> dict[str, QBrush]:
    palette = colours()
    return {"muted": QBrush(QColor(palette["muted"])), "new": QBrush(QColor(palette["warnSoft"]))}
