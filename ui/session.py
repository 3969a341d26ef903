"""The app's one session: the worker that owns the store, the `changed` signal, undo.

Every screen takes the session in its constructor and subscribes to `changed`, which
carries the core's `Changes` (what kinds of thing changed, for which assessment and which
questions) and the screen that started it, so each refreshes only what concerns it.

Undo and redo replay what the core's use-cases returned (`Changes.undo`); the session
keeps the two stacks and nothing else: it holds no business rule.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from assessor.paths import AppPaths
from assessor.usecases.changes import Changes, Operation
from ui import dialogs
from ui.operations import Core, Op, Worker

if TYPE_CHECKING:
    from assessor.library.installed import Library


class UiThreadGarbageCollector(QObject):
    """Python's collector, run only on the UI thread (as Anki does).

    Left automatic, a collection can start on the worker thread and free Qt objects that
    belong to the UI thread, which crashes the process. So automatic collection is off
    while a worker thread runs, and this collects on a timer, on the UI thread, when
    the allocation counts say it is due.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._threshold = gc.get_threshold()[0]
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> None:
        if gc.get_count()[0] >= self._threshold:
            gc.collect()

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


class Session(QObject):
    #: (Changes, source): what a use-case changed, and the screen that asked for it.
    changed = Signal(object, object)
    #: The undo stack changed: (undo description or "", redo description or "").
    undo_changed = Signal(str, str)
    #: An operation started or finished: True while the worker has work queued.
    busy_changed = Signal(bool)
    #: The data folder moved (AppPaths at the new place); the worker's core is there already.
    relocated = Signal(object)

    def __init__(
        self,
        paths: AppPaths,
        inline: bool = False,
        library: Library | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.paths = paths
        self.worker = Worker(paths, inline=inline, library=library)
        self._collector = None if inline else UiThreadGarbageCollector(self)
        self.window: QWidget | None = None  # the parent of error dialogs
        self._undo: list[Operation] = []
        self._redo: list[Operation] = []

    # --- running ------------------------------------------------------------------------

    def submit(
        self, function: Callable[[Core], Any], done: Callable[[Any, BaseException | None], None]
    ) -> None:
        was_busy = self.worker.busy
        self.worker.submit(function, lambda result, error: self._done(done, result, error))
        if not was_busy and self.worker.busy:
            self.busy_changed.emit(True)

    def _done(
        self,
        done: Callable[[Any, BaseException | None], None],
        result: Any,
        error: BaseException | None,
    ) -> None:
        try:
            done(result, error)
        finally:
            if not self.worker.busy:
                self.busy_changed.emit(False)

    def op(self, function: Callable[[Core], Any], source: object = None) -> Op[Any]:
        return Op(self, function, source)

    def announce(self, result: object, source: object) -> None:
        """Tell every screen what changed, and keep the undo (a new change clears redo)."""
        if not isinstance(result, Changes) or not result:
            return
        if result.undo is not None:
            self._undo.append(result.undo)
            self._redo.clear()
            self._emit_undo()
        self.changed.emit(result, source)

    def relocate(self, paths: AppPaths) -> None:
        """Use the paths of a moved data folder (call once the worker's core moved)."""
        self.paths = paths
        self.relocated.emit(paths)

    def report_error(self, error: BaseException) -> None:
        dialogs.show_error(self.window, error, self.paths)

    # --- undo ----------------------------------------------------------------------------

    @property
    def undo_text(self) -> str:
        return self._undo[-1].description if self._undo else ""

    @property
    def redo_text(self) -> str:
        return self._redo[-1].description if self._redo else ""

    def undo(self, source: object = None) -> None:
        if self._undo:
            self._replay(self._undo.pop(), self._redo, source)

    def redo(self, source: object = None) -> None:
        if self._redo:
            self._replay(self._redo.pop(), self._undo, source)

    def _replay(self, operation: Operation, other: list[Operation], source: object) -> None:
        def finished(result: Any, error: BaseException | None) -> None:
            if error is not None:
                self._emit_undo()
                self.report_error(error)
                return
            if isinstance(result, Changes):
                if result.undo is not None:
                    other.append(result.undo)
                self._emit_undo()
                if result:
                    self.changed.emit(result, source)

        self.submit(lambda core: operation.run(core.store, core.library), finished)

    def _emit_undo(self) -> None:
        self.undo_changed.emit(self.undo_text, self.redo_text)

    # --- closing -------------------------------------------------------------------------

    def close(self) -> None:
        self.worker.close()
        if self._collector is not None:
            self._collector.stop()

    # --- for tests and benchmarks ---------------------------------------------------------

    def call(self, function: Callable[[Core], Any]) -> Any:
        """Run a function on the worker and wait for its result (never from a screen)."""
        box: dict[str, Any] = {}

        def done(result: Any, error: BaseException | None) -> None:
            box["result"], box["error"] = result, error

        self.worker.submit(function, done)
        if not self.worker.inline:
            from PySide6.QtCore import QCoreApplication

            while "result" not in box:
                self.worker.wait()
                QCoreApplication.processEvents()
        if box["error"] is not None:
            raise box["error"]
        return box["result"]
