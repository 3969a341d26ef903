"""The cover a report would have with the branding being edited, for a sample client.

The core writes and renders the cover (`assessor.report.cover_sample`, the report's own
cover builder); this widget asks for it on the worker, off the UI thread, and shows the
picture. Typing waits for a pause before asking again, and an answer to an earlier
request is dropped, so the picture always matches what the fields say.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from assessor.errors import AssessorError, ContentError
from assessor.report.preview import PageImage
from ui.session import Session

PAGE_WIDTH = 280  # logical pixels: an A4 page 280 wide is 396 high
PAUSE_MS = 300  # typing stops this long before the cover is drawn again


@dataclass(frozen=True)
class CoverRequest:
    """What the cover is drawn with: the settings' branding fields."""

    branding_file: Path | None
    consultant: str = ""
    organisation: str = ""
    confidentiality: str = ""


def render_cover(request: CoverRequest, width: int) -> PageImage:
    """The sample cover with the request's branding (on the worker; raises the core's
    `ContentError` for a branding file with problems)."""
    from assessor.report.branding import report_branding
    from assessor.report.cover_sample import sample_cover_image

    branding = report_branding(
        request.branding_file,
        consultant=request.consultant,
        organisation=request.organisation,
        confidentiality=request.confidentiality,
    )
    return sample_cover_image(branding, width)


def problem_text(error: AssessorError) -> str:
    """A branding problem as the settings show it: the file's name and the line."""
    if isinstance(error, ContentError) and error.problems:
        return "\n".join(
            (f"{p.path.name}, line {p.line}" if p.line else p.path.name) + f": {p.message}"
            for p in error.problems
        )
    return str(error)


def to_pixmap(page: PageImage, ratio: float) -> QPixmap:
    image = QImage(page.data, page.width, page.height, page.stride, QImage.Format.Format_RGBA8888)
    pixmap = QPixmap.fromImage(image.copy())  # copy: the bytes belong to the page
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class CoverPreview(QWidget):
    """The page and its caption; `problem` says why there is no page ("" when there is)."""

    problem = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._request: CoverRequest | None = None
        self._asked = 0  # requests sent; only the latest one's answer is shown
        self.has_image = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(QLabel("Cover preview", objectName="fieldLabel"))
        self.frame = QFrame(objectName="figure")
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(1, 1, 1, 1)
        self.page = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.page.setObjectName("coverPage")
        self.page.setFixedSize(PAGE_WIDTH, round(PAGE_WIDTH * 297 / 210))
        self.page.setAccessibleName("Cover preview")
        self.page.setWordWrap(True)
        self.page.setStyleSheet("padding: 24px;")
        inner.addWidget(self.page)
        layout.addWidget(self.frame, 0, Qt.AlignmentFlag.AlignLeft)
        self.caption = QLabel("A sample client's report, with your details and branding.")
        self.caption.setObjectName("detail")
        self.caption.setWordWrap(True)
        self.caption.setFixedWidth(PAGE_WIDTH + 2)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.render_now)

    def show_branding(self, request: CoverRequest, at_once: bool = False) -> None:
        """Draw the cover for these fields: now, or after a pause in typing."""
        if request == self._request and self.has_image:
            return
        self._request = request
        if at_once:
            self.render_now()
        else:
            self._timer.start()

    def render_now(self) -> None:
        self._timer.stop()
        if self._request is None:
            return
        self._asked += 1
        asked, request = self._asked, self._request
        ratio = self.devicePixelRatioF()
        width = round(PAGE_WIDTH * ratio)
        self.page.setToolTip("")

        def drawn(page: PageImage) -> None:
            if asked == self._asked:
                self.page.setPixmap(to_pixmap(page, ratio))
                self.has_image = True
                self._frame_as("figure")  # a white page
                self.problem.emit("")

        def refused(error: BaseException) -> None:
            if asked != self._asked:
                return
            if not isinstance(error, AssessorError):
                self.session.report_error(error)
                return
            self.page.clear()
            self.page.setText("No preview: the branding file has a problem, shown beside this.")
            self.has_image = False
            self._frame_as("panel")  # no page: the theme's card, not a glaring white one
            self.problem.emit(problem_text(error))

        self.session.op(lambda _core: render_cover(request, width)).success(drawn).failure(
            refused
        ).run()

    def _frame_as(self, name: str) -> None:
        if self.frame.objectName() != name:
            self.frame.setObjectName(name)
            self.page.setObjectName("coverPage" if name == "figure" else "muted")
            for widget in (self.frame, self.page):
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def pixmap(self) -> QPixmap:
        return self.page.pixmap()
