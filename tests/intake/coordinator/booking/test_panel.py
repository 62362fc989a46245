"""The booking panel on the review page, access to the booking pages and unknown ids."""

import re
from datetime import date
from decimal import Decimal

from flask import render_template
from sqlalchemy import func, select

from intake.extensions import db
from intake.models import (
    Enrolment,
)
from intake.operations import booking
from intake.operations.booking_panel import booking_panel
from intake.operations.users import create_staff_user
from tests import factories
from tests.factories import login
from tests.intake.coordinator.booking.helpers import (
    coach,
    declared,
    enrolments,
    series,
)

# --- the panel, access and unknown ids -----------------------------------------------------

def test_the_panel_shows_bookings_coach_stages_and_ledger(app, submitted_company, coordinator):
    declared(submitted_company, 12_000)
    booking.enrol(submitted_company, series("WS-LEAN-Z").id, coordinator, Decimal("1500"))
    booking.assign_coach(submitted_company, coach("CO-02").id, coordinator)
    booking.record_activity(submitted_company, "deep_analysis", date(2026, 3, 2), "Analys",
                            Decimal("3000"), coordinator)
    db.session.commit()

    with app.test_request_context(headers={"Accept-Language": "en"}):
        html = render_template("coordinator/booking/_panel.html", company=submitted_company,
                               panel=booking_panel(submitted_company))

    assert "Lean i praktiken" in html
    assert "Karin Sjöberg" in html
    assert "Deep analysis" in html and "Workshop series" in html
    assert "16,500.00" in html  # 12,000 declared + 1,500 + 3,000 from the programme
    assert "283,500.00" in html
    assert f"/coordinator/companies/{submitted_company.id}/edit" in html
    assert "<caption>" in html and 'scope="row"' in html


def test_unknown_ids_are_404(staff_client, submitted_company, other_company, coordinator):
    enrolment = booking.enrol(other_company, series("WS-LEAN-Z").id, coordinator, Decimal(0))
    assignment = booking.assign_coach(other_company, coach("CO-01").id, coordinator)
    plain = booking.record_activity(submitted_company, "deep_analysis", date(2026, 1, 5), "",
                                    Decimal(0), coordinator)
    db.session.commit()
    cid = submitted_company.id
    for method, url in [
        ("get", "/coordinator/companies/999999/enrol"),
        ("get", "/coordinator/companies/999999/coach"),
        ("get", "/coordinator/companies/999999/stages/new"),
        ("get", "/coordinator/companies/999999/edit"),
        # Another company's rows, reached through this company's address.
        ("post", f"/coordinator/companies/{cid}/enrolments/{enrolment.id}/cancel"),
        ("post", f"/coordinator/companies/{cid}/coach/{assignment.id}/end"),
        ("post", f"/coordinator/companies/{cid}/enrolments/999999/cancel"),
        ("get", f"/coordinator/companies/{cid}/stages/999999/attachment"),
        # An activity without a file.
        ("get", f"/coordinator/companies/{cid}/stages/{plain.id}/attachment"),
    ]:
        assert getattr(staff_client, method)(url).status_code == 404, url
    assert enrolments(enrolment.workshop_series_id) == 1


def test_booking_pages_are_for_staff_only(client, submitted_company, coordinator):
    cid = submitted_company.id
    urls = [f"/coordinator/companies/{cid}/enrol", f"/coordinator/companies/{cid}/coach",
            f"/coordinator/companies/{cid}/stages/new", f"/coordinator/companies/{cid}/edit"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location
    login(client, submitted_company.contact_email)
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(urls[0], data={"workshop_series": str(series("WS-LEAN-Z").id),
                                      "support_value_eur": "0"}).status_code == 403
    assert db.session.scalar(select(func.count(Enrolment.id))) == 0


def _token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_a_cancel_without_the_csrf_token_changes_nothing(csrf_app):
    factories.import_demo_catalogue()
    company = factories.CompanyFactory(csrf_app).create()
    user = create_staff_user("csrf@regionjh.se", "coordinator", factories.PASSWORD, "C")
    enrolment = booking.enrol(company, series("WS-LEAN-Z").id, user, Decimal(0))
    db.session.commit()
    client = csrf_app.test_client()
    token = _token(client.get("/login").get_data(as_text=True))
    assert client.post("/login", data={"email": user.email, "password": factories.PASSWORD,
                                       "csrf_token": token}).status_code == 302
    url = f"/coordinator/companies/{company.id}/enrolments/{enrolment.id}/cancel"

    assert client.post(url).status_code == 400
    assert enrolments(enrolment.workshop_series_id) == 1

    token = _token(client.get(f"/coordinator/companies/{company.id}/enrol")
                   .get_data(as_text=True))
    assert client.post(url, data={"csrf_token": token}).status_code == 302
    assert enrolments(enrolment.workshop_series_id) == 0
