"""What a company sees of itself: where it stands and what comes next, what was suggested and
decided, the series it is booked into (when and where), its coach and its stages.

Written for a company's CEO: items by their names and summaries, never by catalogue codes, and
series with their dates, county and place.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from intake.clock import today
from intake.extensions import db
from intake.models import (
    STATUS_ORDER,
    Activity,
    ActivityKind,
    Coach,
    CoachAssignment,
    Company,
    Enrolment,
    IntakeStatus,
    ResponseStatus,
    SurveyInvitation,
    SurveyResponse,
    WorkshopSeries,
)
from intake.operations.suggestions import SuggestionItem, describe_suggestions
from intake.questionnaire import AREA_KEYS


@dataclass
class Booking:
    series: WorkshopSeries
    phase: str  # "ahead", "running" or "finished"


@dataclass
class CompanyStatus:
    company: Company
    status: str
    status_index: int
    next_step: str
    decided: int = 0
    total: int = 0
    suggestions: dict[str, list[SuggestionItem]] = field(default_factory=dict)
    # Submitted, but the suggestions are still being computed (see `operations.suggesting`).
    suggestions_pending: bool = False
    bookings: list[Booking] = field(default_factory=list)
    coaches: list[Coach] = field(default_factory=list)
    stages: list[Activity] = field(default_factory=list)
    # The six-month re-assessment: (area key, maturity at intake, maturity now) per area.
    maturity_change: list[tuple[str, int, int]] = field(default_factory=list)


def phase(series: WorkshopSeries) -> str:
    """Where a series is in time, today."""
    day = today()
    if series.starts_on is None or series.starts_on > day:
        return "ahead"
    if series.last_date is not None and series.last_date < day:
        return "finished"
    return "running"


def _next_step(status: str, decided: int, total: int, bookings: list[Booking]) -> str:
    if status == IntakeStatus.DRAFT:
        return "draft"
    if bookings:
        return "booked"
    if status == IntakeStatus.SUBMITTED or (status == IntakeStatus.UNDER_REVIEW and not decided):
        return "waiting"
    if decided < total:
        return "reviewing"
    return "decided"


def company_status(company: Company, lang: str) -> CompanyStatus:
    """The company's status page, in `lang`."""
    intake = company.current_intake
    status = intake.status if intake else IntakeStatus.DRAFT
    bookings = [Booking(e.workshop_series, phase(e.workshop_series)) for e in db.session.scalars(
        select(Enrolment).join(WorkshopSeries).where(Enrolment.company_id == company.id)
        .order_by(WorkshopSeries.starts_on, Enrolment.id))]
    suggestions = intake.suggestions if intake is not None else []
    decided = sum(1 for s in suggestions if s.decision)
    page = CompanyStatus(
        company=company, status=status, status_index=STATUS_ORDER.index(status),
        next_step=_next_step(status, decided, len(suggestions), bookings),
        decided=decided, total=len(suggestions), bookings=bookings,
        coaches=list(db.session.scalars(
            select(Coach).join(CoachAssignment)
            .where(CoachAssignment.company_id == company.id, CoachAssignment.ended_at.is_(None))
            .order_by(CoachAssignment.created_at))),
        stages=list(db.session.scalars(
            select(Activity).where(Activity.company_id == company.id,
                                   Activity.kind != ActivityKind.WORKSHOP_SERIES)
            .order_by(Activity.occurred_on, Activity.id))),
    )
    page.maturity_change = _maturity_change(company)
    if intake is not None and intake.status != IntakeStatus.DRAFT:
        page.suggestions = describe_suggestions(suggestions, lang, for_company=True)
        page.suggestions_pending = intake.suggestions_pending
    return page


def _maturity_change(company: Company) -> list[tuple[str, int, int]]:
    """Before and after per area, from the company's latest submitted re-assessment."""
    change = db.session.scalar(
        select(SurveyResponse.maturity_change)
        .join(SurveyInvitation, SurveyResponse.invitation_id == SurveyInvitation.id)
        .where(SurveyInvitation.company_id == company.id,
               SurveyResponse.status == ResponseStatus.SUBMITTED,
               SurveyResponse.maturity_change.is_not(None))
        .order_by(SurveyResponse.submitted_at.desc()).limit(1))
    if not change:
        return []
    return [(key, change[key]["before"], change[key]["after"])
            for key in AREA_KEYS if key in change]
