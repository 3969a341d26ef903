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
- A gap on a question without a recommendation is an item of its own ("no recommendation
  in the questionnaire: agree an action", owner "to be agreed"); no gap is ever dropped.
- Phases: Now (0-3 months), Next (3-6), Later (6-12), Beyond (12+), counted from the
  assessment date. Placing rules, strongest first:
  1. blocker: a blocker's recommendation, and what it needs, is pinned to Now;
  2. duty in force: an item serving a binding duty that already applies is pinned to Now;
  3. deadline: an item serving a binding duty that applies later is placed no later than
     the last phase that ends by the duty's date (Now when none does; Beyond never ends,
     so it meets no deadline), and so is everything it needs;
  4. prerequisite: no item comes before one of its prerequisites;
  5. capacity: highest priority first, each item takes the earliest phase with room
     (default 8 per phase; Beyond has no limit). Rules 1-3 overrule capacity.
  An item's duties are its recommendation's and its gap questions'; pending duties (not
  yet law) place nothing.
- Quick wins are items of small effort and high impact.
- The same input always gives the same roadmap, in the same order.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from assessor.content.calendar import Duty
from assessor.content.context import domain_title
from assessor.content.questionnaire import Question, Questionnaire, Recommendation
from assessor.scoring.scorecard import Scorecard, level_floor

Phase = Literal["now", "next", "later", "beyond"]
PHASES: tuple[Phase, ...] = ("now", "next", "later", "beyond")
PHASE_TITLES = {
    "now": "Now (0-3 months)",
    "next": "Next (3-6 months)",
    "later": "Later (6-12 months)",
    "beyond": "Beyond (12+ months)",
}
#: When each phase ends, in months from the assessment date (Beyond never ends).
PHASE_ENDS = {"now": 3, "next": 6, "later": 12}
DEFAULT_CAPACITY = 8
NO_RECOMMENDATION = "No recommendation in the questionnaire: agree an action"
TO_BE_AGREED = "to be agreed"
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
class Deadline:
    """The dated duty that limits an item's phase, as the plan shows it."""

    duty_id: str
    applies_from: str  # ISO date
    in_force: bool
    due_by: Phase
    reason: str  # "EU AI Act Annex III high-risk duties apply from 2 Dec 2027"
    via: str = ""  # the item that needs this one, when the deadline is inherited


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
    deadline: Deadline | None = None
    #: True for an item made from a gap whose question has no recommendation.
    unplanned: bool = False
    #: Every binding duty the item serves (the deadline names the tightest).
    duties: tuple[str, ...] = ()

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
    duty_ids: set[str] = field(default_factory=set)
    unplanned: bool = False

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
    duties: Mapping[str, Duty] | None = None,
    as_of: date | None = None,
) -> Roadmap:
    """The roadmap for an assessment's gaps; recommendations are looked up by id.

    `duties` are the calendar's duties that bind the client (`Calendar.binding`), and
    `as_of` the assessment date the phases count from; both are needed for deadlines.
    """
    if capacity < 1:
        raise ValueError("capacity must be at least 1")
    if duties and as_of is None:
        raise ValueError("deadlines need the assessment date (as_of)")
    drafts: dict[str, _Draft] = {}
    for question, reason, size in gaps(questionnaires, card):
        rec_id = question.recommendation_id
        rec = recommendations.get(rec_id) if rec_id else None
        unplanned = rec is None
        if rec is None:
            rec = _unplanned(question, reason)
        draft = drafts.setdefault(rec.id, _Draft(rec, reason.domain, unplanned=unplanned))
        draft.reasons.append(reason)
        draft.duty_ids.update(question.duties)
        draft.gap_weight += question.weight * (size if size > 0 else 0.01)
    _pull_in_prerequisites(drafts, recommendations, questionnaires)
    if not drafts:
        return Roadmap((), capacity, EMPTY_MESSAGE)
    priorities = _priorities(drafts)
    limits = _limits(drafts, duties or {}, as_of or date.min)
    placed = _schedule(drafts, priorities, limits, capacity)
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
            deadline=limits[rid].deadline if rid in limits else None,
            unplanned=d.unplanned,
            duties=tuple(sorted(i for i in {*d.rec.duties, *d.duty_ids} if i in (duties or {}))),
        )
        for rid, d in drafts.items()
    ]
    items.sort(key=lambda i: (PHASES.index(i.phase), -i.priority, i.id))
    return Roadmap(tuple(items), capacity)


def _unplanned(question: Question, reason: Reason) -> Recommendation:
    """The item for a gap whose question names no recommendation: agree one."""
    answer = (
        "don't know" if reason.dont_know else f"{(reason.answer or 0) * 100:.0f}% of full marks"
    )
    return Recommendation.model_construct(
        id=f"{question.id}-ACTION",
        title=f"Agree an action for {question.id}: {question.prompt}",
        actions=[
            f"{NO_RECOMMENDATION}. The answer ({answer}) is below the target level "
            f"{reason.target_level} of {domain_title(reason.domain)}."
        ],
        effort="M",
        impact="medium",
        owner=TO_BE_AGREED,
        depends_on=[],
        duties=list(question.duties),
    )


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


@dataclass(frozen=True)
class _Limit:
    """The latest phase an item may take, and the rule that says so."""

    index: int
    rule: str
    deadline: Deadline | None = None


def _limits(
    drafts: dict[str, _Draft], duties: Mapping[str, Duty], as_of: date
) -> dict[str, _Limit]:
    """Items that must be placed by a phase: blockers and in-force duties pin to Now,
    later duties set the last phase that ends by their date; prerequisites inherit."""
    own: dict[str, _Limit] = {}
    for rid, d in sorted(drafts.items()):
        deadline = _deadline(d, duties, as_of)
        if d.blocker:
            own[rid] = _Limit(0, "blocker: its recommendation is pinned to Now", deadline)
        elif deadline is not None:
            rule = (
                f"{deadline.reason} (in force): pinned to Now"
                if deadline.in_force
                else f"{deadline.reason}: due by {PHASE_TITLES[deadline.due_by]}"
            )
            own[rid] = _Limit(PHASES.index(deadline.due_by), rule, deadline)
    limits = dict(own)
    todo = sorted(own)
    while todo:  # only ever tightens a limit, and the graph has no cycles, so this ends
        rid = todo.pop()
        limit = limits[rid]
        for dep in drafts[rid].rec.depends_on:
            current = limits.get(dep)
            if dep not in drafts or (current is not None and current.index <= limit.index):
                continue
            if limit.index == 0:
                rule = f"needed by {rid}, which is pinned to Now"
            else:
                rule = f"needed by {rid}, which is due by {PHASE_TITLES[PHASES[limit.index]]}"
            inherited = replace(limit.deadline, via=rid) if limit.deadline else None
            kept = current.deadline if current is not None else None
            limits[dep] = _Limit(limit.index, rule, inherited or kept)
            todo.append(dep)
    return limits


def _deadline(draft: _Draft, duties: Mapping[str, Duty], as_of: date) -> Deadline | None:
    """The tightest binding duty of an item, as a deadline; None when it serves none."""
    found: list[tuple[int, date, str, Deadline]] = []
    for duty_id in sorted({*draft.rec.duties, *draft.duty_ids}):
        duty = duties.get(duty_id)
        if duty is None or duty.status == "pending":
            continue
        in_force = duty.applies_on(as_of)
        due = PHASES[0] if in_force else _due_phase(as_of, duty.applies_from)
        deadline = Deadline(
            duty_id, duty.applies_from.isoformat(), in_force, due, duty.sentence(as_of)
        )
        found.append((PHASES.index(due), duty.applies_from, duty_id, deadline))
    return min(found)[3] if found else None


def _due_phase(as_of: date, applies_from: date) -> Phase:
    """The last phase that ends by `applies_from`; Now when none does."""
    due: Phase = "now"
    for phase, months in PHASE_ENDS.items():
        if add_months(as_of, months) <= applies_from:
            due = phase  # type: ignore[assignment]
    return due


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _schedule(
    drafts: dict[str, _Draft],
    priorities: dict[str, float],
    limits: dict[str, _Limit],
    capacity: int,
) -> dict[str, tuple[Phase, str]]:
    """Place items in topological order: the most constrained and highest priority first."""
    last = len(PHASES) - 1

    def key(rid: str) -> tuple[int, float, str]:
        return (limits[rid].index if rid in limits else last, -priorities[rid], rid)

    waiting = {rid: {dep for dep in d.rec.depends_on if dep in drafts} for rid, d in drafts.items()}
    dependants: dict[str, list[str]] = {}
    for rid, deps in waiting.items():
        for dep in deps:
            dependants.setdefault(dep, []).append(rid)
    ready = [key(rid) for rid, blocking in waiting.items() if not blocking]
    heapq.heapify(ready)
    load = dict.fromkeys(PHASES, 0)
    placed: dict[str, tuple[Phase, str]] = {}
    while ready:
        *_, rid = heapq.heappop(ready)
        before = [dep for dep in drafts[rid].rec.depends_on if dep in placed]
        earliest = max((PHASES.index(placed[dep][0]) for dep in before), default=0)
        limit = limits.get(rid)
        latest = limit.index if limit else last
        index = earliest
        while index < latest and load[PHASES[index]] >= capacity:
            index += 1
        phase = PHASES[index]
        if limit is not None and limit.index == 0:
            rule = limit.rule
        else:
            if index > earliest:
                rule = (
                    f"{PHASE_TITLES[PHASES[earliest]]} was full (capacity {capacity}); "
                    "moved on by priority"
                )
            elif load[phase] >= capacity and phase != "beyond":
                rule = f"kept in {PHASE_TITLES[phase]} beyond its capacity ({capacity})"
            elif before and earliest > 0:
                last_dep = max(before, key=lambda d: (PHASES.index(placed[d][0]), d))
                rule = f"after its prerequisite {last_dep} ({PHASE_TITLES[placed[last_dep][0]]})"
            else:
                rule = "earliest phase with room, by priority"
            if limit is not None:
                rule = f"{limit.rule}; {rule}"
        load[phase] += 1
        placed[rid] = (phase, rule)
        for other in dependants.get(rid, ()):
            waiting[other].discard(rid)
            if not waiting[other] and other not in placed:
                heapq.heappush(ready, key(other))
    return placed
