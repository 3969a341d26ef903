"""File › Open Recent: the assessments last opened, latest first ("client – title").

The list is the preferences' (`Preferences.recent`, assessment ids); the labels are read
from the store on the worker, when the list or the assessments change. An assessment in
the bin shows, disabled, until it is restored; one purged from the bin leaves the list.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from assessor.usecases.changes import Change, Changes
from ui.operations import Core
from ui.preferences import MAX_RECENT, Preferences
from ui.session import Session


@dataclasses.dataclass(frozen=True)
class RecentEntry:
    assessment_id: int
    label: str  # "Northwind Mutual – AI readiness review 2026"
    status: str
    in_bin: bool


def recent_entries(core: Core, ids: tuple[int, ...]) -> list[RecentEntry]:
    """On the worker: the entries of those ids still in the store, in the ids' order."""
    store = core.store
    found = {a.id: (a, False) for a in store.list_assessments()}
    found |= {a.id: (a, True) for a in store.list_assessments(deleted=True)}
    entries = []
    for i in ids:
        if i in found:
            summary, in_bin = found[i]
            label = f"{summary.client} – {summary.title}"
            entries.append(RecentEntry(i, label, summary.status, in_bin))
    return entries


class RecentMenu(QMenu):
    """The submenu; `open_requested(assessment_id, status)` when an entry is chosen."""

    open_requested = Signal(int, str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Open &Recent", parent)
        self.setObjectName("recentMenu")
        self.session = session
        self.entries: list[RecentEntry] = []
        self.clear_action = QAction()  # made anew with each list (see _rebuild)
        session.changed.connect(self._changed)
        session.relocated.connect(lambda _paths: self.refresh())
        self._rebuild()

    def note_opened(self, assessment_id: int) -> None:
        """An assessment was opened: put it first."""
        preferences = Preferences.load(self.session.paths)
        if preferences.recent[:1] != (assessment_id,):
            preferences.with_recent(assessment_id).save(self.session.paths)
        self.refresh()

    def clear_list(self) -> None:
        preferences = Preferences.load(self.session.paths)
        dataclasses.replace(preferences, recent=()).save(self.session.paths)
        self.entries = []
        self._rebuild()

    def refresh(self) -> None:
        ids = Preferences.load(self.session.paths).recent[:MAX_RECENT]
        if not ids:
            self.entries = []
            self._rebuild()
            return
        self.session.op(lambda core: recent_entries(core, ids)).success(
            lambda entries: self._show(ids, entries)
        ).run()

    def _show(self, ids: tuple[int, ...], entries: list[RecentEntry]) -> None:
        self.entries = entries
        if len(entries) < len(ids):  # purged from the bin: gone for good
            kept = {e.assessment_id for e in entries}
            preferences = Preferences.load(self.session.paths)
            remaining = tuple(i for i in preferences.recent if i in kept or i not in ids)
            dataclasses.replace(preferences, recent=remaining).save(self.session.paths)
        self._rebuild()

    def _changed(self, changes: Changes[object], _source: object) -> None:
        if Change.ASSESSMENTS in changes and self.entries:
            self.refresh()

    def _rebuild(self) -> None:
        self.clear()
        for number, entry in enumerate(self.entries, start=1):
            label = entry.label.replace("&", "&&")
            text = f"&{number} {label}" + ("  (in the bin)" if entry.in_bin else "")
            action = self.addAction(text)
            action.setEnabled(not entry.in_bin)
            action.setData(entry.assessment_id)
            if entry.in_bin:
                action.setStatusTip("Restore it from the bin (Deleted… on the home page)")
            action.triggered.connect(
                lambda _checked=False, e=entry: self.open_requested.emit(e.assessment_id, e.status)
            )
        if not self.entries:
            empty = self.addAction("No assessments opened yet")
            empty.setEnabled(False)
        self.addSeparator()
        self.clear_action = self.addAction("&Clear list")
        self.clear_action.setStatusTip("Forget the assessments opened lately (nothing is deleted)")
        self.clear_action.triggered.connect(lambda _checked=False: self.clear_list())
        self.clear_action.setEnabled(bool(self.entries))
