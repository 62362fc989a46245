"""Server-side login sessions: the signed cookie holds a random token, the database its hash.

Logging out deletes the row, so a cookie copied before the logout opens nothing afterwards
(a cookie-only session would stay valid until the secret key changes). Staff sessions also end
after STAFF_IDLE_TIMEOUT seconds without a request, and every session after
LOGIN_SESSION_MAX_AGE seconds, so an abandoned row cannot live for ever.
"""

import hashlib
import secrets
import time
from datetime import timedelta

from flask import current_app, flash, session
from flask_babel import gettext as _
from flask_login import login_user, logout_user
from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import joinedload

from intake.clock import utcnow
from intake.extensions import db
from intake.models import Company, Intake, LoginSession, User

TOKEN_KEY = "_login"
SEEN_KEY = "_seen"
SEEN_PRECISION = 30  # seconds: the cookie is rewritten at most this often for the idle clock


# Every company page needs the company, its intakes and their answers: one query, built once
# (building and caching-keying the statement per request was a quarter of its cost).
_LIVE_SESSION_USER = (
    select(User).options(joinedload(User.company).joinedload(Company.intakes)
                         .joinedload(Intake.answers))
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(User.id == bindparam("user_id"), LoginSession.token_hash == bindparam("token_hash"),
           LoginSession.created_at >= bindparam("since")))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _max_age() -> timedelta:
    return timedelta(seconds=current_app.config.get("LOGIN_SESSION_MAX_AGE", 14 * 24 * 3600))


def log_in(user: User) -> None:
    """Start a login session for `user` in this browser; flushes, the caller commits."""
    db.session.execute(delete(LoginSession).where(LoginSession.created_at
                                                  < utcnow() - _max_age()))
    token = secrets.token_urlsafe(32)
    db.session.add(LoginSession(token_hash=_hash(token), user_id=user.id))
    db.session.flush()
    login_user(user)
    session[TOKEN_KEY] = token
    session[SEEN_KEY] = int(time.time())


def log_out() -> None:
    """End this browser's login session for good; the caller commits."""
    token = session.pop(TOKEN_KEY, None)
    if isinstance(token, str):
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == _hash(token)))
    session.pop(SEEN_KEY, None)
    logout_user()


def user_for_session(user_id: int) -> User | None:
    """The user whose live login session this cookie carries, or None."""
    token = session.get(TOKEN_KEY)
    if not isinstance(token, str):
        return None
    user = db.session.execute(_LIVE_SESSION_USER, {
        "user_id": user_id, "token_hash": _hash(token), "since": utcnow() - _max_age(),
    }).unique().scalar_one_or_none()
    if user is None or not user.is_staff:
        return user  # only staff have an idle clock: a company's cookie is not rewritten
    if _idle_too_long():
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == _hash(token)))
        db.session.commit()
        session.pop(TOKEN_KEY, None)
        flash(_("You were logged out after a period without activity. Please log in again."),
              "info")
        return None
    _touch()
    return user


def _idle_too_long() -> bool:
    seen = session.get(SEEN_KEY)
    limit = float(current_app.config["STAFF_IDLE_TIMEOUT"])
    return not isinstance(seen, int) or time.time() - seen > limit


def _touch() -> None:
    now = int(time.time())
    seen = session.get(SEEN_KEY)
    if not isinstance(seen, int) or now - seen >= SEEN_PRECISION:
        session[SEEN_KEY] = now
