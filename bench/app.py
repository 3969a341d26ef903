"""Benchmark: the desktop app's start, an answer keypress, and peak memory.

Run: .venv/bin/python bench/app.py [--runs 7] [--assessments 1000]

Prints each figure beside the floor it is compared with, in the same run:
- cold start to an interactive home window (the list of N assessments shown), in a fresh
  process, beside a bare PySide6 window's cold start (median of the runs);
- peak memory (max RSS) of both processes;
- the time from a keypress that answers a question to the next question shown, with the
  answer saved and rescored on the worker thread (median and p95 over 150 answers).
Targets: start within 2x the bare window and under 0.5 s; answer-to-next p95 under 16 ms;
peak memory within 2x the bare window. The suite never asserts a time; this script reports.
Offscreen (QT_QPA_PLATFORM=offscreen), so it runs headless like the suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
import resource, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1200, 800)
window.show()
app.processEvents()
print("ready", flush=True)
print("rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""

APP = """
import resource, sys
from PySide6.QtCore import QTimer
from ui.app import create_app
from ui.main_window import MainWindow
from ui.session import Session
from assessor.paths import AppPaths
app = create_app([])
session = Session(AppPaths.from_environment())
window = MainWindow(session)
window.show()
window.start()
def check():
    if window.home.loaded:
        app.processEvents()
        print("ready", window.home.model.assessment_count(), flush=True)
        print("rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
        # Keep going a little, as a user would, so the warm-up counts in the memory peak.
        QTimer.singleShot(1500, lambda: (print("rss-after", resource.getrusage(
            resource.RUSAGE_SELF).ru_maxrss, flush=True), app.quit()))
    else:
        QTimer.singleShot(1, check)
check()
app.exec()
session.close()
"""


def seed(folder: Path, count: int) -> None:
    """A store with `count` assessments (one questionnaire answered in part)."""
    from assessor.content.context import AssessmentContext
    from assessor.exchange.assessment_file import Client
    from assessor.library.installed import load_library
    from assessor.paths import AppPaths
    from assessor.store.database import Store
    from assessor.usecases.assessments import create_assessment
    from assessor.usecases.demo import create_demo

    paths = AppPaths(data_dir=folder)
    library = load_library(paths)
    with Store(paths.database) as store:
        create_demo(store, library)
        one = library.content.loaded[:1]
        with store.atomic():
            for n in range(count - 1):
                create_assessment(
                    store, library, Client(name=f"Client {n % 250:03d}"), f"Review {n}",
                    AssessmentContext(), questionnaires=one,
                )  # fmt: skip


def run_child(code: str, data_dir: Path) -> tuple[float, int, int]:
    env = {**os.environ, "ASSESSOR_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert child.stdout is not None
    ready, rss, after = 0.0, 0, 0
    for line in child.stdout:
        if line.startswith("ready"):
            ready = time.perf_counter() - started
        elif line.startswith("rss-after"):
            after = int(line.split()[1])
        elif line.startswith("rss"):
            rss = int(line.split()[1])
    child.wait()
    return ready, rss, after or rss


def answer_to_next(data_dir: Path, answers: int) -> list[float]:
    """Keypress "1" on the walker to the next question shown, saved and rescored."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest

    from assessor.content.context import AssessmentContext
    from assessor.exchange.assessment_file import Client
    from assessor.paths import AppPaths
    from assessor.usecases.assessments import create_assessment
    from ui.app import create_app
    from ui.session import Session
    from ui.walker.page import WalkerPage

    create_app([])
    session = Session(AppPaths(data_dir=data_dir))
    assessment = session.call(
        lambda core: create_assessment(
            core.store, core.library, Client(name="Bench"), "Walk", AssessmentContext()
        )
    ).value
    page = WalkerPage(session)
    page.resize(1200, 800)
    page.show()
    page.open(assessment)
    while page.current_question_id is None:
        QCoreApplication.processEvents()
    times = []
    picked = {"maturity", "single", "yes_partial_no"}  # a digit answers and moves on
    for _ in range(answers * 3):
        if len(times) >= answers:
            break
        before = page.current_question_id
        kind = session.call(lambda core, qid=before: core.store.questions_of(assessment)[qid].type)
        if kind not in picked:
            page.go_next()
            while session.worker.busy or page.current_question_id == before:
                QCoreApplication.processEvents()
            continue
        started = time.perf_counter()
        QTest.keyClick(page, Qt.Key.Key_1)
        while session.worker.busy or page.current_question_id == before:
            QCoreApplication.processEvents()
            if time.perf_counter() - started > 2:
                break  # the last question: nothing comes next
        else:
            times.append(time.perf_counter() - started)
    session.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--assessments", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeded = Path(tmp) / "seeded"
        seed(seeded, args.assessments)
        bare, app, bare_rss, app_rss, app_after = [], [], [], [], []
        for n in range(args.runs):
            data = Path(tmp) / f"run{n}"
            shutil.copytree(seeded, data)
            b = run_child(BARE, data)
            a = run_child(APP, data)
            bare.append(b[0])
            bare_rss.append(b[1])
            app.append(a[0])
            app_rss.append(a[1])
            app_after.append(a[2])
        b_med, a_med = statistics.median(bare), statistics.median(app)
        print(f"cold start, {args.runs} runs, medians ({args.assessments} assessments listed):")
        print(f"  bare PySide6 window   {b_med * 1000:7.0f} ms")
        print(f"  app home, interactive {a_med * 1000:7.0f} ms   {a_med / b_med:4.2f}x bare "
              f"(target: under 2x and under 500 ms)")  # fmt: skip
        mb = 1024
        print("peak memory (max RSS), medians:")
        print(f"  bare PySide6 window   {statistics.median(bare_rss) / mb:7.0f} MB")
        print(f"  app home, interactive {statistics.median(app_rss) / mb:7.0f} MB   "
              f"{statistics.median(app_rss) / statistics.median(bare_rss):4.2f}x bare "
              "(target: under 2x)")  # fmt: skip
        print(f"  app 1.5 s later       {statistics.median(app_after) / mb:7.0f} MB   "
              f"{statistics.median(app_after) / statistics.median(bare_rss):4.2f}x bare "
              "(content loaded in the background)")  # fmt: skip
        times = sorted(answer_to_next(Path(tmp) / "walk", args.answers))
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"answer keypress to next question, saved and rescored ({len(times)} answers):")
        print(f"  median {statistics.median(times) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms "
              "(target: p95 under 16 ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
