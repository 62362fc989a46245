"""Follow-up surveys on the coordinator's side: mark a series finished, send a survey by hand,
and the results per series and per coach."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from intake.clock import today
from intake.coordinator.blueprint import bp
from intake.coordinator.survey_forms import FinishSeriesForm
from intake.extensions import db
from intake.models import WorkshopSeries
from intake.operations import surveys


def _series_or_404(series_id: int) -> WorkshopSeries:
    series = db.session.get(WorkshopSeries, series_id)
    if series is None:
        abort(404)
    return series


def finish_form_for(series: WorkshopSeries) -> FinishSeriesForm:
    """The form the `coordinator/series/_finish.html` include expects, filled in."""
    return FinishSeriesForm(data={"finished_on": series.finished_on or today()})


def _back(series: WorkshopSeries) -> str:
    return url_for("coordinator.catalogue_edit", kind="series", item_id=series.id) + "#finish"


@bp.route("/series/<int:series_id>/finish", methods=["POST"])
def series_finish(series_id: int):
    series = _series_or_404(series_id)
    form = FinishSeriesForm()
    if form.validate_on_submit():
        try:
            made = surveys.finish_series(series, form.finished_on.data, current_user)
        except surveys.FinishedInFuture:
            db.session.rollback()
            form.finished_on.errors.append(_("A series cannot be finished on a day that has "
                                             "not come yet."))
        else:
            db.session.commit()
            flash(ngettext("%(code)s is marked finished; %(num)d survey invitation is due.",
                           "%(code)s is marked finished; %(num)d survey invitations are due.",
                           made, code=series.code), "success")
            return redirect(_back(series))
    return render_template("coordinator/series/finish.html", series=series, finish_form=form,
                           back=_back(series)), 400
