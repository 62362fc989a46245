"""Booking a company in and following it: enrolments, coaches, the stages the funder counts.

Seats and coach capacity are hard limits even when two coordinators book at the same instant:
the series (or coach) row is locked before the bookings are counted, so the second booking waits
for the first and then sees it. SQLite has no row locks, so there a no-op write takes the
database's write lock first, which serialises the two in the same way.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import lazy_gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from intake.clock import today, utcnow
from intake.extensions import db
from intake.models import (
    Activity,
    ActivityKind,
    Coach,
    CoachAssignment,
    Company,
    Enrolment,
    IntakeStatus,
    User,
    WorkshopSeries,
    coaches_assigned,
    seats_booked,
)
from intake.operations import audit, deminimis
from intake.operations.registration import CompanyDetails, apply_details
from intake.operations.row_locks import lock_row

# Stages recorded by hand; a workshop series is recorded by `enrol`.
STAGES = (ActivityKind.MAPPING_INTERVIEW, ActivityKind.DEEP_ANALYSIS, ActivityKind.ACTION_PLAN,
          ActivityKind.CONSULTANT_SUPPORT)
# The stages that give the company support with a value (de minimis aid); a mapping interview
# is the programme's own short interview and carries none.
VALUED_STAGES = (ActivityKind.DEEP_ANALYSIS, ActivityKind.ACTION_PLAN,
                 ActivityKind.CONSULTANT_SUPPORT)
MAX_DAYS_AHEAD = 366


class BookingError(ValueError):
    """The booking cannot be made as asked; `field` names the form field it concerns.

    The message is lazy: it is put in the user's language when the form is rendered, so that
    the operation itself needs no request (a CLI command or a test thread can call it).
    """

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class CeilingWarning(Exception):
    """The support would take the company past the de minimis ceiling and was not confirmed."""

    def __init__(self, ledger: deminimis.Ledger, extra_eur: Decimal):
        super().__init__("de minimis ceiling")
        self.ledger = ledger
        self.extra_eur = extra_eur
        self.total_after_eur = ledger.total_eur + extra_eur


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    data: bytes


def _check_ceiling(company: Company, value: Decimal, confirmed: bool) -> bool:
    """True if the value passes the ceiling (and was confirmed); raises if not confirmed."""
    over = value > 0 and deminimis.would_exceed(company, value)
    if over and not confirmed:
        raise CeilingWarning(deminimis.ledger(company), value)
    return over


def booked_series_ids(company: Company) -> set[int]:
    return set(db.session.scalars(select(Enrolment.workshop_series_id)
                                  .where(Enrolment.company_id == company.id)))


def booked_seats(series_id: int) -> int:
    return seats_booked([series_id]).get(series_id, 0)


def active_assignments(coach_id: int) -> int:
    return coaches_assigned([coach_id]).get(coach_id, 0)


def series_options(first_codes: list[str] = ()) -> list[tuple[WorkshopSeries, int]]:
    """The series a company can be booked into, with their seats booked: those named in
    `first_codes` (the ones its review chose) first and in that order, the rest soonest first."""
    rows = list(db.session.scalars(
        select(WorkshopSeries).where(WorkshopSeries.retired_at.is_(None))
        .order_by(WorkshopSeries.starts_on, WorkshopSeries.code)))
    rank = {code: i for i, code in enumerate(first_codes)}
    rows.sort(key=lambda s: rank.get(s.code, len(rank)))
    booked = seats_booked()
    return [(s, booked.get(s.id, 0)) for s in rows]


def coach_options(first_codes: list[str] = ()) -> list[tuple[Coach, int]]:
    """The coaches a company can be given, with the companies each has now: those named in
    `first_codes` (the ones its review chose) first, the rest by name."""
    rows = list(db.session.scalars(
        select(Coach).where(Coach.retired_at.is_(None)).order_by(Coach.name)))
    rank = {code: i for i, code in enumerate(first_codes)}
    rows.sort(key=lambda c: rank.get(c.code, len(rank)))
    assigned = coaches_assigned()
    return [(c, assigned.get(c.id, 0)) for c in rows]


def enrol(company: Company, series_id: int, user: User | None, support_value_eur: Decimal,
          confirm_over_ceiling: bool = False) -> Enrolment:
    """Book the company into a series and record its participation as an activity."""
    value = Decimal(support_value_eur or 0)
    series = lock_row(WorkshopSeries, series_id)
    if series is None or series.retired_at is not None:
        raise BookingError("workshop_series", _("Choose a workshop series from the list."))
    if db.session.scalar(select(Enrolment.id).where(
            Enrolment.company_id == company.id, Enrolment.workshop_series_id == series.id)):
        raise BookingError("workshop_series", _("The company is already booked into this series."))
    if series.seats is not None and booked_seats(series.id) >= series.seats:
        raise BookingError("workshop_series", _(
            "The series is full: all %(seats)d seats are booked. Choose another series.",
            seats=series.seats))
    over = _check_ceiling(company, value, confirm_over_ceiling)

    enrolment = Enrolment(company_id=company.id, workshop_series_id=series.id,
                          created_by_id=getattr(user, "id", None))
    try:
        with db.session.begin_nested():
            db.session.add(enrolment)
            db.session.flush()
    except IntegrityError:  # booked by someone else in the same instant
        raise BookingError("workshop_series",
                           _("The company is already booked into this series.")) from None
    audit.record(user, "booking.enrol", "company", company.id,
                 _record_participation(company, series, user, value, over))
    return enrolment


def _record_participation(company: Company, series: WorkshopSeries, user: User | None,
                          value: Decimal, over: bool) -> dict:
    """What a booking adds beside the enrolment: the activity and the status; returns the
    details of its audit event."""
    activity = Activity(company_id=company.id, kind=ActivityKind.WORKSHOP_SERIES,
                        occurred_on=series.starts_on or today(), support_value_eur=value,
                        workshop_series_id=series.id, notes=series.title,
                        created_by_id=getattr(user, "id", None))
    db.session.add(activity)
    intake = company.current_intake
    if intake is not None and intake.status != IntakeStatus.DRAFT:
        intake.status = IntakeStatus.ENROLLED
    return {"workshop_series": series.code, "support_value_eur": value,
            "confirmed_over_ceiling": over}


def enrol_many(companies: list[Company], series_id: int, user: User | None,
               support_value_eur: Decimal = Decimal(0)) -> list[Enrolment]:
    """Book many companies into a series at once, or none: refused whole if the seats left do
    not suffice or one company would pass the de minimis ceiling. The series row is locked as
    in `enrol`, so a bulk booking and single bookings at the same instant wait for each other.
    Companies already booked on the series are left as they are; returns the new bookings."""
    value = Decimal(support_value_eur or 0)
    series = lock_row(WorkshopSeries, series_id)
    if series is None or series.retired_at is not None:
        raise BookingError("workshop_series", _("Choose a workshop series from the list."))
    ids = [c.id for c in companies]
    already = set(db.session.scalars(select(Enrolment.company_id).where(
        Enrolment.workshop_series_id == series.id, Enrolment.company_id.in_(ids))))
    new = [c for c in companies if c.id not in already]
    if series.seats is not None:
        left = max(0, series.seats - booked_seats(series.id))
        if len(new) > left:
            raise BookingError("workshop_series", _(
                "Nothing was booked: %(wanted)d of the selected companies are not yet booked on "
                "this series, but only %(left)d of its %(seats)d seats are left. Select fewer "
                "companies or choose another series.",
                wanted=len(new), left=left, seats=series.seats))
    if value > 0:
        over = [c.name for c in new if deminimis.would_exceed(c, value)]
        if over:
            raise BookingError("support_value_eur", _(
                "Nothing was booked: the support would take %(names)s past the de minimis "
                "ceiling. Book those companies one at a time, or leave them out.",
                names=", ".join(over[:10])))
    enrolments = [Enrolment(company_id=c.id, workshop_series_id=series.id,
                            created_by_id=getattr(user, "id", None)) for c in new]
    try:
        db.session.add_all(enrolments)
        db.session.flush()
    except IntegrityError:  # one of them was booked by someone else in the same instant
        raise BookingError("workshop_series", _(
            "Nothing was booked: one of the companies was booked on this series by someone "
            "else at the same moment. Try again.")) from None
    audit.record_many(user, "booking.enrol", "company", {
        company.id: {**_record_participation(company, series, user, value, False), "bulk": True}
        for company in new})
    return enrolments


def unenrol(enrolment: Enrolment, user: User | None) -> None:
    """Cancel a booking; its workshop activity goes too, since the company will not take part."""
    company = enrolment.company
    series = enrolment.workshop_series
    for activity in db.session.scalars(select(Activity).where(
            Activity.company_id == company.id, Activity.kind == ActivityKind.WORKSHOP_SERIES,
            Activity.workshop_series_id == series.id)):
        db.session.delete(activity)
    db.session.delete(enrolment)
    db.session.flush()
    intake = company.current_intake
    still_booked = db.session.scalar(select(Enrolment.id).where(
        Enrolment.company_id == company.id))
    if intake is not None and intake.status == IntakeStatus.ENROLLED and not still_booked:
        intake.status = IntakeStatus.MATCHED
    db.session.flush()
    audit.record(user, "booking.unenrol", "company", company.id,
                 {"workshop_series": series.code})


def assign_coach(company: Company, coach_id: int, user: User | None) -> CoachAssignment:
    """Assign a coach, within the coach's capacity (assignments not yet ended)."""
    coach = lock_row(Coach, coach_id)
    if coach is None or coach.retired_at is not None:
        raise BookingError("coach", _("Choose a coach from the list."))
    if db.session.scalar(select(CoachAssignment.id).where(
            CoachAssignment.company_id == company.id, CoachAssignment.coach_id == coach.id,
            CoachAssignment.ended_at.is_(None))):
        raise BookingError("coach", _("This coach is already assigned to the company."))
    if coach.capacity is not None and active_assignments(coach.id) >= coach.capacity:
        raise BookingError("coach", _(
            "%(name)s is fully booked: %(capacity)d companies already. Choose another coach, "
            "or end one of the coach's assignments first.",
            name=coach.name, capacity=coach.capacity))
    assignment = CoachAssignment(company_id=company.id, coach_id=coach.id,
                                 created_by_id=getattr(user, "id", None))
    db.session.add(assignment)
    db.session.flush()
    audit.record(user, "booking.assign_coach", "company", company.id, {"coach": coach.code})
    return assignment


def end_assignment(assignment: CoachAssignment, user: User | None) -> None:
    if assignment.ended_at is not None:
        return
    assignment.ended_at = utcnow()
    db.session.flush()
    audit.record(user, "booking.end_coach", "company", assignment.company_id,
                 {"coach": assignment.coach.code})


def check_stage_date(occurred_on: date) -> None:
    if occurred_on > today() + timedelta(days=MAX_DAYS_AHEAD):
        raise BookingError("occurred_on", _(
            "The date is more than a year ahead. Enter the date the stage took place or is "
            "planned for, within a year from today."))


def stage_value(kind: str, support_value_eur) -> Decimal:
    """The support value a stage carries: asked for the valued stages only. The form hides the
    amount for a mapping interview, so an amount typed before the kind was changed is not
    kept either."""
    if kind not in STAGES:
        raise BookingError("kind", _("Choose a stage from the list."))
    if kind not in VALUED_STAGES:
        return Decimal(0)
    if support_value_eur is None:
        raise BookingError("support_value_eur", _(
            "Enter the value of the support in euro, 0 if it has none."))
    return Decimal(support_value_eur)


def record_activity(company: Company, kind: str, occurred_on: date, notes: str,
                    support_value_eur: Decimal | None, user: User | None,
                    attachment: Attachment | None = None,
                    confirm_over_ceiling: bool = False) -> Activity:
    """Record a stage (mapping interview, deep analysis, action plan, consultant support)."""
    value = stage_value(kind, support_value_eur)
    check_stage_date(occurred_on)
    over = _check_ceiling(company, value, confirm_over_ceiling)
    activity = Activity(company_id=company.id, kind=kind, occurred_on=occurred_on,
                        notes=(notes or "").strip(), support_value_eur=value,
                        created_by_id=getattr(user, "id", None))
    if attachment is not None:
        activity.attachment_name = attachment.name
        activity.attachment_type = attachment.content_type
        activity.attachment = attachment.data
    db.session.add(activity)
    db.session.flush()
    audit.record(user, "booking.record_stage", "company", company.id, {
        "activity_id": activity.id, "kind": kind, "occurred_on": occurred_on,
        "support_value_eur": value, "attachment": attachment.name if attachment else None,
        "confirmed_over_ceiling": over,
    })
    return activity


class EditConflict(Exception):
    """Someone else saved the company after this form was loaded; nothing was changed."""


DETAIL_FIELDS = (
    "name", "sni_division", "county_code", "municipality", "employees", "turnover_band",
    "leadership", "contact_name", "contact_role", "contact_email", "contact_phone",
    "de_minimis_received", "de_minimis_amount_eur",
)


def update_company_details(company: Company, details: CompanyDetails, loaded_version: int,
                           user: User | None) -> list[str]:
    """Save a coordinator's edit of the company, unless it changed since the form was loaded.

    The version check catches a save that came first; the mapper's version column catches one
    that lands between this check and the UPDATE (StaleDataError). Returns the changed fields;
    the audit log keeps old and new values, except of the contact's personal data.
    """
    if company.version != loaded_version:
        raise EditConflict()
    before = {name: getattr(company, name) for name in DETAIL_FIELDS}
    apply_details(company, details)
    changed = [name for name in DETAIL_FIELDS if getattr(company, name) != before[name]]
    try:
        db.session.flush()
    except StaleDataError:
        raise EditConflict() from None
    if changed:
        audit.record(user, "company.edit", "company", company.id, {
            "fields": changed,
            "changes": {n: [before[n], getattr(company, n)] for n in changed
                        if not n.startswith("contact_")}})
    return changed
