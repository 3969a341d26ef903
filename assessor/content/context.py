"""The assessment context: who the organisation is and what AI it means to use.

Owns the vocabulary of the condition language (`industry`, `sector`, `size`, `regions`,
`deployment`, `highest_risk_tier`) and the domain keys. The condition parser checks
expressions against these tuples; the store and the assessment file reuse the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Industry = Literal[
    "finance",
    "healthcare",
    "legal",
    "public_sector",
    "defence",
    "retail",
    "technology",
    "manufacturing",
    "energy",
    "other",
]
Sector = Literal["commercial", "government", "defence"]
Size = Literal["small", "medium", "large", "enterprise"]
Region = Literal["EU", "UK", "US", "APAC", "other"]
Deployment = Literal["api", "cloud", "private_cloud", "on_premise", "air_gapped"]
RiskTier = Literal["minimal", "limited", "high", "unacceptable"]

# The vocabulary in order (sizes and risk tiers are ranked in this order).
INDUSTRIES: tuple[str, ...] = get_args(Industry)
SECTORS: tuple[str, ...] = get_args(Sector)
SIZES: tuple[str, ...] = get_args(Size)
REGIONS: tuple[str, ...] = get_args(Region)
DEPLOYMENTS: tuple[str, ...] = get_args(Deployment)
RISK_TIERS: tuple[str, ...] = get_args(RiskTier)

#: The six domains of the bundled content, in the order reports show them.
DOMAIN_TITLES: dict[str, str] = {
    "governance": "Strategy & Governance",
    "compliance": "Compliance & Regulation",
    "guardrails": "Guardrails & Safety Engineering",
    "infrastructure": "Infrastructure & Vendor Strategy",
    "data": "Data Readiness",
    "people": "People & Operating Model",
}


def domain_rank(domain: str) -> int:
    """Where a domain comes in lists and reports: the six in order, then others."""
    order = list(DOMAIN_TITLES)
    return order.index(domain) if domain in order else len(order)


def domain_title(domain: str) -> str:
    """The display title of a domain key; a consultant's own domain shows as written."""
    return DOMAIN_TITLES.get(domain, domain.replace("_", " ").replace("-", " ").title())


@dataclass(frozen=True)
class FieldSpec:
    """What the condition language knows of one context field."""

    name: str
    values: tuple[str, ...]
    is_list: bool = False
    #: Ordered fields allow `<` and `>` by rank (`size >= "large"`).
    ordered: bool = False


CONTEXT_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("industry", INDUSTRIES),
        FieldSpec("sector", SECTORS),
        FieldSpec("size", SIZES, ordered=True),
        FieldSpec("regions", REGIONS, is_list=True),
        FieldSpec("deployment", DEPLOYMENTS, is_list=True),
        FieldSpec("highest_risk_tier", RISK_TIERS, ordered=True),
    )
}


class UseCase(BaseModel):
    """An intended use of AI, with its EU AI Act risk category.

    `risk_tier` is the legal category, not an internal rating: unacceptable = an Art. 5
    prohibited practice; high = high-risk under Art. 6 (Annex I product needing
    third-party conformity assessment, or Annex III use not exempted by Art. 6(3));
    limited = Art. 50 transparency duties only; minimal = none.
    """

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=5000)
    risk_tier: RiskTier


class AssessmentContext(BaseModel):
    """The facts about the organisation that decide which questions apply."""

    model_config = ConfigDict(extra="forbid")

    industry: Industry | None = None
    sector: Sector | None = None
    size: Size | None = None
    regions: list[Region] = Field(default_factory=list)
    deployment: list[Deployment] = Field(default_factory=list)
    use_cases: list[UseCase] = Field(default_factory=list)

    @property
    def highest_risk_tier(self) -> RiskTier | None:
        """The highest tier among the declared use cases; None when there are none."""
        if not self.use_cases:
            return None
        return max((u.risk_tier for u in self.use_cases), key=RISK_TIERS.index)

    def condition_values(self) -> dict[str, str | list[str] | None]:
        """The values the condition language sees, by field name."""
        return {
            "industry": self.industry,
            "sector": self.sector,
            "size": self.size,
            "regions": list(self.regions),
            "deployment": list(self.deployment),
            "highest_risk_tier": self.highest_risk_tier,
        }
