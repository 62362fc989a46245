"""What a workshop series' page and the calendar of all series show, read in one place so the
templates only display them: who is booked (company, contact, county, size, stage), the
sessions and who attended them, and the seats left."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intake.extensions import db
from intake.models import (
    Activity,
    ActivityKind,
    Attendance,
    Company,
    Enrolment,
    SeriesSession,
    WorkshopSeries,
    seats_booked,
)
from intake.operations.series_sessions import sessions_of
from intake.reports import size_class


@dataclass
class Participant:
    enrolment: Enrolment
    company: Company
    size_class: str
    latest_stage: Activity | None = None
    # session id -> True (there), False (not there); absent: not recorded
    attended: dict = field(default_factory=dict)

    @property
    def status(self) -> str | None:
        intake = self.company.current_intake
        return intake.status if intake is not None else None


@dataclass(frozen=True)
class SeriesPage:
    series: WorkshopSeries
    participants: list
    sessions: list

    @property
    def booked(self) -> int:
        return len(self.participants)

    @property
    def seats_left(self) -> int | None:
        return None if self.series.seats is None else max(self.series.seats - self.booked, 0)

    def present_count(self, session: SeriesSession) -> int:
        return sum(1 for p in self.participants if p.attended.get(session.id))


def series_page(series: WorkshopSeries) -> SeriesPage:
    """The series, its booked companies by name, and its sessions with their attendance."""
    rows = db.session.execute(
        select(Enrolment, Company).join(Company, Company.id == Enrolment.company_id)
        .where(Enrolment.workshop_series_id == series.id)
        .options(selectinload(Company.intakes))  # the status, without a query per company
        .order_by(Company.name, Company.id)).all()
    participants = [Participant(enrolment=e, company=c,
                                size_class=size_class(c.employees, c.turnover_band))
                    for e, c in rows]
    by_company = {p.company.id: p for p in participants}
    sessions = sessions_of(series)
    if by_company:
        stages = db.session.scalars(
            select(Activity).where(Activity.company_id.in_(by_company),
                                   Activity.kind != ActivityKind.WORKSHOP_SERIES)
            .order_by(Activity.occurred_on.desc(), Activity.id.desc()))
        for activity in stages:
            if by_company[activity.company_id].latest_stage is None:
                by_company[activity.company_id].latest_stage = activity
    if by_company and sessions:
        marks = db.session.execute(
            select(Attendance.company_id, Attendance.session_id, Attendance.present).where(
                Attendance.session_id.in_([s.id for s in sessions]),
                Attendance.company_id.in_(by_company)))
        for company_id, session_id, present in marks:
            by_company[company_id].attended[session_id] = present
    return SeriesPage(series=series, participants=participants, sessions=sessions)


@dataclass(frozen=True)
class CalendarEntry:
    series: WorkshopSeries
    booked: int

    @property
    def seats_left(self) -> int | None:
        return None if self.series.seats is None else max(self.series.seats - self.booked, 0)


@dataclass(frozen=True)
class CalendarMonth:
    month: date  # the first of the month; date.min for series without dates
    entries: list


def calendar(include_retired: bool = False) -> list[CalendarMonth]:
    """Every series by the month it starts, earliest first; series without dates last."""
    query = select(WorkshopSeries).order_by(WorkshopSeries.starts_on, WorkshopSeries.title,
                                            WorkshopSeries.id)
    if not include_retired:
        query = query.where(WorkshopSeries.retired_at.is_(None))
    all_series = list(db.session.scalars(query))
    booked = seats_booked([s.id for s in all_series]) if all_series else {}
    months: dict[date, list] = {}
    for series in all_series:
        key = series.starts_on.replace(day=1) if series.starts_on else date.min
        months.setdefault(key, []).append(CalendarEntry(series, booked.get(series.id, 0)))
    dated = sorted(k for k in months if k != date.min)
    order = dated + ([date.min] if date.min in months else [])
    return [CalendarMonth(month=k, entries=months[k]) for k in order]
