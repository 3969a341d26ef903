"""Two processes writing one database at full speed: no answer lost, no respondent twice.

Each writer takes the write lock up front and waits for it (in jittered steps, for up
to 30 s) instead of failing after SQLite's own busy timeout. The assessments are small
(five questions, a new one every 100 answers), so that 6,000 answers, each rescored in
its transaction, take seconds on a 2-core machine rather than a minute: the lock is what
is under test, not scoring. Both writers name the same new respondent every ten answers.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from assessor.content.context import AssessmentContext
from assessor.exchange.assessment_file import Client
from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.answering import rescore
from assessor.usecases.assessments import start_assessment
from tests.conftest import PROJECT_ROOT
from tests.factories import maturity, questionnaire

ANSWERS_EACH = 3000
NEW_RESPONDENT_EVERY = 10
NEW_ASSESSMENT_EVERY = 100

WRITER = """
import sys, time
from pathlib import Path
from assessor.library.installed import load_library
from assessor.paths import AppPaths
from assessor.store.database import Store
from assessor.usecases.answering import record_answer
library = load_library(AppPaths(data_dir=Path("/nonexistent")))
db, first, name, count, every, per_assessment = sys.argv[1:7]
questions = [f"T-{n}" for n in range(1, 6)]
with Store(Path(db)) as store:
    print("ready", flush=True)
    sys.stdin.readline()  # both start together
    slowest = 0.0
    for i in range(int(count)):
        start = time.perf_counter()
        record_answer(
            store, library, int(first) + i // int(per_assessment), questions[i % 5],
            f"l{i % 5 + 1}", respondent=f"r{i // int(every)}", note=f"{name}-{i}",
        )
        slowest = max(slowest, time.perf_counter() - start)
print(f"slowest {slowest:.3f}", flush=True)
"""


def test_two_processes_answering_at_once_lose_nothing(db_path: Path, library: Library) -> None:
    small = questionnaire("tiny", "governance", {"s1": [maturity(f"T-{n}") for n in range(1, 6)]})
    with Store(db_path) as store, store.atomic():
        assessments = [
            start_assessment(
                store, Client(name="Two writers"), f"Concurrency {n}", AssessmentContext(),
                library.profiles.profiles[0].id, [(small, "tiny-1")],
            )
            for n in range(ANSWERS_EACH // NEW_ASSESSMENT_EVERY)
        ]  # fmt: skip
        for assessment in assessments:
            rescore(store, library, assessment)
    arguments = [str(db_path), str(assessments[0])]
    counts = [str(ANSWERS_EACH), str(NEW_RESPONDENT_EVERY), str(NEW_ASSESSMENT_EVERY)]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, *arguments, name, *counts],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=PROJECT_ROOT,
        )
        for name in ("a", "b")
    ]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
    started = time.perf_counter()
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outcomes = [writer.communicate(timeout=120) for writer in writers]
    elapsed = time.perf_counter() - started
    for writer, (out, err) in zip(writers, outcomes, strict=True):
        assert writer.returncode == 0, err
        assert out.startswith("slowest")
    with Store(db_path) as store:
        notes = [r.note for a in assessments for r in store.all_responses(a)]
        respondents = [(a, r.key) for a in assessments for r in store.respondents(a)]
    expected = {f"{name}-{i}" for name in "ab" for i in range(ANSWERS_EACH)}
    assert len(notes) == len(expected)  # none twice
    assert set(notes) == expected  # none lost
    assert sorted(respondents) == sorted(
        {
            (assessments[i // NEW_ASSESSMENT_EVERY], f"r{i // NEW_RESPONDENT_EVERY}")
            for i in range(ANSWERS_EACH)
        }
    )
    print(
        f"\n{len(notes)} of {len(expected)} answers stored in {elapsed:.1f} s; slowest answer "
        + ", ".join(out.split()[1] + " s" for out, _err in outcomes)
    )
