"""Use-cases over roadmaps: the generated plan with the consultant's edits applied.

The roadmap is generated afresh from the current scores every time (`build_roadmap`);
edits are stored apart and laid over it, so they survive rescoring and reopening. An
edited item whose trigger has gone after new answers stays, marked as no longer
triggered, until the consultant removes it. Moves that would put an item before one of
its prerequisites are refused with the prerequisite's name.
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from assessor.content.questionnaire import recommendations_of
from assessor.errors import UsageError
from assessor.library.installed import Library
from assessor.scoring.roadmap import (
    DEFAULT_CAPACITY,
    PHASE_TITLES,
    PHASES,
    Deadline,
    Phase,
    Reason,
    RoadmapItem,
    build_roadmap,
)
from assessor.store.database import Store
from assessor.usecases.assessments import Changes, scorecard


@dataclass(frozen=True)
class PlanItem:
    item: RoadmapItem
    edited: tuple[str, ...] = ()  # the kinds of edit applied: phase, owner, title...
    custom: bool = False
    triggered: bool = True
    hidden: bool = False

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def status(self) -> str:
        if self.custom:
            return "custom"
        if not self.triggered:
            return "no longer triggered"
        return "edited" if self.edited else "generated"


@dataclass(frozen=True)
class Plan:
    items: tuple[PlanItem, ...]
    capacity: int
    message: str = ""

    def visible(self) -> list[PlanItem]:
        return [i for i in self.items if not i.hidden]

    def get(self, item_id: str) -> PlanItem | None:
        return next((i for i in self.items if i.id == item_id), None)


def plan_for(
    store: Store, library: Library, assessment_id: int, capacity: int = DEFAULT_CAPACITY
) -> Plan:
    questionnaires = store.questionnaires_of(assessment_id)
    card = scorecard(store, library, assessment_id)
    record = store.assessment(assessment_id)
    roadmap = build_roadmap(
        questionnaires,
        card,
        recommendations_of(questionnaires),
        capacity,
        duties=library.calendar.binding(record.context),
        as_of=assessment_date(record.created_at),
    )
    return apply_edits(roadmap.items, store.roadmap_edits(assessment_id), capacity, roadmap.message)


def apply_edits(
    generated: tuple[RoadmapItem, ...],
    edits: list[tuple[str, str, object]],
    capacity: int,
    message: str = "",
) -> Plan:
    items: dict[str, PlanItem] = {i.id: PlanItem(i) for i in generated}
    removed: set[str] = set()
    for item_id, kind, value in edits:
        if kind == "remove":
            removed.add(item_id)
            continue
        if kind == "custom":
            assert isinstance(value, dict)
            items[item_id] = PlanItem(_item_from(value), custom=True)
            removed.discard(item_id)
            continue
        if kind == "base":
            if item_id not in items:  # the trigger has gone: keep the item as it was
                assert isinstance(value, dict)
                items[item_id] = PlanItem(_item_from(value), triggered=False)
            continue
        current = items.get(item_id)
        if current is None:
            continue
        changes: dict[str, Any] = {}
        hidden = current.hidden
        if kind == "phase":
            changes = {"phase": value, "phase_rule": "moved by the consultant"}
        elif kind == "owner":
            changes = {"owner": value}
        elif kind == "title":
            changes = {"title": value}
        elif kind == "actions":
            changes = {"actions": tuple(value)}  # type: ignore[arg-type]
        elif kind == "hide":
            hidden = bool(value)
        items[item_id] = replace(
            current,
            item=replace(current.item, **changes),
            edited=tuple(dict.fromkeys([*current.edited, kind])),
            hidden=hidden,
        )
    kept = [i for i in items.values() if i.id not in removed or (i.triggered and not i.custom)]
    kept.sort(key=lambda i: (PHASES.index(i.item.phase), -i.item.priority, i.id))
    return Plan(tuple(kept), capacity, message if not kept else "")


def assessment_date(created_at: str) -> date:
    """The day an assessment was made, from which the roadmap's phases count."""
    return date.fromisoformat(created_at[:10])


def _item_from(data: dict[str, Any]) -> RoadmapItem:
    data = dict(data)
    deadline = data.get("deadline")
    data["deadline"] = Deadline(**deadline) if isinstance(deadline, dict) else None
    data["actions"] = tuple(data.get("actions", ()))
    data["depends_on"] = tuple(data.get("depends_on", ()))
    data["needed_by"] = tuple(data.get("needed_by", ()))
    data["why"] = tuple(Reason(**r) for r in data.get("why", ()))
    return RoadmapItem(**data)


def _item_data(item: RoadmapItem) -> dict[str, Any]:
    return asdict(item)


# --- Editing -----------------------------------------------------------------------


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
) -> Changes:
    """Change one item; every change is kept and shown as an edit."""
    plan = plan_for(store, library, assessment_id)
    target = plan.get(item_id)
    if target is None:
        raise UsageError(f"the roadmap of assessment {assessment_id} has no item {item_id!r}")
    edits: list[tuple[str, object]] = []
    if phase is not None:
        _check_move(plan, target, phase)
        edits.append(("phase", phase))
    for kind, text in (("owner", owner), ("title", title)):
        if text is not None:
            if not text.strip():
                raise UsageError(f"the {kind} cannot be empty")
            edits.append((kind, text.strip()))
    if actions is not None:
        edits.append(("actions", [a.strip() for a in actions if a.strip()]))
    if hidden is not None:
        edits.append(("hide", hidden))
    if not edits:
        raise UsageError("say what to change: phase, owner, title, actions or hide")
    with store.atomic():
        if not target.custom and "base" not in _kinds(store, assessment_id, item_id):
            store.add_roadmap_edit(assessment_id, item_id, "base", _item_data(target.item))
        for kind, value in edits:
            store.add_roadmap_edit(assessment_id, item_id, kind, value)
    return Changes(assessment_id)


def _kinds(store: Store, assessment_id: int, item_id: str) -> set[str]:
    return {kind for iid, kind, _ in store.roadmap_edits(assessment_id) if iid == item_id}


def _check_move(plan: Plan, target: PlanItem, phase: str) -> None:
    if phase not in PHASES:
        raise UsageError(f"unknown phase {phase!r}; use one of: {', '.join(PHASES)}")
    new = PHASES.index(phase)
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
) -> str:
    """Add an item of the consultant's own; returns its id (CUSTOM-1, CUSTOM-2...)."""
    if not title.strip() or not owner.strip():
        raise UsageError("a custom item needs a title and an owner")
    if effort not in {"S", "M", "L"} or impact not in {"low", "medium", "high"}:
        raise UsageError("effort is S, M or L; impact is low, medium or high")
    plan = plan_for(store, library, assessment_id)
    deps = depends_on or []
    item = RoadmapItem(
        id="",
        title=title.strip(),
        actions=tuple(a for a in actions if a.strip()),
        domain=domain,
        effort=effort,
        impact=impact,
        owner=owner.strip(),
        depends_on=tuple(deps),
        priority=0.0,
        phase=phase,
        phase_rule="added by the consultant",
        why=(),
    )
    for dep in deps:
        if plan.get(dep) is None:
            raise UsageError(f"the roadmap has no item {dep!r} to depend on")
    _check_move(plan, PlanItem(item), phase)
    taken = {
        int(m.group(1))
        for iid, _k, _v in store.roadmap_edits(assessment_id)
        if (m := re.fullmatch(r"CUSTOM-(\d+)", iid))
    }
    item_id = f"CUSTOM-{max(taken, default=0) + 1}"
    with store.atomic():
        store.add_roadmap_edit(
            assessment_id, item_id, "custom", _item_data(replace(item, id=item_id))
        )
    return item_id


def remove_item(store: Store, library: Library, assessment_id: int, item_id: str) -> Changes:
    """Remove a custom item, or an edited item that is no longer triggered."""
    target = plan_for(store, library, assessment_id).get(item_id)
    if target is None:
        raise UsageError(f"the roadmap has no item {item_id!r}")
    if target.triggered and not target.custom:
        raise UsageError(
            f"{item_id} is still triggered by the answers; hide it instead, or change the answers"
        )
    with store.atomic():
        store.add_roadmap_edit(assessment_id, item_id, "remove", True)
    return Changes(assessment_id)


# --- Output ------------------------------------------------------------------------


def plan_json(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "title": p.item.title,
            "actions": list(p.item.actions),
            "domain": p.item.domain,
            "why": [
                {
                    "question_id": r.question_id,
                    "answer": "dont_know" if r.dont_know else r.answer,
                    "current_level": r.current_level,
                    "target_level": r.target_level,
                    "blocker": r.blocker,
                }
                for r in p.item.why
            ],
            "effort": p.item.effort,
            "impact": p.item.impact,
            "owner": p.item.owner,
            "phase": p.item.phase,
            "phase_rule": p.item.phase_rule,
            "depends_on": list(p.item.depends_on),
            "deadline": _deadline_json(p.item.deadline),
            "priority": p.item.priority,
            "quick_win": p.item.quick_win,
            "enabling": p.item.enabling,
            "blocker": p.item.blocker,
            "edited": bool(p.edited),
            "edits": list(p.edited),
            "status": p.status,
            "hidden": p.hidden,
        }
        for p in plan.items
    ]


def _deadline_json(deadline: Deadline | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    return {
        "duty": deadline.duty_id,
        "applies_from": deadline.applies_from,
        "in_force": deadline.in_force,
        "due_by": deadline.due_by,
        "reason": deadline.reason,
        "via": deadline.via or None,
    }


def deadline_text(deadline: Deadline | None) -> str:
    """`EU AI Act Annex III high-risk duties apply from 2 Dec 2027`, or the empty string."""
    if deadline is None:
        return ""
    via = f" (through {deadline.via})" if deadline.via else ""
    return deadline.reason + via


COLUMNS = (
    ("Phase", 20), ("Item", 22), ("Title", 48), ("Domain", 16), ("Owner", 30), ("Effort", 8),
    ("Impact", 9), ("Priority", 10), ("Quick win", 10), ("Deadline", 40), ("Prerequisites", 30),
    ("Reasons", 50), ("First actions", 70), ("Status", 18),
)  # fmt: skip


def plan_rows(plan: Plan) -> list[list[Any]]:
    rows = []
    for p in plan.visible():
        i = p.item
        reasons = "; ".join(
            f"{r.question_id} {'dont_know' if r.dont_know else f'{r.answer:.2f}'} "
            f"(level {r.current_level}, target {r.target_level})"
            for r in i.why
        ) or ("enabling work for " + ", ".join(i.needed_by) if i.enabling else "")
        rows.append(
            [
                PHASE_TITLES[i.phase], i.id, i.title, i.domain, i.owner, i.effort, i.impact,
                round(i.priority, 1), "yes" if i.quick_win else "", deadline_text(i.deadline),
                ", ".join(i.depends_on),
                reasons, "\n".join(i.actions), p.status,
            ]
        )  # fmt: skip
    return rows


def write_plan(plan: Plan, path: Path) -> None:
    """Write the plan as .csv or .xlsx for a programme manager's tracker."""
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise UsageError(f"{path}: write the roadmap as .csv or .xlsx")
    rows = plan_rows(plan)
    try:
        if suffix == ".csv":
            with path.open("w", newline="", encoding="utf-8-sig") as handle:
                writer = csv.writer(handle)
                writer.writerow([c for c, _ in COLUMNS])
                writer.writerows(rows)
            return
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Roadmap"
        sheet.append([c for c, _ in COLUMNS])
        for row in rows:
            sheet.append(row)
        for index, (_name, width) in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for header in sheet.iter_rows(min_row=1, max_row=1):
            for cell in header:
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = PatternFill("solid", fgColor="1F6F8B")
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "C2"
        sheet.auto_filter.ref = sheet.dimensions
        book.save(path)
    except OSError as error:
        raise UsageError(f"{path}: cannot write the file ({error.strerror or error})") from error
