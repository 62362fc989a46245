"""The contact log and next steps of a company (shown on its review page), and the
coordinator's own list of next steps, due first."""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intake.clock import today
from intake.coordinator.blueprint import bp, company_or_404
from intake.coordinator.booking_forms import ActionForm
from intake.coordinator.contact_forms import NextStepForm, NoteForm
from intake.extensions import db
from intake.operations import contact_log
from intake.operations.users import staff_user_or_none, staff_users
from intake.web.flashes import flash_at


def _back(company) -> str:
    return url_for("coordinator.review", company_id=company.id, _anchor="contacts")


def _owners() -> list[tuple[int, str]]:
    return [(u.id, u.name or u.email) for u in staff_users() if u.is_active]


@bp.route("/companies/<int:company_id>/notes/new", methods=["GET", "POST"])
def contact_note(company_id: int):
    company = company_or_404(company_id)
    form = NoteForm(data={"occurred_on": today()})
    if form.validate_on_submit():
        try:
            contact_log.add_note(company, form.kind.data, form.occurred_on.data,
                                 form.text.data, current_user)
        except contact_log.ContactLogError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(error.message)
        else:
            db.session.commit()
            flash_at("contacts", _("The contact is logged."))
            return redirect(_back(company))
    return render_template("coordinator/contact/note.html", form=form, company=company,
                           back=_back(company))


@bp.route("/companies/<int:company_id>/next-steps/new", methods=["GET", "POST"])
def next_step_new(company_id: int):
    company = company_or_404(company_id)
    form = NextStepForm(owners=_owners(), data={"owner": str(current_user.id)})
    if form.validate_on_submit():
        owner = staff_user_or_none(int(form.owner.data))
        try:
            contact_log.add_next_step(company, form.text.data, form.due_on.data, owner,
                                      current_user)
        except contact_log.ContactLogError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(error.message)
        else:
            db.session.commit()
            flash_at("contacts", _("The next step is set."))
            return redirect(_back(company))
    return render_template("coordinator/contact/next_step.html", form=form, company=company,
                           back=_back(company))


@bp.route("/companies/<int:company_id>/next-steps/<int:step_id>/done", methods=["POST"])
def next_step_done(company_id: int, step_id: int):
    company = company_or_404(company_id)
    step = contact_log.step_of(company, step_id)
    if step is None:
        abort(404)
    if ActionForm().validate_on_submit():
        contact_log.mark_done(step, current_user)
        db.session.commit()
        flash_at("contacts", _("The next step is marked done."))
    if request.form.get("back") == "mine":
        return redirect(url_for("coordinator.my_next_steps"))
    return redirect(_back(company))


@bp.route("/next-steps")
def my_next_steps():
    return render_template("coordinator/contact/my_next_steps.html",
                           steps=contact_log.my_next_steps(current_user), today=today(),
                           done_form=ActionForm(formdata=None))
