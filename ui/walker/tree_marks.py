"""The status column of the walker's tree, painted: a tick for an answered question or a
complete section, a flag for a question flagged for follow-up, "3/5" on a section.

Marks are drawn as paths in the theme's colours (`ui.theme.colours()`), so they look the
same on every system whatever its fonts; the model's display text ("3/5 ✓") stays for
accessibility and tests.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.theme import colours
from ui.walker.tree_model import ANSWERED_ROLE, FLAGGED_ROLE, KIND_ROLE, PROGRESS_ROLE

MARK = 14  # the side of one mark, in pixels


def paint_tick(painter: QPainter, box: QRectF, colour: QColor) -> None:
    path = QPainterPath(QPointF(box.left() + 0.18 * box.width(), box.top() + 0.55 * box.height()))
    path.lineTo(box.left() + 0.42 * box.width(), box.top() + 0.78 * box.height())
    path.lineTo(box.left() + 0.84 * box.width(), box.top() + 0.26 * box.height())
    pen = QPen(colour, max(1.6, box.width() / 7))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def paint_flag(painter: QPainter, box: QRectF, colour: QColor) -> None:
    pole = box.left() + 0.25 * box.width()
    pen = QPen(colour, max(1.4, box.width() / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(
        QPointF(pole, box.top() + 0.12 * box.height()),
        QPointF(pole, box.bottom() - 0.08 * box.height()),
    )
    cloth = QPainterPath(QPointF(pole, box.top() + 0.14 * box.height()))
    cloth.lineTo(box.right() - 0.1 * box.width(), box.top() + 0.32 * box.height())
    cloth.lineTo(pole, box.top() + 0.56 * box.height())
    cloth.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(cloth)


class StatusDelegate(QStyledItemDelegate):
    """Paints column 1 of the question tree from the model's status roles."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The background (selection, hover, a new question's highlight) as the style draws it.
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        widget = option.widget
        style = widget.style() if isinstance(widget, QWidget) else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        palette = colours()
        rect: QRect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        right = rect.right() - 6
        top = rect.center().y() - MARK / 2 + 1
        if index.data(KIND_ROLE) == "question":
            if index.data(ANSWERED_ROLE):
                paint_tick(painter, QRectF(right - MARK, top, MARK, MARK), QColor(palette["good"]))
            if index.data(FLAGGED_ROLE):
                left = right - 2 * MARK - 4
                paint_flag(painter, QRectF(left, top, MARK, MARK), QColor(palette["warnInk"]))
        else:
            answered, applicable = index.data(PROGRESS_ROLE) or (0, 0)
            complete = applicable > 0 and answered == applicable
            text_right = right
            if complete:
                paint_tick(painter, QRectF(right - MARK, top, MARK, MARK), QColor(palette["good"]))
                text_right = right - MARK - 4
            painter.setPen(QColor(palette["good"] if complete else palette["muted"]))
            font = QFont(option.font)
            font.setWeight(QFont.Weight.Normal)  # counts stay narrow on bold rows
            painter.setFont(font)
            text_rect = QRect(rect.left(), rect.top(), text_right - rect.left(), rect.height())
            painter.drawText(
                text_rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{answered}/{applicable}",
            )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        return QSize(2 * MARK + 20, max(base.height(), MARK + 12))
