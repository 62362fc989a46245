"""Follow-up surveys on the coordinator's side: mark a series finished, send a survey by hand,
and the results per series and per coach."""

from flask import Response, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from intake.charts.barchart import Bar, bar_chart
from intake.coordinator.blueprint import bp, company_or_404
from intake.coordinator.booking_forms import ActionForm
from intake.coordinator.survey_forms import FinishSeriesForm
from intake.excel.reports_xlsx import XLSX_MIMETYPE
from intake.excel.survey_xlsx import survey_workbook
from intake.extensions import db
from intake.labels import name_of
from intake.models import WorkshopSeries
from intake.operations import surveys
from intake.operations.survey_results import ACTION_KEYS, MIN_ANSWERS, action_labels
from intake.operations.survey_results import survey_results as survey_results_of
from intake.questionnaire import AREA_KEYS
from intake.web.flashes import flash_at


def _series_or_404(series_id: int) -> WorkshopSeries:
    series = db.session.get(WorkshopSeries, series_id)
    if series is None:
        abort(404)
    return series


def _back(series: WorkshopSeries) -> str:
    return url_for("coordinator.series_page", series_id=series.id) + "#finish"


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
        except surveys.FinishedBeforeStart as problem:
            db.session.rollback()
            form.finished_on.errors.append(_("The series starts on %(date)s: it cannot be "
                                             "finished before that.",
                                             date=problem.args[0].isoformat()))
        else:
            db.session.commit()
            flash_at("finish", ngettext(
                "%(code)s is marked finished; %(num)d booked company is due the follow-up "
                "survey.",
                "%(code)s is marked finished; %(num)d booked companies are due the follow-up "
                "survey.", made, code=series.code))
            return redirect(_back(series))
    return render_template("coordinator/series/finish.html", series=series, finish_form=form,
                           back=_back(series)), 400


@bp.route("/companies/<int:company_id>/survey/<int:series_id>", methods=["POST"])
def survey_send(company_id: int, series_id: int):
    """Send the company the follow-up survey of a series now, by hand."""
    company = company_or_404(company_id)
    series = _series_or_404(series_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        surveys.invite_now(company, series, current_user)
    except surveys.NotEnrolled:
        db.session.rollback()
        flash_at("booking", _("The company is not booked into that series."), "error")
    except surveys.AlreadyAnswered:
        db.session.rollback()
        flash_at("booking", _("The company has already answered that survey."), "info")
    else:
        db.session.commit()
        flash_at("booking", _("The follow-up survey of %(series)s is sent to %(email)s.",
                              series=series.title, email=company.contact_email), "success")
    return redirect(url_for("coordinator.review", company_id=company.id) + "#booking")


def _short(label: str, limit: int = 44) -> str:
    """A series title that fits a chart row (the chart's description and the table beside
    it have it whole)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _charts(results) -> list:
    """The two charts, or None for one with nothing above the small-cell limit to draw."""
    shown = [f for f in results.by_series if not f.too_few and f.nps is not None]
    nps = bar_chart(
        "chart-nps", _("NPS per workshop series"),
        "; ".join(f"{f.label}: {f.nps}" for f in shown) or _("Too few answers"),
        [Bar(_short(f.label), max(f.nps, 0), text=str(f.nps)) for f in shown])
    counts = results.programme.maturity_counts
    changes = [(key, value) for key, value in results.programme.maturity_change.items()
               if value is not None and counts[key] >= MIN_ANSWERS]
    maturity = bar_chart(
        "chart-maturity", _("Mean maturity change per area"),
        "; ".join(f"{name_of('area', k)}: {v:+g}" for k, v in changes) or _("Too few answers"),
        [Bar(name_of("area", k), max(v, 0), text=f"{v:+g}") for k, v in changes])
    return [nps if shown else None, maturity if changes else None]


@bp.route("/surveys")
def survey_results():
    results = survey_results_of()
    return render_template("coordinator/surveys/results.html", results=results,
                           charts=_charts(results), min_answers=MIN_ANSWERS,
                           action_keys=ACTION_KEYS, action_labels=action_labels(),
                           areas=AREA_KEYS)


@bp.route("/surveys/results.xlsx")
def survey_results_xlsx():
    return Response(survey_workbook(survey_results_of()), mimetype=XLSX_MIMETYPE, headers={
        "Content-Disposition": 'attachment; filename="survey-results.xlsx"',
        "Cache-Control": "no-store",
    })
