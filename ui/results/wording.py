"""How the results screen words what the core computed: scores, levels, answers, dates.

Presentation only: every number here was computed by the core (the scorecard); this
module decides how it reads. Scores are cut, never rounded up, as the report's charts
do, so that 59.96 never reads as 60, the start of the next level.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt

from assessor.content.questionnaire import Question, QuestionType
from assessor.scoring import answers, levels
from assessor.scoring.answers import DONT_KNOW, NOT_APPLICABLE
from assessor.scoring.scorecard import LEVEL_NAMES

NOT_ASSESSED = "Not assessed yet"
DASH = "–"
#: How a risk tier reads beside a use case (the core's values are the EU AI Act's terms).
TIER_WORDS = {
    "minimal": "Minimal risk",
    "limited": "Limited risk",
    "high": "High risk",
    "unacceptable": "Prohibited practice",
}


def score_text(score: float | None) -> str:
    """`49.3`, `60`, or a dash (the core's rule: one decimal at most, cut, not rounded)."""
    return levels.score_text(score, DASH)


def level_name(level: int | None) -> str:
    return NOT_ASSESSED if level is None else LEVEL_NAMES[level]


def level_text(level: int | None) -> str:
    """`3 Defined`, or "Not assessed yet"."""
    return NOT_ASSESSED if level is None else f"{level} {LEVEL_NAMES[level]}"


def level_tooltip(level: int | None, uncapped: int | None = None, what: str = "Level") -> str:
    """The tooltip of a level number: its name, and the cap when a blocker holds it down."""
    if level is None:
        return f"{what}: not assessed yet (no answers counted)"
    text = f"{what} {level}: {LEVEL_NAMES[level]}"
    if uncapped is not None and uncapped > level:
        text += (
            f". The score alone reaches level {uncapped} ({LEVEL_NAMES[uncapped]}); "
            f"a blocker holds it at {level}."
        )
    return text


def plural(number: int, noun: str, nouns: str | None = None) -> str:
    return f"{number} {noun if number == 1 else (nouns or noun + 's')}"


def shortened(text: str, most: int = 60) -> str:
    """One line of at most `most` characters, cut at a word with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= most:
        return line
    cut = line[: most - 1].rsplit(" ", 1)[0] or line[: most - 1]
    return cut.rstrip(" ,.;:") + "…"


def answer_text(question: Question, raw: object) -> str:
    """An answer as a table cell: the core's words for it, with text shortened, a number
    without its band, and nothing for no answer."""
    if raw is None:
        return ""
    if question.type is QuestionType.TEXT and raw not in (DONT_KNOW, NOT_APPLICABLE):
        return shortened(str(raw))
    if question.type is QuestionType.NUMBER and isinstance(raw, int | float):
        return f"{raw:g} {question.unit}".strip()
    return answers.answer_text(question, raw)


def when_text(iso: str) -> str:
    """A stored timestamp as the user's clock and locale say it: `1 Dec 2026, 10:51`."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    local = moment.toLocalTime()
    return QLocale().toString(local, "d MMM yyyy, HH:mm")
