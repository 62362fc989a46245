"""The audit trail: one call records who changed what, so every coordinator action is traceable.

Coordinator operations call `record` inside their own unit of work; the event is flushed with
the change it describes and committed (or rolled back) by the view together with it, so the
log never claims a change that did not happen.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from intake.extensions import db
from intake.models import AuditEvent, User


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
