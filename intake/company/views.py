"""The company's pages: register, fill in the questionnaire, follow the status, own its data."""

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user

from intake.auth.login_sessions import log_in, log_out
from intake.charts.radar import RadarSeries, radar_chart
from intake.clock import today
from intake.company.forms import EraseForm, RegistrationForm
from intake.company.questionnaire_form import answers_from, form_data_for, make_area_form
from intake.extensions import db, limiter
from intake.forms.company_details import CompanyDetailsForm
from intake.i18n import current_language
from intake.labels import name_of
from intake.models import STATUS_ORDER, IntakeStatus, Role
from intake.operations import privacy, questionnaire, registration, status_page
from intake.operations.privacy import PRIVACY_NOTICE_VERSION
from intake.web import too_many_attempts

bp = Blueprint("company", __name__, url_prefix="/company")

PUBLIC_ENDPOINTS = {"company.register"}


@bp.before_request
def require_company_login():
    """Every page but registration is for a logged-in company, and shows only its own data."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if current_user.role != Role.COMPANY or current_user.company is None:
        abort(403)
    return None


ALREADY_REGISTERED = {
    "org_number": lambda: _(
        "This organisation number is already registered. If you registered it, log in, or "
        "reset your password if you have forgotten it. Otherwise, contact the programme's "
        "coordinators and we will help you."),
    "contact_email": lambda: _(
        "This e-mail address already has a login. Log in, or reset the password if you have "
        "forgotten it."),
}


def _asked_the_register(response) -> bool:
    return g.get("asked_the_register", False)


# The limit throttles what could tell an outsider which companies and addresses are
# registered: complete submissions, which ask the register. A form sent back for a missing or
# mistyped answer tells nothing, and is not counted: companies at a kick-off register on one
# network, from phones, often in more than one try.
@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTRATION_RATE_LIMIT"], methods=["POST"],
               deduct_when=_asked_the_register)
def register():
    if current_user.is_authenticated and current_user.role == Role.COMPANY:
        return redirect(url_for("company.status"))
    form = RegistrationForm()
    if form.validate_on_submit():
        g.asked_the_register = True
        try:
            user = registration.register_company(registration.Registration(
                org_number=form.org_number.data, details=form.details(),
                password=form.password.data, privacy_notice_version=PRIVACY_NOTICE_VERSION,
                language=current_language(),
            ))
        except registration.AlreadyRegistered as taken:
            db.session.rollback()
            getattr(form, taken.field).errors.append(ALREADY_REGISTERED[taken.field]())
        else:
            log_in(user)
            db.session.commit()
            flash(_("Welcome! Your company is registered. Now describe your needs, one area "
                    "at a time; everything is saved as you go."), "success")
            return redirect(url_for("company.questionnaire_start"))
    return render_template("company/register.html", form=form)


@bp.errorhandler(RateLimitExceeded)
def too_many(error: RateLimitExceeded):
    return too_many_attempts.form_again(
        {"company.register": (RegistrationForm, "company/register.html")})


@bp.route("/")
def status():
    page = status_page.company_status(current_user.company, current_language())
    return render_template("company/status.html", page=page, statuses=STATUS_ORDER,
                           today=today(), maturity_chart=_maturity_chart(page))


def _maturity_chart(page):
    """Before and after the six-month re-assessment, per area, as a radar chart."""
    if not page.maturity_change:
        return None
    axes = [name_of("area", key) for key, _b, _a in page.maturity_change]
    return radar_chart(
        "maturity-change", _("Maturity per area, at intake and six months after the series"),
        _("1 means nothing is in place, 5 that you are leading."), axes,
        [RadarSeries(_("At intake"), [b for _k, b, _a in page.maturity_change]),
         RadarSeries(_("Six months after"), [a for _k, _b, a in page.maturity_change])])


@bp.route("/details", methods=["GET", "POST"])
def details():
    company = current_user.company
    form = CompanyDetailsForm(data=CompanyDetailsForm.initial(company))
    if form.validate_on_submit():
        registration.apply_details(company, form.details())
        db.session.commit()
        flash(_("The company details are saved."), "success")
        return redirect(url_for("company.status"))
    return render_template("company/details.html", form=form)


def _intake_or_404():
    intake = current_user.company.current_intake
    if intake is None:
        abort(404)
    return intake


@bp.route("/questionnaire")
def questionnaire_start():
    intake = _intake_or_404()
    if intake.status != IntakeStatus.DRAFT:
        return redirect(url_for("company.review"))
    missing = questionnaire.missing_answers(intake)
    form = questionnaire.questionnaire_for(intake)
    first_gap = next((a.key for a in form.areas if a.key in missing), None)
    if first_gap is None:
        return redirect(url_for("company.review"))
    return redirect(url_for("company.area_step", area=first_gap))


@bp.route("/questionnaire/<area>", methods=["GET", "POST"])
def area_step(area: str):
    intake = _intake_or_404()
    form_def = questionnaire.questionnaire_for(intake)
    keys = [a.key for a in form_def.areas]
    if area not in keys:
        abort(404)
    if intake.status != IntakeStatus.DRAFT:
        return redirect(url_for("company.review"))
    area_def = form_def.area(area)
    lang = current_language()
    form = make_area_form(form_def, area_def, lang, data=form_data_for(intake.answer_for(area)))
    if form.validate_on_submit():
        questionnaire.save_area(intake, area, *answers_from(form, area_def))
        db.session.commit()
        if request.headers.get("X-Autosave"):
            return "", 204
        index = keys.index(area)
        move = request.form.get("nav")
        if move == "back" and index > 0:
            return redirect(url_for("company.area_step", area=keys[index - 1]))
        if move == "next":
            if index + 1 < len(keys):
                return redirect(url_for("company.area_step", area=keys[index + 1]))
            return redirect(url_for("company.review"))
        flash(_("Your answers are saved."), "success")
        return redirect(url_for("company.area_step", area=area))
    if request.headers.get("X-Autosave"):
        return "", 422
    return render_template("company/area_step.html", form=form, area=area_def,
                           questionnaire=form_def, step=keys.index(area) + 1,
                           steps=form_def.areas, progress=questionnaire.area_progress(intake))


@bp.route("/questionnaire/review")
def review():
    intake = _intake_or_404()
    return render_template("company/review.html", intake=intake,
                           questionnaire=questionnaire.questionnaire_for(intake),
                           missing=questionnaire.missing_answers(intake),
                           progress=questionnaire.area_progress(intake))


@bp.route("/questionnaire/submit", methods=["POST"])
def submit():
    intake = _intake_or_404()
    try:
        questionnaire.submit_intake(intake)
    except questionnaire.IntakeLocked:
        flash(_("The questionnaire has already been submitted."), "info")
        return redirect(url_for("company.status"))
    except questionnaire.IncompleteIntake:
        flash(_("Some answers are missing. They are marked below."), "error")
        return redirect(url_for("company.review"))
    db.session.commit()
    flash(_("Thank you! Your answers are submitted. Here are our first suggestions; a "
            "coordinator will review them and contact you."), "success")
    return redirect(url_for("company.status"))


@bp.route("/data.json")
def export_data():
    data = privacy.export_company_data(current_user.company)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    filename = f"company-data-{current_user.company.org_number}.json"
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/erase", methods=["GET", "POST"])
def erase():
    form = EraseForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.password.data):
            form.password.errors.append(_("The password is wrong."))
        else:
            privacy.erase_company(current_user.company)
            log_out()
            db.session.commit()
            flash(_("Your company's registration and the contact's personal data are erased."),
                  "success")
            return redirect(url_for("public.home"))
    return render_template("company/erase.html", form=form)
