"""Page 1 of the new-assessment wizard: who the assessment is for, and its title.

A new client (a name, and optionally a line of business and a contact) or an existing
one chosen from a searchable list; the list comes from the core through the wizard.
The page checks only that the form is filled in (Next stays disabled until it is); the
core checks the rest when the assessment is created.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from assessor.store.database import ClientRecord
from ui.wizard import styled
from ui.wizard.models import ClientFilter, ClientTableModel
from ui.wizard.option_card import OptionCard

#: The core's limit on a client's name and an assessment's title.
MAX_NAME = 200


def default_title(today: QDate | None = None) -> str:
    """ "AI readiness review March 2025": in English, whatever the system's language."""
    month = QLocale(QLocale.Language.English).toString(today or QDate.currentDate(), "MMMM yyyy")
    return f"AI readiness review {month}"


def _line_edit(placeholder: str, accessible: str, tooltip: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(accessible)
    edit.setToolTip(tooltip)
    edit.setMaxLength(MAX_NAME)
    edit.setClearButtonEnabled(True)
    return edit


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setContentsMargins(0, 0, 0, 0)
    form.setHorizontalSpacing(16)
    form.setVerticalSpacing(10)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _form_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    label.setMinimumWidth(styled.FORM_LABEL_WIDTH)
    return label


class ClientPage(QWizardPage):
    #: The existing client chosen (its id), or None when a new client is chosen.
    client_changed = Signal(object)

    def __init__(self, preselect: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Who is the assessment for?")
        self.setSubTitle(
            "Start with a new client, or add an assessment to one you have assessed before."
        )
        self._preselect = preselect
        self._clients: list[ClientRecord] = []
        self._announced: int | None = None
        self._default_title = default_title()

        self.new_card = OptionCard("New client", "An organisation you have not assessed yet.")
        self.existing_card = OptionCard("Existing client", "No clients yet.")
        self.new_card.setToolTip("Create the client together with this assessment")
        self.existing_card.setToolTip("Add this assessment to a client's earlier ones")
        self.existing_card.setEnabled(False)
        self.kind = QButtonGroup(self)
        self.kind.setExclusive(True)
        self.kind.addButton(self.new_card)
        self.kind.addButton(self.existing_card)
        self.new_card.setChecked(True)
        cards = QHBoxLayout()
        cards.setSpacing(12)
        cards.addWidget(self.new_card)
        cards.addWidget(self.existing_card)

        self.new_box = self._build_new_client()
        self.existing_box = self._build_existing_client()
        self.existing_box.hide()

        self.title_edit = _line_edit(
            "A title for this assessment",
            "Assessment title",
            "How the assessment is named in lists and on the report",
        )
        self.title_edit.setText(self._default_title)
        self.title_message = styled.label(style="warning")
        self.title_message.hide()
        title_form = _form()
        title_field = QVBoxLayout()
        title_field.setSpacing(4)
        title_field.addWidget(self.title_edit)
        title_field.addWidget(self.title_message)
        title_form.addRow(_form_label("Assessment &title", self.title_edit), title_field)

        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(*styled.PAGE_MARGINS)
        self.page_layout.setSpacing(18)
        self.page_layout.addLayout(cards)
        self.page_layout.addWidget(self.new_box)
        self.page_layout.addWidget(self.existing_box, 1)
        self.page_layout.addLayout(title_form)
        self.page_layout.addStretch(1)

        self.kind.buttonToggled.connect(self._kind_toggled)
        self.name_edit.textChanged.connect(self._changed)
        self.title_edit.textChanged.connect(self._changed)
        self.search_edit.textChanged.connect(self._search)
        self.client_table.selectionModel().selectionChanged.connect(lambda *_: self._changed())
        self._changed()

    # --- building ------------------------------------------------------------------------

    def _build_new_client(self) -> QWidget:
        box = QWidget()
        form = _form()
        box.setLayout(form)
        self.name_edit = _line_edit(
            "The organisation's name", "Client name", "The organisation being assessed (required)"
        )
        self.sector_edit = _line_edit(
            "e.g. Insurance (life, health and property)",
            "Line of business",
            "Optional: what the organisation does, in your words",
        )
        self.contact_edit = _line_edit(
            "e.g. Chief Risk Officer",
            "Main contact",
            "Optional: who sponsors the assessment at the client",
        )
        self.name_message = styled.label(style="warning")
        self.name_message.setWordWrap(True)
        self.name_message.hide()
        name_box = QVBoxLayout()
        name_box.setSpacing(4)
        name_box.addWidget(self.name_edit)
        name_box.addWidget(self.name_message)
        form.addRow(_form_label("Client &name", self.name_edit), name_box)
        form.addRow(_form_label("&Line of business", self.sector_edit), self.sector_edit)
        form.addRow(_form_label("Main &contact", self.contact_edit), self.contact_edit)
        form.addRow(QLabel(""), styled.label("Only the name is required.", "quiet"))
        return box

    def _build_existing_client(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search clients by name or line of business")
        self.search_edit.setAccessibleName("Search clients")
        self.search_edit.setToolTip("Type part of a name; Down moves to the list")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.client_model = ClientTableModel()
        self.client_filter = ClientFilter(self.client_model)
        self.client_table = QTableView()
        self.client_table.setModel(self.client_filter)
        self.client_table.setAccessibleName("Clients")
        self.client_table.setToolTip("The client this assessment is for")
        self.client_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.client_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.client_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.client_table.setTabKeyNavigation(False)
        self.client_table.setShowGrid(False)
        self.client_table.setWordWrap(False)
        self.client_table.verticalHeader().hide()
        self.client_table.verticalHeader().setDefaultSectionSize(36)
        header = self.client_table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        card = styled.frame("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(1, 1, 1, 1)
        card_layout.addWidget(self.client_table)
        self.client_message = styled.label(style="muted")
        layout.addWidget(self.search_edit)
        layout.addWidget(card, 1)
        layout.addWidget(self.client_message)
        return box

    # --- content from the core -------------------------------------------------------------

    def set_clients(self, clients: list[ClientRecord]) -> None:
        self._clients = list(clients)
        self.client_model.set_clients(clients)
        self.existing_card.setEnabled(bool(clients))
        if len(clients) == 1:
            detail = f"Add to the history of {clients[0].name}."
        elif clients:
            detail = f"Add to the history of one of your {len(clients)} clients."
        else:
            detail = "No clients yet."
        self.existing_card.set_detail(detail)
        row = None if self._preselect is None else self.client_model.row_of(self._preselect)
        if row is not None:
            self.existing_card.setChecked(True)
            self._select_source_row(row)
            if self.isVisible() and not self.search_edit.text():
                # The list arrived after the page opened: go to the client chosen for us.
                self.client_table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._changed()

    # --- what the user chose ---------------------------------------------------------------

    @property
    def is_new_client(self) -> bool:
        return self.new_card.isChecked()

    def client_name(self) -> str:
        if self.is_new_client:
            return self.name_edit.text().strip()
        chosen = self.chosen_client()
        return chosen.name if chosen else ""

    def client_details(self) -> dict[str, str]:
        """What the user wrote beside a new client's name (blank fields left out)."""
        details = {"sector": self.sector_edit.text().strip()}
        details["contact"] = self.contact_edit.text().strip()
        return {key: value for key, value in details.items() if value}

    def chosen_client(self) -> ClientRecord | None:
        rows = self.client_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.client_model.client_at(self.client_filter.mapToSource(rows[0]).row())

    def client_id(self) -> int | None:
        chosen = None if self.is_new_client else self.chosen_client()
        return chosen.id if chosen else None

    def assessment_title(self) -> str:
        return self.title_edit.text().strip()

    def has_input(self) -> bool:
        """Whether the user typed anything a cancel would lose."""
        typed = (self.name_edit, self.sector_edit, self.contact_edit)
        return any(edit.text().strip() for edit in typed) or (
            self.title_edit.text().strip() != self._default_title
        )

    # --- QWizardPage -----------------------------------------------------------------------

    def first_field(self) -> QWidget:
        """Where the cursor goes when the page opens."""
        if self.is_new_client:
            return self.name_edit
        return self.client_table if self.chosen_client() is not None else self.search_edit

    def isComplete(self) -> bool:
        if not self.assessment_title():
            return False
        if self.is_new_client:
            return bool(self.name_edit.text().strip())
        return self.chosen_client() is not None

    # --- behaviour -------------------------------------------------------------------------

    def _kind_toggled(self, button: object, checked: bool) -> None:
        if not checked:
            return
        new = self.is_new_client
        self.new_box.setVisible(new)
        self.existing_box.setVisible(not new)
        # The list takes the free height; a new client's short form leaves it below.
        self.page_layout.setStretch(self.page_layout.count() - 1, 1 if new else 0)
        if self.isVisible():
            self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)
        self._changed()

    def _search(self, text: str) -> None:
        self.client_filter.setFilterFixedString(text.strip())
        if self.client_filter.rowCount() == 1:
            self.client_table.selectRow(0)
        self._changed()

    def _select_source_row(self, row: int) -> None:
        index = self.client_filter.mapFromSource(self.client_model.index(row, 0))
        self.client_table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.client_table.setCurrentIndex(index)
        self.client_table.scrollTo(index)

    def _changed(self) -> None:
        self._show_messages()
        chosen = self.client_id()
        if chosen != self._announced:
            self._announced = chosen
            self.client_changed.emit(chosen)
        self.completeChanged.emit()

    def _show_messages(self) -> None:
        name = self.name_edit.text().strip()
        message = ""
        if not name and self.name_edit.isModified():
            message = "Enter the client's name."
        elif name and any(c.name.casefold() == name.casefold() for c in self._clients):
            message = (
                f"You already have a client named “{name}”. Choose Existing client to add "
                "to its history, or keep this name to create a second one."
            )
        self.name_message.setText(message)
        self.name_message.setVisible(bool(message))
        if self.chosen_client() is not None:
            self.client_message.setText("")
        elif self.client_filter.rowCount() == 0 and self.search_edit.text().strip():
            self.client_message.setText(f"No client matches “{self.search_edit.text().strip()}”.")
        else:
            self.client_message.setText("Choose a client from the list.")
        self.client_message.setVisible(bool(self.client_message.text()))
        title_missing = not self.assessment_title()
        self.title_message.setText("The assessment needs a title." if title_missing else "")
        self.title_message.setVisible(title_missing)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search field goes into the list, as in a search box of a file dialog.
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.client_filter.rowCount()
        ):
            if self.chosen_client() is None:
                self.client_table.selectRow(0)
            self.client_table.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)
