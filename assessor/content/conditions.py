"""The `applies_when` language: parse, check against the content, evaluate.

A small expression language over the assessment context and earlier answers:

    industry in ["finance", "healthcare"] and not ("EU" in regions)
    answer("GR-01") >= 0.5 or size >= "large"

It is parsed by the recursive-descent parser below, never by Python's `eval`. `parse`
only knows the grammar; `check` knows the vocabulary and the questions of one
questionnaire; `evaluate` is pure and total (anything compared with "none" is false).
Errors carry the 1-based column of the offending token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assessor.content.context import CONTEXT_FIELDS, FieldSpec
from assessor.errors import ConditionError

MAX_LENGTH = 2000
MAX_DEPTH = 40

# --- Syntax tree -------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    value: str | float
    column: int


@dataclass(frozen=True)
class ListLiteral:
    items: tuple[Literal, ...]
    column: int


@dataclass(frozen=True)
class Field:
    name: str
    column: int


@dataclass(frozen=True)
class Answer:
    question_id: str
    column: int


@dataclass(frozen=True)
class Compare:
    op: str  # == != < <= > >= in "not in"
    left: Operand
    right: Operand
    column: int


@dataclass(frozen=True)
class Not:
    operand: Condition
    column: int


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    operands: tuple[Condition, ...]
    column: int


Operand = Literal | ListLiteral | Field | Answer
Condition = Compare | Not | BoolOp
Node = Operand | Condition

# --- Tokens -------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<punct>[()\[\],])
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in"}


@dataclass(frozen=True)
class _Token:
    kind: str  # number string name keyword op punct end
    text: str
    column: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            char = text[pos]
            if char in "\"'":
                raise ConditionError("this text is not closed with a matching quote", pos + 1)
            if char == "=":
                raise ConditionError("'=' is not an operator; write '==' to compare", pos + 1)
            raise ConditionError(f"unexpected character {char!r}", pos + 1)
        kind = match.lastgroup or ""
        value = match.group()
        if kind != "space":
            if kind == "name" and value in _KEYWORDS:
                kind = "keyword"
            tokens.append(_Token(kind, value, pos + 1))
        pos = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text[1:-1])


# --- Parser -------------------------------------------------------------------------


class _Parser:
    """condition := or ; or := and ("or" and)* ; and := unary ("and" unary)* ;
    unary := "not" unary | comparison ; comparison := operand (OP operand)? ;
    operand := "(" condition ")" | literal | list | answer "(" string ")" | field"""

    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, text: str, what: str) -> _Token:
        if self.token.text != text or self.token.kind in {"string", "end"}:
            found = "the end" if self.token.kind == "end" else repr(self.token.text)
            raise ConditionError(f"expected {what}, found {found}", self.token.column)
        return self.advance()

    def parse(self) -> Node:
        node = self.parse_or()
        if self.token.kind != "end":
            raise ConditionError(
                f"unexpected {self.token.text!r}; join conditions with 'and' or 'or'",
                self.token.column,
            )
        return node

    def nested(self, column: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError("the expression is nested too deeply", column)

    def parse_or(self) -> Node:
        return self.parse_bool("or", self.parse_and)

    def parse_and(self) -> Node:
        return self.parse_bool("and", self.parse_unary)

    def parse_bool(self, op: str, parse_next: Callable[[], Node]) -> Node:
        column = self.token.column
        operands = [parse_next()]
        while self.token.kind == "keyword" and self.token.text == op:
            self.advance()
            operands.append(parse_next())
        if len(operands) == 1:
            return operands[0]
        return BoolOp(op, tuple(_as_condition(o, op) for o in operands), column)

    def parse_unary(self) -> Node:
        if self.token.kind == "keyword" and self.token.text == "not":
            column = self.advance().column
            self.nested(column)
            operand = self.parse_unary()
            self.depth -= 1
            return Not(_as_condition(operand, "not"), column)
        return self.parse_comparison()

    def parse_comparison(self) -> Node:
        left = self.parse_operand()
        token = self.token
        if token.kind == "op" or (token.kind == "keyword" and token.text == "in"):
            op = self.advance().text
        elif token.kind == "keyword" and token.text == "not" and self._next_is_in():
            self.advance()
            self.advance()
            op = "not in"
        else:
            return left
        if isinstance(left, Compare | Not | BoolOp):
            raise ConditionError(
                f"'{op}' cannot compare a condition; put comparisons side by side with 'and'",
                token.column,
            )
        right = self.parse_operand()
        if isinstance(right, Compare | Not | BoolOp):
            raise ConditionError(f"'{op}' needs a value on its right", token.column)
        return Compare(op, left, right, token.column)

    def _next_is_in(self) -> bool:
        following = self.tokens[self.index + 1]
        return following.kind == "keyword" and following.text == "in"

    def parse_operand(self) -> Node:
        token = self.token
        if token.text == "(" and token.kind == "punct":
            self.advance()
            self.nested(token.column)
            node = self.parse_or()
            self.depth -= 1
            self.expect(")", "')'")
            return node
        if token.text == "[" and token.kind == "punct":
            return self.parse_list()
        if token.kind in {"string", "number"}:
            return self.parse_literal()
        if token.kind == "name":
            self.advance()
            if token.text == "answer":
                self.expect("(", "'(' after answer")
                if self.token.kind != "string":
                    raise ConditionError(
                        'answer() takes a question id in quotes, e.g. answer("GR-01")',
                        self.token.column,
                    )
                question_id = _unquote(self.advance().text)
                self.expect(")", "')'")
                return Answer(question_id, token.column)
            if self.token.text == "(" and self.token.kind == "punct":
                raise ConditionError(f"unknown function {token.text!r}", token.column)
            return Field(token.text, token.column)
        found = "the end of the expression" if token.kind == "end" else repr(token.text)
        raise ConditionError(f"expected a value, found {found}", token.column)

    def parse_literal(self) -> Literal:
        token = self.advance()
        if token.kind == "string":
            return Literal(_unquote(token.text), token.column)
        return Literal(float(token.text), token.column)

    def parse_list(self) -> ListLiteral:
        column = self.advance().column
        items: list[Literal] = []
        while not (self.token.text == "]" and self.token.kind == "punct"):
            if self.token.kind not in {"string", "number"}:
                found = "the end" if self.token.kind == "end" else repr(self.token.text)
                raise ConditionError(
                    f"a list holds text or numbers only, found {found}", self.token.column
                )
            items.append(self.parse_literal())
            if self.token.text == ",":
                self.advance()
            elif self.token.text != "]":
                raise ConditionError("expected ',' or ']' in the list", self.token.column)
        self.advance()
        return ListLiteral(tuple(items), column)


def _as_condition(node: Node, op: str) -> Condition:
    if isinstance(node, Compare | Not | BoolOp):
        return node
    raise ConditionError(_not_a_condition(node, op), node.column)


def _not_a_condition(node: Operand, where: str) -> str:
    if isinstance(node, Field):
        return f"'{node.name}' alone is not a condition; compare it, e.g. {_example(node.name)}"
    if isinstance(node, Answer):
        return f'answer("{node.question_id}") alone is not a condition; compare it, e.g. >= 0.5'
    return f"a value alone is not a condition ({where})"


def _example(name: str) -> str:
    spec = CONTEXT_FIELDS.get(name)
    if spec is None:
        return 'industry == "finance"'
    if spec.is_list:
        return f'"{spec.values[0]}" in {name}'
    return f'{name} == "{spec.values[0]}"'


@lru_cache(maxsize=4096)
def parse(text: str) -> Condition:
    """Parse an expression into its tree; raise ConditionError with the column."""
    if not text.strip():
        raise ConditionError("the condition is empty", 1)
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"the condition is longer than {MAX_LENGTH} characters", 1)
    node = _Parser(text).parse()
    return _as_condition(node, "the whole expression")


# --- Checking against the content ---------------------------------------------------


@dataclass(frozen=True)
class QuestionFacts:
    """What the checker needs to know of a question that an expression names."""

    position: int  # order in its questionnaire
    scored: bool


def check(
    node: Condition,
    questions: Mapping[str, QuestionFacts],
    position: int,
    elsewhere: Callable[[str], str | None] = lambda _id: None,
) -> list[ConditionError]:
    """Every problem in `node` for a question at `position` of a questionnaire.

    `questions` holds that questionnaire's questions; `elsewhere(id)` names the other
    questionnaire that holds an id, for a clearer message.
    """
    problems: list[ConditionError] = []
    _Checker(questions, position, elsewhere, problems).condition(node)
    return problems


@dataclass
class _Checker:
    questions: Mapping[str, QuestionFacts]
    position: int
    elsewhere: Callable[[str], str | None]
    problems: list[ConditionError]

    def fail(self, message: str, column: int) -> None:
        self.problems.append(ConditionError(message, column))

    def condition(self, node: Condition) -> None:
        if isinstance(node, BoolOp):
            for operand in node.operands:
                self.condition(operand)
        elif isinstance(node, Not):
            self.condition(node.operand)
        else:
            self.compare(node)

    def operand(self, node: Operand) -> str:
        """Check an operand and say its kind: field, list-field, number, text, list."""
        if isinstance(node, Field):
            spec = CONTEXT_FIELDS.get(node.name)
            if spec is None:
                known = ", ".join(CONTEXT_FIELDS)
                self.fail(f"unknown field {node.name!r} (known: {known})", node.column)
                return "error"
            return "list-field" if spec.is_list else "field"
        if isinstance(node, Answer):
            self.answer(node)
            return "number"
        if isinstance(node, ListLiteral):
            return "list"
        return "text" if isinstance(node.value, str) else "number"

    def answer(self, node: Answer) -> None:
        facts = self.questions.get(node.question_id)
        if facts is None:
            other = self.elsewhere(node.question_id)
            if other:
                self.fail(
                    f'answer("{node.question_id}") is a question of questionnaire {other!r}; '
                    "a condition can only use answers of its own questionnaire",
                    node.column,
                )
            else:
                self.fail(f"unknown question id {node.question_id!r}", node.column)
        elif facts.position >= self.position:
            self.fail(
                f'answer("{node.question_id}") refers to a question that is not asked before '
                "this one; a condition can only use earlier answers",
                node.column,
            )
        elif not facts.scored:
            self.fail(
                f'answer("{node.question_id}") is a text question, which has no value',
                node.column,
            )

    def compare(self, node: Compare) -> None:
        left, right = self.operand(node.left), self.operand(node.right)
        if "error" in (left, right):
            return
        op = node.op
        spec_left = _spec(node.left)
        spec_right = _spec(node.right)
        if op in {"in", "not in"}:
            self.membership(node, left, right, spec_left, spec_right)
            return
        pair = {left, right}
        if pair == {"field", "text"}:
            spec = spec_left or spec_right
            assert spec is not None
            literal = node.right if spec_left else node.left
            assert isinstance(literal, Literal)
            self.value(spec, literal)
            if op not in {"==", "!="} and not spec.ordered:
                self.fail(
                    f"{spec.name!r} has no order; use == or != or 'in'",
                    node.column,
                )
        elif pair == {"number"}:
            for side in (node.left, node.right):
                if isinstance(side, Literal) and isinstance(side.value, float):
                    self.number(side)
        elif "list-field" in pair:
            self.fail(
                f"{(spec_left or spec_right).name!r} is a list; "  # type: ignore[union-attr]
                f"use 'in', e.g. {_example((spec_left or spec_right).name)}",  # type: ignore[union-attr]
                node.column,
            )
        else:
            self.fail(f"cannot compare {_kind(left)} with {_kind(right)} using '{op}'", node.column)

    def membership(
        self,
        node: Compare,
        left: str,
        right: str,
        spec_left: FieldSpec | None,
        spec_right: FieldSpec | None,
    ) -> None:
        if right == "list-field" and left == "text":
            assert spec_right is not None
            assert isinstance(node.left, Literal)
            self.value(spec_right, node.left)
        elif right == "list" and left in {"field", "list-field"}:
            assert spec_left is not None
            assert isinstance(node.right, ListLiteral)
            for item in node.right.items:
                self.value(spec_left, item)
        elif right == "list" and left == "number":
            assert isinstance(node.right, ListLiteral)
            for item in node.right.items:
                if not isinstance(item.value, float):
                    self.fail("a number cannot be found in a list of text", item.column)
        elif right == "list" and left == "text":
            return
        else:
            self.fail(
                f"'{node.op}' needs a list on its right (a list field such as regions, "
                f'or ["a", "b"]), found {_kind(right)}',
                node.column,
            )

    def value(self, spec: FieldSpec, literal: Literal) -> None:
        if literal.value not in spec.values:
            allowed = ", ".join(spec.values)
            self.fail(
                f"unknown value {_show(literal.value)} for {spec.name!r} (expected one of: "
                f"{allowed})",
                literal.column,
            )

    def number(self, literal: Literal) -> None:
        assert isinstance(literal.value, float)
        if not 0 <= literal.value <= 1:
            self.fail(
                f"answers have values from 0 to 1; {_show(literal.value)} is outside that range",
                literal.column,
            )


def _spec(node: Operand) -> FieldSpec | None:
    return CONTEXT_FIELDS.get(node.name) if isinstance(node, Field) else None


def _kind(kind: str) -> str:
    return {
        "field": "a context field",
        "list-field": "a list field",
        "number": "a number",
        "text": "text",
        "list": "a list",
    }[kind]


def _show(value: str | float) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return f'"{value}"'


# --- Evaluation ---------------------------------------------------------------------

ContextValues = Mapping[str, str | Sequence[str] | None]
AnswerValues = Mapping[str, float | None]


def evaluate(node: Condition, context: ContextValues, answers: AnswerValues) -> bool:
    """Whether the condition holds. Any comparison involving "none" is false."""
    if isinstance(node, BoolOp):
        if node.op == "and":
            return all(evaluate(o, context, answers) for o in node.operands)
        return any(evaluate(o, context, answers) for o in node.operands)
    if isinstance(node, Not):
        return not evaluate(node.operand, context, answers)
    return _compare(node, context, answers)


_Value = str | float | tuple[str | float, ...] | None


def _value(node: Operand, context: ContextValues, answers: AnswerValues) -> _Value:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, ListLiteral):
        return tuple(item.value for item in node.items)
    if isinstance(node, Answer):
        return answers.get(node.question_id)
    raw = context.get(node.name)
    if raw is None or isinstance(raw, str):
        return raw
    return tuple(raw)


def _compare(node: Compare, context: ContextValues, answers: AnswerValues) -> bool:
    left = _value(node.left, context, answers)
    right = _value(node.right, context, answers)
    if left is None or right is None:
        return False
    op = node.op
    if op in {"in", "not in"}:
        if not isinstance(right, tuple):
            return False
        found = bool(set(left) & set(right)) if isinstance(left, tuple) else left in right
        return found if op == "in" else not found
    if isinstance(left, tuple) or isinstance(right, tuple):
        return False
    spec = _spec(node.left) or _spec(node.right)
    if spec is not None and spec.ordered and isinstance(left, str) and isinstance(right, str):
        if left not in spec.values or right not in spec.values:
            return False
        return _ORDER[op](spec.values.index(left), spec.values.index(right))
    if isinstance(left, str) != isinstance(right, str):
        return False
    if op not in {"==", "!="} and isinstance(left, str):
        return False
    return _ORDER[op](left, right)


_ORDER: dict[str, Callable[[object, object], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,  # type: ignore[operator]
    "<=": lambda a, b: a <= b,  # type: ignore[operator]
    ">": lambda a, b: a > b,  # type: ignore[operator]
    ">=": lambda a, b: a >= b,  # type: ignore[operator]
}


def answers_named(node: Node) -> list[str]:
    """The question ids an expression reads, in order of appearance."""
    if isinstance(node, Answer):
        return [node.question_id]
    if isinstance(node, Compare):
        return answers_named(node.left) + answers_named(node.right)
    if isinstance(node, Not):
        return answers_named(node.operand)
    if isinstance(node, BoolOp):
        return [qid for operand in node.operands for qid in answers_named(operand)]
    return []
