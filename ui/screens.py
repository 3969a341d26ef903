"""Write a PNG of every screen, in light and dark: `make screens` (or
`python -m ui.screens build/screens`). For looking at, not for tests.

It builds a store in a temporary folder with the sample assessment and a few more
clients, then asks each screen package for the states worth looking at (each package's
`screens(session, assessment_id)`), and grabs them offscreen.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from assessor.paths import AppPaths
from ui.app import create_app
from ui.session import Session
from ui.theme import apply_theme

PACKAGES = (
    "ui.home.page", "ui.wizard", "ui.walker", "ui.results", "ui.roadmap", "ui.export",
    "ui.settings", "ui.help", "ui.trend", "ui.workshop",
)  # fmt: skip
Screens = Callable[[Session, int], Iterator[tuple[str, QWidget]]]


def seeded_session(folder: Path) -> tuple[Session, int]:
    """A session over a store with the sample and three more clients' assessments."""
    from assessor.content.context import AssessmentContext, UseCase
    from assessor.exchange.assessment_file import Client
    from assessor.usecases.answering import record_answer
    from assessor.usecases.assessments import create_assessment, reassess
    from assessor.usecases.demo import create_demo

    session = Session(AppPaths(data_dir=folder), inline=True)

    def seed(core: object) -> int:
        store, library = core.store, core.library  # type: ignore[attr-defined]
        demo = int(create_demo(store, library).value)
        reassess(store, library, demo, "AI readiness review 2027")
        for name, industry, title in (
            ("Contoso Bank", "finance", "Credit models review"),
            ("Fabrikam Health", "healthcare", "Clinical AI pilot check"),
            ("Ministry of Transport", "public_sector", "AI governance baseline"),
        ):
            context = AssessmentContext(
                industry=industry, regions=["EU"],
                use_cases=[UseCase(name="Assistant for staff", risk_tier="limited")],
            )  # fmt: skip
            new = int(create_assessment(store, library, Client(name=name), title, context).value)
            for question in list(store.questions_of(new).values())[:12]:
                if question.options:
                    record_answer(store, library, new, question.id, question.options[1].id)
        return demo

    return session, session.call(seed)


def grab(widget: QWidget, path: Path) -> None:
    if widget.width() < 200:
        widget.resize(1200, 800)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    widget.hide()  # not close(): a filled-in wizard would ask whether to discard it


def main(out: Path) -> int:
    app = create_app([])
    with tempfile.TemporaryDirectory() as folder:
        session, demo = seeded_session(Path(folder))
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            from ui.main_window import MainWindow

            window = MainWindow(session)
            window.resize(1200, 800)
            window.start()
            grab(window, out / theme / "window-home.png")
            for name in PACKAGES:
                try:
                    module = importlib.import_module(name)
                except ImportError as missing:
                    print(f"skipped {name}: {missing}", file=sys.stderr)
                    continue
                screens: Screens | None = getattr(module, "screens", None)
                if screens is None:
                    print(f"skipped {name}: no screens()", file=sys.stderr)
                    continue
                for stem, widget in screens(session, demo):
                    grab(widget, out / theme / f"{stem}.png")
        session.close()
    print(f"Screens: {out}/light/*.png and {out}/dark/*.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/screens")))
