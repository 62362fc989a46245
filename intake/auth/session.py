"""Loading the logged-in user; a password change ends the login's other sessions."""

from intake.extensions import db
from intake.models import User


def load_user(user_id: str) -> User | None:
    ident, _, version = user_id.partition(":")
    if not ident.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or user.session_version != int(version):
        return None
    return user
