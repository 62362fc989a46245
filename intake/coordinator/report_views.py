"""The programme's indicators against targets, and the funder's Excel exports.

Every staff login sees the dashboard and downloads the workbooks; only an admin edits the
targets, on a page of the admin blueprint (`intake.admin`).
"""

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from intake import reports
from intake.charts.barchart import Bar, bar_chart
from intake.coordinator.blueprint import bp
from intake.coordinator.report_forms import PeriodForm
from intake.excel.reports_xlsx import (
    XLSX_MIMETYPE,
    final_report_workbook,
    indicators_workbook,
    participants_workbook,
)
from intake.extensions import db
from intake.i18n import current_language
from intake.labels import LEADERSHIP_CLASS, SIZE_CLASS_DESCRIPTION, name_of
from intake.operations.drafts import draft_ages
from intake.operations.survey_results import MIN_ANSWERS, survey_results
from intake.participant_list import participating_companies


def _period_form() -> PeriodForm:
    form = PeriodForm(request.args)
    form.validate()
    return form


def _xlsx(data: bytes, name: str, form: PeriodForm) -> Response:
    period = form.period()
    suffix = "".join(f"_{d.isoformat()}" for d in (period.start, period.end) if d)
    return Response(data, mimetype=XLSX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="{name}{suffix}.xlsx"',
        "Cache-Control": "no-store",
    })


def _value_text(actual: int, target: int | None) -> str:
    if not target:
        return str(actual)
    return _("%(actual)d of %(target)d (%(share)d %%)", actual=actual, target=target,
             share=reports.share_percent(actual, target))


def _charts(result: reports.Indicators) -> list:
    # Indicators without a target have nothing to be drawn against: the table shows them.
    headline = [
        Bar(str(reports.INDICATOR_LABELS[key]), actual, target, _value_text(actual, target))
        for key, actual, target in result.rows() if target
    ]
    summary = "; ".join(f"{bar.label}: {bar.text}" for bar in headline)
    lang = current_language()
    supported = [
        Bar(f"{name_of('county', code, lang)} ({code})",
            sum(result.supported[s].get(code, 0) for s in reports.SIZE_CLASSES))
        for code in result.counties()
    ]
    return [
        bar_chart("chart-targets", _("Indicators against targets"),
                  _("Each bar shows progress towards its target (dashed line). %(summary)s.",
                    summary=summary), headline, against_target=True),
        bar_chart("chart-counties", _("Enterprises supported per county"),
                  "; ".join(f"{bar.label}: {bar.value}" for bar in supported) or _("None"),
                  supported),
    ]


@bp.route("/reports", endpoint="reports")
def reports_dashboard():
    form = _period_form()
    result = reports.indicators(form.period())
    return render_template(
        "coordinator/reports/dashboard.html", form=form, result=result, charts=_charts(result),
        labels=reports.INDICATOR_LABELS, size_labels=SIZE_CLASS_DESCRIPTION,
        leadership_labels=LEADERSHIP_CLASS, export_args=form.query_args(),
        share_percent=reports.share_percent,
        drafts=draft_ages(),  # drafts never submitted, to chase
        surveys=survey_results().programme, min_answers=MIN_ANSWERS,
    )


@bp.route("/reports/participants.xlsx")
def reports_participants_xlsx():
    form = _period_form()
    data = participants_workbook(form.period(), current_user)
    db.session.commit()  # the audit event of the export
    return _xlsx(data, "participants", form)


@bp.route("/reports/indicators.xlsx")
def reports_indicators_xlsx():
    form = _period_form()
    return _xlsx(indicators_workbook(reports.indicators(form.period())), "indicators", form)


@bp.route("/reports/final-report.xlsx")
def reports_final_xlsx():
    form = _period_form()
    period = form.period()
    data = final_report_workbook(reports.indicators(period), participating_companies(period),
                                 survey_results(), current_user)
    db.session.commit()  # the audit event of the export
    return _xlsx(data, "final-report", form)
