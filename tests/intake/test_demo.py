"""`flask --app wsgi demo load`: the logins it prints work through the login form, and it
builds a programme in its second month, once, through the app's own operations."""

import re

import pytest
from sqlalchemy import func, select

from intake import orgnr
from intake.clock import today
from intake.demo import DEMO_ORG_PREFIX
from intake.extensions import db
from intake.models import (
    Activity,
    AuditEvent,
    CoachAssignment,
    Company,
    Enrolment,
    IntakeStatus,
    Suggestion,
    WorkshopSeries,
)
from intake.reports import indicators

FICTIONAL = ("Exempel", "Demo", "Påhitt", "Fiktiv", "Låtsas", "Prov & Påhitt")


def printed_logins(output: str) -> dict:
    """What a new user reads in the output: the coordinator's login and the companies'."""
    coordinator = re.search(r"Demo coordinator login.*?e-mail:\s+(\S+)\s+password:\s+(\S+)",
                            output, re.S)
    companies = re.search(r"Demo companies.*?password:\s+(\S+)\n(.*?)\n\n", output, re.S)
    emails = re.findall(r"^\s+(\S+@\S+)\s{2,}", companies.group(2), re.M)
    return {"coordinator": coordinator.groups(), "company_password": companies.group(1),
            "companies": emails}


def log_in_through_the_form(client, email: str, password: str):
    """As a person does it: open the login page, then send its form with its CSRF token."""
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    return client.post("/login", data={"csrf_token": token, "email": email,
                                       "password": password})


@pytest.fixture
def loaded(csrf_app, tmp_path):
    # As on a developer's machine: fits in the background and a directory for the matcher.
    csrf_app.config.update(MATCHER_REFIT="background", MATCHER_DIR=str(tmp_path / "matcher"))
    result = csrf_app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_printed_logins_work_through_the_login_form(csrf_app, loaded):
    csrf_app.config["LOGIN_RATE_LIMIT"] = "100 per minute"  # thirteen logins from one address
    logins = printed_logins(loaded)
    email, password = logins["coordinator"]
    assert email.endswith(".invalid")  # an address email_validator would refuse
    response = log_in_through_the_form(csrf_app.test_client(), email, password)
    assert response.status_code == 302 and response.location.endswith("/coordinator/")
    assert len(logins["companies"]) == 12
    for company_email in logins["companies"]:
        response = log_in_through_the_form(csrf_app.test_client(), company_email,
                                           logins["company_password"])
        assert response.status_code == 302, company_email
        assert response.location.endswith("/company/")


def test_a_second_load_changes_nothing(csrf_app, loaded):
    def state():
        return [db.session.scalar(select(func.count()).select_from(model)) for model in
                (Company, Suggestion, Enrolment, Activity, CoachAssignment, AuditEvent)]

    before = state()
    again = csrf_app.test_cli_runner().invoke(args=["demo", "load"])
    assert again.exit_code == 0
    assert "(12, 0 new)" in again.stdout
    assert state() == before


def test_refused_in_production(csrf_app):
    csrf_app.config["PRODUCTION"] = True
    result = csrf_app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 1
    assert "Refusing" in result.output
    assert db.session.scalar(select(func.count(Company.id))) == 0


def test_the_demo_is_a_programme_in_its_second_month(loaded):
    companies = list(db.session.scalars(select(Company)))
    assert len(companies) == 12
    for company in companies:
        assert company.name.startswith(FICTIONAL) or any(w in company.name for w in FICTIONAL)
        assert orgnr.is_valid(company.org_number)
        assert company.org_number.startswith(DEMO_ORG_PREFIX)
    assert {c.county_code for c in companies} == {"22", "23"}
    assert len({c.sni_division for c in companies}) >= 6
    assert min(c.employees for c in companies) < 10 <= 50 <= max(c.employees for c in companies)
    statuses = {c.current_intake.status for c in companies}
    assert statuses == set(IntakeStatus)  # a draft, submitted, under review, matched, booked
    reviewing = [c for c in companies if c.current_intake.status == IntakeStatus.UNDER_REVIEW]
    assert all(any(s.decision for s in c.current_intake.suggestions) for c in reviewing)
    # What the output promises ("under review, 5 of 9 decided") is what the inbox shows.
    promised = re.findall(r"^\s+\S+@\S+\s{2,}(.+?) \(under review, (\d) of 9 decided\)$",
                          loaded, re.M)
    assert promised
    by_name = {c.name: c for c in companies}
    for name, count in promised:
        suggestions = by_name[name].current_intake.suggestions
        assert (len(suggestions), sum(1 for s in suggestions if s.decision)) == (9, int(count))
    kinds = {a.kind for a in db.session.scalars(select(Activity))}
    assert {"workshop_series", "mapping_interview", "deep_analysis", "action_plan"} <= kinds
    # One series finished, one running, one ahead: the dashboard counts only the finished one.
    booked = db.session.scalars(select(WorkshopSeries).where(
        WorkshopSeries.id.in_(select(Enrolment.workshop_series_id)))).all()
    assert {s.last_date < today() for s in booked} == {True, False}
    assert any(s.starts_on <= today() <= s.ends_on for s in booked)
    assert any(s.starts_on > today() for s in booked)
    result = indicators()
    assert result.workshop_series == 1
    assert result.stages["action_plans"] == 1
    assert result.participating == 3  # the company booked ahead has not taken part yet


def test_the_finished_series_has_survey_invitations_due(csrf_app, loaded, mailbox):
    from intake.models import SurveyInvitation
    from tests.intake.survey.helpers import links_by_recipient, path_of

    assert "surveys send-due" in loaded
    finished = db.session.scalar(select(WorkshopSeries).where(
        WorkshopSeries.finished_on.is_not(None)))
    assert finished.code == "WS-ROBOT-Z" and finished.finished_on == finished.ends_on
    due = db.session.scalars(select(SurveyInvitation).where(SurveyInvitation.wave == 1)).all()
    enrolled = set(db.session.scalars(select(Enrolment.company_id).where(
        Enrolment.workshop_series_id == finished.id)))
    assert {i.company_id for i in due} == enrolled and len(enrolled) >= 2
    result = csrf_app.test_cli_runner().invoke(args=["surveys", "send-due"])
    assert f"{len(enrolled)} invitation(s)" in result.output
    links = links_by_recipient(mailbox)
    assert len(links) == len(enrolled)
    link = path_of(next(iter(links.values()))[0])
    assert csrf_app.test_client().get(link).status_code == 200
    # Loading again finishes nothing twice.
    csrf_app.test_cli_runner().invoke(args=["demo", "load"])
    assert db.session.scalar(select(func.count()).select_from(SurveyInvitation)) == 2 * len(
        enrolled)
