"""The PDF report, read back as a reader's tools read it: text, bookmarks, metadata."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from assessor.content.context import AssessmentContext
from assessor.errors import ContentError
from assessor.exchange.assessment_file import Client
from assessor.library.installed import Library, load_library
from assessor.paths import AppPaths
from assessor.report.branding import load_branding
from assessor.report.document import ReportCancelled
from assessor.report.text import printable
from assessor.store.database import Store
from assessor.usecases.answering import record_answer
from assessor.usecases.assessments import create_assessment
from assessor.usecases.demo import create_demo
from assessor.usecases.reporting import gather_report, write_report
from assessor.usecases.roadmap_edits import plan_for
from tests.factories import questionnaire_yaml

SECTIONS = [
    "Contents", "Executive summary", "Obligations and their dates", "Readiness at a glance",
    "Where respondents disagree", "Roadmap", "Framework coverage",
    "Methodology", "Appendix: every answer",
]  # the sample has two respondents  # fmt: skip
HOSTILE = '<img src="/etc/hostname"/> <font size=80>big</font> & Tom & Jerry'
SCRIPTS = "Zoë Weiß, Łukasz, Ωmega, Жанна"
MISSING = "漢字 and 🤖"  # characters Noto Sans lacks: printed as "?", never a crash
TALL = "One line of a very long list\n" * 400 + "x" * 8000  # taller than a page; a note's limit


def squeeze(text: str) -> str:
    """Text without white space, so words a line break split still match."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path, password: str | None = None) -> str:
    reader = PdfReader(path)
    if password is not None:
        reader.decrypt(password)
    return squeeze("".join(page.extract_text() or "" for page in reader.pages))


def outline(reader: PdfReader) -> dict[str, int]:
    """Each bookmark's title and the index of its page, at every level (a title that comes
    again, such as a domain's in the appendix, keeps its first page)."""
    found: dict[str, int] = {}

    def walk(entries: list[Any]) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                found.setdefault(entry.title, reader.get_destination_page_number(entry))

    walk(reader.outline)
    return found


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory, library: Library) -> tuple[Path, Store]:
    folder = tmp_path_factory.mktemp("report")
    store = Store(folder / "a.sqlite")
    assessment = create_demo(store, library).value
    record_answer(store, library, assessment, "GOV-03", "l2", respondent="cro", note=HOSTILE)
    record_answer(store, library, assessment, "GOV-04", "l2", respondent="cro", note=SCRIPTS)
    record_answer(store, library, assessment, "GOV-05", "l2", respondent="cro", note=MISSING)
    record_answer(store, library, assessment, "GOV-06", "l2", respondent="cro", note=TALL)
    create_demo(store, library)  # a second assessment of the same client: a trend
    path = folder / "demo.pdf"
    write_report(store, library, assessment, path)
    return path, store


def test_the_report_holds_every_section_domain_item_and_note(
    demo_report: tuple[Path, Store], library: Library
) -> None:
    path, store = demo_report
    text = pdf_text(path)
    data = gather_report(store, library, 1)
    for title in [*SECTIONS, data.client, *(d.title for d in data.domains)]:
        assert squeeze(title) in text, title
    for item in plan_for(store, library, 1).visible():
        assert squeeze(item.item.title) in text, item.id
    notes = {a.note for q in data.questions for a in q.answers if a.note}
    assert notes
    for note in notes:
        shown = squeeze(printable(note))  # as typed, but for glyphs the font lacks
        if len(shown) > 2000:  # continued across pages: headers and footers come between
            assert shown[:500] in text
            assert shown[-500:] in text
        else:
            assert shown in text, note
    assert squeeze("EU AI Act Annex III high-risk duties apply from 2 Dec 2027") in text
    assert squeeze("This report is not legal advice") in text


def test_typed_markup_prints_literally_and_odd_scripts_survive(
    demo_report: tuple[Path, Store],
) -> None:
    text = pdf_text(demo_report[0])
    assert squeeze(HOSTILE) in text  # shown as typed: no image, no font change, & kept
    assert squeeze(SCRIPTS) in text
    assert squeeze("?? and ?") in text


def test_a_client_assessed_twice_gets_a_trend(demo_report: tuple[Path, Store]) -> None:
    text = pdf_text(demo_report[0])
    assert squeeze("Over time") in text
    assert text.count(squeeze("AI readiness review 2026 (")) >= 2  # both in the trend table


def test_pages_bookmarks_and_metadata(demo_report: tuple[Path, Store]) -> None:
    reader = PdfReader(demo_report[0])
    assert 25 <= len(reader.pages) <= 150
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    for section in SECTIONS[1:]:
        assert section in titles
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Northwind Mutual Insurance: AI readiness review 2026"
    assert meta.subject == "AI readiness assessment report"
    assert meta.author
    assert reader.trailer["/Root"].get("/Lang") == "en-GB"
    last = reader.pages[-1].extract_text()
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last


def test_each_bookmark_opens_the_page_of_its_heading(demo_report: tuple[Path, Store]) -> None:
    reader = PdfReader(demo_report[0])
    marks = outline(reader)
    assert len(set(marks.values())) > 10  # not every one on the same page
    for title, page in marks.items():
        assert squeeze(title) in squeeze(reader.pages[page].extract_text()), title


def test_a_password_protects_the_text(tmp_path: Path, store: Store, library: Library) -> None:
    assessment = create_demo(store, library).value
    path = tmp_path / "locked.pdf"
    write_report(store, library, assessment, path, password="s3cret")
    reader = PdfReader(path)
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert reader.decrypt("wrong") == 0
    assert squeeze("Executive summary") in pdf_text(path, "s3cret")


def test_an_assessment_at_target_has_an_empty_roadmap_and_still_reports(
    tmp_path: Path, store: Store, library: Library
) -> None:
    assessment = create_assessment(
        store, library, Client(name="Empty Co"), "Nothing answered", AssessmentContext()
    ).value
    path = tmp_path / "empty.pdf"
    write_report(store, library, assessment, path)
    text = pdf_text(path)
    assert squeeze("No roadmap items") in text or squeeze("no work is needed") in text
    assert squeeze("Not answered") in text


def test_branding_names_the_consultancy_and_bad_branding_is_refused(
    tmp_path: Path, store: Store, library: Library
) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 90), "#123456").save(logo)
    brand = tmp_path / "brand.yaml"
    brand.write_text(
        "consultancy: Example & Partners\nlogo: logo.png\nprimary_colour: '#7A1F5C'\n"
        "confidentiality: Strictly confidential for the board\n",
        encoding="utf-8",
    )
    assessment = create_demo(store, library).value
    path = tmp_path / "branded.pdf"
    write_report(store, library, assessment, path, load_branding(brand))
    text = pdf_text(path)
    assert squeeze("Example & Partners") in text
    assert squeeze("Strictly confidential for the board") in text
    assert PdfReader(path).metadata.author == "Example & Partners"  # type: ignore[union-attr]
    brand.write_text("consultancy: X\nprimary_colour: blue\nlogo: missing.png\n", "utf-8")
    with pytest.raises(ContentError, match="primary_colour"):
        load_branding(brand)


def test_progress_is_reported_and_a_cancel_leaves_the_old_file(
    tmp_path: Path, store: Store, library: Library
) -> None:
    assessment = create_demo(store, library).value
    path = tmp_path / "report.pdf"
    seen: list[float] = []
    write_report(store, library, assessment, path, progress=lambda share, _what: seen.append(share))
    assert seen[-1] == 1.0
    assert seen == sorted(seen) or len(seen) > 3
    before = path.read_bytes()
    with pytest.raises(ReportCancelled):
        write_report(store, library, assessment, path, cancelled=lambda: True)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".*.partial"))


def test_a_consultants_questionnaire_many_respondents_and_long_notes_report_cleanly(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    folder = app_paths.user_questionnaires
    (folder / "frameworks").mkdir(parents=True)
    (folder / "frameworks" / "firm-controls.yaml").write_text(
        "framework: firm-controls\ntitle: Firm control set\nshort_title: FC\n"
        "entries:\n  - {id: FC-1, title: Owners are named}\n",
        encoding="utf-8",
    )
    questions = "".join(
        f"- id: ESG-{n}\n  type: yes_partial_no\n  prompt: Is the carbon cost of model {n} "
        "recorded?\n  references: [{framework: firm-controls, id: FC-1}]\n"
        for n in range(1, 6)
    )
    (folder / "esg.yaml").write_text(questionnaire_yaml(questions, "esg", "sustainability"),
                                     encoding="utf-8")  # fmt: skip
    library = load_library(app_paths)
    assert library.content.problems == []
    with Store(tmp_path / "a.sqlite") as store:
        assessment = create_assessment(
            store, library, Client(name="Ωmega Жилстрой Łódź & Søn " * 4), "Review",
            AssessmentContext(regions=["EU"]),
        ).value  # fmt: skip
        long_note = "Evidence reviewed in the workshop; " * 300
        for person in range(20):
            record_answer(
                store,
                library,
                assessment,
                "ESG-1",
                "no",
                respondent=f"p{person}",
                note=long_note if person == 0 else f"Seen by participant {person}",
            )
        path = tmp_path / "custom.pdf"
        pages = write_report(store, library, assessment, path)
    text = pdf_text(path)
    assert pages == len(PdfReader(path).pages)
    assert squeeze("Agree an action for ESG-1") in text  # no recommendation: still planned
    assert squeeze("Firm control set") in text
    assert squeeze("Sustainability") in text
    assert squeeze("Seen by participant 19") in text
    assert text.count(squeeze("Evidence reviewed in the workshop;")) >= 300


@pytest.mark.parametrize(
    "text",
    [
        "A short note",
        "Evidence reviewed in the workshop; " * 40,
        "x" * 500,  # one word wider than any column
        "y" * 20000,  # ... and one far wider, cut quickly
        "first line\nsecond line, which is a good deal longer than the column is wide",
        "Łódź Жанна Ωmega " * 20,
    ],
)
def test_table_text_is_wrapped_to_the_column_and_loses_nothing(text: str) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from assessor.report.sections import wrap_lines
    from assessor.report.styles import FONT, register_fonts

    register_fonts()
    wrapped = wrap_lines(text, FONT, 8, 120)
    assert all(stringWidth(line, FONT, 8) <= 120 for line in wrapped.split("\n"))
    assert squeeze(wrapped) == squeeze(text)


def test_a_logo_that_is_not_an_image_is_named(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"not a png at all")
    brand = tmp_path / "brand.yaml"
    brand.write_text("consultancy: X\nlogo: logo.png\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"brand.yaml:2: logo: logo.png is not a PNG or JPEG"):
        load_branding(brand)
