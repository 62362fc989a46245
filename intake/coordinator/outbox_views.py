"""Admin only (the blueprint's guard checks the `admin_` prefix): mail that has not gone out."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from intake.coordinator.blueprint import bp
from intake.coordinator.review_forms import RecomputeForm as TokenOnlyForm
from intake.extensions import db
from intake.outbox import admin as outbox_admin


@bp.route("/admin/outbox", endpoint="admin_outbox")
def outbox():
    return render_template("coordinator/admin/outbox.html",
                           messages=outbox_admin.unsent_messages(),
                           counts=outbox_admin.counts(), form=TokenOnlyForm(formdata=None),
                           show_bodies=not current_app.config.get("PRODUCTION"))


@bp.route("/admin/outbox/<int:message_id>/retry", methods=["POST"],
          endpoint="admin_outbox_retry")
def outbox_retry(message_id: int):
    if not TokenOnlyForm().validate_on_submit():
        abort(400)
    message = outbox_admin.retry(message_id)
    if message is None:
        abort(404)
    db.session.commit()
    flash(_("The message to %(email)s is queued again.", email=message.recipient), "success")
    return redirect(url_for("coordinator.admin_outbox"))
