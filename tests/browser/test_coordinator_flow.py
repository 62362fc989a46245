"""A coordinator's day, in the browser: a newly submitted company is found in the inbox,
reviewed, its series accepted, its coach changed, it is booked, and the dashboard moves."""

import re

import pytest
from playwright.sync_api import expect

from intake.extensions import db
from intake.models import Company
from intake.operations.users import create_staff_user
from tests.browser.helpers import PASSWORD, REQUIRED_AREAS, check_a11y, login, seed_company

pytestmark = pytest.mark.browser


def participating(page) -> int:
    page.goto("/coordinator/reports")
    cell = page.locator('tr[data-indicator="participating_companies"] td.num').first
    return int(cell.inner_text().strip())


def test_review_accept_change_book_and_the_dashboard_counts_it(new_page, live_server):
    seeded = live_server.run(seed_company, answered=REQUIRED_AREAS, submit=True)
    name = live_server.run(lambda: db.session.get(Company, seeded["id"]).name)
    live_server.run(create_staff_user, "sara@region.example", "coordinator", PASSWORD, "Sara")

    page = new_page()
    login(page, "sara@region.example")
    before = participating(page)

    # The inbox: search for the company and open it.
    page.goto("/coordinator/")
    page.fill("#q", name)
    page.locator("form.inbox-filter button[type=submit], main form[method=get] button").first \
        .click()
    page.get_by_role("link", name=name).first.click()
    expect(page.locator("h1")).to_contain_text(name)

    # Accept the best workshop series, with a reason.
    series = page.locator('section[aria-labelledby="kind-workshop_series"] li.suggestion').first
    series_code = re.search(r"\(([^)]+)\)", series.locator(".code").inner_text()).group(1)
    series.locator('input[type=radio][value="accepted"]').check()
    series.locator("textarea").fill("Passar deras behov av robotsvetsning.")
    series.locator("button[type=submit]").click()
    series = page.locator('section[aria-labelledby="kind-workshop_series"] li.suggestion').first
    expect(series.locator(".decision-accepted")).to_be_visible()

    # Change the coach to another one from the catalogue.
    coach = page.locator('section[aria-labelledby="kind-coach"] li.suggestion').first
    coach.locator('input[type=radio][value="changed"]').check()
    coach.locator("select").select_option(index=1)
    coach.locator("textarea").fill("Närmare företaget och ledig nu.")
    coach.locator("button[type=submit]").click()
    coach = page.locator('section[aria-labelledby="kind-coach"] li.suggestion').first
    expect(coach.locator(".decision-changed")).to_be_visible()
    check_a11y(page, "review after decisions")

    # Book the company into the accepted series from the booking panel.
    page.locator('a[href$="/enrol"]').click()
    option = page.locator("#workshop_series option", has_text=f"({series_code})")
    page.select_option("#workshop_series", value=option.get_attribute("value"))
    page.fill("#support_value_eur", "4500")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#booking")).to_contain_text(series_code)

    # The dashboard counts one more participating company.
    assert participating(page) == before + 1

    # The company sees what the coordinator decided.
    company_page = new_page()
    login(company_page, seeded["email"])
    company_page.goto("/company/")
    expect(company_page.locator(".decision-accepted")).to_have_count(1)
    expect(company_page.locator(".decision-changed")).to_have_count(1)
