"""A roadmap card, painted: title, owner and effort, the deadline, and its marks.

Painting cards (instead of a widget per card) keeps a board of a hundred items quick to
open and redraw. One layout function serves both the size and the painting, so they
always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from assessor.usecases.board import BoardCard
from ui.roadmap.model import CARD_ROLE, marks_of
from ui.theme import colours

PAD = 12  # inside a card
GAP = 8  # between cards
STRIPE = 4  # the coloured edge on the left
CHIP_H = 20
TITLE_LINES = 3


@dataclass(frozen=True)
class _Fonts:
    title: QFont
    meta: QFont
    chip: QFont


def _fonts(base: QFont) -> _Fonts:
    title = QFont(base)
    title.setBold(True)
    title.setPointSizeF(base.pointSizeF() + 0.5)
    meta = QFont(base)
    meta.setPointSizeF(max(base.pointSizeF() - 0.5, 7.0))
    chip = QFont(base)
    chip.setPointSizeF(max(base.pointSizeF() - 1.5, 7.0))
    chip.setBold(True)
    return _Fonts(title, meta, chip)


def _lines(text: str, font: QFont, width: int, most: int) -> list[str]:
    """Word-wrapped lines of `text`, at most `most`, the last elided when it runs over.
    Each word is measured once (kerning across a space is too small to matter here)."""
    metrics = QFontMetrics(font)
    space = metrics.horizontalAdvance(" ")
    room = width - 2
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for word in text.split():
        size = metrics.horizontalAdvance(word)
        if line and used + space + size > room:
            lines.append(" ".join(line))
            line, used = [word], size
        else:
            used += (space if line else 0) + size
            line.append(word)
    if line:
        lines.append(" ".join(line))
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    if lines:  # a single word longer than the card, or the rest of a long title
        lines[-1] = metrics.elidedText(lines[-1], Qt.TextElideMode.ElideRight, width)
    return lines


@dataclass(frozen=True)
class _Layout:
    title: list[str]
    owner: str
    meta: str
    deadline: str
    height: int


def _layout(card: BoardCard, width: int, fonts: _Fonts) -> _Layout:
    inner = max(width - 2 * PAD - STRIPE, 60)
    title = _lines(card.plan_item.item.title, fonts.title, inner, TITLE_LINES)
    metrics = QFontMetrics(fonts.meta)
    item = card.plan_item.item
    owner = metrics.elidedText(item.owner or "No owner yet", Qt.TextElideMode.ElideRight, inner)
    meta = metrics.elidedText(f"Effort {item.effort} · impact {item.impact}",
                              Qt.TextElideMode.ElideRight, inner)  # fmt: skip
    deadline = metrics.elidedText(card.deadline_short, Qt.TextElideMode.ElideRight, inner)
    title_h = QFontMetrics(fonts.title).lineSpacing()
    lines = 2 + (1 if deadline else 0)
    height = PAD + title_h * len(title) + 4 + metrics.lineSpacing() * lines
    if marks_of(card):
        height += 6 + CHIP_H
    height += PAD
    return _Layout(title, owner, meta, deadline, height + GAP)


class CardDelegate(QStyledItemDelegate):
    """Paints the cards of one column; `view` gives the width cards wrap to."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self._fonts: dict[str, _Fonts] = {}
        # By what a card shows and its width: after a move or an edit, a redrawn board
        # lays out only the cards that changed.
        self._layouts: dict[tuple[object, ...], _Layout] = {}

    def fonts(self, base: QFont) -> _Fonts:
        key = base.key()
        if key not in self._fonts:
            self._fonts[key] = _fonts(base)
        return self._fonts[key]

    def layout(self, card: BoardCard, width: int, base: QFont) -> _Layout:
        item = card.plan_item.item
        key = (item.title, item.owner, item.effort, item.impact, card.deadline_short,
               tuple(marks_of(card)), width, base.key())  # fmt: skip
        found = self._layouts.get(key)
        if found is None:
            if len(self._layouts) > 4000:
                self._layouts.clear()
            found = self._layouts[key] = _layout(card, width, self.fonts(base))
        return found

    def _width(self) -> int:
        return max(self.view.viewport().width() - 2, 120)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:  # fmt: skip
        card = index.data(CARD_ROLE)
        if not isinstance(card, BoardCard):
            return super().sizeHint(option, index)
        width = self._width()
        return QSize(width, self.layout(card, width, option.font).height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:  # fmt: skip
        card = index.data(CARD_ROLE)
        if not isinstance(card, BoardCard):
            super().paint(painter, option, index)
            return
        app = QApplication.instance()
        c = colours(str(app.property("assessorTheme") or "") or None if app else None)
        fonts = self.fonts(option.font)
        rect: QRect = option.rect
        layout = self.layout(card, rect.width(), option.font)
        box = QRectF(rect.adjusted(1, 0, -1, -GAP))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = selected and self.view.hasFocus()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if card.plan_item.hidden:
            painter.setOpacity(0.55)
        path = QPainterPath()
        path.addRoundedRect(box, 8, 8)
        painter.fillPath(path, QColor(c["accentSoft"] if selected else c["card"]))
        border = c["focus"] if focused else (c["accent"] if selected else c["line"])
        painter.setPen(QPen(QColor(border), 2 if selected else 1))
        painter.drawPath(path)
        item = card.plan_item.item
        edge = c["bad"] if item.blocker else (c["good"] if item.quick_win else c["lineStrong"])
        stripe = QPainterPath()
        stripe.addRoundedRect(QRectF(box.left(), box.top(), STRIPE + 4, box.height()), 8, 8)
        clip = QPainterPath()
        clip.addRect(QRectF(box.left(), box.top(), STRIPE, box.height()))
        painter.fillPath(stripe.intersected(clip), QColor(edge))

        x = int(box.left()) + PAD + STRIPE
        y = int(box.top()) + PAD
        width = int(box.width()) - 2 * PAD - STRIPE
        painter.setPen(QColor(c["ink"]))
        painter.setFont(fonts.title)
        title_metrics = QFontMetrics(fonts.title)
        for line in layout.title:
            painter.drawText(x, y + title_metrics.ascent(), line)
            y += title_metrics.lineSpacing()
        y += 4
        meta_metrics = QFontMetrics(fonts.meta)
        painter.setFont(fonts.meta)
        painter.setPen(QColor(c["ink"]))
        painter.drawText(x, y + meta_metrics.ascent(), layout.owner)
        y += meta_metrics.lineSpacing()
        painter.setPen(QColor(c["muted"]))
        painter.drawText(x, y + meta_metrics.ascent(), layout.meta)
        y += meta_metrics.lineSpacing()
        if layout.deadline:
            painter.setPen(QColor(c["warnInk"]))
            painter.drawText(x, y + meta_metrics.ascent(), layout.deadline)
            y += meta_metrics.lineSpacing()
        marks = marks_of(card)
        if marks:
            y += 6
            self._chips(painter, marks, x, y, width, fonts.chip, c)
        painter.restore()

    @staticmethod
    def _chips(painter: QPainter, marks: list[tuple[str, str]], x: int, y: int, width: int,
               font: QFont, c: dict[str, str]) -> None:  # fmt: skip
        metrics = QFontMetrics(font)
        painter.setFont(font)
        ink = {"good": c["good"], "bad": c["bad"], "accent": c["accent"], "warn": c["warnInk"],
               "muted": c["muted"]}  # fmt: skip
        left = x
        for words, kind in marks:
            w = metrics.horizontalAdvance(words) + 14
            if left + w > x + width:
                break
            chip = QRectF(left, y, w, CHIP_H)
            colour = QColor(ink[kind])
            painter.setPen(QPen(colour, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(chip.adjusted(0.5, 0.5, -0.5, -0.5), 9, 9)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, words)
            left += w + 6
