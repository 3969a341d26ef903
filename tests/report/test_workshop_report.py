"""The report of a workshop: where the respondents disagree, and who took part.

Assessments are built with the core's use-cases, as the app and the command line build
them; the PDF is read back with pypdf, page by page, as a reader would find things.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import FrameBreak

from assessor.content.calendar import short_date
from assessor.content.context import AssessmentContext
from assessor.exchange.assessment_file import Client
from assessor.library.installed import Library
from assessor.report.contents import Contents, ContentsLedger
from assessor.report.sections import toc_styles_of
from assessor.report.styles import Palette, paragraph_styles
from assessor.store.database import Store
from assessor.usecases.answering import add_respondent, record_answer
from assessor.usecases.assessments import create_assessment
from assessor.usecases.reporting import write_report
from tests.report.test_report import HOSTILE, outline, pdf_text, squeeze

PEOPLE = [
    ("ana", "Ana Ruiz", "Chief Data Officer"),
    ("ben", "Ben Okafor", "Head of Security"),
    ("chloe", "Chloé Martin", "Chief Operating Officer"),
]
#: Who said what: GOV-02 splits widest (1.00) though GOV-01 comes first in the
#: questionnaire; GOV-01 (0.75) gets an agreed answer; GOV-03 (0.50) just diverges;
#: GOV-05 is unanimous. Ana answers 5 questions, Ben 4, Chloé 3.
ANSWERS = {
    "GOV-01": {"ana": "l2", "ben": "l5", "chloe": "l4"},
    "GOV-02": {"ana": "l1", "ben": "l5", "chloe": "l3"},
    "GOV-03": {"ana": "l2", "ben": "l4"},
    "GOV-05": {"ana": "l3", "ben": "l3", "chloe": "l3"},
    "GOV-06": {"ana": "l3"},
}
NOTES = {("GOV-02", "ben"): HOSTILE, ("GOV-01", "chloe"): "The COO signs off the budget."}
AGREED_NOTE = "Settled in the workshop: the budget sits with the COO."


def governance_only(store: Store, library: Library, client: str) -> int:
    """A new assessment over the governance questionnaire alone: a short report."""
    (governance,) = [i for i in library.content.loaded if i.questionnaire.domain == "governance"]
    return create_assessment(
        store, library, Client(name=client), "Workshop review", AssessmentContext(),
        [governance],
    ).value  # fmt: skip


def pages_text(reader: PdfReader, first: int, last: int) -> str:
    return squeeze("".join(reader.pages[i].extract_text() or "" for i in range(first, last + 1)))


@pytest.fixture(scope="module")
def workshop(
    tmp_path_factory: pytest.TempPathFactory, library: Library
) -> Iterator[tuple[Path, Store, int]]:
    folder = tmp_path_factory.mktemp("workshop")
    store = Store(folder / "a.sqlite")
    assessment = governance_only(store, library, "Fabrikam Logistics")
    for key, name, role in PEOPLE:
        add_respondent(store, assessment, key, name, role)
    for question_id, said in ANSWERS.items():
        for key, raw in said.items():
            record_answer(
                store, library, assessment, question_id, raw, respondent=key,
                note=NOTES.get((question_id, key), ""),
            )  # fmt: skip
    record_answer(store, library, assessment, "GOV-01", "l4", note=AGREED_NOTE, agreed=True)
    path = folder / "workshop.pdf"
    write_report(store, library, assessment, path)
    yield path, store, assessment
    store.close()


def test_the_divergences_come_after_the_domains_widest_first_with_who_said_what(
    workshop: tuple[Path, Store, int], library: Library
) -> None:
    path, store, assessment = workshop
    reader = PdfReader(path)
    marks = outline(reader)
    start = marks["Where respondents disagree"]
    assert marks["Strategy & Governance"] < start < marks["Roadmap"]
    assert squeeze("Where respondents disagree") in pages_text(reader, 1, 1)  # contents
    section = pages_text(reader, start, marks["Roadmap"] - 1)
    questions = store.questions_of(assessment)
    prompts = [squeeze(questions[q].prompt) for q in ("GOV-02", "GOV-01", "GOV-03")]
    where = [section.find(p) for p in prompts]
    assert -1 not in where
    assert where == sorted(where), "widest spread first"
    assert squeeze(questions["GOV-05"].prompt) not in section  # unanimous: not listed
    assert squeeze("GOV-02 · Strategy & Governance") in section
    assert squeeze("spread 1.00") in section
    assert squeeze("spread 0.75") in section
    widest = section[where[0] : where[1]]
    for (_key, name, role), option, value in zip(
        PEOPLE, ("Not on the agenda", "Reserved decisions and yearly review", "Standing item"),
        ("0.00", "1.00", "0.50"), strict=True,
    ):  # fmt: skip
        assert squeeze(f"{name}{role}") in widest or squeeze(f"{name} {option}") in widest, name
        assert squeeze(option) in widest
        assert value in widest
    assert squeeze(HOSTILE) in widest  # a note prints as typed, markup and all
    assert squeeze("No agreed answer yet: scoring uses the mean, 0.50.") in widest
    agreed_on = short_date(date.fromisoformat(store.all_agreed(assessment)[0][3][:10]))
    settled = section[where[1] : where[2]]
    assert (
        squeeze(f"Agreed: Mandate with budget authority, by the facilitator on {agreed_on}.")
        in settled
    )
    assert squeeze(AGREED_NOTE) in settled
    assert squeeze("1 has an agreed answer") in section


def test_the_domain_points_to_the_divergences_instead_of_repeating_them(
    workshop: tuple[Path, Store, int],
) -> None:
    reader = PdfReader(workshop[0])
    marks = outline(reader)
    domain = pages_text(
        reader, marks["Strategy & Governance"], marks["Where respondents disagree"] - 1
    )
    assert squeeze("GOV-02 (spread 1.00, not yet agreed); GOV-01 (spread 0.75, agreed)") in domain
    assert squeeze("Ana Ruiz (Chief Data Officer): Not on the agenda") not in domain  # said once


def test_the_methodology_lists_the_participants_and_how_answers_combine(
    workshop: tuple[Path, Store, int],
) -> None:
    reader = PdfReader(workshop[0])
    marks = outline(reader)
    assert marks["Methodology"] <= marks["Participants"] < marks["Appendix: every answer"]
    methodology = pages_text(reader, marks["Methodology"], marks["Appendix: every answer"] - 1)
    assert squeeze("3 people took part") in methodology
    for (_key, name, role), answered in zip(PEOPLE, (5, 4, 3), strict=True):
        assert squeeze(f"{name}{role}{answered}") in methodology, name
    assert squeeze("otherwise the mean of their values") in methodology
    assert squeeze("a spread of 0.5 or more is a divergence") in methodology


def test_beyond_fifteen_divergences_the_rest_are_named_by_spread(
    tmp_path: Path, store: Store, library: Library
) -> None:
    assessment = governance_only(store, library, "Contoso")
    questions = store.questions_of(assessment)
    split = [q for q, question in questions.items()
             if question.condition is None and question.type.value == "maturity"][:17]  # fmt: skip
    assert len(split) == 17
    for n, question_id in enumerate(split):
        record_answer(store, library, assessment, question_id, "l1", respondent="ana")
        record_answer(  # the later questions split wider, so the first two are left over
            store, library, assessment, question_id, "l5" if n >= 2 else "l3", respondent="ben"
        )
    path = tmp_path / "many.pdf"
    write_report(store, library, assessment, path)
    reader = PdfReader(path)
    marks = outline(reader)
    section = pages_text(reader, marks["Where respondents disagree"], marks["Roadmap"] - 1)
    shown = [squeeze(f"{n}. {questions[q].prompt}") for n, q in enumerate(split[2:], 1)]
    assert all(prompt in section for prompt in shown)
    assert not any(squeeze(questions[q].prompt) in section for q in split[:2])
    assert (
        squeeze(f"And 2 more with a spread of 0.5 or more: {split[0]} (0.50), {split[1]} (0.50).")
        in section
    )


@pytest.mark.parametrize(
    ("people", "answering"),
    [
        ([PEOPLE[0]], "ana"),  # one named respondent
        (PEOPLE[:2], "ana"),  # a second one named who answered nothing
        ([], ""),  # nobody named: the single user of the app
    ],
)
def test_one_respondent_gets_neither_section(
    tmp_path: Path, store: Store, library: Library, people: list[tuple[str, str, str]],
    answering: str,
) -> None:  # fmt: skip
    assessment = governance_only(store, library, "Solo Ltd")
    for key, name, role in people:
        add_respondent(store, assessment, key, name, role)
    for question_id, said in ANSWERS.items():
        record_answer(store, library, assessment, question_id, said["ana"], respondent=answering)
    path = tmp_path / "solo.pdf"
    write_report(store, library, assessment, path)
    reader = PdfReader(path)
    assert "Where respondents disagree" not in outline(reader)
    assert "Participants" not in outline(reader)
    text = pdf_text(path)
    assert squeeze("disagree") not in text
    assert squeeze("took part") not in text


@pytest.mark.parametrize(
    ("room", "first_page", "moved"),
    [
        (5, range(0, 3), True),  # B and its first entry would fit: B moves on, whole
        (3, range(0, 3), False),  # the page ends where B starts
        (9, range(0, 7), True),  # the same for C
        (16, range(0, 16), False),  # C began in the page's first half: it breaks inside
    ],
)
def test_the_contents_break_before_a_section_rather_than_inside_it(
    room: int, first_page: range, moved: bool
) -> None:
    titles = [(0, "A"), (1, "a1"), (1, "a2"), (0, "B"), (1, "b1"), (1, "b2"), (1, "b3"),
              (0, "C"), *((1, f"c{n}") for n in range(12))]  # fmt: skip
    styles = toc_styles_of(paragraph_styles(Palette()))
    contents = Contents(ContentsLedger(titles), styles)
    leading = [float(styles[level].leading) for level, _ in titles]
    pieces = contents.split(500, sum(leading[:room]) + 1)
    parts = [p.part for p in pieces if isinstance(p, Contents)]
    assert parts == [first_page, range(first_page.stop, len(titles))]
    assert any(isinstance(p, type(FrameBreak)) for p in pieces) == moved  # rest: next page
