"""The inbox: every company and intake, filtered, searched, sorted and paginated."""

from flask import render_template

from intake.coordinator.blueprint import bp


@bp.route("/")
def inbox():
    return render_template("coordinator/inbox.html")
