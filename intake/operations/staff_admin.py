"""What an admin does with staff logins and the audit log; each change is itself audited.

Kept apart from `staff.py` (which the CLI uses too) because these functions know who acts:
the admin is recorded as the author of every change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from intake.extensions import db
from intake.models import AuditEvent, Role, User
from intake.operations.audit import record
from intake.operations.staff import create_staff_user

AUDIT_PAGE_SIZE = 50
MAX_PAGE = 100_000  # a page number from the URL never becomes an offset the database rejects


class SelfDeactivation(ValueError):
    """An admin tried to switch off their own login (and could lock everyone out)."""


def staff_users() -> list[User]:
    """Coordinator and admin logins, active ones first, by e-mail."""
    return list(db.session.scalars(
        select(User).where(User.role.in_([Role.COORDINATOR, Role.ADMIN]))
        .order_by(User.is_active_login.desc(), User.email)
    ))


def staff_user_or_none(user_id: int) -> User | None:
    user = db.session.get(User, user_id)
    return user if user is not None and user.is_staff else None


def add_staff_user(actor: User, email: str, role: str, password: str, name: str) -> User:
    """Create a coordinator or admin login; raises `staff.StaffError` when it cannot be made."""
    user = create_staff_user(email, role, password, name.strip() or None)
    record(actor, "user.create", "user", user.id, {"email": user.email, "role": user.role})
    return user


def set_login_active(actor: User, user: User, active: bool) -> bool:
    """Switch a staff login on or off; returns False when it already was so (nothing recorded).

    Switching off also ends the login's open sessions (the session version moves on), since
    Flask-Login checks `is_active` only when someone logs in.
    """
    if not active and user.id == actor.id:
        raise SelfDeactivation(_("You cannot deactivate your own login."))
    if user.is_active_login == active:
        return False
    user.is_active_login = active
    if not active:
        user.session_version = (user.session_version or 0) + 1
    record(actor, "user.reactivate" if active else "user.deactivate", "user", user.id,
           {"email": user.email})
    db.session.flush()
    return True


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
