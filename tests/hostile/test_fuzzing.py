"""The rule, as properties: whatever the command line or an import accepts, export writes
and import reads back to the same scores and the same file; whatever they refuse, they
refuse on one line, with exit code 1 or 2, and change nothing.

Inputs mix ordinary text with what broke the program before: control characters, escape
sequences, lone surrogates (what Python makes of bytes that are not UTF-8), line and
paragraph separators, values just over each bound, numbers too long or too large, nested
lists. The assessment is over the small example questionnaire, so that an example costs
milliseconds.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.content.context import AssessmentContext
from assessor.exchange.assessment_file import Client
from assessor.exchange.json_views import scorecard_json
from assessor.library.installed import Library, load_library
from assessor.limits import ID_MAX, NAME_MAX, NOTE_MAX
from assessor.paths import AppPaths
from assessor.store.database import Store
from assessor.usecases.answering import scorecard
from assessor.usecases.assessments import create_assessment
from tests.conftest import EXAMPLE
from tests.factories import database_fingerprint
from tests.hostile.conftest import Cli, Result

FUZZ = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

HOSTILE = [
    "\x00", "\x07", "\x1b", "\x1b[2J", "\x7f", "\x85", "\x9b", "\t", "\n", "\r", "\r\n", " ",
    "\u00a0", "\u202e", "\u2028", "\u2029", "\ufeff", "\ud800", "\udcff", "é", "株", "🤖",
    ",", "[", "]", "{", '"', "'", "=", "+", "-", "@", "\\",
]  # fmt: skip
PIECES = st.one_of(st.characters(codec="utf-8"), st.sampled_from(HOSTILE))
TEXT = st.one_of(
    st.lists(PIECES, max_size=12).map("".join),
    st.sampled_from(["", " ", "\t\n", " cro ", "cro", "Amélie Laurent"]),
)
#: Values at each bound and one past it (kept apart: hypothesis shows every example).
AT_THE_BOUNDS = st.sampled_from(
    ["n" * NOTE_MAX, "n" * (NOTE_MAX + 1), "r" * ID_MAX, "r" * (ID_MAX + 1), "t" * NAME_MAX,
     "t" * (NAME_MAX + 1)]
)  # fmt: skip
NOTES = st.one_of(TEXT, AT_THE_BOUNDS)


#: The example's questions, and answers each takes (some only once read: " named ").
RIGHT = {
    "EX-01": ["none", "informal", "named", " empowered ", "reviewed", "dont_know"],
    "EX-02": ["a free text answer", "two\r\nlines", "tab\tand bell\x07", "n/a"],
    "EX-03": ["input", "input,output", " input , grounding ", '["grounding"]', "none"],
    "EX-04": ["yes", "partial", "no", "n/a"],
    "EX-05": ["0", "3", "6.5", "7", "1e2", "-1"],
    "EX-06": ["vendor-us", "vendor-eu", "own"],
}
WRONG = st.one_of(
    st.sampled_from(
        ["none,", ",,,", "[]", '[["input"]]', "[" * 40, "input,none", "1e15", "1e16", "9" * 41,
         "nan", "inf", "1_000", "l9", "n/a"]
    ),
    TEXT,
)  # fmt: skip


@st.composite
def typed_answers(draw: st.DrawFn) -> tuple[str, str]:
    """A question and an answer: one it takes, two times in three."""
    question = draw(st.sampled_from(sorted(RIGHT)))
    right = st.sampled_from(RIGHT[question])
    return question, draw(st.integers(1, 3).flatmap(lambda pick: WRONG if pick == 1 else right))


def mostly(usual: object, other: st.SearchStrategy[Any], odds: int = 3) -> st.SearchStrategy[Any]:
    """The usual value, but one time in `odds` one from `other`."""
    return st.integers(1, odds).flatmap(lambda pick: other if pick == 1 else st.just(usual))


class Fuzz:
    """The command line over one assessment of the example questionnaire. Not a dataclass:
    hypothesis prints a failing example's arguments, and a library runs to megabytes."""

    def __init__(self, cli: Cli, library: Library, assessment: int) -> None:
        self.cli = cli
        self.library = library
        self.assessment = assessment

    def __repr__(self) -> str:
        return f"Fuzz(assessment {self.assessment} in {self.cli.db})"

    def scores(self, assessment: int) -> dict[str, Any]:
        with Store(self.cli.db) as store:
            card = scorecard_json(scorecard(store, self.library, assessment), assessment)
        card.pop("assessment")
        return card

    def exported(self, assessment: int, name: str) -> dict[str, Any]:
        path = self.cli.folder / name
        result = self.cli("export", str(assessment), "-o", str(path))
        assert result.code == 0, result.err
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        data.pop("exported_at")
        data.pop("uid")  # a copy imported into the same store gets a uid of its own
        return data

    def round_trip(self, assessment: int) -> None:
        """Export, import, export again: the same file and the same scores."""
        first = self.exported(assessment, "first.json")
        imported = self.cli("import", str(self.cli.folder / "first.json"))
        assert imported.code == 0, imported.err
        again = int(imported.out)
        assert self.exported(again, "again.json") == first
        assert self.scores(again) == self.scores(assessment)


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory: pytest.TempPathFactory) -> Fuzz:
    folder = tmp_path_factory.mktemp("fuzz")
    data = folder / "data"
    (data / "questionnaires").mkdir(parents=True)
    (data / "questionnaires" / "example.yaml").write_text(
        EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8"
    )
    library = load_library(AppPaths(data_dir=data))
    example = next(i for i in library.content.loaded if i.questionnaire.id == "example-genai-pilot")
    db = folder / "fuzz.sqlite"
    with Store(db) as store:
        assessment = create_assessment(
            store, library, Client(name="Fuzz & Co"), "Fuzzing", AssessmentContext(),
            questionnaires=[example],
        ).value  # fmt: skip
    return Fuzz(Cli(db, data, library), library, assessment)


def _refused_cleanly(result: Result, codes: tuple[int, ...]) -> None:
    assert result.code in codes, result.err
    result.refused(result.code)


@FUZZ
@given(
    typed=typed_answers(),
    note=mostly("", NOTES),
    respondent=mostly("cro", st.one_of(st.just(""), NOTES)),
)
def test_what_the_command_line_takes_exports_and_imports_to_the_same_scores(
    fuzz: Fuzz, typed: tuple[str, str], note: str, respondent: str
) -> None:
    question, answer = typed
    before = database_fingerprint(fuzz.cli.db)
    result = fuzz.cli(
        "answer", str(fuzz.assessment), question, answer, "--note", note,
        "--respondent", respondent,
    )  # fmt: skip
    if result.code:
        _refused_cleanly(result, (1, 2))
        assert database_fingerprint(fuzz.cli.db) == before
        return
    assert (result.out, result.err) == ("", "")
    fuzz.round_trip(fuzz.assessment)


# --- Import ------------------------------------------------------------------------

JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), TEXT, st.integers(-(10**45), 10**45),
    st.floats(allow_nan=True, allow_infinity=True),
)  # fmt: skip
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=12,
)
ANSWERS = st.one_of(
    st.sampled_from(["named", "input", ["input", "output"], ["none"], [], "n/a", "dont_know",
                     3, 6.5, 10**15, 10**16, "vendor-eu", "free text"]),
    JSON_VALUES,
)  # fmt: skip
#: What each question takes, as a file writes it.
IN_A_FILE: dict[str, list[Any]] = {
    "EX-01": ["none", "named", "reviewed", "dont_know"],
    "EX-02": ["a free text answer", "two\r\nlines", "tab\tand bell\x07", "n/a"],
    "EX-03": [["input"], ["input", "output"], ["none"], "grounding"],
    "EX-04": ["yes", "partial", "n/a"],
    "EX-05": [0, 3, 6.5, 7, -1, 100.25],
    "EX-06": ["vendor-us", "own"],
}
TIMES = mostly(
    None,
    st.one_of(
        st.sampled_from(["2026-11-20T10:02:11Z", "2026-11-20", "2026-02-30", "yesterday", ""]),
        TEXT,
    ),
)


def _base() -> dict[str, Any]:
    return {
        "format": "ai-readiness-assessment",
        "format_version": 1,
        "client": {"name": "Fuzz & Co"},
        "context": {},
        "questionnaires": [{"id": "example-genai-pilot", "version": "1.0"}],
        "respondents": [{"id": "cro", "name": "Amélie Laurent", "role": "CRO"}],
        "responses": [{"question_id": "EX-01", "respondent_id": "cro", "answer": "named"}],
    }


def rarely(usual: object, other: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A file spoils a few of its many values at a time, so that some files import."""
    return mostly(usual, other, odds=10)


@st.composite
def assessment_files(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 19)) == 0:
        return draw(st.binary(max_size=64))
    data = _base()
    data["client"]["name"] = draw(rarely("Fuzz & Co", TEXT))
    data["client"].update(draw(rarely({}, st.dictionaries(TEXT, JSON_VALUES, max_size=2))))
    data["title"] = draw(rarely("", TEXT))
    data["created_at"] = draw(rarely(None, TIMES))
    respondent = data["respondents"][0]
    respondent["id"] = draw(rarely("cro", st.one_of(TEXT, AT_THE_BOUNDS)))
    respondent["name"] = draw(rarely("Amélie Laurent", st.one_of(TEXT, AT_THE_BOUNDS)))
    respondent["role"] = draw(rarely("CRO", TEXT))
    responses = []
    for _ in range(draw(st.integers(1, 3))):
        question = draw(st.sampled_from(sorted(IN_A_FILE)))
        answer = draw(mostly(draw(st.sampled_from(IN_A_FILE[question])), ANSWERS, odds=8))
        responses.append(
            {
                "question_id": question,
                "respondent_id": draw(rarely("cro", st.one_of(st.none(), TEXT))),
                "answer": answer,
                "note": draw(rarely("", NOTES)),
                "answered_at": draw(rarely(None, TIMES)),
                "flagged": draw(st.booleans()),
            }
        )
    data["responses"] = responses
    return json.dumps(data).encode("ascii")  # lone surrogates stay escaped, as in a file


@FUZZ
@given(content=assessment_files())
def test_what_import_takes_exports_and_imports_to_the_same_scores(
    fuzz: Fuzz, content: bytes
) -> None:
    path = fuzz.cli.folder / "fuzzed.json"
    path.write_bytes(content)
    before = database_fingerprint(fuzz.cli.db)
    result = fuzz.cli("import", str(path))
    if result.code:
        _refused_cleanly(result, (1,))
        assert str(path) in result.err
        assert database_fingerprint(fuzz.cli.db) == before
        return
    fuzz.round_trip(int(result.out))
