"""Logging in and out, rate limits, and resetting a password through a real SMTP server."""

import re

from intake.extensions import db
from tests.factories import PASSWORD


def login(client, email, password=PASSWORD, **kwargs):
    return client.post("/login", data={"email": email, "password": password}, **kwargs)


def test_company_logs_in_and_lands_on_its_status_page(client, company_factory):
    company = company_factory.create()
    response = login(client, company.contact_email.upper())
    assert response.status_code == 302 and response.location.endswith("/company/")


def test_wrong_password_is_said_plainly_and_email_kept(client, company_factory):
    company = company_factory.create()
    response = login(client, company.contact_email, "wrong password",
                     headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The e-mail address or password is wrong." in page
    assert f'value="{company.contact_email}"' in page
    assert client.get("/company/").status_code == 302


def test_login_is_rate_limited(client, company_factory):
    company = company_factory.create()
    statuses = [login(client, company.contact_email, "wrong").status_code for _ in range(12)]
    assert statuses[:10] == [200] * 10
    assert statuses[-1] == 429
    # Even the right password is refused while the limit holds.
    assert login(client, company.contact_email).status_code == 429


def test_next_parameter_only_leads_within_the_site(client, company_factory):
    company = company_factory.create()
    response = client.post("/login?next=https://evil.example/", data={
        "email": company.contact_email, "password": PASSWORD})
    assert response.location.endswith("/company/")
    client.post("/logout")
    response = client.post("/login?next=/company/details", data={
        "email": company.contact_email, "password": PASSWORD})
    assert response.location.endswith("/company/details")


def test_logout_needs_post_and_ends_the_session(client, company_factory):
    company = company_factory.create()
    login(client, company.contact_email)
    assert client.get("/logout").status_code == 405
    client.post("/logout")
    assert client.get("/company/").status_code == 302


def test_password_reset_by_email(client, company_factory, mailbox):
    company = company_factory.create()
    response = client.post("/password/forgot", data={"email": company.contact_email},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 302
    assert len(mailbox) == 1
    message = mailbox[0]
    assert message["To"] == company.contact_email
    link = re.search(r"http://\S+/password/reset/\S+", message.get_content()).group(0)
    path = link.split("localhost", 1)[-1]

    response = client.post(path, data={"password": "a brand new secret",
                                       "confirm": "a brand new secret"})
    assert response.status_code == 302
    client.post("/logout")
    assert login(client, company.contact_email).status_code == 200  # the old one is gone
    assert login(client, company.contact_email, "a brand new secret").status_code == 302

    # The link works once.
    client.post("/logout")
    again = client.get(path)
    assert again.status_code == 302 and again.location.endswith("/password/forgot")


def test_reset_for_unknown_address_sends_nothing_and_says_the_same(client, mailbox):
    response = client.post("/password/forgot", data={"email": "nobody@nowhere.se"},
                           follow_redirects=True, headers={"Accept-Language": "en"})
    assert "If the address is registered" in response.get_data(as_text=True)
    assert mailbox == []


def test_reset_mail_is_in_the_users_language(client, company_factory, mailbox):
    company = company_factory.create()
    client.post("/password/forgot", data={"email": company.contact_email},
                headers={"Accept-Language": "sv"})
    assert "lösenord" in mailbox[0].get_content().lower()


def test_password_change_ends_other_sessions(app, company_factory):
    company = company_factory.create()
    first, second = app.test_client(), app.test_client()
    login(first, company.contact_email)
    login(second, company.contact_email)
    user = company.users[0]
    user.set_password("changed elsewhere 123")
    db.session.commit()
    assert first.get("/company/").status_code == 302
    assert second.get("/company/").status_code == 302
