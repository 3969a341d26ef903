"""The plan as a spreadsheet or CSV, for a programme manager's tracker.

Text is always text, never a formula, whoever typed it (a custom item's title, an
owner): in XLSX every text cell is written as a string cell, so `=HYPERLINK(...)` shows
as typed and is never evaluated; CSV has no types, so a text cell that starts with `=`,
`+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, as OWASP advises
against CSV injection (the apostrophe shows; the formula does not run).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from assessor.atomic_files import write_atomically
from assessor.errors import UsageError
from assessor.exchange.json_views import deadline_text
from assessor.scoring.plan import Plan
from assessor.scoring.roadmap import PHASE_TITLES

#: What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

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


def csv_cell(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would read as a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_plan(plan: Plan, path: Path) -> None:
    """Write the plan as .csv or .xlsx for a programme manager's tracker.

    The file is made in memory and written whole or not at all (`assessor.atomic_files`):
    a full disk leaves an earlier plan as it was, and raises `FileWriteError`.
    """
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise UsageError(f"{path}: write the roadmap as .csv or .xlsx")
    rows = plan_rows(plan)
    if suffix == ".csv":
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow([c for c, _ in COLUMNS])
        writer.writerows([csv_cell(value) for value in row] for row in rows)
        write_atomically(path, text.getvalue().encode("utf-8-sig"))
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
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl takes any text starting "=" as a formula
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook = io.BytesIO()  # zipped in memory: no half-written zip for a full disk to leave
    book.save(workbook)
    write_atomically(path, workbook.getvalue())
