"""The admin's pages (the blueprint's guard lets only admins in): logins, targets, the audit
log and the outgoing mail."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from wtforms.fields.choices import SelectChoice

from intake import reports
from intake.admin import bp
from intake.admin.forms import ROLE_LABELS, AuditFilterForm, StaffUserForm, TargetsForm
from intake.extensions import db
from intake.labels import AUDIT_ACTION
from intake.operations import audit, users
from intake.operations.audit_entries import audit_entries
from intake.operations.users import StaffError
from intake.outbox import admin as outbox_admin


@bp.route("/admin/users", methods=["GET", "POST"], endpoint="users")
def staff_logins():
    form = StaffUserForm()
    if form.validate_on_submit():
        try:
            user = users.add_staff_user(current_user, form.email.data, form.role.data,
                                              form.password.data, form.name.data)
            db.session.commit()
        except StaffError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        except IntegrityError:  # the same e-mail created at the same moment elsewhere
            db.session.rollback()
            form.email.errors.append(_("There is already a login with this e-mail address."))
        else:
            flash(_("The login for %(email)s is created.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/users.html", form=form,
                           users=users.staff_users(), role_labels=ROLE_LABELS)


def _set_active(user_id: int, active: bool):
    user = users.staff_user_or_none(user_id)
    if user is None:
        abort(404)
    try:
        changed = users.set_login_active(current_user, user, active)
    except users.SelfDeactivation as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("admin.users"))
    db.session.commit()
    if changed:
        message = (_("%(email)s can log in again.", email=user.email) if active
                   else _("%(email)s can no longer log in.", email=user.email))
        flash(message, "success")
    return redirect(url_for("admin.users"))


@bp.route("/admin/users/<int:user_id>/deactivate", methods=["POST"])
def user_deactivate(user_id: int):
    return _set_active(user_id, False)


@bp.route("/admin/users/<int:user_id>/reactivate", methods=["POST"])
def user_reactivate(user_id: int):
    return _set_active(user_id, True)


@bp.route("/admin/audit", endpoint="audit_log")
def audit_log():
    form = AuditFilterForm(request.args)
    people, actions = audit.audit_choices()
    form.user.choices = [SelectChoice("", _("Anyone"))] + [
        SelectChoice(str(uid), email) for uid, email in people]
    form.action.choices = [SelectChoice("", _("Any action"))] + [
        SelectChoice(a, str(AUDIT_ACTION.get(a, a))) for a in actions]
    query = audit.AuditQuery()
    if form.validate():
        query = audit.AuditQuery(
            user_id=int(form.user.data) if form.user.data else None,
            action=form.action.data or None, start=form.start.data, end=form.end.data,
        )
    page = request.args.get("page", 1, type=int) or 1
    events = audit.audit_page(query, page=page)
    filters = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("admin/audit.html", form=form, events=events,
                           entries=audit_entries(events.items), filters=filters)


@bp.route("/reports/targets", methods=["GET", "POST"])
def targets():
    current = reports.targets()
    form = TargetsForm(data=current)
    if form.validate_on_submit():
        reports.save_targets(form.values(), current_user)
        db.session.commit()
        flash(_("The targets are saved."), "success")
        return redirect(url_for("coordinator.reports"))
    return render_template("admin/targets.html", form=form,
                           defaults=reports.DEFAULT_TARGETS)


@bp.route("/admin/outbox", endpoint="outbox")
def outbox():
    return render_template("admin/outbox.html", messages=outbox_admin.unsent_messages(),
                           counts=outbox_admin.counts(),
                           show_bodies=not current_app.config.get("PRODUCTION"))


@bp.route("/admin/outbox/<int:message_id>/retry", methods=["POST"], endpoint="outbox_retry")
def outbox_retry(message_id: int):
    message = outbox_admin.retry(message_id)
    if message is None:
        abort(404)
    db.session.commit()
    flash(_("The message to %(email)s is queued again.", email=message.recipient), "success")
    return redirect(url_for("admin.outbox"))
