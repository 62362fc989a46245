"""The series page, its sessions, attendance and group mail, the calendar, and a company's
contact log and next steps, in the browser: axe finds nothing, no page scrolls sideways at
1280 or 390 px, including the mail preview and forms showing their errors. Screenshots of each
page go to SHOTS_DIR (default /tmp/shots/series) for a person to look at."""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from intake.clock import today
from intake.extensions import db
from intake.models import Company, OutboxMessage, WorkshopSeries
from intake.operations import booking, contact_log, series_sessions
from intake.operations.users import create_staff_user
from tests.browser.helpers import (
    PASSWORD,
    REQUIRED_AREAS,
    check_a11y,
    login,
    scroll_width,
    seed_company,
    send_empty,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

EMAIL = "sara@programme.example"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots/series"))


def _seed() -> dict:
    """Three companies booked into one series, a session with attendance, notes and steps."""
    user = create_staff_user(EMAIL, "coordinator", PASSWORD, "Sara Samordnare")
    companies = [db.session.get(Company, seed_company(answered=REQUIRED_AREAS, submit=True)["id"])
                 for _ in range(3)]
    companies[1].name = "Bräcke Plåt och Svets Aktiebolag med ett mycket långt namn"
    companies[2].language = "en"
    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.seats.is_not(None))
                               .order_by(WorkshopSeries.starts_on))
    for company in companies:
        booking.enrol(company, series.id, user, Decimal("0"), confirm_over_ceiling=True)
    start = series.starts_on or today()
    first = series_sessions.add_session(series, start, "Värdeflödesanalys", user)
    series_sessions.add_session(series, start + timedelta(days=14), "5S och standardiserat arbete",
                                user)
    series_sessions.record_attendance(first, [companies[0].id, companies[2].id], user)
    company = companies[0]
    contact_log.add_note(company, "phone", today() - timedelta(days=3),
                         "Ringde VD:n. De vill börja med en kartläggning och har frågor om "
                         "de minimis-intyget.", user)
    contact_log.add_note(company, "visit", today() - timedelta(days=1), "Besök i verkstaden.",
                         user)
    contact_log.add_next_step(company, "Skicka offert på fördjupad analys",
                              today() - timedelta(days=2), user, user)
    contact_log.add_next_step(company, "Boka uppföljningsmöte", today() + timedelta(days=5),
                              user, user)
    return {"series": series.id, "company": company.id,
            "session": first.id}


def _check(page, path_or_name: str, width: int, shot: str) -> None:
    wide = scroll_width(page)
    assert wide <= width, f"{path_or_name}: {wide} px wide in a {width} px window"
    check_a11y(page, path_or_name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)


@pytest.mark.parametrize("size", SIZES)
def test_series_and_contact_pages(new_page, live_server, size):
    ids = live_server.run(_seed)
    viewport = SIZES[size]
    page = new_page(viewport=viewport, phone=size == "phone")
    login(page, EMAIL)
    series, company, session = ids["series"], ids["company"], ids["session"]
    pages = {
        "series-page": f"/coordinator/series/{series}",
        "series-calendar": "/coordinator/series",
        "session-edit": f"/coordinator/series/{series}/sessions/{session}",
        "attendance": f"/coordinator/series/{series}/sessions/{session}/attendance",
        "mail": f"/coordinator/series/{series}/mail",
        "review-contacts": f"/coordinator/companies/{company}",
        "my-next-steps": "/coordinator/next-steps",
        "note": f"/coordinator/companies/{company}/notes/new",
        "next-step": f"/coordinator/companies/{company}/next-steps/new",
    }
    for name, path in pages.items():
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        _check(page, path, viewport["width"], f"{name}-{size}")
    page.goto(pages["review-contacts"])
    page.locator("#contacts").screenshot(path=str(SHOTS / f"review-contacts-panel-{size}.png"))
    page.goto(pages["my-next-steps"])
    expect(page.locator("td .overdue")).to_have_count(1)

    for name in ("note", "next-step"):
        page.goto(pages[name])
        if name == "note":
            page.fill("#occurred_on", "")
        send_empty(page)
        expect(page.locator(".error-summary")).to_be_visible()
        _check(page, f"{name} with errors", viewport["width"], f"{name}-errors-{size}")

    page.goto(pages["mail"])
    page.fill("#subject", "Inför första träffen")
    page.fill("#body", "Ta med era senaste siffror för ställtider och kassationer.\n\n"
                       "Vi börjar klockan nio i verkstaden.")
    page.locator("button[value=preview]").click()
    page.wait_for_load_state()
    expect(page.locator("pre.mail-body")).to_have_count(2)  # Swedish and English
    _check(page, "mail preview", viewport["width"], f"mail-preview-{size}")
    page.locator("button[value=send]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/coordinator/series/{series}#series-mail")
    bodies = live_server.run(lambda: [m.body for m in db.session.scalars(select(OutboxMessage))])
    assert len(bodies) == 3
    assert all("kassationer.\n\nVi börjar" in body for body in bodies)
    _check(page, "series page after sending", viewport["width"], f"series-sent-{size}")
