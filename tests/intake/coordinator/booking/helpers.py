"""Test data for booking: series and coaches by code, bookings and audit events read back,
a stage form's fields and a de minimis declaration."""

from datetime import timedelta

from sqlalchemy import func, select

from intake.clock import today
from intake.extensions import db
from intake.models import AuditEvent, Coach, Enrolment, WorkshopSeries

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def series(code: str) -> WorkshopSeries:
    return db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == code))


def coach(code: str) -> Coach:
    return db.session.scalar(select(Coach).where(Coach.code == code))


def enrolments(series_id: int) -> int:
    return db.session.scalar(select(func.count(Enrolment.id))
                             .where(Enrolment.workshop_series_id == series_id))


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def stage_data(**changes) -> dict:
    """A stage form's fields, an action plan three days ago unless `changes` say otherwise."""
    data = {"kind": "action_plan", "occurred_on": (today() - timedelta(days=3)).isoformat(),
            "notes": "Införa 5S i monteringen, sedan OEE-mätning i svetsen.",
            "support_value_eur": "4000"}
    data.update(changes)
    return data


def declared(company, amount: int):
    """The company declares `amount` euro of de minimis aid received elsewhere."""
    company.de_minimis_received = True
    company.de_minimis_amount_eur = amount
    db.session.commit()
