"""A page per workshop series (who is booked, its sessions and attendance, the roster in
Excel, a mail to all booked) and the calendar of all series, by month."""

from io import BytesIO

from flask import abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from intake.coordinator.blueprint import bp
from intake.coordinator.booking_forms import ActionForm
from intake.coordinator.series_forms import SeriesMailForm, SessionForm
from intake.coordinator.survey_forms import finish_form_for
from intake.excel.reports_xlsx import XLSX_MIMETYPE
from intake.excel.series_roster import roster_workbook
from intake.extensions import db
from intake.models import WorkshopSeries
from intake.operations import audit, company_messages, series_sessions
from intake.operations.series_page import calendar, series_page
from intake.web.converters import plain_int
from intake.web.flashes import flash_at


def _series_or_404(series_id: int) -> WorkshopSeries:
    series = db.session.get(WorkshopSeries, series_id)
    if series is None:
        abort(404)
    return series


def _session_or_404(series: WorkshopSeries, session_id: int):
    session = series_sessions.session_of(series, session_id)
    if session is None:
        abort(404)
    return session


def _page_url(series: WorkshopSeries, anchor: str | None = None) -> str:
    return url_for("coordinator.series_page", series_id=series.id, _anchor=anchor)


@bp.route("/series")
def series_calendar():
    show_all = request.args.get("show") == "all"
    return render_template("coordinator/series/calendar.html",
                           months=calendar(include_retired=show_all), show_all=show_all)


@bp.route("/series/<int:series_id>", endpoint="series_page")
def series_page_view(series_id: int):
    series = _series_or_404(series_id)
    return render_template("coordinator/series/page.html", page=series_page(series),
                           series=series, action_form=ActionForm(formdata=None),
                           finish_form=finish_form_for(series))


@bp.route("/series/<int:series_id>/roster.xlsx")
def series_roster(series_id: int):
    series = _series_or_404(series_id)
    body = roster_workbook(series_page(series))
    audit.record(current_user, "export.roster", "workshop_series", series.id,
                 {"workshop_series": series.code})
    db.session.commit()
    return send_file(BytesIO(body), mimetype=XLSX_MIMETYPE, as_attachment=True,
                     download_name=f"roster-{series.code}.xlsx", max_age=0)


def _session_page(series, form, save, done: str, session=None):
    if form.validate_on_submit():
        try:
            save(form.held_on.data, form.title.data, current_user)
        except series_sessions.SessionError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(error.message)
        else:
            db.session.commit()
            flash_at("sessions", done)
            return redirect(_page_url(series, "sessions"))
    return render_template("coordinator/series/session.html", form=form, series=series,
                           session=session, back=_page_url(series, "sessions"),
                           remove_form=ActionForm(formdata=None))


@bp.route("/series/<int:series_id>/sessions/new", methods=["GET", "POST"])
def series_session_new(series_id: int):
    series = _series_or_404(series_id)
    form = SessionForm(data={"held_on": series.starts_on})
    return _session_page(series, form, lambda *a: series_sessions.add_session(series, *a),
                         _("The session is added."))


@bp.route("/series/<int:series_id>/sessions/<int:session_id>", methods=["GET", "POST"])
def series_session_edit(series_id: int, session_id: int):
    series = _series_or_404(series_id)
    session = _session_or_404(series, session_id)
    form = SessionForm(data={"held_on": session.held_on, "title": session.title})
    return _session_page(series, form,
                         lambda *a: series_sessions.update_session(session, *a),
                         _("The session is changed."), session=session)


@bp.route("/series/<int:series_id>/sessions/<int:session_id>/remove", methods=["POST"])
def series_session_remove(series_id: int, session_id: int):
    series = _series_or_404(series_id)
    session = _session_or_404(series, session_id)
    if ActionForm().validate_on_submit():
        series_sessions.remove_session(session, current_user)
        db.session.commit()
        flash_at("sessions", _("The session is removed."))
    return redirect(_page_url(series, "sessions"))


def _ids(values: list[str]) -> set[int]:
    return {number for v in values if (number := plain_int(v, 12)) is not None}


@bp.route("/series/<int:series_id>/sessions/<int:session_id>/attendance",
          methods=["GET", "POST"])
def series_attendance(series_id: int, session_id: int):
    series = _series_or_404(series_id)
    session = _session_or_404(series, session_id)
    form = ActionForm()
    if form.validate_on_submit():
        series_sessions.record_attendance(session, _ids(request.form.getlist("present")),
                                          current_user)
        db.session.commit()
        flash_at("sessions", _("The attendance is recorded."))
        return redirect(_page_url(series, "sessions"))
    return render_template("coordinator/series/attendance.html", page=series_page(series),
                           series=series, session=session, form=form,
                           back=_page_url(series, "sessions"))


@bp.route("/series/<int:series_id>/mail", methods=["GET", "POST"])
def series_mail(series_id: int):
    """Write, then preview, then send: nothing leaves before the coordinator has seen it."""
    series = _series_or_404(series_id)
    form = SeriesMailForm()
    recipients = company_messages.series_recipients(series)
    action = request.form.get("action")
    if form.validate_on_submit() and action in ("preview", "send"):
        if not recipients:
            form.body.errors.append(_("No company booked into the series can be e-mailed."))
        elif action == "send":
            try:
                sent = company_messages.tell_series(series, form.subject.data, form.body.data,
                                                    current_user)
            except company_messages.AlreadySent:
                flash_at("series-mail", _("This message was sent to the series a few minutes "
                                          "ago, so it was not sent again."), "warning")
                return redirect(_page_url(series, "series-mail"))
            db.session.commit()
            flash_at("series-mail", ngettext("%(num)d e-mail is on its way.",
                                                   "%(num)d e-mails are on their way.", sent))
            return redirect(_page_url(series, "series-mail"))
        else:
            return render_template(
                "coordinator/series/mail_preview.html", form=form, series=series,
                recipients=recipients,
                previews=company_messages.series_preview(series, form.body.data),
                back=_page_url(series))
    return render_template("coordinator/series/mail.html", form=form, series=series,
                           recipients=recipients, back=_page_url(series))
