"""Fixtures for the coordinator workspace: staff logins, a logged-in staff client, and a company
that has filled in and submitted its questionnaire so that suggestions exist to review."""

import pytest

from intake.extensions import db
from intake.models import Company, Role, User
from intake.operations.questionnaire import save_area, submit_intake
from intake.operations.users import create_staff_user
from tests.factories import PASSWORD, login

# Realistic answers for the four required areas: levels per statement, priority, free text.
ANSWERS = {
    "digitalisation": (
        {"production_data": 2, "business_systems": 3, "digital_customers": 2, "it_security": 3},
        4,
        "Vi registrerar stopp och kassationer på papper och för in dem i Excel en gång i veckan. "
        "Affärssystemet är gammalt och vi vill få maskindata direkt in i planeringen.",
    ),
    "automation": (
        {"automated_processes": 2, "robots_handling": 1, "automation_skills": 2,
         "automation_plan": 1},
        5,
        "Svetsning och bockning görs helt manuellt. Vi funderar på en svetsrobot men vet inte "
        "om volymerna räcker eller var vi ska börja.",
    ),
    "productivity": (
        {"flow_lead_time": 3, "improvement_work": 2, "standard_work": 2, "kpi_follow_up": 3},
        3,
        "Ledtiderna varierar mycket och det blir mycket omplanering. Vi har provat 5S i "
        "monteringen men det har inte fastnat.",
    ),
    "business_model": (
        {"business_plan": 3, "customers_markets": 3, "product_development": 2,
         "services_revenue": 1},
        2,
        "Tre stora kunder står för det mesta av omsättningen. Vi skulle vilja sälja service "
        "och reservdelar men har ingen plan för det.",
    ),
}


def make_staff(email: str, role: str, name: str) -> User:
    user = create_staff_user(email, role, PASSWORD, name)
    db.session.commit()
    return user


def login_as(client, user: User, password: str = PASSWORD):
    """Log `user` in through the real login form; asserts that it worked."""
    response = login(client, user.email, password)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def fill_and_submit(company: Company, answers: dict | None = None) -> Company:
    """Answer the required areas and submit; the company's intake then has suggestions."""
    intake = company.current_intake
    for area, (levels, priority, text) in (answers or ANSWERS).items():
        save_area(intake, area, levels, priority, text)
    submit_intake(intake)
    db.session.commit()
    return company


@pytest.fixture
def coordinator(app) -> User:
    return make_staff("samordnare@regionjh.se", Role.COORDINATOR, "Sara Samordnare")


@pytest.fixture
def admin(app) -> User:
    return make_staff("admin@regionjh.se", Role.ADMIN, "Anna Admin")


@pytest.fixture
def staff_client(client, coordinator):
    """A test client logged in as the `coordinator`."""
    login_as(client, coordinator)
    return client


@pytest.fixture
def admin_client(app, admin):
    client = app.test_client()
    login_as(client, admin)
    return client


@pytest.fixture
def submitted_company(catalogue, company_factory) -> Company:
    """A company in Jämtland that has submitted its questionnaire (status `submitted`)."""
    company = company_factory.create(name="Frösö Mekaniska AB", county="23",
                                     municipality="Östersund")
    return fill_and_submit(company)


@pytest.fixture
def login_as_fixture():
    """`login_as` as a fixture, for tests that prefer injection to an import."""
    return login_as
