"""The regulatory calendar: dated duties of the law, in one place.

Owns the calendar's format (`questionnaires/calendar/*.yaml`; `assessor.library.calendar`
reads it), which duties
bind an organisation (by region, industry and declared risk tiers), and the `{duty:ID}`
placeholders that let content name a duty's date without typing it. Questions and
recommendations list the duties they serve (`duties: [eu-ai-act.annex-iii]`); validation
checks those ids here, and the roadmap places work before the dates (`assessor.scoring.roadmap`).

A duty's `status` is that of the text that sets it: `in_force` (published and in force),
`adopted` (adopted by the legislator, not yet shown to be in force) or `pending` (a
proposal). Pending duties are shown but never move work: they are not law yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assessor.content.context import AssessmentContext, Industry, Region, RiskTier

Loc = tuple[str | int, ...]
DutyId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]{0,79}$")]
Status = Literal["in_force", "adopted", "pending"]
STATUS_WORDS: dict[str, str] = {
    "in_force": "in force",
    "adopted": "adopted, not yet in force",
    "pending": "pending, not yet adopted",
}
#: `{duty:eu-ai-act.annex-iii}` in content text stands for that duty's date.
PLACEHOLDER = re.compile(r"\{duty:([^{}\s]*)\}")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def long_date(day: date) -> str:
    """2 December 2027, as content text reads."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """2 Dec 2027, as roadmap reasons and tables read."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


class Source(BaseModel):
    """Where a date was checked: the act itself, or a reputable legal source."""

    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    url: str = ""


class Duty(BaseModel):
    """One dated obligation: what it is, whom it binds, from when, and on whose word."""

    model_config = ConfigDict(extra="forbid")

    id: DutyId
    law: Annotated[str, StringConstraints(min_length=1, max_length=80)] = Field(
        description="The law's short name, as reasons print it: EU AI Act, GDPR."
    )
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="The duties, in the plural, as a reason prints them: "
        "'Annex III high-risk duties' (… apply from 2 Dec 2027)."
    )
    provision: Annotated[str, StringConstraints(min_length=1, max_length=300)] = Field(
        description="The article that sets the date, e.g. 'Art. 113(c), as amended'."
    )
    applies_from: date
    status: Status
    regions: Annotated[list[Region], Field(min_length=1)]
    industries: list[Industry] = Field(
        default_factory=list, description="Empty: every industry in the regions."
    )
    risk_tiers: list[RiskTier] = Field(
        default_factory=list,
        description="Empty: every organisation in scope; otherwise only one that declares a "
        "use case of one of these tiers.",
    )
    note: str = ""
    sources: Annotated[list[Source], Field(min_length=1)]

    def binds(self, context: AssessmentContext) -> bool:
        """Whether the duty binds an organisation with this context."""
        if not set(self.regions) & set(context.regions):
            return False
        if self.industries and context.industry not in self.industries:
            return False
        return not self.risk_tiers or any(u.risk_tier in self.risk_tiers for u in context.use_cases)

    def applies_on(self, day: date) -> bool:
        """In force and applying on `day`: work it needs is already due."""
        return self.status != "pending" and self.applies_from <= day

    def sentence(self, day: date) -> str:
        """`EU AI Act Annex III high-risk duties apply from 2 Dec 2027`, seen on `day`."""
        when = "since" if self.applies_on(day) else "from"
        pending = " (pending, not yet law)" if self.status == "pending" else ""
        return f"{self.law} {self.name} apply {when} {short_date(self.applies_from)}{pending}"


class CalendarFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: date = Field(description="The day the calendar as a whole was last checked.")
    notes: list[str] = Field(default_factory=list)
    duties: list[Duty]


@dataclass(frozen=True)
class Calendar:
    """Every duty of the installed calendar, by id, and the day it was last checked."""

    duties: Mapping[str, Duty]
    as_of: date | None = None

    def get(self, duty_id: str) -> Duty | None:
        return self.duties.get(duty_id)

    def binding(self, context: AssessmentContext) -> dict[str, Duty]:
        """The duties that bind an organisation, by id (pending ones included)."""
        return {k: d for k, d in self.duties.items() if d.binds(context)}

    def render(self, text: str) -> str:
        """Content text with each `{duty:ID}` replaced by the duty's date."""

        def date_of(match: re.Match[str]) -> str:
            duty = self.duties.get(match[1])
            return long_date(duty.applies_from) if duty else match[0]

        return PLACEHOLDER.sub(date_of, text)

    def unknown(self, duty_id: str) -> str:
        known = ", ".join(sorted(self.duties)) or "none installed"
        return f"unknown duty {duty_id!r} (the calendar has: {known})"

    def check_text_and_duties(self, raw: Mapping[str, Any], loc: Loc) -> Iterator[tuple[Loc, str]]:
        """Problems of one raw question (and its recommendation): unknown duty ids in
        `duties` lists and in `{duty:ID}` placeholders, each with its place."""
        for where, value in _walk(raw, loc):
            if where[-1:] == ("duties",) or (len(where) > 1 and where[-2] == "duties"):
                if isinstance(value, str) and value not in self.duties:
                    yield where, self.unknown(value)
            elif isinstance(value, str):
                for match in PLACEHOLDER.finditer(value):
                    if match[1] not in self.duties:
                        yield where, f"{{duty:{match[1]}}}: {self.unknown(match[1])}"


def _walk(value: object, loc: Loc) -> Iterator[tuple[Loc, object]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, (*loc, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))
    else:
        yield loc, value
