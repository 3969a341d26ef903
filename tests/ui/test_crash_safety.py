"""Kill the app mid-assessment: no answer the app showed as saved is lost.

The real app (worker thread, real store) runs in a child process answering questions by
keyboard as fast as it can; it prints each answer the moment the UI hears it was saved.
The test kills it (SIGKILL) partway, reopens the store, and finds every one of them.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from assessor.store.database import Store
from tests.conftest import PROJECT_ROOT

DRIVER = """
import os
import queue
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from assessor.content.context import AssessmentContext
from assessor.exchange.assessment_file import Client
from assessor.paths import AppPaths
from assessor.usecases.assessments import create_assessment
from assessor.usecases.changes import Change
from ui.app import create_app
from ui.main_window import MainWindow
from ui.session import Session

app = create_app([])
session = Session(AppPaths.from_environment())
window = MainWindow(session)
window.show()
window.start()
assessment = session.call(lambda core: create_assessment(
    core.store, core.library, Client(name="Crash test"), "Killed midway", AssessmentContext(),
    questionnaires=core.library.content.loaded[:1]).value)
print("assessment", assessment, flush=True)
window.open_walker(assessment)

def saved(changes, source):
    if Change.ANSWERS in changes.kinds:
        print("saved", " ".join(changes.question_ids), flush=True)

session.changed.connect(saved)

keys = [Qt.Key.Key_2, Qt.Key.Key_Return]  # pick the second option, or go on

def press():
    keys.reverse()
    QTest.keyClick(window.walker, keys[0])
    QTimer.singleShot(2, press)

QTimer.singleShot(100, press)
app.exec()
"""


def test_a_killed_app_keeps_every_answer_it_showed_as_saved(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ASSESSOR_DATA_DIR": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert child.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in child.stdout], daemon=True).start()  # type: ignore[union-attr]
    assessment, confirmed = 0, []
    deadline = time.monotonic() + 120
    while len(set(confirmed)) < 6 and time.monotonic() < deadline:
        try:
            word, _, rest = lines.get(timeout=1).strip().partition(" ")
        except queue.Empty:
            continue
        if word == "assessment":
            assessment = int(rest)
        elif word == "saved":
            confirmed.extend(rest.split())
    child.kill()  # SIGKILL; TerminateProcess on Windows: no chance to clean up either way
    child.wait()
    child.stdout.close()
    assert child.returncode != 0
    assert len(set(confirmed)) >= 6, "the app did not get to answer"
    with Store(tmp_path / "assessor.sqlite") as store:
        kept = {r.question_id: json.loads(r.answer) for r in store.current_responses(assessment)}
    lost = [qid for qid in confirmed if kept.get(qid) is None]
    assert not lost, f"answers shown as saved and lost: {lost}"
