"""Sending what the outbox holds: claim a message, hand it to SMTP, record what happened.

A claim is a conditional UPDATE that only one sender can win (`claimed_until` is empty or past),
committed before anything is sent; on PostgreSQL the candidates are first read with
`FOR UPDATE SKIP LOCKED`, so concurrent senders pick different rows instead of queueing on one.
So two `mail send-due` runs, or a run and a request's own delivery, never send one message
twice. A sender that dies holding a claim loses it when the lease runs out, and the message is
tried again: delivery is at least once, never at most once.
"""

import smtplib
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from intake.clock import utcnow
from intake.extensions import db
from intake.mail import PermanentMailError, build_message, smtp_send
from intake.models import OutboxMessage, OutboxStatus


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def _lease() -> timedelta:
    # Long enough for the slowest send (every SMTP step may take MAIL_TIMEOUT).
    return timedelta(seconds=max(60, 6 * current_app.config["MAIL_TIMEOUT"]))


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: OUTBOX_RETRY_BASE doubled per failed attempt, capped."""
    config = current_app.config
    seconds = config["OUTBOX_RETRY_BASE"] * 2 ** max(0, min(attempts - 1, 30))
    return timedelta(seconds=min(seconds, config["OUTBOX_RETRY_MAX"]))


def _claimable(now):
    return (OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))


def _candidates(now, ids: list[int] | None, limit: int) -> list[int]:
    candidates = (select(OutboxMessage.id).where(*_claimable(now))
                  .order_by(OutboxMessage.id).limit(limit))
    if ids is not None:
        candidates = candidates.where(OutboxMessage.id.in_(ids))
    if db.engine.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    return list(db.session.scalars(candidates))


def claim(ids: list[int] | None = None, limit: int = 100) -> list[int]:
    """Claim up to `limit` due messages (only those among `ids` if given); commits."""
    now = utcnow()
    found = _candidates(now, ids, limit)
    claimed = []
    if found:
        claimed = list(db.session.scalars(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(found), *_claimable(now))
            .values(claimed_until=now + _lease())
            .returning(OutboxMessage.id)))
    db.session.commit()
    return sorted(claimed)


def _record_failure(message: OutboxMessage, error: Exception, permanent: bool) -> str:
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:500]
    message.claimed_until = None
    if permanent or message.attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
        message.status = OutboxStatus.FAILED
        return "failed"
    message.next_attempt_at = utcnow() + backoff(message.attempts)
    return "retrying"


def deliver(ids: list[int]) -> SendReport:
    """Send claimed messages one by one, committing after each.

    When the server cannot be reached, the rest are released untouched (no attempt counted):
    waiting MAIL_TIMEOUT for each of them would only say the same thing again.
    """
    report = SendReport()
    for index, message_id in enumerate(ids):
        message = db.session.get(OutboxMessage, message_id)
        if message is None or message.status != OutboxStatus.PENDING:
            continue
        try:
            smtp_send(build_message(message.recipient, message.subject, message.body))
        except PermanentMailError as error:
            outcome = _record_failure(message, error, permanent=True)
        except (OSError, smtplib.SMTPException) as error:
            outcome = _record_failure(message, error, permanent=False)
            current_app.logger.warning("Outbox: message %s not sent (%s); %s", message.id,
                                       message.last_error, outcome)
            setattr(report, outcome, getattr(report, outcome) + 1)
            db.session.commit()
            if not isinstance(error, smtplib.SMTPResponseException):  # server unreachable
                _release(ids[index + 1:])
                break
            continue
        else:
            message.status = OutboxStatus.SENT
            message.attempts += 1
            message.sent_at = utcnow()
            message.claimed_until = None
            message.last_error = None
            outcome = "sent"
        setattr(report, outcome, getattr(report, outcome) + 1)
        db.session.commit()
    return report


def _release(ids: list[int]) -> None:
    if ids:
        db.session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                           .values(claimed_until=None))
        db.session.commit()


def send_due(limit: int = 100) -> SendReport:
    """Send every message that is due, in batches of `limit`, until none is left or SMTP fails."""
    total = SendReport()
    while True:
        ids = claim(limit=limit)
        if not ids:
            return total
        report = deliver(ids)
        total.sent += report.sent
        total.retrying += report.retrying
        total.failed += report.failed
        if report.retrying:
            return total


def deliver_after_response(app, ids: list[int]) -> None:
    """Try the messages a request queued, once it has answered; what fails waits for send-due."""
    with app.app_context():
        try:
            deliver(claim(ids=ids))
        except Exception:  # never let mail break a request that has already succeeded
            app.logger.exception("Outbox: delivery after the request failed; send-due retries")
        finally:
            db.session.remove()
