"""What the matcher suggested for an intake, and what a coordinator decided about it."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.clock import utcnow
from intake.extensions import db


class SuggestionKind(StrEnum):
    WORKSHOP_SERIES = "workshop_series"
    COACH = "coach"
    CASE = "case"


class Decision(StrEnum):
    ACCEPTED = "accepted"
    CHANGED = "changed"
    REJECTED = "rejected"


class Suggestion(db.Model):
    __tablename__ = "suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(
        ForeignKey("intakes.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    rank: Mapped[int]
    code: Mapped[str] = mapped_column(String(40))
    score: Mapped[float]
    # {"items": [{"key": ..., "values": {...}}]}: the matcher's reasons as data, rendered in
    # the reader's language when shown (`matching_bridge.reasons_in`). Rows stored before that
    # hold {"sv": [...], "en": [...]}.
    reasons: Mapped[dict] = mapped_column(JSON, default=dict)
    catalogue_version: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    decision: Mapped[str | None] = mapped_column(String(20))
    # When the coordinator picked another item from the catalogue instead.
    decision_code: Mapped[str | None] = mapped_column(String(40))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]
    # Where this decision stands in the order matching learns in (`CatalogueState.feedback_seq`).
    feedback_seq: Mapped[int | None] = mapped_column(index=True)
    # When the company was last told about this decision (one message per review, see
    # operations/company_messages.py); a decision changed after that is told again.
    told_at: Mapped[datetime | None]

    intake = relationship("Intake", back_populates="suggestions")
    decided_by = relationship("User")
