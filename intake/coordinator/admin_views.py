"""Admin only: coordinator logins and the audit log."""

from flask import render_template

from intake.coordinator.blueprint import bp


@bp.route("/admin/users")
def users():
    return render_template("coordinator/inbox.html")


@bp.route("/admin/audit")
def audit_log():
    return render_template("coordinator/inbox.html")
