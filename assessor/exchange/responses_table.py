"""Every answer of an assessment as a CSV table, one row per question and respondent,
for a spreadsheet (`assessor export ID --csv`).

UTF-8 with a byte order mark, so that spreadsheets read accents as typed; every text
cell that a spreadsheet would read as a formula is neutralised by `csv_cell` (OWASP's
advice against CSV injection). The rows are the use-case's (`assessor.usecases.sharing`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from assessor.atomic_files import write_atomically
from assessor.exchange.spreadsheets import csv_cell

COLUMNS = (
    "Question", "Domain", "Section", "Prompt", "Respondent", "Role", "Answer", "Value",
    "Note", "Flagged", "Answered at",
)  # fmt: skip

Row = Sequence[str | float | None]


def responses_csv(rows: Sequence[Row]) -> bytes:
    """The table as the bytes of a CSV file: header row, then the rows, formulas neutralised."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    writer.writerows([csv_cell("" if value is None else value) for value in row] for row in rows)
    return text.getvalue().encode("utf-8-sig")


def write_responses_csv(rows: Sequence[Row], path: Path) -> None:
    """Write the table whole or not at all (`assessor.atomic_files`)."""
    write_atomically(path, responses_csv(rows))
