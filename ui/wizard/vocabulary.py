"""How the wizard names the core's context vocabulary: a label and a one-line explanation
for each key of `assessor.content.context` (industries, sectors, sizes, regions,
deployments, risk tiers), and the plain-words help on the EU AI Act's risk tiers.

This is presentation only: the keys, their order and what they mean for scoring stay in
the core. A key the core adds before this table knows it still shows, as its key in
words (`label`), so a new value never breaks the wizard.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    label: str
    explanation: str


INDUSTRIES: dict[str, Term] = {
    "finance": Term("Financial services", "Banks, insurers, investment firms, payments."),
    "healthcare": Term("Healthcare and life sciences", "Care providers, pharma, medical devices."),
    "legal": Term("Legal services", "Law firms, in-house legal teams, legal publishers."),
    "public_sector": Term("Public sector", "Central and local government, agencies."),
    "defence": Term("Defence and security", "Armed forces, defence suppliers, security."),
    "retail": Term("Retail and consumer", "Shops, e-commerce, consumer brands, hospitality."),
    "technology": Term("Technology", "Software, platforms, IT services, telecoms."),
    "manufacturing": Term("Manufacturing", "Industrial production, engineering, automotive."),
    "energy": Term("Energy and utilities", "Power, oil and gas, water, grid operators."),
    "other": Term("Other", "None of these describes the organisation."),
}
SECTORS: dict[str, Term] = {
    "commercial": Term("Commercial", "A private company or not-for-profit."),
    "government": Term("Government", "A public body: ministry, agency, local authority."),
    "defence": Term("Defence", "Military or national security work, often classified."),
}
SIZES: dict[str, Term] = {
    "small": Term("Small (under 50 people)", "Few specialists; practices are often informal."),
    "medium": Term("Medium (50-249 people)", "Some dedicated roles, a few formal processes."),
    "large": Term("Large (250-4,999 people)", "Several teams and functions to coordinate."),
    "enterprise": Term(
        "Enterprise (5,000+ people)", "Many units, countries and governance layers."
    ),
}
REGIONS: dict[str, Term] = {
    "EU": Term("European Union", "The EU AI Act, GDPR and DORA apply."),
    "UK": Term("United Kingdom", "UK GDPR and sector regulators' AI guidance apply."),
    "US": Term("United States", "Sector rules (e.g. HIPAA) and state AI laws apply."),
    "APAC": Term("Asia-Pacific", "Regional privacy and AI rules apply."),
    "other": Term("Elsewhere", "Operations outside these regions."),
}
DEPLOYMENTS: dict[str, Term] = {
    "api": Term("Vendor API", "Models used through a provider's API (e.g. a hosted LLM)."),
    "cloud": Term("Public cloud", "Models run in your account on a public cloud platform."),
    "private_cloud": Term("Private cloud", "A dedicated or sovereign cloud environment."),
    "on_premise": Term("On-premise", "Models run on servers in your own data centre."),
    "air_gapped": Term("Air-gapped", "Isolated systems with no connection to outside networks."),
}
RISK_TIERS: dict[str, Term] = {
    "minimal": Term("Minimal", "No new duties under the EU AI Act."),
    "limited": Term("Limited", "Transparency duties: people must know it is AI."),
    "high": Term("High", "Strict duties: risk management, oversight, conformity."),
    "unacceptable": Term("Unacceptable", "Prohibited in the EU."),
}


def label(terms: dict[str, Term], key: str) -> str:
    """The display label of a vocabulary key (a key this table lacks, in words)."""
    term = terms.get(key)
    return term.label if term else key.replace("_", " ").capitalize()


def explanation(terms: dict[str, Term], key: str) -> str:
    term = terms.get(key)
    return term.explanation if term else ""


@dataclass(frozen=True)
class TierHelp:
    tier: str
    heading: str
    meaning: str
    examples: str


#: The EU AI Act's risk tiers in plain words, most severe first.
TIER_HELP: tuple[TierHelp, ...] = (
    TierHelp(
        "unacceptable",
        "Unacceptable: prohibited (Art. 5)",
        "Banned in the EU since February 2025.",
        "Social scoring; manipulative or deceptive techniques that cause harm; exploiting "
        "people's vulnerabilities; untargeted scraping of facial images; emotion recognition "
        "at work or school; biometric categorisation to infer traits such as race or "
        "beliefs; predicting crime from profiling alone.",
    ),
    TierHelp(
        "high",
        "High risk (Art. 6, Annex III)",
        "Allowed with strict duties: risk management, data governance, logging, human "
        "oversight and a conformity assessment.",
        "Employment and HR screening; credit scoring of people; pricing of life and health "
        "insurance; access to essential services and benefits; education and exams; "
        "critical infrastructure; law enforcement; migration; justice. Also AI that is a "
        "safety component of a regulated product (machinery, medical devices).",
    ),
    TierHelp(
        "limited",
        "Limited risk: transparency (Art. 50)",
        "Allowed; people must be told they deal with AI.",
        "Chatbots that must say they are AI; generated or manipulated text, images, audio "
        "and video to be marked as such; deepfakes to be disclosed.",
    ),
    TierHelp(
        "minimal",
        "Minimal risk",
        "Everything else: no new legal duties.",
        "Spam filters; internal drafting aids; code assistants with human review; search "
        "and recommendations of low stakes.",
    ),
)
