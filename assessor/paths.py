"""Where things live: the bundled content, the user's data folder and database.

The user's data folder comes from platformdirs (per platform), or from the
`ASSESSOR_DATA_DIR` environment variable, which tests and portable installs use.
Consultants drop their own questionnaires in its `questionnaires/` folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "AI Readiness Assessor"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class AppPaths:
    """The folders and files the core reads and writes."""

    data_dir: Path
    content_dir: Path = PROJECT_ROOT / "questionnaires"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> AppPaths:
        override = environ.get("ASSESSOR_DATA_DIR")
        data_dir = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
        return cls(data_dir=data_dir.expanduser())

    @property
    def bundled_questionnaires(self) -> Path:
        return self.content_dir

    @property
    def frameworks(self) -> Path:
        return self.content_dir / "frameworks"

    @property
    def user_questionnaires(self) -> Path:
        """The consultant's own questionnaires; they load beside the bundled ones."""
        return self.data_dir / "questionnaires"

    @property
    def database(self) -> Path:
        return self.data_dir / "assessor.sqlite"
