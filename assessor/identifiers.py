"""Stable ids, as every file format and table uses them: finding the one used twice."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

H = TypeVar("H", bound=Hashable)


def first_duplicate(items: Iterable[H]) -> H | None:
    """The first item that appears a second time, or None; linear, in the given order."""
    seen: set[H] = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None
