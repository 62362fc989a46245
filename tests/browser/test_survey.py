"""A company follows the link in the survey mail it received and answers in Chromium, on a
phone; every survey page passes axe-core and fits the width, in Swedish and in English."""

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.extensions import db
from intake.models import Company, Enrolment, SurveyResponse, WorkshopSeries
from tests.browser.helpers import check_a11y, scroll_width, seed_company
from tests.intake.survey.conftest import finish
from tests.intake.survey.helpers import links_by_recipient, path_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots/survey"))


def _finished_series_with(languages) -> list[str]:
    series = db.session.scalars(select(WorkshopSeries).order_by(WorkshopSeries.code)).first()
    emails = []
    for lang in languages:
        seeded = seed_company(answered=["digitalisation", "automation", "productivity",
                                        "business_model"], submit=True)
        company = db.session.get(Company, seeded["id"])
        company.language = lang
        db.session.add(Enrolment(company_id=company.id, workshop_series_id=series.id))
        emails.append(company.contact_email)
    db.session.flush()
    finish(series)
    return emails


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _fits(page, width: int) -> None:
    assert scroll_width(page) <= width, f"{page.url}: wider than {width} px"


def test_a_company_answers_from_the_mail_on_a_phone(new_page, live_server, mailbox):
    [email] = live_server.run(_finished_series_with, ["sv"])
    result = live_server.app.test_cli_runner().invoke(args=["surveys", "send-due"])
    assert "mail sent 1" in result.output, result.output
    link = links_by_recipient(mailbox)[email][0]
    assert link.startswith(live_server.app.config["BASE_URL"])

    page = new_page(phone=True, viewport=PHONE)
    page.goto(path_of(link))
    assert page.locator("h1").inner_text() == "Uppföljning av workshopserien"
    _fits(page, PHONE["width"])
    check_a11y(page, "survey (sv, phone)")
    _shoot(page, "survey-sv-390")

    # Sent without the required answers: said next to each, what was typed is kept.
    page.fill("#comment", "Mycket givande träffar.")
    page.get_by_role("button", name="Skicka mina svar").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#rating .field-error").is_visible()
    assert page.input_value("#comment") == "Mycket givande träffar."
    check_a11y(page, "survey with errors (sv, phone)")
    _shoot(page, "survey-errors-sv-390")

    page.locator("label[for=rating-3]").click()
    page.locator("label[for=usefulness-4]").click()
    page.locator("label[for=recommend-9]").click()
    page.locator("label[for=fit-0]").click()
    page.get_by_label("Beslutat om en investering").check()
    page.fill("#investment_sek", "400 000")
    page.get_by_role("button", name="Skicka mina svar").click()
    page.wait_for_url("**/survey/thanks")
    assert page.locator("h1").inner_text() == "Tack för era svar"
    check_a11y(page, "thanks (sv, phone)")
    _shoot(page, "survey-thanks-sv-390")

    def stored():
        response = db.session.scalar(select(SurveyResponse))
        return response.status, response.answers
    status, answers = live_server.run(stored)
    assert status == "submitted"
    assert answers["recommend"] == 9 and answers["fit"] == "yes"
    assert answers["investment_sek"] == 400000 and answers["comment"] == "Mycket givande träffar."

    page.goto(path_of(link))
    assert "besvarad" in page.locator("h1").inner_text()
    assert "givande" not in page.content()
    check_a11y(page, "answered (sv, phone)")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_survey_pages_pass_axe_in_english_and_swedish(new_page, live_server, mailbox, size):
    emails = live_server.run(_finished_series_with, ["en", "sv"])
    live_server.app.test_cli_runner().invoke(args=["surveys", "send-due"])
    links = links_by_recipient(mailbox)
    viewport = PHONE if size == "phone" else DESKTOP
    for email, lang in zip(emails, ("en", "sv"), strict=True):
        page = new_page(phone=size == "phone", viewport=viewport)
        page.goto(path_of(links[email][0]))
        assert page.locator("html").get_attribute("lang") == lang
        _fits(page, viewport["width"])
        check_a11y(page, f"survey ({lang}, {size})")
        _shoot(page, f"survey-{lang}-{viewport['width']}")
        page.goto("/survey/" + "A" * 43)
        _fits(page, viewport["width"])
        check_a11y(page, f"unknown link ({lang}, {size})")


def test_a_coordinator_marks_a_series_finished_and_its_companies_get_the_survey(
        new_page, live_server, mailbox):
    from datetime import timedelta

    from intake.clock import today
    from intake.operations.users import create_staff_user
    from tests.browser.helpers import PASSWORD, login

    def booked_series():
        series = db.session.scalars(select(WorkshopSeries).order_by(WorkshopSeries.code)).first()
        series.starts_on, series.ends_on = today() - timedelta(days=30), today() - timedelta(days=2)
        seeded = seed_company(answered=["digitalisation", "automation", "productivity",
                                        "business_model"], submit=True)
        db.session.add(Enrolment(company_id=seeded["id"], workshop_series_id=series.id))
        return series.id, seeded["email"]

    series_id, email = live_server.run(booked_series)
    live_server.run(create_staff_user, "sara@region.example", "coordinator", PASSWORD, "Sara")
    page = new_page(locale="en-US", phone=True, viewport=PHONE)
    login(page, "sara@region.example")
    page.goto(f"/coordinator/series/{series_id}")
    finish = page.locator("#finish")
    finish.get_by_label("Finished on").fill((today() + timedelta(days=5)).isoformat())
    finish.get_by_role("button", name="Mark finished").click()
    assert "has not come yet" in page.locator(".field-error").inner_text()
    _fits(page, PHONE["width"])
    check_a11y(page, "finish with an error (en, phone)")
    _shoot(page, "series-finish-error-en-390")
    page.get_by_label("Finished on").fill((today() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Mark finished").click()
    assert "1 booked company is due the follow-up survey" in page.locator(
        ".flash").first.inner_text()
    assert "Marked finished on" in page.locator("#finish").inner_text()
    result = live_server.app.test_cli_runner().invoke(args=["surveys", "send-due"])
    assert "1 invitation(s)" in result.output
    assert list(links_by_recipient(mailbox)) == [email]
