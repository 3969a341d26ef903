"""The names of the five maturity levels (a module of its own: the app's home screen
shows them before any content model is imported)."""

from __future__ import annotations

LEVEL_NAMES = {1: "Initial", 2: "Developing", 3: "Defined", 4: "Managed", 5: "Leading"}
