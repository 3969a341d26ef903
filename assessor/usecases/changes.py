"""What a use-case changed, so that each screen refreshes only what concerns it, and how
to take the change back.

Every use-case returns a `Changes`: the kinds of thing it changed (a set of `Change`
flags), for which assessment and which questions or roadmap items, the new value where
there is one (a new assessment's id, a custom item's id, an upgrade's result), and, when
the change can be taken back, `undo`: an `Operation` that replays the inverse. Running
an undo returns a `Changes` whose own `undo` redoes the change, so the app's undo stack
only ever replays operations; history is never deleted (a taken-back answer is a new
row, a cleared answer when there was none before).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from assessor.library.installed import Library
    from assessor.store.database import Store

T = TypeVar("T")


class Change(StrEnum):
    """A kind of thing a screen shows, which a use-case may change."""

    ASSESSMENTS = "assessments"  # an assessment created, or its title or status
    CONTEXT = "context"  # who the organisation is, its use cases
    RESPONDENTS = "respondents"
    ANSWERS = "answers"
    SCORES = "scores"
    ROADMAP = "roadmap"
    QUESTIONNAIRES = "questionnaires"  # the versions an assessment uses


#: What follows from new answers: the scores, and the roadmap generated from them.
ANSWERED = frozenset({Change.ANSWERS, Change.SCORES, Change.ROADMAP})


class Operation(Protocol):
    """A change that can be replayed: an undo, or the redo of an undo."""

    def run(self, store: Store, library: Library) -> Changes[None]: ...

    @property
    def description(self) -> str:
        """What the operation does, for an Undo menu item: `answer to GOV-01`."""
        ...


@dataclass(frozen=True)
class Changes(Generic[T]):
    kinds: frozenset[Change]
    assessment_id: int | None = None
    question_ids: tuple[str, ...] = ()
    item_ids: tuple[str, ...] = ()
    value: T = field(default=None)  # type: ignore[assignment]
    undo: Operation | None = None

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds


def nothing(assessment_id: int | None = None, value: T = None) -> Changes[T]:  # type: ignore[assignment]
    """The record of a use-case that found nothing to change."""
    return Changes(frozenset(), assessment_id, value=value)
