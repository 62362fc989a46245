"""Reviewing one company: what the coordinator reads, and the decisions they take on suggestions.

A decision is feedback for matching (accepted pulls similar companies towards the item, changed
and rejected push away): each one is numbered (`matching_bridge.feedback_given`) and every
process adds it to its fitted matcher before the next suggestion, without a refit.
The intake's status only ever moves forward: opening the review of a submitted intake marks it
under review; once every workshop-series and coach suggestion is decided it is matched; an
enrolled company is never moved back.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from intake import matching_bridge, matching_runtime
from intake.clock import utcnow
from intake.extensions import db
from intake.models import (
    STATUS_ORDER,
    Case,
    Company,
    Decision,
    Intake,
    IntakeStatus,
    Suggestion,
    SuggestionKind,
    User,
)
from intake.operations.audit import record, record_many
from intake.operations.questionnaire import area_scores, questionnaire_for
from intake.operations.suggestions import DISPLAY_COLUMNS

DECIDING_KINDS = (SuggestionKind.WORKSHOP_SERIES, SuggestionKind.COACH)


class DecisionError(ValueError):
    """The decision cannot be stored as asked; `field` says which form field is wrong."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


class ReviewLocked(Exception):
    """Suggestions cannot be recomputed once a coordinator has decided on one of them."""


MatcherNotReady = matching_runtime.NoMatcherYet


@dataclass
class AreaComparison:
    key: str
    title: dict
    maturity: int | None
    urgency: int | None
    cases_maturity: float | None
    cases_urgency: float | None


@dataclass
class Comparison:
    areas: list[AreaComparison]
    case_codes: list[str] = field(default_factory=list)


def _move_status(intake: Intake, status: IntakeStatus) -> bool:
    """Move forward only; returns whether the status changed."""
    if STATUS_ORDER.index(status) <= STATUS_ORDER.index(intake.status):
        return False
    intake.status = status
    return True


def open_review(company: Company, user: User) -> Intake | None:
    """A submitted intake is under review from the moment a coordinator opens it."""
    intake = company.current_intake
    if intake is not None and intake.status == IntakeStatus.SUBMITTED:
        _move_status(intake, IntakeStatus.UNDER_REVIEW)
        record(user, "intake.review_opened", "intake", intake.id,
               {"company_id": company.id, "status": intake.status})
    return intake


def alternatives(kind: str) -> list[tuple[str, str]]:
    """The active catalogue items of `kind`, as (code, label) choices for a change, by name."""
    model, column = DISPLAY_COLUMNS[SuggestionKind(kind)]
    rows = db.session.execute(select(model.code, column)
                              .where(model.retired_at.is_(None)).order_by(column, model.code))
    return [(code, f"{_short(label, 70)} ({code})") for code, label in rows.all()]


def decided_count(intake: Intake) -> tuple[int, int]:
    """How many of the intake's suggestions are decided, and how many there are."""
    return sum(1 for s in intake.suggestions if s.decision), len(intake.suggestions)


def chosen_codes(intake: Intake | None, kind: str) -> list[str]:
    """The items of `kind` the review chose (accepted, or picked instead), best first."""
    if intake is None:
        return []
    codes = []
    for s in sorted(intake.suggestions, key=lambda s: s.rank):
        if s.kind != kind:
            continue
        if s.decision == Decision.ACCEPTED:
            codes.append(s.code)
        elif s.decision == Decision.CHANGED and s.decision_code:
            codes.append(s.decision_code)
    return list(dict.fromkeys(codes))


def _short(text: str | None, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def comparison(intake: Intake) -> Comparison:
    """Maturity and urgency per area: the company's, and the mean of its suggested cases'."""
    scores = area_scores(intake)
    codes = [s.code for s in intake.suggestions if s.kind == SuggestionKind.CASE]
    cases = list(db.session.scalars(select(Case).where(Case.code.in_(codes)))) if codes else []
    areas = []
    for area in questionnaire_for(intake).areas:
        mine = scores.get(area.key)
        answered = [c.answers[area.key] for c in cases if isinstance(c.answers, dict)
                    and isinstance(c.answers.get(area.key), dict)]
        if mine is None and not (answered and area.required):
            continue
        areas.append(AreaComparison(
            key=area.key, title=area.title,
            maturity=mine["maturity"] if mine else None,
            urgency=mine["priority"] if mine else None,
            cases_maturity=_mean([a.get("maturity") for a in answered]),
            cases_urgency=_mean([a.get("priority") for a in answered]),
        ))
    return Comparison(areas=areas, case_codes=sorted(c.code for c in cases))


def _mean(values: list) -> float | None:
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return round(sum(numbers) / len(numbers), 1) if numbers else None


def suggestion_of(company: Company, suggestion_id: int) -> Suggestion | None:
    """The suggestion, if it belongs to the company's current intake (else None: a 404)."""
    intake = company.current_intake
    suggestion = db.session.get(Suggestion, suggestion_id)
    if intake is None or suggestion is None or suggestion.intake_id != intake.id:
        return None
    return suggestion


def decide(suggestion: Suggestion, user: User, decision: str, reason: str | None,
           code: str | None = None) -> Suggestion:
    """Store who decided what, when and why; audit it; move the intake's status on.

    The reason stored is the one given with this decision: a reason given for an earlier
    change is not left behind for the company to read after an accept.
    """
    reason = (reason or "").strip()
    code = (code or "").strip() or None
    if decision not in {d.value for d in Decision}:
        raise DecisionError("decision", _l("Choose accept, change or reject."))
    if decision == Decision.CHANGED:
        if not code:
            raise DecisionError("code", _l("Choose what to suggest instead."))
        if code not in dict(alternatives(suggestion.kind)):
            raise DecisionError("code", _l("Choose an active item of the catalogue."))
        if code == suggestion.code:
            raise DecisionError("code", _l("Choose another item than the one suggested, or "
                                           "accept it."))
    else:
        code = None
    if decision in (Decision.CHANGED, Decision.REJECTED) and not reason:
        raise DecisionError("reason", _l("Give a reason when you change or reject."))
    previous = {"decision": suggestion.decision, "decision_code": suggestion.decision_code,
                "reason": suggestion.decision_reason}
    suggestion.decision = decision
    suggestion.decision_code = code
    suggestion.decision_reason = reason or None
    suggestion.decided_by_id = user.id
    suggestion.decided_at = utcnow()
    intake = suggestion.intake
    record(user, f"suggestion.{decision}", "suggestion", suggestion.id, {
        "company_id": intake.company_id, "kind": suggestion.kind, "code": suggestion.code,
        "decision_code": code, "reason": reason, "previous": previous,
    })
    deciding = [s for s in intake.suggestions if s.kind in DECIDING_KINDS]
    if deciding and all(s.decision for s in deciding):
        _move_status(intake, IntakeStatus.MATCHED)
    else:
        _move_status(intake, IntakeStatus.UNDER_REVIEW)
    matching_bridge.feedback_given(suggestion)
    return suggestion


def accept_many(suggestions: list[Suggestion], user: User) -> None:
    """Accept many suggestions at once (the inbox's bulk action): what `decide` does for an
    accept, with one audit flush and one lock of the feedback sequence for all of them."""
    now = utcnow()
    details = {}
    for suggestion in suggestions:
        previous = {"decision": suggestion.decision, "decision_code": suggestion.decision_code,
                    "reason": suggestion.decision_reason}
        suggestion.decision = Decision.ACCEPTED
        suggestion.decision_code = suggestion.decision_reason = None
        suggestion.decided_by_id = user.id
        suggestion.decided_at = now
        intake = suggestion.intake
        details[suggestion.id] = {
            "company_id": intake.company_id, "kind": suggestion.kind, "code": suggestion.code,
            "decision_code": None, "reason": "", "previous": previous, "bulk": True}
        deciding = [s for s in intake.suggestions if s.kind in DECIDING_KINDS]
        if deciding and all(s.decision for s in deciding):
            _move_status(intake, IntakeStatus.MATCHED)
        else:
            _move_status(intake, IntakeStatus.UNDER_REVIEW)
    record_many(user, f"suggestion.{Decision.ACCEPTED}", "suggestion", details)
    matching_bridge.feedback_given_many(suggestions)


def recompute(intake: Intake, user: User) -> list[Suggestion]:
    """Fresh suggestions from the current catalogue, as long as nothing has been decided."""
    if any(s.decision for s in intake.suggestions):
        raise ReviewLocked
    old = sorted((s.kind, s.code) for s in intake.suggestions)
    fitted = matching_runtime.matcher_now()  # MatcherNotReady: the view says "in a minute"
    suggestions = matching_bridge.store_suggestions(intake, fitted.matcher, fitted.version)
    intake.suggestions_pending = False
    record(user, "suggestions.recomputed", "intake", intake.id, {
        "company_id": intake.company_id, "before": [list(x) for x in old],
        "after": [[s.kind, s.code] for s in suggestions],
    })
    return suggestions
