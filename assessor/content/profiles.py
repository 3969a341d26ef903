"""Target profiles: the level each domain should reach, and how much each domain weighs.

A profile fits an industry (finance, healthcare, ...) and states targets for each risk
tier of the use cases an organisation declares: what is enough for minimal-risk uses is
not enough for high-risk ones. Profiles are YAML under `questionnaires/profiles/`,
validated like questionnaires (`assessor.library.profiles` reads them); `choose_profile`
picks one for an assessment's context.

Consultants add profiles in `profiles/` of their questionnaire folder. Theirs come first
when a profile is chosen, may set targets and weights for domains of their own
questionnaires, and replace a bundled profile of the same id (`ProfileSet.replaced`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assessor.content.context import DOMAIN_TITLES, RISK_TIERS, AssessmentContext, Industry, Sector
from assessor.errors import ContentError, Problem

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


def profile_reason(profile: TargetProfile, context: AssessmentContext) -> str:
    """Why `choose_profile` picked this profile, and which targets it sets, in a sentence."""
    if context.industry is not None and context.industry in profile.industries:
        why = f"the organisation is in {context.industry.replace('_', ' ')}"
    elif context.sector is not None and context.sector in profile.sectors:
        why = f"the organisation is in the {context.sector} sector"
    else:
        why = "no profile is written for this industry or sector, so the default applies"
    tier = planning_tier(context)
    return (
        f"{profile.title}: {why}. Targets are set for {tier}-risk use, "
        "the highest tier among the declared use cases."
        if context.use_cases
        else f"{profile.title}: {why}. No use case is declared yet, so targets are set for "
        f"{tier}-risk use."
    )
