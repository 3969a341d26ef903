"""Use-cases over roadmaps: the plan of an assessment, and the consultant's edits.

The roadmap is generated afresh from the current scores every time (`build_roadmap`);
edits are stored apart and laid over it (`assessor.scoring.plan`), so they survive
rescoring and reopening. Moves that would put an item before one of its prerequisites
are refused with the prerequisite's name. Every edit returns its undo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from assessor.content.questionnaire import recommendations_of
from assessor.errors import InputError, UsageError
from assessor.library.installed import Library
from assessor.limits import ROADMAP_ACTIONS_MAX, ROADMAP_TEXT_MAX, one_line, quoted
from assessor.scoring.plan import Plan, PlanItem, apply_edits, item_data
from assessor.scoring.roadmap import (
    DEFAULT_CAPACITY,
    PHASE_TITLES,
    PHASES,
    Phase,
    Roadmap,
    RoadmapItem,
    build_roadmap,
)
from assessor.store.database import Store
from assessor.usecases.answering import scorecard
from assessor.usecases.changes import Change, Changes


def generated_roadmap(
    store: Store, library: Library, assessment_id: int, capacity: int = DEFAULT_CAPACITY
) -> Roadmap:
    """The roadmap the current scores call for, before the consultant's edits."""
    questionnaires = store.questionnaires_of(assessment_id)
    card = scorecard(store, library, assessment_id)
    record = store.assessment(assessment_id)
    return build_roadmap(
        questionnaires,
        card,
        recommendations_of(questionnaires),
        capacity,
        duties=library.calendar.binding(record.context),
        as_of=assessment_date(record.created_at),
    )


def plan_for(
    store: Store,
    library: Library,
    assessment_id: int,
    capacity: int = DEFAULT_CAPACITY,
    generated: Roadmap | None = None,
) -> Plan:
    """The roadmap generated from the current scores, with the stored edits laid over it.

    `generated` is that roadmap when the caller has it already (edits never change scores,
    so an edit and the plan read after it can share one)."""
    roadmap = generated or generated_roadmap(store, library, assessment_id, capacity)
    return apply_edits(
        roadmap.items, store.roadmap_edits(assessment_id), roadmap.capacity, roadmap.message
    )


def assessment_date(created_at: str) -> date:
    """The day an assessment was made, from which the roadmap's phases count."""
    return date.fromisoformat(created_at[:10])


def edit_item(
    store: Store,
    library: Library,
    assessment_id: int,
    item_id: str,
    *,
    phase: str | None = None,
    owner: str | None = None,
    title: str | None = None,
    actions: list[str] | None = None,
    hidden: bool | None = None,
    generated: Roadmap | None = None,
) -> Changes[None]:
    """Change one item; every change is kept and shown as an edit. (`generated`: see
    `plan_for`.)"""
    plan = plan_for(store, library, assessment_id, generated=generated)
    target = plan.get(item_id)
    if target is None:
        raise UsageError(f"the roadmap of assessment {assessment_id} has no item {quoted(item_id)}")
    edits: list[tuple[str, object]] = []
    if phase is not None:
        _check_move(plan, target, phase)
        edits.append(("phase", phase))
    for kind, text in (("owner", owner), ("title", title)):
        if text is not None:
            edits.append((kind, one_line(text, kind, max_length=ROADMAP_TEXT_MAX)))
    if actions is not None:
        edits.append(("actions", list(_actions(actions))))
    if hidden is not None:
        edits.append(("hide", hidden))
    if not edits:
        raise UsageError("say what to change: phase, owner, title, actions or hide")
    base = None if target.custom else item_data(target.item)
    return _record_edits(store, assessment_id, item_id, edits, base)


@dataclass(frozen=True)
class RoadmapEditChange:
    """Replays edits of one item, each kind to a value (None: no edit of that kind): the
    undo of an edit, an added custom item or a removal, and the redo of that undo."""

    assessment_id: int
    item_id: str
    edits: tuple[tuple[str, object], ...]

    @property
    def description(self) -> str:
        return f"edit of {self.item_id}"

    def run(self, store: Store, library: Library) -> Changes[None]:
        return _record_edits(store, self.assessment_id, self.item_id, list(self.edits))


def _record_edits(
    store: Store,
    assessment_id: int,
    item_id: str,
    edits: list[tuple[str, object]],
    base: dict[str, object] | None = None,
) -> Changes[None]:
    """Append the edits of one item in one transaction; return them with their undo.

    The first edit of a generated item also keeps the item as it was (`base`), so that it
    can stay on the plan should its trigger go.
    """
    with store.atomic():
        latest = {kind: value for iid, kind, value in store.roadmap_edits(assessment_id)
                  if iid == item_id}  # fmt: skip
        if base is not None and "base" not in latest:
            store.add_roadmap_edit(assessment_id, item_id, "base", base)
        for kind, value in edits:
            store.add_roadmap_edit(assessment_id, item_id, kind, value)
    undo = RoadmapEditChange(
        assessment_id, item_id, tuple((kind, latest.get(kind)) for kind, _ in edits)
    )
    return Changes(frozenset({Change.ROADMAP}), assessment_id, item_ids=(item_id,), undo=undo)


def _actions(actions: list[str]) -> tuple[str, ...]:
    """The actions as kept: each one line of text, the blank ones left out."""
    kept = tuple(
        text
        for index, action in enumerate(actions)
        if (text := one_line(action, f"action {index + 1}", max_length=ROADMAP_TEXT_MAX,
                             required=False))
    )  # fmt: skip
    if len(kept) > ROADMAP_ACTIONS_MAX:
        raise InputError(
            f"actions: at most {ROADMAP_ACTIONS_MAX} for one item; these are {len(kept)}"
        )
    return kept


def _check_move(plan: Plan, target: PlanItem, phase: str) -> None:
    if phase not in PHASES:
        raise UsageError(f"unknown phase {quoted(phase)}; use one of: {', '.join(PHASES)}")
    new = PHASES.index(phase)
    deadline = target.item.deadline
    if deadline is not None and new > PHASES.index(deadline.due_by):
        via = f" (through {deadline.via})" if deadline.via else ""
        raise UsageError(
            f"{target.id} cannot move to {PHASE_TITLES[phase]}: {deadline.reason}{via} "
            f"({deadline.duty_id}), so it must be done within {PHASE_TITLES[deadline.due_by]}"
        )
    for dep_id in target.item.depends_on:
        dep = plan.get(dep_id)
        if dep is not None and not dep.hidden and PHASES.index(dep.item.phase) > new:
            raise UsageError(
                f"{target.id} cannot move to {PHASE_TITLES[phase]}: its prerequisite {dep_id} "
                f"({dep.item.title}) is in {PHASE_TITLES[dep.item.phase]}; move {dep_id} first"
            )
    for other in plan.items:
        if target.id in other.item.depends_on and PHASES.index(other.item.phase) < new:
            raise UsageError(
                f"{target.id} cannot move to {PHASE_TITLES[phase]}: {other.id} "
                f"({other.item.title}) depends on it and is in {PHASE_TITLES[other.item.phase]}"
            )


def add_custom_item(
    store: Store,
    library: Library,
    assessment_id: int,
    *,
    title: str,
    phase: Phase,
    owner: str,
    actions: list[str],
    effort: str = "M",
    impact: str = "medium",
    domain: str = "",
    depends_on: list[str] | None = None,
) -> Changes[str]:
    """Add an item of the consultant's own; its id (CUSTOM-1, CUSTOM-2...) is the value."""
    title = one_line(title, "title", max_length=ROADMAP_TEXT_MAX)
    owner = one_line(owner, "owner", max_length=ROADMAP_TEXT_MAX)
    kept_actions = _actions(actions)
    if effort not in {"S", "M", "L"} or impact not in {"low", "medium", "high"}:
        raise UsageError("effort is S, M or L; impact is low, medium or high")
    plan = plan_for(store, library, assessment_id)
    deps = depends_on or []
    item = RoadmapItem(
        id="",
        title=title,
        actions=kept_actions,
        domain=domain,
        effort=effort,
        impact=impact,
        owner=owner,
        depends_on=tuple(deps),
        priority=0.0,
        phase=phase,
        phase_rule="added by the consultant",
        why=(),
    )
    for dep in deps:
        if plan.get(dep) is None:
            raise UsageError(f"the roadmap has no item {quoted(dep)} to depend on")
    _check_move(plan, PlanItem(item), phase)
    taken = {
        int(m.group(1))
        for iid, _k, _v in store.roadmap_edits(assessment_id)
        if (m := re.fullmatch(r"CUSTOM-(\d+)", iid))
    }
    item_id = f"CUSTOM-{max(taken, default=0) + 1}"
    added = _record_edits(
        store, assessment_id, item_id, [("custom", item_data(replace(item, id=item_id)))]
    )
    return Changes(added.kinds, assessment_id, item_ids=added.item_ids, value=item_id,
                   undo=added.undo)  # fmt: skip


def remove_item(store: Store, library: Library, assessment_id: int, item_id: str) -> Changes[None]:
    """Remove a custom item, or an edited item that is no longer triggered."""
    target = plan_for(store, library, assessment_id).get(item_id)
    if target is None:
        raise UsageError(f"the roadmap has no item {quoted(item_id)}")
    if target.triggered and not target.custom:
        raise UsageError(
            f"{item_id} is still triggered by the answers; hide it instead, or change the answers"
        )
    return _record_edits(store, assessment_id, item_id, [("remove", True)])
