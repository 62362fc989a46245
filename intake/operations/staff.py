"""Coordinator and admin logins."""

from flask_babel import gettext as _

from intake.extensions import db
from intake.models import Role, User
from intake.operations.accounts import find_user_by_email
from intake.web.fields import PASSWORD_MIN_LENGTH


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
