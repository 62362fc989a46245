"""Garbage posted to the series pages and the contact log, with real ids and bookings behind
them, never gives a 500: many values for one field (the attendance's ticks), any text in a
mail, any date and any owner in a next step."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from intake.extensions import db
from intake.models import SeriesSession, WorkshopSeries
from intake.operations import booking

garbage = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", "0", "-1", "1", "2", "99999999999999999999", "2026-02-30", "0001-01-01",
                     "9999-12-31", "phone", "visit", "send", "preview", "edit", "\r\n", "=1+1",
                     "<script>x</script>"]),
)
SETTINGS = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def test_series_forms_survive_garbage(staff_client, submitted_company, coordinator):
    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == "WS-LEAN-Z"))
    booking.enrol(submitted_company, series.id, coordinator, Decimal("0"))
    session = SeriesSession(workshop_series_id=series.id, held_on=series.starts_on)
    db.session.add(session)
    db.session.commit()
    base = f"/coordinator/series/{series.id}"
    urls = [f"{base}/mail", f"{base}/sessions/new", f"{base}/sessions/{session.id}",
            f"{base}/sessions/{session.id}/attendance"]
    names = ["subject", "body", "action", "held_on", "title", "present"]

    @SETTINGS
    @given(url=st.sampled_from(urls),
           pairs=st.lists(st.tuples(st.sampled_from(names), garbage), max_size=8))
    def post(url, pairs):
        response = staff_client.post(url, data=MultiDict(pairs))
        assert response.status_code < 500, (url, pairs)

    post()


def test_attendance_ticks_in_other_digits_are_ignored(staff_client, submitted_company,
                                                     coordinator):
    """"²" is a digit to str.isdigit() but not to int(): it was a 500 (found by the test above)."""
    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == "WS-LEAN-Z"))
    booking.enrol(submitted_company, series.id, coordinator, Decimal("0"))
    session = SeriesSession(workshop_series_id=series.id, held_on=series.starts_on)
    db.session.add(session)
    db.session.commit()
    response = staff_client.post(f"/coordinator/series/{series.id}/sessions/{session.id}"
                                 "/attendance", data=MultiDict([("present", "²"),
                                                                ("present", "٣")]))
    assert response.status_code == 302


def test_contact_forms_survive_garbage(staff_client, submitted_company, coordinator):
    base = f"/coordinator/companies/{submitted_company.id}"
    names = ["kind", "occurred_on", "text", "owner", "due_on", "back"]

    @SETTINGS
    @given(url=st.sampled_from([f"{base}/notes/new", f"{base}/next-steps/new"]),
           pairs=st.lists(st.tuples(st.sampled_from(names), garbage), max_size=8),
           owner=st.sampled_from(["", str(coordinator.id), str(submitted_company.users[0].id),
                                  "abc", "99999999999999999999"]))
    def post(url, pairs, owner):
        response = staff_client.post(url, data=MultiDict([*pairs, ("owner", owner)]))
        assert response.status_code < 500, (url, pairs, owner)

    post()
