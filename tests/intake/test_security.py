"""Who gets in where, CSRF, cookies and headers."""

import pytest

from tests.factories import PASSWORD
from tests.intake.helpers import logged_in

COMPANY_PAGES = ["/company/", "/company/details", "/company/questionnaire",
                 "/company/questionnaire/digitalisation", "/company/questionnaire/review",
                 "/company/data.json", "/company/erase"]


@pytest.mark.parametrize("path", COMPANY_PAGES)
def test_company_pages_need_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login?next=" in response.location


def test_a_coordinator_is_not_a_company(client, app):
    from intake.extensions import db
    from intake.operations.users import create_staff_user

    create_staff_user("samordnare@region.se", "coordinator", PASSWORD)
    db.session.commit()
    client.post("/login", data={"email": "samordnare@region.se", "password": PASSWORD})
    assert client.get("/company/").status_code == 403


def test_a_company_sees_only_its_own_data(client, company_factory):
    mine = company_factory.create(name="Egna Verken AB")
    other = company_factory.create(name="Grannens Verkstad AB")
    logged_in(client, mine)
    export = client.get("/company/data.json").get_data(as_text=True)
    status = client.get("/company/").get_data(as_text=True)
    for page in (export, status):
        assert "Egna Verken AB" in page
        assert "Grannens" not in page and other.org_number not in page
    # Coordinator pages, which take ids, are closed to companies.
    assert client.get(f"/coordinator/companies/{other.id}").status_code in (403, 404)
    assert client.get("/coordinator/").status_code == 403


def test_passwords_are_hashed(company_factory):
    user = company_factory.create().users[0]
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


FORMS = [
    ("/login", {"email": "a@b.se", "password": "x"}),
    ("/password/forgot", {"email": "a@b.se"}),
    ("/company/register", {"name": "X"}),
    ("/logout", {}),
]
LOGGED_IN_FORMS = [
    ("/company/details", {"name": "X"}),
    ("/company/questionnaire/digitalisation", {"priority": "3"}),
    ("/company/questionnaire/submit", {}),
    ("/company/erase", {"password": PASSWORD}),
]


@pytest.mark.parametrize(("path", "data"), FORMS + LOGGED_IN_FORMS)
def test_every_form_rejects_a_post_without_csrf_token(csrf_app, path, data):
    from intake.extensions import db
    from tests.factories import CompanyFactory

    company = CompanyFactory(csrf_app).create()
    client = csrf_app.test_client()
    if (path, data) in LOGGED_IN_FORMS:
        with client.session_transaction() as session:
            session["_user_id"] = company.users[0].get_id()
            session["_fresh"] = True
    response = client.post(path, data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "The form had expired" in response.get_data(as_text=True)
    db.session.refresh(company)
    assert company.name != "X"


def test_a_form_with_its_csrf_token_goes_through(csrf_app):
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/login", data={"csrf_token": token, "email": "a@b.se",
                                           "password": "whatever"})
    assert response.status_code == 200  # a wrong password, not a CSRF failure


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script(client):
    for path in ("/", "/login", "/company/register"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page and "onclick=" not in page and "style=" not in page


def test_session_cookie_is_httponly_and_samesite(client, company_factory):
    company = company_factory.create()
    response = client.post("/login", data={"email": company.contact_email,
                                           "password": PASSWORD})
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_errors_are_pages_not_tracebacks(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and "Page not found" in page
    assert "Traceback" not in page
