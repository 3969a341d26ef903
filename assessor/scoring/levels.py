"""The names of the five maturity levels and how a score is written (a module of its own:
the app's home screen shows them before any content model is imported)."""

from __future__ import annotations

import math

LEVEL_NAMES = {1: "Initial", 2: "Developing", 3: "Defined", 4: "Managed", 5: "Leading"}


def score_text(score: float | None, missing: str = "–") -> str:
    """A score as every screen and page shows it: to one decimal, rounded down so that it
    never reads as the next level (79.96 shows as 79.9, not 80); whole numbers without
    the decimal; `missing` when there is none."""
    if score is None:
        return missing
    shown = math.floor(score * 10 + 1e-9) / 10
    return f"{shown:.0f}" if shown == int(shown) else f"{shown:.1f}"
