"""File › Export report…: the PDF of one assessment, with its options, progress and a
preview of what was written.

Three steps on one dialog: the options (the file, an optional password, the branding and
the confidentiality line from the preferences), the progress (with a Cancel that stops
the layout), and the result (a preview of the first pages, the page count, and ways to
open the file). The work is the core's: `gather_report` reads the store on the store's
worker; `render_report` lays the PDF out on a thread of its own (`ThreadJob`), so the
worker stays free for answers; `page_images` renders the preview on another.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assessor.errors import AssessorError
from assessor.report.document import ReportCancelled
from assessor.report.preview import PageImage
from ui import dialogs
from ui.export import locations
from ui.export.background import ThreadJob
from ui.preferences import Preferences
from ui.session import Session

if TYPE_CHECKING:
    from assessor.report.data import ReportData

PREVIEW_PAGES = 3
THUMB_WIDTH = 168  # logical pixels; three side by side fill the dialog's width
CANCELLED = "Export cancelled; no file was written."


def _text(text: str = "", name: str = "", wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


def _sentence(what: str) -> str:
    """The core's progress words ("page 12 of ~40") as a status line."""
    return what[:1].upper() + what[1:] if what else ""


def carried_by(preferences: Preferences) -> str:
    """What the report's branding will carry, in one line."""
    who = ", ".join(p for p in (preferences.consultant, preferences.organisation) if p)
    prepared = f"“Prepared by {who}”" if who else "no consultant’s name (set one in Settings)"
    look = (
        f"the logo and colour of {Path(preferences.branding_file).name}"
        if preferences.branding_file
        else "the app’s standard look"
    )
    return f"The cover will carry {prepared}, with {look}."


class ReportExportDialog(QDialog):
    """See the module docstring."""

    #: The branding line's "Change in Settings…": the window opens the settings.
    settings_requested = Signal()
    #: The report was written: its path and number of pages.
    exported = Signal(object, int)

    def __init__(
        self,
        session: Session,
        assessment_id: int,
        client: str,
        title: str,
        preferences: Preferences,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportReportDialog")
        self.setWindowTitle("Export report")
        self.setMinimumWidth(640)
        self.session = session
        self.assessment_id = assessment_id
        self.client = client
        self.title = title
        self.preferences = preferences
        self.path: Path | None = None
        self.pages = 0
        self.preview: list[PageImage] = []
        self.seconds = 0.0  # how long the last export took, from the click to the file
        self._job: ThreadJob | None = None
        self._preview_job: ThreadJob | None = None
        self._stopping = False
        self._started = 0.0
        self.steps = QStackedWidget()
        self.steps.addWidget(self._build_options())
        self.steps.addWidget(self._build_progress())
        self.steps.addWidget(self._build_done())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 22)
        layout.addWidget(self.steps)
        self._check()
        self.password_edit.setFocus()  # the path is filled in; the password is the question

    # --- building ----------------------------------------------------------------------

    def _heading(self, layout: QVBoxLayout, title: str) -> QLabel:
        heading = _text(title, "pageTitle")
        layout.addWidget(heading)
        about = _text(f"{self.client} · {self.title}", "muted", wrap=True)
        layout.addWidget(about)
        layout.addSpacing(14)
        return heading

    def _build_options(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._heading(layout, "Export report")

        self.notice = _text("", "noticeText", wrap=True)
        self.notice_frame = QWidget()  # the notice, and the room below it
        below = QVBoxLayout(self.notice_frame)
        below.setContentsMargins(0, 0, 0, 14)
        frame = QFrame(objectName="notice")
        inside = QVBoxLayout(frame)
        inside.setContentsMargins(12, 8, 12, 8)
        inside.addWidget(self.notice)
        below.addWidget(frame)
        self.notice_frame.hide()
        layout.addWidget(self.notice_frame)

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        folder = locations.last_folder(self.session.paths)
        self.path_edit = QLineEdit(
            str(folder / locations.default_name(self.client, self.title, ".pdf"))
        )
        self.path_edit.setAccessibleName("Save the report as")
        self.path_edit.setToolTip("The folder and the name of the PDF")
        self.path_edit.textChanged.connect(self._check)
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setToolTip("Choose the folder and the name of the PDF")
        self.choose_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        form.addRow(_field_label("Save as"), row)
        form.addRow(_gap(10))

        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("Optional")
        self.password_edit.setAccessibleName("Password")
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName("Confirm the password")
        self.confirm_edit.setPlaceholderText("The same password again")
        for edit in (self.password_edit, self.confirm_edit):
            edit.textChanged.connect(self._check)
        form.addRow(_field_label("Password"), self.password_edit)
        form.addRow(_field_label("Confirm"), self.confirm_edit)
        self.mismatch = _text("The two passwords are not the same.", "warning")
        keep_room = self.mismatch.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)  # the form does not jump as one types
        self.mismatch.setSizePolicy(keep_room)
        self.mismatch.setVisible(False)
        self.password_note = _text(
            "With a password, the PDF opens only with it. Keep it safe: there is no way "
            "to recover a lost one.",
            "quiet",
            wrap=True,
        )
        notes = QWidget()  # a box layout, which keeps the hidden line's room (a form does not)
        lines = QVBoxLayout(notes)
        lines.setContentsMargins(0, 0, 0, 6)
        lines.setSpacing(4)
        lines.addWidget(self.password_note)
        lines.addWidget(self.mismatch)  # its room, kept when hidden, spaces the next row
        form.addRow("", notes)

        self.confidentiality_edit = QLineEdit(self.preferences.confidentiality)
        self.confidentiality_edit.setPlaceholderText(
            f"Confidential. Prepared for {self.client} only."
        )
        self.confidentiality_edit.setAccessibleName("Confidentiality line")
        self.confidentiality_edit.setMaxLength(300)
        form.addRow(_field_label("Confidentiality"), self.confidentiality_edit)
        form.addRow("", _text("Printed at the foot of every page.", "quiet"))
        form.addRow(_gap(10))

        self.branding_text = _text(carried_by(self.preferences), wrap=True)
        self.settings_button = QPushButton("Change in Settings…")
        self.settings_button.setObjectName("link")
        self.settings_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.settings_button.clicked.connect(self.settings_requested)
        branding = QVBoxLayout()
        branding.setSpacing(2)
        branding.addWidget(self.branding_text)
        branding.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignLeft)
        branding_label = _field_label("Branding")
        # Level with the first line of the text beside it, not with the middle of the row.
        branding_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        branding_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        form.addRow(branding_label, branding)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addSpacing(18)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_options = QPushButton("Cancel")
        self.close_options.clicked.connect(self.reject)
        self.export_button = QPushButton("Export")
        self.export_button.setObjectName("primary")
        self.export_button.setDefault(True)
        self.export_button.setMinimumWidth(110)
        self.export_button.clicked.connect(self.export)
        buttons.addWidget(self.close_options)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)
        return page

    def _build_progress(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._heading(layout, "Exporting the report…")
        layout.addStretch(2)
        self.progress_file = _text("", "fieldLabel")
        layout.addWidget(self.progress_file)
        layout.addSpacing(8)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(8)
        layout.addWidget(self.progress_bar)
        layout.addSpacing(6)
        self.status = _text("", "muted")
        layout.addWidget(self.status)
        layout.addStretch(3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the export; no file is written")
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        return page

    def _build_done(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._heading(layout, "Report exported")
        self.facts = _text("", "")
        layout.addWidget(self.facts)
        self.where = _text("", "quiet")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        layout.addSpacing(14)

        self.preview_row = QHBoxLayout()
        self.preview_row.setSpacing(14)
        self.thumbnails: list[QLabel] = []
        self.preview_row.addStretch(1)
        height = round(THUMB_WIDTH * 297 / 210)
        for number in range(PREVIEW_PAGES):
            thumb = QLabel("Preparing…" if number == 0 else "")
            thumb.setObjectName("pageThumb")
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            thumb.setFixedSize(THUMB_WIDTH + 2, height + 2)
            thumb.setAccessibleName(f"Page {number + 1} of the report")
            self.thumbnails.append(thumb)
            self.preview_row.addWidget(thumb)
        self.preview_row.addStretch(1)
        layout.addLayout(self.preview_row)
        layout.addSpacing(6)
        self.preview_caption = _text("", "quiet")
        self.preview_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.preview_caption)
        layout.addStretch(1)
        layout.addSpacing(18)

        buttons = QHBoxLayout()
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.clicked.connect(self.show_in_folder)
        self.open_button = QPushButton("Open in PDF viewer")
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.open_report)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        return page

    # --- the options -------------------------------------------------------------------

    def choose_file(self) -> None:
        current = Path(self.path_edit.text().strip() or locations.last_folder(self.session.paths))
        chosen, _filter = locations.choose_save_path(
            self, "Export report", current, "PDF document (*.pdf)"
        )
        if chosen is not None:
            self.path_edit.setText(str(locations.with_suffix(chosen, ".pdf")))

    def _check(self) -> None:
        password, again = self.password_edit.text(), self.confirm_edit.text()
        differ = bool(again) and password != again
        self.mismatch.setVisible(differ)
        ready = bool(self.path_edit.text().strip()) and (not password or password == again)
        self.export_button.setEnabled(ready)

    def branding_options(self) -> dict[str, str]:
        """What the report's branding is built from (`report_branding`'s arguments)."""
        return {
            "consultant": self.preferences.consultant,
            "organisation": self.preferences.organisation,
            "confidentiality": self.confidentiality_edit.text(),
        }

    # --- exporting ---------------------------------------------------------------------

    def export(self) -> None:
        """Read the report's data on the store's worker, then lay it out off both threads."""
        if not self.export_button.isEnabled():
            return
        path = locations.with_suffix(Path(self.path_edit.text().strip()).expanduser(), ".pdf")
        self.path_edit.setText(str(path))
        self.path = path
        self._stopping = False
        self._started = time.perf_counter()
        self.show_running(path)
        from assessor.usecases.reporting import gather_report

        wanted = self.assessment_id
        self.session.op(lambda core: gather_report(core.store, core.library, wanted)).success(
            self._lay_out
        ).failure(self._failed).run()

    def show_running(self, path: Path) -> None:
        """The progress step, for a report about to be written to `path`."""
        self.notice_frame.hide()
        self.progress_file.setText(self._elided(self.progress_file, f"Writing {path.name}"))
        self.progress_file.setToolTip(str(path))
        self.show_progress(0.0, "reading the assessment")
        self.cancel_button.setEnabled(True)
        self.steps.setCurrentIndex(1)

    def _lay_out(self, data: ReportData) -> None:
        if self._stopping:
            self._failed(ReportCancelled(CANCELLED))
            return
        from assessor.report.branding import report_branding
        from assessor.report.document import render_report

        path, password = self.path, self.password_edit.text() or None
        brand_file = (
            Path(self.preferences.branding_file) if self.preferences.branding_file else None
        )
        options = self.branding_options()
        assert path is not None

        def lay_out(job: ThreadJob) -> int:
            branding = report_branding(brand_file, **options)
            return render_report(
                data,
                path,
                branding,
                password=password,
                progress=job.report,
                cancelled=job.is_cancelled,
            )

        self._job = ThreadJob(lay_out, "report")
        self._job.progressed.connect(self.show_progress)
        self._job.finished.connect(self._written)
        self._job.failed.connect(self._failed)
        self._job.start()

    def show_progress(self, share: float, what: str) -> None:
        """The core's progress ("laying out", "page 12 of ~40") as the bar and a line."""
        self.progress_bar.setValue(round(share * 1000))
        ongoing = what not in {"", "done"} and not what[-1].isdigit()
        self.status.setText(_sentence(what) + ("…" if ongoing else ""))

    def cancel(self) -> None:
        """Stop the export: the layout stops at its next page and writes nothing."""
        self._stopping = True
        self.cancel_button.setEnabled(False)
        self.status.setText("Cancelling…")
        if self._job is not None:
            self._job.cancel()

    @property
    def running(self) -> bool:
        return self.steps.currentIndex() == 1

    def _written(self, pages: int) -> None:
        self.seconds = time.perf_counter() - self._started
        self._job = None
        assert self.path is not None
        locations.remember_folder(self.session.paths, self.path)
        self.pages = pages
        self._show_done()
        self.exported.emit(self.path, pages)
        self._render_preview()

    def _failed(self, error: BaseException) -> None:
        self._job = None
        self.steps.setCurrentIndex(0)
        if isinstance(error, ReportCancelled):
            self._show_notice(CANCELLED)
        elif isinstance(error, AssessorError):
            self._show_notice(f"Not exported: {error}")
            dialogs.show_user_error(self, str(error), "Report not exported")
        else:
            self.session.report_error(error)

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice_frame.show()
        self.fit()

    def fit(self) -> None:
        """Grow to show every line after one appeared: a window's minimum size does not
        count the height that wrapped lines need at its width."""
        layout = self.layout()
        layout.activate()
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if needed > self.height():
            self.resize(width, needed)

    # --- the result --------------------------------------------------------------------

    def _show_done(self) -> None:
        assert self.path is not None
        size = self.path.stat().st_size
        protected = " · opens only with its password" if self.password_edit.text() else ""
        self.facts.setText(
            f"{self.pages} page{'s' if self.pages != 1 else ''} · {_size_text(size)}{protected}"
        )
        self.where.setToolTip(str(self.path))
        self.where.setText(self._elided(self.where, str(self.path)))
        for number, thumb in enumerate(self.thumbnails):
            thumb.clear()
            thumb.setText("Preparing…" if number == 0 else "")
            thumb.setVisible(number < self.pages)
        self.preview_caption.setText("")
        self.steps.setCurrentIndex(2)
        self.open_button.setFocus()

    def _elided(self, label: QLabel, text: str) -> str:
        """Text that fits the dialog's width, shortened in the middle (paths run long)."""
        room = max(200, self.steps.width() - 8)
        return label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, room)

    def _render_preview(self) -> None:
        from assessor.report.preview import page_images

        path, password = self.path, self.password_edit.text() or None
        assert path is not None
        width = round(THUMB_WIDTH * self.devicePixelRatioF())

        def render(_job: ThreadJob) -> list[PageImage]:
            return page_images(path, password=password, count=PREVIEW_PAGES, width=width)

        self._preview_job = ThreadJob(render, "preview")
        self._preview_job.finished.connect(self._show_preview)
        self._preview_job.failed.connect(self._preview_failed)
        self._preview_job.start()

    def _show_preview(self, images: list[PageImage]) -> None:
        self._preview_job = None
        self.preview = images
        ratio = self.devicePixelRatioF()
        for thumb, image in zip(self.thumbnails, images, strict=False):
            picture = QImage(
                image.data, image.width, image.height, image.stride, QImage.Format.Format_RGBA8888
            )
            pixmap = QPixmap.fromImage(picture)  # a copy: the bytes may go
            pixmap.setDevicePixelRatio(ratio)
            thumb.setText("")
            thumb.setPixmap(pixmap)
        shown = len(images)
        self.preview_caption.setText(
            f"Pages 1–{shown} of {self.pages}" if shown > 1 else f"Page 1 of {self.pages}"
        )

    def _preview_failed(self, error: BaseException) -> None:
        self._preview_job = None
        self.thumbnails[0].setText("No preview")
        self.preview_caption.setText(str(error) if isinstance(error, AssessorError) else "")

    def open_report(self) -> None:
        if self.path is not None and not locations.open_file(self.path):
            dialogs.show_user_error(
                self, f"{self.path}: no application to open PDF files was found.", "Not opened"
            )

    def show_in_folder(self) -> None:
        if self.path is not None:
            locations.show_in_folder(self.path)

    # --- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        """Esc or Cancel: while exporting, stop the export first and stay open."""
        if self.running:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def wait(self, timeout: float = 30.0) -> None:
        """Block until the layout and the preview have finished (tests, screens)."""
        for job in (self._job, self._preview_job):
            if job is not None:
                job.wait(timeout)


def _field_label(text: str) -> QLabel:
    return _text(text, "fieldLabel")


def _gap(height: int) -> QWidget:
    spacer = QWidget()
    spacer.setFixedHeight(height)
    return spacer


def _size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"
