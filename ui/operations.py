"""Background work, done once: every call into the core runs here, off the UI thread.

The shape is Anki's `CollectionOp`:

    Op(session, lambda core: record_answer(core.store, core.library, ...))
        .success(on_saved).failure(on_refused).run()

`run()` hands the function to the one worker thread that owns the store and returns at
once; `success` gets the result on the UI thread, and so does `failure` (when given; the
default shows the error dialog). A result that is a core `Changes` is also announced on
the session's `changed` signal, so every screen refreshes what concerns it, and its undo
goes onto the session's undo stack.

Threads. SQLite connections are bound to their thread, so the `Store` is opened by, and
only ever used from, the worker thread (the store raises `WrongThread` otherwise). The
library (the validated questionnaires) is loaded there too, on first use. The UI thread
only receives results. Tests run operations inline on the UI thread instead
(`Worker(paths, inline=True)`): the same code, serially, with no waiting.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from assessor.paths import AppPaths

if TYPE_CHECKING:
    from assessor.library.installed import Library
    from assessor.store.database import Store
    from ui.session import Session

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass
class Core:
    """What an operation works with, on the worker thread: the store and the library."""

    paths: AppPaths
    _store: Store | None = field(default=None, repr=False)
    _library: Library | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            from assessor.store.database import Store  # start-up: not needed to show a window

            self._store = Store(self.paths.database)
        return self._store

    @property
    def library(self) -> Library:
        if self._library is None:
            from assessor.library.installed import load_library

            self._library = load_library(self.paths)
        return self._library

    def reload_library(self) -> Library:
        self._library = None
        return self.library

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def relocate(self, paths: AppPaths) -> None:
        """Work in another data folder from now on (after moving it): the store closes
        here and reopens there on next use, and the library reloads from it (the user's
        questionnaires are read from the new folder)."""
        self.close()
        self.paths = paths
        self._library = None


class _Relay(QObject):
    """Carries a finished job back to the UI thread (a queued signal across threads)."""

    finished = Signal(object)


@dataclass
class _Job:
    function: Callable[[Core], Any]
    done: Callable[[Any, BaseException | None], None]
    result: Any = None
    error: BaseException | None = None


class Worker:
    """The one thread that owns the store; jobs run there one after another, in order."""

    def __init__(self, paths: AppPaths, inline: bool = False, library: Library | None = None):
        self.core = Core(paths, _library=library)
        self.inline = inline
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._pending = 0
        self._executor = (
            None
            if inline
            else ThreadPoolExecutor(max_workers=1, thread_name_prefix="assessor-store")
        )

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def submit(
        self, function: Callable[[Core], Any], done: Callable[[Any, BaseException | None], None]
    ) -> None:
        job = _Job(function, done)
        self._pending += 1
        if self._executor is None:
            self._work(job)
            self._deliver(job)
        else:
            self._executor.submit(self._work_and_relay, job)

    def _work(self, job: _Job) -> None:
        try:
            job.result = job.function(self.core)
        except BaseException as error:  # delivered to the UI thread, never lost
            job.error = error

    def _work_and_relay(self, job: _Job) -> None:
        self._work(job)
        self._relay.finished.emit(job)

    def _deliver(self, job: _Job) -> None:
        self._pending -= 1
        job.done(job.result, job.error)

    def wait(self) -> None:
        """Block until every submitted job has run (closing, tests, benchmarks)."""
        if self._executor is not None:
            self._executor.submit(lambda: None).result()

    def close(self) -> None:
        """Finish the queued jobs, then close the store on its own thread."""
        if self._executor is None:
            self.core.close()
            return
        self._executor.submit(self.core.close).result()
        self._executor.shutdown(wait=True)

    @property
    def on_worker_thread(self) -> bool:
        return self.inline or threading.current_thread().name.startswith("assessor-store")


class Op(Generic[T]):
    """One call into the core, run on the worker thread; see the module docstring."""

    def __init__(self, session: Session, function: Callable[[Core], T], source: object = None):
        self._session = session
        self._function = function
        self._source = source
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op[T]:
        self._failure = callback
        return self

    def run(self) -> None:
        self._session.submit(self._function, self._finished)

    def _finished(self, result: Any, error: BaseException | None) -> None:
        if error is not None:
            if self._failure is not None:
                self._failure(error)
            else:
                self._session.report_error(error)
            return
        self._session.announce(result, self._source)
        if self._success is not None:
            self._success(result)
