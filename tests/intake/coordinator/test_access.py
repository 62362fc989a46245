"""Every coordinator and admin URL, tried as anonymous, as a company, and (the admin
blueprint's) as a coordinator. The URLs come from the app's own url_map, so a new route is
covered at once, and a route is an admin's by the blueprint it is on, never by its name."""

from datetime import date

import pytest
from flask import url_for
from sqlalchemy import select

from intake.extensions import db
from intake.models import Activity, Coach, CoachAssignment, Enrolment, WorkshopSeries
from tests.factories import login
from tests.intake.helpers import login_as

STAFF_BLUEPRINTS = ("coordinator", "admin")


def admin_only(endpoint: str) -> bool:
    return endpoint.startswith("admin.")


@pytest.fixture
def real_ids(submitted_company, coordinator):
    """A real row for every kind of id a coordinator URL takes."""
    series = db.session.scalars(select(WorkshopSeries).order_by(WorkshopSeries.id)).first()
    coach = db.session.scalars(select(Coach).order_by(Coach.id)).first()
    enrolment = Enrolment(company_id=submitted_company.id, workshop_series_id=series.id)
    assignment = CoachAssignment(company_id=submitted_company.id, coach_id=coach.id)
    activity = Activity(company_id=submitted_company.id, kind="mapping_interview",
                        occurred_on=date(2026, 2, 1))
    db.session.add_all([enrolment, assignment, activity])
    db.session.commit()
    return {
        "company_id": submitted_company.id,
        "suggestion_id": submitted_company.current_intake.suggestions[0].id,
        "user_id": coordinator.id, "enrolment_id": enrolment.id,
        "assignment_id": assignment.id, "activity_id": activity.id, "item_id": series.id,
        "series_id": series.id, "coach_id": coach.id, "kind": "workshop_series",
    }


def coordinator_urls(app, ids) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every staff route, ids filled with real ones."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint.split(".")[0] not in STAFF_BLUEPRINTS:
                continue
            values = {arg: ids.get(arg, 1) for arg in rule.arguments}
            method = "GET" if "GET" in rule.methods else "POST"
            urls.append((rule.endpoint, method, url_for(rule.endpoint, **values)))
    return urls


def test_every_coordinator_url_needs_a_staff_login(app, client, real_ids, company_factory):
    urls = coordinator_urls(app, real_ids)
    assert len(urls) >= 5
    endpoints = {endpoint for endpoint, _, _ in urls}
    assert {"coordinator.inbox", "coordinator.review", "coordinator.decide"} <= endpoints

    for endpoint, method, url in urls:
        response = client.open(url, method=method)
        assert response.status_code == 302, (endpoint, url)
        assert "/login" in response.headers["Location"], (endpoint, url)

    company = company_factory.create(name="Nyfiken AB")
    login(client, company.contact_email)
    for endpoint, method, url in urls:
        assert client.open(url, method=method).status_code == 403, (endpoint, url)


def test_admin_pages_are_forbidden_to_coordinators(app, staff_client, real_ids):
    urls = [u for u in coordinator_urls(app, real_ids) if admin_only(u[0])]
    assert {u[0] for u in urls} >= {"admin.users", "admin.audit_log", "admin.targets",
                                    "admin.user_deactivate", "admin.user_reactivate"}
    for endpoint, method, url in urls:
        assert staff_client.open(url, method=method).status_code == 403, (endpoint, url)


def test_admins_reach_the_admin_pages(app, admin, real_ids):
    client = app.test_client()
    login_as(client, admin)
    for endpoint, method, url in coordinator_urls(app, real_ids):
        if admin_only(endpoint) and method == "GET":
            assert client.get(url).status_code == 200, (endpoint, url)


def test_coordinators_reach_their_own_pages(app, staff_client, real_ids):
    for endpoint in ("coordinator.inbox", "coordinator.review"):
        with app.test_request_context():
            url = url_for(endpoint, **({"company_id": real_ids["company_id"]}
                                       if endpoint == "coordinator.review" else {}))
        assert staff_client.get(url).status_code == 200
