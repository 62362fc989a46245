"""A form sent once too often (a rate limit) comes back as it was sent, saying how long to wait.

The plain 429 page dropped what was typed (a whole registration) and said "wait a while"
without saying how long. Each blueprint names its limited forms; the form is built from the
request again (a password field never echoes its value), the wait is the breached limit's own.
"""

import logging
import math
import time

from flask import flash, render_template, request
from flask_babel import ngettext

from intake.extensions import limiter
from intake.web.errors import render_error

log = logging.getLogger(__name__)


def minutes_to_wait() -> int:
    """Whole minutes until the breached limit lets the next attempt through (at least one)."""
    try:
        reset_at = limiter.current_limit.reset_at
    except Exception:  # the store went away since the check: the page must still answer
        log.warning("Could not read when the rate limit resets", exc_info=True)
        return 1
    # reset_at is the reset time rounded up to the next whole second
    return max(1, math.ceil((reset_at - 1 - time.time()) / 60))


def form_again(forms: dict):
    """The page of the limited form, filled in as sent, with the wait at its top (status 429).

    `forms` maps an endpoint to (form class, template); any other endpoint gets the plain page.
    """
    form_class, template = forms.get(request.endpoint, (None, None))
    if form_class is None or request.method != "POST":
        return render_error(429)
    num = minutes_to_wait()
    flash(ngettext("Too many attempts. Try again in %(num)d minute; what you typed is kept.",
                   "Too many attempts. Try again in %(num)d minutes; what you typed is kept.",
                   num), "error")
    return render_template(template, form=form_class()), 429
