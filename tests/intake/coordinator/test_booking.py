"""Booking and following a company: enrolments, coaches, stages with files, the de minimis
ledger and its warning, as a coordinator does them through the pages."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask import render_template
from sqlalchemy import func, select

from intake.clock import today
from intake.extensions import db
from intake.models import (
    Activity,
    AuditEvent,
    Coach,
    CoachAssignment,
    Enrolment,
    IntakeStatus,
    WorkshopSeries,
)
from intake.operations import booking, deminimis
from intake.operations.booking_panel import booking_panel
from intake.operations.users import create_staff_user
from tests import factories
from tests.factories import login

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def series(code: str) -> WorkshopSeries:
    return db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == code))


def coach(code: str) -> Coach:
    return db.session.scalar(select(Coach).where(Coach.code == code))


def enrolments(series_id: int) -> int:
    return db.session.scalar(select(func.count(Enrolment.id))
                             .where(Enrolment.workshop_series_id == series_id))


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.fixture(autouse=True)
def english(client):
    """The messages are checked in English (the msgids); Swedish is the default."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def other_company(company_factory, catalogue):
    return company_factory.create(name="Bräcke Plåt AB")


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


# --- stages and files --------------------------------------------------------------------

def stage_data(**changes) -> dict:
    data = {"kind": "action_plan", "occurred_on": (today() - timedelta(days=3)).isoformat(),
            "notes": "Införa 5S i monteringen, sedan OEE-mätning i svetsen.",
            "support_value_eur": "4000"}
    data.update(changes)
    return data


def test_an_action_plan_with_a_file_is_stored_and_downloadable(
        staff_client, submitted_company, coordinator):
    from io import BytesIO

    data = stage_data(attachment=(BytesIO(PDF), "Handlingsplan Åre.pdf", "text/html"))
    response = staff_client.post(f"/coordinator/companies/{submitted_company.id}/stages/new",
                                 data=data, content_type="multipart/form-data")

    assert response.status_code == 302
    activity = db.session.scalar(select(Activity))
    assert activity.kind == "action_plan"
    assert activity.notes.startswith("Införa 5S")
    assert activity.attachment == PDF
    assert activity.attachment_name == "Handlingsplan Åre.pdf"
    # The type comes from the extension, not from what the browser claimed.
    assert activity.attachment_type == "application/pdf"
    assert events("booking.record_stage")[0].details["attachment"] == "Handlingsplan Åre.pdf"

    download = staff_client.get(
        f"/coordinator/companies/{submitted_company.id}/stages/{activity.id}/attachment")
    assert download.status_code == 200
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "Handlingsplan" in download.headers["Content-Disposition"]
    assert download.data == PDF


@pytest.mark.parametrize(("filename", "kind"), [
    ("plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("budget.XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("bild.jpg", "image/jpeg"),
    ("anteckning.txt", "text/plain"),
])
def test_allowed_file_types_are_served_with_their_type(staff_client, submitted_company,
                                                       filename, kind):
    from io import BytesIO

    response = staff_client.post(
        f"/coordinator/companies/{submitted_company.id}/stages/new",
        data=stage_data(attachment=(BytesIO(b"content"), filename)),
        content_type="multipart/form-data")
    assert response.status_code == 302
    activity = db.session.scalar(select(Activity))
    download = staff_client.get(
        f"/coordinator/companies/{submitted_company.id}/stages/{activity.id}/attachment")
    assert download.mimetype == kind


def test_a_file_of_another_type_is_refused(staff_client, submitted_company):
    from io import BytesIO

    response = staff_client.post(
        f"/coordinator/companies/{submitted_company.id}/stages/new",
        data=stage_data(attachment=(BytesIO(b"MZ..."), "plan.exe")),
        content_type="multipart/form-data")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="attachment-error"' in page and "Attach a PDF" in page
    assert "Införa 5S i monteringen" in page
    assert db.session.scalar(select(func.count(Activity.id))) == 0


def test_a_file_over_the_size_limit_is_refused(app, staff_client, submitted_company):
    from io import BytesIO

    app.config["MAX_CONTENT_LENGTH"] = 4096
    response = staff_client.post(
        f"/coordinator/companies/{submitted_company.id}/stages/new",
        data=stage_data(attachment=(BytesIO(b"x" * 10_000), "plan.pdf")),
        content_type="multipart/form-data")
    assert response.status_code == 413
    assert db.session.scalar(select(func.count(Activity.id))) == 0


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"occurred_on": (today() + timedelta(days=400)).isoformat()}, "occurred_on",
     "more than a year ahead"),
    ({"occurred_on": "2026-13-45"}, "occurred_on", "Enter a real date"),
    ({"occurred_on": ""}, "occurred_on", "This field is required."),
    ({"kind": "workshop_series"}, "kind", "Choose a stage from the list."),
    ({"support_value_eur": "mycket"}, "support_value_eur", "Enter an amount in euro"),
])
def test_bad_stage_values_are_explained_and_what_was_typed_is_kept(
        staff_client, submitted_company, changes, field, message):
    data = stage_data(**changes)
    response = staff_client.post(f"/coordinator/companies/{submitted_company.id}/stages/new",
                                 data=data)

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    assert message in page
    assert "Införa 5S i monteringen, sedan OEE-mätning i svetsen." in page
    assert db.session.scalar(select(func.count(Activity.id))) == 0


def test_each_stage_is_recorded_with_its_date(staff_client, submitted_company):
    url = f"/coordinator/companies/{submitted_company.id}/stages/new"
    for kind in ("mapping_interview", "deep_analysis", "consultant_support"):
        day = date(2026, 5, 4)
        assert staff_client.post(url, data=stage_data(kind=kind, occurred_on=day.isoformat(),
                                                      notes="")).status_code == 302
    kinds = db.session.execute(select(Activity.kind, Activity.occurred_on)
                               .order_by(Activity.id)).all()
    assert [k for k, _ in kinds] == ["mapping_interview", "deep_analysis", "consultant_support"]
    assert {d for _, d in kinds} == {date(2026, 5, 4)}


# --- de minimis ----------------------------------------------------------------------------

def declared(company, amount: int):
    company.de_minimis_received = True
    company.de_minimis_amount_eur = amount
    db.session.commit()


def test_the_ledger_adds_the_declaration_and_three_years_of_programme_support(
        app, submitted_company):
    declared(submitted_company, 100_000)
    on = date(2026, 6, 1)
    for day, value in [(date(2023, 6, 1), "5000"), (date(2023, 6, 2), "7000"),
                       (date(2026, 1, 10), "20000.50"), (date(2026, 7, 1), "999")]:
        db.session.add(Activity(company_id=submitted_company.id, kind="deep_analysis",
                                occurred_on=day, support_value_eur=Decimal(value)))
    db.session.commit()

    ledger = deminimis.ledger(submitted_company, on=on)

    assert ledger.declared_eur == Decimal(100_000)
    # 2023-06-01 is outside the three years; 2026-07-01 is after the day asked about.
    assert ledger.programme_eur == Decimal("27000.50")
    assert ledger.total_eur == Decimal("127000.50")
    assert ledger.remaining_eur == Decimal("172999.50")
    assert deminimis.CEILING_EUR == 300_000


def test_would_exceed_is_strictly_above_the_ceiling(app, submitted_company):
    declared(submitted_company, 290_000)
    assert not deminimis.would_exceed(submitted_company, 10_000)
    assert deminimis.would_exceed(submitted_company, Decimal("10000.01"))
    submitted_company.de_minimis_received = False
    db.session.commit()
    assert deminimis.ledger(submitted_company).declared_eur == 0


def test_a_booking_past_the_ceiling_warns_and_needs_a_confirmation(
        staff_client, submitted_company, coordinator):
    declared(submitted_company, 299_000)
    ws = series("WS-LEAN-Z")
    url = f"/coordinator/companies/{submitted_company.id}/enrol"
    data = {"workshop_series": str(ws.id), "support_value_eur": "2000"}

    warned = staff_client.post(url, data=data)

    assert warned.status_code == 200
    page = warned.get_data(as_text=True)
    assert 'id="support_value_eur-error"' in page
    assert "above the ceiling" in page
    assert 'name="confirm_over_ceiling"' in page
    assert 'value="2000"' in page
    assert enrolments(ws.id) == 0

    confirmed = staff_client.post(url, data={**data, "confirm_over_ceiling": "y"})

    assert confirmed.status_code == 302
    assert enrolments(ws.id) == 1
    assert events("booking.enrol")[0].details["confirmed_over_ceiling"] is True
    assert deminimis.ledger(submitted_company).over_ceiling


def test_a_stage_past_the_ceiling_warns_too(staff_client, submitted_company):
    declared(submitted_company, 300_000)
    url = f"/coordinator/companies/{submitted_company.id}/stages/new"

    warned = staff_client.post(url, data=stage_data(support_value_eur="1"))
    assert warned.status_code == 200
    assert "above the ceiling" in warned.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Activity.id))) == 0

    zero = staff_client.post(url, data=stage_data(support_value_eur="0"))
    assert zero.status_code == 302  # support without value adds nothing to the ledger
    confirmed = staff_client.post(url, data=stage_data(support_value_eur="1",
                                                       confirm_over_ceiling="y"))
    assert confirmed.status_code == 302
    assert db.session.scalar(select(func.count(Activity.id))) == 2


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
