"""Answers: what a person can say to a question, checked against that question.

An answer is written the same way everywhere (the assessment file, `assessor answer`,
the app): an option id, a list of option ids, a number, a text, or one of the two
words `"n/a"` and `"dont_know"`; `null` is a cleared answer (the question is unanswered
again), kept in the history like any other. `parse_answer` checks one against its question and
returns a typed `Answer`; `value_of` gives its value in 0..1 by the question's rule.
Both are pure; nothing here reads or writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from assessor.content.questionnaire import MultiRule, Question, QuestionType
from assessor.errors import AssessorError, InputError
from assessor.json_input import load_json
from assessor.limits import TEXT_ANSWER_MAX, multi_line, number_literal, quoted
from assessor.limits import number as bounded_number

NOT_APPLICABLE = "n/a"
DONT_KNOW = "dont_know"

AnswerKind = Literal["option", "options", "number", "text", "na", "dont_know", "cleared"]
RawAnswer = str | int | float | list[str] | None


class AnswerError(AssessorError):
    """An answer a question cannot take; the message says what it can take."""


@dataclass(frozen=True)
class Answer:
    """One checked answer to one question."""

    kind: AnswerKind
    option: str | None = None
    options: tuple[str, ...] = ()
    number: float | None = None
    text: str | None = None

    @property
    def cleared(self) -> bool:
        """A cleared answer: the question is unanswered again."""
        return self.kind == "cleared"

    @property
    def raw(self) -> RawAnswer:
        """The answer as written in files and on the command line."""
        if self.kind == "cleared":
            return None
        if self.kind == "na":
            return NOT_APPLICABLE
        if self.kind == "dont_know":
            return DONT_KNOW
        if self.kind == "option":
            assert self.option is not None
            return self.option
        if self.kind == "options":
            return list(self.options)
        if self.kind == "number":
            assert self.number is not None
            return int(self.number) if self.number.is_integer() else self.number
        return self.text or ""

    def to_json(self) -> str:
        return json.dumps(self.raw, ensure_ascii=False)


MAX_TEXT = TEXT_ANSWER_MAX
CLEARED = Answer("cleared")


def parse_answer(question: Question, raw: object) -> Answer:
    """Check `raw` against `question` and return it typed, or raise AnswerError."""
    if raw is None:
        return CLEARED
    if raw == NOT_APPLICABLE:
        if not question.allow_na:
            raise AnswerError(f'{question.id} does not allow "n/a"; answer it or use "dont_know"')
        return Answer("na")
    if raw == DONT_KNOW:
        if not question.scored:
            raise AnswerError(f'{question.id} is a text question; "dont_know" is for scored ones')
        return Answer("dont_know")
    kind = question.type
    if kind is QuestionType.TEXT:
        if not isinstance(raw, str):
            raise AnswerError(f"{question.id} takes text, not {_describe(raw)}")
        try:
            return Answer("text", text=multi_line(raw, question.id, max_length=MAX_TEXT))
        except InputError as error:
            raise AnswerError(str(error)) from None
    if kind is QuestionType.NUMBER:
        return _number(question, raw)
    if kind is QuestionType.MULTI:
        return _options(question, raw)
    if not isinstance(raw, str) or question.option(raw) is None:
        raise AnswerError(
            f"{question.id} takes one of: {_option_ids(question)}, "
            f'"n/a" or "dont_know"; not {_describe(raw)}'
            if question.allow_na
            else f'{question.id} takes one of: {_option_ids(question)} or "dont_know"; '
            f"not {_describe(raw)}"
        )
    return Answer("option", option=raw)


def _number(question: Question, raw: object) -> Answer:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise AnswerError(
            f"{question.id} takes a number ({question.unit or 'no unit'}), not {_describe(raw)}"
        )
    try:
        number = bounded_number(raw, question.id)
    except InputError as error:
        raise AnswerError(str(error)) from None
    if question.band_for(number) is None:
        raise AnswerError(f"{question.id}: {number:g} is outside every band of this question")
    return Answer("number", number=number)


def _options(question: Question, raw: object) -> Answer:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise AnswerError(f"{question.id} takes a list of option ids, not {_describe(raw)}")
    unknown = [item for item in raw if question.option(item) is None]
    if unknown:
        raise AnswerError(
            f"{question.id} has no option {quoted(unknown[0])} (options: {_option_ids(question)})"
        )
    if not raw:
        none = next((o.id for o in question.options if o.exclusive), None)
        raise AnswerError(
            f"{question.id}: tick at least one option"
            + (f" ({none!r} if none applies)" if none else "")
            + "; to leave it unanswered, clear the answer"
        )
    chosen = tuple(dict.fromkeys(raw))  # keep order, drop repeats
    exclusive = [o.id for o in question.options if o.exclusive and o.id in chosen]
    if exclusive and len(chosen) > 1:
        raise AnswerError(f"{question.id}: {exclusive[0]!r} cannot be ticked with other options")
    return Answer("options", options=chosen)


def value_of(question: Question, answer: Answer) -> float | None:
    """The answer's value in 0..1; None for "n/a", text and a cleared answer."""
    if answer.kind in {"na", "text", "cleared"}:
        return None
    if answer.kind == "dont_know":
        return 0.0
    if answer.kind == "number":
        assert answer.number is not None
        band = question.band_for(answer.number)
        return band.value if band is not None else None
    if answer.kind == "option":
        option = question.option(answer.option or "")
        return option.value if option is not None else None
    chosen = [o for o in question.options if o.id in answer.options]
    values = [o.value or 0.0 for o in chosen if not o.exclusive]
    if question.rule is MultiRule.SUM:
        return min(1.0, sum(values))
    if question.rule is MultiRule.MAX:
        return max(values, default=0.0)
    countable = [o for o in question.options if not o.exclusive]
    return len(values) / len(countable) if countable else 0.0


def parse_command_line_answer(question: Question, text: str) -> Answer:
    """Read an answer typed on the command line: `l3`, `4.5`, `a,b`, `["a"]`, `n/a`."""
    stripped = text.strip()
    if question.type is QuestionType.TEXT or stripped in {NOT_APPLICABLE, DONT_KNOW}:
        return parse_answer(question, stripped if question.scored else text)
    if stripped.startswith("["):
        try:
            given = load_json(stripped)
        except InputError as error:
            raise AnswerError(
                f"{question.id}: the answer is not a usable JSON list: {error}"
            ) from None
        return parse_answer(question, given)
    if question.type is QuestionType.NUMBER:
        try:
            typed = float(number_literal(stripped))
        except InputError as error:
            raise AnswerError(f"{question.id}: {error}") from None
        except ValueError:
            raise AnswerError(f"{question.id} takes a number, not {quoted(text)}") from None
        return parse_answer(question, typed)
    if question.type is QuestionType.MULTI:
        return parse_answer(
            question, [part.strip() for part in stripped.split(",") if part.strip()]
        )
    return parse_answer(question, stripped)


def _option_ids(question: Question) -> str:
    return ", ".join(o.id for o in question.options)


def _describe(raw: object) -> str:
    text = json.dumps(raw, ensure_ascii=False) if not isinstance(raw, float) else f"{raw:g}"
    return text if len(text) <= 40 else text[:37] + "..."


def answer_text(question: Question, raw: object) -> str:
    """An answer in the words the respondent chose it by (report, history, results)."""
    if raw is None:
        return "Cleared"
    if raw == NOT_APPLICABLE:
        return "Not applicable"
    if raw == DONT_KNOW:
        return "Don't know"
    if question.type is QuestionType.TEXT:
        return str(raw)
    if question.type is QuestionType.NUMBER and isinstance(raw, int | float):
        band = question.band_for(float(raw))
        unit = f" {question.unit}" if question.unit else ""
        return f"{raw:g}{unit}" + (f" ({band.label})" if band and band.label else "")
    ids = raw if isinstance(raw, list) else [raw]
    labels = [option.label if (option := question.option(str(i))) else str(i) for i in ids]
    return "; ".join(labels) if labels else "None selected"
