"""Benchmark: building the roadmap of an assessment with every question below target.

Run: .venv/bin/python bench/roadmap.py

Prints the time to generate the roadmap beside the time to score the same assessment
(its floor: the roadmap starts from the scorecard). Target: under 10 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assessor.content.profiles import choose_profile
from assessor.content.questionnaire import recommendations_of
from assessor.library.installed import load_library
from assessor.paths import AppPaths
from assessor.scoring.answers import parse_answer
from assessor.scoring.roadmap import build_roadmap
from assessor.scoring.scorecard import QuestionAnswers, score
from assessor.usecases.demo import CONTEXT


def timed(action, runs: int = 200) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    library = load_library(AppPaths(data_dir=Path("/nonexistent")))
    questionnaires = library.content.questionnaires
    profile = choose_profile(library.profiles.profiles, CONTEXT)
    answers = {}
    for qn in questionnaires:
        for q in qn.scored_questions:  # the lowest answer everywhere: every question a gap
            raw = "dont_know"
            answers[q.id] = QuestionAnswers({"": parse_answer(q, raw)})
    recommendations = recommendations_of(questionnaires)
    card = score(questionnaires, CONTEXT, answers, profile)
    duties = library.calendar.binding(CONTEXT)  # an EU insurer: Annex III, GDPR, DORA...
    as_of = date(2026, 12, 1)
    plan = build_roadmap(questionnaires, card, recommendations, duties=duties, as_of=as_of)
    scoring = timed(lambda: score(questionnaires, CONTEXT, answers, profile))
    building = timed(
        lambda: build_roadmap(questionnaires, card, recommendations, duties=duties, as_of=as_of)
    )
    scored = sum(len(qn.scored_questions) for qn in questionnaires)
    dated = sum(1 for item in plan.items if item.deadline)
    print(
        f"{scored} scored questions, all below target; roadmap of {len(plan.items)} items, "
        f"{dated} with a deadline"
    )
    print(f"  score (floor):   median {statistics.median(scoring) * 1000:6.2f} ms")
    print(
        f"  build roadmap:   median {statistics.median(building) * 1000:6.2f} ms"
        "   (target: under 10 ms)"
    )


if __name__ == "__main__":
    main()
