"""What coordinators write down about a company: a log of contacts and the next steps, with an
owner and a due date. Staff-only: never in the company's own export, erased with the company."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.clock import utcnow
from intake.extensions import db


class ContactKind(StrEnum):
    PHONE = "phone"
    VISIT = "visit"
    EMAIL = "email"
    MEETING = "meeting"


class ContactNote(db.Model):
    __tablename__ = "contact_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    occurred_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User")


class NextStep(db.Model):
    """What happens next with a company, who owns it and by when; open until marked done."""

    __tablename__ = "next_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date]
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None]

    company = relationship("Company")
    owner = relationship("User", foreign_keys=[owner_id])
