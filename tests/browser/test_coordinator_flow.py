"""A coordinator's day, in the browser: a newly submitted company is found in the inbox,
its best series accepted in one click, its coach changed and then assigned in one click, it is
booked into the accepted series (preselected), a stage is recorded, and the dashboard counts
what has happened (a booking in a coming series is not yet a participation)."""

import re

import pytest
from playwright.sync_api import expect

from intake.clock import today
from intake.extensions import db
from intake.models import Company
from intake.operations.users import create_staff_user
from tests.browser.helpers import PASSWORD, REQUIRED_AREAS, check_a11y, login, seed_company

pytestmark = pytest.mark.browser


def participating(page) -> int:
    page.goto("/coordinator/reports")
    cell = page.locator('tr[data-indicator="participating_companies"] td.num').first
    return int(cell.inner_text().strip())


def card(page, kind: str, index: int = 0):
    return page.locator(f'section[aria-labelledby="kind-{kind}"] li.suggestion').nth(index)


def test_review_accept_change_assign_book_and_the_dashboard_counts_it(new_page, live_server):
    seeded = live_server.run(seed_company, answered=REQUIRED_AREAS, submit=True)
    name = live_server.run(lambda: db.session.get(Company, seeded["id"]).name)
    live_server.run(create_staff_user, "sara@region.example", "coordinator", PASSWORD, "Sara")

    page = new_page(locale="en-US")
    login(page, "sara@region.example")
    before = participating(page)

    # The inbox: search for the company and open it.
    page.goto("/coordinator/")
    page.fill("#q", name)
    page.locator("main form[method=get] button").first.click()
    page.get_by_role("link", name=name).first.click()
    expect(page.locator("h1")).to_contain_text(name)
    expect(page.locator("#decided-count")).to_have_text("0 of 9 decided")

    # Accept the best workshop series: one click.
    series_title = card(page, "workshop_series").locator("h4").inner_text()
    card(page, "workshop_series").get_by_role("button", name=re.compile("^Accept")).click()
    expect(page).to_have_url(re.compile(r"#suggestion-\d+$"))
    expect(card(page, "workshop_series").locator(".badge-accepted")).to_be_visible()
    expect(card(page, "workshop_series").locator(".flash-success")).to_be_visible()
    expect(page.locator("#decided-count")).to_have_text("1 of 9 decided")

    # Change the coach: the choice and the reason open behind one disclosure.
    coach = card(page, "coach")
    coach.locator("summary", has_text="Change or reject").click()
    coach.locator('input[type=radio][value="changed"]').check()
    coach.locator("select").select_option(index=1)
    other_coach = coach.locator("select option").nth(1).inner_text().rsplit(" (", 1)[0]
    coach.locator("textarea").fill("Closer to the company, and free now.")
    coach.get_by_role("button", name="Save the decision").click()
    coach = card(page, "coach")
    expect(coach.locator(".badge-changed")).to_be_visible()
    expect(coach.locator("h4")).to_have_text(other_coach)  # the chosen coach is the heading
    check_a11y(page, "review after decisions")

    # The changed coach is assigned in one click, from its card.
    coach.get_by_role("button", name=f"Assign {other_coach} as coach").click()
    expect(card(page, "coach")).to_contain_text(f"{other_coach} is the company's coach.")
    expect(page.locator("#booking")).to_contain_text(other_coach)

    # Booking: the accepted series is preselected.
    card(page, "workshop_series").get_by_role("link", name=re.compile("Book into this series"))\
        .click()
    selected = page.locator("#workshop_series option:checked").inner_text()
    assert series_title in selected and "Accepted in the review" in selected
    page.fill("#support_value_eur", "4500")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#booking")).to_contain_text(series_title)
    # The series starts next year: booked, but not yet taken part in.
    assert participating(page) == before

    # A mapping interview today counts the company as participating.
    page.goto(f"/coordinator/companies/{seeded['id']}/stages/new")
    page.select_option("#kind", "mapping_interview")
    page.fill("#occurred_on", today().isoformat())
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#booking")).to_contain_text("Mapping interview")
    assert participating(page) == before + 1

    # The company sees what the coordinator decided, and where it is booked.
    company_page = new_page(locale="en-US")
    login(company_page, seeded["email"])
    company_page.goto("/company/")
    expect(company_page.locator(".decision-accepted")).to_have_count(1)
    expect(company_page.locator(".decision-changed")).to_have_count(1)
    expect(company_page.locator(".next-step")).to_contain_text(f"You are booked into "
                                                               f"{series_title}")


def test_the_first_decision_is_within_one_and_a_half_screens(new_page, live_server):
    seeded = live_server.run(seed_company, answered=REQUIRED_AREAS, submit=True)
    live_server.run(create_staff_user, "sara@region.example", "coordinator", PASSWORD, "Sara")
    page = new_page(viewport={"width": 1280, "height": 800})
    login(page, "sara@region.example")
    page.goto(f"/coordinator/companies/{seeded['id']}")
    top = page.locator(".accept-form button").first.evaluate(
        "b => b.getBoundingClientRect().top + window.scrollY")
    assert top < 1.5 * 800, f"the first decision is {top:.0f} px down"
    # The answers are one click away: folded, but for the area of greatest need.
    expect(page.locator("details.review-area[open]")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
