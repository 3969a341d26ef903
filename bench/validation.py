"""Benchmark: checking hostile questionnaire files of the consultant's.

Run: .venv/bin/python bench/validation.py

Prints the time to check (`load_content`, as `assessor validate FILE` does) a 5 MB file of
tiny unknown keys (refused at the bound of 100,000 values) and a 1 MB one just under the
bound (80,000 values, 40,000 mistakes: 50 told, the rest counted), beside their floors:
reading the file, and listing its YAML events. Target: under 2 s each (the 5 MB file took
49 s and 810 MB before the bounds).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assessor.library.calendar import load_calendar
from assessor.library.frameworks import FrameworkIndex
from assessor.library.located_yaml import SAFE_LOADER
from assessor.library.questionnaires import load_content
from assessor.paths import bundled_content

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "example.yaml"


def unknown_keys(count: int) -> str:
    text = EXAMPLE.read_text(encoding="utf-8").replace("example-genai-pilot", "bench")
    return text + "".join(f"unknown_key_{i}: v\n" for i in range(count))


def events(path: Path) -> int:
    loader = SAFE_LOADER(path.read_text(encoding="utf-8"))
    count = 0
    try:
        while loader.check_event():
            loader.get_event()  # type: ignore[no-untyped-call]
            count += 1
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return count


def timed(action, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    frameworks = FrameworkIndex(bundled_content() / "frameworks")
    calendar = load_calendar(bundled_content() / "calendar")
    with tempfile.TemporaryDirectory() as folder:
        cases = {
            "5 MB, 500,000 values": (Path(folder) / "huge.yaml", unknown_keys(250_000)[: 5 << 20]),
            "1 MB, 80,000 values": (Path(folder) / "mistakes.yaml", unknown_keys(40_000)),
        }
        for name, (path, text) in cases.items():
            path.write_text(text, encoding="utf-8")
            check = timed(lambda p=path: load_content([p], frameworks, calendar=calendar))
            read = timed(lambda p=path: p.read_bytes())
            listing = timed(lambda p=path: events(p), runs=1)
            problems = load_content([path], frameworks, calendar=calendar).problems
            print(
                f"{name}: checked in {check:.2f} s ({len(problems)} listed); "
                f"floors: read {read * 1000:.0f} ms, every YAML event {listing:.2f} s"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
