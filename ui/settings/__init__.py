"""Settings: the consultant, the report's branding (with a preview of the cover), the theme
and the data folder. `dialog.SettingsDialog` is the dialog; `screens` yields its states
for the screen captures (`make screens`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.session import Session


def screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    """The dialog filled in, with a branded cover; and with a branding file that has a
    problem (files made for the capture in the session's data folder)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from ui.settings.dialog import SettingsDialog

    folder = session.paths.data_dir / "screens-branding"
    folder.mkdir(parents=True, exist_ok=True)
    logo = QImage(480, 120, QImage.Format.Format_ARGB32)
    logo.fill(Qt.GlobalColor.transparent)
    painter = QPainter(logo)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#7A1F5C"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(8, 12, 96, 96))
    painter.setPen(QColor("#3B2F3A"))
    painter.setFont(QFont("Noto Sans", 40, QFont.Weight.DemiBold))
    painter.drawText(QRectF(124, 0, 356, 120), Qt.AlignmentFlag.AlignVCenter, "Example & P.")
    painter.end()
    logo.save(str(folder / "logo.png"))
    good = folder / "branding.yaml"
    good.write_text(
        'consultancy: Example & Partners\nlogo: logo.png\nprimary_colour: "#7A1F5C"\n',
        encoding="utf-8",
    )
    bad = folder / "old-branding.yaml"
    bad.write_text("consultancy: Example & Partners\nprimary_colour: plum\n", encoding="utf-8")

    def dialog() -> SettingsDialog:
        made = SettingsDialog(session)
        made.consultant.setText("Jane Doe")
        made.organisation.setText("Example & Partners")
        made.show()
        QApplication.processEvents()
        return made

    branded = dialog()
    branded.set_branding_file(good)
    yield "settings", branded
    branded.reject()

    problem = dialog()
    problem.set_branding_file(bad)
    yield "settings-branding-problem", problem
    problem.reject()
