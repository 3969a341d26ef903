"""Long work that does not touch the store, on a thread of its own: laying out a PDF,
rendering its pages. The store's worker stays free for answers meanwhile.

    job = ThreadJob(lambda job: render_report(..., progress=job.report,
                                              cancelled=job.is_cancelled), "report")
    job.progressed.connect(...); job.finished.connect(...); job.failed.connect(...)
    job.start()

The function runs on the thread; `progressed`, `finished` and `failed` arrive on the UI
thread (queued signals), so Qt objects stay there. `cancel()` only raises a flag: the
function checks it (`is_cancelled`) and stops as it sees fit.

Python's automatic garbage collection is held off while a job runs (as the session does
for its worker): a collection that started on this thread could free Qt objects that
belong to the UI thread. The job collects on the UI thread when it ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class ThreadJob(QObject):
    """One function on its own thread; see the module docstring."""

    progressed = Signal(float, str)  # share done (0 to 1), what it is doing
    finished = Signal(object)  # the function's result
    failed = Signal(object)  # the exception it raised
    _ended = Signal()

    def __init__(self, function: Callable[[ThreadJob], Any], name: str) -> None:
        super().__init__()  # no parent: the thread keeps the job alive until it ends
        self._function = function
        self._name = name
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._collecting = False
        self._ended.connect(self._restore_collection)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("a job runs once")
        self._collecting = gc.isenabled()
        gc.disable()
        self._alive: ThreadJob | None = self  # until its end is handled on the UI thread
        # A daemon: quitting the app mid-export must not wait for the layout to finish
        # (the core writes to a temporary file, so nothing half-written is left in place).
        self._thread = threading.Thread(
            target=self._run, name=f"assessor-{self._name}", daemon=True
        )
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, share: float, what: str) -> None:
        """Progress, from the thread (the signal is queued to the UI thread)."""
        self.progressed.emit(share, what)

    def wait(self, timeout: float | None = None) -> None:
        """Block until the function has returned (tests, closing)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            result = self._function(self)
        except BaseException as error:  # delivered to the UI thread, never lost
            self.failed.emit(error)
        else:
            self.finished.emit(result)
        finally:
            self._ended.emit()

    def _restore_collection(self) -> None:
        self._alive = None
        if self._collecting:
            gc.enable()
            gc.collect()
