"""Reading target profiles: the bundled ones and the consultant's own.

A consultant's profiles (in `profiles/` of their questionnaire folder) come first when a
profile is chosen, may name domains of their own questionnaires, and replace a bundled
profile of the same id, which `ProfileSet.replaced` records for `assessor validate`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from assessor.content.profiles import PLANNING_TIERS, TargetProfile
from assessor.errors import Problem
from assessor.library.schema_errors import read_model


@dataclass(frozen=True)
class ProfileSet:
    """The installed profiles (the consultant's first), their problems, and which bundled
    profiles a consultant's file replaced."""

    profiles: list[TargetProfile]
    problems: list[Problem]
    #: (profile id, the consultant's file that replaces the bundled one)
    replaced: list[tuple[str, Path]] = field(default_factory=list)

    def get(self, profile_id: str) -> TargetProfile | None:
        return next((p for p in self.profiles if p.id == profile_id), None)


def load_profiles(
    folder: Path, user_folder: Path | None = None, domains: Collection[str] | None = None
) -> ProfileSet:
    """Every profile of the bundled `folder` and the consultant's `user_folder`.

    Problems are reported with their line, never raised. With `domains` (those of the
    installed questionnaires), a profile that names a domain no questionnaire has is
    refused, since its targets would never be used.
    """
    bundled = _load_folder(folder, domains)
    user = _load_folder(user_folder, domains) if user_folder and user_folder.is_dir() else None
    problems = list(bundled.problems)
    if user is None:
        profiles = bundled.profiles
        replaced: list[tuple[str, Path]] = []
    else:
        problems += user.problems
        ids = {p.id for p in user.profiles}
        profiles = [*user.profiles, *(p for p in bundled.profiles if p.id not in ids)]
        replaced = [(p.id, user.paths[p.id]) for p in user.profiles if bundled.get(p.id)]
    if profiles and not any(p.default for p in profiles):
        problems.append(Problem(folder, 0, "no profile is marked default: true"))
    return ProfileSet(profiles, problems, replaced)


@dataclass(frozen=True)
class _Folder:
    profiles: list[TargetProfile]
    problems: list[Problem]
    paths: dict[str, Path]

    def get(self, profile_id: str) -> TargetProfile | None:
        return next((p for p in self.profiles if p.id == profile_id), None)


def _load_folder(folder: Path, domains: Collection[str] | None) -> _Folder:
    profiles: list[TargetProfile] = []
    problems: list[Problem] = []
    paths: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        checked = read_model(path, TargetProfile, list(TargetProfile.model_fields))
        problems.extend(checked.problems)
        profile, document = checked.model, checked.document
        if profile is None or document is None:
            continue
        if profile.id in paths:
            problems.append(
                Problem(
                    path, 1, f"profile id {profile.id!r} is used twice (also {paths[profile.id]})"
                )
            )
            continue
        unknown = sorted(profile.domains - set(domains)) if domains is not None else []
        if unknown:
            where = next(
                (("targets", t, unknown[0]) for t in PLANNING_TIERS
                 if unknown[0] in profile.targets[t]), ("weights", unknown[0]),
            )  # fmt: skip
            problems.append(
                Problem(
                    path,
                    document.line_of(where),
                    f"domain {unknown[0]!r}: no installed questionnaire has this domain "
                    f"(domains: {', '.join(sorted(domains or ()))})",
                )
            )
            continue
        profiles.append(profile)
        paths[profile.id] = path
    return _Folder(profiles, problems, paths)
