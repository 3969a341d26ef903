"""Benchmark: the demo report exported from the app, beside the command line's export.

Run: .venv/bin/python bench/export.py [--runs 5]

Prints, for the same report of the sample assessment (median of the runs):
- `assessor report 1 -o FILE.pdf`: the command line, a fresh process, as a user runs it;
- the core alone, in this process (`write_report`, warm): the floor under both;
- the app: from the click on Export in the export dialog to the file written, with the
  store on its worker thread and the layout on a thread of its own, as in the app;
- how long the UI thread went without handling events during the app's export (the
  longest gap between ticks of a 10 ms timer): the window stays responsive meanwhile.
Target: the app within 1.2x the command line. The suite never asserts a time.
Offscreen (QT_QPA_PLATFORM=offscreen), so it runs headless like the suite.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ASSESSOR_CONFIG_DIR", tempfile.mkdtemp(prefix="assessor-bench-config-"))
FLOOR = 1.2


def command_line(data: Path, out: Path) -> float:
    script = Path(sys.executable).parent / "assessor"
    command = [str(script)] if script.exists() else [
        sys.executable, "-c", "from assessor.cli import main; main()",
    ]  # fmt: skip
    environment = {**os.environ, "ASSESSOR_DATA_DIR": str(data)}
    started = time.perf_counter()
    subprocess.run(
        [*command, "report", "1", "-o", str(out)], env=environment, check=True,
        capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    from PySide6.QtCore import QTimer

    from assessor.paths import AppPaths
    from assessor.usecases.demo import create_demo
    from assessor.usecases.reporting import write_report
    from ui.app import create_app
    from ui.export.report_dialog import ReportExportDialog
    from ui.preferences import Preferences
    from ui.session import Session

    app = create_app([])
    folder = Path(tempfile.mkdtemp(prefix="assessor-bench-export-"))
    data = folder / "data"
    session = Session(AppPaths(data_dir=data))  # the real worker thread, as in the app
    demo = session.call(lambda core: int(create_demo(core.store, core.library).value))
    record = session.call(lambda core: core.store.assessment(demo))

    cli = [command_line(data, folder / f"cli-{n}.pdf") for n in range(runs)]
    core_times = []
    for n in range(runs):
        path = folder / f"core-{n}.pdf"

        def timed(core: object, path: Path = path) -> float:
            started = time.perf_counter()
            write_report(core.store, core.library, demo, path)  # type: ignore[attr-defined]
            return time.perf_counter() - started

        core_times.append(session.call(timed))

    app_times, gaps, pages = [], [], 0
    for n in range(runs):
        dialog = ReportExportDialog(session, demo, record.client_name, record.title, Preferences())
        dialog.path_edit.setText(str(folder / f"app-{n}.pdf"))
        dialog.show()
        ticks: list[float] = []
        timer = QTimer(interval=10)
        timer.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
        timer.start()
        dialog.export_button.click()
        while not dialog.pages:
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        app_times.append(dialog.seconds)
        gaps.append(max((b - a for a, b in itertools.pairwise(ticks)), default=0.0))
        pages = dialog.pages
        dialog.wait()
        app.processEvents()
        dialog.done(0)
    session.close()

    cli_median, core_median = statistics.median(cli), statistics.median(core_times)
    app_median = statistics.median(app_times)
    print(f"Demo report: {pages} pages, median of {runs} runs")
    print(f"  command line (assessor report, fresh process)  {cli_median:6.2f} s")
    print(f"  core alone, warm (write_report, the floor)     {core_median:6.2f} s")
    print(
        f"  app (Export click to file written)             {app_median:6.2f} s   "
        f"{app_median / cli_median:.2f}x the command line (target <= {FLOOR}x), "
        f"{app_median / core_median:.2f}x the core alone"
    )
    print(f"  UI thread's longest gap during the app's export {max(gaps) * 1000:5.0f} ms")
    verdict = "within" if app_median <= FLOOR * cli_median else "OVER"
    print(f"  -> {verdict} the {FLOOR}x target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
