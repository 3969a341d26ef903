"""The bundled docs as the help window shows them: which there are, their headings, and
a Markdown text styled for reading in the theme's colours.

The Markdown is Qt's (`QTextDocument.setMarkdown`, GitHub's dialect); this module only
restyles what it made: headings, paragraphs' line height, code, tables and links, and
finds each heading's anchor the way GitHub names it (`#where-files-go`), so the docs'
own links work here as they do on the web.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
)

from assessor.paths import bundled_docs

ORDER = ("methodology", "questionnaire-format", "assessment-file")
HEADING_SIZES = {1: 1.75, 2: 1.35, 3: 1.12, 4: 1.0}  # of the body's size
LINE_HEIGHT = 135  # percent of the font's height: room between the lines of long prose
PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value


@dataclass(frozen=True)
class Topic:
    key: str  # "methodology": the file's stem, as links name it ("methodology.md")
    path: Path
    title: str  # its first heading


def topics(folder: Path | None = None) -> list[Topic]:
    """The bundled docs, the methodology first."""
    folder = folder or bundled_docs()
    found = []
    for path in sorted(folder.glob("*.md"), key=lambda p: (_rank(p.stem), p.stem)):
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[:1]
        title = first[0].lstrip("# ").strip() if first else path.stem
        found.append(Topic(path.stem, path, title))
    return found


def _rank(stem: str) -> int:
    return ORDER.index(stem) if stem in ORDER else len(ORDER)


def markdown_of(path: Path) -> str:
    """A doc's Markdown; any other text file (an example) as a block of code."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        return text
    language = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}.get(path.suffix, "")
    return f"# {path.name}\n\n```{language}\n{text.rstrip()}\n```\n"


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def headings(document: QTextDocument, deepest: int = 2) -> list[tuple[int, str, int]]:
    """(level, text, position) of each heading down to `deepest`."""
    found = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if 0 < level <= deepest:
            found.append((level, block.text(), block.position()))
        block = block.next()
    return found


def anchors(document: QTextDocument) -> dict[str, int]:
    """Each heading's anchor and where it starts (a repeated heading gets "-1", "-2")."""
    found: dict[str, int] = {}
    for _level, text, position in headings(document, deepest=6):
        name, n = slug(text), 1
        while name in found:
            name, n = f"{slug(text)}-{n}", n + 1
        found[name] = position
    return found


def style(document: QTextDocument, colours: dict[str, str], font: QFont) -> None:
    """Restyle what `setMarkdown` made for reading: sizes, spacing, code, tables, links."""
    body = font.pointSizeF() if font.pointSizeF() > 0 else 10.5
    document.setDefaultFont(font)
    document.setDocumentMargin(4)
    code_back = QBrush(QColor(colours["lineSoft"]))
    link = QColor(colours["accent"])
    names = {position: name for name, position in anchors(document).items()}
    cursor = QTextCursor(document)
    code_runs: list[tuple[int, int]] = []  # (start, end) of consecutive lines of code
    cursor.beginEditBlock()
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        level = fmt.headingLevel()
        is_code = fmt.hasProperty(QTextFormat.Property.BlockCodeFence)
        new = QTextBlockFormat()
        if level:
            new.setTopMargin({1: 4, 2: 26, 3: 18}.get(level, 12))
            new.setBottomMargin(8 if level <= 2 else 4)
            new.setLineHeight(120, PROPORTIONAL)
        elif is_code:  # one block a line; a run of them goes in one shaded box, below
            new.setNonBreakableLines(False)  # a long line wraps: no sideways scrolling
            new.setTopMargin(0)
            new.setBottomMargin(0)
            new.setLineHeight(118, PROPORTIONAL)
            if code_runs and code_runs[-1][1] == block.position() - 1:
                code_runs[-1] = (code_runs[-1][0], block.position() + block.length() - 1)
            else:
                code_runs.append((block.position(), block.position() + block.length() - 1))
        else:
            cursor.setPosition(block.position())
            in_table = cursor.currentTable() is not None
            if in_table:  # a cell: spacing comes from its padding, lines align across
                new.setBottomMargin(0)
                new.setTopMargin(0)
            else:
                new.setLineHeight(LINE_HEIGHT, PROPORTIONAL)
                new.setBottomMargin(6)
        cursor.setPosition(block.position())
        cursor.mergeBlockFormat(new)
        if level:
            heading = QTextCharFormat()
            heading.setFontPointSize(body * HEADING_SIZES.get(level, 1.0))
            heading.setFontWeight(QFont.Weight.DemiBold)
            heading.setForeground(QColor(colours["ink"]))
            heading.setAnchor(True)  # a target: `scrollToAnchor(name)` finds it
            heading.setAnchorNames([names.get(block.position(), slug(block.text()))])
            _merge_block(cursor, block.position(), block.length() - 1, heading)
        code_size = None if level else body * 0.9  # a heading's code keeps its size
        _restyle_fragments(cursor, block, link, code_back, is_code, code_size)
        block = block.next()
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            _style_table(frame, colours)
    box = QTextFrameFormat()
    box.setBackground(code_back)
    box.setPadding(10)
    box.setBorder(0)
    box.setTopMargin(2)
    box.setBottomMargin(10)
    for start, end in reversed(code_runs):  # from the end: positions before stay valid
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertFrame(box)
    cursor.endEditBlock()


def _merge_block(cursor: QTextCursor, start: int, length: int, fmt: QTextCharFormat) -> None:
    cursor.setPosition(start)
    cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)


def _restyle_fragments(
    cursor: QTextCursor,
    block: object,
    link: QColor,
    code_back: QBrush,
    is_code: bool,
    code_size: float | None,
) -> None:
    fragments = []
    iterator = block.begin()  # type: ignore[attr-defined]
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            fragments.append((fragment.position(), fragment.length(), fragment.charFormat()))
        iterator += 1
    for start, length, fmt in fragments:
        change = QTextCharFormat()
        if fmt.isAnchor() and fmt.anchorHref():
            change.setForeground(link)
            change.setFontUnderline(True)
        elif fmt.fontFixedPitch():  # code: a size that sits well beside the text
            if code_size is not None:
                change.setFontPointSize(code_size)
            if not is_code:
                change.setBackground(code_back)
        else:
            continue
        _merge_block(cursor, start, length, change)


def _style_table(table: QTextTable, colours: dict[str, str]) -> None:
    fmt = table.format()
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderBrush(QBrush(QColor(colours["line"])))
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(7)
    fmt.setCellSpacing(0)
    fmt.setTopMargin(6)
    fmt.setBottomMargin(12)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table.setFormat(fmt)
    header = QColor(colours["cardAlt"])
    for column in range(table.columns()):
        cell = table.cellAt(0, column)
        cell_format = cell.format()
        cell_format.setBackground(header)
        cell_format.setFontWeight(QFont.Weight.DemiBold)
        cell.setFormat(cell_format)
