"""The use-cases check every value where it enters, with the bounds of `assessor.limits`:
the app calls them, so it gets the same limits as an import and the command line, and an
error that names the field for its one dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from assessor.content.context import AssessmentContext, UseCase
from assessor.errors import AssessorError, InputError
from assessor.exchange.assessment_file import Client
from assessor.library.installed import Library
from assessor.store.database import Store
from assessor.usecases.answering import add_respondent, answer_and_read, record_answer, set_context
from assessor.usecases.assessments import create_assessment, reassess, rename_assessment
from assessor.usecases.demo import create_demo
from assessor.usecases.roadmap_edits import add_custom_item, edit_item, plan_for
from assessor.usecases.transfer import export_assessment
from tests.factories import database_fingerprint

Call = Callable[[Store, Library, int], Any]


def _long_use_case() -> AssessmentContext:
    """A context built without validation, as a screen could: the use-case checks it."""
    return AssessmentContext.model_construct(
        use_cases=[UseCase.model_construct(name="u" * 201, description="", risk_tier="high")]
    )


REFUSED: dict[str, tuple[Call, str]] = {
    "a note too long": (
        lambda s, lib, a: record_answer(s, lib, a, "CMP-01", "l2", note="n" * 20_001),
        "note: at most 20,000 characters; this one has 20,001",
    ),
    "a blank respondent": (
        lambda s, lib, a: record_answer(s, lib, a, "CMP-01", "l2", respondent="  "),
        "respondent: must not be blank",
    ),
    "a respondent with an escape": (
        lambda s, lib, a: answer_and_read(s, lib, a, "CMP-01", "l2", respondent="cro\x1b[0m"),
        "respondent: holds the control character U+001B",
    ),
    "a respondent id too long": (
        lambda s, _lib, a: add_respondent(s, a, "r" * 101, "Ana"),
        "respondent id: at most 100 characters",
    ),
    "a respondent without a name": (
        lambda s, _lib, a: add_respondent(s, a, "ana", "\t"),
        "respondent name: must not be blank",
    ),
    "a text answer that is not text": (
        lambda s, lib, a: record_answer(s, lib, a, "GOV-19", "half a pair \ud800"),
        "GOV-19: is not valid text",
    ),
    "a number too large": (
        lambda s, lib, a: record_answer(s, lib, a, "CMP-16", 10**400),
        "CMP-16: numbers go up to 1e15",
    ),
    "no option ticked": (
        lambda s, lib, a: record_answer(s, lib, a, "CMP-11", []),
        "CMP-11: tick at least one option",
    ),
    "a use case named too long": (
        lambda s, lib, a: set_context(s, lib, a, _long_use_case()),
        "context: use_cases[0].name",
    ),
    "a title too long": (
        lambda s, _lib, a: rename_assessment(s, a, "t" * 201),
        "title: at most 200 characters",
    ),
    "a reassessment titled blank in effect": (
        lambda s, lib, a: reassess(s, lib, a, title="\x07"),
        "title: must not be blank",
    ),
    "a roadmap owner of line breaks only": (
        lambda s, lib, a: edit_item(s, lib, a, "REC-GOV-POLICY", owner="\r\n"),
        "owner: must not be blank",
    ),
    "too many actions": (
        lambda s, lib, a: edit_item(s, lib, a, "REC-GOV-POLICY", actions=["Do it."] * 51),
        "actions: at most 50 for one item; these are 51",
    ),
    "a custom title too long": (
        lambda s, lib, a: add_custom_item(
            s, lib, a, title="t" * 4001, phase="now", owner="CRO", actions=[]
        ),
        "title: at most 4,000 characters",
    ),
}


@pytest.mark.parametrize(("call", "says"), REFUSED.values(), ids=REFUSED.keys())
def test_a_value_out_of_bounds_is_refused_naming_the_field(
    store: Store, library: Library, call: Call, says: str
) -> None:
    assessment = create_demo(store, library).value
    before = database_fingerprint(store.path)
    with pytest.raises(AssessorError) as refused:  # the app shows any of these in its dialog
        call(store, library, assessment)
    assert says in str(refused.value)
    assert database_fingerprint(store.path) == before


def test_a_new_client_is_checked_and_its_text_kept_as_the_rule_says(
    store: Store, library: Library
) -> None:
    client = Client.model_construct(name="Acme\x1b[31m\tCorp  ", sector="Retail")
    with pytest.raises(InputError, match="client: name: at most 200 characters"):
        create_assessment(
            store, library, Client.model_construct(name="n" * 201), "Review", AssessmentContext()
        )
    nested: object = "x"
    for _ in range(9):
        nested = [nested]
    deep = Client.model_construct(name="Acme", extra=nested)
    with pytest.raises(InputError, match=r"client: extra\[0\].*: lists and objects nest at most 8"):
        create_assessment(store, library, deep, "Review", AssessmentContext())
    created = create_assessment(store, library, client, " Review\n", AssessmentContext()).value
    record = store.assessment(created)
    assert (record.client_name, record.title) == ("Acme[31m Corp", "Review")
    exported = export_assessment(store, created)
    assert exported.client.name == "Acme[31m Corp"
    assert exported.client.model_extra == {"sector": "Retail"}


def test_kept_values_are_trimmed_once_everywhere(store: Store, library: Library) -> None:
    assessment = create_demo(store, library).value
    record_answer(store, library, assessment, "CMP-01", "l2", respondent=" ana ", note="a\r\nb")
    assert "ana" in {r.key for r in store.respondents(assessment)}
    assert store.latest_answer(assessment, "CMP-01", "ana") == ('"l2"', "a\nb", False)
    edit_item(store, library, assessment, "REC-GOV-POLICY", owner=" CRO\t", actions=[" a ", " "])
    item = plan_for(store, library, assessment).get("REC-GOV-POLICY")
    assert item is not None
    assert (item.item.owner, item.item.actions) == ("CRO", ("a",))
