"""Results as plain data: the JSON that `assessor score --json` and `list --json` print.

Kept apart from the command line so that other tools (a report, an export) give the
same shape. Scores are not rounded here; display rounds.
"""

from __future__ import annotations

from typing import Any

from assessor.scoring.scorecard import LEVEL_NAMES, Blocker, Scorecard
from assessor.store.database import AssessmentSummary


def _level(level: int | None) -> dict[str, Any] | None:
    return None if level is None else {"number": level, "name": LEVEL_NAMES[level]}


def _blocker(b: Blocker) -> dict[str, Any]:
    return {
        "question_id": b.question_id,
        "domain": b.domain,
        "prompt": b.prompt,
        "value": b.value,
        "dont_know": b.unknown,
        "cap": b.cap,
        "reason": b.reason,
    }


def scorecard_json(card: Scorecard, assessment_id: int) -> dict[str, Any]:
    return {
        "assessment": assessment_id,
        "overall": {
            "score": card.overall_score,
            "level": card.overall_level,
            "level_name": LEVEL_NAMES.get(card.overall_level or 0),
            "level_before_caps": card.uncapped_overall_level,
        },
        "completeness": card.completeness,
        "confidence": card.confidence,
        "confidence_reasons": list(card.confidence_reasons),
        "answered": card.answered,
        "applicable": card.applicable,
        "unknowns": card.unknowns,
        "profile": card.profile_id,
        "planning_tier": card.planning_tier,
        "domains": [
            {
                "id": d.id,
                "title": d.title,
                "score": d.score,
                "level": d.capped_level,
                "level_before_caps": d.level,
                "target_level": d.target_level,
                "weight": d.weight,
                "completeness": d.completeness,
                "answered": d.answered,
                "applicable": d.applicable,
                "unknowns": d.unknowns,
                "blockers": [_blocker(b) for b in d.blockers],
                "sections": [
                    {
                        "questionnaire": s.questionnaire_id,
                        "id": s.section_id,
                        "title": s.title,
                        "score": s.score,
                        "level": s.level,
                        "answered": s.answered,
                        "applicable": s.applicable,
                    }
                    for s in d.sections
                ],
            }
            for d in card.domains
        ],
        "blockers": [_blocker(b) for b in card.blockers],
        "divergent_questions": [
            {"question_id": qid, "spread": card.questions[qid].spread}
            for qid in card.divergent_questions
        ],
        "use_cases": [
            {
                "name": u.name,
                "risk_tier": u.risk_tier,
                "verdict": u.verdict,
                "pursue": u.pursue,
                "reasons": list(u.reasons),
                "deciding_domains": list(u.deciding_domains),
                "blockers": list(u.blockers),
            }
            for u in card.use_cases
        ],
    }


def summary_json(row: AssessmentSummary) -> dict[str, Any]:
    return {
        "id": row.id,
        "client": row.client,
        "title": row.title,
        "status": row.status,
        "completeness": row.completeness,
        "overall": {"score": row.overall_score, "level": row.overall_level},
        "confidence": row.confidence,
        "updated_at": row.updated_at,
    }
