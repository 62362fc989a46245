"""The coordinator blueprint and its one access rule, checked before every route."""

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user

from intake.extensions import db
from intake.models import Company

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")


@bp.before_request
def require_staff_login():
    """Every coordinator page needs a coordinator or admin login; a company gets 403."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if not current_user.is_staff:
        abort(403)
    return None


def company_or_404(company_id: int) -> Company:
    """The company a coordinator URL names, or a 404."""
    company = db.session.get(Company, company_id)
    if company is None:
        abort(404)
    return company
