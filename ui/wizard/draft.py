"""What the user has entered in the wizard so far, as one value the summary shows and
the wizard hands to the core's `create_assessment`."""

from __future__ import annotations

from dataclasses import dataclass, field

from assessor.content.context import AssessmentContext
from ui.wizard.models import QuestionnaireChoice


@dataclass(frozen=True)
class Draft:
    client_name: str
    client_id: int | None  # None: a new client, created with the assessment
    title: str
    context: AssessmentContext
    questionnaires: list[QuestionnaireChoice]
    client_details: dict[str, str] = field(default_factory=dict)
    client_assessments: int = 0  # how many the existing client already has

    @property
    def domains(self) -> list[str]:
        """The domains of the chosen questionnaires, each once, in the order chosen."""
        return list(dict.fromkeys(c.loaded.questionnaire.domain for c in self.questionnaires))
