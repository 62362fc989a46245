"""Keys for rate limits beyond the client's address.

A limit per IP alone lets one attacker behind a shared proxy lock everyone out, and lets a
botnet guess one account's password from many addresses; so login attempts are also counted
per account (the submitted address, normalised), in the shared store (RATELIMIT_STORAGE_URI).

Every attempt is counted, before the password is checked: counting only the wrong ones after
the answer lets concurrent guesses on several workers all pass the check before any of them is
counted, so an attacker with N workers got N - 1 extra guesses a minute.
"""

import hashlib
import logging

from flask import request


def per_submitted_email() -> str:
    """The submitted e-mail address, hashed so the store holds no personal data."""
    email = (request.form.get("email") or "").strip().lower()[:254]
    return "account:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def init_app(app) -> None:
    """Flask-Limiter warns when it falls back to per-process counting; make that warning heard.

    Its logger has only a NullHandler, so the warning would vanish: it goes to the app's log.
    """
    from flask.logging import default_handler

    limiter_log = logging.getLogger("flask-limiter")
    if default_handler not in limiter_log.handlers:
        limiter_log.addHandler(default_handler)
    if limiter_log.level == logging.NOTSET:
        limiter_log.setLevel(logging.WARNING)
    _checked_by_the_routes_alone(app)


def _checked_by_the_routes_alone(app) -> None:
    """Drop Flask-Limiter's pass before every request: each limit here is a route's decorator,
    which checks it when that route is called.

    The pass before every request applies default and application limits (there are none) and
    found nothing to do on every other page, at a quarter of a bare request's work.
    """
    from intake.extensions import limiter

    if limiter.limit_manager.default_limits or limiter.limit_manager.application_limits:
        return  # someone configured limits for every route: they need the pass
    passes = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in passes:  # absent when RATELIMIT_ENABLED is off
        passes.remove(limiter._check_request_limit)
