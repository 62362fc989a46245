"""Between the database and `matching`: rows become plain dicts, suggestions become rows.

The fitted matcher is kept per process and per version of what it reads: every change to the
catalogue, a decision or a booking moves `CatalogueState.version` on
(`matching_inputs_changed`), and a worker that sees a newer version refits before it suggests.
"""

import threading

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from intake.clock import utcnow
from intake.extensions import db
from intake.models import (
    Case,
    CatalogueState,
    Coach,
    Company,
    Decision,
    Intake,
    Suggestion,
    SuggestionKind,
    WorkshopSeries,
    coaches_assigned,
    seats_booked,
)
from matching import Matcher, render

TOP = 3
_LISTS = {
    "workshop_series": SuggestionKind.WORKSHOP_SERIES,
    "coaches": SuggestionKind.COACH,
    "cases": SuggestionKind.CASE,
}
_lock = threading.Lock()
# database URL -> (version, when it changed, matcher): the time tells a rebuilt or restored
# database, whose version counts from 1 again, from the one the matcher was fitted on.
_fitted: dict[str, tuple[int, object, Matcher]] = {}


def catalogue_version() -> int:
    state = db.session.get(CatalogueState, 1)
    return state.version if state else 0


def matching_inputs_changed() -> int:
    """Call after any change that matching reads: the catalogue, decisions, bookings. It moves
    the version on, and every worker refits on its next use."""
    state = db.session.get(CatalogueState, 1, with_for_update=True)
    if state is None:
        state = CatalogueState(id=1, version=0)
        db.session.add(state)
    state.version += 1
    state.changed_at = utcnow()
    db.session.flush()
    return state.version


def series_dict(series: WorkshopSeries, booked: int = 0) -> dict:
    item = {
        "code": series.code, "title": series.title, "description": series.description,
        "areas": list(series.areas), "county": series.county,
    }
    if series.starts_on is not None:
        item["starts_on"] = series.starts_on.isoformat()
    if series.seats is not None:
        item["seats"] = series.seats
    item["booked"] = booked
    return item


def coach_dict(coach: Coach, assigned: int = 0) -> dict:
    item = {
        "code": coach.code, "name": coach.name, "profile": coach.profile,
        "areas": list(coach.areas), "counties": list(coach.counties),
    }
    if coach.capacity is not None:
        item["capacity"] = coach.capacity
    item["assigned"] = assigned
    return item


def case_dict(case: Case) -> dict:
    item = {
        "code": case.code,
        "company": {"sector": case.sector, "employees": case.employees, "county": case.county},
        "answers": case.answers, "summary": case.summary,
    }
    if case.outcome:
        item["outcome"] = case.outcome
    if case.workshop_series is not None:
        item["workshop_series"] = case.workshop_series.code
    if case.coach is not None:
        item["coach"] = case.coach.code
    return item


def active(model) -> list:
    """The catalogue rows of `model` that are not retired, by code."""
    return list(db.session.scalars(
        select(model).where(model.retired_at.is_(None)).order_by(model.code)))


def load_catalogue() -> dict:
    """The active (not retired) catalogue as the plain lists `Matcher.fit` takes."""
    booked = seats_booked()
    assigned = coaches_assigned()
    return {
        "workshop_series": [series_dict(s, booked.get(s.id, 0))
                            for s in active(WorkshopSeries)],
        "coaches": [coach_dict(c, assigned.get(c.id, 0))
                    for c in active(Coach)],
        "cases": [case_dict(c) for c in db.session.scalars(
            select(Case).where(Case.retired_at.is_(None)).order_by(Case.code)
            .options(joinedload(Case.workshop_series), joinedload(Case.coach)))],
    }


def load_feedback() -> list[dict]:
    """Coordinators' decisions on earlier suggestions, as matching's feedback records.

    One query for all of them, with the scores each intake kept on submission: the cost grows
    with the number of decisions, not with a round trip per decision. A decision whose intake
    has no scores is skipped (and logged), never an error that blocks everyone's suggestions.
    """
    rows = db.session.execute(
        select(Suggestion.id, Suggestion.kind, Suggestion.code, Suggestion.decision,
               Suggestion.decision_code, Intake.area_scores, Company.sni_division,
               Company.employees, Company.county_code)
        .join(Intake, Suggestion.intake_id == Intake.id)
        .join(Company, Intake.company_id == Company.id)
        .where(Suggestion.decision.is_not(None), Suggestion.kind != SuggestionKind.CASE)
        .order_by(Suggestion.id)
    )
    feedback = []
    for row in rows:
        if row.decision == Decision.CHANGED and not row.decision_code:
            continue
        if not isinstance(row.area_scores, dict) or not row.area_scores:
            current_app.logger.warning("Feedback of suggestion %s skipped: no scores", row.id)
            continue
        profile = {"company": {"sector": row.sni_division, "employees": row.employees,
                               "county": row.county_code},
                   "answers": row.area_scores}
        key = "workshop_series" if row.kind == SuggestionKind.WORKSHOP_SERIES else "coach"
        other = "coach" if key == "workshop_series" else "workshop_series"
        signal = -1.0 if row.decision in (Decision.REJECTED, Decision.CHANGED) else 1.0
        feedback.append({**profile, key: row.code, other: None, "signal": signal})
        if row.decision == Decision.CHANGED:
            feedback.append({**profile, key: row.decision_code, other: None, "signal": 1.0})
    return feedback


def intake_profile(intake: Intake) -> dict:
    """The company and its answers, as scored on submission, in the interchange profile format."""
    company = intake.company
    return {
        "company": {"name": company.name, "org_number": company.org_number,
                    "sector": company.sni_division, "employees": company.employees,
                    "county": company.county_code},
        "answers": intake.area_scores or {},
    }


def fitted_matcher() -> tuple[int, Matcher]:
    """The matcher for the current catalogue version, fitting it if this worker has none."""
    state = db.session.get(CatalogueState, 1)
    version, changed_at = (state.version, state.changed_at) if state else (0, None)
    key = current_app.config["SQLALCHEMY_DATABASE_URI"]
    with _lock:
        cached = _fitted.get(key)
        if cached is None or cached[:2] != (version, changed_at):
            catalogue = load_catalogue()
            matcher = Matcher().fit(catalogue["workshop_series"], catalogue["coaches"],
                                    catalogue["cases"], feedback=load_feedback())
            cached = _fitted[key] = (version, changed_at, matcher)
    return cached[0], cached[2]


def store_suggestions(intake: Intake) -> list[Suggestion]:
    """Replace the intake's suggestions with fresh ones.

    Reasons are stored as matching returns them, as data ({"items": [{"key", "values"}]}),
    and rendered in the reader's language when shown (`reasons_in`).
    """
    version, matcher = fitted_matcher()
    result = matcher.suggest(intake_profile(intake), top=TOP)
    intake.suggestions.clear()
    for list_key, kind in _LISTS.items():
        for rank, item in enumerate(result[list_key], start=1):
            intake.suggestions.append(Suggestion(
                kind=kind, rank=rank, code=item["code"], score=float(item["score"]),
                reasons={"items": item["reasons"]}, catalogue_version=version,
            ))
    db.session.flush()
    return intake.suggestions


def reasons_in(suggestion: Suggestion, lang: str) -> list[str]:
    """A suggestion's reasons as sentences in `lang` ("sv" or "en"; anything else: Swedish).

    Rows stored before reasons became data hold the sentences themselves, in both languages.
    A reason whose message the matcher no longer has is left out rather than shown broken.
    """
    reasons = suggestion.reasons or {}
    if "items" not in reasons:
        return reasons.get(lang) or reasons.get("sv") or []
    lang = lang if lang in ("sv", "en") else "sv"
    out = []
    for item in reasons["items"]:
        try:
            out.append(render(item, lang))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return out
