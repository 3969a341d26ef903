"""Files in and out of the app: the report export dialog, the roadmap and assessment
files, import (chosen, dropped or named on the command line). The work is the core's."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QWidget

from ui.session import Session


def screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    """The report export dialog: its options, midway through, and the preview after."""
    import shutil
    import tempfile
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from ui.export.report_dialog import ReportExportDialog
    from ui.preferences import Preferences

    record = session.call(lambda core: core.store.assessment(assessment_id))
    preferences = Preferences(
        consultant="Jane Doe",
        organisation="Example & Partners",
        confidentiality="Confidential: prepared for Northwind's board. Not for distribution.",
    )
    folder = Path(tempfile.mkdtemp(prefix="assessor-screens-"))

    def dialog() -> ReportExportDialog:
        made = ReportExportDialog(
            session, assessment_id, record.client_name, record.title, preferences
        )
        made.path_edit.setText(str(folder / Path(made.path_edit.text()).name))
        made.show()  # styled, so that its size is the size it shows at
        QApplication.processEvents()
        made.adjustSize()
        return made

    options = dialog()
    yield "export-report-options", options
    options.password_edit.setText("correct horse")
    options.confirm_edit.setText("correct hors")
    options.password_edit.deselect()
    options.fit()
    yield "export-report-password-mismatch", options

    during = dialog()
    during.show_running(Path(during.path_edit.text()))
    during.show_progress(0.42, "page 31 of ~73")
    yield "export-report-progress", during

    cancelled = dialog()
    cancelled._show_notice("Export cancelled; no file was written.")
    yield "export-report-cancelled", cancelled

    done = dialog()
    done.password_edit.setText("correct horse")
    done.confirm_edit.setText("correct horse")
    done.show()
    done.export()
    for _ in range(600):  # the layout, then the preview, each on its own thread
        done.wait()
        QApplication.processEvents()
        if done.preview:
            break
    yield "export-report-done", done
    done.done(0)
    shutil.rmtree(folder, ignore_errors=True)
