"""Workshop mode: several participants answering one assessment, and a facilitator who
settles what the room agrees on.

- `participants.ParticipantsDialog`: add, rename, remove and bring back participants;
- `answering_as.AnsweringAs`: the walker header's "Answering as" (a participant, or
  "Agreed (facilitator)"), Room view and Participants…;
- `facilitator.FacilitatorPanel`: the room view beside the walker's question: each
  participant's answer and note, the spread, the agreed answer and how to set it;
- `divergences.DivergenceDialog`: the questions answered differently, widest spread first;
- `presentation.PresentationWindow`: one question full screen, answers hidden until R;
- `actions.WorkshopActions`: the Workshop menu; `model`: the Qt item models.

The rules (who counts, the spread, the agreed answer winning) are the core's
(`assessor.usecases.workshop`, `assessor.scoring.scorecard`). `screens` yields the states
worth looking at for the screen captures.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.operations import Core
    from ui.session import Session

#: The room of the captures: name, role, and answers to the questions they disagree on.
ROOM = (
    ("Priya Natarajan", "Chief Information Security Officer",
     {"GOV-09": "l2", "GOV-01": "l3", "DAT-08": "l1"}),
    ("Tom Okafor", "General Counsel", {"GOV-09": "l3", "GOV-01": "l2"}),
    ("Sofia Brandt", "Head of Claims (business owner)", {"GOV-09": "l4", "DAT-08": "l4"}),
)  # fmt: skip
NOTES = {
    ("Priya Natarajan", "GOV-09"): "Security reviews every AI use the same way today.",
    ("Sofia Brandt", "GOV-09"): "Claims triage went through the tiering in March.",
}


def seed_room(core: Core, assessment_id: int) -> None:
    """Three more participants with answers, one who left, and an agreed answer."""
    from assessor.usecases.answering import record_answer
    from assessor.usecases.workshop import add_participant, remove_participant

    store, library = core.store, core.library
    for name, role, answers in ROOM:
        key = add_participant(store, assessment_id, name, role).value
        for question_id, raw in answers.items():
            note = NOTES.get((name, question_id), "")
            record_answer(store, library, assessment_id, question_id, raw, key, note=note)
    left = add_participant(store, assessment_id, "Marc Dubois", "Procurement").value
    record_answer(store, library, assessment_id, "GOV-09", "l1", left)
    remove_participant(store, library, assessment_id, left)
    record_answer(store, library, assessment_id, "GOV-01", "l3", agreed=True)


def screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    """The participants dialog, the walker with the room view (answering for the room),
    the divergence list, and presentation mode at 1920x1080 before and after R.

    The room is seeded in a store of its own (a sample assessment and more participants),
    so that the other packages' captures, in either theme, do not show it."""
    import shutil
    import tempfile
    from pathlib import Path

    from assessor.paths import AppPaths
    from assessor.usecases.demo import create_demo
    from ui.session import Session

    library = session.call(lambda core: core.library)
    folder = Path(tempfile.mkdtemp(prefix="assessor-workshop-screens-"))
    own = Session(AppPaths(data_dir=folder), inline=True, library=library)
    try:
        demo = int(own.call(lambda core: create_demo(core.store, core.library)).value)
        own.call(lambda core: seed_room(core, demo))
        yield from _screens(own, demo)
    finally:
        own.close()
        shutil.rmtree(folder, ignore_errors=True)


def _screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    from PySide6.QtWidgets import QApplication

    from ui.walker.page import WalkerPage
    from ui.workshop.divergences import DivergenceDialog
    from ui.workshop.participants import ParticipantsDialog
    from ui.workshop.presentation import PresentationWindow

    def settle() -> None:
        session.worker.wait()
        for _ in range(3):
            QApplication.processEvents()

    title = "Northwind Mutual Insurance · AI readiness review 2026"

    dialog = ParticipantsDialog(session, assessment_id, title)
    dialog.resize(760, 580)
    settle()
    dialog.select("priya-natarajan")
    yield "workshop-participants", dialog
    dialog.close()

    for name, size in (("workshop-room", (1200, 800)), ("workshop-room-wide", (1600, 900))):
        page = WalkerPage(session)
        page.resize(*size)
        page.open(assessment_id, "GOV-09")
        settle()
        page.answer_as("", agreed=True)
        page.set_room_visible(True)
        page.show()
        settle()
        yield name, page
        page.close()

    divergences = DivergenceDialog(session, assessment_id, title)
    divergences.resize(1040, 620)
    settle()
    yield "workshop-divergences", divergences
    divergences.close()

    shown = PresentationWindow(session, assessment_id, "GOV-09")
    shown.resize(1920, 1080)
    shown.show()
    settle()
    yield "workshop-present", shown
    shown.reveal()
    settle()
    yield "workshop-present-revealed", shown
    shown.go_to("GOV-01", reveal=True)  # one the room has agreed on
    settle()
    yield "workshop-present-agreed", shown
    shown.close()
