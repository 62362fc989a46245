"""The contact log and next steps of a company: written on its review page by coordinators,
listed as "my next steps, due first", audited, never in the company's export, erased with it."""

import json
from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import select

from intake.clock import today
from intake.extensions import db
from intake.models import AuditEvent, Company, ContactNote, NextStep, Role
from intake.operations import contact_log, privacy
from tests.intake.helpers import logged_in, make_staff


def _events(action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _note(client, company, **changes):
    data = {"kind": "phone", "occurred_on": today().isoformat(),
            "text": "Ringde Per: de vill börja med kartläggningen i mars."}
    data.update(changes)
    return client.post(f"/coordinator/companies/{company.id}/notes/new", data=data)


def _step(client, company, owner, **changes):
    data = {"text": "Boka kartläggningsintervju", "owner": str(owner.id),
            "due_on": (today() + timedelta(days=7)).isoformat()}
    data.update(changes)
    return client.post(f"/coordinator/companies/{company.id}/next-steps/new", data=data)


def test_a_logged_contact_shows_on_the_review_page_and_is_audited(
        staff_client, submitted_company, coordinator):
    response = _note(staff_client, submitted_company)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/companies/{submitted_company.id}#contacts")
    [note] = db.session.scalars(select(ContactNote)).all()
    assert note.author_id == coordinator.id and note.kind == "phone"
    page = staff_client.get(f"/coordinator/companies/{submitted_company.id}",
                            headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Ringde Per: de vill börja med kartläggningen i mars." in page
    assert "Phone call" in page
    [event] = _events("contact.note")
    assert event.entity_id == str(submitted_company.id)
    assert "text" not in event.details  # the text is erased with the company, the log stays


def test_a_note_with_errors_keeps_what_was_typed_and_says_what_is_wrong(
        staff_client, submitted_company):
    future = (today() + timedelta(days=3)).isoformat()
    response = _note(staff_client, submitted_company, kind="fax", occurred_on=future,
                     text="Skrev ett långt brev")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Skrev ett långt brev" in page
    assert 'aria-invalid="true"' in page
    response = _note(staff_client, submitted_company, occurred_on=future,
                     text="Skrev ett långt brev")
    assert response.status_code == 200
    assert future in response.get_data(as_text=True)
    assert db.session.scalars(select(ContactNote)).all() == []


def test_next_steps_list_mine_due_first_with_overdue_marked_in_words(
        app, staff_client, submitted_company, company_factory, coordinator):
    other = company_factory.create(name="Bräcke Plåt AB")
    colleague = make_staff("kollega@regionjh.se", Role.COORDINATOR, "Kalle Kollega")
    assert _step(staff_client, submitted_company, coordinator, text="Skicka offert").status_code \
        == 302
    overdue = (today() - timedelta(days=2)).isoformat()
    assert _step(staff_client, other, coordinator, text="Ring tillbaka",
                 due_on=overdue).status_code == 302
    assert _step(staff_client, other, colleague, text="Kollegans steg").status_code == 302

    page = staff_client.get("/coordinator/next-steps", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert text.index("Ring tillbaka") < text.index("Skicka offert")
    assert "Kollegans steg" not in text
    assert text.count(">Overdue<") == 1
    assert len(_events("contact.next_step")) == 3


def test_the_open_next_step_per_company_is_the_one_due_first(
        staff_client, submitted_company, company_factory, coordinator):
    other = company_factory.create(name="Bräcke Plåt AB")
    _step(staff_client, submitted_company, coordinator, text="Senare",
          due_on=(today() + timedelta(days=20)).isoformat())
    _step(staff_client, submitted_company, coordinator, text="Först",
          due_on=(today() + timedelta(days=1)).isoformat())
    steps = contact_log.open_next_steps([submitted_company.id, other.id])
    assert list(steps) == [submitted_company.id]
    assert steps[submitted_company.id].text == "Först"
    assert contact_log.open_next_steps([]) == {}


def test_the_inbox_shows_each_companys_next_step_overdue_marked_and_exports_it(
        staff_client, submitted_company, company_factory, coordinator):
    other = company_factory.create(name="Bräcke Plåt AB")
    late = today() - timedelta(days=3)
    _step(staff_client, submitted_company, coordinator, text="Ring om offerten",
          due_on=late.isoformat())
    _step(staff_client, submitted_company, coordinator, text="Senare steg",
          due_on=(today() + timedelta(days=30)).isoformat())
    query = "?cols=next_step&cols=status"
    page = staff_client.get(f"/coordinator/{query}", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Ring om offerten" in text and "Senare steg" not in text
    assert text.count(">Overdue<") == 1  # the other company has no step: "–", not overdue

    sheet = load_workbook(BytesIO(staff_client.get(f"/coordinator/inbox.xlsx{query}").data)).active
    cells = {row[0]: row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells[submitted_company.name] == f"Ring om offerten ({late.isoformat()})"
    assert not cells[other.name]


def test_marking_a_step_done_closes_it_once(staff_client, submitted_company, coordinator):
    _step(staff_client, submitted_company, coordinator)
    step = db.session.scalar(select(NextStep))
    url = f"/coordinator/companies/{submitted_company.id}/next-steps/{step.id}/done"
    assert staff_client.post(url, data={"back": "mine"}).headers["Location"].endswith(
        "/coordinator/next-steps")
    assert staff_client.post(url).status_code == 302
    db.session.expire_all()
    assert step.done_at is not None
    assert len(_events("contact.next_step_done")) == 1
    assert contact_log.open_next_steps([submitted_company.id]) == {}


def test_a_step_of_another_company_is_not_found(staff_client, submitted_company,
                                                 company_factory, coordinator):
    other = company_factory.create(name="Bräcke Plåt AB")
    _step(staff_client, other, coordinator)
    step = db.session.scalar(select(NextStep))
    response = staff_client.post(
        f"/coordinator/companies/{submitted_company.id}/next-steps/{step.id}/done")
    assert response.status_code == 404


def test_a_step_needs_an_active_staff_owner(staff_client, submitted_company,
                                            company_factory):
    login = company_factory.create(name="Annat AB").users[0]
    response = _step(staff_client, submitted_company, login, text="Min text")
    assert response.status_code == 200
    assert "Min text" in response.get_data(as_text=True)
    assert db.session.scalars(select(NextStep)).all() == []


def test_notes_are_not_in_the_company_export_which_says_so(
        client, staff_client, submitted_company, coordinator, app):
    _note(staff_client, submitted_company, text="Hemlig anteckning om Per")
    _step(staff_client, submitted_company, coordinator, text="Hemligt nästa steg")
    company_client = app.test_client()
    logged_in(company_client, submitted_company)
    body = company_client.get("/company/data.json").get_data(as_text=True)
    assert "Hemlig" not in body
    assert "not included" in json.loads(body)["not_included"]["staff_notes"]


def test_notes_and_steps_are_erased_with_the_company(
        staff_client, submitted_company, coordinator):
    _note(staff_client, submitted_company)
    _step(staff_client, submitted_company, coordinator)
    company = db.session.get(Company, submitted_company.id)
    privacy.erase_company(company)
    db.session.commit()
    assert db.session.scalars(select(ContactNote)).all() == []
    assert db.session.scalars(select(NextStep)).all() == []


def test_a_company_login_cannot_reach_the_notes(app, submitted_company):
    client = app.test_client()
    logged_in(client, submitted_company)
    for url in (f"/coordinator/companies/{submitted_company.id}/notes/new",
                "/coordinator/next-steps"):
        assert client.get(url).status_code == 403


def test_notes_pages_need_a_login(client, submitted_company):
    response = client.get("/coordinator/next-steps")
    assert response.status_code == 302 and "/login" in response.headers["Location"]




def test_notes_go_when_a_company_that_took_part_is_anonymised(
        staff_client, submitted_company, coordinator):
    from decimal import Decimal

    from intake.models import WorkshopSeries
    from intake.operations import booking

    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == "WS-LEAN-Z"))
    booking.enrol(submitted_company, series.id, coordinator, Decimal("0"))
    db.session.commit()
    _note(staff_client, submitted_company)
    _step(staff_client, submitted_company, coordinator)
    company = db.session.get(Company, submitted_company.id)
    assert privacy.erase_company(company) == "anonymised"
    db.session.commit()
    assert db.session.scalars(select(ContactNote)).all() == []
    assert db.session.scalars(select(NextStep)).all() == []
    assert db.session.get(Company, submitted_company.id) is not None


def test_the_inbox_links_my_next_steps_and_the_nav_the_calendar(staff_client):
    inbox = staff_client.get("/coordinator/").get_data(as_text=True)
    assert 'href="/coordinator/next-steps"' in inbox
    assert 'href="/coordinator/series"' in inbox


def test_the_company_is_told_that_staff_notes_are_kept_apart(client, app, submitted_company):
    notice = client.get("/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "working notes" in notice and "erased with your company" in notice
    company_client = app.test_client()
    logged_in(company_client, submitted_company)
    status = company_client.get("/company/", headers={"Accept-Language": "en"})
    assert "working notes are not included" in status.get_data(as_text=True).replace("&#39;", "'")
