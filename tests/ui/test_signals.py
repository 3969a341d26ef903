"""The Qt binding itself: PySide6 6.12.0 drops a reference to True on every emit() made
from Python, so a long session (thousands of saves) crashes the process. The project
excludes that release; this test fails on any release with the same fault."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    happened = Signal(object, object)


def test_emitting_a_signal_leaves_true_and_none_alone() -> None:
    sender = _Sender()
    seen: list[int] = []
    sender.happened.connect(lambda a, b: seen.append(b))
    trues, nones = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        sender.happened.emit(None, 1)
    assert len(seen) == 200
    assert abs(sys.getrefcount(True) - trues) < 50
    assert abs(sys.getrefcount(None) - nones) < 50
