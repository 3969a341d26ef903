"""The report's cover for a sample client, to preview a branding before any report uses it.

The cover is the report's own (`sections.cover`, on the report's cover page template);
only the facts are a sample's. `write_sample_cover` writes the one-page PDF;
`sample_cover_image` also renders it (`assessor.report.preview`) for the app to show.
"""

from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

from reportlab.lib import colors

from assessor.atomic_files import write_atomically
from assessor.content.calendar import short_date
from assessor.report.branding import Branding
from assessor.report.contents import ContentsLedger
from assessor.report.document import HEADER, MARGIN, ReportTemplate
from assessor.report.preview import PageImage, page_images
from assessor.report.sections import CoverFacts, cover
from assessor.report.styles import FONT, Palette, paragraph_styles, register_fonts

SAMPLE_CLIENT = "Northwind Trading Ltd"
SAMPLE_TITLE = "AI readiness review"
SAMPLE_OVERALL = "Level 3 Defined, score 52 of 100"


def sample_facts(today: date) -> CoverFacts:
    """A plausible client and result, assessed and reported `today`."""
    day = short_date(today)
    return CoverFacts(SAMPLE_CLIENT, SAMPLE_TITLE, day, day, SAMPLE_OVERALL)


def write_sample_cover(path: Path, branding: Branding, today: date | None = None) -> Path:
    """Write the cover, as a report with this branding would print it, as a one-page PDF."""
    register_fonts()
    palette = Palette(colors.HexColor(branding.primary_colour))
    story = cover(sample_facts(today or date.today()), branding, paragraph_styles(palette), palette)
    pdf = io.BytesIO()
    doc = ReportTemplate(
        pdf,
        lambda _share, _what: None,
        lambda: False,
        expected_pages=1,
        ledger=ContentsLedger([]),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER,
        bottomMargin=MARGIN,
        title=f"{SAMPLE_CLIENT}: {SAMPLE_TITLE} (sample cover)",
        creator="AI Readiness Assessor",
        initialFontName=FONT,
    )
    doc.build(story)
    write_atomically(path, pdf.getvalue())
    return path


def sample_cover_image(branding: Branding, width: int, today: date | None = None) -> PageImage:
    """The sample cover rendered `width` pixels wide (the PDF is written to a temporary
    folder and removed)."""
    with tempfile.TemporaryDirectory(prefix="assessor-cover-") as folder:
        pdf = write_sample_cover(Path(folder) / "cover.pdf", branding, today)
        return page_images(pdf, first=0, count=1, width=width)[0]
