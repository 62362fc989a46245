"""What a company is told, and when: one message per review, and one per booking.

A coordinator decides a company's suggestions one at a time, and five decisions used to send
five near-identical e-mails. Now the decisions of a review reach the company as one message:
at once when every suggestion is decided (the review is finished), or, for a review left
half-done, once no decision has been taken for a quiet period (`DECISION_QUIET_MINUTES`); the
cron-safe `flask --app wsgi decisions send-due` sends those. A decision changed after the
company was told is told again in the next message. A booking is told at once.

Every message leaves through `_deliver`, which queues it in the outbox in the caller's
transaction: it is sent when that commits (and retried until the mail server takes it), and a
rolled-back decision sends nothing.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from intake.clock import utcnow
from intake.extensions import db
from intake.models import (
    AuditEvent,
    Company,
    Enrolment,
    Intake,
    Suggestion,
    User,
    WorkshopSeries,
)
from intake.operations import audit
from intake.operations.row_locks import lock_row
from intake.operations.suggestions import SuggestionItem, describe_suggestions
from intake.outbox import queue_mails
from intake.serving.hosts import external_url

DEFAULT_QUIET_MINUTES = 30


@dataclass
class ReviewDigest:
    """The decisions of one review that the company has not been told about yet."""

    intake: Intake
    items: list[SuggestionItem]
    finished: bool


def quiet_period() -> timedelta:
    return timedelta(minutes=current_app.config.get("DECISION_QUIET_MINUTES",
                                                    DEFAULT_QUIET_MINUTES))


def company_language(company: Company) -> str:
    """The language the company registered in; Swedish, the programme's language, otherwise."""
    preferred = company.language
    languages = current_app.config["LANGUAGES"]
    return preferred if preferred in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def _untold(intake: Intake) -> list[Suggestion]:
    return [s for s in intake.suggestions if s.decision and s.decided_at is not None
            and (s.told_at is None or s.told_at < s.decided_at)]


def review_finished(intake: Intake) -> bool:
    return bool(intake.suggestions) and all(s.decision for s in intake.suggestions)


def digest_due(intake: Intake, now: datetime | None = None) -> ReviewDigest | None:
    """The message to send now, if one is due: the review is finished, or quiet for long."""
    pending = _untold(intake)
    if not pending or intake.company.contact_email is None:
        return None
    now = now or utcnow()
    finished = review_finished(intake)
    last = max(s.decided_at for s in intake.suggestions if s.decided_at is not None)
    if not finished and now - last < quiet_period():
        return None
    ids = {s.id for s in pending}
    lang = company_language(intake.company)
    grouped = describe_suggestions(intake.suggestions, lang, for_company=True)
    items = [item for kind in grouped.values() for item in kind if item.suggestion.id in ids]
    return ReviewDigest(intake=intake, items=items, finished=finished)


def tell_review(intake: Intake, now: datetime | None = None) -> bool:
    """Send the review's message if it is due; True if one was sent. The caller commits."""
    intake = lock_row(Intake, intake.id)  # two senders cannot both send it
    for suggestion in intake.suggestions:
        db.session.refresh(suggestion)
    digest = digest_due(intake, now)
    if digest is None:
        return False
    company = intake.company
    sent = _deliver(company, _l("A coordinator has reviewed your suggestions"), "review",
                    items=digest.items, finished=digest.finished)
    if sent:
        mark_told(digest, now)
    return sent


def mark_told(digest: ReviewDigest, now: datetime | None = None) -> None:
    """Record that the company has been told about these decisions."""
    when = now or utcnow()
    for item in digest.items:
        item.suggestion.told_at = max(when, item.suggestion.decided_at)
    db.session.flush()


def due_intakes() -> list[Intake]:
    """Intakes with decisions the company has not been told about; `digest_due` then says
    which of them are due (finished, or quiet for long enough)."""
    untold = (select(Suggestion.intake_id)
              .where(Suggestion.decided_at.is_not(None),
                     or_(Suggestion.told_at.is_(None), Suggestion.told_at < Suggestion.decided_at))
              .distinct())
    return list(db.session.scalars(select(Intake).where(Intake.id.in_(untold))
                                   .order_by(Intake.id)))


def send_due(now: datetime | None = None) -> int:
    """Send every review message that is due, committing after each; returns how many went.

    Safe to run from cron while coordinators work: each intake is locked and checked again
    before its message goes, so a message is sent once.
    """
    sent = 0
    for intake in due_intakes():
        if tell_review(intake, now):
            db.session.commit()
            sent += 1
        else:
            db.session.rollback()
    return sent


def tell_booking(enrolment: Enrolment) -> bool:
    """Tell the company it is booked into a series: its dates, county and place."""
    return _deliver(enrolment.company, _l("You are booked into a workshop series"), "booking",
                    series=enrolment.workshop_series)


def tell_bookings(enrolments: list[Enrolment]) -> int:
    """`tell_booking` for many bookings at once (the inbox's bulk booking), queued together;
    returns how many companies could not be told."""
    messages = [_message(e.company, _l("You are booked into a workshop series"), "booking",
                         series=e.workshop_series) for e in enrolments]
    queue_mails([m for m in messages if m is not None])
    return sum(m is None for m in messages)


def _message(company: Company, subject, template: str, **context) -> dict | None:
    """What `queue_mail` needs for a message to the company; None if it has no address to
    write to (its contact's personal data were erased)."""
    if not company.contact_email:
        return None
    return dict(to=company.contact_email, subject=subject, template=template,
                lang=company_language(company), company=company,
                status_url=external_url("company.status"), **context)


def _deliver(company: Company, subject, template: str, **context) -> bool:
    """The one place a message to a company is queued; False if it has no address to write to
    (its contact's personal data were erased)."""
    message = _message(company, subject, template, **context)
    if message is None:
        return False
    queue_mails([message])
    return True


def _plain_lines(text: str) -> str:
    """A browser sends a text area's lines ended by CR LF; the mail's template uses LF."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def series_recipients(series: WorkshopSeries) -> list[Company]:
    """The companies booked into the series that can be written to, by name."""
    return list(db.session.scalars(
        select(Company).join(Enrolment, Enrolment.company_id == Company.id)
        .where(Enrolment.workshop_series_id == series.id, Company.contact_email.is_not(None),
               Company.contact_email != "")
        .order_by(Company.name, Company.id)))


# The same message to the same series again within this time is a second press of "send" (or
# a resubmitted page), not a new message: it is not sent again.
RESEND_GUARD = timedelta(minutes=10)


class AlreadySent(Exception):
    """The same subject and text went to the series moments ago."""


def _fingerprint(subject: str, body: str) -> str:
    return hashlib.sha256(f"{subject}\n{body}".encode()).hexdigest()


def _sent_recently(series: WorkshopSeries, fingerprint: str) -> bool:
    details = db.session.scalars(
        select(AuditEvent.details).where(
            AuditEvent.action == "series.mail", AuditEvent.entity == "workshop_series",
            AuditEvent.entity_id == str(series.id), AuditEvent.at >= utcnow() - RESEND_GUARD))
    return any((d or {}).get("message") == fingerprint for d in details)


def tell_series(series: WorkshopSeries, subject: str, body: str, user: User | None) -> int:
    """E-mail every company booked into the series what a coordinator wrote: one message per
    company, its greeting and footer in the company's language. Returns how many were queued.

    Raises AlreadySent for the same message to the same series within RESEND_GUARD. Two
    presses at once take turns on the series' row (`lock_row`: a row lock on PostgreSQL, the
    write lock on SQLite), so the second sees the first.
    """
    body = _plain_lines(body)
    subject = " ".join((subject or "").split())  # one line: a header cannot hold a break
    fingerprint = _fingerprint(subject, body)
    lock_row(WorkshopSeries, series.id)
    if _sent_recently(series, fingerprint):
        raise AlreadySent()
    companies = series_recipients(series)
    for company in companies:
        _deliver(company, subject, "series_message", series=series, body=body)
    audit.record(user, "series.mail", "workshop_series", series.id,
                 {"workshop_series": series.code, "subject": subject, "message": fingerprint,
                  "companies": [c.id for c in companies]})
    return len(companies)


def series_preview(series: WorkshopSeries, body: str) -> list[tuple[str, Company, str]]:
    """The message as the first recipient in each language will read it: (language, company,
    text), for the coordinator to check before anything is sent."""
    seen: dict[str, tuple[str, Company, str]] = {}
    for company in series_recipients(series):
        lang = company_language(company)
        if lang not in seen:
            with force_locale(lang):
                text = render_template("emails/series_message.txt", company=company,
                                       series=series, body=_plain_lines(body),
                                       status_url=external_url("company.status"))
            seen[lang] = (lang, company, text)
    return list(seen.values())
