"""Admin pages: creating and switching off staff logins, and reading the audit log."""

import re
from datetime import datetime

import pytest

from intake.extensions import db
from intake.models import AuditEvent, Role, User
from intake.operations.audit import record
from tests.factories import login
from tests.intake.helpers import login_as

NEW_PASSWORD = "ett långt lösenord"


@pytest.fixture
def admin_en(client, admin):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login_as(client, admin)
    return client


def _new_login(**overrides):
    data = {"email": "Nils.Ny@RegionJH.se", "name": "Nils Ny", "role": "coordinator",
            "password": NEW_PASSWORD}
    data.update(overrides)
    return data


def test_admin_creates_a_coordinator_who_can_log_in(app, admin_en, admin):
    page = admin_en.get("/coordinator/admin/users")
    assert page.status_code == 200
    assert "admin@regionjh.se" in page.get_data(as_text=True)
    response = admin_en.post("/coordinator/admin/users", data=_new_login())
    assert response.status_code == 302
    user = db.session.query(User).filter_by(email="nils.ny@regionjh.se").one()
    assert user.role == Role.COORDINATOR and user.name == "Nils Ny"
    event = db.session.query(AuditEvent).filter_by(action="user.create").one()
    assert event.user_id == admin.id and event.entity_id == str(user.id)
    assert event.details == {"email": "nils.ny@regionjh.se", "role": "coordinator"}
    listing = admin_en.get("/coordinator/admin/users").get_data(as_text=True)
    assert "nils.ny@regionjh.se" in listing

    other = app.test_client()
    assert login(other, "nils.ny@regionjh.se", NEW_PASSWORD).status_code == 302
    assert other.get("/coordinator/reports").status_code == 200
    assert other.get("/coordinator/admin/users").status_code == 403  # a coordinator, not admin


def test_admin_creates_an_admin(admin_en):
    admin_en.post("/coordinator/admin/users", data=_new_login(role="admin"))
    assert db.session.query(User).filter_by(email="nils.ny@regionjh.se").one().is_admin


@pytest.mark.parametrize("overrides, field, message", [
    ({"email": "not-an-address"}, "email",
     "Enter a valid e-mail address, such as name@company.se."),
    ({"password": "short"}, "password", "The password must be at least 10 characters long."),
    ({"name": ""}, "name", "This field is required."),
    ({"role": "company"}, "role", "Not a valid choice."),
])
def test_form_errors_keep_the_values(admin_en, overrides, field, message):
    data = _new_login(**overrides)
    response = admin_en.post("/coordinator/admin/users", data=data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html
    assert f'id="{field}-error"' in html  # next to the field ...
    assert 'class="error-summary"' in html  # ... and in the summary
    for kept in ("email", "name"):
        if data[kept]:
            assert f'value="{data[kept]}"' in html
    assert db.session.query(User).filter(User.role != Role.ADMIN).count() == 0


def test_duplicate_email_is_a_clear_error(admin_en, coordinator):
    response = admin_en.post("/coordinator/admin/users",
                             data=_new_login(email="Samordnare@RegionJH.se"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "There is already a login with this e-mail address." in html
    assert 'id="email-error"' in html
    assert 'value="Samordnare@RegionJH.se"' in html and 'value="Nils Ny"' in html
    assert db.session.query(User).filter_by(email="samordnare@regionjh.se").count() == 1


def test_deactivate_and_reactivate_a_login(app, admin_en, admin, coordinator):
    session_of_coordinator = app.test_client()
    login_as(session_of_coordinator, coordinator)
    assert session_of_coordinator.get("/coordinator/reports").status_code == 200

    response = admin_en.post(f"/coordinator/admin/users/{coordinator.id}/deactivate")
    assert response.status_code == 302
    db.session.refresh(coordinator)
    assert coordinator.is_active_login is False
    # The open session ends, and a new login is refused.
    assert session_of_coordinator.get("/coordinator/reports").status_code == 302
    assert login(app.test_client(), coordinator.email).status_code == 200
    assert "Deactivated" in admin_en.get("/coordinator/admin/users").get_data(as_text=True)

    admin_en.post(f"/coordinator/admin/users/{coordinator.id}/reactivate")
    db.session.refresh(coordinator)
    assert coordinator.is_active_login is True
    assert login(app.test_client(), coordinator.email).status_code == 302
    actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions == ["user.deactivate", "user.reactivate"]


def test_admin_cannot_deactivate_themself(admin_en, admin):
    response = admin_en.post(f"/coordinator/admin/users/{admin.id}/deactivate",
                             follow_redirects=True)
    assert response.status_code == 200
    assert "You cannot deactivate your own login." in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.is_active_login is True
    assert db.session.query(AuditEvent).count() == 0


def test_unknown_or_company_login_is_404(admin_en, company_factory):
    company = company_factory.create()
    assert admin_en.post("/coordinator/admin/users/99999/deactivate").status_code == 404
    assert admin_en.post(
        f"/coordinator/admin/users/{company.users[0].id}/deactivate").status_code == 404


ADMIN_PAGES = [
    ("get", "/coordinator/admin/users"),
    ("post", "/coordinator/admin/users"),
    ("get", "/coordinator/admin/audit"),
    ("post", "/coordinator/admin/users/1/deactivate"),
    ("post", "/coordinator/admin/users/1/reactivate"),
]


@pytest.mark.parametrize("method, url", ADMIN_PAGES)
def test_admin_pages_are_for_admins_only(client, admin, coordinator, company_factory,
                                         method, url):
    response = getattr(client, method)(url, data=_new_login())
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    login_as(client, coordinator)
    assert getattr(client, method)(url, data=_new_login()).status_code == 403
    client.post("/logout")
    login_as(client, company_factory.create().users[0])
    assert getattr(client, method)(url, data=_new_login()).status_code == 403
    assert db.session.query(User).filter_by(email="nils.ny@regionjh.se").count() == 0
    db.session.refresh(admin)
    assert admin.is_active_login


def _events(admin, coordinator):
    record(coordinator, "suggestion.accept", "suggestion", 7, {"reason": "good fit"})
    record(admin, "catalogue.update", "workshop_series", "WS-1", {"seats": [10, 12]})
    record(coordinator, "enrolment.create", "enrolment", 3)
    db.session.flush()
    stamps = [datetime(2024, 3, 1, 9), datetime(2024, 3, 2, 9), datetime(2024, 3, 3, 23, 59)]
    for event, at in zip(db.session.query(AuditEvent).order_by(AuditEvent.id), stamps,
                         strict=True):
        event.at = at
    db.session.commit()


def _actions(html: str) -> list[str]:
    return re.findall(r'data-action="([^"]+)"', html)


def test_audit_log_lists_events_newest_first(admin_en, admin, coordinator):
    _events(admin, coordinator)
    html = admin_en.get("/coordinator/admin/audit").get_data(as_text=True)
    assert _actions(html) == ["enrolment.create", "catalogue.update", "suggestion.accept"]
    assert "samordnare@regionjh.se" in html and "good fit" in html
    assert "3 events" in html


@pytest.mark.parametrize("query, expected", [
    ("action=catalogue.update", ["catalogue.update"]),
    ("start=2024-03-02", ["enrolment.create", "catalogue.update"]),
    ("end=2024-03-02", ["catalogue.update", "suggestion.accept"]),
    ("start=2024-03-03&end=2024-03-03", ["enrolment.create"]),
])
def test_audit_log_filters(admin_en, admin, coordinator, query, expected):
    _events(admin, coordinator)
    html = admin_en.get(f"/coordinator/admin/audit?{query}").get_data(as_text=True)
    assert _actions(html) == expected


def test_audit_log_filters_by_user(admin_en, admin, coordinator):
    _events(admin, coordinator)
    html = admin_en.get(f"/coordinator/admin/audit?user={coordinator.id}").get_data(as_text=True)
    assert _actions(html) == ["enrolment.create", "suggestion.accept"]


@pytest.mark.parametrize("query", [
    "user=abc", "start=not-a-date", "start=2024-05-01&end=2024-01-01", "page=abc", "page=-4",
    "page=999", "page=99999999999999999999999", "action=%00", "user=99999999999999999999999",
    "user=%00", "end=9999-12-31", "start=0001-01-01",
])
def test_bad_audit_filters_are_not_a_500(admin_en, admin, coordinator, query):
    _events(admin, coordinator)
    assert admin_en.get(f"/coordinator/admin/audit?{query}").status_code == 200


def test_audit_log_is_paginated(admin_en, admin):
    for n in range(55):
        record(admin, "test.event", "thing", n, {"n": n})
    db.session.commit()
    first = admin_en.get("/coordinator/admin/audit").get_data(as_text=True)
    assert len(_actions(first)) == 50
    assert "page=2" in first and "Page 1 of 2" in first
    second = admin_en.get("/coordinator/admin/audit?page=2&action=test.event")
    html = second.get_data(as_text=True)
    assert len(_actions(html)) == 5
    # the oldest are on the last page
    assert "<dd class=\"free-text\">4</dd>" in html and ">54</dd>" not in html

