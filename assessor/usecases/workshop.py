"""Workshop use-cases: the participants (add, rename or re-role, remove, bring back) and
what a facilitator reads: one question as the room answered it (`question_panel`) and the
questions the room disagrees on, widest spread first (`divergences`).

Removing a participant keeps their row and every answer they gave, so the history and
the report still name them; from then on their answers do not count (not in scores, not
in the spread) and nobody can answer for them until they are brought back. Each change
runs in one transaction, rescoring when what counts changed, and returns its undo.
Recording answers, the agreed answer included, is `answering.record_answer`'s.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from assessor.content.context import domain_rank, domain_title
from assessor.content.questionnaire import Question
from assessor.errors import UsageError
from assessor.library.installed import Library
from assessor.scoring.answers import AnswerError, answer_text, parse_answer, value_of
from assessor.scoring.scorecard import DIVERGENCE, combine
from assessor.store.database import Respondent, Store, now
from assessor.usecases.answering import question_of, rescore, scorecard
from assessor.usecases.changes import ANSWERED, Change, Changes, Operation, nothing

#: What a removal or a return changes: who is listed, and which answers count.
COUNTED = frozenset({Change.RESPONDENTS, *ANSWERED})
#: The unnamed single user's answers, when an assessment has some beside participants'.
UNNAMED = Respondent("", "You", "")
MAX_NAME = 80


# --- participants ----------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    """A workshop participant, with how many questions they have answered."""

    key: str
    name: str
    role: str
    answered: int
    removed_at: str | None = None

    @property
    def active(self) -> bool:
        return self.removed_at is None


def participants(store: Store, assessment_id: int) -> list[Participant]:
    """Everyone named in the assessment, in the order they joined, removed ones too."""
    answered = Counter(
        r.respondent
        for r in store.current_responses(assessment_id)
        if json.loads(r.answer) is not None
    )
    return [
        Participant(p.key, p.name, p.role, answered[p.key], p.removed_at)
        for p in store.respondents(assessment_id)
    ]


def key_for(name: str, taken: set[str]) -> str:
    """A stable id from a name ("Amélie Laurent" -> "amelie-laurent"), unique in `taken`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "participant"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def _checked_name(store: Store, assessment_id: int, name: str, key: str = "") -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UsageError("a participant needs a name")
    if len(cleaned) > MAX_NAME:
        raise UsageError(f"a participant's name is at most {MAX_NAME} characters")
    for other in store.respondents(assessment_id):
        if other.active and other.key != key and other.name.casefold() == cleaned.casefold():
            raise UsageError(
                f"there is already a participant called {other.name}; add a surname or an "
                "initial to tell them apart"
            )
    return cleaned


def _participant(store: Store, assessment_id: int, key: str) -> Respondent:
    found = next((p for p in store.respondents(assessment_id) if p.key == key), None)
    if found is None:
        store.assessment(assessment_id)  # a missing assessment is the clearer message
        raise UsageError(f"assessment {assessment_id} has no participant {key!r}")
    return found


def add_participant(store: Store, assessment_id: int, name: str, role: str = "") -> Changes[str]:
    """Add a participant (their id is made from the name); the value is the id."""
    with store.atomic():
        cleaned = _checked_name(store, assessment_id, name)
        key = key_for(cleaned, {p.key for p in store.respondents(assessment_id)})
        store.add_respondent(assessment_id, key, cleaned, " ".join(role.split()))
    undo = ParticipantRemoval(assessment_id, key, f"adding {cleaned}")
    return Changes(frozenset({Change.RESPONDENTS}), assessment_id, value=key, undo=undo)


def edit_participant(
    store: Store, assessment_id: int, key: str, name: str, role: str
) -> Changes[None]:
    """A participant's new name and role; their answers stay theirs."""
    with store.atomic():
        before = _participant(store, assessment_id, key)
        cleaned = _checked_name(store, assessment_id, name, key)
        role = " ".join(role.split())
        if (cleaned, role) == (before.name, before.role):
            return nothing(assessment_id)
        store.edit_respondent(assessment_id, key, cleaned, role)
    undo = ParticipantEdit(assessment_id, key, before.name, before.role, f"change to {cleaned}")
    return Changes(frozenset({Change.RESPONDENTS}), assessment_id, undo=undo)


def remove_participant(
    store: Store, library: Library, assessment_id: int, key: str
) -> Changes[None]:
    """Take a participant out of the workshop: their answers stay in the history and the
    report, and no longer count in scoring."""
    return _set_removed(store, library, assessment_id, key, removed=True)


def restore_participant(
    store: Store, library: Library, assessment_id: int, key: str
) -> Changes[None]:
    """Bring a removed participant back: their latest answers count again."""
    return _set_removed(store, library, assessment_id, key, removed=False)


def _set_removed(
    store: Store,
    library: Library,
    assessment_id: int,
    key: str,
    removed: bool,
    description: str | None = None,
) -> Changes[None]:
    """Remove or bring back, rescoring in the same transaction. `description` words the
    undo when it is itself an undo or redo, so that both read the same."""
    with store.atomic():
        person = _participant(store, assessment_id, key)
        if person.active != removed:
            return nothing(assessment_id)
        store.set_respondent_removed(assessment_id, key, now() if removed else None)
        rescore(store, library, assessment_id)
    if description is None:
        description = f"{'removal' if removed else 'return'} of {person.name}"
    undo: Operation = (
        ParticipantReturn(assessment_id, key, description)
        if removed
        else ParticipantRemoval(assessment_id, key, description)
    )
    return Changes(COUNTED, assessment_id, undo=undo)


@dataclass(frozen=True)
class ParticipantRemoval:
    """Replays a removal: the undo of adding or bringing back a participant."""

    assessment_id: int
    key: str
    description: str

    def run(self, store: Store, library: Library) -> Changes[None]:
        return _set_removed(store, library, self.assessment_id, self.key, True, self.description)


@dataclass(frozen=True)
class ParticipantReturn:
    """Replays a return: the undo of removing a participant."""

    assessment_id: int
    key: str
    description: str

    def run(self, store: Store, library: Library) -> Changes[None]:
        return _set_removed(store, library, self.assessment_id, self.key, False, self.description)


@dataclass(frozen=True)
class ParticipantEdit:
    """Replays a name and role: the undo of `edit_participant`."""

    assessment_id: int
    key: str
    name: str
    role: str
    description: str

    def run(self, store: Store, library: Library) -> Changes[None]:
        changes = edit_participant(store, self.assessment_id, self.key, self.name, self.role)
        if isinstance(changes.undo, ParticipantEdit):  # the redo reads as the undo did
            changes = replace(changes, undo=replace(changes.undo, description=self.description))
        return changes


# --- the facilitator's reads -------------------------------------------------------------


@dataclass(frozen=True)
class RoomAnswer:
    """One participant's current answer to a question (`raw` None: not answered yet)."""

    participant: Respondent
    raw: object = None
    text: str = ""
    note: str = ""
    flagged: bool = False
    value: float | None = None  # in 0..1, as scoring reads it
    answered_at: str = ""

    @property
    def answered(self) -> bool:
        return self.raw is not None

    @property
    def counted(self) -> bool:
        """Whether scoring counts it: given, by someone still in the workshop."""
        return self.answered and self.participant.active


@dataclass(frozen=True)
class AgreedAnswer:
    raw: object
    text: str
    note: str
    agreed_at: str


@dataclass(frozen=True)
class QuestionPanel:
    """One question as the room answered it: what a facilitator looks at, in one read."""

    assessment_id: int
    question: Question
    where: str  # "Strategy and governance · Risk management"
    answers: tuple[RoomAnswer, ...]  # each participant in the order they joined
    agreed: AgreedAnswer | None
    spread: float | None  # max - min of the counted values; None under two of them
    value: float | None  # what scoring counts: the agreed answer's value, else the mean

    @property
    def divergent(self) -> bool:
        return self.spread is not None and self.spread >= DIVERGENCE

    @property
    def counted(self) -> tuple[RoomAnswer, ...]:
        return tuple(a for a in self.answers if a.counted)

    def chosen_by(self, option_id: str) -> tuple[str, ...]:
        """The names of the participants whose counted answer is, or includes, an option."""
        return tuple(
            a.participant.name
            for a in self.counted
            if a.raw == option_id or (isinstance(a.raw, list) and option_id in a.raw)
        )

    @property
    def majority(self) -> object:
        """The answer more counted participants gave than any other, or None (a tie, or
        nobody answered)."""
        tally = Counter(json.dumps(a.raw, sort_keys=True) for a in self.counted)
        ranked = tally.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return json.loads(ranked[0][0])


def _where(store: Store, assessment_id: int, question_id: str) -> str:
    for questionnaire in store.questionnaires_of(assessment_id):
        for section in questionnaire.sections:
            if any(q.id == question_id for q in section.questions):
                return f"{domain_title(questionnaire.domain)} · {section.title}"
    return ""


def question_panel(
    store: Store, library: Library, assessment_id: int, question_id: str
) -> QuestionPanel:
    """Every participant's answer to a question in words, with their notes, the spread,
    the agreed answer and the value scoring counts."""
    question = question_of(store, assessment_id, question_id)
    people = store.respondents(assessment_id)
    latest = {
        r.respondent: r
        for r in store.current_responses(assessment_id)
        if r.question_id == question_id
    }
    if "" in latest and json.loads(latest[""].answer) is not None:
        people = [UNNAMED, *people]
    answers = []
    for person in people:
        record = latest.get(person.key)
        raw = json.loads(record.answer) if record is not None else None
        if raw is None:
            if person.active:
                answers.append(RoomAnswer(person))
            continue  # a removed participant who never answered is not shown
        assert record is not None
        answers.append(
            RoomAnswer(
                person,
                raw,
                answer_text(question, raw),
                record.note,
                record.flagged,
                _value(question, raw),
                record.answered_at,
            )
        )
    agreed_rows = [row for row in store.all_agreed(assessment_id) if row[0] == question_id]
    agreed = None
    if agreed_rows and (raw := json.loads(agreed_rows[-1][1])) is not None:
        _qid, _answer, note, agreed_at, _by = agreed_rows[-1]
        agreed = AgreedAnswer(raw, answer_text(question, raw), note, agreed_at)
    said = store.current_answers(assessment_id, {question_id: question}).get(question_id)
    combined = combine(question, said) if said is not None else None
    return QuestionPanel(
        assessment_id,
        question,
        _where(store, assessment_id, question_id),
        tuple(answers),
        agreed,
        combined.spread if combined is not None else None,
        combined.value if combined is not None else None,
    )


def _value(question: Question, raw: object) -> float | None:
    try:
        return value_of(question, parse_answer(question, raw))
    except AnswerError:  # an answer this version of the question cannot take: not counted
        return None


@dataclass(frozen=True)
class Divergence:
    """A question the room answered differently: who said what, and the spread."""

    question_id: str
    prompt: str
    where: str
    spread: float
    said: tuple[tuple[str, str], ...]  # (participant's name, answer in words)
    agreed: str | None  # the agreed answer in words, or None

    @property
    def divergent(self) -> bool:
        return self.spread >= DIVERGENCE


def divergences(store: Store, library: Library, assessment_id: int) -> list[Divergence]:
    """The questions the counted answers differ on, widest spread first (then in the
    order they are asked); those at DIVERGENCE or more are the scorecard's divergent ones."""
    card = scorecard(store, library, assessment_id)
    names = {p.key: p.name for p in store.respondents(assessment_id) if p.active}
    names[""] = UNNAMED.name
    latest: dict[str, list[tuple[str, object]]] = {}
    for r in store.current_responses(assessment_id):
        raw = json.loads(r.answer)
        if raw is not None and r.respondent in names:
            latest.setdefault(r.question_id, []).append((names[r.respondent], raw))
    agreed: dict[str, object] = {
        row[0]: json.loads(row[1]) for row in store.all_agreed(assessment_id)
    }
    found: list[tuple[float, int, Divergence]] = []
    order = 0
    questionnaires = sorted(
        store.questionnaires_of(assessment_id), key=lambda q: domain_rank(q.domain)
    )
    for questionnaire in questionnaires:
        for section in questionnaire.sections:
            for question in section.questions:
                order += 1
                result = card.questions.get(question.id)
                if result is None or not result.applies or not result.spread:
                    continue
                said = tuple(
                    (name, answer_text(question, raw)) for name, raw in latest.get(question.id, [])
                )
                settled = agreed.get(question.id)
                divergence = Divergence(
                    question.id,
                    question.prompt,
                    f"{domain_title(questionnaire.domain)} · {section.title}",
                    result.spread,
                    said,
                    None if settled is None else answer_text(question, settled),
                )
                found.append((-result.spread, order, divergence))
    return [divergence for _spread, _order, divergence in sorted(found, key=lambda f: f[:2])]
