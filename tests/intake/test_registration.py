"""Registering a company: what is stored, and what a mistake looks like to the user."""

import re

from sqlalchemy import select

from intake.extensions import db
from intake.models import Company, IntakeStatus, User
from tests.factories import REGISTRATION_FORM as GOOD
from tests.factories import org_number
from tests.factories import registration_form as form


def test_registration_stores_company_contact_consent_and_login(client):
    data = form()
    response = client.post("/company/register", data=data)

    assert response.status_code == 302
    assert response.location.endswith("/company/questionnaire")
    company = db.session.scalar(select(Company).where(Company.org_number == data["org_number"]))
    assert company.name == "Nordverk AB"
    assert company.county_code == "22" and company.sni_division == "25"
    assert company.contact_email == "maria@nordverk.se"
    assert company.consent_at is not None and company.privacy_notice_version
    assert company.de_minimis_received and company.de_minimis_amount_eur == 12000
    assert company.de_minimis_declared_at is not None
    assert company.leadership == "mixed"
    assert company.current_intake.status == IntakeStatus.DRAFT
    assert company.current_intake.questionnaire_version == "v1"
    user = company.users[0]
    assert user.email == "maria@nordverk.se"
    assert user.password_hash != data["password"] and user.check_password(data["password"])
    # Logged in at once: the status page answers.
    assert client.get("/company/").status_code == 200


def test_org_number_without_hyphen_is_stored_in_canonical_form(client):
    number = org_number()
    client.post("/company/register", data=form(org_number=number.replace("-", "")))
    assert db.session.scalar(select(Company.org_number)) == number


def test_wrong_check_digit_is_explained_next_to_the_field_and_answers_kept(client):
    good = org_number()
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    response = client.post(
        "/company/register",
        data=form(org_number=bad, municipality=""),
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="org_number-error"' in page and "check digit" in page
    assert 'id="municipality-error"' in page and "This field is required." in page
    assert 'aria-describedby="org_number-hint org_number-error"' in page
    # Everything else the user typed is still there (passwords are never echoed back).
    for value in ("Nordverk AB", bad, "Maria Berg", "maria@nordverk.se", "070-123 45 67", "12000"):
        assert f'value="{value}"' in page
    assert db.session.scalar(select(Company.id)) is None


def test_errors_are_in_swedish_by_default(client):
    response = client.post("/company/register", data=form(org_number="123"))
    page = response.get_data(as_text=True)
    assert 'lang="sv"' in page
    assert "tio siffror" in page


def test_de_minimis_amount_required_when_aid_was_received(client):
    response = client.post(
        "/company/register", data=form(de_minimis_amount_eur=""), headers={"Accept-Language": "en"}
    )
    assert "Enter the amount received, in euro." in response.get_data(as_text=True)


def test_consent_is_required(client):
    data = form()
    del data["consent"]
    response = client.post("/company/register", data=data, headers={"Accept-Language": "en"})
    assert ("You need to agree to the processing of your contact details to register."
            in response.get_data(as_text=True))
    assert db.session.scalar(select(Company.id)) is None


def test_already_registered_org_number_says_so_and_reveals_nothing(client, company_factory):
    existing = company_factory.create(name="Hemliga Verken AB", contact_email="vd@hemliga.se")
    response = client.post(
        "/company/register",
        data=form(org_number=existing.org_number, contact_email="someone@else.se"),
        headers={"Accept-Language": "en"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "already registered" in page and "reset your password" in page
    assert "Hemliga" not in page and "vd@hemliga.se" not in page
    assert db.session.scalar(select(User).where(User.email == "someone@else.se")) is None


def test_login_email_already_in_use(client, company_factory):
    existing = company_factory.create()
    response = client.post(
        "/company/register",
        data=form(contact_email=existing.contact_email),
        headers={"Accept-Language": "en"},
    )
    assert "already has a login" in response.get_data(as_text=True)


def test_sni_list_has_every_division_and_county_list_every_county(client):
    page = client.get("/company/register").get_data(as_text=True)
    assert page.count('<option value="', page.index('id="sni_division"')) >= 88
    select_county = page[
        page.index('id="county"') : page.index("</select>", page.index('id="county"'))
    ]
    assert select_county.count("<option") == 22  # 21 counties and the prompt


def test_company_can_edit_its_details(client, company_factory):
    company = company_factory.create()
    client.post(
        "/login", data={"email": company.contact_email, "password": "correct horse battery"}
    )
    data = {k: v for k, v in GOOD.items() if k not in ("password", "confirm", "consent")}
    data.update(name="Nytt Namn AB", employees="60")
    response = client.post("/company/details", data=data)
    assert response.status_code == 302
    db.session.refresh(company)
    assert company.name == "Nytt Namn AB" and company.employees == 60


def test_details_form_shows_the_stored_answers(client, company_factory):
    from tests.intake.test_questionnaire import checked_value

    company = company_factory.create(de_minimis_received=True, de_minimis_amount_eur=5000,
                                     leadership="women")
    client.post("/login", data={"email": company.contact_email,
                                "password": "correct horse battery"})
    page = client.get("/company/details").get_data(as_text=True)
    assert checked_value(page, "de_minimis_received") == "yes"
    assert checked_value(page, "leadership") == "women"
    assert 'value="5000"' in page and f'value="{company.municipality}"' in page


def test_the_registration_language_is_kept_for_later_e_mails(client):
    data = form()
    client.post("/company/register", data=data, headers={"Accept-Language": "en"})
    assert db.session.scalar(select(Company.language)) == "en"


def test_nul_characters_are_dropped_not_a_failure(client):
    data = form(municipality="Öster\x00sund", name="Nul\x00 AB")
    assert client.post("/company/register", data=data).status_code == 302
    company = db.session.scalar(select(Company))
    assert (company.municipality, company.name) == ("Östersund", "Nul AB")


def test_an_absurdly_long_number_is_a_message_not_a_failure(client):
    response = client.post("/company/register", data=form(employees="9" * 400),
                           headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert 'id="employees-error"' in response.get_data(as_text=True)


def test_employees_may_be_typed_with_a_thousands_space(client):
    client.post("/company/register", data=form(employees="1 200"))
    assert db.session.scalar(select(Company.employees)) == 1200


def test_the_error_summary_follows_the_form_and_names_fields_shortly(client):
    from html import unescape

    from intake.company.forms import RegistrationForm

    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = unescape(client.post("/company/register", data={"name": ""}).get_data(as_text=True))
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'<a href="#([\w-]+)">([^<]*)</a>', summary)
    order = [target.rsplit("-", 1)[0] if target.endswith("-0") else target
             for target, _text in links]
    expected = [f for f in RegistrationForm.field_order if f in order]
    assert order == expected and order[:2] == ["name", "org_number"]
    texts = dict(zip(order, (text for _t, text in links), strict=True))
    assert texts["de_minimis_received"] == "De minimis aid received: This field is required."
    assert texts["consent"] == ("You need to agree to the processing of your contact details "
                                "to register.")
    assert not any(re.search(r"[.?]: ", text) for text in texts.values())


def test_the_leadership_question_starts_unanswered(client):
    html = client.get("/company/register").get_data(as_text=True)
    radios = re.findall(r'<input[^>]*name="leadership"[^>]*>', html)
    assert radios and not any("checked" in r for r in radios)
    response = client.post("/company/register", data=form(leadership=None))
    assert response.status_code == 302
    company = db.session.scalar(select(Company).where(Company.name == "Nordverk AB"))
    assert company.leadership is None


def test_a_too_long_name_is_kept_and_explained_not_cut(client):
    html = client.get("/company/register").get_data(as_text=True)
    assert "maxlength" not in html  # the browser would cut a pasted text without a word
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    long_name = "Å" * 230
    page = client.post("/company/register", data=form(name=long_name)).get_data(as_text=True)
    assert f'value="{long_name}"' in page and "At most 200 characters." in page
