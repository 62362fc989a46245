"""A company's whole path in a real browser: register, answer, stop, come back, submit."""

import re

import pytest
from flask_babel import force_locale
from playwright.sync_api import expect

from intake.labels import STATUS, SUGGESTION_KIND
from tests.browser.helpers import (
    CompanyInput,
    answer_area,
    expect_area,
    fill_required_areas,
    html_lang,
    login,
    press_step_button,
    register,
    statement_fields,
)

pytestmark = pytest.mark.browser


def label(live_server, lang: str, text) -> str:
    """A label of the app's (a lazy string) in its own translation."""
    with live_server.app.test_request_context(), force_locale(lang):
        return str(text)


def status_label(live_server, lang: str, status: str) -> str:
    return label(live_server, lang, STATUS[status])


@pytest.mark.parametrize(("locale", "lang"), [("sv-SE", "sv"), ("en-US", "en")])
def test_register_stop_come_back_and_submit(new_page, live_server, locale, lang):
    company = CompanyInput()
    page = new_page(locale=locale)

    # Register through the real form; the questionnaire's first step follows.
    register(page, company)
    assert html_lang(page) == lang
    expect(page.locator(".flash-success")).to_be_visible()

    # Steps 1 and 2, saved with "Save and continue".
    answer_area(page, [2, 3, 2, 1], 5, "Vi har ett gammalt affärssystem.")
    press_step_button(page, "next")
    expect_area(page, "automation")
    answer_area(page, [1, 1, 2, 2], 3, "Manuell svetsning och kantpressning.")
    press_step_button(page, "next")

    # Step 3: answer half of it, which the page saves in the background, then close the page.
    expect_area(page, "productivity")
    statements = statement_fields(page)
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.request.header_value("x-autosave") == "1"
        and r.status == 204
    ):
        answer_area(page, [4, 2], None)
    free_text = "Omställningstider på 3 timmar – för långa.\nVi vill arbeta med 5S."
    with page.expect_response(
        lambda r: r.request.header_value("x-autosave") == "1" and r.status == 204
        and "5S" in (r.request.post_data or "")
    ):
        page.fill("#text", free_text)
    page.context.close()

    # A new visit: log in again and continue where the company stopped.
    page = new_page(locale=locale)
    page.goto("/company/")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    login(page, company.contact_email, company.password)
    expect(page).to_have_url(re.compile(r"/company/$"))
    draft = status_label(live_server, lang, "draft")
    expect(page.locator(".progress li[aria-current=step]")).to_have_text(draft)
    expect(page.locator(".progress [aria-current=step]")).to_have_text(draft)
    page.click("main a.button[href$='/company/questionnaire']")
    expect_area(page, "productivity")
    expect(page.locator(f"#{statements[0]}-3")).to_be_checked()
    expect(page.locator(f"#{statements[1]}-1")).to_be_checked()
    expect(page.locator(f"#{statements[2]}-0")).not_to_be_checked()
    expect(page.locator("#priority-0")).not_to_be_checked()
    expect(page.locator("#text")).to_have_value(free_text)
    # The steps already answered are marked in the step list.
    expect(page.locator(".stepper li").nth(0).locator("[aria-hidden=true]")).to_have_text("✓")

    # Finish step 3, the last required one, skip the optional ones, and review.
    answer_area(page, [4, 2, 3, 3], 5)
    press_step_button(page, "next")
    fill_required_areas(page, start=3)
    expect(page).to_have_url(re.compile(r"/questionnaire/review$"))
    expect(page.locator(".error-summary")).to_have_count(0)
    free_texts = page.locator(".free-text")
    expect(free_texts.nth(0)).to_have_text("Vi har ett gammalt affärssystem.")
    expect(free_texts.nth(2)).to_have_text(free_text)

    page.locator("form[action$='/questionnaire/submit'] button").click()
    page.wait_for_load_state()

    # The status page: submitted, in the page's language, with suggestions.
    expect(page).to_have_url(re.compile(r"/company/$"))
    assert html_lang(page) == lang
    submitted = status_label(live_server, lang, "submitted")
    # English says "Submitted"; Swedish whatever the catalogue says, but not that.
    assert (submitted == "Submitted") == (lang == "en"), submitted
    expect(page.locator(".progress li[aria-current=step]")).to_have_text(submitted)
    expect(page.locator(".progress [aria-current=step]")).to_have_text(submitted)
    expect(page.locator("#suggestions-heading")).to_be_visible()
    assert page.locator(".cards .card").count() > 0
    if lang == "en":
        expect(page.locator("#suggestions-heading")).to_have_text("Suggestions for you")
    series = label(live_server, lang, SUGGESTION_KIND["workshop_series"])
    expect(page.locator("section[aria-labelledby=suggestions-heading] h3").first).to_have_text(
        series)

    # Submitted answers are read-only now: the questionnaire leads to the answers.
    page.goto("/company/questionnaire/digitalisation")
    expect(page).to_have_url(re.compile(r"/questionnaire/review$"))
    expect(page.locator("form[action$='/questionnaire/submit']")).to_have_count(0)
