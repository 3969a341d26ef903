"""The installed content as one object: questionnaires, profiles and the calendar."""

from __future__ import annotations

from dataclasses import dataclass

from assessor.content.calendar import Calendar
from assessor.content.context import DOMAIN_TITLES
from assessor.library.profiles import ProfileSet, load_profiles
from assessor.library.questionnaires import ContentSet, load_installed_content
from assessor.paths import AppPaths


@dataclass(frozen=True)
class Library:
    """The installed content: questionnaires, target profiles and the regulatory calendar."""

    content: ContentSet
    profiles: ProfileSet

    @property
    def calendar(self) -> Calendar:
        return self.content.calendar


def load_library(paths: AppPaths) -> Library:
    """The bundled content and the consultant's own (questionnaires, frameworks, profiles)."""
    content = load_installed_content(paths)
    domains = {*DOMAIN_TITLES, *(q.domain for q in content.questionnaires)}
    return Library(content, load_profiles(paths.profiles, paths.user_profiles, domains))
