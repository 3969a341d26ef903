"""Results as plain data: the JSON that `assessor score --json`, `list --json` and
`roadmap --json` print.

Kept apart from the command line so that other tools (a report, an export) give the
same shape. Scores are not rounded here; display rounds.
"""

from __future__ import annotations

from typing import Any

from assessor.scoring.plan import Plan
from assessor.scoring.roadmap import Deadline
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


def plan_json(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "title": p.item.title,
            "actions": list(p.item.actions),
            "domain": p.item.domain,
            "why": [
                {
                    "question_id": r.question_id,
                    "answer": "dont_know" if r.dont_know else r.answer,
                    "current_level": r.current_level,
                    "target_level": r.target_level,
                    "blocker": r.blocker,
                }
                for r in p.item.why
            ],
            "effort": p.item.effort,
            "impact": p.item.impact,
            "owner": p.item.owner,
            "phase": p.item.phase,
            "phase_rule": p.item.phase_rule,
            "depends_on": list(p.item.depends_on),
            "deadline": _deadline_json(p.item.deadline),
            "priority": p.item.priority,
            "quick_win": p.item.quick_win,
            "enabling": p.item.enabling,
            "blocker": p.item.blocker,
            "edited": bool(p.edited),
            "edits": list(p.edited),
            "status": p.status,
            "hidden": p.hidden,
        }
        for p in plan.items
    ]


def _deadline_json(deadline: Deadline | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    return {
        "duty": deadline.duty_id,
        "applies_from": deadline.applies_from,
        "in_force": deadline.in_force,
        "due_by": deadline.due_by,
        "reason": deadline.reason,
        "via": deadline.via or None,
    }


def deadline_text(deadline: Deadline | None) -> str:
    """`EU AI Act Annex III high-risk duties apply from 2 Dec 2027`, or the empty string."""
    if deadline is None:
        return ""
    via = f" (through {deadline.via})" if deadline.via else ""
    return deadline.reason + via
