"""Benchmark: saving an answer and rescoring, and listing many assessments.

Run: .venv/bin/python bench/store.py [--assessments N]

Prints each figure beside the floor it is compared with:
- answer + rescore of a 150-question assessment (median, p95 over 1,000 answers) beside a
  raw SQLite insert + commit with the same settings (WAL, synchronous=FULL);
- importing, scoring and listing N assessments (default 10,000);
- opening that store, and SQLite's `PRAGMA quick_check` of it beside opening it bare
  (the store checks on open up to `QUICK_CHECK_ON_OPEN_BYTES`, before the first write
  above that).
Targets on the team's 2-core machine: p95 under 2 ms per answer-and-rescore; listing
10,000 assessments under 50 ms. The suite never asserts a time; this script reports.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assessor.exchange.assessment_file import write_assessment_file
from assessor.library.installed import load_library
from assessor.paths import AppPaths
from assessor.store.database import Store
from assessor.store.opening import QUICK_CHECK_ON_OPEN_BYTES
from assessor.usecases.answering import record_answer
from assessor.usecases.demo import create_demo
from assessor.usecases.transfer import export_assessment, import_assessment


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.3f} ms"


def raw_floor(folder: Path, count: int) -> list[float]:
    conn = sqlite3.connect(folder / "raw.sqlite", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT)")
    times = []
    for i in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (a, b, c) VALUES (?, ?, ?)", (f"Q-{i}", '"l3"', "note"))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=1_000)
    args = parser.parse_args()
    library = load_library(AppPaths(data_dir=Path("/nonexistent")))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store(folder / "bench.sqlite")
        assessment = create_demo(store, library).assessment_id
        questions = [
            q.id
            for qn in store.questionnaires_of(assessment)
            for q in qn.questions
            if q.type.value == "maturity"
        ]
        scored = sum(len(qn.scored_questions) for qn in store.questionnaires_of(assessment))
        times = []
        for i in range(args.answers):
            start = time.perf_counter()
            record_answer(
                store, library, assessment, questions[i % len(questions)], f"l{i % 5 + 1}"
            )
            times.append(time.perf_counter() - start)
        floor = raw_floor(folder, args.answers)
        print(f"answer + rescore, {scored} scored questions, {args.answers} answers:")
        print(
            f"  median {ms(statistics.median(times))}   p95 {ms(percentile(times, 0.95))}"
            "   (target: p95 under 2 ms)"
        )
        print("  raw SQLite insert+commit, same settings (floor):")
        print(f"  median {ms(statistics.median(floor))}   p95 {ms(percentile(floor, 0.95))}")

        export_path = folder / "one.json"
        write_assessment_file(export_assessment(store, assessment), export_path)
        count = args.assessments
        start = time.perf_counter()
        for _ in range(count):
            import_assessment(store, library, export_path)
        imported = time.perf_counter() - start
        print(
            f"import {count} assessments (each {len(store.all_responses(assessment))} answers,"
            f" scored on import): {imported:.1f} s, {imported / count * 1000:.2f} ms each"
        )
        list_times = []
        for _ in range(20):
            start = time.perf_counter()
            rows = store.list_assessments()
            list_times.append(time.perf_counter() - start)
        print(
            f"list {len(rows)} assessments: median {ms(statistics.median(list_times))}"
            "   (target: under 50 ms)"
        )
        store.close()
        report_open_and_check(folder / "bench.sqlite", len(rows))


def median_of(action: Callable[[], object], times: int = 9) -> float:
    spent = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        spent.append(time.perf_counter() - start)
    return statistics.median(spent)


def report_open_and_check(path: Path, count: int) -> None:
    def bare() -> None:
        conn = sqlite3.connect(path)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()

    def checked() -> None:
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        conn.close()

    size = path.stat().st_size
    opened = median_of(lambda: Store(path).close())
    print(
        f"open the store of {count} assessments ({size / 1024 / 1024:.1f} MB): "
        f"median {ms(opened)}"
        + ("   (checked on open)" if size <= QUICK_CHECK_ON_OPEN_BYTES else "")
    )
    print(
        f"  PRAGMA quick_check: median {ms(median_of(checked))}   bare open (floor): "
        f"median {ms(median_of(bare))}   (checked on open up to "
        f"{QUICK_CHECK_ON_OPEN_BYTES // 1024 // 1024} MB, else before the first write)"
    )


if __name__ == "__main__":
    main()
