"""Logout ends the session for good, and staff sessions end after an idle time."""

import time

from intake.auth.login_sessions import SEEN_KEY
from tests.intake.helpers import logged_in, login_as, make_staff


def _replay(app, cookie_value: str):
    """A fresh browser that presents a copy of a saved session cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie_value)
    return other


def test_a_cookie_saved_before_logout_opens_nothing_after_it(app, client, company_factory):
    company = company_factory.create()
    logged_in(client, company)
    saved = client.get_cookie("session").value
    assert _replay(app, saved).get("/company/").status_code == 200  # the copy works while live

    client.post("/logout")
    for path in ("/company/", "/company/data.json", "/company/details"):
        response = _replay(app, saved).get(path)
        assert response.status_code == 302 and "/login" in response.location


def test_logout_ends_only_that_browsers_session(app, company_factory):
    company = company_factory.create()
    office, phone = app.test_client(), app.test_client()
    logged_in(office, company)
    logged_in(phone, company)
    office.post("/logout")
    assert office.get("/company/").status_code == 302
    assert phone.get("/company/").status_code == 200


def test_a_staff_login_idle_too_long_is_logged_out(app, client):
    coordinator = make_staff("samordnare@regionjh.se", "coordinator", "Sara")
    login_as(client, coordinator)
    assert client.get("/coordinator/").status_code == 200
    idle = app.config["STAFF_IDLE_TIMEOUT"] + 5
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time() - idle)
    response = client.get("/coordinator/", headers={"Accept-Language": "en"})
    assert response.status_code == 302 and "/login" in response.location
    page = client.get(response.location, headers={"Accept-Language": "en"})
    assert "logged out after a period without activity" in page.get_data(as_text=True)
    # The ended session stays ended even with the clock put back.
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time())
    assert client.get("/coordinator/").status_code == 302


def test_a_staff_login_in_use_stays(app, client):
    coordinator = make_staff("samordnare@regionjh.se", "coordinator", "Sara")
    login_as(client, coordinator)
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time() - app.config["STAFF_IDLE_TIMEOUT"] + 60)
    assert client.get("/coordinator/").status_code == 200
    with client.session_transaction() as session:
        assert time.time() - session[SEEN_KEY] < 60  # the request counted as activity


def test_a_company_is_not_logged_out_while_filling_in_for_hours(app, client, company_factory):
    company = company_factory.create()
    logged_in(client, company)
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time() - 4 * 3600)
    assert client.get("/company/").status_code == 200


def test_a_companys_pages_leave_its_cookie_as_it_is(app, client, company_factory):
    """Only staff have an idle clock: a company's page does not sign a new cookie each time."""
    company = company_factory.create()
    logged_in(client, company)
    client.get("/company/")  # the first page adds the form token to the cookie
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time() - 3600)
    response = client.get("/company/")
    assert response.status_code == 200
    assert "session=" not in response.headers.get("Set-Cookie", "")
