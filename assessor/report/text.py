"""User text on its way into the PDF: escaped, and fitted to the embedded font.

Whatever a user typed (names, notes, titles, answers) reaches a reportlab `Paragraph`
only through `typed()`: markup characters are escaped, so `<img src=...>`, `<font>` and
`&` print literally and read no file; control characters are dropped; and a character the
font has no glyph for becomes U+FFFD-like "?" instead of a blank box or an error.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics

from assessor.report.styles import FONT, register_fonts

REPLACEMENT = "?"


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    register_fonts()
    font: Any = pdfmetrics.getFont(FONT)  # a TTFont: its face maps characters to glyphs
    return frozenset(font.face.charToGlyph)


@lru_cache(maxsize=1)
def _kept() -> frozenset[str]:
    """Every character that prints as itself: the font has it and it is not a control."""
    dropped = {"Cc", "Cs", "Co", "Cn", "Cf"}
    return frozenset(
        {chr(c) for c in _covered() if unicodedata.category(chr(c)) not in dropped} | {"\n"}
    )


def printable(text: str) -> str:
    """`text` with control characters dropped and characters the font lacks replaced."""
    if (text.isascii() and text.isprintable()) or _kept().issuperset(text):
        return text  # the usual case: every character prints as itself
    covered = _covered()
    out = []
    for char in text:
        if char in "\n\t":
            out.append(" " if char == "\t" else char)
        elif unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"}:
            continue
        elif ord(char) in covered or unicodedata.category(char) in {"Mn", "Cf", "Zs"}:
            out.append(char if unicodedata.category(char) != "Cf" else "")
        else:
            out.append(REPLACEMENT)
    return "".join(out)


def typed(text: object) -> str:
    """Paragraph markup that shows `text` exactly as typed (line breaks kept)."""
    return escape(printable(str(text))).replace("\n", "<br/>")


ELLIPSIS = "…"


def _clusters(text: str) -> list[str]:
    """The text as user-perceived characters (a base with its combining marks, joined
    sequences kept whole), so that a cut never strands an accent."""
    out: list[str] = []
    joined = False
    for char in unicodedata.normalize("NFC", text):
        if out and (joined or unicodedata.category(char) in ("Mn", "Mc", "Me")):
            out[-1] += char
        else:
            out.append(char)
        joined = char == "\u200d"
    return out


def fit_line(text: str, font: str, size: float, room: float) -> str:
    """The text on one line, cut between characters and ended with "…" when wider than
    `room` points ("" when not even "…" fits). Headers, contents and charts all use it."""
    text = " ".join(text.split())
    if pdfmetrics.stringWidth(text, font, size) <= room:
        return text
    parts = _clusters(text)
    low, high = 0, len(parts)  # the longest prefix that fits with "…", by bisection
    while low < high:
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth("".join(parts[:middle]).rstrip() + ELLIPSIS, font, size) <= room:
            low = middle
        else:
            high = middle - 1
    cut = "".join(parts[:low]).rstrip() + ELLIPSIS
    return cut if pdfmetrics.stringWidth(cut, font, size) <= room else ""
