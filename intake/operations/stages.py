"""Correcting and removing a recorded stage: a wrong date, kind or value is put right, a stage
recorded by mistake is removed. Both are audited with what the stage was and what it became,
since the funder's figures and the de minimis ledger are counted from these rows.

A workshop series' participation is not a stage of this kind: cancelling the booking removes it.
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from intake.extensions import db
from intake.models import Activity, Company, User
from intake.operations import audit, deminimis
from intake.operations.booking import (
    STAGES,
    Attachment,
    CeilingWarning,
    check_stage_date,
    stage_value,
)


def stage_of(company: Company, activity_id: int) -> Activity | None:
    """The company's hand-recorded stage with this id, or None (the view answers 404)."""
    return db.session.scalar(select(Activity).where(
        Activity.id == activity_id, Activity.company_id == company.id,
        Activity.kind.in_([str(k) for k in STAGES])))


def _snapshot(activity: Activity) -> dict:
    return {"kind": activity.kind, "occurred_on": activity.occurred_on,
            "support_value_eur": Decimal(activity.support_value_eur or 0),
            "attachment": activity.attachment_name}


def correct_stage(activity: Activity, kind: str, occurred_on: date, notes: str,
                  support_value_eur: Decimal | None, user: User | None,
                  attachment: Attachment | None = None,
                  confirm_over_ceiling: bool = False) -> Activity:
    """Change a stage; a new file replaces the old one, no file keeps it."""
    value = stage_value(kind, support_value_eur)
    check_stage_date(occurred_on)
    extra = value - Decimal(activity.support_value_eur or 0)
    over = extra > 0 and deminimis.would_exceed(activity.company, extra)
    if over and not confirm_over_ceiling:
        raise CeilingWarning(deminimis.ledger(activity.company), extra)
    before = _snapshot(activity)
    notes = (notes or "").strip()
    notes_changed = notes != (activity.notes or "")
    activity.kind, activity.occurred_on, activity.notes = kind, occurred_on, notes
    activity.support_value_eur = value
    if attachment is not None:
        activity.attachment_name = attachment.name
        activity.attachment_type = attachment.content_type
        activity.attachment = attachment.data
    after = _snapshot(activity)
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    db.session.flush()
    if changes or notes_changed:
        audit.record(user, "booking.correct_stage", "company", activity.company_id, {
            "activity_id": activity.id, "changes": changes, "notes_changed": notes_changed,
            "confirmed_over_ceiling": over})
    return activity


def remove_stage(activity: Activity, user: User | None) -> None:
    """Remove a stage recorded by mistake; the audit keeps what it was."""
    audit.record(user, "booking.remove_stage", "company", activity.company_id,
                 {"activity_id": activity.id, **_snapshot(activity)})
    db.session.delete(activity)
    db.session.flush()
