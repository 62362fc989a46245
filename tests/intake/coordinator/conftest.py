"""Fixtures for the coordinator workspace: a company that has filled in and submitted its
questionnaire, so that suggestions exist to review. Staff logins are in tests/intake/conftest.py."""

import pytest

from intake.extensions import db
from intake.models import Company
from intake.operations.questionnaire import save_area, submit_intake

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


def fill_and_submit(company: Company, answers: dict | None = None) -> Company:
    """Answer the required areas and submit; the company's intake then has suggestions."""
    intake = company.current_intake
    for area, (levels, priority, text) in (answers or ANSWERS).items():
        save_area(intake, area, levels, priority, text)
    submit_intake(intake)
    db.session.commit()
    return company


@pytest.fixture
def submitted_company(catalogue, company_factory) -> Company:
    """A company in Jämtland that has submitted its questionnaire (status `submitted`)."""
    company = company_factory.create(name="Frösö Mekaniska AB", county="23",
                                     municipality="Östersund")
    return fill_and_submit(company)
