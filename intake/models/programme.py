"""What a company takes part in: bookings, coach assignments and the stages the funder counts."""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    ForeignKey,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.clock import utcnow
from intake.extensions import db


class ActivityKind(StrEnum):
    WORKSHOP_SERIES = "workshop_series"
    MAPPING_INTERVIEW = "mapping_interview"
    DEEP_ANALYSIS = "deep_analysis"
    ACTION_PLAN = "action_plan"
    CONSULTANT_SUPPORT = "consultant_support"


class Enrolment(db.Model):
    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("company_id", "workshop_series_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    workshop_series_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_series.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    company = relationship("Company")
    workshop_series = relationship("WorkshopSeries", back_populates="enrolments")


class CoachAssignment(db.Model):
    __tablename__ = "coach_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    coach_id: Mapped[int] = mapped_column(ForeignKey("coaches.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    ended_at: Mapped[datetime | None]

    company = relationship("Company")
    coach = relationship("Coach", back_populates="assignments")


class Activity(db.Model):
    """A stage the programme counts, with the value of the subsidised support it gave."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30), index=True)
    occurred_on: Mapped[date] = mapped_column(index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    support_value_eur: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    workshop_series_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_series.id", ondelete="SET NULL")
    )
    attachment_name: Mapped[str | None] = mapped_column(String(255))
    attachment_type: Mapped[str | None] = mapped_column(String(100))
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    company = relationship("Company")
    workshop_series = relationship("WorkshopSeries")


class Target(db.Model):
    """A programme indicator's target, editable by an admin (defaults come from the seeds)."""

    __tablename__ = "targets"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int]


# Capacity, counted in one place: booking checks it, the booking pages show it and matching
# weighs it, and all three must agree on what a booked seat and a busy coach are.


def seats_booked(series_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Booked seats per workshop series id; a series with none booked is absent."""
    query = select(Enrolment.workshop_series_id, func.count(Enrolment.id))
    if series_ids is not None:
        query = query.where(Enrolment.workshop_series_id.in_(list(series_ids)))
    return dict(db.session.execute(query.group_by(Enrolment.workshop_series_id)).all())


def coaches_assigned(coach_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Companies a coach has now (assignments not ended), per coach id; none: absent."""
    query = (select(CoachAssignment.coach_id, func.count(CoachAssignment.id))
             .where(CoachAssignment.ended_at.is_(None)))
    if coach_ids is not None:
        query = query.where(CoachAssignment.coach_id.in_(list(coach_ids)))
    return dict(db.session.execute(query.group_by(CoachAssignment.coach_id)).all())
