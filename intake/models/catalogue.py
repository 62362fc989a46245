"""What the programme offers (workshop series, coaches) and what it has learnt (earlier cases)."""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.clock import utcnow
from intake.extensions import db


class WorkshopSeries(db.Model):
    __tablename__ = "workshop_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    areas: Mapped[list] = mapped_column(JSON, default=list)
    # None: open to every county (held online, say).
    county: Mapped[str | None] = mapped_column(String(2))
    starts_on: Mapped[date | None]
    # The last date of the series: it counts as carried out once this has passed.
    ends_on: Mapped[date | None]
    # Set by a coordinator when the series is over: its follow-up surveys fall due from then.
    finished_on: Mapped[date | None]
    seats: Mapped[int | None]
    location: Mapped[str | None] = mapped_column(String(200))
    retired_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    enrolments = relationship("Enrolment", back_populates="workshop_series")

    @property
    def last_date(self) -> date | None:
        """The day the series ends; its start when no end is set (a one-day series)."""
        return self.ends_on or self.starts_on


class Coach(db.Model):
    __tablename__ = "coaches"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    profile: Mapped[str] = mapped_column(Text)
    areas: Mapped[list] = mapped_column(JSON, default=list)
    counties: Mapped[list] = mapped_column(JSON, default=list)
    capacity: Mapped[int | None]
    email: Mapped[str | None] = mapped_column(String(254))
    retired_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    assignments = relationship("CoachAssignment", back_populates="coach")


class Case(db.Model):
    """An earlier company's story, anonymised: no name, no organisation number."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    sector: Mapped[str] = mapped_column(String(2))
    employees: Mapped[int]
    county: Mapped[str] = mapped_column(String(2))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    summary: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    workshop_series_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_series.id", ondelete="SET NULL")
    )
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("coaches.id", ondelete="SET NULL"))
    retired_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    workshop_series = relationship("WorkshopSeries")
    coach = relationship("Coach")


class CatalogueState(db.Model):
    """One row that says what the matcher must know: the catalogue's version, moved on by
    every catalogue change (a full refit, in the background), and the sequence number of the
    last decision or outcome to learn from (added to a fitted matcher one at a time)."""

    __tablename__ = "catalogue_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    feedback_seq: Mapped[int] = mapped_column(default=0, server_default="0")
