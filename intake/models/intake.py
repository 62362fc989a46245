"""A company's answers to one version of the needs questionnaire, and where it stands."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.clock import utcnow
from intake.extensions import db


class IntakeStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    MATCHED = "matched"
    ENROLLED = "enrolled"


# The path an intake moves along, in this order; its status only ever moves forward.
STATUS_ORDER = tuple(IntakeStatus)


class Intake(db.Model):
    __tablename__ = "intakes"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    questionnaire_version: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=IntakeStatus.DRAFT, index=True)
    optional_areas: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(index=True)
    # The area of greatest need (`matching.need`), kept on submit so the inbox can filter by it.
    main_need_area: Mapped[str | None] = mapped_column(String(20), index=True)
    # The interchange `answers` (maturity, priority, text per area), computed once on submit
    # under `questionnaire_version`: what matching, the review and the reports read, so that a
    # later questionnaire version or a changed rule never changes a submitted intake.
    area_scores: Mapped[dict | None] = mapped_column(JSON)
    # Submitted, but suggesting failed (a broken row, an error in the matcher): the intake is
    # kept and `flask matching recompute-pending` computes its suggestions later.
    suggestions_pending: Mapped[bool] = mapped_column(default=False, server_default=false(),
                                                      index=True)

    company = relationship("Company", back_populates="intakes")
    answers = relationship(
        "AreaAnswer", back_populates="intake", cascade="all, delete-orphan"
    )
    suggestions = relationship(
        "Suggestion",
        back_populates="intake",
        cascade="all, delete-orphan",
        order_by="(Suggestion.kind, Suggestion.rank)",
    )

    def answer_for(self, area: str):
        return next((a for a in self.answers if a.area == area), None)


class AreaAnswer(db.Model):
    __tablename__ = "area_answers"
    __table_args__ = (UniqueConstraint("intake_id", "area"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intakes.id", ondelete="CASCADE"))
    area: Mapped[str] = mapped_column(String(20))
    # statement key -> level 1..5, as answered under the intake's questionnaire version
    levels: Mapped[dict] = mapped_column(JSON, default=dict)
    priority: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    intake = relationship("Intake", back_populates="answers")
