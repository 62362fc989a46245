"""Loading the logged-in user: the login session must be live, and a password change ends the
login's other sessions (the version in the cookie must match)."""

from intake.auth.login_sessions import user_for_session
from intake.models import User


def load_user(user_id: str) -> User | None:
    ident, _, version = user_id.partition(":")
    if not ident.isdigit() or not version.isdigit() or len(ident) > 12:
        return None
    user = user_for_session(int(ident))
    if user is None or user.session_version != int(version):
        return None
    return user
