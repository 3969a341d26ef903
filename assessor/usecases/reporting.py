"""The report use-cases: gather what a report shows, and write it as a PDF.

Gathering reads the store (on the store's thread); writing lays out pages and can run
anywhere, with progress and cancellation for the app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from assessor.library.installed import Library
from assessor.report.branding import Branding
from assessor.report.data import ReportData, assemble
from assessor.report.document import render_report
from assessor.store.database import Store
from assessor.usecases.answering import scorecard
from assessor.usecases.roadmap_edits import plan_for


def gather_report(store: Store, library: Library, assessment_id: int) -> ReportData:
    """Everything the report of one assessment shows, read in one go."""
    return assemble(
        library,
        store.assessment(assessment_id),
        store.questionnaires_of(assessment_id),
        store.content_hashes_of(assessment_id),
        scorecard(store, library, assessment_id),
        plan_for(store, library, assessment_id),
        store.respondents(assessment_id),
        store.current_responses(assessment_id),
        store.all_agreed(assessment_id),
        store.list_assessments(),
        datetime.now(UTC),
    )


def write_report(
    store: Store,
    library: Library,
    assessment_id: int,
    path: Path,
    branding: Branding | None = None,
    password: str | None = None,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the PDF report of an assessment; return its number of pages."""
    data = gather_report(store, library, assessment_id)
    return render_report(
        data, path, branding or Branding(), password=password, progress=progress,
        cancelled=cancelled,
    )  # fmt: skip
