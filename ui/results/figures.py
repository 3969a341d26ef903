"""The report's own charts on screen: drawn by `assessor.report.charts`, shown as SVG.

`draw_charts` runs on the worker thread (inside the results screen's one operation):
importing reportlab and laying out a drawing are not UI work. The UI thread only loads
the finished SVG bytes into an `SvgFigure`, which paints them at the largest size that
keeps their proportions. The drawings are dark text on transparent, made for paper, so
the screen sets them on a white "figure" frame in both themes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from assessor.scoring.scorecard import Scorecard
from ui.results.layout import ask_again_for_room
from ui.results.wording import level_text, score_text

#: The drawings' sizes in points (SVG user units). Equally tall, so that side by side,
#: each given width in proportion to its own, they show at one scale and one height; the
#: bars are wide enough for the domains' names. (A chart with many domains is taller.)
RADAR_SIZE = (300.0, 240.0)
BARS_SIZE = (500.0, 240.0)
#: No figure grows beyond this factor of its drawn size (a wide window would make the
#: radar's labels larger than the page's own text).
MOST_SCALE = 1.9


@dataclass(frozen=True)
class ChartImages:
    """The two charts as SVG documents, and what each shows, in words."""

    radar_svg: bytes
    bars_svg: bytes
    radar_words: str
    bars_words: str


def draw_charts(card: Scorecard) -> ChartImages:
    """Draw the radar and the domain bars as the report does (call on the worker)."""
    from assessor.report import charts  # reportlab: loaded on the worker, when needed
    from assessor.report.styles import Palette

    points = [
        charts.DomainPoint(d.title, d.score, d.capped_level, d.target_level) for d in card.domains
    ]
    palette = Palette()
    radar = charts.radar(points, palette, width=RADAR_SIZE[0], height=RADAR_SIZE[1])
    bars = charts.domain_bars(points, palette, width=BARS_SIZE[0], height=BARS_SIZE[1])
    radar_words = "; ".join(
        f"{d.title} {'not assessed' if d.capped_level is None else d.capped_level}"
        f" of target {d.target_level}"
        for d in card.domains
    )
    bars_words = "; ".join(
        f"{d.title} {score_text(d.score) if d.score is not None else 'not assessed'}"
        f" (level {level_text(d.capped_level).lower()}, target {d.target_level})"
        for d in card.domains
    )
    return ChartImages(
        charts.to_svg(radar).encode("utf-8"),
        charts.to_svg(bars).encode("utf-8"),
        f"Radar of levels against targets: {radar_words or 'no domains'}.",
        f"Domain scores out of 100: {bars_words or 'no domains'}.",
    )


class SvgFigure(QWidget):
    """An SVG drawing painted as large as its frame allows, proportions kept, centred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = QSvgRenderer(self)
        self.renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def load(self, svg: bytes) -> bool:
        loaded = self.renderer.load(svg)
        self._follow_width()
        self.updateGeometry()
        self.update()
        return loaded

    def _drawn_size(self) -> QSize:
        size = self.renderer.defaultSize()
        return size if size.isValid() and not size.isEmpty() else QSize(400, 300)

    def height_for(self, width: int) -> int:
        """The height that shows the drawing across `width`, at most MOST_SCALE times."""
        drawn = self._drawn_size()
        scale = min(width / drawn.width(), MOST_SCALE)
        return max(1, round(drawn.height() * scale))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The width is the layout's to give; the height follows it. (Qt's height-for-width
        # does not reach through a scroll area reliably, so the minimum height says it.)
        super().resizeEvent(event)
        self._follow_width()

    def _follow_width(self) -> None:
        wanted = self.height_for(self.width())
        if self.minimumHeight() != wanted:
            self.setMinimumHeight(wanted)
            ask_again_for_room(self)

    def sizeHint(self) -> QSize:
        drawn = self._drawn_size()
        return QSize(round(drawn.width() * 1.3), self.height_for(round(drawn.width() * 1.3)))

    def minimumSizeHint(self) -> QSize:
        drawn = self._drawn_size()
        return QSize(round(drawn.width() * 0.8), self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.renderer.isValid():
            return
        drawn = self._drawn_size()
        scale = min(self.width() / drawn.width(), self.height() / drawn.height(), MOST_SCALE)
        width, height = drawn.width() * scale, drawn.height() * scale
        target = QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.renderer.render(painter, target)
        painter.end()
