"""The programme's indicators against targets, and the funder's Excel exports."""

from flask import render_template

from intake.coordinator.blueprint import bp


@bp.route("/reports")
def reports():
    return render_template("coordinator/inbox.html")
