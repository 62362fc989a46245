"""A company's answers to one version of the needs questionnaire, and where it stands."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
    func,
    inspect,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.attributes import set_committed_value

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

    company = relationship("Company", back_populates="intakes", foreign_keys=[company_id])
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


def refresh_current_intakes(connection, company_ids=None) -> None:
    """Point each company (or those in `company_ids`) at its latest intake, None without one.

    For rows inserted or deleted in bulk, which the flush events below never see. A plain
    UPDATE of the table: the company's version (optimistic locking) and `updated_at` stay as
    they are, since nobody changed the company itself.
    """
    companies = db.metadata.tables["companies"]
    latest = (select(func.max(Intake.id)).where(Intake.company_id == companies.c.id)
              .scalar_subquery())
    stmt = update(companies).values(current_intake_id=latest, updated_at=companies.c.updated_at)
    if company_ids is not None:
        stmt = stmt.where(companies.c.id.in_(list(company_ids)))
    connection.execute(stmt)


def _loaded_company(intake: Intake):
    """The intake's company if this session has it in memory (without loading it)."""
    return inspect(intake).dict.get("company")


@event.listens_for(Intake, "after_insert")
def _became_current(mapper, connection, intake: Intake) -> None:
    """A new intake is its company's current one (ids only grow)."""
    companies = db.metadata.tables["companies"]
    connection.execute(
        update(companies)
        .where(companies.c.id == intake.company_id,
               (companies.c.current_intake_id.is_(None))
               | (companies.c.current_intake_id < intake.id))
        .values(current_intake_id=intake.id, updated_at=companies.c.updated_at))
    company = _loaded_company(intake)
    if company is not None and (company.current_intake_id or 0) < intake.id:
        set_committed_value(company, "current_intake_id", intake.id)


@event.listens_for(Intake, "after_delete")
def _no_longer_current(mapper, connection, intake: Intake) -> None:
    """A deleted intake hands over to the company's latest one left, if any."""
    refresh_current_intakes(connection, [intake.company_id])
    company = _loaded_company(intake)
    if company is not None:
        set_committed_value(company, "current_intake_id", connection.scalar(
            select(func.max(Intake.id)).where(Intake.company_id == intake.company_id)))


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
