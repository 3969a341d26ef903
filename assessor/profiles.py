"""Target profiles: the level each domain should reach, and how much each domain weighs.

A profile fits an industry (finance, healthcare, ...) and states targets for each risk
tier of the use cases an organisation declares: what is enough for minimal-risk uses is
not enough for high-risk ones. Profiles are YAML under `questionnaires/profiles/`,
validated like questionnaires; `choose_profile` picks one for an assessment's context.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assessor.content import schema_problem
from assessor.context import DOMAIN_TITLES, RISK_TIERS, AssessmentContext, Industry, Sector
from assessor.errors import ContentError, Problem
from assessor.located_yaml import YamlProblem, parse, read_text

Level = Annotated[int, Field(ge=1, le=5)]
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
    weights: dict[str, Annotated[float, Field(gt=0, le=10)]] = Field(default_factory=dict)
    targets: dict[PlanningTier, dict[str, Level]]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        tables: list[tuple[str, list[str]]] = [("weights", list(self.weights))]
        tables += [(f"targets.{tier}", list(levels)) for tier, levels in self.targets.items()]
        for name, domains in tables:
            unknown = sorted(set(domains) - set(DOMAIN_TITLES))
            if unknown:
                raise ValueError(f"{name}: unknown domain {unknown[0]!r}")
        missing = [tier for tier in PLANNING_TIERS if tier not in self.targets]
        if missing:
            raise ValueError(f"targets: give levels for every tier; missing {', '.join(missing)}")
        for tier in PLANNING_TIERS:
            absent = [d for d in DOMAIN_TITLES if d not in self.targets[tier]]
            if absent:
                raise ValueError(f"targets.{tier}: no level for {', '.join(absent)}")
        for lower, higher in itertools.pairwise(PLANNING_TIERS):
            for domain in DOMAIN_TITLES:
                if self.targets[higher][domain] < self.targets[lower][domain]:
                    raise ValueError(
                        f"targets.{higher}.{domain} is below targets.{lower}.{domain}; "
                        "a riskier tier never lowers a target"
                    )
        return self

    def weight(self, domain: str) -> float:
        return self.weights.get(domain, 1.0)

    def target(self, domain: str, tier: PlanningTier) -> int:
        """The target level of a domain for a tier; a domain of one's own gets 3."""
        return self.targets[tier].get(domain, 3)


def planning_tier(context: AssessmentContext) -> PlanningTier:
    """The tier that sets the targets: the highest declared, leaving out prohibited uses
    (they are not to be pursued, so they raise no target)."""
    tiers: list[PlanningTier] = [
        u.risk_tier for u in context.use_cases if u.risk_tier != "unacceptable"
    ]
    return max(tiers, key=RISK_TIERS.index, default="minimal")


@dataclass(frozen=True)
class ProfileSet:
    profiles: list[TargetProfile]
    problems: list[Problem]

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


def load_profiles(folder: Path) -> ProfileSet:
    """Every profile file in `folder`; problems are reported with their line, never raised."""
    profiles: list[TargetProfile] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            document = parse(read_text(path))
            profile = TargetProfile.model_validate(document.data)
        except YamlProblem as error:
            problems.append(Problem(path, error.line, error.message))
            continue
        except ValidationError as error:
            known = list(TargetProfile.model_fields)
            problems.extend(schema_problem(path, document, e, known) for e in error.errors())
            continue
        if any(p.id == profile.id for p in profiles):
            problems.append(Problem(path, 1, f"profile id {profile.id!r} is used twice"))
            continue
        profiles.append(profile)
    if profiles and not any(p.default for p in profiles):
        problems.append(Problem(folder, 0, "no profile is marked default: true"))
    return ProfileSet(profiles, problems)
