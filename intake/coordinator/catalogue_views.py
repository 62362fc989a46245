"""Keeping the catalogue: workshop series, coaches and earlier cases; import and export."""

from flask import render_template

from intake.coordinator.blueprint import bp


@bp.route("/catalogue")
def catalogue():
    return render_template("coordinator/inbox.html")
