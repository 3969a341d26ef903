"""The roadmap: from a scorecard's gaps to a phased, explainable plan. Pure, no I/O.

Rules (docs/methodology.md states them for clients):

- A question is a gap when its value is below the lowest score of its domain's target
  level (target 4 starts at 60, so a value below 0.60 is a gap); "don't know" is always a
  gap. A question that is not a gap produces no item.
- Each gap brings in its recommendation; gaps that share a recommendation make one item
  that keeps every reason. Prerequisites (`depends_on`) are brought in too, even when
  their own questions are on target, marked as enabling work.
- Priority = 100 × Σ(weight × gap) × criticality × impact ÷ effort, over the item's
  gaps: gap = the target's lowest value minus the answer's value (the whole target for
  "don't know"); criticality 2 for a blocker, else 1; impact low 1, medium 2, high 3;
  effort S 1, M 2, L 3. Enabling work takes the highest priority of the items that need it.
- Phases: Now (0-3 months), Next (3-6), Later (6-12), Beyond (12+). Blockers'
  recommendations, and what they need, are pinned to Now. Other items, highest priority
  first, take the earliest phase that is not before any of their prerequisites and still
  has room (capacity per phase, default 8; Beyond has no limit).
- Quick wins are items of small effort and high impact.
- The same input always gives the same roadmap, in the same order.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assessor.questionnaire import Question, Questionnaire, Recommendation
from assessor.scoring import Scorecard, level_floor

Phase = Literal["now", "next", "later", "beyond"]
PHASES: tuple[Phase, ...] = ("now", "next", "later", "beyond")
PHASE_TITLES = {
    "now": "Now (0-3 months)",
    "next": "Next (3-6 months)",
    "later": "Later (6-12 months)",
    "beyond": "Beyond (12+ months)",
}
DEFAULT_CAPACITY = 8
IMPACT = {"low": 1, "medium": 2, "high": 3}
EFFORT = {"S": 1, "M": 2, "L": 3}
EMPTY_MESSAGE = (
    "Every applicable question is at or above its domain's target level: no work is needed "
    "to reach the targets. Raise the targets to plan further."
)


@dataclass(frozen=True)
class Reason:
    """One gap behind an item: the question, its answer, and the domain's level and target."""

    question_id: str
    answer: float | None  # the value; None for "don't know"
    dont_know: bool
    domain: str
    current_level: int | None
    target_level: int
    blocker: bool


@dataclass(frozen=True)
class RoadmapItem:
    id: str
    title: str
    actions: tuple[str, ...]
    domain: str
    effort: str
    impact: str
    owner: str
    depends_on: tuple[str, ...]
    priority: float
    phase: Phase
    phase_rule: str
    why: tuple[Reason, ...]
    enabling: bool = False
    blocker: bool = False
    needed_by: tuple[str, ...] = ()

    @property
    def quick_win(self) -> bool:
        return self.effort == "S" and self.impact == "high"


@dataclass(frozen=True)
class Roadmap:
    items: tuple[RoadmapItem, ...]
    capacity: int
    message: str = ""

    def phase(self, phase: Phase) -> list[RoadmapItem]:
        return [item for item in self.items if item.phase == phase]

    def item(self, item_id: str) -> RoadmapItem | None:
        return next((i for i in self.items if i.id == item_id), None)


@dataclass
class _Draft:
    rec: Recommendation
    domain: str
    reasons: list[Reason] = field(default_factory=list)
    gap_weight: float = 0.0
    enabling: bool = False
    needed_by: set[str] = field(default_factory=set)

    @property
    def blocker(self) -> bool:
        return any(r.blocker for r in self.reasons)

    def own_priority(self) -> float:
        criticality = 2 if self.blocker else 1
        return round(
            100 * self.gap_weight * criticality * IMPACT[self.rec.impact] / EFFORT[self.rec.effort],
            4,
        )


def gaps(
    questionnaires: Sequence[Questionnaire], card: Scorecard
) -> list[tuple[Question, Reason, float]]:
    """Every gap: the question, the reason, and the gap size (0..1)."""
    found = []
    blockers = {b.question_id for b in card.blockers}
    for qn in questionnaires:
        domain = card.domain(qn.domain)
        if domain is None:
            continue
        floor = level_floor(domain.target_level) / 100
        for question in qn.scored_questions:
            result = card.questions.get(question.id)
            if result is None or result.status != "answered":
                continue
            value = result.value or 0.0
            if not (result.unknown or value < floor):
                continue
            size = floor if result.unknown else floor - value
            found.append(
                (
                    question,
                    Reason(
                        question.id,
                        None if result.unknown else value,
                        result.unknown,
                        qn.domain,
                        domain.capped_level,
                        domain.target_level,
                        question.id in blockers,
                    ),
                    size,
                )
            )
    return found


def build_roadmap(
    questionnaires: Sequence[Questionnaire],
    card: Scorecard,
    recommendations: Mapping[str, Recommendation],
    capacity: int = DEFAULT_CAPACITY,
) -> Roadmap:
    """The roadmap for an assessment's gaps; recommendations are looked up by id."""
    if capacity < 1:
        raise ValueError("capacity must be at least 1")
    drafts: dict[str, _Draft] = {}
    for question, reason, size in gaps(questionnaires, card):
        rec_id = question.recommendation_id
        rec = recommendations.get(rec_id) if rec_id else None
        if rec is None:
            continue
        draft = drafts.setdefault(rec.id, _Draft(rec, reason.domain))
        draft.reasons.append(reason)
        draft.gap_weight += question.weight * (size if size > 0 else 0.01)
    _pull_in_prerequisites(drafts, recommendations, questionnaires)
    if not drafts:
        return Roadmap((), capacity, EMPTY_MESSAGE)
    priorities = _priorities(drafts)
    pinned = _pinned(drafts)
    placed = _schedule(drafts, priorities, pinned, capacity)
    items = [
        RoadmapItem(
            id=rid,
            title=d.rec.title,
            actions=tuple(d.rec.actions),
            domain=d.domain,
            effort=d.rec.effort,
            impact=d.rec.impact,
            owner=d.rec.owner,
            depends_on=tuple(d.rec.depends_on),
            priority=priorities[rid],
            phase=placed[rid][0],
            phase_rule=placed[rid][1],
            why=tuple(d.reasons),
            enabling=d.enabling,
            blocker=d.blocker,
            needed_by=tuple(sorted(d.needed_by)),
        )
        for rid, d in drafts.items()
    ]
    items.sort(key=lambda i: (PHASES.index(i.phase), -i.priority, i.id))
    return Roadmap(tuple(items), capacity)


def _domain_of(rec_id: str, questionnaires: Sequence[Questionnaire]) -> str:
    for qn in questionnaires:
        for q in qn.questions:
            if q.recommendation_id == rec_id:
                return qn.domain
    return ""


def _pull_in_prerequisites(
    drafts: dict[str, _Draft],
    recommendations: Mapping[str, Recommendation],
    questionnaires: Sequence[Questionnaire],
) -> None:
    todo = sorted(drafts)
    while todo:
        rid = todo.pop()
        for dep in recommendations[rid].depends_on if rid in recommendations else ():
            if dep not in recommendations:
                continue
            if dep not in drafts:
                drafts[dep] = _Draft(
                    recommendations[dep], _domain_of(dep, questionnaires), enabling=True
                )
                todo.append(dep)
            drafts[dep].needed_by.add(rid)


def _priorities(drafts: dict[str, _Draft]) -> dict[str, float]:
    """Own priority, raised for enabling work to the highest of what needs it."""
    result = {rid: d.own_priority() for rid, d in drafts.items()}
    changed = True
    while changed:  # the graph has no cycles (validation refuses them), so this ends
        changed = False
        for rid, d in drafts.items():
            for dep in d.rec.depends_on:
                if dep in result and result[dep] < result[rid]:
                    result[dep] = result[rid]
                    changed = True
    return result


def _pinned(drafts: dict[str, _Draft]) -> dict[str, str]:
    """Items that must be in Now: blockers, and everything they need."""
    pinned: dict[str, str] = {}
    todo = [(rid, "blocker") for rid, d in sorted(drafts.items()) if d.blocker]
    while todo:
        rid, why = todo.pop()
        if rid in pinned:
            continue
        pinned[rid] = why
        todo.extend((dep, rid) for dep in drafts[rid].rec.depends_on if dep in drafts)
    return pinned


def _schedule(
    drafts: dict[str, _Draft],
    priorities: dict[str, float],
    pinned: dict[str, str],
    capacity: int,
) -> dict[str, tuple[Phase, str]]:
    """Place items in topological order, pinned and high-priority first."""
    waiting = {rid: {dep for dep in d.rec.depends_on if dep in drafts} for rid, d in drafts.items()}
    ready = [
        (rid not in pinned, -priorities[rid], rid) for rid, deps in waiting.items() if not deps
    ]
    heapq.heapify(ready)
    load = dict.fromkeys(PHASES, 0)
    placed: dict[str, tuple[Phase, str]] = {}
    while ready:
        _, _, rid = heapq.heappop(ready)
        deps = [dep for dep in drafts[rid].rec.depends_on if dep in placed]
        earliest = max((PHASES.index(placed[dep][0]) for dep in deps), default=0)
        if rid in pinned:
            why = pinned[rid]
            rule = (
                "blocker: its recommendation is pinned to Now"
                if why == "blocker"
                else f"needed by {why}, which is pinned to Now"
            )
            phase: Phase = "now"
        else:
            index = earliest
            while PHASES[index] != "beyond" and load[PHASES[index]] >= capacity:
                index += 1
            phase = PHASES[index]
            if index > earliest:
                rule = (
                    f"{PHASE_TITLES[PHASES[earliest]]} was full (capacity {capacity}); "
                    "moved on by priority"
                )
            elif deps and earliest > 0:
                latest = max(deps, key=lambda d: (PHASES.index(placed[d][0]), d))
                rule = f"after its prerequisite {latest} ({PHASE_TITLES[placed[latest][0]]})"
            else:
                rule = "earliest phase with room, by priority"
        load[phase] += 1
        placed[rid] = (phase, rule)
        for other, other_deps in waiting.items():
            if rid in other_deps:
                other_deps.discard(rid)
                if not other_deps and other not in placed:
                    heapq.heappush(ready, (other not in pinned, -priorities[other], other))
    return placed
