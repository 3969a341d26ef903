"""Pictures of a PDF's pages: sizes, pixels where the page has ink, and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from assessor.errors import UsageError
from assessor.report.preview import PageImage, page_count, page_images


def write_pdf(path: Path, pages: int, password: str | None = None) -> Path:
    """A4 pages, each with a red square in its top-left corner (1 inch in, 1 inch wide)."""
    encrypt = StandardEncryption(password, strength=128) if password else None
    canvas = Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for number in range(pages):
        canvas.setFillColorRGB(1, 0, 0)
        canvas.rect(72, A4[1] - 144, 72, 72, stroke=0, fill=1)
        canvas.drawString(72, 72, f"Page {number + 1}")
        canvas.showPage()
    canvas.save()
    return path


def pixel(image: PageImage, x: int, y: int) -> tuple[int, ...]:
    offset = y * image.stride + x * 4
    return tuple(image.data[offset : offset + 4])


def test_pages_are_rendered_at_the_width_asked_in_rgba(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "five.pdf", 5)
    images = page_images(path, width=300)
    assert [i.index for i in images] == [0, 1, 2]
    assert {i.page_count for i in images} == {5}
    image = images[0]
    assert image.width == 300
    assert abs(image.height - 300 * A4[1] / A4[0]) < 1
    assert image.stride >= 4 * image.width
    assert len(image.data) == image.stride * image.height
    inch = 300 / A4[0] * 72
    assert pixel(image, int(inch * 1.5), int(inch * 1.5)) == (255, 0, 0, 255)  # the square
    assert pixel(image, image.width - 5, image.height // 2) == (255, 255, 255, 255)  # paper


@pytest.mark.parametrize(
    ("first", "count", "indexes"),
    [(0, 3, [0, 1]), (1, 5, [1]), (2, 3, []), (0, 0, [])],
)
def test_only_pages_that_exist_are_rendered(
    tmp_path: Path, first: int, count: int, indexes: list[int]
) -> None:
    path = write_pdf(tmp_path / "two.pdf", 2)
    assert [i.index for i in page_images(path, first=first, count=count, width=50)] == indexes
    assert page_count(path) == 2


def test_an_encrypted_pdf_opens_only_with_its_password(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "locked.pdf", 1, password="s3cret")
    with pytest.raises(UsageError, match="protected by a password"):
        page_images(path)
    with pytest.raises(UsageError, match="password is wrong"):
        page_images(path, password="guess")
    assert len(page_images(path, password="s3cret", width=40)) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"not a pdf at all", "not a PDF, or it is damaged")],
)
def test_a_missing_or_broken_file_is_refused_with_its_name(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "report.pdf"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UsageError, match=message) as refused:
        page_images(path)
    assert str(path) in str(refused.value)
