"""A company loses no answer: leaving a step by any link a few milliseconds after typing saves
it first; if the save fails, the person is asked before leaving; a long text gets a counter and
is never cut."""

import re

import pytest
from playwright.sync_api import expect

from intake.extensions import db
from intake.models import Company
from tests.browser.helpers import login, seed_partial_company

pytestmark = pytest.mark.browser


def stored(company_id: int, area: str):
    answer = db.session.get(Company, company_id).current_intake.answer_for(area)
    return None if answer is None else (dict(answer.levels), answer.priority, answer.text)


def test_a_step_link_clicked_right_after_typing_saves_first(new_page, live_server):
    seeded = live_server.run(seed_partial_company)
    page = new_page()
    login(page, seeded["email"])
    page.goto("/company/questionnaire/productivity")
    page.click("label[for=priority-4]")
    page.fill("#text", "Ställtiderna äter upp halva dagen.")
    # No pause: the click comes a few milliseconds after the typing, before any autosave.
    page.locator(".stepper a[href$='/questionnaire/business_model']").click()
    expect(page).to_have_url(re.compile(r"/questionnaire/business_model$"))
    levels, priority, text = live_server.run(stored, seeded["id"], "productivity")
    assert priority == 5 and text == "Ställtiderna äter upp halva dagen."
    expect(page.locator(".stepper li.step-started a[href$='/productivity']")).to_have_count(1)

    # Any other link too: the header's "My company".
    page.click("label[for=priority-1]")
    page.locator("header a[href='/company/']").click()
    expect(page).to_have_url(re.compile(r"/company/$"))
    assert live_server.run(stored, seeded["id"], "business_model")[1] == 2


def test_a_failed_save_asks_before_leaving(new_page, live_server):
    seeded = live_server.run(seed_partial_company)
    page = new_page()
    login(page, seeded["email"])
    page.goto("/company/questionnaire/productivity")
    page.route("**/company/questionnaire/productivity",
               lambda route: route.abort() if route.request.method == "POST"
               else route.continue_())
    page.fill("#text", "Text som inte får försvinna.")
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.dismiss() if len(questions) == 1 else dialog.accept()

    page.on("dialog", answer)
    link = page.locator(".stepper a[href$='/questionnaire/business_model']")
    link.click()
    # The question comes once the failed save has answered: wait for it, not for the page.
    for _ in range(100):
        if questions:
            break
        page.wait_for_timeout(50)
    assert questions and "kunde inte sparas" in questions[0]
    expect(page.locator("#text")).to_have_value("Text som inte får försvinna.")
    expect(page).to_have_url(re.compile(r"/questionnaire/productivity$"))
    link.click()  # asked again, and this time the person chooses to leave
    expect(page).to_have_url(re.compile(r"/questionnaire/business_model$"))
    assert len(questions) == 2


def test_a_long_text_gets_a_counter_and_is_kept_whole(new_page, live_server):
    seeded = live_server.run(seed_partial_company)
    page = new_page(locale="en-US")
    login(page, seeded["email"])
    page.goto("/company/questionnaire/productivity")
    counter = page.locator("#text-count")
    page.fill("#text", "x" * 4990)
    expect(counter).to_have_text("4990 of 5000 characters")
    page.fill("#text", "x" * 5012)  # pasted: nothing is cut
    expect(page.locator("#text")).to_have_value("x" * 5012)
    expect(counter).to_have_text("12 characters too many")
    expect(counter).to_have_class(re.compile("over-limit"))
    page.locator("button[name=nav][value=stay]").click()
    page.wait_for_load_state()
    expect(page.locator("#text-error")).to_contain_text("At most 5000 characters.")
    expect(page.locator("#text")).to_have_value("x" * 5012)
