"""Where things live: the bundled content, the user's data folder and database.

The bundled questionnaires, profiles, frameworks, calendar and resources ship inside the
package (`assessor.bundled`, `assessor.bundled_resources`; in a checkout they are the
top-level `questionnaires/` and `resources/` folders, mapped by `pyproject.toml`) and are
found with `importlib.resources`, whatever the working folder or the way of installing.

The user's data folder comes from platformdirs (per platform), or from the
`ASSESSOR_DATA_DIR` environment variable, which tests and portable installs use.
Consultants drop their own questionnaires in its `questionnaires/` folder, their own
frameworks in `questionnaires/frameworks/` and their own target profiles in
`questionnaires/profiles/`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "AI Readiness Assessor"


def package_folder(package: str) -> Path:
    """The folder of an installed data package; installs are always unpacked on disk."""
    found = resources.files(package)
    if not isinstance(found, Path):  # a zip import: not a way this program is shipped
        raise RuntimeError(f"{package} is not installed as a folder ({found!r})")
    return found


def bundled_content() -> Path:
    return package_folder("assessor.bundled")


def bundled_resources() -> Path:
    return package_folder("assessor.bundled_resources")


@dataclass(frozen=True)
class AppPaths:
    """The folders and files the core reads and writes."""

    data_dir: Path
    content_dir: Path = field(default_factory=bundled_content)
    # The app's preferences; None keeps them in the data folder (tests, portable installs).
    config_dir: Path | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> AppPaths:
        override = environ.get("ASSESSOR_DATA_DIR")
        data_dir = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
        config = environ.get("ASSESSOR_CONFIG_DIR")
        config_dir = Path(config) if config else Path(platformdirs.user_config_dir(APP_NAME, False))
        return cls(data_dir=data_dir.expanduser(), config_dir=config_dir.expanduser())

    @property
    def settings_file(self) -> Path:
        """The app's preferences and window state (an INI file Qt reads and writes)."""
        return (self.config_dir or self.data_dir) / "settings.ini"

    @property
    def bundled_questionnaires(self) -> Path:
        return self.content_dir

    @property
    def frameworks(self) -> Path:
        return self.content_dir / "frameworks"

    @property
    def profiles(self) -> Path:
        return self.content_dir / "profiles"

    @property
    def calendar(self) -> Path:
        return self.content_dir / "calendar"

    @property
    def user_questionnaires(self) -> Path:
        """The consultant's own questionnaires; they load beside the bundled ones."""
        return self.data_dir / "questionnaires"

    @property
    def user_frameworks(self) -> Path:
        """The consultant's own frameworks, citable beside the bundled catalogue."""
        return self.user_questionnaires / "frameworks"

    @property
    def user_profiles(self) -> Path:
        """The consultant's own target profiles; one may replace a bundled one by id."""
        return self.user_questionnaires / "profiles"

    @property
    def database(self) -> Path:
        return self.data_dir / "assessor.sqlite"
