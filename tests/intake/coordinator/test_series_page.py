"""A page per workshop series: who is booked, the sessions and attendance, the roster in Excel,
one e-mail to all booked (previewed first), and the calendar of all series by month."""

import contextlib
import threading
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from intake.extensions import db
from intake.models import (
    Attendance,
    AuditEvent,
    OutboxMessage,
    SeriesSession,
    User,
    WorkshopSeries,
)
from intake.operations import booking, company_messages
from tests.intake.helpers import logged_in

EN = {"Accept-Language": "en"}


def _series(code="WS-LEAN-Z") -> WorkshopSeries:
    return db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == code))


def _events(action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.fixture
def booked(submitted_company, company_factory, coordinator):
    """Two companies booked into WS-LEAN-Z, one of them writing in English."""
    series = _series()
    other = company_factory.create(name="Bräcke Plåt AB", employees=60)
    other.language = "en"
    for company in (submitted_company, other):
        booking.enrol(company, series.id, coordinator, Decimal("0"))
    db.session.commit()
    return series, [submitted_company, other]


def _session(client, series, day, title=""):
    return client.post(f"/coordinator/series/{series.id}/sessions/new",
                       data={"held_on": day.isoformat(), "title": title})


def test_the_series_page_lists_who_is_booked_and_the_seats(staff_client, booked):
    series, companies = booked
    page = staff_client.get(f"/coordinator/series/{series.id}", headers=EN)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for company in companies:
        assert company.name in text and company.contact_email in text
    assert "Jämtland" in text
    assert "Medium-sized" in text or "Medium" in text
    if series.seats is not None:
        assert f"2 of {series.seats}" in text
    assert f'href="/coordinator/series/{series.id}/roster.xlsx"' in text


def test_the_page_is_linked_from_the_booking_panel_and_the_catalogue(staff_client, booked):
    series, companies = booked
    url = f"/coordinator/series/{series.id}"
    review = staff_client.get(f"/coordinator/companies/{companies[0].id}").get_data(as_text=True)
    assert f'href="{url}"' in review
    catalogue = staff_client.get("/coordinator/catalogue/series").get_data(as_text=True)
    assert f'href="{url}"' in catalogue


def test_sessions_are_added_changed_and_removed_with_their_attendance(staff_client, booked):
    series, companies = booked
    day = series.starts_on
    assert _session(staff_client, series, day, "Värdeflöde").status_code == 302
    session = db.session.scalar(select(SeriesSession))
    assert session.title == "Värdeflöde" and session.held_on == day

    url = f"/coordinator/series/{series.id}/sessions/{session.id}"
    response = staff_client.post(url, data={"held_on": (day + timedelta(days=7)).isoformat(),
                                            "title": "5S"})
    assert response.status_code == 302
    staff_client.post(url + "/attendance", data={"present": [str(companies[0].id)]})
    assert db.session.scalars(select(Attendance)).all()

    assert staff_client.post(url + "/remove").status_code == 302
    db.session.expire_all()
    assert db.session.scalars(select(SeriesSession)).all() == []
    assert db.session.scalars(select(Attendance)).all() == []
    assert [len(_events(a)) for a in ("series.session_add", "series.session_update",
                                      "series.session_remove")] == [1, 1, 1]


def test_a_session_with_a_bad_date_keeps_what_was_typed(staff_client, booked):
    series, _companies = booked
    response = staff_client.post(f"/coordinator/series/{series.id}/sessions/new",
                                 data={"held_on": "2026-02-30", "title": "Min rubrik"}, headers=EN)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Min rubrik" in text and "Enter a real date" in text
    far = series.starts_on + timedelta(days=800)
    response = _session(staff_client, series, far, "Långt fram")
    assert response.status_code == 200
    assert "Långt fram" in response.get_data(as_text=True)
    assert db.session.scalars(select(SeriesSession)).all() == []


def test_attendance_is_recorded_per_session_and_exported_with_the_roster(staff_client, booked):
    series, (first, second) = booked
    _session(staff_client, series, series.starts_on, "Dag 1")
    _session(staff_client, series, series.starts_on + timedelta(days=14), "Dag 2")
    day1, day2 = db.session.scalars(select(SeriesSession).order_by(SeriesSession.held_on))
    base = f"/coordinator/series/{series.id}/sessions"
    assert staff_client.post(f"{base}/{day1.id}/attendance",
                             data={"present": [str(first.id), str(second.id), "999999",
                                               "x"]}).status_code == 302
    staff_client.post(f"{base}/{day2.id}/attendance", data={"present": [str(first.id)]})
    marks = {(m.session_id, m.company_id): m.present
             for m in db.session.scalars(select(Attendance))}
    assert marks == {(day1.id, first.id): True, (day1.id, second.id): True,
                     (day2.id, first.id): True, (day2.id, second.id): False}
    form = staff_client.get(f"{base}/{day2.id}/attendance").get_data(as_text=True)
    assert f'value="{first.id}" checked' in form and f'value="{second.id}">' in form

    response = staff_client.get(f"/coordinator/series/{series.id}/roster.xlsx", headers=EN)
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[0] == "Company name" and header[-1] == "Sessions attended"
    assert any("Dag 1" in str(h) for h in header) and any("Dag 2" in str(h) for h in header)
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name[first.name][-3:] == ("Yes", "Yes", 2)
    assert by_name[second.name][-3:] == ("Yes", "No", 1)
    assert by_name[second.name][3] == second.contact_email
    assert _events("export.roster")


def test_the_mail_is_previewed_then_sent_once_per_company_in_its_language(
        staff_client, booked, coordinator):
    series, (swedish, english) = booked
    url = f"/coordinator/series/{series.id}/mail"
    data = {"subject": "Inför första träffen", "body": "Ta med er senaste OEE-siffror."}
    preview = staff_client.post(url, data={**data, "action": "preview"}, headers=EN)
    assert preview.status_code == 200
    text = preview.get_data(as_text=True)
    assert swedish.contact_email in text and english.contact_email in text
    assert "Ta med er senaste OEE-siffror." in text
    assert "Hej!" in text and "Hello," in text  # one rendered mail per language
    assert db.session.scalars(select(OutboxMessage)).all() == []  # nothing sent yet

    edit = staff_client.post(url, data={**data, "action": "edit"})
    assert "Ta med er senaste OEE-siffror." in edit.get_data(as_text=True)
    assert db.session.scalars(select(OutboxMessage)).all() == []

    sent = staff_client.post(url, data={**data, "action": "send"})
    assert sent.status_code == 302
    messages = {m.recipient: m for m in db.session.scalars(select(OutboxMessage))}
    assert set(messages) == {swedish.contact_email, english.contact_email}
    assert messages[english.contact_email].lang == "en"
    assert "Hello," in messages[english.contact_email].body
    assert "Hej!" in messages[swedish.contact_email].body
    for message in messages.values():
        assert message.subject == "Inför första träffen"
        assert "Ta med er senaste OEE-siffror." in message.body
    [event] = _events("series.mail")
    assert event.user_id == coordinator.id
    assert sorted(event.details["companies"]) == sorted([swedish.id, english.id])


def _outbox() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage)))


MAIL = {"subject": "Inför första träffen", "body": "Ta med er OEE-siffror.", "action": "send"}


def test_a_second_press_of_send_sends_nothing_more(staff_client, booked):
    series, _companies = booked
    url = f"/coordinator/series/{series.id}/mail"
    assert staff_client.post(url, data=MAIL).status_code == 302
    again = staff_client.post(url, data=MAIL, headers=EN, follow_redirects=True)
    assert again.status_code == 200
    assert "This message was sent to the series a few minutes ago, so it was not sent again." \
        in again.get_data(as_text=True)
    assert len(_outbox()) == 2  # one per company, once
    assert len(_events("series.mail")) == 1


def test_another_message_or_the_same_one_later_is_sent(staff_client, booked):
    series, _companies = booked
    url = f"/coordinator/series/{series.id}/mail"
    staff_client.post(url, data=MAIL)
    staff_client.post(url, data={**MAIL, "body": "Och ta med skyddsskor."})
    assert len(_outbox()) == 4
    for event in _events("series.mail"):
        event.at -= company_messages.RESEND_GUARD + timedelta(minutes=1)
    db.session.commit()
    staff_client.post(url, data=MAIL)
    assert len(_outbox()) == 6


def test_two_presses_at_once_send_the_message_once(app, booked, coordinator, monkeypatch):
    """Each press in a thread of its own, as two requests on two workers. Each is held after it
    looked for an earlier send until the other has looked too: without the lock on the series
    both would find none and both send."""
    series, _companies = booked
    looked = threading.Barrier(2)
    original = company_messages._sent_recently

    def sent_recently(*args):
        found = original(*args)
        with contextlib.suppress(threading.BrokenBarrierError):  # the other waits for the lock
            looked.wait(timeout=1.5)
        return found

    monkeypatch.setattr(company_messages, "_sent_recently", sent_recently)
    outcomes = []

    def press():
        with app.test_request_context():
            try:
                company_messages.tell_series(db.session.get(WorkshopSeries, series.id),
                                             MAIL["subject"], MAIL["body"],
                                             db.session.get(User, coordinator.id))
                db.session.commit()
                outcomes.append("sent")
            except company_messages.AlreadySent:
                db.session.rollback()
                outcomes.append("already sent")

    presses = [threading.Thread(target=press) for _ in range(2)]
    for thread in presses:
        thread.start()
    for thread in presses:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["already sent", "sent"]
    assert len(_outbox()) == 2


def test_an_empty_mail_is_a_form_error_and_sends_nothing(staff_client, booked):
    series, _companies = booked
    response = staff_client.post(f"/coordinator/series/{series.id}/mail",
                                 data={"subject": "Ämne kvar", "body": "",
                                       "action": "send"}, headers=EN)
    assert response.status_code == 200
    assert "Ämne kvar" in response.get_data(as_text=True)
    assert "This field is required." in response.get_data(as_text=True)
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_a_series_without_bookings_cannot_be_mailed(staff_client, catalogue):
    series = _series()
    response = staff_client.post(f"/coordinator/series/{series.id}/mail",
                                 data={"subject": "S", "body": "B", "action": "send"},
                                 headers=EN)
    assert response.status_code == 200
    assert "No company booked into the series can be e-mailed." in \
        response.get_data(as_text=True)
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_the_calendar_lists_series_by_month_with_seats_left(staff_client, booked):
    series, _companies = booked
    page = staff_client.get("/coordinator/series", headers=EN)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f'href="/coordinator/series/{series.id}"' in text
    assert series.starts_on.strftime("%B") in text
    if series.seats is not None:
        assert f"{series.seats - 2} of {series.seats}" in text


def test_unknown_series_and_sessions_are_not_found(staff_client, booked):
    series, _companies = booked
    assert staff_client.get("/coordinator/series/999999").status_code == 404
    assert staff_client.get(f"/coordinator/series/{series.id}/sessions/999999").status_code \
        == 404
    other = _series("WS-DIGI-Y") or db.session.scalar(
        select(WorkshopSeries).where(WorkshopSeries.id != series.id))
    _session(staff_client, series, series.starts_on)
    session = db.session.scalar(select(SeriesSession))
    assert staff_client.get(
        f"/coordinator/series/{other.id}/sessions/{session.id}/attendance").status_code == 404


def test_a_company_login_cannot_see_a_series_page(app, booked):
    series, (company, _other) = booked
    client = app.test_client()
    logged_in(client, company)
    for url in (f"/coordinator/series/{series.id}", "/coordinator/series",
                f"/coordinator/series/{series.id}/roster.xlsx"):
        assert client.get(url).status_code == 403


def test_the_audit_log_names_the_series_and_what_was_done(staff_client, admin_client, booked):
    series, (first, _second) = booked
    _session(staff_client, series, series.starts_on, "Dag 1")
    session = db.session.scalar(select(SeriesSession))
    staff_client.post(f"/coordinator/series/{series.id}/sessions/{session.id}/attendance",
                      data={"present": [str(first.id)]})
    staff_client.post(f"/coordinator/companies/{first.id}/notes/new",
                      data={"kind": "visit", "occurred_on": series.starts_on.isoformat()
                            if series.starts_on <= date.today() else "2026-01-05",
                            "text": "Besök"})
    page = admin_client.get("/coordinator/admin/audit", headers=EN).get_data(as_text=True)
    assert "Recorded attendance" in page and "Added a session to a series" in page
    assert series.title in page
    assert "Logged a contact" in page and "Visit" in page


def test_a_subject_with_a_line_break_becomes_one_line(staff_client, booked):
    series, _companies = booked
    staff_client.post(f"/coordinator/series/{series.id}/mail",
                      data={"subject": "Första\r\nBcc: x@evil.example", "body": "Hej",
                            "action": "send"})
    subjects = {m.subject for m in db.session.scalars(select(OutboxMessage))}
    assert subjects == {"Första Bcc: x@evil.example"}


def test_the_roster_is_never_cached(staff_client, booked):
    series, _companies = booked
    response = staff_client.get(f"/coordinator/series/{series.id}/roster.xlsx")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert f"roster-{series.code}.xlsx" in response.headers["Content-Disposition"]


def test_roster_cells_typed_by_the_public_cannot_be_formulas(staff_client, booked):
    series, (first, _second) = booked
    first.name = "=HYPERLINK(\"http://evil.example\")"
    db.session.commit()
    sheet = load_workbook(BytesIO(staff_client.get(
        f"/coordinator/series/{series.id}/roster.xlsx").data)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://evil.example\")" in names
