"""Follow-up surveys: who is asked about which series, by which links, and what they answered.

An invitation is one company asked about one series in one wave (1: when the series is
finished; 2: six months later, with the re-assessment). Every mail about it (the invitation,
each reminder) carries a link of its own; a link's token is stored only as its hash.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.clock import utcnow
from intake.extensions import db


class ResponseStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class SurveyInvitation(db.Model):
    __tablename__ = "survey_invitations"
    __table_args__ = (UniqueConstraint("company_id", "workshop_series_id", "wave"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    workshop_series_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_series.id", ondelete="CASCADE"), index=True
    )
    wave: Mapped[int] = mapped_column(default=1)
    survey_version: Mapped[str] = mapped_column(String(10), default="v1")
    due_on: Mapped[date] = mapped_column(index=True)
    # Mails sent about it: 0 none yet, 1 the invitation, 2 and 3 the two reminders.
    mails_sent: Mapped[int] = mapped_column(default=0, server_default="0")
    last_mailed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    company = relationship("Company")
    workshop_series = relationship("WorkshopSeries")
    response = relationship("SurveyResponse", back_populates="invitation", uselist=False,
                            cascade="all, delete-orphan")

    @property
    def answered(self) -> bool:
        return self.response is not None and self.response.status == ResponseStatus.SUBMITTED


class SurveyLink(db.Model):
    """One mailed link; the token itself is never stored, only its SHA-256."""

    __tablename__ = "survey_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("survey_invitations.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    invitation = relationship("SurveyInvitation")


class SurveyResponse(db.Model):
    """The answers (by question key) and, at the second wave, the maturity levels re-taken in
    the questionnaire's shape ({area: {statement: level}}), so one scoring gives before and
    after. Kept with the company for evaluation; reports show programme figures only."""

    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("survey_invitations.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(10), default=ResponseStatus.DRAFT)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    maturity_levels: Mapped[dict | None] = mapped_column(JSON)
    # Per area, the maturity before (the intake's) and after (the re-assessment's).
    maturity_change: Mapped[dict | None] = mapped_column(JSON)
    # The company's coach when it answered: results per coach and the matcher's outcome.
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("coaches.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    # Numbered like a decision, so every process adds the outcome to its matcher.
    feedback_seq: Mapped[int | None] = mapped_column(index=True)

    invitation = relationship("SurveyInvitation", back_populates="response")
    coach = relationship("Coach")
