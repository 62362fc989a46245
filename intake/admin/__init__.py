"""The admin's pages: staff logins, the programme's targets and the audit log.

One blueprint, guarded once: every route of it needs an admin login. Its URLs sit under
/coordinator, beside the pages coordinators use, because admins are coordinators too.
"""

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user

bp = Blueprint("admin", __name__, url_prefix="/coordinator")


@bp.before_request
def require_admin_login():
    """Anonymous visitors log in first; anyone but an admin gets 403."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if not current_user.is_admin:
        abort(403)
    return None


from intake.admin import views  # noqa: E402, F401  (registers the routes on `bp`)
