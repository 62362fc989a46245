"""Booking and following a company: enrolments, coach, stages, de minimis ledger, and the
coordinator's edit of the company's details with conflict detection. The panel these pages
return to is part of the company's review page (`review_views`)."""

import re
from functools import partial
from io import BytesIO

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from intake.coordinator import booking_forms as forms
from intake.coordinator.blueprint import bp, company_or_404
from intake.extensions import db
from intake.i18n import format_eur
from intake.models import Activity, CoachAssignment, Company, Enrolment, SuggestionKind
from intake.operations import booking, company_messages, deminimis, review, stages
from intake.web.flashes import flash_at


def _owned_or_404(model, row_id: int, company: Company):
    row = db.session.get(model, row_id)
    if row is None or row.company_id != company.id:
        abort(404)
    return row


BACK_ANCHOR = re.compile(r"booking|suggestion-[0-9]{1,12}")


def back_anchor() -> str:
    """Where on the review page the coordinator came from: a suggestion's card, or the panel."""
    anchor = request.values.get("back", "")
    return anchor if BACK_ANCHOR.fullmatch(anchor) else "booking"


def company_url(company: Company, anchor: str = "booking") -> str:
    """The company's review page, at the booking panel (or the card the action came from)."""
    return url_for("coordinator.review", company_id=company.id, _anchor=anchor)


def _warn(form, warning: booking.CeilingWarning) -> None:
    form.support_value_eur.errors.append(_(
        "This would bring the company's de minimis aid to EUR %(total)s, above the ceiling of "
        "EUR %(ceiling)s over three years (EUR %(remaining)s remain). Check the value, or tick "
        "the box below to go ahead anyway.",
        total=format_eur(warning.total_after_eur), ceiling=format_eur(deminimis.CEILING_EUR),
        remaining=format_eur(warning.ledger.remaining_eur)))


def _preselected(options, chosen: list[str], company: Company) -> str:
    """The series asked for in the link (`?series=`), else the first one the review chose that
    the company is not booked into yet."""
    ids = {str(series.id) for series, _booked in options}
    asked = request.args.get("series", "")
    if asked in ids:
        return asked
    booked = booking.booked_series_ids(company)
    return next((str(s.id) for s, _n in options if s.code in chosen and s.id not in booked), "")


@bp.route("/companies/<int:company_id>/enrol", methods=["GET", "POST"])
def booking_enrol(company_id: int):
    company = company_or_404(company_id)
    chosen = review.chosen_codes(company.current_intake, SuggestionKind.WORKSHOP_SERIES)
    options = booking.series_options(chosen)
    form = forms.EnrolForm(series_options=options, chosen_codes=chosen,
                           data={"workshop_series": _preselected(options, chosen, company)})
    warning = None
    if form.validate_on_submit():
        try:
            enrolment = booking.enrol(company, int(form.workshop_series.data), current_user,
                                      form.support_value_eur.data,
                                      form.confirm_over_ceiling.data)
        except booking.BookingError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(error.message)
        except booking.CeilingWarning as caught:
            db.session.rollback()
            warning = caught
            _warn(form, caught)
        else:
            title = enrolment.workshop_series.title
            told = company_messages.tell_booking(enrolment)  # queued with the booking
            db.session.commit()
            flash_at("booking", _("%(company)s is booked into %(series)s.",
                                  company=company.name, series=title))
            if not told:
                flash_at("booking", _("The company could not be e-mailed about the booking. "
                                      "Please tell it yourself."), "warning")
            return redirect(company_url(company))
    return render_template("coordinator/booking/enrol.html", form=form, company=company,
                           warning=warning, back=company_url(company))


@bp.route("/companies/<int:company_id>/enrolments/<int:enrolment_id>/cancel", methods=["POST"])
def booking_unenrol(company_id: int, enrolment_id: int):
    company = company_or_404(company_id)
    enrolment = _owned_or_404(Enrolment, enrolment_id, company)
    if forms.ActionForm().validate_on_submit():
        title = enrolment.workshop_series.title
        booking.unenrol(enrolment, current_user)
        db.session.commit()
        flash_at("booking", _("The booking in %(series)s is cancelled.", series=title))
    return redirect(company_url(company))


@bp.route("/companies/<int:company_id>/coach", methods=["GET", "POST"])
def booking_assign_coach(company_id: int):
    company = company_or_404(company_id)
    chosen = review.chosen_codes(company.current_intake, SuggestionKind.COACH)
    options = booking.coach_options(chosen)
    first = next((str(c.id) for c, _n in options if c.code in chosen), "")
    form = forms.CoachForm(coach_options=options, chosen_codes=chosen, data={"coach": first})
    if form.validate_on_submit():
        try:
            assignment = booking.assign_coach(company, int(form.coach.data), current_user)
        except booking.BookingError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(error.message)
        else:
            name = assignment.coach.name
            db.session.commit()
            anchor = back_anchor()
            flash_at(anchor, _("%(coach)s is now the coach of %(company)s.", coach=name,
                               company=company.name))
            return redirect(company_url(company, anchor))
    return render_template("coordinator/booking/coach.html", form=form, company=company,
                           back=company_url(company))


@bp.route("/companies/<int:company_id>/coach/<int:assignment_id>/end", methods=["POST"])
def booking_end_coach(company_id: int, assignment_id: int):
    company = company_or_404(company_id)
    assignment = _owned_or_404(CoachAssignment, assignment_id, company)
    if forms.ActionForm().validate_on_submit():
        booking.end_assignment(assignment, current_user)
        db.session.commit()
        flash_at("booking", _("The assignment of %(coach)s has ended.",
                              coach=assignment.coach.name))
    return redirect(company_url(company))


def _stage_page(company, form, save, done: str, **page):
    """The stage form's round: save with `save(...)` the form's values, or show what is wrong
    (or the de minimis warning) next to the fields; on success say `done` on the panel."""
    warning = None
    if form.validate_on_submit():
        try:
            save(form.kind.data, form.occurred_on.data, form.notes.data,
                 form.support_value_eur.data, current_user,
                 attachment=forms.attachment_from(form),
                 confirm_over_ceiling=form.confirm_over_ceiling.data)
        except booking.BookingError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(error.message)
        except booking.CeilingWarning as caught:
            db.session.rollback()
            warning = caught
            _warn(form, caught)
        else:
            db.session.commit()
            flash_at("booking", done)
            return redirect(company_url(company))
    return render_template("coordinator/booking/stage.html", form=form, company=company,
                           warning=warning, back=company_url(company), **page)


@bp.route("/companies/<int:company_id>/stages/new", methods=["GET", "POST"])
def booking_record_stage(company_id: int):
    company = company_or_404(company_id)
    return _stage_page(company, forms.StageForm(), partial(booking.record_activity, company),
                       _("The stage is recorded."))


@bp.route("/companies/<int:company_id>/stages/<int:activity_id>", methods=["GET", "POST"])
def booking_correct_stage(company_id: int, activity_id: int):
    company = company_or_404(company_id)
    activity = stages.stage_of(company, activity_id)
    if activity is None:
        abort(404)
    return _stage_page(company, forms.StageForm(data=forms.StageForm.initial(activity)),
                       partial(stages.correct_stage, activity), _("The stage is corrected."),
                       activity=activity,
                       remove_form=forms.ActionForm(formdata=None))


@bp.route("/companies/<int:company_id>/stages/<int:activity_id>/remove", methods=["POST"])
def booking_remove_stage(company_id: int, activity_id: int):
    company = company_or_404(company_id)
    activity = stages.stage_of(company, activity_id)
    if activity is None:
        abort(404)
    if forms.ActionForm().validate_on_submit():
        stages.remove_stage(activity, current_user)
        db.session.commit()
        flash_at("booking", _("The stage is removed."))
    return redirect(company_url(company))


@bp.route("/companies/<int:company_id>/stages/<int:activity_id>/attachment")
def booking_attachment(company_id: int, activity_id: int):
    company = company_or_404(company_id)
    activity = _owned_or_404(Activity, activity_id, company)
    if activity.attachment is None:
        abort(404)
    return send_file(BytesIO(activity.attachment), mimetype=activity.attachment_type,
                     as_attachment=True, download_name=activity.attachment_name or "attachment",
                     max_age=0)


@bp.route("/companies/<int:company_id>/edit", methods=["GET", "POST"])
def edit_company(company_id: int):
    company = company_or_404(company_id)
    if company.anonymised_at is not None:  # erased on request: no details left to edit
        abort(404)
    form = forms.CompanyEditForm(data=forms.CompanyEditForm.initial(company))
    conflict = None
    if form.validate_on_submit():
        try:
            booking.update_company_details(company, form.details(), form.loaded_version(),
                                           current_user)
        except booking.EditConflict:
            db.session.rollback()
            conflict = _conflict(company, form)
        else:
            db.session.commit()
            flash(_("The company details are saved."), "success")
            return redirect(company_url(company))
    return render_template("coordinator/booking/edit_company.html", form=form, company=company,
                           conflict=conflict, back=company_url(company))


def _conflict(company: Company, form: forms.CompanyEditForm) -> list[tuple]:
    """What the other save stored, for the fields where it differs from what was typed.

    The hidden version moves on to the stored one: saving again now is a deliberate choice.
    """
    db.session.refresh(company)
    form.version.data = str(company.version)
    stored = forms.CompanyEditForm(formdata=None, data=forms.CompanyEditForm.initial(company))
    rows = []
    for name, field in form._fields.items():
        if name in ("csrf_token", "version"):
            continue
        if str(field.data or "") != str(stored[name].data or ""):
            rows.append((field.label.text, _display(stored[name])))
    current_app.logger.info("Edit conflict on company %s", company.id)
    return rows


def _display(field) -> str:
    choices = dict((str(v), str(label)) for v, label, *_rest in field.iter_choices()) \
        if hasattr(field, "iter_choices") else {}
    value = "" if field.data is None else str(field.data)
    return choices.get(value, value)
