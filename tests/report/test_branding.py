"""The branding of one report: the file's, the consultant's name, and the app's overrides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor.errors import ContentError, UsageError
from assessor.library.installed import Library
from assessor.report.branding import DEFAULT_CONFIDENTIALITY, Branding, report_branding
from assessor.store.database import Store
from assessor.usecases.demo import create_demo
from assessor.usecases.reporting import write_report

FILE = "consultancy: From The File Ltd\nconfidentiality: The file's own line\n"


@pytest.fixture
def brand_file(tmp_path: Path) -> Path:
    path = tmp_path / "brand.yaml"
    path.write_text(FILE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("with_file", "consultant", "organisation", "confidentiality", "expected"),
    [
        (False, "", "", "", ("", "", DEFAULT_CONFIDENTIALITY)),
        (False, " Jane Doe ", "Example & Partners", "For the board",
         ("Jane Doe", "Example & Partners", "For the board")),
        (True, "", "", "", ("", "From The File Ltd", "The file's own line")),
        (True, "Jane Doe", "", "", ("Jane Doe", "From The File Ltd", "The file's own line")),
        (True, "", "Example & Partners", "  ", ("", "Example & Partners", "The file's own line")),
        (True, "", "", "Board only", ("", "From The File Ltd", "Board only")),
    ],
)  # fmt: skip
def test_preferences_override_the_file_only_where_they_are_set(
    brand_file: Path, with_file: bool, consultant: str, organisation: str,
    confidentiality: str, expected: tuple[str, str, str],
) -> None:  # fmt: skip
    branding = report_branding(
        brand_file if with_file else None,
        consultant=consultant,
        organisation=organisation,
        confidentiality=confidentiality,
    )
    assert (branding.consultant, branding.consultancy, branding.confidentiality) == expected


@pytest.mark.parametrize(
    ("consultant", "consultancy", "prepared_by"),
    [("Jane Doe", "Example & Partners", "Jane Doe, Example & Partners"),
     ("Jane Doe", "", "Jane Doe"), ("", "Example & Partners", "Example & Partners"),
     ("", "", "")],
)  # fmt: skip
def test_prepared_by_names_whoever_is_set(
    consultant: str, consultancy: str, prepared_by: str
) -> None:
    assert Branding(consultant=consultant, consultancy=consultancy).prepared_by == prepared_by


def test_a_name_too_long_or_a_bad_file_is_refused_with_what_is_wrong(
    brand_file: Path, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match="consultant: string should have at most 120"):
        report_branding(consultant="J" * 121)
    brand_file.write_text("primary_colour: blue\n", encoding="utf-8")
    with pytest.raises(ContentError, match="primary_colour"):
        report_branding(brand_file)


def test_the_cover_says_who_prepared_the_report(
    tmp_path: Path, store: Store, library: Library
) -> None:
    assessment = create_demo(store, library).value
    path = tmp_path / "report.pdf"
    branding = report_branding(consultant="Jane Doe", organisation="Example & Partners")
    write_report(store, library, assessment, path, branding)
    reader = PdfReader(path)
    cover = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Prepared by Jane Doe, Example & Partners" in cover
    assert reader.metadata is not None
    assert reader.metadata.author == "Jane Doe, Example & Partners"
