"""What an admin sees of the outbox: what has not gone out, and a way to try a failed one again."""

from sqlalchemy import func, select

from intake.clock import utcnow
from intake.extensions import db
from intake.models import OutboxMessage, OutboxStatus

LIST_LIMIT = 500


def unsent_messages() -> list[OutboxMessage]:
    """Pending and failed messages, failed first, then oldest first."""
    return list(db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.FAILED]))
        .order_by((OutboxMessage.status == OutboxStatus.FAILED).desc(), OutboxMessage.id)
        .limit(LIST_LIMIT)))


def counts() -> dict[str, int]:
    rows = db.session.execute(select(OutboxMessage.status, func.count())
                              .group_by(OutboxMessage.status))
    return {status: count for status, count in rows}


def retry(message_id: int) -> OutboxMessage | None:
    """Queue a failed message again, as if new; flushes. None if there is no such failed one."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status != OutboxStatus.FAILED:
        return None
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = utcnow()
    message.claimed_until = None
    db.session.flush()
    return message
