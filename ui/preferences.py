"""The consultant's preferences, kept with QSettings in one INI file (`AppPaths.settings_file`).

They are the app's own: who prepares the reports, which branding they carry, the default
confidentiality line, the theme and the recent assessments. The store knows nothing of
them; a report gets them as the core's `Branding`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from assessor.paths import AppPaths

THEMES = ("system", "light", "dark")
MAX_RECENT = 8


def app_settings(paths: AppPaths) -> QSettings:
    """Window state and preferences, in one INI file."""
    return QSettings(str(paths.settings_file), QSettings.Format.IniFormat)


def _text(settings: QSettings, key: str) -> str:
    value = settings.value(key, "")
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class Preferences:
    consultant: str = ""  # "Jane Doe": the person who prepares the report
    organisation: str = ""  # "Example & Partners": shown as "Prepared by" on the cover
    branding_file: str = ""  # a branding YAML (logo, colour); empty for none
    confidentiality: str = ""  # the default confidentiality line; empty for the report's own
    theme: str = "system"  # one of THEMES
    recent: tuple[int, ...] = field(default=())  # assessment ids, latest first

    @classmethod
    def load(cls, paths: AppPaths) -> Preferences:
        settings = app_settings(paths)
        theme = _text(settings, "preferences/theme")
        recent = settings.value("recent/assessments", [])
        if isinstance(recent, str):  # QSettings gives a one-item list back as a string
            recent = [recent]
        ids = tuple(int(r) for r in recent if isinstance(r, str | int) and str(r).isdigit())
        return cls(
            consultant=_text(settings, "preferences/consultant"),
            organisation=_text(settings, "preferences/organisation"),
            branding_file=_text(settings, "preferences/branding_file"),
            confidentiality=_text(settings, "preferences/confidentiality"),
            theme=theme if theme in THEMES else "system",
            recent=ids[:MAX_RECENT],
        )

    def save(self, paths: AppPaths) -> None:
        settings = app_settings(paths)
        settings.setValue("preferences/consultant", self.consultant)
        settings.setValue("preferences/organisation", self.organisation)
        settings.setValue("preferences/branding_file", self.branding_file)
        settings.setValue("preferences/confidentiality", self.confidentiality)
        settings.setValue("preferences/theme", self.theme)
        settings.setValue("recent/assessments", [str(i) for i in self.recent])
        settings.sync()

    def with_recent(self, assessment_id: int) -> Preferences:
        """The same preferences with an assessment first in the recent list."""
        rest = tuple(i for i in self.recent if i != assessment_id)
        return Preferences(
            self.consultant, self.organisation, self.branding_file, self.confidentiality,
            self.theme, ((assessment_id, *rest))[:MAX_RECENT],
        )  # fmt: skip

    def without_recent(self, assessment_id: int) -> Preferences:
        rest = tuple(i for i in self.recent if i != assessment_id)
        return Preferences(
            self.consultant, self.organisation, self.branding_file, self.confidentiality,
            self.theme, rest,
        )  # fmt: skip
