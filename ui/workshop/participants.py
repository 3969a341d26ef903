"""The participants dialog: who answers in this workshop. Add someone (name and role),
change a name or role in place, remove someone or bring them back.

Every change is a core use-case (`assessor.usecases.workshop`) run through the session,
so it is announced to the walker and the room view and can be undone (Edit › Undo). A
refused name is said under the form, in the core's words. Removing asks first: the
answers stay in the history and the report and stop counting in the scores.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from assessor.errors import AssessorError
from assessor.usecases.changes import Change, Changes
from assessor.usecases.workshop import (
    Participant,
    add_participant,
    edit_participant,
    participants,
    remove_participant,
    restore_participant,
)
from ui import dialogs
from ui.session import Session
from ui.workshop.layout import dialog_layout
from ui.workshop.model import ParticipantColumn, ParticipantsModel, plural

if TYPE_CHECKING:
    from assessor.library.installed import Library
    from assessor.store.database import Store

#: remove_participant or restore_participant.
PersonChange = Callable[["Store", "Library", int, str], Changes[None]]
INTRO = (
    "Everyone answering in this workshop. Choose whose answers you enter in the walker's "
    "“Answering as”. Removing someone keeps their answers in the history and the report; "
    "they stop counting in the scores."
)


class ParticipantsDialog(QDialog):
    """Add, rename and remove the participants of one assessment; open with `open()`."""

    def __init__(
        self, session: Session, assessment_id: int, title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.assessment_id = assessment_id
        self.setObjectName("participantsDialog")
        self.setWindowTitle("Participants")
        self.resize(760, 560)
        layout = dialog_layout(self, "Participants", title, INTRO)

        self.model = ParticipantsModel()
        self.model.edit_requested.connect(self._edit)
        self.table = QTableView(objectName="participantsTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Participants")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(ParticipantColumn.NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ParticipantColumn.NAME, 220)
        header.setSectionResizeMode(ParticipantColumn.ROLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            ParticipantColumn.ANSWERED, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        layout.addWidget(self.table, 1)

        row_actions = QHBoxLayout()
        row_actions.setSpacing(8)
        self.rename_button = QPushButton("Rename…")
        self.rename_button.setToolTip("Change the name or role in the list (F2)")
        self.rename_button.clicked.connect(self._start_rename)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip(
            "Their answers stay in the history and the report, and stop counting in the scores"
        )
        self.remove_button.clicked.connect(self._remove)
        self.restore_button = QPushButton("Bring back")
        self.restore_button.setToolTip("Their latest answers count again")
        self.restore_button.clicked.connect(self._restore)
        for button in (self.rename_button, self.remove_button, self.restore_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            row_actions.addWidget(button)
        row_actions.addStretch(1)
        self.count = QLabel(objectName="muted")
        row_actions.addWidget(self.count)
        layout.addLayout(row_actions)
        layout.addSpacing(10)

        layout.addWidget(QLabel("Add a participant", objectName="fieldLabel"))
        form = QHBoxLayout()
        form.setSpacing(8)
        self.name_edit = QLineEdit(placeholderText="Name, e.g. Priya Natarajan")
        self.name_edit.setAccessibleName("New participant's name")
        self.role_edit = QLineEdit(placeholderText="Role, e.g. CISO")
        self.role_edit.setAccessibleName("New participant's role")
        self.add_button = QPushButton("Add", objectName="primary")
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.setMinimumWidth(90)
        self.add_button.setEnabled(False)
        form.addWidget(self.name_edit, 3)
        form.addWidget(self.role_edit, 2)
        form.addWidget(self.add_button)
        layout.addLayout(form)
        self.problem = QLabel(objectName="warning")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.name_edit.textChanged.connect(self._typed)
        self.name_edit.returnPressed.connect(self.add)
        self.role_edit.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        session.changed.connect(self._on_changed)
        self._select_key = ""
        self.reload()
        self._enable()

    # --- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        assessment_id = self.assessment_id
        self.session.op(lambda core: participants(core.store, assessment_id), source=self).success(
            self._loaded
        ).run()

    def _loaded(self, people: list[Participant]) -> None:
        key = self._select_key or (self.selected.key if self.selected else "")
        self.model.set_participants(people)
        present = sum(p.active for p in people)
        self.count.setText(
            plural(present, "participant")
            + (f" · {len(people) - present} removed" if len(people) > present else "")
        )
        row = self.model.row_of(key)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._select_key = ""
        self._enable()

    def _on_changed(self, changes: Changes[object], source: object) -> None:
        if source is self or changes.assessment_id != self.assessment_id:
            return
        if Change.RESPONDENTS in changes or Change.ANSWERS in changes:
            self.reload()  # an undo, or answers given meanwhile

    @property
    def selected(self) -> Participant | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.participant(index.row()) if index.isValid() else None

    def select(self, key: str) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            self.table.selectRow(row)

    def _enable(self) -> None:
        person = self.selected
        self.rename_button.setEnabled(person is not None and person.active)
        self.remove_button.setVisible(person is None or person.active)
        self.remove_button.setEnabled(person is not None and person.active)
        self.restore_button.setVisible(person is not None and not person.active)

    # --- changing ---------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        self.add_button.setEnabled(bool(text.strip()))
        self.problem.hide()

    def add(self) -> None:
        name, role = self.name_edit.text(), self.role_edit.text()
        if not name.strip():
            return
        assessment_id = self.assessment_id
        self.session.op(
            lambda core: add_participant(core.store, assessment_id, name, role), source=self
        ).success(self._added).failure(self._refused).run()

    def _added(self, changes: Changes[str]) -> None:
        self.name_edit.clear()
        self.role_edit.clear()
        self.name_edit.setFocus()
        self._select_key = changes.value
        self.reload()

    def _start_rename(self) -> None:
        index = self.table.selectionModel().currentIndex()
        if index.isValid():
            self.table.edit(self.model.index(index.row(), ParticipantColumn.NAME))

    def _edit(self, key: str, name: str, role: str) -> None:
        assessment_id = self.assessment_id
        self.session.op(
            lambda core: edit_participant(core.store, assessment_id, key, name, role), source=self
        ).success(lambda _changes: self.reload()).failure(self._refused).run()

    def _remove(self) -> None:
        person = self.selected
        if person is None or not person.active:
            return
        answers = plural(person.answered, "answer")
        if not dialogs.confirm(
            self,
            "Remove participant",
            f"Remove {person.name} from the workshop?\n\nTheir {answers} stay in the history "
            "and the report, and stop counting in the scores. You can bring them back.",
            "Remove",
        ):
            return
        self._run_on(person, remove_participant)

    def _restore(self) -> None:
        person = self.selected
        if person is not None and not person.active:
            self._run_on(person, restore_participant)

    def _run_on(self, person: Participant, use_case: PersonChange) -> None:
        assessment_id, key = self.assessment_id, person.key
        self._select_key = key
        self.session.op(
            lambda core: use_case(core.store, core.library, assessment_id, key), source=self
        ).success(lambda _changes: self.reload()).failure(self._refused).run()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, AssessorError):
            self.session.report_error(error)
            return
        message = str(error)
        self.problem.setText(
            message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
        )
        self.problem.show()
        self.reload()  # an edit in place that was refused shows the stored name again
