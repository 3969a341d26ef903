"""The order the walker asks questions in, over one `AnswerSheet`: questionnaires in the
sheet's order, then sections, then questions, skipping those whose condition is false.

Pure and Qt-free: the page and the navigation tree both read the order from here, and
neither decides which question applies (the scorecard does: `questions[qid].applies`).
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor.content.questionnaire import Question, Questionnaire, Section
from assessor.usecases.answering import AnswerSheet, GivenAnswer


@dataclass(frozen=True)
class Step:
    """One question in walking order, with where it sits."""

    questionnaire: Questionnaire
    section: Section
    question: Question

    @property
    def question_id(self) -> str:
        return self.question.id


class QuestionWalk:
    """Every question of a sheet in order, and which of them apply; built once per sheet."""

    def __init__(self, sheet: AnswerSheet) -> None:
        self.sheet = sheet
        self.steps: tuple[Step, ...] = tuple(
            Step(qn, section, question)
            for qn in sheet.questionnaires
            for section in qn.sections
            for question in section.questions
        )
        self._position = {step.question_id: i for i, step in enumerate(self.steps)}
        results = sheet.scorecard.questions
        self.applicable: frozenset[str] = frozenset(
            step.question_id
            for step in self.steps
            if (result := results.get(step.question_id)) is None or result.applies
        )

    @property
    def shape(self) -> tuple[str, ...]:
        """Every question id in order: two sheets of the same shape share one tree."""
        return tuple(step.question_id for step in self.steps)

    def applies(self, question_id: str) -> bool:
        return question_id in self.applicable

    def step(self, question_id: str) -> Step | None:
        position = self._position.get(question_id)
        return None if position is None else self.steps[position]

    def given(self, question_id: str) -> GivenAnswer | None:
        return self.sheet.answers.get(question_id)

    def applicable_steps(self) -> list[Step]:
        return [step for step in self.steps if step.question_id in self.applicable]

    def first(self) -> str | None:
        """Where to start: the first applicable question not yet answered, else the first."""
        shown = self.applicable_steps()
        unanswered = next((s for s in shown if s.question_id not in self.sheet.answers), None)
        chosen = unanswered or (shown[0] if shown else None)
        return None if chosen is None else chosen.question_id

    def after(self, question_id: str) -> str | None:
        """The next applicable question (also from a question that no longer applies)."""
        start = self._position.get(question_id, -1) + 1
        return next(
            (s.question_id for s in self.steps[start:] if s.question_id in self.applicable), None
        )

    def before(self, question_id: str) -> str | None:
        end = self._position.get(question_id, 0)
        return next(
            (s.question_id for s in reversed(self.steps[:end]) if s.question_id in self.applicable),
            None,
        )

    def nearest(self, question_id: str) -> str | None:
        """The question itself when it applies, else the next one that does (or the one
        before, at the end)."""
        if question_id in self.applicable:
            return question_id
        return self.after(question_id) or self.before(question_id) or self.first()

    def place_in_questionnaire(self, question_id: str) -> tuple[int, int]:
        """(n, of): the question's place among the applicable questions of its
        questionnaire, for "Question 4 of 26"."""
        step = self.step(question_id)
        if step is None:
            return 0, 0
        mine = [q.id for q in step.questionnaire.questions if q.id in self.applicable]
        return (mine.index(question_id) + 1 if question_id in mine else 0), len(mine)

    def answered_count(self) -> tuple[int, int]:
        """(answered, applicable) over the whole sheet, this respondent's answers."""
        answered = sum(1 for qid in self.applicable if qid in self.sheet.answers)
        return answered, len(self.applicable)
