"""Benchmark: the roadmap board's opening and one card move.

Run: .venv/bin/python bench/board.py [--runs 15]

On the sample assessment (a roadmap of over a hundred items) and on one with about 70
(the sample with three domains answered at target: about 80), it prints the median and worst time:
- to open the board: the core's `roadmap_board` (the worker's part) and the cards drawn
  (the UI's part), one after the other as the app does them;
- to move one card: the core's `edit_item` (checks and stores the move), the board read
  again (with the rescore behind the plan), and the columns redrawn.
Target: each under 50 ms. "Drawn" ends with the first paint: the columns lay their cards
out in batches (QListView's batched layout), so a long column finishes after it shows.
Beside them, the floor: the core's `plan_for` alone, which both must call. Offscreen,
with operations run inline, so that the figures add up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from assessor.paths import AppPaths  # noqa: E402
from assessor.usecases.answering import record_answer  # noqa: E402
from assessor.usecases.board import roadmap_board  # noqa: E402
from assessor.usecases.demo import create_demo  # noqa: E402
from assessor.usecases.roadmap_edits import plan_for  # noqa: E402
from ui.app import create_app  # noqa: E402
from ui.roadmap.page import RoadmapPage  # noqa: E402
from ui.session import Session  # noqa: E402

TARGET_MS = 50.0


def ms(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:6.1f} ms, worst {max(times) * 1000:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    create_app([])
    with tempfile.TemporaryDirectory() as folder:
        session = Session(AppPaths(data_dir=Path(folder)), inline=True)

        def seed(core: object) -> tuple[int, int]:
            store, library = core.store, core.library  # type: ignore[attr-defined]
            demo = int(create_demo(store, library).value)
            smaller = int(create_demo(store, library).value)
            for qn in store.questionnaires_of(smaller):  # three domains at target: fewer items
                if qn.domain in {"infrastructure", "people", "data"}:
                    for q in qn.scored_questions:
                        if q.options:
                            record_answer(store, library, smaller, q.id, q.options[-1].id,
                                          respondent="cro")  # fmt: skip
            return demo, smaller

        demo, smaller = session.call(seed)
        page = RoadmapPage(session)
        page.resize(1400, 860)
        page.show()
        QApplication.processEvents()
        for assessment in (demo, smaller):
            items = session.call(lambda core, a=assessment: plan_for(core.store, core.library, a))
            floor, read, draw, opened, moved = [], [], [], [], []
            for _ in range(runs):
                start = time.perf_counter()
                session.call(lambda core, a=assessment: plan_for(core.store, core.library, a))
                floor.append(time.perf_counter() - start)

                for column in page.columns.values():  # open cold: nothing drawn, no layouts
                    column.model.set_cards([])
                    column.list.cards._layouts.clear()
                page.details.card = None
                QApplication.processEvents()
                start = time.perf_counter()
                board = session.call(
                    lambda core, a=assessment: roadmap_board(core.store, core.library, a)
                )
                middle = time.perf_counter()
                page.assessment_id = assessment
                page.show_board(board)
                QApplication.processEvents()  # painted
                end = time.perf_counter()
                read.append(middle - start)
                draw.append(end - middle)
                opened.append(end - start)

            card = next(c for c in board.phase("beyond") if not c.plan_item.item.depends_on)
            phases = ["later", "beyond"]
            for n in range(runs):
                phase = phases[n % 2]
                start = time.perf_counter()
                page.move_card(card.id, phase)  # edit_item + roadmap_board + redraw
                QApplication.processEvents()
                moved.append(time.perf_counter() - start)
                if page.notice.isVisible():
                    raise SystemExit(f"the move was refused: {page.notice_text.text()}")
            print(f"Board of {len(items.visible())} items (assessment {assessment}):")
            print(f"  plan_for alone (floor)        {ms(floor)}")
            print(f"  open: core read               {ms(read)}")
            print(f"  open: cards drawn             {ms(draw)}")
            print(f"  open: total                   {ms(opened)}   target < {TARGET_MS:.0f} ms")
            print(f"  move + rescore + redraw       {ms(moved)}   target < {TARGET_MS:.0f} ms")
        session.close()


if __name__ == "__main__":
    main()
