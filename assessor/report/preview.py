"""Pictures of a PDF's pages, for the app to preview a report it has written.

Renders with PDFium (pypdfium2) into plain bytes in one stated pixel format, so the core
stays free of Qt: the app wraps the bytes in a `QImage` (`Format_RGBA8888`). Reading
layouts, encryption and page counts are PDFium's; sizing and the user's errors are ours.
PDFium is one library per process and not thread-safe, so every call takes one lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from assessor.errors import UsageError

PIXEL_FORMAT = "RGBA8888"
"""Four bytes a pixel, red, green, blue, alpha, in that order in memory; rows `stride`
bytes apart. Alpha is always 255: pages are drawn on white."""

_PDFIUM = threading.Lock()  # PDFium must not be entered from two threads at once


@dataclass(frozen=True)
class PageImage:
    """One rendered page: `height` rows of `stride` bytes in `PIXEL_FORMAT`; `index` is
    0-based, and `page_count` the number of pages of the whole document."""

    index: int
    page_count: int
    width: int
    height: int
    stride: int
    data: bytes = field(repr=False)


def page_images(
    path: Path,
    *,
    password: str | None = None,
    first: int = 0,
    count: int = 3,
    width: int = 600,
) -> list[PageImage]:
    """Render pages `first` to `first + count - 1` (those that exist), each `width`
    pixels wide, keeping its proportions.

    A missing file, a file that is not a PDF, or an encrypted one opened without its
    password (or with a wrong one) raises `UsageError` saying which.
    """
    if first < 0 or count < 0 or width < 1:
        raise ValueError("first and count must not be negative and width must be positive")
    with _PDFIUM:
        document = _open(path, password)
        try:
            total = len(document)
            return [
                _render(document, index, total, width)
                for index in range(first, min(first + count, total))
            ]
        finally:
            document.close()


def page_count(path: Path, *, password: str | None = None) -> int:
    """The number of pages of a PDF; the same errors as `page_images`."""
    with _PDFIUM:
        document = _open(path, password)
        try:
            return len(document)
        finally:
            document.close()


def _open(path: Path, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path, password=password)
    except FileNotFoundError as error:
        raise UsageError(f"{path}: no such file") from error
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            what = "the password is wrong" if password else "the PDF is protected by a password"
            raise UsageError(f"{path}: cannot open the report: {what}") from error
        if code == pdfium_c.FPDF_ERR_SECURITY:
            what = "it is protected in a way that is not supported"
        elif code == pdfium_c.FPDF_ERR_FILE:
            what = "the file cannot be read"
        else:
            what = "it is not a PDF, or it is damaged"
        raise UsageError(f"{path}: cannot open the report: {what}") from error


def _render(document: pdfium.PdfDocument, index: int, total: int, width: int) -> PageImage:
    page = document[index]
    try:
        # PDFium rounds the bitmap's size up: aim a hair under, so it is exactly `width`.
        scale = (width - 1e-6) / page.get_width()
        bitmap = page.render(
            scale=scale,
            force_bitmap_format=pdfium_c.FPDFBitmap_BGRA,
            rev_byteorder=True,  # BGRA becomes RGBA, which maps onto Qt's RGBA8888
            fill_color=(255, 255, 255, 255),
            may_draw_forms=False,
        )
        try:
            data = bytes(bitmap.buffer)
            return PageImage(index, total, bitmap.width, bitmap.height, bitmap.stride, data)
        finally:
            bitmap.close()
    finally:
        page.close()
