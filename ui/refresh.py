"""Reload a page when what it shows has changed: at once when it is on screen, otherwise
the next time it is shown (so that a hidden page costs nothing while the walker saves)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget


class ReloadWhenShown:
    """Held by a page: its `reload` calls `loaded()` when it starts, its `showEvent`
    calls `shown()`, and a change it shows calls `changed()`."""

    def __init__(self, page: QWidget, reload: Callable[[], None]) -> None:
        self._page = page
        self._reload = reload
        self.stale = False

    def changed(self) -> None:
        if self._page.isVisible():
            self._reload()
        else:
            self.stale = True

    def loaded(self) -> None:
        self.stale = False

    def shown(self) -> None:
        if self.stale:
            self._reload()
