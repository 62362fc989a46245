"""Registration errors, the language switch and the keyboard, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    CompanyInput,
    bad_check_digit,
    expect_area,
    fill_registration,
    html_lang,
    submit_form,
)

pytestmark = pytest.mark.browser

# For tests that touch no data, one backend is enough.
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
AFTER_LOGIN = re.compile(r"/login\?next=(/|%2F)company(/|%2F)$")


def test_registration_errors_are_shown_at_each_field_and_in_the_summary(page):
    company = CompanyInput()
    wrong_org = bad_check_digit(company.org_number)
    page.goto("/company/register")
    fill_registration(page, company)
    page.fill("#org_number", wrong_org)
    page.fill("#municipality", "")
    submit_form(page)

    expect(page).to_have_url(re.compile(r"/company/register$"))
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    links = summary.locator("a")
    expect(links).to_have_count(2)
    assert sorted(links.evaluate_all("as => as.map(a => a.getAttribute('href'))")) == [
        "#municipality", "#org_number"]

    for field_id in ("org_number", "municipality"):
        field = page.locator(f"#{field_id}")
        container = page.locator(".field.has-error", has=field)
        expect(container).to_have_count(1)
        error = container.locator(f"#{field_id}-error")
        expect(error).to_be_visible()
        message = error.inner_text().strip()
        assert message
        assert f"{field_id}-error" in field.get_attribute("aria-describedby").split()
        expect(field).to_have_attribute("aria-invalid", "true")
        # The same message is in the summary, and its link moves focus to the field.
        link = summary.locator(f"a[href='#{field_id}']")
        expect(link).to_contain_text(message)
        link.click()
        expect(field).to_be_focused()

    # No other field is marked, and everything typed is still there (but the passwords).
    expect(page.locator(".has-error")).to_have_count(2)
    expect(page.locator("#org_number")).to_have_value(wrong_org)
    expect(page.locator("#municipality")).to_have_value("")
    expect(page.locator("#name")).to_have_value(company.name)
    expect(page.locator("#sni_division")).to_have_value(company.sni_division)
    expect(page.locator("#county")).to_have_value(company.county)
    expect(page.locator("#employees")).to_have_value(company.employees)
    expect(page.locator("#turnover_band")).to_have_value(company.turnover_band)
    expect(page.locator("#leadership-2")).to_be_checked()
    expect(page.locator("#contact_name")).to_have_value(company.contact_name)
    expect(page.locator("#contact_role")).to_have_value(company.contact_role)
    expect(page.locator("#contact_email")).to_have_value(company.contact_email)
    expect(page.locator("#contact_phone")).to_have_value(company.contact_phone)
    expect(page.locator("#de_minimis_received-0")).to_be_checked()
    expect(page.locator("#consent")).to_be_checked()

    # Corrected, the same form registers the company.
    page.fill("#org_number", company.org_number)
    page.fill("#municipality", company.municipality)
    page.fill("#password", company.password)
    page.fill("#confirm", company.password)
    submit_form(page)
    expect_area(page, "digitalisation")


@sqlite_only
def test_language_switch_changes_language_and_stays_on_the_page(page):
    for path in ("/company/register", "/privacy"):
        page.goto(path)
        assert html_lang(page) == "sv"
        swedish_title = page.title()
        page.locator("header a[hreflang=en]").click()
        page.wait_for_load_state()
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        assert html_lang(page) == "en"
        assert page.title() != swedish_title
        # The choice sticks: the next page is in English too, and the switch leads back.
        page.goto("/")
        assert html_lang(page) == "en"
        page.goto(path)
        page.locator("header a[hreflang=sv]").click()
        page.wait_for_load_state()
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        assert html_lang(page) == "sv"
        assert page.title() == swedish_title

    # A page with a query string keeps it.
    page.goto("/company/")
    expect(page).to_have_url(AFTER_LOGIN)
    page.locator("header a[hreflang=en]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(AFTER_LOGIN)
    assert html_lang(page) == "en"


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, element_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        if focused_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} was not reached with Tab")


@sqlite_only
def test_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/company/register")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] > 0, "the skip link stays hidden"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab goes to the first field of the form, past the header's links.
    tab_to(page, "name", limit=8)


def test_registration_with_the_keyboard_only(page):
    company = CompanyInput()
    page.goto("/company/register")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    tab_to(page, "name")
    page.keyboard.type(company.name)
    page.keyboard.press("Tab")
    assert focused_id(page) == "org_number"
    page.keyboard.type(company.org_number)
    tab_to(page, "sni_division-filter")
    page.keyboard.type("metal")
    page.keyboard.press("Tab")
    assert focused_id(page) == "sni_division"
    page.keyboard.type("25")  # a select jumps to the option that starts with what is typed
    expect(page.locator("#sni_division")).to_have_value("25")
    page.keyboard.press("Tab")
    assert focused_id(page) == "county"
    page.keyboard.type("J")  # type-ahead to the first county starting with J, then down
    for _ in range(25):
        if page.locator("#county").input_value() == company.county:
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator("#county")).to_have_value(company.county)
    page.keyboard.press("Tab")
    page.keyboard.type(company.municipality)
    page.keyboard.press("Tab")
    page.keyboard.type(company.employees)
    page.keyboard.press("Tab")
    assert focused_id(page) == "turnover_band"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#turnover_band")).to_have_value(company.turnover_band)
    # Radio groups: Tab enters the group, arrow keys choose.
    page.keyboard.press("Tab")
    assert focused_id(page).startswith("leadership-")
    page.keyboard.press("Space")
    tab_to(page, "contact_name")
    page.keyboard.type(company.contact_name)
    page.keyboard.press("Tab")
    page.keyboard.type(company.contact_role)
    page.keyboard.press("Tab")
    page.keyboard.type(company.contact_email)
    page.keyboard.press("Tab")
    page.keyboard.type(company.contact_phone)
    page.keyboard.press("Tab")
    assert focused_id(page) == "de_minimis_received-0"
    page.keyboard.press("Space")
    expect(page.locator("#de_minimis_received-0")).to_be_checked()
    tab_to(page, "password")
    page.keyboard.type(company.password)
    page.keyboard.press("Tab")
    page.keyboard.type(company.password)
    tab_to(page, "consent")
    page.keyboard.press("Space")
    expect(page.locator("#consent")).to_be_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    # The focused element shows a visible focus indicator.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect_area(page, "digitalisation")
