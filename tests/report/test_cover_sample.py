"""The sample cover: the report's own cover, one page, for a sample client, with a branding."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from assessor.report.branding import Branding
from assessor.report.cover_sample import (
    SAMPLE_CLIENT,
    sample_cover_image,
    write_sample_cover,
)
from assessor.report.preview import PIXEL_FORMAT


def test_the_sample_cover_is_one_page_with_the_branding(tmp_path: Path) -> None:
    branding = Branding(consultancy="Example & Partners", consultant="Jane Doe")
    pdf = write_sample_cover(tmp_path / "cover.pdf", branding, today=date(2026, 12, 1))

    pages = PdfReader(str(pdf)).pages
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split())
    assert SAMPLE_CLIENT in text
    assert "Prepared by Jane Doe, Example & Partners" in text
    assert "Report prepared 1 Dec 2026" in text
    assert Branding().confidentiality in text


def test_the_sample_cover_renders_as_a_picture_of_the_width_asked() -> None:
    image = sample_cover_image(Branding(primary_colour="#7A1F5C"), width=300)
    assert (image.width, image.page_count, PIXEL_FORMAT) == (300, 1, "RGBA8888")
    assert abs(image.height - 300 * 297 / 210) <= 1  # A4, upright
    assert len(image.data) == image.stride * image.height
