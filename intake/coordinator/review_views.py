"""Reviewing one company: read it, compare it, and accept, change or reject each suggestion."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intake.charts.radar import RadarSeries, radar_chart
from intake.coordinator.blueprint import bp, company_or_404
from intake.coordinator.review_forms import DecisionForm, RecomputeForm
from intake.extensions import db, limiter
from intake.i18n import current_language, localized
from intake.models import Company, Decision, IntakeStatus, SuggestionKind
from intake.operations import company_messages, review
from intake.operations.booking_panel import booking_panel
from intake.operations.contact_log import contact_log
from intake.operations.questionnaire import area_scores, questionnaire_for
from intake.operations.suggestions import describe_suggestions
from intake.web.flashes import flash_at

DEFAULT_MAIL_RATE_LIMIT = "60 per hour"


def _mail_limit() -> str:
    """Deciding may e-mail the company; a coordinator decides many, so not MAIL_RATE_LIMIT."""
    return current_app.config.get("COORDINATOR_MAIL_RATE_LIMIT", DEFAULT_MAIL_RATE_LIMIT)


def _per_login() -> str:
    return f"coordinator:{current_user.get_id()}"


def _charts(comparison: review.Comparison, lang: str) -> dict:
    axes = [localized(a.title, lang) for a in comparison.areas]
    company_label, cases_label = _("This company"), _("Comparable earlier cases (mean)")
    charts = {}
    for key, title, desc, mine, theirs in (
        ("maturity", _("Maturity per area"),
         _("Maturity from 1 (little in place) to 5 (leading), per area."),
         [a.maturity for a in comparison.areas], [a.cases_maturity for a in comparison.areas]),
        ("urgency", _("Urgency per area"),
         _("Urgency from 1 (not urgent) to 5 (very urgent), per area."),
         [a.urgency for a in comparison.areas], [a.cases_urgency for a in comparison.areas]),
    ):
        series = [RadarSeries(company_label, mine)]
        if comparison.case_codes:
            series.append(RadarSeries(cases_label, theirs))
        charts[key] = radar_chart(f"radar-{key}", title, desc, axes, series)
    return charts


def _decision_forms(grouped: dict, failed: DecisionForm | None, failed_id: int | None) -> dict:
    """One form per suggestion; a form that failed comes back as it was sent.

    The reason is never filled in from the last decision: a new decision gets its own reason,
    so a reason given for a change is not left standing behind an accept.
    """
    options = {kind.value: review.alternatives(kind) for kind in SuggestionKind}
    forms = {}
    for items in grouped.values():
        for item in items:
            s = item.suggestion
            if failed is not None and s.id == failed_id:
                forms[s.id] = failed
                continue
            undecided_or_accepted = s.decision in (None, Decision.ACCEPTED)
            forms[s.id] = DecisionForm(
                formdata=None, prefix=f"s{s.id}", alternatives=options[s.kind],
                data={"decision": None if undecided_or_accepted else s.decision,
                      "code": s.decision_code or ""})
    return forms


def _render(company: Company, failed: DecisionForm | None = None, failed_id: int | None = None):
    lang = current_language()
    intake = company.current_intake
    panel = booking_panel(company)
    context = {"company": company, "intake": intake, "failed": failed, "failed_id": failed_id,
               "lang": lang, "recompute_form": RecomputeForm(formdata=None), "panel": panel,
               "contacts": contact_log(company),
               "assigned_coach_ids": {a.coach_id for a in panel.current_coaches},
               "booked_series_ids": {e.workshop_series_id for e in panel.enrolments}}
    if intake is not None:
        grouped = describe_suggestions(intake.suggestions, lang)
        comparison = review.comparison(intake) if intake.status != IntakeStatus.DRAFT else None
        decided, total = review.decided_count(intake)
        context.update(
            questionnaire=questionnaire_for(intake), scores=area_scores(intake),
            grouped=grouped, forms=_decision_forms(grouped, failed, failed_id),
            comparison=comparison, decided=decided, total=total,
            charts=_charts(comparison, lang) if comparison and comparison.areas else {},
            any_decided=decided > 0,
        )
    return render_template("coordinator/review/company.html", **context)


@bp.route("/companies/<int:company_id>", endpoint="review")
def review_company(company_id: int):
    company = company_or_404(company_id)
    before = company.current_intake.status if company.current_intake else None
    intake = review.open_review(company, current_user)
    if intake is not None and intake.status != before:
        db.session.commit()
    return _render(company)


@bp.route("/companies/<int:company_id>/suggestions/<int:suggestion_id>/decision",
          methods=["POST"])
@limiter.limit(_mail_limit, key_func=_per_login, methods=["POST"])
def decide(company_id: int, suggestion_id: int):
    company = company_or_404(company_id)
    suggestion = review.suggestion_of(company, suggestion_id)
    if suggestion is None:
        abort(404)
    form = DecisionForm(prefix=f"s{suggestion.id}",
                        alternatives=review.alternatives(suggestion.kind))
    if form.validate_on_submit():
        try:
            review.decide(suggestion, current_user, form.decision.data, form.reason.data,
                          form.code.data)
        except review.DecisionError as error:
            db.session.rollback()
            form[error.field].errors.append(error.message)
        else:
            db.session.commit()
            _confirm(suggestion)
            return redirect(url_for("coordinator.review", company_id=company.id,
                                    _anchor=f"suggestion-{suggestion.id}"))
    return _render(company, failed=form, failed_id=suggestion.id)


def _confirm(suggestion) -> None:
    """Say on the card that the decision is saved, and whether the company has been told."""
    anchor = f"suggestion-{suggestion.id}"
    intake = suggestion.intake
    told = company_messages.tell_review(intake)
    db.session.commit()
    if told:
        flash_at(anchor, _("The decision is saved. The review is finished: the company is "
                           "e-mailed every decision in one message."))
    elif company_messages.review_finished(intake):
        flash_at(anchor, _("The decision is saved, but the company could not be e-mailed. "
                           "Please contact it yourself."), "warning")
    else:
        flash_at(anchor, _("The decision is saved. The company is told in one message when "
                           "every suggestion is decided, or after %(minutes)d quiet minutes.",
                           minutes=int(company_messages.quiet_period().total_seconds() // 60)))


@bp.route("/companies/<int:company_id>/suggestions/recompute", methods=["POST"])
def recompute_suggestions(company_id: int):
    company = company_or_404(company_id)
    intake = company.current_intake
    form = RecomputeForm()
    if intake is None or intake.status == IntakeStatus.DRAFT or not form.validate_on_submit():
        abort(400)
    try:
        review.recompute(intake, current_user)
    except review.ReviewLocked:
        db.session.rollback()
        flash(_("Suggestions cannot be recomputed once a decision has been made."), "error")
    except review.MatcherNotReady:
        db.session.rollback()
        flash(_("The matcher is being fitted to the changed catalogue. Try again in a minute."),
              "info")
    else:
        db.session.commit()
        flash(_("The suggestions are recomputed from the current catalogue."), "success")
    return redirect(url_for("coordinator.review", company_id=company.id))
