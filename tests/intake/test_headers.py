"""Headers: what every response says about scripts, framing, sniffing, referrers and features;
HSTS and Secure cookies in production; nothing with personal data kept in any cache."""

import pytest

from intake import create_app
from intake.web.security import HEADERS
from tests.conftest import RequestClient, make_config
from tests.factories import PASSWORD
from tests.intake.helpers import logged_in

BASE = "https://intake.region.example"


def test_every_page_carries_the_security_headers(client):
    for path in ("/", "/login", "/company/register", "/no/such/page"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "object-src 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        assert "Strict-Transport-Security" not in headers  # development speaks plain http
        assert all(len(headers.getlist(name)) == 1 for name in HEADERS)  # each said once


@pytest.mark.parametrize("path", ["/company/", "/company/data.json", "/company/details",
                                  "/company/questionnaire/digitalisation"])
def test_personal_data_is_never_cached(client, company_factory, path):
    logged_in(client, company_factory.create())
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200 and "no-store" not in response.headers.get(
        "Cache-Control", "")


def test_production_sends_hsts_and_secure_cookies(database_url, smtp_server, company_factory):
    app = create_app(make_config(database_url, smtp_server, PRODUCTION=True, BASE_URL=BASE,
                                 SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True))
    app.test_client_class = RequestClient
    with app.app_context():
        company = company_factory.create()
        client = app.test_client()
        response = client.post("/login", base_url=BASE, data={
            "email": company.contact_email, "password": PASSWORD})
        assert response.status_code == 302
        assert "max-age=" in response.headers["Strict-Transport-Security"]
        cookie = next(v for v in response.headers.getlist("Set-Cookie")
                      if v.startswith("session="))
        assert "Secure" in cookie and "HttpOnly" in cookie
