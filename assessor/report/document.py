"""Laying out the report: the page templates, header and footer, contents and
bookmarks, metadata, encryption, progress and cancellation, and the safe write.

The sections themselves (`assessor.report.sections`) are lists of flowables; this module
puts them on A4 pages. Every page but the cover carries the client's name, the
confidentiality line and "Page N of M". The PDF is laid out in memory and written whole
or not at all (`assessor.atomic_files`), so a failed or cancelled export never leaves
half a report, nor replaces an earlier one.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import Destination
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from assessor.atomic_files import cannot_write, write_atomically
from assessor.errors import AssessorError, UsageError
from assessor.report.branding import DEFAULT_CONFIDENTIALITY, Branding
from assessor.report.contents import ContentsLedger, fill_contents
from assessor.report.data import ReportData
from assessor.report.sections import Heading, build_story, toc_styles_of
from assessor.report.styles import (
    FONT,
    FONT_BOLD,
    MUTED,
    RULE,
    Palette,
    paragraph_styles,
    register_fonts,
)
from assessor.report.text import fit_line, printable

MARGIN = 18 * mm
HEADER = 11 * mm


class ReportCancelled(AssessorError):
    """The export was stopped before it finished; no file was written."""


def _numbered_canvas(
    data: ReportData, branding: Branding, palette: Palette, ledger: ContentsLedger
) -> type[Canvas]:
    """A canvas that draws the header and footer, and fills in the contents, once the
    page count is known."""
    toc_styles = toc_styles_of(paragraph_styles(palette))
    client = printable(data.client)
    confidentiality = printable(
        f"Confidential. Prepared for {data.client} only."
        if branding.confidentiality == DEFAULT_CONFIDENTIALITY
        else branding.confidentiality
    )
    consultancy = printable(branding.consultancy)
    title = printable(data.title)

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._bookmarks: list[tuple[str, dict[str, Any]]] = []  # of the page being laid out

        def bookmarkPage(
            self, key: Any, fit: str = "Fit", left: Any = None, top: Any = None,
            bottom: Any = None, right: Any = None, zoom: Any = None,
        ) -> Destination:  # fmt: skip
            # Pages are only really added in save(): a bookmark made now would point to the
            # first page, so it is made there, once its page is the current one.
            where = {"fit": fit, "left": left, "top": top, "bottom": bottom, "right": right,
                     "zoom": zoom}  # fmt: skip
            self._bookmarks.append((key, where))
            return self._bookmarkReference(key)  # type: ignore[attr-defined, no-any-return]

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._bookmarks = []
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own, unstubbed

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                for key, options in self._bookmarks:
                    super().bookmarkPage(key, **options)
                if self.getPageNumber() > 1:
                    self._decorate(total)
                super().showPage()
            fill_contents(self, ledger, toc_styles)
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = A4
            top = height - MARGIN + 4 * mm
            self.saveState()
            self.setFont(FONT_BOLD, 7.5)
            self.setFillColor(palette.primary)
            self.drawString(MARGIN, top, fit_line(client, FONT_BOLD, 7.5, 80 * mm))
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.drawRightString(
                width - MARGIN, top, fit_line(consultancy or title, FONT, 7.5, 90 * mm)
            )
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, top - 2.5 * mm, width - MARGIN, top - 2.5 * mm)
            bottom = MARGIN - 8 * mm
            self.line(MARGIN, bottom + 4 * mm, width - MARGIN, bottom + 4 * mm)
            self.drawString(MARGIN, bottom, fit_line(confidentiality, FONT, 7, 130 * mm))
            self.drawRightString(width - MARGIN, bottom, f"Page {self.getPageNumber()} of {total}")
            self.restoreState()

    return NumberedCanvas


class ReportTemplate(BaseDocTemplate):
    """A4 pages: a cover without header, then body pages; headings feed the contents
    and the PDF's bookmarks; progress is reported and cancellation checked as pages fill."""

    def __init__(
        self,
        filename: IO[bytes],
        progress: Callable[[float, str], None],
        cancelled: Callable[[], bool],
        expected_pages: int,
        ledger: ContentsLedger,
        **kwargs: Any,
    ) -> None:
        super().__init__(filename, pagesize=A4, **kwargs)
        width, height = A4
        frame = Frame(
            MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN - HEADER + 6 * mm,
            id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        cover = Frame(
            MARGIN + 6 * mm, MARGIN, width - 2 * MARGIN - 12 * mm, height - 2 * MARGIN,
            id="cover", leftPadding=0, rightPadding=0,
        )  # fmt: skip
        self.addPageTemplates(
            [PageTemplate(id="cover", frames=[cover]), PageTemplate(id="body", frames=[frame])]
        )
        self._progress = progress
        self._cancelled = cancelled
        self._expected = max(expected_pages, 1)
        self._headings = 0
        self._ledger = ledger

    def handle_pageEnd(self) -> None:
        if self._cancelled():
            raise ReportCancelled("the report export was cancelled; no file was written")
        about = max(self._expected, self.page + 1)  # an estimate; never behind the count
        self._progress(min(0.95, self.page / about), f"page {self.page} of ~{about}")
        super().handle_pageEnd()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading) and flowable.toc_level is not None:
            key = f"h{self._headings}"
            self._headings += 1
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(
                flowable.plain, key, level=flowable.toc_level, closed=flowable.toc_level > 0
            )
            self._ledger.pages.append(self.page)


def expected_pages(data: ReportData) -> int:
    """About how many pages the report will have, for progress: a dozen of summary,
    charts and roadmap, then the appendix, where an answered question takes about twice
    the room of an unanswered one (measured on the sample and on a blank assessment)."""
    return 12 + sum(2 if question.answers else 1 for question in data.questions) // 5


def render_report(
    data: ReportData,
    path: Path,
    branding: Branding,
    password: str | None = None,
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Lay out and write the report; return the number of pages."""
    if path.suffix.lower() != ".pdf":
        raise UsageError(f"{path}: write the report as a .pdf file")
    register_fonts()
    report = progress or (lambda _share, _what: None)
    stop = cancelled or (lambda: False)
    palette = Palette(colors.HexColor(branding.primary_colour))
    report(0.02, "laying out")
    story, ledger = build_story(data, branding, palette)
    encrypt = (
        StandardEncryption(password, canPrint=1, canModify=0, canCopy=0, strength=128)
        if password
        else None
    )
    pdf = io.BytesIO()
    doc = ReportTemplate(
        pdf,
        report,
        stop,
        expected_pages=expected_pages(data),
        ledger=ledger,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER,
        bottomMargin=MARGIN,
        title=f"{printable(data.client)}: {printable(data.title)}",
        author=printable(branding.prepared_by) or "AI Readiness Assessor",
        subject="AI readiness assessment report",
        creator="AI Readiness Assessor",
        keywords="AI readiness, assessment, roadmap",
        lang="en-GB",
        displayDocTitle=1,
        initialFontName=FONT,
        encrypt=encrypt,
    )
    doc.build(story, canvasmaker=_numbered_canvas(data, branding, palette, ledger))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(path, error) from error
    write_atomically(path, pdf.getvalue())
    report(1.0, "done")
    return int(doc.page)
