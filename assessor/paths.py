"""Where things live: the bundled content, the user's data folder and database.

The bundled questionnaires, profiles, frameworks, calendar, resources and user docs ship
inside the package (`assessor.bundled`, `assessor.bundled_resources`,
`assessor.bundled_docs`; in a checkout they are the top-level `questionnaires/`,
`resources/` and `docs/` folders, mapped by `pyproject.toml`) and are found with
`importlib.resources`, whatever the working folder or the way of installing.

The user's data folder comes from the `ASSESSOR_DATA_DIR` environment variable (tests,
portable installs), else from the pointer file `data-folder` in the config folder, which
moving the data folder writes (`assessor.usecases.data_folder`), else from platformdirs.
A pointer naming a folder that is missing (a drive not plugged in) is not followed: the
platform's folder is used, and `AppPaths.warning` says so, rather than a new empty store
silently taking the moved one's place.
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
from typing import Literal

import platformdirs

APP_NAME = "AI Readiness Assessor"
DATA_FOLDER_POINTER = "data-folder"  # in the config folder: the moved data folder's path
DATABASE_NAME = "assessor.sqlite"


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


def bundled_docs() -> Path:
    """The user documentation (`docs/` in a checkout), which the app's Help shows offline."""
    return package_folder("assessor.bundled_docs")


@dataclass(frozen=True)
class AppPaths:
    """The folders and files the core reads and writes."""

    data_dir: Path
    content_dir: Path = field(default_factory=bundled_content)
    # The app's preferences; None keeps them in the data folder (tests, portable installs).
    config_dir: Path | None = None
    # Where data_dir came from: code ("given"), ASSESSOR_DATA_DIR ("environment"), the
    # pointer a move wrote ("moved"), or the platform's folder ("default").
    data_dir_origin: Literal["given", "environment", "moved", "default"] = "given"
    # For the user, at start: why the data folder is not the one they moved it to.
    warning: str = ""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> AppPaths:
        config = environ.get("ASSESSOR_CONFIG_DIR")
        config_dir = Path(config) if config else Path(platformdirs.user_config_dir(APP_NAME, False))
        config_dir = config_dir.expanduser()
        override = environ.get("ASSESSOR_DATA_DIR")
        if override:
            return cls(Path(override).expanduser(), config_dir=config_dir,
                       data_dir_origin="environment")  # fmt: skip
        default = Path(platformdirs.user_data_dir(APP_NAME, False))
        moved, warning = read_data_folder_pointer(config_dir / DATA_FOLDER_POINTER, default)
        if moved is not None:
            return cls(moved, config_dir=config_dir, data_dir_origin="moved")
        return cls(default, config_dir=config_dir, data_dir_origin="default", warning=warning)

    @property
    def data_folder_pointer(self) -> Path | None:
        """The file that records a moved data folder (None: no config folder to keep it)."""
        return None if self.config_dir is None else self.config_dir / DATA_FOLDER_POINTER

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
        return self.data_dir / DATABASE_NAME


def read_data_folder_pointer(pointer: Path, fallback: Path) -> tuple[Path | None, str]:
    """The data folder a move recorded in `pointer`, or None and why it is not used (""
    when there is no pointer: nothing was moved). The caller tells the user."""
    try:
        text = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None, ""
    except (OSError, UnicodeDecodeError) as error:
        return None, f"cannot read {pointer} ({error}); using the data folder {fallback}"
    folder = Path(text).expanduser() if text else None
    if folder is None or not folder.is_absolute():
        warning = f"{pointer} does not name a folder; using the data folder {fallback}"
    elif not (folder / DATABASE_NAME).is_file():
        warning = (
            f"the data folder was moved to {folder}, but it is not there (is a drive "
            f"disconnected?); using {fallback} until it is back"
        )
    else:
        return folder, ""
    return None, warning
