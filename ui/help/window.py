"""The help window: the bundled docs (the methodology, the questionnaire format ...), read
offline, with their headings to jump between.

Links inside the docs work (to a heading, to another doc, to the bundled example); links
to the web are never followed, since the app does not use the network: the window says
so and copies the address, for the user to open in a browser if they wish.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor.paths import APP_NAME, bundled_docs
from ui.help.documents import anchors, headings, markdown_of, style, topics
from ui.theme import colours

COLUMN = 760  # the widest line of text, in pixels: long lines are hard to follow
OFFLINE_SCHEMES = {"http", "https", "mailto", "ftp"}


class ReadingView(QTextBrowser):
    """A text browser that keeps its text in a centred column of a readable width."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        spare = max(0, self.width() - COLUMN - 48)
        side = 24 + spare // 2
        self.setViewportMargins(side, 12, side, 12)
        super().resizeEvent(event)


class HelpWindow(QWidget):
    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(f"{APP_NAME} Help")
        self.resize(1080, 760)
        self.folder = folder or bundled_docs()
        self.topics = {t.key: t for t in topics(self.folder)}
        self.current: Path | None = None
        self._history: list[tuple[Path, int]] = []

        self.contents = QTreeWidget()
        self.contents.setObjectName("helpContents")
        self.contents.setHeaderHidden(True)
        self.contents.setAccessibleName("Help contents")
        self.contents.setMinimumWidth(220)
        self.contents.setIndentation(14)
        self.contents.itemActivated.connect(self._chosen)
        self.contents.itemClicked.connect(self._chosen)

        self.view = ReadingView()
        self.view.setObjectName("helpText")
        self.view.setOpenLinks(False)
        self.view.setOpenExternalLinks(False)
        self.view.setFrameShape(ReadingView.Shape.NoFrame)
        self.view.anchorClicked.connect(self.follow)

        self.back_button = QPushButton("Back")
        self.back_button.setToolTip("Back to where you were (Alt+Left)")
        self.back_button.clicked.connect(self.back)
        self.back_button.setEnabled(False)
        self.notice = QLabel(objectName="detail")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 8, 12, 8)
        bar.setSpacing(12)
        bar.addWidget(self.back_button)
        bar.addWidget(self.notice, 1)

        reading = QWidget(objectName="page")
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view, 1)
        column.addLayout(bar)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(reading)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 820])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, activated=self.close)
        self._fill_contents()

    # --- what is shown -----------------------------------------------------------------

    def show_topic(self, key: str, anchor: str = "") -> None:
        """Show a doc ("methodology", "questionnaire-format") at a heading, and raise the
        window."""
        topic = self.topics.get(key)
        if topic is not None:
            self.open_file(topic.path, anchor)
        self.show()
        self.raise_()
        self.activateWindow()

    def open_file(self, path: Path, anchor: str = "", remember: bool = True) -> None:
        if remember and self.current is not None:
            self._history.append((self.current, self.view.verticalScrollBar().value()))
            self.back_button.setEnabled(True)
        if path != self.current:
            self.current = path
            self._render()
        self.notice.clear()
        self._select_in_contents(path, anchor)
        self.scroll_to(anchor)

    def scroll_to(self, anchor: str) -> None:
        if not anchor:
            self.view.verticalScrollBar().setValue(0)
        elif anchor in anchors(self.view.document()):
            self.view.scrollToAnchor(anchor)
        else:
            self.notice.setText(f"There is no “{anchor}” in this page.")

    def _render(self) -> None:
        if self.current is None:
            return
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5) + 0.5)
        self.view.setMarkdown(markdown_of(self.current))
        style(self.view.document(), colours(), font)
        self.setWindowTitle(f"{self.title_of(self.current)} – {APP_NAME} Help")

    def title_of(self, path: Path) -> str:
        topic = self.topics.get(path.stem)
        return topic.title if topic is not None and topic.path == path else path.name

    # --- links -------------------------------------------------------------------------

    def follow(self, url: QUrl) -> None:
        """Follow a link of the docs: inside the help only; never to the network."""
        scheme = url.scheme().lower()
        if scheme in OFFLINE_SCHEMES:
            address = url.toString()
            QGuiApplication.clipboard().setText(address)
            self.notice.setText(
                f"Not opened: the app works offline. The address is copied: {address}"
            )
            return
        if scheme or url.isLocalFile():
            self.notice.setText(f"Not opened: {url.toString()} is not part of the help.")
            return
        target, anchor = url.path(), url.fragment()
        if not target:
            self.open_file(self.current or self.folder, anchor)
            return
        base = self.current.parent if self.current is not None else self.folder
        path = (base / target).resolve()
        if not path.is_file() or not path.is_relative_to(self.folder.resolve()):
            self.notice.setText(f"Not opened: {target} is not part of the help.")
            return
        self.open_file(path, anchor)

    def back(self) -> None:
        if not self._history:
            return
        path, scroll = self._history.pop()
        self.back_button.setEnabled(bool(self._history))
        self.open_file(path, remember=False)
        self.view.verticalScrollBar().setValue(scroll)
        QTimer.singleShot(0, lambda: self.view.verticalScrollBar().setValue(scroll))

    # --- the contents ------------------------------------------------------------------

    def _fill_contents(self) -> None:
        from PySide6.QtGui import QTextDocument

        self.contents.clear()
        for topic in self.topics.values():
            item = QTreeWidgetItem([topic.title.split(":")[0]])  # "Methodology"
            item.setToolTip(0, topic.title)
            item.setData(0, Qt.ItemDataRole.UserRole, (str(topic.path), ""))
            bold = item.font(0)
            bold.setWeight(QFont.Weight.DemiBold)
            item.setFont(0, bold)
            document = QTextDocument()
            document.setMarkdown(markdown_of(topic.path))
            names = {position: name for name, position in anchors(document).items()}
            for _level, text, position in headings(document, deepest=2)[1:]:
                child = QTreeWidgetItem([text])
                child.setData(0, Qt.ItemDataRole.UserRole, (str(topic.path), names[position]))
                item.addChild(child)
            self.contents.addTopLevelItem(item)
        self.contents.expandAll()

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path, anchor = item.data(0, Qt.ItemDataRole.UserRole)
        self.open_file(Path(path), anchor)

    def _select_in_contents(self, path: Path, anchor: str) -> None:
        wanted = (str(path), anchor)
        for i in range(self.contents.topLevelItemCount()):
            top = self.contents.topLevelItem(i)
            for item in [top, *(top.child(j) for j in range(top.childCount()))]:
                if tuple(item.data(0, Qt.ItemDataRole.UserRole)) == wanted:
                    self.contents.setCurrentItem(item)
                    return

    # --- the theme ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        themed = event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange)
        if themed and self.current is not None:
            scroll = self.view.verticalScrollBar().value()
            self._render()  # the colours are the theme's, set when the text is styled
            self.view.verticalScrollBar().setValue(scroll)
