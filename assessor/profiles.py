"""Target profiles: the level each domain should reach, and how much each domain weighs.

A profile fits an industry (finance, healthcare, ...) and states targets for each risk
tier of the use cases an organisation declares: what is enough for minimal-risk uses is
not enough for high-risk ones. Profiles are YAML under `questionnaires/profiles/`,
validated like questionnaires; `choose_profile` picks one for an assessment's context.

Consultants add profiles in `profiles/` of their questionnaire folder. Theirs come first
when a profile is chosen, may set targets and weights for domains of their own
questionnaires, and replace a bundled profile of the same id (`ProfileSet.replaced`).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assessor.context import DOMAIN_TITLES, RISK_TIERS, AssessmentContext, Industry, Sector
from assessor.errors import ContentError, Problem
from assessor.schema_errors import read_model

Level = Annotated[int, Field(ge=1, le=5)]
DomainKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]
PlanningTier = Literal["minimal", "limited", "high"]
PLANNING_TIERS: tuple[PlanningTier, ...] = ("minimal", "limited", "high")


class TargetProfile(BaseModel):
    """Targets and weights for one kind of organisation."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,39}$")]
    title: str
    description: str = ""
    industries: list[Industry] = Field(default_factory=list)
    sectors: list[Sector] = Field(default_factory=list)
    default: bool = False
    weights: dict[DomainKey, Annotated[float, Field(gt=0, le=10)]] = Field(default_factory=dict)
    targets: dict[PlanningTier, dict[DomainKey, Level]]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        missing = [tier for tier in PLANNING_TIERS if tier not in self.targets]
        if missing:
            raise ValueError(f"targets: give levels for every tier; missing {', '.join(missing)}")
        every = {d for levels in self.targets.values() for d in levels}
        for tier in PLANNING_TIERS:
            absent = [d for d in [*DOMAIN_TITLES, *sorted(every - set(DOMAIN_TITLES))]
                      if d not in self.targets[tier]]  # fmt: skip
            if absent:
                raise ValueError(f"targets.{tier}: no level for {', '.join(absent)}")
        for lower, higher in itertools.pairwise(PLANNING_TIERS):
            for domain in sorted(every):
                if self.targets[higher][domain] < self.targets[lower][domain]:
                    raise ValueError(
                        f"targets.{higher}.{domain} is below targets.{lower}.{domain}; "
                        "a riskier tier never lowers a target"
                    )
        return self

    def weight(self, domain: str) -> float:
        return self.weights.get(domain, 1.0)

    def target(self, domain: str, tier: PlanningTier) -> int:
        """The target level of a domain for a tier; a domain the profile omits gets 3."""
        return self.targets[tier].get(domain, 3)

    @property
    def domains(self) -> set[str]:
        """Every domain the profile names, in weights or targets."""
        return {*self.weights, *(d for levels in self.targets.values() for d in levels)}


def planning_tier(context: AssessmentContext) -> PlanningTier:
    """The tier that sets the targets: the highest declared, leaving out prohibited uses
    (they are not to be pursued, so they raise no target)."""
    tiers: list[PlanningTier] = [
        u.risk_tier for u in context.use_cases if u.risk_tier != "unacceptable"
    ]
    return max(tiers, key=RISK_TIERS.index, default="minimal")


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


def choose_profile(profiles: Iterable[TargetProfile], context: AssessmentContext) -> TargetProfile:
    """The profile for an organisation: by industry, then by sector, then the default."""
    candidates = list(profiles)
    for matches in (
        lambda p: context.industry is not None and context.industry in p.industries,
        lambda p: context.sector is not None and context.sector in p.sectors,
        lambda p: p.default,
    ):
        chosen = next((p for p in candidates if matches(p)), None)
        if chosen is not None:
            return chosen
    raise ContentError([Problem(Path("profiles"), 0, "no default target profile is installed")])


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
