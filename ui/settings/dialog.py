"""Settings (Edit › Settings…, Ctrl+,): who prepares the reports and how they are branded,
with the cover they would have; the theme; the data folder.

The dialog edits `Preferences` and saves them on OK (`Preferences.save`); the theme
applies at once and Cancel puts the earlier one back. The branding file is checked by
the core (`load_branding`, through the cover's rendering) and its problems are shown
here, with their lines. Moving the data folder is an action, not a setting: it happens
when confirmed, and Cancel does not undo it (see `ui.settings.data_folder`).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor.report.branding import DEFAULT_CONFIDENTIALITY
from ui.preferences import THEMES, Preferences
from ui.session import Session
from ui.settings.cover_preview import CoverPreview, CoverRequest
from ui.settings.data_folder import DataFolderBox
from ui.theme import apply_choice
from ui.wizard.styled import ChevronCombo

THEME_NAMES = {"system": "Same as the system", "light": "Light", "dark": "Dark"}
#: Fusion's drop-down button shows a stray bevel under the app's rounded border: hide it,
#: and draw the chevron instead (as the wizard does, `ui.wizard.styled.ChevronCombo`).
CHEVRON_COMBO = (
    "QComboBox { padding-right: 28px; }"
    "QComboBox::drop-down { subcontrol-origin: padding; subcontrol-position: center right;"
    " width: 26px; border: none; }"
    "QComboBox::down-arrow { image: none; width: 0px; }"
)


def choose_branding_file(parent: QWidget | None, start: Path) -> Path | None:
    """The branding file the user picked; None when they cancel. Tests patch this."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, "Choose a branding file", str(start), "Branding file (*.yaml *.yml)"
    )
    return Path(name) if name else None


def _section(title: str, note: str = "", gap: int = 0) -> QWidget:
    """A section's title (and a line on what it is for), `gap` pixels below the last."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, gap, 0, 2)
    layout.setSpacing(2)
    layout.addWidget(QLabel(title, objectName="sectionTitle"))
    if note:
        layout.addWidget(QLabel(note, objectName="muted", wordWrap=True))
    return box


class SettingsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.original = Preferences.load(session.paths)
        self.branding_file: Path | None = (
            Path(self.original.branding_file) if self.original.branding_file else None
        )

        # One form, so that the labels of every section line up.
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_section("Reports", "What the cover and the headers of your reports say."))
        self.consultant = QLineEdit(self.original.consultant, placeholderText="Jane Doe")
        self.organisation = QLineEdit(
            self.original.organisation, placeholderText="Example & Partners"
        )
        self.confidentiality = QLineEdit(self.original.confidentiality)
        self.confidentiality.setPlaceholderText(DEFAULT_CONFIDENTIALITY)
        self.confidentiality.setToolTip("Empty: the report's own line, naming the client")
        form.addRow("Your name", self.consultant)
        form.addRow("Organisation", self.organisation)
        form.addRow("Confidentiality", self.confidentiality)
        form.addRow("Branding file", self._branding_row())
        self.branding_problem = QFrame(objectName="problems")
        problem_box = QVBoxLayout(self.branding_problem)
        problem_box.setContentsMargins(10, 8, 10, 8)
        self.branding_problem_text = QLabel(objectName="noticeText", wordWrap=True)
        self.branding_problem_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        problem_box.addWidget(self.branding_problem_text)
        self.branding_problem.hide()
        form.addRow("", self.branding_problem)

        form.addRow(_section("Appearance", gap=14))
        self.theme = ChevronCombo()
        self.theme.setStyleSheet(CHEVRON_COMBO)
        for key in THEMES:
            self.theme.addItem(THEME_NAMES[key], key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(self.original.theme)))
        self.theme.setAccessibleName("Theme")
        self.theme.setMinimumWidth(220)
        self.theme.currentIndexChanged.connect(self._theme_chosen)
        theme_row = QHBoxLayout()
        theme_row.addWidget(self.theme)
        theme_row.addStretch(1)
        form.addRow("Theme", theme_row)
        forced = os.environ.get("ASSESSOR_THEME", "").lower()
        if forced in {"light", "dark"}:
            form.addRow(
                "",
                QLabel(
                    f"ASSESSOR_THEME={forced} is set, and decides the theme while it is.",
                    objectName="detail",
                    wordWrap=True,
                ),
            )

        form.addRow(_section("Data folder", gap=14))
        self.data_folder = DataFolderBox(session)
        form.addRow("Folder", self.data_folder)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)

        self.preview = CoverPreview(session)
        self.preview.problem.connect(self._show_problem)
        columns = QHBoxLayout()
        columns.setSpacing(32)
        columns.addLayout(left, 1)
        columns.addWidget(self.preview, 0)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)

        for field in (self.consultant, self.organisation, self.confidentiality):
            field.textChanged.connect(lambda _text: self.preview.show_branding(self.request()))
        self.resize(900, 540)
        self.preview.show_branding(self.request(), at_once=True)

    def _branding_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.branding_path = QLineEdit(readOnly=True, placeholderText="None: the app's own look")
        self.branding_path.setAccessibleName("Branding file")
        layout.addWidget(self.branding_path, 1)
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setToolTip("A YAML file with your logo, colour and name")
        self.choose_button.clicked.connect(self.choose_branding)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Reports without a branding file")
        self.clear_button.clicked.connect(lambda: self.set_branding_file(None))
        layout.addWidget(self.choose_button)
        layout.addWidget(self.clear_button)
        self._show_branding_file()
        return row

    # --- the branding ------------------------------------------------------------------

    def request(self) -> CoverRequest:
        return CoverRequest(
            self.branding_file,
            consultant=self.consultant.text().strip(),
            organisation=self.organisation.text().strip(),
            confidentiality=self.confidentiality.text().strip(),
        )

    def choose_branding(self) -> None:
        start = self.branding_file.parent if self.branding_file else Path.home()
        chosen = choose_branding_file(self, start)
        if chosen is not None:
            self.set_branding_file(chosen)

    def set_branding_file(self, path: Path | None) -> None:
        self.branding_file = path
        self._show_branding_file()
        self.preview.show_branding(self.request(), at_once=True)

    def _show_branding_file(self) -> None:
        self.branding_path.setText(str(self.branding_file) if self.branding_file else "")
        self.branding_path.setCursorPosition(len(self.branding_path.text()))
        self.branding_path.setToolTip(str(self.branding_file) if self.branding_file else "")
        self.clear_button.setEnabled(self.branding_file is not None)

    def _show_problem(self, text: str) -> None:
        self.branding_problem_text.setText(text)
        self.branding_problem.setVisible(bool(text))

    # --- the theme ---------------------------------------------------------------------

    def chosen_theme(self) -> str:
        return str(self.theme.currentData())

    def _theme_chosen(self, _index: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_choice(app, self.chosen_theme())

    # --- OK and Cancel -----------------------------------------------------------------

    def preferences(self) -> Preferences:
        """The preferences as the dialog shows them (the recent list as saved meanwhile)."""
        return dataclasses.replace(
            Preferences.load(self.session.paths),
            consultant=self.consultant.text().strip(),
            organisation=self.organisation.text().strip(),
            branding_file=str(self.branding_file) if self.branding_file else "",
            confidentiality=self.confidentiality.text().strip(),
            theme=self.chosen_theme(),
        )

    def accept(self) -> None:
        self.preferences().save(self.session.paths)
        super().accept()

    def reject(self) -> None:
        if self.chosen_theme() != self.original.theme:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_choice(app, self.original.theme)
        super().reject()
