"""GDPR: a company downloads everything stored about it, and can have it erased."""

import json
from datetime import date

from sqlalchemy import select

from intake.extensions import db
from intake.models import Activity, Company, User
from tests.factories import PASSWORD
from tests.intake.helpers import REQUIRED, logged_in, step_data


def test_export_contains_company_contact_consent_and_answers(client, company_factory):
    company = company_factory.create(contact_name="Eva Ek", contact_phone="070-111 22 33")
    logged_in(client, company)
    client.post(f"/company/questionnaire/{REQUIRED[0].key}", data=step_data(REQUIRED[0]))
    response = client.get("/company/data.json")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["company"]["org_number"] == company.org_number
    assert data["contact"] == {
        "name": "Eva Ek", "role": "VD", "email": company.contact_email,
        "phone": "070-111 22 33", "consent_at": company.consent_at.isoformat(),
        "privacy_notice_version": "2026-1",
    }
    answers = data["intakes"][0]["answers"][REQUIRED[0].key]
    assert answers["priority"] == 4 and answers["text"]


def test_erasure_without_activities_deletes_everything(client, company_factory):
    company = company_factory.create()
    org, email = company.org_number, company.contact_email
    logged_in(client, company)
    response = client.post("/company/erase", data={"password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Company).where(Company.org_number == org)) is None
    assert db.session.scalar(select(User).where(User.email == email)) is None
    assert client.get("/company/").status_code == 302  # logged out


def test_erasure_after_taking_part_keeps_only_what_the_funder_needs(client, company_factory):
    company = company_factory.create(contact_name="Per Persson")
    db.session.add(Activity(company_id=company.id, kind="mapping_interview",
                            occurred_on=date(2026, 10, 1)))
    db.session.commit()
    logged_in(client, company)
    client.post(f"/company/questionnaire/{REQUIRED[0].key}", data=step_data(REQUIRED[0]))
    client.post("/company/erase", data={"password": PASSWORD})

    db.session.expire_all()
    kept = db.session.get(Company, company.id)
    assert kept.org_number == company.org_number and kept.anonymised_at is not None
    assert kept.contact_name is None and kept.contact_email is None
    assert kept.contact_phone is None and kept.users == []
    assert all(a.text == "" for a in kept.current_intake.answers)


def test_erasure_needs_the_password(client, company_factory):
    company = company_factory.create()
    logged_in(client, company)
    response = client.post("/company/erase", data={"password": "not it"},
                           headers={"Accept-Language": "en"})
    assert "The password is wrong." in response.get_data(as_text=True)
    assert db.session.get(Company, company.id) is not None
