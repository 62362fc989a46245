"""One notion of "now": naive UTC, which SQLite and PostgreSQL store alike."""

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    return utcnow().date()
