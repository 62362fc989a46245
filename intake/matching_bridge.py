"""Between the database and `matching`: rows become plain dicts, suggestions become rows.

What the matcher must know moves in two ways (`CatalogueState`): the catalogue's version,
moved on by every catalogue change (`catalogue_changed`), which calls for a full refit; and
the feedback sequence, moved on by every decision (`feedback_given`), which a fitted matcher
takes in one record at a time. Bookings move neither: fullness is read fresh when ranking
(`capacity_now`). Which fitted matcher a process serves with is `matching_runtime`'s concern.
"""

from dataclasses import dataclass
from datetime import datetime

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
    ResponseStatus,
    Suggestion,
    SuggestionKind,
    SurveyInvitation,
    SurveyResponse,
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


@dataclass(frozen=True)
class State:
    """What a fitted matcher is fitted on: the catalogue version and when it moved (a rebuilt
    database counts its version from 1 again), and how much feedback there is."""

    version: int
    changed_at: datetime | None
    feedback_seq: int


def state() -> State:
    row = db.session.get(CatalogueState, 1)
    if row is None:
        return State(0, None, 0)
    return State(row.version, row.changed_at, row.feedback_seq or 0)


def catalogue_version() -> int:
    return state().version


def _locked_state() -> CatalogueState:
    row = db.session.get(CatalogueState, 1, with_for_update=True)
    if row is None:
        row = CatalogueState(id=1, version=0, feedback_seq=0)
        db.session.add(row)
    return row


def catalogue_changed() -> int:
    """Call after any change to the catalogue: every process fits the matcher anew (in the
    background, serving with the one before until the new one is ready)."""
    row = _locked_state()
    row.version += 1
    row.changed_at = utcnow()
    db.session.flush()
    return row.version


def feedback_given(suggestion: Suggestion) -> int:
    """Call after a decision on `suggestion`: it gets the next feedback number, and every
    process adds it to its fitted matcher before the next suggestion, without a refit."""
    row = _locked_state()
    row.feedback_seq = (row.feedback_seq or 0) + 1
    suggestion.feedback_seq = row.feedback_seq
    db.session.flush()
    return row.feedback_seq


def feedback_given_many(suggestions: list[Suggestion]) -> None:
    """`feedback_given` for many decisions at once (a bulk accept), in their order, with one
    lock of the sequence."""
    if not suggestions:
        return
    row = _locked_state()
    for suggestion in suggestions:
        row.feedback_seq = (row.feedback_seq or 0) + 1
        suggestion.feedback_seq = row.feedback_seq
    db.session.flush()


def outcome_given(response: SurveyResponse) -> int:
    """Call when a survey is submitted: like a decision, it gets the next feedback number and
    every process adds it (`outcome_records`) without a refit."""
    row = _locked_state()
    row.feedback_seq = (row.feedback_seq or 0) + 1
    response.feedback_seq = row.feedback_seq
    db.session.flush()
    return row.feedback_seq


# What "did the series fit your needs?" says to the matcher: yes helped, no did not.
FIT_SIGNAL = {"yes": 1.0, "partly": 0.3, "no": -1.0}


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


def capacity_now() -> dict:
    """Seats booked and companies assigned as they are now, by code, for `Matcher.suggest`."""
    series = dict(db.session.execute(select(WorkshopSeries.id, WorkshopSeries.code)).all())
    coaches = dict(db.session.execute(select(Coach.id, Coach.code)).all())
    return {
        "workshop_series": {series[i]: n for i, n in seats_booked().items() if i in series},
        "coaches": {coaches[i]: n for i, n in coaches_assigned().items() if i in coaches},
    }


def feedback_records(after_seq: int | None = None) -> tuple[list[dict], int]:
    """Coordinators' decisions and companies' reported outcomes (`outcome_records`) as
    matching's feedback records, and the highest feedback number among them. All of them
    (for a full fit), or those numbered after `after_seq` (to add to a fitted matcher).

    One query for all of them, with the scores each intake kept on submission: the cost grows
    with the number of decisions, not with a round trip per decision. Each record carries the
    decision's key, so a revised decision replaces what it said before. A decision whose
    intake has no scores is skipped (and logged), never an error that blocks everyone.
    """
    query = (
        select(Suggestion.id, Suggestion.kind, Suggestion.code, Suggestion.decision,
               Suggestion.decision_code, Suggestion.feedback_seq, Intake.area_scores,
               Company.sni_division, Company.employees, Company.county_code)
        .join(Intake, Suggestion.intake_id == Intake.id)
        .join(Company, Intake.company_id == Company.id)
        .where(Suggestion.kind != SuggestionKind.CASE)
        .order_by(Suggestion.id)
    )
    if after_seq is None:
        query = query.where(Suggestion.decision.is_not(None))
    else:  # a decision taken back (decision None) still replaces what it said before
        query = query.where(Suggestion.feedback_seq > after_seq)
    records, last = outcome_records(after_seq)
    for row in db.session.execute(query):
        last = max(last, row.feedback_seq or 0)
        key = f"suggestion:{row.id}"
        if not isinstance(row.area_scores, dict) or not row.area_scores:
            current_app.logger.warning("Feedback of suggestion %s skipped: no scores", row.id)
            continue
        profile = {"company": {"sector": row.sni_division, "employees": row.employees,
                               "county": row.county_code},
                   "answers": row.area_scores, "key": key}
        item = "workshop_series" if row.kind == SuggestionKind.WORKSHOP_SERIES else "coach"
        other = "coach" if item == "workshop_series" else "workshop_series"
        if row.decision is None or (row.decision == Decision.CHANGED and not row.decision_code):
            records.append({**profile, item: None, other: None, "signal": 0.0})
            continue
        signal = -1.0 if row.decision in (Decision.REJECTED, Decision.CHANGED) else 1.0
        records.append({**profile, item: row.code, other: None, "signal": signal})
        if row.decision == Decision.CHANGED:
            records.append({**profile, item: row.decision_code, other: None, "signal": 1.0})
    return records, last


def outcome_records(after_seq: int | None = None) -> tuple[list[dict], int]:
    """Submitted surveys as matching's feedback records: the company (as its intake was
    scored), the series it took part in and its coach, with the fit it reported as the signal.

    Only companies that gave their consent count; the highest feedback number comes back too.
    """
    query = (
        select(SurveyResponse.id, SurveyResponse.answers, SurveyResponse.feedback_seq,
               WorkshopSeries.code.label("series"), Coach.code.label("coach"),
               Company.id.label("company_id"), Company.sni_division, Company.employees,
               Company.county_code)
        .join(SurveyInvitation, SurveyResponse.invitation_id == SurveyInvitation.id)
        .join(WorkshopSeries, SurveyInvitation.workshop_series_id == WorkshopSeries.id)
        .join(Company, SurveyInvitation.company_id == Company.id)
        .outerjoin(Coach, SurveyResponse.coach_id == Coach.id)
        .where(SurveyResponse.status == ResponseStatus.SUBMITTED,
               SurveyResponse.feedback_seq.is_not(None), Company.consent_at.is_not(None))
        .order_by(SurveyResponse.id)
    )
    if after_seq is not None:
        query = query.where(SurveyResponse.feedback_seq > after_seq)
    rows = list(db.session.execute(query))
    scores = _latest_scores({row.company_id for row in rows})
    records, last = [], after_seq or 0
    for row in rows:
        last = max(last, row.feedback_seq or 0)
        signal = FIT_SIGNAL.get((row.answers or {}).get("fit"))
        answers = scores.get(row.company_id)
        if signal is None or not answers:
            continue
        records.append({
            "company": {"sector": row.sni_division, "employees": row.employees,
                        "county": row.county_code},
            "answers": answers, "key": f"survey:{row.id}",
            "workshop_series": row.series, "coach": row.coach, "signal": signal,
        })
    return records, last


def _latest_scores(company_ids: set[int]) -> dict[int, dict]:
    if not company_ids:
        return {}
    found = {}
    for company_id, scores in db.session.execute(
            select(Intake.company_id, Intake.area_scores)
            .where(Intake.company_id.in_(company_ids), Intake.submitted_at.is_not(None))
            .order_by(Intake.id)):
        if isinstance(scores, dict) and scores:
            found[company_id] = scores
    return found


def load_feedback() -> list[dict]:
    """Every decision so far, as matching's feedback records (see `feedback_records`)."""
    return feedback_records()[0]


def intake_profile(intake: Intake) -> dict:
    """The company and its answers, as scored on submission, in the interchange profile format."""
    company = intake.company
    return {
        "company": {"name": company.name, "org_number": company.org_number,
                    "sector": company.sni_division, "employees": company.employees,
                    "county": company.county_code},
        "answers": intake.area_scores or {},
    }


def store_suggestions(intake: Intake, matcher: Matcher, version: int) -> list[Suggestion]:
    """Replace the intake's suggestions with fresh ones from `matcher`, fitted on `version`.

    Fullness is read as it is now. Reasons are stored as matching returns them, as data
    ({"items": [{"key", "values"}]}), and rendered in the reader's language when shown
    (`reasons_in`).
    """
    result = matcher.suggest(intake_profile(intake), top=TOP, capacity=capacity_now())
    intake.suggestions.clear()
    for list_key, kind in _LISTS.items():
        for rank, item in enumerate(result[list_key], start=1):
            intake.suggestions.append(Suggestion(
                kind=kind, rank=rank, code=item["code"], score=float(item["score"]),
                reasons={"items": item["reasons"]}, catalogue_version=version,
            ))
    db.session.flush()
    return intake.suggestions


def reasons_in(suggestion: Suggestion, lang: str, for_company: bool = False) -> list[str]:
    """A suggestion's reasons as sentences in `lang` ("sv" or "en"; anything else: Swedish).

    `for_company`: the company reads them, so earlier cases are not named by their codes
    (which mean nothing to it, and are the programme's records). Rows stored before reasons
    became data hold the sentences themselves, in both languages. A reason whose message the
    matcher no longer has is left out rather than shown broken.
    """
    reasons = suggestion.reasons or {}
    if "items" not in reasons:
        return reasons.get(lang) or reasons.get("sv") or []
    lang = lang if lang in ("sv", "en") else "sv"
    out = []
    for item in reasons["items"]:
        if for_company and isinstance(item, dict) and item.get("key") == "helped":
            item = {"key": "helped_unnamed", "values": {}}
        try:
            out.append(render(item, lang))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return out
