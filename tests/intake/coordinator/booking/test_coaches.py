"""Assigning a coach within the coach's capacity."""


from sqlalchemy import func, select

from intake.extensions import db
from intake.models import (
    CoachAssignment,
)
from intake.operations import booking
from tests.intake.coordinator.booking.helpers import (
    coach,
    events,
)

# --- coaches -----------------------------------------------------------------------------

def test_assigning_a_coach_respects_capacity(staff_client, submitted_company, other_company,
                                             coordinator):
    co = coach("CO-09")
    co.capacity = 1
    db.session.commit()
    first = booking.assign_coach(other_company, co.id, coordinator)
    db.session.commit()
    url = f"/coordinator/companies/{submitted_company.id}/coach"

    full = staff_client.post(url, data={"coach": str(co.id)})

    assert full.status_code == 200
    page = full.get_data(as_text=True)
    assert "is fully booked" in page and 'id="coach-error"' in page
    assert db.session.scalar(select(func.count(CoachAssignment.id))) == 1

    ended = staff_client.post(
        f"/coordinator/companies/{other_company.id}/coach/{first.id}/end")
    assert ended.status_code == 302
    assert staff_client.post(url, data={"coach": str(co.id)}).status_code == 302

    db.session.expire_all()
    current = db.session.scalars(select(CoachAssignment).where(
        CoachAssignment.ended_at.is_(None))).all()
    assert [(a.company_id, a.coach_id) for a in current] == [(submitted_company.id, co.id)]
    assert events("booking.end_coach") and events("booking.assign_coach")


def test_a_coach_cannot_be_assigned_twice_to_one_company(staff_client, submitted_company):
    url = f"/coordinator/companies/{submitted_company.id}/coach"
    co = coach("CO-01")
    assert staff_client.post(url, data={"coach": str(co.id)}).status_code == 302
    again = staff_client.post(url, data={"coach": str(co.id)})
    assert again.status_code == 200
    assert "already assigned" in again.get_data(as_text=True)
