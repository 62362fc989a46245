"""The sessions of a workshop series, kept by coordinators, and the attendance recorded per
session for each booked company. Audited, like every coordinator change."""

from collections.abc import Iterable
from datetime import date, timedelta

from flask_babel import lazy_gettext as _
from sqlalchemy import select

from intake.extensions import db
from intake.models import Attendance, Enrolment, SeriesSession, User, WorkshopSeries
from intake.operations import audit

# A session is dated near its series: well before it or long after it is a typo.
SLACK = timedelta(days=366)


class SessionError(ValueError):
    """The session cannot be saved as asked; `field` names the form field it concerns."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


def _check_date(series: WorkshopSeries, held_on: date) -> None:
    anchor = series.starts_on or series.ends_on
    if anchor is not None and abs(held_on - anchor) > SLACK:
        raise SessionError("held_on", _("The date is more than a year from the series' "
                                        "start. Check the year."))


def sessions_of(series: WorkshopSeries) -> list[SeriesSession]:
    """The series' sessions, in date order."""
    return list(db.session.scalars(
        select(SeriesSession).where(SeriesSession.workshop_series_id == series.id)
        .order_by(SeriesSession.held_on, SeriesSession.id)))


def session_of(series: WorkshopSeries, session_id: int) -> SeriesSession | None:
    return db.session.scalar(select(SeriesSession).where(
        SeriesSession.id == session_id, SeriesSession.workshop_series_id == series.id))


def add_session(series: WorkshopSeries, held_on: date, title: str,
                user: User | None) -> SeriesSession:
    _check_date(series, held_on)
    session = SeriesSession(workshop_series_id=series.id, held_on=held_on,
                            title=(title or "").strip()[:200])
    db.session.add(session)
    db.session.flush()
    audit.record(user, "series.session_add", "workshop_series", series.id,
                 {"workshop_series": series.code, "session_id": session.id, "held_on": held_on,
                  "title": session.title})
    return session


def update_session(session: SeriesSession, held_on: date, title: str,
                   user: User | None) -> SeriesSession:
    _check_date(session.workshop_series, held_on)
    before = {"held_on": session.held_on, "title": session.title}
    session.held_on, session.title = held_on, (title or "").strip()[:200]
    after = {"held_on": session.held_on, "title": session.title}
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    db.session.flush()
    if changes:
        audit.record(user, "series.session_update", "workshop_series",
                     session.workshop_series_id,
                     {"workshop_series": session.workshop_series.code, "session_id": session.id,
                      "changes": changes})
    return session


def remove_session(session: SeriesSession, user: User | None) -> None:
    """Remove a session and the attendance recorded at it."""
    audit.record(user, "series.session_remove", "workshop_series", session.workshop_series_id,
                 {"workshop_series": session.workshop_series.code, "session_id": session.id,
                  "held_on": session.held_on, "title": session.title})
    for mark in db.session.scalars(select(Attendance).where(Attendance.session_id == session.id)):
        db.session.delete(mark)
    db.session.delete(session)
    db.session.flush()


def booked_company_ids(series_id: int) -> set[int]:
    return set(db.session.scalars(select(Enrolment.company_id)
                                  .where(Enrolment.workshop_series_id == series_id)))


def record_attendance(session: SeriesSession, present: Iterable[int],
                      user: User | None) -> dict[int, bool]:
    """Record who of the booked companies came to `session`: those in `present` did, every
    other booked company did not. Ids of companies not booked are ignored."""
    booked = booked_company_ids(session.workshop_series_id)
    there = set(present) & booked
    marks = {m.company_id: m for m in db.session.scalars(
        select(Attendance).where(Attendance.session_id == session.id))}
    result = {}
    for company_id in booked:
        mark = marks.get(company_id)
        if mark is None:
            mark = Attendance(session_id=session.id, company_id=company_id)
            db.session.add(mark)
        mark.present = company_id in there
        result[company_id] = mark.present
    db.session.flush()
    audit.record(user, "series.attendance", "workshop_series", session.workshop_series_id,
                 {"workshop_series": session.workshop_series.code, "session_id": session.id,
                  "held_on": session.held_on, "present": sorted(there),
                  "absent": sorted(booked - there)})
    return result
