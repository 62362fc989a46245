"""Pages for everyone: the start page, the privacy notice and the language switch."""

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from intake.auth.redirects import safe_next
from intake.i18n import SESSION_KEY
from intake.operations.privacy import PRIVACY_NOTICE_VERSION

bp = Blueprint("public", __name__)


@bp.route("/")
def home():
    return render_template("public/home.html")


@bp.route("/privacy")
def privacy():
    return render_template("public/privacy.html", version=PRIVACY_NOTICE_VERSION)


@bp.route("/accessibility")
def accessibility():
    return render_template("public/accessibility.html")


@bp.route("/language/<lang>")
def switch_language(lang: str):
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    session[SESSION_KEY] = lang
    return redirect(safe_next(request.args.get("next")) or url_for("public.home"))
