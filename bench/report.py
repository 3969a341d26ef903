"""Benchmark: the full PDF report of the 158-question demo, with notes and its roadmap.

Run: .venv/bin/python bench/report.py

Prints the time to lay out and write the report beside its floor, measured in the same
run: reportlab laying out the same number of pages of plain paragraphs with the same
embedded fonts. Targets: within 3x of the floor, and under 1 s on the team's 2-core
machine. Also prints the page count and the file size. The suite never asserts a time.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from assessor.library.installed import load_library
from assessor.paths import AppPaths
from assessor.report.branding import Branding
from assessor.report.document import render_report
from assessor.report.styles import Palette, paragraph_styles, register_fonts
from assessor.store.database import Store
from assessor.usecases.demo import create_demo
from assessor.usecases.reporting import gather_report

TEXT = (
    "The organisation keeps an inventory of its AI systems, reviews each one before release "
    "and reports to the board twice a year; owners are named and evidence is kept. "
)


def floor_paragraphs(pages: int, folder: Path) -> int:
    """How many plain paragraphs in the same fonts fill `pages` pages."""
    register_fonts()
    style = paragraph_styles(Palette())["body"]
    count = pages * 12
    for _ in range(6):
        doc = SimpleDocTemplate(str(folder / "floor.pdf"), pagesize=A4)
        doc.build([Paragraph(TEXT * 3, style) for _ in range(count)])
        if doc.page == pages:
            break
        count = max(1, round(count * pages / doc.page))
    return count


def floor(count: int, folder: Path) -> tuple[float, int]:
    """One build of `count` plain paragraphs: the time and the pages."""
    style = paragraph_styles(Palette())["body"]
    doc = SimpleDocTemplate(str(folder / "floor.pdf"), pagesize=A4)
    story = [Paragraph(TEXT * 3, style) for _ in range(count)]
    start = time.perf_counter()
    doc.build(story)
    return time.perf_counter() - start, doc.page


def main() -> None:
    library = load_library(AppPaths(data_dir=Path("/nonexistent")))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        store = Store(folder / "demo.sqlite")
        assessment = create_demo(store, library).value
        start = time.perf_counter()
        data = gather_report(store, library, assessment)
        gathering = time.perf_counter() - start
        path = folder / "demo.pdf"
        pages = render_report(data, path, Branding())  # warm up: fonts, caches
        count = floor_paragraphs(pages, folder)
        times, floors, ratios = [], [], []
        plain_pages = 0
        for _ in range(7):  # interleaved, so that the machine's drift hits both alike
            start = time.perf_counter()
            pages = render_report(data, path, Branding())
            times.append(time.perf_counter() - start)
            plain_time, plain_pages = floor(count, folder)
            floors.append(plain_time)
            ratios.append(times[-1] / plain_time)
        rendering, plain = statistics.median(times), statistics.median(floors)
        size = path.stat().st_size
        store.close()
    print(f"demo report: {pages} pages, {size / 1024:.0f} KB, {len(data.questions)} questions, "
          f"{len(data.plan.visible())} roadmap items")  # fmt: skip
    print(f"  gather from the store:   {gathering * 1000:7.1f} ms")
    print(
        f"  lay out and write:       {rendering * 1000:7.1f} ms   (median; target: under 1000 ms)"
    )
    print(f"  floor, {plain_pages} pages of plain paragraphs: {plain * 1000:7.1f} ms")
    print(f"  ratio to the floor:      {statistics.median(ratios):7.2f}x    (median of 7 "
          "interleaved pairs; target: within 3x)")  # fmt: skip


if __name__ == "__main__":
    main()
