"""Reading the regulatory calendar from its YAML files (`questionnaires/calendar/`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assessor.content.calendar import Calendar, CalendarFile, Duty
from assessor.errors import ContentError, Problem
from assessor.library.schema_errors import read_model


def load_calendar(folder: Path) -> Calendar:
    """Every calendar file of a folder. The bundled calendar is part of the program, so a
    problem in it raises a ContentError naming the file and line."""
    duties: dict[str, Duty] = {}
    checked: list[date] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        read = read_model(path, CalendarFile)
        problems.extend(read.problems)
        calendar, document = read.model, read.document
        if calendar is None or document is None:
            continue
        checked.append(calendar.as_of)
        for index, duty in enumerate(calendar.duties):
            if duty.id in duties:
                line = document.line_of(("duties", index, "id"))
                problems.append(Problem(path, line, f"duty id {duty.id!r} is used twice"))
            duties[duty.id] = duty
    if problems:
        raise ContentError(problems)
    return Calendar(duties, min(checked, default=None))
