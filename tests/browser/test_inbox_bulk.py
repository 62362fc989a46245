"""The inbox in the browser: tick companies and act on them, save a view; on a phone the
filters and actions fold behind a button each and every company is a card; at both widths no
sideways scroll and no axe violation. Screenshots go to SHOTS_DIR (default /tmp/shots/inbox)
for a person to look at."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from intake.operations.users import create_staff_user
from tests.browser.helpers import (
    PASSWORD,
    REQUIRED_AREAS,
    check_a11y,
    login,
    scroll_width,
    seed_company,
)

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots/inbox"))
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def inbox(live_server):
    for _ in range(3):
        live_server.run(seed_company, answered=REQUIRED_AREAS, submit=True)
    live_server.run(seed_company)
    live_server.run(create_staff_user, "sara@region.example", "coordinator", PASSWORD,
                    "Sara Samordnare")
    return live_server


@pytest.mark.parametrize("size", SIZES)
def test_tick_act_and_save_a_view(new_page, inbox, size):
    viewport = SIZES[size]
    page = new_page(locale="en-US", phone=size == "phone", viewport=viewport)
    login(page, "sara@region.example")
    page.goto("/coordinator/")
    filters = page.locator("form[role=search]")
    actions = page.locator("#bulk-form fieldset")
    if size == "phone":
        # Folded: one button each, the form behind it; every company a card.
        expect(filters).to_be_hidden()
        expect(actions).to_be_hidden()
        assert page.locator(".inbox-table tbody tr").first.evaluate(
            "tr => getComputedStyle(tr).display") == "grid"
        _shot(page, "inbox-phone-folded")
        page.get_by_text("Filters and columns").click()
        page.get_by_text("Act on the selected companies").click()
    expect(filters).to_be_visible()
    expect(actions).to_be_visible()
    assert scroll_width(page) <= viewport["width"]
    check_a11y(page, f"inbox {size}")
    _shot(page, f"inbox-{size}")

    # A bulk action refused: book without choosing a series keeps the ticks and says why.
    page.locator("input[name=company]").nth(0).check()
    page.locator("input[name=company]").nth(1).check()
    page.get_by_role("button", name="Book them on the series").click()
    expect(page.locator("#error-summary")).to_contain_text("Choose a workshop series")
    expect(page.locator("input[name=company]:checked")).to_have_count(2)
    assert scroll_width(page) <= viewport["width"]
    check_a11y(page, f"inbox with an error {size}")
    _shot(page, f"inbox-error-{size}")

    # Make Sara responsible for the two ticked ones, then see only hers.
    if size == "phone" and not actions.is_visible():
        page.get_by_text("Act on the selected companies").click()
    page.select_option("#coordinator", label="Sara Samordnare")
    page.get_by_role("button", name="Make the coordinator responsible").click()
    expect(page.locator("main")).to_contain_text(
        "Made the coordinator responsible for 2 companies.")
    page.goto("/coordinator/?responsible=mine&cols=status&cols=responsible")
    expect(page.locator(".inbox-table tbody tr")).to_have_count(2)

    # Save this view, and open it again from its link.
    page.get_by_text("Save these filters as a view").click()
    page.fill("#name", "Mina företag")
    page.get_by_role("button", name="Save the view").click()
    expect(page.locator("#saved-views")).to_contain_text("The view is saved.")
    page.goto("/coordinator/")
    page.get_by_role("link", name="Mina företag").click()
    expect(page).to_have_url(re.compile(r"responsible=mine"))
    expect(page.locator(".inbox-table tbody tr")).to_have_count(2)
    assert scroll_width(page) <= viewport["width"]
    check_a11y(page, f"inbox with a saved view {size}")
    _shot(page, f"inbox-saved-view-{size}")


@pytest.mark.parametrize("size", SIZES)
def test_the_dashboard_with_the_drafts(new_page, inbox, size):
    viewport = SIZES[size]
    page = new_page(locale="sv-SE", phone=size == "phone", viewport=viewport)
    login(page, "sara@region.example")
    page.goto("/coordinator/reports")
    expect(page.locator("#drafts")).to_contain_text("Mindre än 7 dagar sedan")
    assert scroll_width(page) <= viewport["width"]
    check_a11y(page, f"dashboard {size}")
    _shot(page, f"dashboard-{size}")
