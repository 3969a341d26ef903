"""The report's look: the embedded font family, the colours, the paragraph styles.

Fonts are Noto Sans (static TrueType, OFL; `resources/fonts/`), embedded in every PDF, so
names and notes in Latin, Greek and Cyrillic print as typed. Colours come from a palette
that stays distinct for colour-blind readers and in greyscale print (Okabe-Ito hues,
ordered by lightness); the consultancy's primary colour, from branding, is used for
headings and rules only, never to carry meaning on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from assessor.paths import bundled_resources

FONT = "NotoSans"
FONT_BOLD = "NotoSans-Bold"
FONT_ITALIC = "NotoSans-Italic"
FONT_BOLD_ITALIC = "NotoSans-BoldItalic"

INK = colors.HexColor("#1B2430")  # body text
MUTED = colors.HexColor("#5B6573")  # captions, footers
RULE = colors.HexColor("#C9CFD6")  # hairlines
PANEL = colors.HexColor("#F2F4F7")  # table stripes, boxes
DEFAULT_PRIMARY = "#1F4E79"

#: Level 1..5, from weakest to strongest: dark vermilion to bluish green, each a step
#: lighter or darker so that greyscale print keeps them apart.
LEVEL_COLOURS = {
    1: colors.HexColor("#A63A00"),
    2: colors.HexColor("#E69F00"),
    3: colors.HexColor("#F0E442"),
    4: colors.HexColor("#56B4E9"),
    5: colors.HexColor("#009E73"),
}
#: Two series (current against target): a dark blue solid and an orange dashed line.
CURRENT = colors.HexColor("#0072B2")
TARGET = colors.HexColor("#D55E00")


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the Noto Sans family with reportlab once per process; return its name."""
    folder = bundled_resources() / "fonts"
    for name, file in (
        (FONT, "NotoSans-Regular.ttf"),
        (FONT_BOLD, "NotoSans-Bold.ttf"),
        (FONT_ITALIC, "NotoSans-Italic.ttf"),
        (FONT_BOLD_ITALIC, "NotoSans-BoldItalic.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    return FONT


@dataclass(frozen=True)
class Palette:
    """The colours of one report: the consultancy's primary colour and the fixed scales."""

    primary: colors.Color = field(default_factory=lambda: colors.HexColor(DEFAULT_PRIMARY))

    def level(self, level: int | None) -> colors.Color:
        return LEVEL_COLOURS.get(level or 0, PANEL)


def paragraph_styles(palette: Palette) -> dict[str, ParagraphStyle]:
    """The named paragraph styles of the report."""
    register_fonts()
    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=9.5, leading=13.5, textColor=INK, alignment=TA_LEFT,
        spaceAfter=5,
    )  # fmt: skip
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, spaceAfter=2),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10.2, spaceAfter=0),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10.2, spaceAfter=0
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=19,
            leading=24,
            textColor=palette.primary,
            spaceBefore=0,
            spaceAfter=10,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=palette.primary,
            spaceBefore=12,
            spaceAfter=5,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            textColor=INK,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "lead": ParagraphStyle("lead", parent=base, fontSize=11, leading=16, spaceAfter=8),
        "cover_title": ParagraphStyle(
            "cover_title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=28,
            leading=34,
            textColor=palette.primary,
            spaceAfter=12,
        ),
        "cover_client": ParagraphStyle(
            "cover_client", parent=base, fontSize=16, leading=21, textColor=INK, spaceAfter=6
        ),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=10.5, leading=16),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9, leading=12.5, leftIndent=14),
    }
