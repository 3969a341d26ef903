"""The table of contents, laid out in one pass.

reportlab's own `TableOfContents` needs the document laid out two or three times, until
its page numbers settle. Here the contents take their final height at once: the headings
are known before layout (one line each), so the space they need is reserved, and each
page of contents draws a PDF form that is only filled in, with the page numbers, once the
last page is known (PDF forms may be defined after their first use). The report is then
laid out once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, FrameBreak

from assessor.report.styles import MUTED
from assessor.report.text import fit_line


@dataclass
class ContentsLedger:
    """What the contents will list, and the page of each heading once it is placed."""

    titles: list[tuple[int, str]]  # (level, text), in the order they will be placed
    pages: list[int] = field(default_factory=list)
    pieces: list[tuple[str, float, range]] = field(default_factory=list)


class Contents(Flowable):
    """The reserved space of the contents (or of the entries `part` of them)."""

    def __init__(
        self,
        ledger: ContentsLedger,
        styles: Sequence[ParagraphStyle],
        part: range | None = None,
    ) -> None:
        super().__init__()
        self.ledger = ledger
        self.styles = styles
        self._part = part  # None: every entry, however many the ledger ends up with

    @property
    def part(self) -> range:
        return self._part if self._part is not None else range(len(self.ledger.titles))

    def _leading(self, index: int) -> float:
        level = self.ledger.titles[index][0]
        return float(self.styles[min(level, len(self.styles) - 1)].leading)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = sum(self._leading(i) for i in self.part)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        used = 0.0
        fits = self.part.start
        for index in self.part:
            if used + self._leading(index) > available_height:
                break
            used += self._leading(index)
            fits = index + 1
        if fits == self.part.start:
            return []
        rest: list[Flowable] = []
        # A section's entries stay together: the page breaks before the last section that
        # would not fit whole (unless that empties half the page), so the next page does
        # not open on a stray sub-entry.
        starts = [i for i in range(self.part.start + 1, fits) if self.ledger.titles[i][0] == 0]
        mid_section = fits < self.part.stop and self.ledger.titles[fits][0] != 0
        if mid_section and starts and 2 * (starts[-1] - self.part.start) >= fits - self.part.start:
            fits = starts[-1]
            rest.append(FrameBreak())  # or the rest would be tried in the space left
        return [
            Contents(self.ledger, self.styles, range(self.part.start, fits)),
            *rest,
            Contents(self.ledger, self.styles, range(fits, self.part.stop)),
        ]

    def draw(self) -> None:
        name = f"contents{len(self.ledger.pieces)}"
        self.ledger.pieces.append((name, self.width, self.part))
        canvas: Any = self.canv
        canvas.doForm(name)  # filled in by fill_contents, once every page is known


def fill_contents(canvas: Canvas, ledger: ContentsLedger, styles: Sequence[ParagraphStyle]) -> None:
    """Define the forms the contents pages drew, now that each heading has a page.

    A form's origin is where its piece was drawn (bottom left); lines run downwards from
    the piece's top.
    """
    for name, width, part in ledger.pieces:
        canvas.beginForm(name)
        y = sum(float(styles[min(ledger.titles[i][0], len(styles) - 1)].leading) for i in part)
        for index in part:
            level, title = ledger.titles[index]
            style = styles[min(level, len(styles) - 1)]
            y -= float(style.leading)
            base = y + (float(style.leading) - float(style.fontSize)) / 2 + 1
            page = str(ledger.pages[index]) if index < len(ledger.pages) else ""
            indent = float(style.leftIndent)
            font, size = style.fontName, float(style.fontSize)
            canvas.setFont(font, size)
            canvas.setFillColor(style.textColor)
            room = width - indent - stringWidth(page, font, size) - 14
            text = fit_line(title, font, size, room)
            canvas.drawString(indent, base, text)
            canvas.drawRightString(width, base, page)
            start = indent + stringWidth(text, font, size) + 4
            end = width - stringWidth(page, font, size) - 4
            leader = " ."
            count = int((end - start) / stringWidth(leader, font, size))
            canvas.setFillColor(MUTED)
            canvas.drawRightString(end, base, leader * max(count, 0))
        canvas.endForm()
