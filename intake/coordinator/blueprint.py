"""The coordinator blueprint and its one access rule, checked before every route."""

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")

ADMIN_ONLY = {"coordinator.users", "coordinator.audit_log"}


@bp.before_request
def require_staff_login():
    """Every coordinator page needs a coordinator or admin login; a company gets 403."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if not current_user.is_staff:
        abort(403)
    endpoint = request.endpoint or ""
    admin_only = endpoint in ADMIN_ONLY or endpoint.startswith("coordinator.admin_")
    if admin_only and not current_user.is_admin:
        abort(403)
    return None
