"""Logins: finding one by e-mail, and the programme's staff logins an admin (or the CLI) keeps.

Every change an admin makes is audited with the admin as its author; the CLI creates the first
login with no one to record.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select

from intake.extensions import db
from intake.forms.fields import PASSWORD_MIN_LENGTH
from intake.models import Role, User
from intake.operations.audit import record


def find_user_by_email(email: str) -> User | None:
    email = (email or "").strip().lower()
    return db.session.scalar(select(User).where(func.lower(User.email) == email))


class StaffError(ValueError):
    """The login cannot be created as asked."""


def create_staff_user(email: str, role: str, password: str, name: str | None = None) -> User:
    email = (email or "").strip().lower()
    if role not in (Role.COORDINATOR, Role.ADMIN):
        raise StaffError(_("Unknown role."))
    if "@" not in email or len(email) > 254:
        raise StaffError(_("Enter a valid e-mail address."))
    if len(password or "") < PASSWORD_MIN_LENGTH:
        raise StaffError(_("The password must be at least %(min)d characters long.",
                           min=PASSWORD_MIN_LENGTH))
    if find_user_by_email(email) is not None:
        raise StaffError(_("There is already a login with this e-mail address."))
    user = User(email=email, role=role, name=name)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


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
    """Create a coordinator or admin login; raises `StaffError` when it cannot be made."""
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
