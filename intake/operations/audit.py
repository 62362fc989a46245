"""The audit trail: one call records who changed what, so every coordinator action is traceable;
and the pages of the log an admin reads.

Coordinator operations call `record` inside their own unit of work; the event is flushed with
the change it describes and committed (or rolled back) by the view together with it, so the
log never claims a change that did not happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from intake.extensions import db
from intake.models import AuditEvent, User

AUDIT_PAGE_SIZE = 50
MAX_PAGE = 100_000  # a page number from the URL never becomes an offset the database rejects


def _plain(value: Any) -> Any:
    """JSON-safe copy of `value`: dates, decimals and enums become strings (the column is JSON)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "value") and not isinstance(value, str | int | float | bool):
        return _plain(value.value)  # enums
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def record(
    user: User | None,
    action: str,
    entity: str,
    entity_id: Any,
    details: dict | None = None,
) -> AuditEvent:
    """Add one audit event (who, what, on which entity, with details) and flush it.

    `user` may be None for system actions; `entity_id` is stored as text so ids of any kind fit.
    """
    user_id = getattr(user, "id", None) if user is not None else None
    event = AuditEvent(
        user_id=user_id,
        action=action[:60],
        entity=entity[:40],
        entity_id=None if entity_id is None else str(entity_id)[:40],
        details=_plain(details or {}),
    )
    db.session.add(event)
    db.session.flush()
    return event


def record_many(user: User | None, action: str, entity: str, details_by_id: dict) -> None:
    """One event per entity, flushed together: a bulk action audits each company it touched
    without a round trip per company."""
    user_id = getattr(user, "id", None) if user is not None else None
    db.session.add_all([
        AuditEvent(user_id=user_id, action=action[:60], entity=entity[:40],
                   entity_id=str(entity_id)[:40], details=_plain(details or {}))
        for entity_id, details in details_by_id.items()])
    db.session.flush()


@dataclass(frozen=True)
class AuditQuery:
    user_id: int | None = None
    action: str | None = None
    start: date | None = None
    end: date | None = None


def audit_page(query: AuditQuery, page: int = 1, per_page: int = AUDIT_PAGE_SIZE):
    """One page of audit events matching `query`, newest first (a Flask-SQLAlchemy Pagination).

    A page past the end is an empty page, not an error.
    """
    statement = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if query.user_id is not None:
        statement = statement.where(AuditEvent.user_id == query.user_id)
    if query.action:
        statement = statement.where(AuditEvent.action == query.action)
    if query.start is not None:
        statement = statement.where(AuditEvent.at >= datetime.combine(query.start, time.min))
    if query.end is not None and query.end < date.max:  # the last day has no next
        end = datetime.combine(query.end + timedelta(days=1), time.min)
        statement = statement.where(AuditEvent.at < end)
    return db.paginate(statement, page=min(max(page, 1), MAX_PAGE), per_page=per_page,
                       error_out=False, count=True)


def audit_choices() -> tuple[list[tuple[int, str]], list[str]]:
    """The people and the actions that appear in the log, for the filter's lists."""
    people = db.session.execute(
        select(User.id, User.email).where(
            User.id.in_(select(AuditEvent.user_id).where(AuditEvent.user_id.is_not(None)))
        ).order_by(User.email)
    ).all()
    actions = db.session.scalars(
        select(AuditEvent.action).group_by(AuditEvent.action).order_by(AuditEvent.action)
    ).all()
    return [(uid, email) for uid, email in people], list(actions)
