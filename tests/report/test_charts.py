"""The report's charts: each builds for typical, empty, single and unscored input, keeps
every string inside the drawing in the embedded fonts, reads without colour, and has a
text equivalent with a row per input."""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Polygon, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from assessor.report import charts
from assessor.report.charts import DomainPoint, SectionCell, TimelineItem, TrendPoint
from assessor.report.styles import (
    CURRENT,
    FONT,
    FONT_BOLD,
    INK,
    LEVEL_COLOURS,
    TARGET,
    Palette,
    register_fonts,
)

PALETTE = Palette()
NON_ASCII = "Données & Éthique Ж"
LONG = "Compliance, Regulatory Obligations and Assurance under the EU AI Act and ISO 42001"
DOMAINS = [
    DomainPoint("Strategy & Governance", 63.5, 4, 4),
    DomainPoint("Compliance", 38.0, 2, 4),
    DomainPoint("Guardrails", 82.0, 5, 4),
    DomainPoint("Infrastructure", 47.0, 3, 3),
    DomainPoint(NON_ASCII, None, None, 3),
    DomainPoint("People & Skills", 12.0, 1, 3),
]
SECTIONS = [
    SectionCell(domain.title, f"{domain.title}: section {n}", (None, 1, 2, 3, 4, 5)[(i + n) % 6])
    for i, domain in enumerate(DOMAINS)
    for n in range(1, 6)
]
TREND = [
    TrendPoint("Mar 2024", 22.5),
    TrendPoint("Sep 2024", 31.0),
    TrendPoint("Mar 2025", None),
    TrendPoint("Mar 2026", 61.0),
]
PHASES = ["now", "next", "later", "beyond"]
ITEMS = [
    TimelineItem(
        f"R-{n:03d}",
        f"Recommendation {n}: keep an inventory of models in production",
        PHASES[min(3, n // 30)],
        quick_win=n % 5 == 0,
        due="due 2 Dec 2027" if n % 7 == 0 else "",
    )
    for n in range(118)
]

Build = Callable[[], Drawing]
#: Every chart for typical data, nothing, one input and input without scores.
CASES: dict[str, Build] = {
    "radar": lambda: charts.radar(DOMAINS, PALETTE),
    "radar, none": lambda: charts.radar([], PALETTE),
    "radar, one": lambda: charts.radar(DOMAINS[:1], PALETTE),
    "radar, two": lambda: charts.radar(DOMAINS[:2], PALETTE),
    "radar, unscored": lambda: charts.radar([DomainPoint(NON_ASCII, None, None, 3)] * 3, PALETTE),
    "bars": lambda: charts.domain_bars(DOMAINS, PALETTE),
    "bars, none": lambda: charts.domain_bars([], PALETTE),
    "bars, one": lambda: charts.domain_bars(DOMAINS[:1], PALETTE),
    "bars, unscored": lambda: charts.domain_bars(DOMAINS[4:5], PALETTE),
    "bars, fixed height": lambda: charts.domain_bars(DOMAINS, PALETTE, height=200),
    "heatmap": lambda: charts.section_heatmap(SECTIONS, PALETTE),
    "heatmap, none": lambda: charts.section_heatmap([], PALETTE),
    "heatmap, one": lambda: charts.section_heatmap(SECTIONS[:1], PALETTE),
    "heatmap, unscored": lambda: charts.section_heatmap(SECTIONS[2:3], PALETTE),
    "trend": lambda: charts.trend(TREND, PALETTE),
    "trend, none": lambda: charts.trend([], PALETTE),
    "trend, one": lambda: charts.trend(TREND[:1], PALETTE),
    "trend, unscored": lambda: charts.trend([TrendPoint("Mar 2025", None)], PALETTE),
    "trend, many": lambda: charts.trend(
        [TrendPoint(f"Assessment {n} of 2026", 20 + 3 * n) for n in range(24)], PALETTE
    ),
    "timeline": lambda: charts.timeline(ITEMS, PALETTE),
    "timeline, none": lambda: charts.timeline([], PALETTE),
    "timeline, one": lambda: charts.timeline(ITEMS[:1], PALETTE),
}
TYPICAL = ["radar", "bars", "heatmap", "trend", "timeline"]
WIDTHS = {"radar": 300, "bars": 460, "heatmap": 460, "trend": 460, "timeline": 460}


def strings(node: Any) -> Iterator[String]:
    """Every string in a drawing, however deep in its groups."""
    for child in node.getContents():
        if isinstance(child, String):
            yield child
        elif isinstance(child, Group):
            yield from strings(child)


def texts(drawing: Drawing) -> list[str]:
    return [s.text for s in strings(drawing)]


def shapes(node: Any) -> Iterator[Any]:
    for child in node.getContents():
        yield child
        if isinstance(child, Group):
            yield from shapes(child)


def assert_strings_inside(drawing: Drawing) -> None:
    for s in strings(drawing):
        width = pdfmetrics.stringWidth(s.text, s.fontName, s.fontSize)
        left = {"start": s.x, "middle": s.x - width / 2, "end": s.x - width}[s.textAnchor]
        assert left >= -0.01, f"{s.text!r} starts {-left:.1f} pt left of the drawing"
        assert left + width <= drawing.width + 0.01, f"{s.text!r} runs past the right edge"
        assert 0 <= s.y <= drawing.height - 0.7 * s.fontSize, f"{s.text!r} is cut at the top"


def svg_text(drawing: Drawing) -> str:
    """The text an SVG viewer shows, in drawing order, lines joined by spaces and entities
    such as &amp; read back."""
    root = ET.fromstring(charts.to_svg(drawing).encode("utf-8"))
    return " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))


def luminance(colour: Any) -> float:
    """WCAG relative luminance."""

    def linear(part: float) -> float:
        return part / 12.92 if part <= 0.04045 else ((part + 0.055) / 1.055) ** 2.4

    return sum(
        weight * linear(part)
        for weight, part in zip((0.2126, 0.7152, 0.0722), colour.rgb(), strict=True)
    )


@pytest.mark.parametrize("name", CASES)
def test_every_chart_builds_at_the_width_asked_with_strings_inside(name: str) -> None:
    drawing = CASES[name]()
    assert drawing.width == WIDTHS[name.split(",")[0]]
    assert drawing.height > 0
    assert texts(drawing), "a chart always says something"
    assert_strings_inside(drawing)


@pytest.mark.parametrize("name", CASES)
def test_every_string_is_set_in_noto_sans_and_the_pdf_never_names_helvetica(name: str) -> None:
    drawing = CASES[name]()
    assert {s.fontName for s in strings(drawing)} <= {FONT, FONT_BOLD}
    pdf: bytes | str = renderPDF.drawToString(drawing)  # bytes, whatever the stubs say
    assert isinstance(pdf, bytes)
    assert b"NotoSans" in pdf
    assert b"Helvetica" not in pdf


def test_the_embedded_font_has_the_letters_of_clients_names() -> None:
    register_fonts()
    for name in (FONT, FONT_BOLD):
        glyphs = pdfmetrics.getFont(name).face.charToGlyph  # type: ignore[attr-defined]
        assert all(ord(letter) in glyphs for letter in "éßŁΩЖ…–")


@pytest.mark.parametrize(
    ("name", "empty"),
    [
        ("radar, none", "No domains assessed"),
        ("bars, none", "No domains assessed"),
        ("heatmap, none", "No sections assessed"),
        ("trend, none", "No earlier assessments"),
        ("timeline, none", "No roadmap items"),
    ],
)
def test_an_empty_chart_says_why(name: str, empty: str) -> None:
    assert texts(CASES[name]()) == [empty]


@pytest.mark.parametrize("name", ["radar", "bars", "heatmap"])
def test_the_svg_for_the_app_holds_every_domain_title(name: str) -> None:
    drawing = CASES[name]()
    svg = charts.to_svg(drawing)
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg
    shown = svg_text(drawing)
    for domain in DOMAINS:
        assert domain.title in shown


@pytest.mark.parametrize("name", TYPICAL)
def test_the_svg_shows_in_qt_as_in_the_pdf(name: str) -> None:
    # Qt's SVG renderer paints a <clipPath> rectangle black, knows the font by its family
    # ("Noto Sans", bold by weight) and rounds font sizes to whole units.
    drawing = CASES[name]()
    svg = charts.to_svg(drawing)
    assert "<clipPath" not in svg
    assert "NotoSans" not in svg
    assert "font-family: Noto Sans" in svg
    assert "font-weight: bold" in svg
    assert all(float(s.fontSize).is_integer() for s in strings(drawing))


def test_the_svg_holds_the_roadmap_ids_and_the_trend_labels() -> None:
    assert all(item.id in svg_text(charts.timeline(ITEMS, PALETTE)) for item in ITEMS)
    assert all(p.label in svg_text(charts.trend(TREND, PALETTE)) for p in TREND)


@pytest.mark.parametrize(
    "build",
    [
        lambda: charts.radar([DomainPoint(LONG, 50, 3, 4), *DOMAINS[:3]], PALETTE),
        lambda: charts.radar([DomainPoint(LONG.replace(" ", ""), 50, 3, 4), *DOMAINS], PALETTE),
        lambda: charts.domain_bars([DomainPoint(LONG, 50, 3, 4)], PALETTE),
        lambda: charts.radar([DomainPoint(LONG, 50, 3, 4)], PALETTE),
        lambda: charts.section_heatmap([SectionCell(LONG, LONG + LONG, 2)], PALETTE),
        lambda: charts.timeline([TimelineItem("R-1", LONG, "later", due=LONG)], PALETTE),
        lambda: charts.trend([TrendPoint(LONG, 40), TrendPoint(LONG, 50)], PALETTE, width=200),
    ],
)
def test_long_titles_are_cut_with_an_ellipsis_and_stay_inside(build: Build) -> None:
    drawing = build()
    assert_strings_inside(drawing)
    cut = [text for text in texts(drawing) if text.endswith("…")]
    assert cut
    for text in cut:
        shown = text[:-1].rstrip()
        assert shown
        assert shown in LONG + LONG or shown in LONG.replace(" ", "")


def test_a_cut_never_parts_a_letter_from_its_accent() -> None:
    # "q̇" has no precomposed form, so it stays a letter and a combining dot
    title = "q\u0307" * 80
    drawing = charts.domain_bars([DomainPoint(title, 10, 1, 2)], PALETTE)
    cut = next(text for text in texts(drawing) if text.endswith("…"))
    assert cut[:-1] == "q\u0307" * (len(cut) // 2)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(
            st.characters(codec="utf-8", categories=["L", "M", "N", "P", "Zs"]),
            min_size=1,
            max_size=90,
        ),
        min_size=1,
        max_size=9,
    )
)
def test_any_titles_stay_inside_every_chart(titles: list[str]) -> None:
    domains = [DomainPoint(t, 55.0, 3, 4) for t in titles]
    assert_strings_inside(charts.radar(domains, PALETTE))
    assert_strings_inside(charts.domain_bars(domains, PALETTE))
    assert_strings_inside(charts.section_heatmap([SectionCell(t, t, 2) for t in titles], PALETTE))
    items = [TimelineItem(t, t, "beyond", due=t) for t in titles]
    assert_strings_inside(charts.timeline(items, PALETTE))


@pytest.mark.parametrize(
    ("build", "per_row"),
    [
        (lambda n: charts.domain_bars(DOMAINS[:1] * n, PALETTE), 21),
        (lambda n: charts.section_heatmap(SECTIONS[:1] * n, PALETTE), 15),
        (lambda n: charts.timeline(ITEMS[:1] * n, PALETTE), 14),
    ],
)
def test_height_grows_by_a_row_per_input(build: Callable[[int], Drawing], per_row: int) -> None:
    assert build(11).height - build(1).height == pytest.approx(10 * per_row)


def test_bars_take_the_height_asked_when_it_is_enough() -> None:
    assert charts.domain_bars(DOMAINS, PALETTE, height=200).height == 200
    assert charts.domain_bars(DOMAINS, PALETTE, height=20).height > 20  # raised to fit


def test_a_timeline_of_120_items_shows_every_id_quick_win_and_deadline() -> None:
    items = [*ITEMS, *ITEMS[:2]]
    drawing = charts.timeline(items, PALETTE)
    shown = texts(drawing)
    assert all(item.id in shown for item in items)
    stars = [p for p in shapes(drawing) if isinstance(p, Polygon) and len(p.points) == 20]
    assert len(stars) == sum(item.quick_win for item in items) + 1  # and the legend's
    assert shown.count("due 2 Dec 2027") == sum(bool(item.due) for item in items)
    for phase in ("Now", "Next", "Later", "Beyond", "0-3 months", "12+ months"):
        assert phase in shown


def test_radar_tells_the_series_apart_by_line_and_marker_not_colour_alone() -> None:
    drawing = charts.radar(DOMAINS, PALETTE)
    polygons = [p for p in shapes(drawing) if isinstance(p, Polygon)]
    (current,) = [p for p in polygons if p.strokeColor == CURRENT and p.fillColor is not None]
    (target,) = [p for p in polygons if p.strokeColor == TARGET and p.fillColor is None]
    assert not current.strokeDashArray
    assert target.strokeDashArray
    assert current.fillColor is not None
    assert current.fillColor.alpha < 1  # the rings show through
    dots = [c for c in shapes(drawing) if isinstance(c, Circle)]
    diamonds = [p for p in polygons if len(p.points) == 8 and p.strokeColor == TARGET]
    assessed = sum(d.level is not None for d in DOMAINS)
    assert (len(dots), len(diamonds)) == (assessed + 1, len(DOMAINS) + 1)  # and the legend's
    shown = texts(drawing)
    assert {"1", "2", "3", "4", "5", "Current level", "Target level", "not assessed"} <= set(shown)


@pytest.mark.parametrize("count", [1, 2])
def test_radar_of_one_or_two_domains_puts_them_on_level_scales(count: int) -> None:
    drawing = charts.radar(DOMAINS[:count], PALETTE)
    shown = texts(drawing)
    assert all(d.title in " ".join(shown) for d in DOMAINS[:count])  # wrapped if need be
    assert {"Initial", "Leading", "Current level", "Target level"} <= set(shown)


def test_bars_show_score_level_bands_and_not_assessed() -> None:
    shown = texts(charts.domain_bars(DOMAINS, PALETTE))
    assert {"63.5", "38", "82", "1 Initial", "5 Leading", "not assessed", "0", "100"} <= set(shown)


def test_heatmap_names_each_level_in_a_readable_colour_and_marks_the_unassessed() -> None:
    drawing = charts.section_heatmap(SECTIONS, PALETTE)
    by_text = {s.text: s for s in strings(drawing)}
    assert by_text["1 Initial"].fillColor == colors.white  # on dark vermilion
    assert by_text["3 Defined"].fillColor == INK  # on yellow
    assert texts(drawing).count("–") == sum(cell.level is None for cell in SECTIONS)
    domain_labels = [t for t in texts(drawing) if t in {d.title for d in DOMAINS}]
    assert domain_labels == [d.title for d in DOMAINS]  # once per group, in order


def test_text_on_each_level_colour_has_a_contrast_of_at_least_4_5_to_1() -> None:
    for colour in LEVEL_COLOURS.values():
        ink = charts.text_colour_on(colour)
        light, dark = sorted((luminance(colour), luminance(ink)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_trend_draws_one_dot_per_scored_assessment_and_breaks_the_line_at_gaps() -> None:
    one = charts.trend(TREND[:1], PALETTE)
    assert len([c for c in shapes(one) if isinstance(c, Circle)]) == 1
    drawing = charts.trend(TREND, PALETTE)
    assert len([c for c in shapes(drawing) if isinstance(c, Circle)]) == 3
    assert "not assessed" in texts(drawing)
    assert {"0", "100", "1 Initial", "5 Leading", "22.5", "61"} <= set(texts(drawing))


def test_the_heatmap_of_one_domain_stands_alone() -> None:
    drawing = charts.section_heatmap(SECTIONS[:5], PALETTE)
    assert texts(drawing).count(DOMAINS[0].title) == 1
    assert_strings_inside(drawing)


def test_tables_give_a_header_and_a_row_per_input() -> None:
    assert charts.radar_table(DOMAINS[3:5]) == [
        ["Domain", "Current level", "Target level"],
        ["Infrastructure", "3 Defined", "3 Defined"],
        [NON_ASCII, "not assessed", "3 Defined"],
    ]
    assert charts.bars_table([DomainPoint("A", 79.96, 4, 5), DOMAINS[4]]) == [
        ["Domain", "Score", "Level", "Target"],
        ["A", "79.9", "4 Managed", "5 Leading"],  # never rounded up into the next level
        [NON_ASCII, "not assessed", "not assessed", "3 Defined"],
    ]
    assert charts.trend_table(TREND[1:3]) == [
        ["Assessment", "Overall score"],
        ["Sep 2024", "31"],
        ["Mar 2025", "not assessed"],
    ]
    assert charts.timeline_table([ITEMS[0], ITEMS[31]]) == [
        ["Item", "Title", "Phase", "Quick win", "Deadline"],
        ["R-000", ITEMS[0].title, "Now (0-3 months)", "yes", "due 2 Dec 2027"],
        ["R-031", ITEMS[31].title, "Next (3-6 months)", "no", "none"],
    ]
    interleaved = [
        SectionCell("A", "a1", 1),
        SectionCell("B", "b1", None),
        SectionCell("A", "a2", 2),
    ]
    assert charts.heatmap_table(interleaved) == [
        ["Domain", "Section", "Level"],
        ["A", "a1", "1 Initial"],
        ["A", "a2", "2 Developing"],  # grouped by domain, as drawn
        ["B", "b1", "not assessed"],
    ]


@pytest.mark.parametrize(
    ("table", "rows"),
    [
        (charts.radar_table, DOMAINS),
        (charts.bars_table, DOMAINS),
        (charts.heatmap_table, SECTIONS),
        (charts.trend_table, TREND),
        (charts.timeline_table, ITEMS),
    ],
)
def test_every_table_has_one_row_per_input_all_strings(
    table: Callable[[Any], list[list[str]]], rows: list[Any]
) -> None:
    result = table(rows)
    assert len(result) == len(rows) + 1
    assert all(isinstance(cell, str) for row in result for cell in row)
    assert len({len(row) for row in result}) == 1
    assert table([]) == result[:1]


@pytest.mark.parametrize(
    "make",
    [
        lambda: DomainPoint("A", 101, 5, 5),
        lambda: DomainPoint("A", 50, 0, 3),
        lambda: DomainPoint("A", 50, 3, 6),
        lambda: SectionCell("A", "B", 7),
        lambda: TrendPoint("A", -1),
        lambda: TimelineItem("R-1", "A", "soon"),
    ],
)
def test_out_of_range_input_is_refused_with_what_is_wrong(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match="not"):
        make()


def test_nfc_text_is_drawn_composed() -> None:
    decomposed = unicodedata.normalize("NFD", NON_ASCII)
    drawing = charts.domain_bars([DomainPoint(decomposed * 5, 40, 3, 3)], PALETTE)
    cut = next(t for t in texts(drawing) if t.endswith("…"))
    assert cut.startswith(NON_ASCII[:5])
