"""Widgets carrying the app style sheet's object names (`sectionTitle`, `muted`, `card`,
`warning` ...), so the pages say which style they want in one call."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QWidget,
)

from ui.theme import colours

#: The width of the label column of the pages' forms, so they line up page to page.
FORM_LABEL_WIDTH = 140
#: Margins of a wizard page's layout: its content lines up with the page's title.
PAGE_MARGINS = (9, 12, 9, 4)


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a change of object name."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def label(text: str = "", style: str = "", wrap: bool = False) -> QLabel:
    made = QLabel(text)
    if style:
        made.setObjectName(style)
    made.setWordWrap(wrap)
    return made


def frame(style: str) -> QFrame:
    made = QFrame()
    made.setObjectName(style)
    return made


class ChevronCombo(QComboBox):
    """A combo box that draws its own chevron: Fusion's drop-down button, under the app's
    rounded border, shows a stray bevel (the style sheet hides it in the wizard)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = colours()["muted" if self.isEnabled() else "line"]
        pen = QPen(QColor(colour), 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        x = self.width() - 16.0
        y = self.height() / 2.0 - 1.5
        painter.drawPolyline([QPointF(x - 4, y), QPointF(x, y + 4), QPointF(x + 4, y)])
        painter.end()


class TickDelegate(QStyledItemDelegate):
    """Draws a tick in an item view's check box: the style sheet draws the box (a rounded
    square, filled when checked), which without an image has no tick of its own."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if index.data(Qt.ItemDataRole.CheckStateRole) not in (
            Qt.CheckState.Checked,
            Qt.CheckState.Checked.value,
        ):
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        box = QRectF(
            style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, item, widget)
        )
        draw_tick(painter, box)


def draw_tick(painter: QPainter, box: QRectF) -> None:
    """A tick inside a check box the style sheet draws as a filled square."""
    pen = QPen(QColor(colours()["onAccent"]), 1.8)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen)
    x, y = box.center().x(), box.center().y()
    points = [QPointF(x - 3.5, y), QPointF(x - 1, y + 2.5), QPointF(x + 3.5, y - 2.5)]
    painter.drawPolyline(points)
    painter.restore()


class TickBox(QCheckBox):
    """A check box with the wizard's rounded box and a drawn tick (see `TickDelegate`)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.isChecked():
            return
        option = QStyleOptionButton()
        self.initStyleOption(option)
        box = self.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, self)
        painter = QPainter(self)
        draw_tick(painter, QRectF(box))
        painter.end()
