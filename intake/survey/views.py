"""Answering a follow-up survey by its link: no login, one survey per link, submitted once.

The link is the only key: a malformed, unknown or guessed one gets a 404, an expired one a
410, and an answered one a 410 that says so and shows no answers. The page opens in the
company's language unless the reader has chosen one.
"""

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh

from intake import surveys
from intake.extensions import db
from intake.i18n import SESSION_KEY, current_language
from intake.operations import surveys as operations
from intake.operations.company_messages import company_language
from intake.survey.forms import (
    answers_from,
    form_data,
    levels_from,
    make_survey_form,
    missing_required,
)

bp = Blueprint("survey", __name__, url_prefix="/survey")


def _closed(problem: operations.LinkProblem):
    if isinstance(problem, operations.AlreadyAnswered):
        title, text = _("This survey has been answered"), _(
            "Thank you: the answers sent with this link are saved. They cannot be changed or "
            "shown here.")
    elif isinstance(problem, operations.LinkExpired):
        title, text = _("This link has expired"), _(
            "The link is no longer valid. If you would still like to answer, write to the "
            "programme's coordinators and ask for a new one.")
    else:
        title, text = _("Survey not found"), _(
            "There is no survey at this address. Check that the whole link from the e-mail "
            "was copied.")
    return render_template("survey/closed.html", title=title, text=text), problem.status


@bp.route("/<token>", methods=["GET", "POST"])
def answer(token: str):
    try:
        invitation = operations.open_link(token)
    except operations.LinkProblem as problem:
        if request.headers.get("X-Autosave") == "1":
            return "", 422  # the script stops trying; the page says why on the next load
        return _closed(problem)
    if SESSION_KEY not in session:
        session[SESSION_KEY] = company_language(invitation.company)
        refresh()
    survey = surveys.load(invitation.survey_version)
    asked, areas = operations.reassessment_areas(invitation)
    response = invitation.response
    data = form_data(response.answers, response.maturity_levels) if response else None
    lang = current_language()
    form = make_survey_form(survey, lang, asked, areas, data=data)
    saved = False
    if form.is_submitted():
        # The page's script saves a draft as answers change (as the questionnaire's steps
        # do): 204 when saved, 422 when something must be corrected first.
        background = request.headers.get("X-Autosave") == "1"
        submit = request.form.get("action") != "draft" and not background
        valid = form.validate()
        if valid and not (submit and missing_required(form, survey)):
            try:
                operations.save(invitation, answers_from(form, survey),
                                levels_from(form, areas), submit=submit)
            except operations.AlreadyAnswered as problem:
                db.session.rollback()
                return ("", 422) if background else _closed(problem)
            db.session.commit()
            if background:
                return "", 204
            if submit:
                return redirect(url_for("survey.thanks"))
            saved = True
        elif background:
            return "", 422
    return render_template("survey/answer.html", form=form, survey=survey, areas=areas,
                           questionnaire=asked, invitation=invitation,
                           series=invitation.workshop_series, saved=saved)


@bp.route("/thanks")
def thanks():
    return render_template("survey/thanks.html")
