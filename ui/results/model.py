"""The results drill-down as a Qt item model: domain -> section -> question.

`build_rows` turns an `AnswerSheet` (the scorecard, the questionnaires and one
respondent's answers) into plain rows, with no Qt; `ResultsTreeModel` shows those rows to
a tree view. Every figure is the core's; this module only places and words them.
Questions whose condition is false for this organisation are not listed (they are not
asked, and count nowhere), and a section left with none is not listed either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from assessor.content.questionnaire import Question, Questionnaire
from assessor.scoring.scorecard import Blocker, DomainScore, QuestionResult, SectionScore
from assessor.usecases.answering import AnswerSheet
from ui.results.wording import (
    DASH,
    NOT_ASSESSED,
    answer_text,
    level_tooltip,
    plural,
    score_text,
)
from ui.theme import colours

Index = QModelIndex | QPersistentModelIndex
#: The key under which a question row gives its question id.
QUESTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The key under which every row gives what identifies it across reloads.
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    NAME = 0
    LEVEL = 1
    SCORE = 2
    TARGET = 3
    COMPLETENESS = 4
    ANSWER = 5
    STATUS = 6


HEADERS = {
    Column.NAME: "Domain, section and question",
    Column.LEVEL: "Level",
    Column.SCORE: "Score",
    Column.TARGET: "Target",
    Column.COMPLETENESS: "Answered",
    Column.ANSWER: "Answer",
    Column.STATUS: "Status",
}
HEADER_TIPS = {
    Column.LEVEL: "The level that counts, 1 (Initial) to 5 (Leading), after any blocker's cap",
    Column.SCORE: "The score out of 100 (a question: the value its answer counts for)",
    Column.TARGET: "The level the target profile sets for this domain",
    Column.COMPLETENESS: "Questions answered of those that apply",
    Column.ANSWER: "The answer given (the first respondent's, when several answered)",
    Column.STATUS: "Blockers, gaps to target, and questions still open",
}
Tone = Literal["normal", "muted", "bad", "warn", "good"]
Kind = Literal["domain", "section", "question"]


@dataclass(eq=False)  # rows are found by identity: two rows may read the same
class Row:
    """One line of the tree: its text per column, tooltips, and what it stands for."""

    kind: Kind
    key: str  # domain id, "questionnaire/section", or question id: stable across reloads
    cells: dict[Column, str]
    tips: dict[Column, str] = field(default_factory=dict)
    tone: Tone = "normal"
    status_tone: Tone = "normal"
    question_id: str | None = None
    children: list[Row] = field(default_factory=list)
    parent: Row | None = field(default=None, repr=False)

    def add(self, child: Row) -> None:
        child.parent = self
        self.children.append(child)


STATUS_WORDS = {
    "answered": "Answered",
    "unanswered": "Not answered yet",
    "not_applicable": "Not applicable",
    "unscored": "Not scored",
}


def build_rows(sheet: AnswerSheet) -> list[Row]:
    """The tree's rows: a domain per scored domain, in the scorecard's order."""
    card = sheet.scorecard
    by_domain: dict[str, list[Questionnaire]] = {}
    for questionnaire in sheet.questionnaires:
        by_domain.setdefault(questionnaire.domain, []).append(questionnaire)
    rows = []
    for domain in card.domains:
        row = _domain_row(domain)
        sections = {
            (qn.id, section.id): section
            for qn in by_domain.get(domain.id, [])
            for section in qn.sections
        }
        blockers = {b.question_id: b for b in domain.blockers}
        for score in domain.sections:
            section = sections.get((score.questionnaire_id, score.section_id))
            if section is None:
                continue
            section_row = _section_row(score)
            for question in section.questions:
                result = card.questions.get(question.id)
                if result is None or not result.applies:
                    continue
                given = sheet.answers.get(question.id)
                section_row.add(
                    _question_row(
                        question,
                        result,
                        None if given is None else given.raw,
                        blockers.get(question.id),
                    )
                )
            if section_row.children:
                row.add(section_row)
        rows.append(row)
    return rows


def _completeness(answered: int, applicable: int) -> tuple[str, str]:
    if not applicable:
        return DASH, "No scored question applies"
    return f"{answered} of {applicable}", f"{answered / applicable:.0%} of the questions answered"


def _domain_row(domain: DomainScore) -> Row:
    done, done_tip = _completeness(domain.answered, domain.applicable)
    row = Row(
        "domain",
        domain.id,
        {
            Column.NAME: domain.title,
            Column.LEVEL: DASH if domain.capped_level is None else str(domain.capped_level),
            Column.SCORE: score_text(domain.score),
            Column.TARGET: str(domain.target_level),
            Column.COMPLETENESS: done,
            Column.ANSWER: "",
        },
        {
            Column.NAME: domain.title,
            Column.LEVEL: level_tooltip(domain.capped_level, domain.level),
            Column.SCORE: "Not assessed yet"
            if domain.score is None
            else f"Score {score_text(domain.score)} out of 100",
            Column.TARGET: level_tooltip(domain.target_level, what="Target level"),
            Column.COMPLETENESS: done_tip,
        },
    )
    if domain.capped_level is None:
        row.cells[Column.STATUS], row.status_tone = NOT_ASSESSED, "muted"
    elif domain.blockers:
        ids = ", ".join(b.question_id for b in domain.blockers)
        row.cells[Column.STATUS], row.status_tone = f"Blocked by {ids}", "bad"
        row.tips[Column.STATUS] = "A critical answer caps this domain's level"
    elif domain.gap:
        row.cells[Column.STATUS] = f"{plural(domain.gap, 'level')} below target"
        row.status_tone = "warn"
    else:
        row.cells[Column.STATUS], row.status_tone = "At target", "good"
    return row


def _section_row(score: SectionScore) -> Row:
    done, done_tip = _completeness(score.answered, score.applicable)
    return Row(
        "section",
        f"{score.questionnaire_id}/{score.section_id}",
        {
            Column.NAME: score.title,
            Column.LEVEL: DASH if score.level is None else str(score.level),
            Column.SCORE: score_text(score.score),
            Column.TARGET: "",
            Column.COMPLETENESS: done,
            Column.ANSWER: "",
            Column.STATUS: "",
        },
        {
            Column.NAME: score.title,
            Column.LEVEL: level_tooltip(score.level, what="Section level"),
            Column.COMPLETENESS: done_tip,
        },
    )


def _question_row(
    question: Question, result: QuestionResult, raw: object, blocker: Blocker | None
) -> Row:
    status = STATUS_WORDS[result.status]
    status_tone: Tone = "muted"  # a plain "Answered" steps back; what needs a look stands out
    if result.status == "answered" and result.unknown:
        status = "Don't know"
        status_tone = "warn"
    if result.status == "unanswered":
        status_tone = "normal"  # open, not wrong: ink, not a warning colour
    if result.divergent:
        status_tone = "warn"
    notes = []
    if result.agreed:
        notes.append("agreed")
    if result.divergent:
        notes.append("answers differ")
    if notes:
        status += " · " + ", ".join(notes)
    if blocker is not None:
        status, status_tone = f"Blocker: caps at level {blocker.cap}", "bad"
    answer = answer_text(question, raw)
    value = (
        score_text(100 * result.value)
        if result.status == "answered" and result.value is not None
        else ""
    )
    tips = {
        Column.NAME: f"{question.id}: {question.prompt}\nDouble-click or press Enter to open "
        "this answer in the questionnaire",
        Column.ANSWER: answer_text(question, raw) if raw is not None else "No answer recorded",
    }
    if blocker is not None:
        tips[Column.STATUS] = blocker.reason
    if value:
        tips[Column.SCORE] = f"This answer counts for {value} out of 100"
    if result.respondents > 1:
        tips[Column.ANSWER] += f" ({plural(result.respondents, 'respondent')} answered)"
    return Row(
        "question",
        question.id,
        {
            Column.NAME: f"{question.id}  {' '.join(question.prompt.split())}",
            Column.LEVEL: "",
            Column.SCORE: value,
            Column.TARGET: "",
            Column.COMPLETENESS: "",
            Column.ANSWER: answer or DASH,
            Column.STATUS: status,
        },
        tips,
        tone="muted" if result.status in {"unscored", "not_applicable"} else "normal",
        status_tone=status_tone,
        question_id=question.id,
    )


_TONE_COLOUR = {"muted": "muted", "bad": "bad", "warn": "warnInk", "good": "good"}
_NUMERIC = {Column.LEVEL, Column.SCORE, Column.TARGET, Column.COMPLETENESS}


class ResultsTreeModel(QAbstractItemModel):
    """Domains, their sections and the questions asked, over one `AnswerSheet`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_sheet(self, sheet: AnswerSheet | None) -> None:
        self.beginResetModel()
        self._rows = [] if sheet is None else build_rows(sheet)
        self.endResetModel()

    # --- lookup ---------------------------------------------------------------------

    def row_at(self, index: Index) -> Row | None:
        if not index.isValid():
            return None
        row = index.internalPointer()
        return row if isinstance(row, Row) else None

    def question_id(self, index: Index) -> str | None:
        row = self.row_at(index)
        return None if row is None else row.question_id

    def find(self, key: str, parent: QModelIndex | None = None) -> QModelIndex:
        """The index of the row with this key (a domain id, a question id ...), or invalid."""
        parent = parent or QModelIndex()
        for number in range(self.rowCount(parent)):
            index = self.index(number, 0, parent)
            row = self.row_at(index)
            if row is not None and row.key == key:
                return index
            found = self.find(key, index)
            if found.isValid():
                return found
        return QModelIndex()

    # --- the model ------------------------------------------------------------------

    def _children(self, parent: Index) -> list[Row]:
        row = self.row_at(parent)
        return self._rows if row is None else row.children

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children(parent)
        if not (0 <= row < len(children) and 0 <= column < len(Column)):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        row = self.row_at(index)
        if row is None or row.parent is None:
            return QModelIndex()
        above = row.parent
        siblings = self._rows if above.parent is None else above.parent.children
        return self.createIndex(siblings.index(above), 0, above)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or section not in range(len(Column)):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index)
        if row is None:
            return None
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.cells.get(column, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tips.get(column)
        if role == Qt.ItemDataRole.ForegroundRole:
            tone = row.status_tone if column == Column.STATUS else row.tone
            name = _TONE_COLOUR.get(tone)
            return QColor(colours()[name]) if name else None
        if role == Qt.ItemDataRole.FontRole and (
            row.kind == "domain" or (column == Column.STATUS and row.status_tone == "bad")
        ):
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            vertical = Qt.AlignmentFlag.AlignVCenter
            if column in _NUMERIC:
                return int(Qt.AlignmentFlag.AlignCenter | vertical)
            return int(Qt.AlignmentFlag.AlignLeft | vertical)
        if role == QUESTION_ID_ROLE:
            return row.question_id
        if role == KEY_ROLE:
            return row.key
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
