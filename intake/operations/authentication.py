"""Authentication: checking a password, and resetting one through a signed, expiring e-mail link."""

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from intake.clock import utcnow
from intake.extensions import db
from intake.models import User
from intake.operations.users import find_user_by_email

_RESET_SALT = "password-reset"


class InvalidResetToken(ValueError):
    """The link is malformed, expired or has already been used."""


def authenticate(email: str, password: str) -> User | None:
    user = find_user_by_email(email)
    if user is None or not user.is_active or not user.check_password(password or ""):
        return None
    user.last_login_at = utcnow()
    return user


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_RESET_SALT)


def make_reset_token(user: User) -> str:
    # The session version changes with the password, so a used link stops working.
    return _serializer().dumps({"u": user.id, "v": user.session_version})


def user_for_reset_token(token: str) -> User:
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (SignatureExpired, BadSignature) as error:
        raise InvalidResetToken from error
    if not isinstance(data, dict):
        raise InvalidResetToken
    user = db.session.get(User, data.get("u")) if isinstance(data.get("u"), int) else None
    if user is None or user.session_version != data.get("v"):
        raise InvalidResetToken
    return user


def reset_password(token: str, new_password: str) -> User:
    user = user_for_reset_token(token)
    user.set_password(new_password)
    db.session.flush()
    return user
