"""A submitted survey is outcome evidence on the company's case: the matcher learns from it
as from a decision, without a refit, so a series that fitted a company ranks higher for
comparable companies, and one that did not fit ranks lower."""

from sqlalchemy import select

from intake import matching_bridge, matching_runtime
from intake.extensions import db
from intake.models import (
    Coach,
    CoachAssignment,
    Enrolment,
    SurveyInvitation,
    WorkshopSeries,
)
from intake.operations import surveys
from tests.intake.coordinator.conftest import fill_and_submit
from tests.intake.survey.conftest import finish


def _scores(company) -> dict[str, float]:
    """Every series' score for `company` with the matcher as it serves now."""
    matcher = matching_runtime.matcher_now().matcher
    profile = matching_bridge.intake_profile(company.current_intake)
    result = matcher.suggest(profile, top=100, capacity=matching_bridge.capacity_now())
    return {item["code"]: item["score"] for item in result["workshop_series"]}


def _survey(company, series, fit: str, coach=None):
    db.session.add(Enrolment(company_id=company.id, workshop_series_id=series.id))
    if coach is not None:
        db.session.add(CoachAssignment(company_id=company.id, coach_id=coach.id))
    db.session.flush()
    finish(series)
    invitation = db.session.scalar(select(SurveyInvitation).where(
        SurveyInvitation.company_id == company.id, SurveyInvitation.wave == 1))
    response = surveys.save(invitation, {"rating": 4, "usefulness": 4, "recommend": 8,
                                         "fit": fit}, None, submit=True)
    db.session.commit()
    return response


def _a_middling_series(company) -> WorkshopSeries:
    """A series ranked neither first nor last for `company`: room to move both ways."""
    ranked = sorted(_scores(company).items(), key=lambda kv: -kv[1])
    code = ranked[len(ranked) // 2][0]
    return db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == code))


def test_fit_yes_raises_the_series_for_a_comparable_company(catalogue, company_factory):
    reporter = fill_and_submit(company_factory.create(name="Rapportör AB"))
    comparable = fill_and_submit(company_factory.create(name="Liknande AB"))
    series = _a_middling_series(comparable)
    fits = matching_runtime.full_fits
    before = _scores(comparable)[series.code]
    coach = db.session.scalars(select(Coach).order_by(Coach.code)).first()
    response = _survey(reporter, series, "yes", coach)
    after = _scores(comparable)[series.code]
    assert after > before
    assert matching_runtime.full_fits == fits  # added like a decision, no refit
    assert matching_runtime.matcher_now().feedback_seq == response.feedback_seq
    records, _last = matching_bridge.outcome_records()
    assert records == [{
        "company": {"sector": reporter.sni_division, "employees": reporter.employees,
                    "county": reporter.county_code},
        "answers": reporter.current_intake.area_scores, "key": f"survey:{response.id}",
        "workshop_series": series.code, "coach": coach.code, "signal": 1.0}]


def test_fit_no_lowers_the_series_for_a_comparable_company(catalogue, company_factory):
    reporter = fill_and_submit(company_factory.create(name="Rapportör AB"))
    comparable = fill_and_submit(company_factory.create(name="Liknande AB"))
    series = _a_middling_series(comparable)
    before = _scores(comparable)[series.code]
    _survey(reporter, series, "no")
    assert _scores(comparable)[series.code] < before


def test_a_full_fit_learns_from_outcomes_too_and_only_with_consent(catalogue, company_factory):
    reporter = fill_and_submit(company_factory.create())
    series = db.session.scalars(select(WorkshopSeries)).first()
    _survey(reporter, series, "yes")
    assert len(matching_bridge.load_feedback()) == 1
    reporter.consent_at = None
    db.session.commit()
    assert matching_bridge.load_feedback() == []


def test_a_draft_teaches_nothing(catalogue, company_factory):
    reporter = fill_and_submit(company_factory.create())
    series = db.session.scalars(select(WorkshopSeries)).first()
    db.session.add(Enrolment(company_id=reporter.id, workshop_series_id=series.id))
    finish(series)
    invitation = db.session.scalar(select(SurveyInvitation))
    surveys.save(invitation, {"fit": "yes"}, None, submit=False)
    db.session.commit()
    assert matching_bridge.outcome_records() == ([], 0)
