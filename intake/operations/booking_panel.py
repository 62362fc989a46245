"""What the booking panel of a company's review page shows: its bookings, coaches, stages and
de minimis ledger, read in one place so that the template only displays them."""

from dataclasses import dataclass

from sqlalchemy import select

from intake.extensions import db
from intake.models import (
    Activity,
    CoachAssignment,
    Company,
    Enrolment,
    SurveyInvitation,
    seats_booked,
)
from intake.operations import deminimis


@dataclass(frozen=True)
class BookingPanel:
    enrolments: list
    current_coaches: list
    past_coaches: list
    activities: list
    ledger: deminimis.Ledger
    seats_booked: dict
    # The first-wave survey invitation per series id, if any: answered, sent, or not yet.
    surveys: dict


def booking_panel(company: Company) -> BookingPanel:
    """The company's bookings, coach assignments and stages, oldest first."""
    enrolments = list(db.session.scalars(
        select(Enrolment).where(Enrolment.company_id == company.id).order_by(Enrolment.id)))
    assignments = list(db.session.scalars(
        select(CoachAssignment).where(CoachAssignment.company_id == company.id)
        .order_by(CoachAssignment.created_at)))
    activities = list(db.session.scalars(
        select(Activity).where(Activity.company_id == company.id)
        .order_by(Activity.occurred_on, Activity.id)))
    booked = seats_booked([e.workshop_series_id for e in enrolments]) if enrolments else {}
    return BookingPanel(
        enrolments=enrolments,
        current_coaches=[a for a in assignments if a.ended_at is None],
        past_coaches=[a for a in assignments if a.ended_at is not None],
        activities=activities,
        ledger=deminimis.ledger(company),
        seats_booked={e.workshop_series_id: booked.get(e.workshop_series_id, 0)
                      for e in enrolments},
        surveys={i.workshop_series_id: i for i in db.session.scalars(
            select(SurveyInvitation).where(SurveyInvitation.company_id == company.id,
                                           SurveyInvitation.wave == 1))},
    )
