"""Autosave tells the truth: a failed save is shown and retried until the server has it."""

import pytest
from playwright.sync_api import expect

from intake.extensions import db
from intake.models import Company
from tests.browser.helpers import expect_area, login, seed_company, statement_fields

pytestmark = pytest.mark.browser


def _stored_priority(live_server, company_id):
    def read():
        answer = db.session.get(Company, company_id).current_intake.answer_for("digitalisation")
        return answer.priority if answer else None
    return live_server.run(read)


def test_a_failed_autosave_is_shown_and_retried_until_it_is_saved(page, live_server):
    seeded = live_server.run(seed_company)
    login(page, seeded["email"])
    page.goto("/company/questionnaire/digitalisation")
    expect_area(page, "digitalisation")

    failures = {"left": 2}

    def flaky(route):
        if route.request.method == "POST" and failures["left"] > 0:
            failures["left"] -= 1
            route.abort("connectionreset")  # the network or the server had a bad moment
        else:
            route.continue_()

    page.route("**/company/questionnaire/digitalisation", flaky)
    status = page.locator("[data-autosave-status]")
    page.click("label[for=priority-3]")
    expect(status).to_have_class("autosave-status autosave-failed")
    expect(status).to_contain_text("kunde inte sparas")
    assert _stored_priority(live_server, seeded["id"]) is None  # nothing claimed, nothing kept

    with page.expect_response(lambda r: r.request.header_value("x-autosave") == "1"
                              and r.status == 204, timeout=20_000):
        pass  # the retries go on by themselves
    expect(status).to_have_class("autosave-status autosave-saved")
    assert _stored_priority(live_server, seeded["id"]) == 4
    assert statement_fields(page)  # still on the step, answers in place
    expect(page.locator("#priority-3")).to_be_checked()
