"""The report's charts, drawn once as reportlab drawings: the PDF places them as flowables
and the app shows the very same drawings as SVG (`to_svg`).

Owns the five charts (current against target level as a radar, domain scores over the level
bands, the section heatmap, the overall score over time, the roadmap timeline), each a pure
function from plain records to a `Drawing`, and each chart's text equivalent: rows of
strings, header first, that the report prints beside the chart for readers who cannot see
it. Gathering the records, placing the drawings and splitting long ones across pages belong
to the report's layout; fonts and colours to `styles`. Meaning never rests on colour alone:
levels carry their number and name, the two series their own marker shapes and dash
patterns. Every string is set in the embedded Noto Sans, cut with "…" to fit its space.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, Shape, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from assessor.report.styles import (
    CURRENT,
    FONT,
    FONT_BOLD,
    INK,
    LEVEL_COLOURS,
    MUTED,
    PANEL,
    RULE,
    TARGET,
    Palette,
    register_fonts,
)
from assessor.report.text import fit_line
from assessor.scoring.levels import score_text
from assessor.scoring.roadmap import PHASE_TITLES, PHASES
from assessor.scoring.scorecard import LEVEL_NAMES, level_floor

NOT_ASSESSED = "not assessed"
ELLIPSIS = "…"
#: Type sizes: labels, small print (axes, legends), headers, and the line spacing of
#: labels. Whole numbers: Qt's SVG renderer rounds font sizes to whole units, so the app
#: would set 7.5-point text at 7 points, narrower than measured here.
LABEL = 8
SMALL = 7
HEADER = 9
LEADING = 9.5
WHITE = colors.white
_BACKDROP = colors.Color(1, 1, 1, alpha=0.8)

Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class DomainPoint:
    """One domain as the radar and the bars show it."""

    title: str
    score: float | None  # 0..100
    level: int | None  # capped level 1..5
    target: int  # target level 1..5

    def __post_init__(self) -> None:
        _check_level(self.level, f"level of {self.title!r}")
        _check_level(self.target, f"target of {self.title!r}", optional=False)
        if self.score is not None and not 0 <= self.score <= 100:
            raise ValueError(f"score of {self.title!r} is {self.score}, not within 0..100")


@dataclass(frozen=True)
class SectionCell:
    """One section's level, a row of the heatmap."""

    domain: str
    section: str
    level: int | None

    def __post_init__(self) -> None:
        _check_level(self.level, f"level of {self.section!r}")


@dataclass(frozen=True)
class TrendPoint:
    """One assessment's overall score, a point of the trend."""

    label: str
    score: float | None

    def __post_init__(self) -> None:
        if self.score is not None and not 0 <= self.score <= 100:
            raise ValueError(f"score of {self.label!r} is {self.score}, not within 0..100")


@dataclass(frozen=True)
class TimelineItem:
    """One roadmap item, a row of the timeline."""

    id: str
    title: str
    phase: str  # "now" | "next" | "later" | "beyond"
    quick_win: bool = False
    due: str = ""  # "" or a short deadline text, e.g. "due 2 Dec 2027"

    def __post_init__(self) -> None:
        if self.phase not in PHASES:
            raise ValueError(f"phase of {self.id!r} is {self.phase!r}, not one of {PHASES}")


def _check_level(level: int | None, what: str, *, optional: bool = True) -> None:
    if (level is None and not optional) or (level is not None and level not in LEVEL_NAMES):
        raise ValueError(f"{what} is {level!r}, not a level 1..5")


# -- Text: widths, cutting and wrapping ------------------------------------------------


def _width(text: str, size: float = LABEL, *, bold: bool = False) -> float:
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size)


def _fit(text: str, room: float, size: float = LABEL, *, bold: bool = False) -> str:
    """The text on one line, ended with "…" when wider than `room` ("" when not even
    "…" fits)."""
    return fit_line(text, FONT_BOLD if bold else FONT, size, room)


def _wrap(
    text: str, room: float, max_lines: int, size: float = LABEL, *, bold: bool = False
) -> list[str]:
    """The text broken at spaces into at most `max_lines` lines of `room` points; the last
    line is cut with "…" when the rest does not fit."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines - 1:
        take = 1
        while take < len(words) and _width(" ".join(words[: take + 1]), size, bold=bold) <= room:
            take += 1
        line = " ".join(words[:take])
        if _width(line, size, bold=bold) > room:
            break  # a word longer than a line: the last line cuts it
        lines.append(line)
        words = words[take:]
    if words:
        lines.append(_fit(" ".join(words), room, size, bold=bold))
    return lines


def _level_text(level: int | None) -> str:
    """ "3 Defined", or "not assessed"."""
    return NOT_ASSESSED if level is None else f"{level} {LEVEL_NAMES[level]}"


def _score_text(score: float | None) -> str:
    return score_text(score, NOT_ASSESSED)


# -- Colours and marks ----------------------------------------------------------------


def _tint(colour: colors.Color, strength: float) -> colors.Color:
    """The colour mixed with white: `strength` 1 is the colour itself, 0 is white."""
    return colors.Color(*(1 - (1 - c) * strength for c in (colour.red, colour.green, colour.blue)))


def _translucent(colour: colors.Color) -> colors.Color:
    # alpha in the colour itself, which renderPDF and renderSVG both honour
    return colors.Color(colour.red, colour.green, colour.blue, alpha=0.22)


def _luminance(colour: colors.Color) -> float:
    def linear(part: float) -> float:
        return part / 12.92 if part <= 0.04045 else ((part + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (colour.red, colour.green, colour.blue))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def text_colour_on(fill: colors.Color) -> colors.Color:
    """White or INK, whichever contrasts more with the fill (WCAG contrast ratio)."""
    lum = _luminance(fill)
    return WHITE if 1.05 / (lum + 0.05) > (lum + 0.05) / (_luminance(INK) + 0.05) else INK


def _box(
    x: float,
    y: float,
    width: float,
    height: float,
    fill: colors.Color | None,
    stroke: colors.Color | None = None,
    *,
    radius: float = 0,
) -> Shape:
    """A rectangle, unstroked unless given a stroke colour."""
    box = Rect(x, y, width, height, rx=radius, ry=radius)
    # colours set after construction: the reportlab stubs mistype Rect's keywords
    box.fillColor, box.strokeColor = fill, stroke
    return box


def _dot(x: float, y: float, radius: float = 2.8) -> Shape:
    """The mark of a current level: a filled circle."""
    return Circle(x, y, radius, fillColor=CURRENT, strokeColor=WHITE, strokeWidth=0.8)


def _diamond(x: float, y: float, radius: float = 3.6) -> Shape:
    """The mark of a target level: a hollow diamond."""
    points = [x, y + radius, x + radius, y, x, y - radius, x - radius, y]
    return Polygon(points, fillColor=WHITE, strokeColor=TARGET, strokeWidth=1.3)


def _star(x: float, y: float, radius: float = 4.6) -> Shape:
    """The mark of a quick win: a five-pointed star."""
    points: list[float] = []
    for corner in range(10):
        reach = radius if corner % 2 == 0 else radius * 0.45
        angle = math.pi / 2 + corner * math.pi / 5
        points += [x + reach * math.cos(angle), y + reach * math.sin(angle)]
    return Polygon(points, fillColor=LEVEL_COLOURS[3], strokeColor=INK, strokeWidth=0.6)


def _flag(x: float, y: float) -> list[Shape]:
    """The mark of a deadline: a pennant on a pole whose foot is at (x, y)."""
    pennant = [x, y + 8.5, x + 5, y + 6.75, x, y + 5]
    return [
        Line(x, y, x, y + 8.5, strokeColor=INK, strokeWidth=0.8),
        Polygon(pennant, fillColor=TARGET, strokeColor=INK, strokeWidth=0.5),
    ]


#: A legend's sample: the shapes for a 16-point box, given its left edge and middle.
Sample = Callable[[float, float], list[Shape]]


def _current_sample(x: float, y: float) -> list[Shape]:
    return [_box(x, y - 4, 16, 8, _translucent(CURRENT), CURRENT), _dot(x + 8, y)]


def _target_sample(x: float, y: float) -> list[Shape]:
    line = Line(x, y, x + 16, y, strokeColor=TARGET, strokeWidth=1.3, strokeDashArray=[3, 2])
    return [line, _diamond(x + 8, y, 3.2)]


class _Pen:
    """Draws onto one new drawing; every string goes through `text`, in the report's fonts."""

    def __init__(self, width: float, height: float) -> None:
        register_fonts()
        self.drawing = Drawing(width, height, initialFontName=FONT, initialFontSize=LABEL)
        self.width, self.height = width, height

    def add(self, *shapes: Shape) -> None:
        for shape in shapes:
            self.drawing.add(shape)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = LABEL,
        bold: bool = False,
        colour: colors.Color = INK,
        anchor: Anchor = "start",
    ) -> None:
        font = FONT_BOLD if bold else FONT
        self.add(
            String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)
        )

    def note(self, x: float, y: float, text: str, *, anchor: Anchor = "start") -> None:
        """Small print: axes, scales, legends."""
        self.text(x, y, text, size=SMALL, colour=MUTED, anchor=anchor)

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        colour: colors.Color = RULE,
        width: float = 0.5,
    ) -> None:
        self.add(Line(x1, y1, x2, y2, strokeColor=colour, strokeWidth=width))

    def legend(self, y: float, entries: Sequence[tuple[Sample, str]]) -> None:
        """Samples and their labels in a row centred across the drawing, baseline at `y`."""
        gap, box = 14.0, 16.0
        total = sum(box + 3 + _width(label, SMALL) for _, label in entries)
        x = max(0.0, (self.width - total - gap * (len(entries) - 1)) / 2)
        for sample, label in entries:
            self.add(*sample(x, y + 2.3))
            self.note(x + box + 3, y, label)
            x += box + 3 + _width(label, SMALL) + gap


def _message(width: float, height: float, message: str) -> Drawing:
    """The drawing of a chart with nothing to show: the reason on a pale panel, no taller
    than 60 points (a chart's height of grey would look like a fault)."""
    pen = _Pen(width, min(height, 60.0))
    pen.add(_box(0, 0, pen.width, pen.height, PANEL))
    pen.text(width / 2, pen.height / 2 - 3, message, size=HEADER, colour=MUTED, anchor="middle")
    return pen.drawing


# -- Radar: current against target level ----------------------------------------------


def radar(
    domains: Sequence[DomainPoint], palette: Palette, width: float = 300, height: float = 260
) -> Drawing:
    """Current level (filled, solid line, dots) against target level (dashed, diamonds),
    one spoke per domain, rings at levels 1..5. A spoke chart of one or two domains does
    not read, so those get the same marks on a level scale per domain instead."""
    if not domains:
        return _message(width, height, "No domains assessed")
    if len(domains) < 3:
        return _level_scales(domains, width, height)
    pen = _Pen(width, height)
    count, legend_height = len(domains), 20.0
    beside = min(width * 0.25, 84.0)  # room for the labels left and right of the rings
    radius = max(24.0, min(width / 2 - beside, (height - legend_height) / 2 - 3.4 * LEADING))
    cx, cy = width / 2, legend_height + (height - legend_height) / 2 - 2
    angles = [math.pi / 2 - 2 * math.pi * i / count for i in range(count)]

    def at(angle: float, level: float) -> tuple[float, float]:
        reach = radius * level / 5
        return cx + reach * math.cos(angle), cy + reach * math.sin(angle)

    def outline(levels: Sequence[float]) -> list[float]:
        return [c for angle, level in zip(angles, levels, strict=True) for c in at(angle, level)]

    for ring in range(1, 6):
        web = outline([ring] * count)
        pen.add(
            Polygon(web, fillColor=None, strokeColor=RULE, strokeWidth=0.9 if ring == 5 else 0.5)
        )
    for angle in angles:
        pen.line(cx, cy, *at(angle, 5))
    currents = outline([d.level or 0 for d in domains])  # not assessed: at the centre, no dot
    targets = outline([d.target for d in domains])
    pen.add(
        Polygon(currents, fillColor=_translucent(CURRENT), strokeColor=CURRENT, strokeWidth=1.4),
        Polygon(
            targets, fillColor=None, strokeColor=TARGET, strokeWidth=1.3, strokeDashArray=[4, 2.5]
        ),
    )
    for i in range(count):
        pen.add(_diamond(targets[2 * i], targets[2 * i + 1]))
    for i, domain in enumerate(domains):
        if domain.level is not None:
            pen.add(_dot(currents[2 * i], currents[2 * i + 1]))
    # Ring numbers go between the first and last spokes, where no mark sits, on a pale
    # backdrop drawn over the data so that no line of it hides the scale.
    between = math.pi / 2 + math.pi / count
    for ring in range(1, 6):
        x, y = at(between, ring * math.cos(math.pi / count))
        pen.add(_box(x - 2.6, y - 3, 5.2, 6, _BACKDROP))
        pen.text(x, y - 2.2, str(ring), size=SMALL, colour=MUTED, anchor="middle")
    for angle, domain in zip(angles, domains, strict=True):
        across, up = math.cos(angle), math.sin(angle)
        reach = radius + 7  # labels start just beyond the outer ring
        _spoke_label(pen, domain, cx + reach * across, cy + reach * up, across, up)
    pen.legend(5, [(_current_sample, "Current level"), (_target_sample, "Target level")])
    return pen.drawing


def _spoke_label(
    pen: _Pen, domain: DomainPoint, x: float, y: float, across: float, up: float
) -> None:
    """A domain's title beyond the end of its spoke, in two lines at most that stay inside
    the drawing, with "not assessed" beneath when the domain has no level."""
    anchor: Anchor = "start" if across > 0.2 else "end" if across < -0.2 else "middle"
    if anchor == "start":
        room = pen.width - x - 2
    elif anchor == "end":
        room = x - 2
    else:
        room = min(2 * min(x, pen.width - x) - 4, pen.width * 0.45)
    lines = [(line, True) for line in _wrap(domain.title, room, 2, bold=True)]
    if domain.level is None:
        lines.append((_fit(NOT_ASSESSED, room, SMALL), False))
    if up > 0.2:  # above the centre, the block grows upwards from the spoke
        top = y + (len(lines) - 1) * LEADING + 0.5
    elif up < -0.2:  # below, it hangs from the spoke
        top = y - LABEL * 0.75
    else:  # beside, it is centred on the spoke
        top = y + len(lines) * LEADING / 2 - LABEL * 0.75
    for row, (line, title) in enumerate(lines):
        if title:
            pen.text(x, top - row * LEADING, line, bold=True, anchor=anchor)
        else:
            pen.note(x, top - row * LEADING, line, anchor=anchor)


def _level_scales(domains: Sequence[DomainPoint], width: float, height: float) -> Drawing:
    """One or two domains, each on its own level scale 1..5 with the radar's marks, in a
    drawing no taller than the one asked for."""
    row_height, header, legend_height = 34.0, 24.0, 22.0
    pen = _Pen(width, min(height, header + row_height * len(domains) + legend_height))
    names = min(width * 0.32, 120.0)
    x0, x1 = names + 22, width - 20
    step, top = (x1 - x0) / 4, pen.height - header
    for level, name in LEVEL_NAMES.items():
        x = x0 + step * (level - 1)
        pen.text(x, top + 13, str(level), size=SMALL, bold=True, colour=MUTED, anchor="middle")
        pen.note(x, top + 5, _fit(name, step - 3, SMALL), anchor="middle")
    for row, domain in enumerate(domains):
        y = top - row_height * (row + 0.5)
        pen.line(x0, y, x1, y, width=1)
        for level in LEVEL_NAMES:
            pen.line(x0 + step * (level - 1), y - 3, x0 + step * (level - 1), y + 3)
        lines = _wrap(domain.title, names - 4, 2, bold=True)
        first = y + (len(lines) - (1 if domain.level is not None else 0)) * LEADING / 2 - 2.8
        for number, line in enumerate(lines):
            pen.text(0, first - number * LEADING, line, bold=True)
        if domain.level is None:
            pen.note(0, first - len(lines) * LEADING, NOT_ASSESSED)
        pen.add(_diamond(x0 + step * (domain.target - 1), y, 4.2))
        if domain.level is not None:
            pen.add(_dot(x0 + step * (domain.level - 1), y, 3.4))

    def dot_sample(x: float, y: float) -> list[Shape]:
        return [_dot(x + 8, y, 3.4)]

    def diamond_sample(x: float, y: float) -> list[Shape]:
        return [_diamond(x + 8, y, 4.0)]

    pen.legend(5, [(dot_sample, "Current level"), (diamond_sample, "Target level")])
    return pen.drawing


def radar_table(domains: Sequence[DomainPoint]) -> list[list[str]]:
    """The radar as text: each domain's current and target level."""
    return [["Domain", "Current level", "Target level"]] + [
        [d.title, _level_text(d.level), _level_text(d.target)] for d in domains
    ]


# -- Bars: domain scores over the level bands ------------------------------------------


def domain_bars(
    domains: Sequence[DomainPoint],
    palette: Palette,
    width: float = 460,
    height: float | None = None,
) -> Drawing:
    """A bar of score per domain over five pale level bands named along the top, with a
    target diamond at the lowest score of the domain's target level and the score at the
    bar's end. Without a height, 21 points a domain; a height too small for 8 points a
    domain is raised to that."""
    header, footer = 16.0, 30.0
    if not domains:
        return _message(width, height or 60.0, "No domains assessed")
    rows = len(domains)
    row_height = 21.0 if height is None else max(8.0, (height - header - footer) / rows)
    pen = _Pen(width, max(height or 0.0, header + footer + row_height * rows))
    names = min(width * 0.3, max(40.0, *(_width(" ".join(d.title.split())) for d in domains)))
    x0, x1 = names + 10, width - 26
    top, bottom = pen.height - header, footer

    def x_at(score: float) -> float:
        return x0 + (x1 - x0) * score / 100

    for level in LEVEL_NAMES:
        left, right = x_at(level_floor(level)), x_at(level_floor(level) + 20)
        pen.add(_box(left, bottom, right - left, top - bottom, _tint(LEVEL_COLOURS[level], 0.2)))
        pen.note(
            (left + right) / 2,
            top + 5,
            _fit(_level_text(level), right - left - 2, SMALL),
            anchor="middle",
        )
    for tick in range(0, 101, 20):
        pen.line(x_at(tick), bottom, x_at(tick), bottom - 3, MUTED)
        pen.note(x_at(tick), bottom - 11, str(tick), anchor="middle")
    pen.line(x0, bottom, x1, bottom, MUTED)

    bar = min(11.0, row_height * 0.55)
    for row, domain in enumerate(domains):
        y = top - row_height * (row + 0.5)
        pen.text(0, y - 2.6, _fit(domain.title, names))
        target_x = x_at(level_floor(domain.target))
        if domain.score is None:
            value, value_x = NOT_ASSESSED, x0 + 4
        else:
            end = x_at(domain.score)
            pen.add(_box(x0, y - bar / 2, end - x0, bar, CURRENT))
            value, value_x = _score_text(domain.score), end + 3
        value_width = _width(value, SMALL, bold=True)
        if value_x - 5 < target_x + 5 and target_x - 5 < value_x + value_width:
            value_x = target_x + 6  # clear of the target mark
        value_x = min(value_x, width - value_width)
        pen.line(target_x, y - bar / 2 - 2, target_x, y + bar / 2 + 2, TARGET, 1.3)
        pen.add(_diamond(target_x, y, 3.8))
        if domain.score is None:
            pen.note(value_x, y - 2.4, value)
        else:
            pen.text(value_x, y - 2.4, value, size=SMALL, bold=True)

    def bar_sample(x: float, y: float) -> list[Shape]:
        return [_box(x, y - 4, 16, 8, CURRENT)]

    def target_sample(x: float, y: float) -> list[Shape]:
        line = Line(x + 8, y - 5, x + 8, y + 5, strokeColor=TARGET, strokeWidth=1.3)
        return [line, _diamond(x + 8, y, 3.4)]

    pen.legend(
        3, [(bar_sample, "Score (0-100)"), (target_sample, "Target level (its lowest score)")]
    )
    return pen.drawing


def bars_table(domains: Sequence[DomainPoint]) -> list[list[str]]:
    """The bars as text: each domain's score, level and target level."""
    return [["Domain", "Score", "Level", "Target"]] + [
        [d.title, _score_text(d.score), _level_text(d.level), _level_text(d.target)]
        for d in domains
    ]


# -- Heatmap: the level of every section -----------------------------------------------


def _grouped(cells: Sequence[SectionCell]) -> list[tuple[str, list[SectionCell]]]:
    """The cells by domain, domains in order of first appearance, sections as given."""
    groups: dict[str, list[SectionCell]] = {}
    for cell in cells:
        groups.setdefault(cell.domain, []).append(cell)
    return list(groups.items())


def section_heatmap(cells: Sequence[SectionCell], palette: Palette, width: float = 460) -> Drawing:
    """A row per section, grouped under its domain's name, each with a cell coloured by its
    level and naming it ("3 Defined"); sections not assessed show "–" on grey. 15 points a
    row; the cells of one domain make a heatmap of their own."""
    if not cells:
        return _message(width, 60, "No sections assessed")
    row_height, header = 15.0, 16.0
    pen = _Pen(width, header + row_height * len(cells) + 1)
    domain_width, cell_width = width * 0.28, max(width * 0.22, 76.0)
    section_x, cell_x = domain_width + 6, width - cell_width
    top = pen.height - header
    for x, title in ((0.0, "Domain"), (section_x, "Section"), (cell_x + 6, "Level")):
        pen.text(x, top + 5, title, size=SMALL, bold=True, colour=MUTED)
    row = 0
    for domain, group in _grouped(cells):
        group_top = top - row * row_height
        pen.line(0, group_top, width, group_top, width=0.9)
        most_lines = min(4, max(1, int((len(group) * row_height - 3) // LEADING)))
        for number, line in enumerate(_wrap(domain, domain_width, most_lines, bold=True)):
            pen.text(0, group_top - 10.5 - number * LEADING, line, bold=True)
        for index, cell in enumerate(group):
            y = top - (row + 1) * row_height
            if index:
                pen.line(section_x, y + row_height, width, y + row_height, PANEL, 0.7)
            pen.text(section_x, y + 4.6, _fit(cell.section, cell_x - section_x - 6))
            fill = palette.level(cell.level)
            pen.add(_box(cell_x, y + 1.2, cell_width, row_height - 2.4, fill))
            if cell.level is None:
                pen.text(cell_x + 6, y + 4.6, "–", colour=MUTED)
            else:
                label = _level_text(cell.level)
                pen.text(cell_x + 6, y + 4.6, label, bold=True, colour=text_colour_on(fill))
            row += 1
    pen.line(0, 0.5, width, 0.5, width=0.9)
    return pen.drawing


def heatmap_table(cells: Sequence[SectionCell]) -> list[list[str]]:
    """The heatmap as text: each section's domain and level, in the drawing's order."""
    return [["Domain", "Section", "Level"]] + [
        [cell.domain, cell.section, _level_text(cell.level)]
        for _, group in _grouped(cells)
        for cell in group
    ]


# -- Trend: the overall score over time --------------------------------------------------


def trend(
    points: Sequence[TrendPoint], palette: Palette, width: float = 460, height: float = 170
) -> Drawing:
    """The overall score of each assessment, oldest first, as a line with dots on a 0..100
    scale ruled at the level bands, which are named on the right; a gap where not scored."""
    if not points:
        return _message(width, height, "No earlier assessments")
    pen = _Pen(width, height)
    x0 = 22.0
    x1 = width - max(_width(_level_text(level), SMALL) for level in LEVEL_NAMES) - 10
    y0, y1 = 28.0, height - 14

    def y_at(score: float) -> float:
        return y0 + (y1 - y0) * score / 100

    for tick in range(0, 101, 20):
        pen.line(
            x0, y_at(tick), x1, y_at(tick), MUTED if tick == 0 else RULE, 0.6 if tick == 0 else 0.5
        )
        pen.note(x0 - 4, y_at(tick) - 2.4, str(tick), anchor="end")
    for level in LEVEL_NAMES:
        pen.note(x1 + 6, y_at(level_floor(level) + 10) - 2.4, _level_text(level))

    slot = (x1 - x0) / len(points)
    xs = [x0 + slot * (i + 0.5) for i in range(len(points))]
    every = max(1, math.ceil(40 / slot))  # a label per 40 points at most, from the latest back
    for i, (x, point) in enumerate(zip(xs, points, strict=True)):
        if (len(points) - 1 - i) % every == 0:
            room = min(slot * every, 2 * min(x, width - x)) - 4
            for number, line in enumerate(_wrap(point.label, room, 2, SMALL)):
                pen.text(x, y0 - 10 - number * 8, line, size=SMALL, anchor="middle")

    run: list[float] = []  # the line, broken where an assessment has no score
    for x, point in [*zip(xs, points, strict=True), (0.0, TrendPoint("", None))]:
        if point.score is not None:
            run += [x, y_at(point.score)]
            continue
        if len(run) >= 4:
            pen.add(PolyLine(run, strokeColor=CURRENT, strokeWidth=1.6))
        run = []
    for x, point in zip(xs, points, strict=True):
        if point.score is None:
            pen.note(x, y0 + 4, _fit(NOT_ASSESSED, slot - 2, SMALL), anchor="middle")
        else:
            y = y_at(point.score)
            pen.add(_dot(x, y, 3.2))
            pen.text(x, y + 5.5, _score_text(point.score), size=SMALL, bold=True, anchor="middle")
    return pen.drawing


def trend_table(points: Sequence[TrendPoint]) -> list[list[str]]:
    """The trend as text: each assessment's overall score."""
    return [["Assessment", "Overall score"]] + [[p.label, _score_text(p.score)] for p in points]


# -- Timeline: the roadmap by phase ----------------------------------------------------


def timeline(items: Sequence[TimelineItem], palette: Palette, width: float = 460) -> Drawing:
    """A row per roadmap item (id and title on the left) with a bar across its phase's
    column (Now, Next, Later, Beyond), a star on quick wins, and a flag with the deadline
    beside the bar of items that have one. 14 points a row."""
    if not items:
        return _message(width, 60, "No roadmap items")
    row_height, header, footer = 14.0, 26.0, 18.0
    pen = _Pen(width, header + footer + row_height * len(items))
    labels = width * 0.4
    id_width = min(max(_width(item.id, SMALL, bold=True) for item in items) + 6, labels * 0.35)
    column = (width - labels) / len(PHASES)
    top, bottom = pen.height - header, footer
    for row in range(0, len(items), 2):
        pen.add(_box(0, top - (row + 1) * row_height, width, row_height, PANEL))
    for index, phase in enumerate(PHASES):
        left = labels + index * column
        name, _, span = PHASE_TITLES[phase].partition(" (")  # "Now (0-3 months)"
        pen.text(left + column / 2, top + 13, name, size=HEADER, bold=True, anchor="middle")
        pen.note(
            left + column / 2, top + 4, _fit(span.rstrip(")"), column - 4, SMALL), anchor="middle"
        )
        pen.line(left, top + 24, left, bottom, width=0.6)
    pen.line(0, top, width, top, width=0.9)
    pen.line(0, bottom, width, bottom, width=0.9)

    for row, item in enumerate(items):
        y = top - (row + 0.5) * row_height
        pen.text(2, y - 2.4, _fit(item.id, id_width - 6, SMALL, bold=True), size=SMALL, bold=True)
        pen.text(2 + id_width, y - 2.6, _fit(item.title, labels - id_width - 8))
        index = PHASES.index(item.phase)
        left = labels + index * column
        pen.add(_box(left + 4, y - 4, column - 8, 8, palette.primary, radius=2))
        if item.quick_win:
            pen.add(_star(left + 10, y))
        if not item.due:
            continue
        # The deadline goes in the empty column beside the bar: after it, before Beyond's.
        text = _fit(item.due, column * (1.6 if index < len(PHASES) - 2 else 1) - 14, SMALL)
        if index == len(PHASES) - 1:
            pen.add(*_flag(left - 7, y - 4))
            pen.text(left - 10, y - 2.4, text, size=SMALL, anchor="end")
        else:
            pen.add(*_flag(left + column + 3, y - 4))
            pen.text(left + column + 11, y - 2.4, text, size=SMALL)

    def star_sample(x: float, y: float) -> list[Shape]:
        return [_star(x + 8, y)]

    def flag_sample(x: float, y: float) -> list[Shape]:
        return _flag(x + 6, y - 4)

    pen.legend(4, [(star_sample, "Quick win"), (flag_sample, "Deadline")])
    return pen.drawing


def timeline_table(items: Sequence[TimelineItem]) -> list[list[str]]:
    """The timeline as text: each item's phase, whether a quick win, and its deadline."""
    header = ["Item", "Title", "Phase", "Quick win", "Deadline"]
    return [header] + [
        [i.id, i.title, PHASE_TITLES[i.phase], "yes" if i.quick_win else "no", i.due or "none"]
        for i in items
    ]


# -- For the app ---------------------------------------------------------------------


#: The SVG names the fonts by family and weight, as Qt and browsers know them once the
#: bundled files are loaded; reportlab's own names would make a viewer fall back to
#: another font, whose widths no longer match the positions measured here.
SVG_FONTS = {FONT: {"family": "Noto Sans"}, FONT_BOLD: {"family": "Noto Sans", "weight": "bold"}}


def to_svg(drawing: Drawing) -> str:
    """The drawing as an SVG document, for the app to show what the report prints. The
    app loads the bundled Noto Sans files (family "Noto Sans") before showing it."""
    # useClip: without it reportlab clips to a <clipPath> rectangle, which Qt's SVG
    # renderer paints as a black background; nothing here is drawn outside the drawing.
    return renderSVG.drawToString(drawing, fontHacks=SVG_FONTS, useClip=True)
