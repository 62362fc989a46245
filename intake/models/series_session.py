"""The sessions of a workshop series (its meeting days) and who came to each of them."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.clock import utcnow
from intake.extensions import db


class SeriesSession(db.Model):
    __tablename__ = "series_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_series_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_series.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date]
    title: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    workshop_series = relationship("WorkshopSeries")


class Attendance(db.Model):
    """One booked company at one session: there or not (no row: not recorded yet)."""

    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("session_id", "company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("series_sessions.id", ondelete="CASCADE"), index=True
    )
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    present: Mapped[bool] = mapped_column(default=False)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
