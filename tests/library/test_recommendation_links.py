"""A question that reuses another question's recommendation does so on purpose: each such
link is listed, with its reason, in questionnaires/REVIEW.md ("QID -> REC-ID"), and the
list holds no link the content no longer makes."""

from __future__ import annotations

import re

from assessor.library.installed import Library
from tests.conftest import BUNDLED

LINK = re.compile(r"linked on purpose: ([A-Z]+-\d+) -> (REC-[A-Z0-9-]+)")


def shared_links(library: Library) -> set[tuple[str, str]]:
    return {
        (q.id, q.recommendation)
        for qn in library.content.questionnaires
        for q in qn.questions
        if isinstance(q.recommendation, str)
    }


def test_every_shared_recommendation_is_listed_as_linked_on_purpose(library: Library) -> None:
    listed = set(LINK.findall((BUNDLED / "REVIEW.md").read_text(encoding="utf-8")))
    links = shared_links(library)
    assert links, "the content reuses no recommendation: this test checks nothing"
    assert links - listed == set(), "reused without a reason in questionnaires/REVIEW.md"
    assert listed - links == set(), "listed in REVIEW.md but no longer in the content"
