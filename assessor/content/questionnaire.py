"""The questionnaire format: pydantic models, the one truth for content files.

A questionnaire holds sections of questions; each scored question maps an answer to a
value in 0..1 and may carry a critical gate, a condition, references and a
recommendation. These models check everything a single file can get wrong on its own;
what needs other files or the framework catalogue (duplicate ids, condition names,
`depends_on`, citations) is checked in `assessor.library.questionnaires`. The JSON Schema printed by
`assessor schema questionnaire` and the format documentation derive from these models.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

from assessor.content.calendar import DutyId
from assessor.content.conditions import Condition, parse
from assessor.errors import ConditionError
from assessor.identifiers import first_duplicate

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"),
    Field(description="A stable id: letters, digits, '-', '_' or '.', e.g. GR-03."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]
Value = Annotated[float, Field(ge=0, le=1, description="A value from 0 (worst) to 1 (best).")]

#: The values of the five maturity levels when a file does not state them.
MATURITY_VALUES = (0.0, 0.25, 0.5, 0.75, 1.0)
YES_PARTIAL_NO = (("yes", "Yes", 1.0), ("partial", "Partly", 0.5), ("no", "No", 0.0))


class QuestionType(StrEnum):
    MATURITY = "maturity"
    SINGLE = "single"
    MULTI = "multi"
    YES_PARTIAL_NO = "yes_partial_no"
    NUMBER = "number"
    TEXT = "text"


class MultiRule(StrEnum):
    """How the options ticked on a `multi` question make its value."""

    SUM = "sum"  # the sum of the ticked options' values, at most 1
    MAX = "max"  # the highest value among the ticked options
    SHARE = "share"  # ticked options / all options (other than an exclusive one)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Option(_Strict):
    """One answer a person can pick."""

    id: Id
    label: Text
    value: Value | None = Field(
        default=None,
        description="0..1. May be left out on maturity (0, .25, .5, .75, 1) and "
        "yes_partial_no (1, .5, 0) questions, and on multi questions scored by share.",
    )
    descriptor: LongText = Field(
        default="",
        description="What the organisation looks like at this answer: concrete enough that "
        "two people pick the same one.",
    )
    exclusive: bool = Field(
        default=False,
        description="multi only: an answer such as 'None of these' that cannot be ticked "
        "with others.",
    )


class Band(_Strict):
    """A range of a number question, mapped to a value. `min` inclusive, `max` exclusive."""

    min: float | None = None
    max: float | None = None
    value: Value
    label: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min is not None and self.max is not None and self.min >= self.max:
            raise ValueError(f"band min {self.min:g} must be below its max {self.max:g}")
        return self

    def contains(self, number: float) -> bool:
        return (self.min is None or number >= self.min) and (self.max is None or number < self.max)


class Critical(_Strict):
    """A gate: an answer below `below` caps the domain's level at `cap` and is a blocker."""

    below: Annotated[float, Field(gt=0, le=1)]
    cap: Annotated[int, Field(ge=1, le=5)]
    reason: Text = Field(description="Why this is a blocker, as the report will say it.")


class Reference(_Strict):
    framework: Annotated[str, Field(description="A key of the framework catalogue.")]
    id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Recommendation(_Strict):
    """The work that closes the gap a question reveals."""

    id: Id
    title: Text
    actions: Annotated[list[Text], Field(min_length=1)]
    effort: Literal["S", "M", "L"]
    impact: Literal["low", "medium", "high"]
    owner: Text = Field(description="A role, e.g. Chief Risk Officer.")
    depends_on: list[Id] = Field(default_factory=list)
    duties: list[DutyId] = Field(
        default_factory=list,
        description="Ids of the regulatory calendar's duties this work serves; when one binds "
        "the client, the roadmap places the work before its date.",
    )


def _recommendation_kind(value: object) -> str:
    return "ref" if isinstance(value, str) else "full"


RecommendationOrId = Annotated[
    Annotated[Recommendation, Tag("full")] | Annotated[Id, Tag("ref")],
    Discriminator(_recommendation_kind),
]


class Question(_Strict):
    id: Id
    type: QuestionType
    prompt: Text
    help: LongText = ""
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    options: list[Option] = Field(default_factory=list)
    rule: MultiRule | None = Field(default=None, description="multi only: how ticks score.")
    bands: list[Band] = Field(default_factory=list, description="number only.")
    unit: str = Field(default="", description="number only: what the number counts.")
    allow_na: bool = False
    critical: Critical | None = None
    applies_when: str | None = None
    references: list[Reference] = Field(default_factory=list)
    duties: list[DutyId] = Field(
        default_factory=list,
        description="Ids of the regulatory calendar's duties the question is about; write "
        "their dates in text as {duty:ID}.",
    )
    recommendation: RecommendationOrId | None = Field(
        default=None,
        description="The work to do when the answer falls short, or the id of a "
        "recommendation written on another question.",
    )

    @property
    def scored(self) -> bool:
        return self.type is not QuestionType.TEXT

    @cached_property
    def condition(self) -> Condition | None:
        """The parsed `applies_when`."""
        return parse(self.applies_when) if self.applies_when else None

    @property
    def recommendation_id(self) -> str | None:
        rec = self.recommendation
        return rec if isinstance(rec, str) or rec is None else rec.id

    def option(self, option_id: str) -> Option | None:
        return self._options_by_id.get(option_id)

    @cached_property
    def _options_by_id(self) -> dict[str, Option]:
        return {o.id: o for o in self.options}

    @field_validator("applies_when")
    @classmethod
    def _parses(cls, text: str | None) -> str | None:
        if text is not None:
            try:
                parse(text)
            except ConditionError as error:
                raise ValueError(f"condition {error}") from None
        return text

    @model_validator(mode="after")
    def _fits_type(self) -> Self:
        kind = self.type
        ids = [o.id for o in self.options]
        duplicate = first_duplicate(ids)
        if duplicate:
            raise ValueError(f"option id {duplicate!r} is used twice")
        if kind is not QuestionType.NUMBER and (self.bands or self.unit):
            raise ValueError("only number questions have bands or a unit")
        if kind is not QuestionType.MULTI and (self.rule or any(o.exclusive for o in self.options)):
            raise ValueError("only multi questions have a rule or exclusive options")
        checks = {
            QuestionType.MATURITY: self._maturity,
            QuestionType.SINGLE: self._single,
            QuestionType.MULTI: self._multi,
            QuestionType.YES_PARTIAL_NO: self._yes_partial_no,
            QuestionType.NUMBER: self._number,
            QuestionType.TEXT: self._text,
        }
        checks[kind]()
        return self

    def _maturity(self) -> None:
        if len(self.options) != 5:
            raise ValueError(
                f"a maturity question has exactly five options, from lowest to highest; "
                f"this one has {len(self.options)}"
            )
        values = [o.value for o in self.options]
        if all(v is None for v in values):
            for option, value in zip(self.options, MATURITY_VALUES, strict=True):
                option.value = value
        elif any(v is None for v in values):
            raise ValueError("give a value to all five options or to none (0, .25, .5, .75, 1)")
        elif any(b <= a for a, b in itertools.pairwise(values)):  # type: ignore[operator]
            raise ValueError(
                "maturity options go from lowest to highest value, each above the last"
            )

    def _single(self) -> None:
        if len(self.options) < 2:
            raise ValueError("a single-choice question needs at least two options")
        missing = [o.id for o in self.options if o.value is None]
        if missing:
            raise ValueError(f"every option needs a value; missing on {', '.join(missing)}")

    def _multi(self) -> None:
        if len(self.options) < 2:
            raise ValueError("a multi-choice question needs at least two options")
        if self.rule is None:
            raise ValueError("a multi question states its rule: sum, max or share")
        if sum(o.exclusive for o in self.options) > 1:
            raise ValueError("a multi question has at most one exclusive option")
        for option in self.options:
            if option.exclusive:
                if option.value not in (None, 0):
                    raise ValueError(f"the exclusive option {option.id!r} scores 0")
                option.value = 0.0
            elif option.value is None:
                if self.rule is not MultiRule.SHARE:
                    raise ValueError(f"option {option.id!r} needs a value under rule {self.rule}")
                option.value = 1.0

    def _yes_partial_no(self) -> None:
        defaults = {key: (label, value) for key, label, value in YES_PARTIAL_NO}
        if not self.options:
            self.options = [
                Option(id=k, label=label, value=v) for k, (label, v) in defaults.items()
            ]
            return
        if [o.id for o in self.options] != list(defaults):
            raise ValueError(
                "a yes_partial_no question's options are yes, partial and no, in order"
            )
        for option in self.options:
            if option.value is None:
                option.value = defaults[option.id][1]

    def _number(self) -> None:
        if self.options:
            raise ValueError("a number question has bands, not options")
        if not self.bands:
            raise ValueError("a number question maps its answer to values with bands")
        for lower, upper in zip(self.bands, self.bands[1:], strict=False):
            if lower.max is None or upper.min is None or upper.min < lower.max:
                raise ValueError(
                    "bands go upwards and must not overlap (min inclusive, max exclusive)"
                )

    def _text(self) -> None:
        if self.options or self.critical or self.recommendation:
            raise ValueError(
                "a text question is not scored: no options, critical or recommendation"
            )

    def band_for(self, number: float) -> Band | None:
        return next((b for b in self.bands if b.contains(number)), None)


class Section(_Strict):
    id: Id
    title: Text
    description: LongText = ""
    questions: Annotated[list[Question], Field(min_length=1)]


class Questionnaire(_Strict):
    id: Id
    version: Annotated[
        str,
        StringConstraints(pattern=r"^\d+(\.\d+){0,2}$"),
        Field(description='Quoted, e.g. "1.2": the version the assessments record.'),
    ]
    title: Text
    domain: Annotated[
        str,
        StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,39}$"),
        Field(
            description="governance, compliance, guardrails, infrastructure, data, people, "
            "or a domain of your own (lower case)."
        ),
    ]
    description: LongText = ""
    sections: Annotated[list[Section], Field(min_length=1)]

    @property
    def questions(self) -> list[Question]:
        """All questions in the order they are asked."""
        return [q for s in self.sections for q in s.questions]

    @property
    def scored_questions(self) -> list[Question]:
        return [q for q in self.questions if q.scored]


def questions_by_id(questionnaires: Iterable[Questionnaire]) -> dict[str, Question]:
    """Every question of some questionnaires, by id (ids are unique across them)."""
    return {q.id: q for qn in questionnaires for q in qn.questions}


def recommendations_of(questionnaires: Iterable[Questionnaire]) -> dict[str, Recommendation]:
    """Every recommendation written in full, by id."""
    return {
        q.recommendation.id: q.recommendation
        for qn in questionnaires
        for q in qn.questions
        if isinstance(q.recommendation, Recommendation)
    }


def guidance_and_evidence(help_text: str) -> tuple[str, str]:
    """A question's help split into what to look for and the evidence to have at hand
    (the text after "Evidence:", up to the end of its sentence list); either may be empty."""
    head, marker, tail = help_text.partition("Evidence:")
    if not marker:
        return help_text.strip(), ""
    evidence, _stop, rest = tail.partition(". ")
    guidance = " ".join(part.strip() for part in (head, rest) if part.strip())
    evidence = evidence.strip().rstrip(".")
    return guidance, (evidence[:1].upper() + evidence[1:] + ".") if evidence else ""


#: Minutes an executive takes over one question of each type, measured on the bundled
#: content in trial runs (reading the descriptors of a maturity question takes longest).
MINUTES_PER_QUESTION: dict[QuestionType, float] = {
    QuestionType.MATURITY: 1.0,
    QuestionType.SINGLE: 0.6,
    QuestionType.MULTI: 0.8,
    QuestionType.YES_PARTIAL_NO: 0.5,
    QuestionType.NUMBER: 0.5,
    QuestionType.TEXT: 1.5,
}


def estimated_minutes(questionnaire: Questionnaire) -> tuple[int, int]:
    """How long answering takes, as a range: the questions always asked, and all of them
    (those that depend on a condition may not be asked). Rounded up to whole minutes."""
    always = sum(
        MINUTES_PER_QUESTION[q.type] for q in questionnaire.questions if not q.applies_when
    )
    every = sum(MINUTES_PER_QUESTION[q.type] for q in questionnaire.questions)
    return math.ceil(always), math.ceil(every)


#: Every model of the format, for documentation checks and readable error messages.
FORMAT_MODELS: tuple[type[BaseModel], ...] = (
    Questionnaire,
    Section,
    Question,
    Option,
    Band,
    Critical,
    Reference,
    Recommendation,
)
