"""Booking a company into a workshop series, within its seats, and cancelling it."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from intake.extensions import db
from intake.models import (
    Activity,
    Enrolment,
    IntakeStatus,
)
from intake.operations import booking
from tests.intake.coordinator.booking.helpers import (
    enrolments,
    events,
    series,
)

# --- enrolment ---------------------------------------------------------------------------

def test_enrol_books_the_company_and_records_its_participation(
        staff_client, submitted_company, coordinator):
    ws = series("WS-LEAN-Z")
    response = staff_client.post(f"/coordinator/companies/{submitted_company.id}/enrol",
                                 data={"workshop_series": str(ws.id),
                                       "support_value_eur": "1 500,50"})

    assert response.status_code == 302
    db.session.expire_all()
    enrolment = db.session.scalar(select(Enrolment).where(
        Enrolment.company_id == submitted_company.id))
    assert enrolment.workshop_series_id == ws.id
    assert enrolment.created_by_id == coordinator.id
    activity = db.session.scalar(select(Activity).where(
        Activity.company_id == submitted_company.id))
    assert activity.kind == "workshop_series"
    assert activity.occurred_on == ws.starts_on
    assert activity.support_value_eur == Decimal("1500.50")
    assert activity.workshop_series_id == ws.id
    assert submitted_company.current_intake.status == IntakeStatus.ENROLLED
    [event] = events("booking.enrol")
    assert event.user_id == coordinator.id
    assert event.entity_id == str(submitted_company.id)
    assert event.details["workshop_series"] == "WS-LEAN-Z"


def test_a_full_series_is_a_form_error_and_books_nobody(
        staff_client, submitted_company, other_company):
    ws = series("WS-ROBOT-Z")
    ws.seats = 1
    db.session.commit()
    booking.enrol(other_company, ws.id, None, Decimal(0))
    db.session.commit()

    response = staff_client.post(f"/coordinator/companies/{submitted_company.id}/enrol",
                                 data={"workshop_series": str(ws.id),
                                       "support_value_eur": "2500"})

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The series is full: all 1 seats are booked." in page
    assert 'id="workshop_series-error"' in page
    assert 'value="2500"' in page
    assert enrolments(ws.id) == 1
    assert submitted_company.current_intake.status == IntakeStatus.SUBMITTED


def test_booking_the_same_series_twice_is_refused(staff_client, submitted_company):
    ws = series("WS-LEAN-Z")
    data = {"workshop_series": str(ws.id), "support_value_eur": "0"}
    url = f"/coordinator/companies/{submitted_company.id}/enrol"
    assert staff_client.post(url, data=data).status_code == 302

    response = staff_client.post(url, data=data)

    assert response.status_code == 200
    assert "already booked into this series" in response.get_data(as_text=True)
    assert enrolments(ws.id) == 1


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"workshop_series": "", "support_value_eur": "100"}, "workshop_series",
     "This field is required."),
    ({"workshop_series": "999999", "support_value_eur": "100"}, "workshop_series",
     "Choose a workshop series from the list."),
    ({"support_value_eur": "hundra"}, "support_value_eur",
     "Enter an amount in euro, such as 1500 or 1500,50."),
    ({"support_value_eur": "-5"}, "support_value_eur", "Enter an amount of 0 euro or more."),
    ({"support_value_eur": "12.345"}, "support_value_eur", "at most two decimals"),
])
def test_bad_enrolment_values_are_explained_next_to_the_field(
        staff_client, submitted_company, data, field, message):
    data = {"workshop_series": str(series("WS-LEAN-Z").id), **data}
    response = staff_client.post(f"/coordinator/companies/{submitted_company.id}/enrol",
                                 data=data)

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    assert message in page
    assert 'class="error-summary"' in page
    assert f'value="{data["support_value_eur"]}"' in page
    assert db.session.scalar(select(func.count(Enrolment.id))) == 0


def test_cancelling_a_booking_removes_it_and_its_activity(
        staff_client, submitted_company, coordinator):
    ws = series("WS-LEAN-Z")
    enrolment = booking.enrol(submitted_company, ws.id, coordinator, Decimal("800"))
    db.session.commit()

    response = staff_client.post(
        f"/coordinator/companies/{submitted_company.id}/enrolments/{enrolment.id}/cancel")

    assert response.status_code == 302
    db.session.expire_all()
    assert enrolments(ws.id) == 0
    assert db.session.scalar(select(func.count(Activity.id))) == 0
    assert submitted_company.current_intake.status == IntakeStatus.MATCHED
    assert events("booking.unenrol")[0].user_id == coordinator.id
