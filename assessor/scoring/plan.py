"""The plan: the generated roadmap with the consultant's edits laid over it. Pure.

Edits are stored apart (latest per item and kind) and applied here to whatever the
roadmap generates, so they survive rescoring. An edit whose value is None takes back an
earlier edit of that kind (the undo of a first edit); an edited item whose trigger has
gone stays, marked "no longer triggered", until it is removed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from assessor.scoring.roadmap import PHASES, Deadline, Reason, RoadmapItem


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


def apply_edits(
    generated: tuple[RoadmapItem, ...],
    edits: list[tuple[str, str, object]],
    capacity: int,
    message: str = "",
) -> Plan:
    items: dict[str, PlanItem] = {i.id: PlanItem(i) for i in generated}
    removed: set[str] = set()
    for item_id, kind, value in edits:
        if value is None:
            continue  # an earlier edit of this kind, taken back
        if kind == "remove":
            (removed.add if value else removed.discard)(item_id)
            continue
        if kind == "custom":
            assert isinstance(value, dict)
            items[item_id] = PlanItem(item_from_data(value), custom=True)
            removed.discard(item_id)
            continue
        if kind == "base":
            if item_id not in items:  # the trigger has gone: keep the item as it was
                assert isinstance(value, dict)
                items[item_id] = PlanItem(item_from_data(value), triggered=False)
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


def item_from_data(data: dict[str, Any]) -> RoadmapItem:
    data = dict(data)
    deadline = data.get("deadline")
    data["deadline"] = Deadline(**deadline) if isinstance(deadline, dict) else None
    data["actions"] = tuple(data.get("actions", ()))
    data["depends_on"] = tuple(data.get("depends_on", ()))
    data["needed_by"] = tuple(data.get("needed_by", ()))
    data["why"] = tuple(Reason(**r) for r in data.get("why", ()))
    data["duties"] = tuple(data.get("duties", ()))
    return RoadmapItem(**data)


def item_data(item: RoadmapItem) -> dict[str, Any]:
    return asdict(item)
