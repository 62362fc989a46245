"""The forms of the contact log and the series pages refuse a post without its CSRF token,
and change nothing."""

from datetime import date

import pytest
from sqlalchemy import func, select

from intake.extensions import db
from intake.models import (
    Attendance,
    AuditEvent,
    ContactNote,
    NextStep,
    OutboxMessage,
    Role,
    SeriesSession,
    WorkshopSeries,
)
from tests.factories import CompanyFactory, import_demo_catalogue
from tests.intake.helpers import make_staff

POSTS = [
    ("/coordinator/companies/{company}/notes/new",
     {"kind": "phone", "occurred_on": "2026-01-05", "text": "Ringde"}),
    ("/coordinator/companies/{company}/next-steps/new",
     {"text": "Ring", "owner": "{user}", "due_on": "2027-01-05"}),
    ("/coordinator/companies/{company}/next-steps/{step}/done", {}),
    ("/coordinator/series/{series}/sessions/new", {"held_on": "2026-03-01"}),
    ("/coordinator/series/{series}/sessions/{session}", {"held_on": "2026-03-09"}),
    ("/coordinator/series/{series}/sessions/{session}/remove", {}),
    ("/coordinator/series/{series}/sessions/{session}/attendance", {"present": "{company}"}),
    ("/coordinator/series/{series}/mail", {"subject": "S", "body": "B", "action": "send"}),
]


@pytest.mark.parametrize(("path", "data"), POSTS)
def test_a_post_without_its_token_is_refused(csrf_app, path, data):
    import_demo_catalogue()
    company = CompanyFactory(csrf_app).create()
    user = make_staff("samordnare@regionjh.se", Role.COORDINATOR, "Sara")
    series = db.session.scalar(select(WorkshopSeries))
    session = SeriesSession(workshop_series_id=series.id, held_on=date(2026, 3, 2))
    step = NextStep(company_id=company.id, text="Ring", due_on=date(2026, 3, 2))
    db.session.add_all([session, step])
    db.session.commit()
    ids = {"company": company.id, "user": user.id, "series": series.id,
           "session": session.id, "step": step.id}
    client = csrf_app.test_client()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = user.get_id()
        cookie["_fresh"] = True
    response = client.post(path.format(**ids),
                           data={k: v.format(**ids) for k, v in data.items()},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "The form had expired" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 0
    assert db.session.scalar(select(func.count(ContactNote.id))) == 0
    assert db.session.scalar(select(func.count(Attendance.id))) == 0
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
    assert db.session.scalar(select(func.count(SeriesSession.id))) == 1
    assert db.session.get(NextStep, step.id).done_at is None
