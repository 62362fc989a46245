"""What a person does in the browser, step by step, shared by the browser tests.

Fields are found by their ids (the form's field names), never by their visible text, so the
same steps work in Swedish and in English.
"""

import itertools
import re
from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from intake.extensions import db
from intake.models import Company
from intake.operations import questionnaire
from tests.factories import CompanyFactory, luhn_complete

_serial = itertools.count(1)
_axe = Axe()

PASSWORD = "ett långt lösenord 42"
REQUIRED_AREAS = ["digitalisation", "automation", "productivity", "business_model"]


def new_org_number() -> str:
    return luhn_complete(f"77{next(_serial):07d}")


def bad_check_digit(org: str) -> str:
    last = int(org[-1])
    return org[:-1] + str((last + 1) % 10)


@dataclass
class CompanyInput:
    """Everything the registration form asks for, as a person would type it."""

    name: str = "Kvarnens Mekaniska AB"
    org_number: str = field(default_factory=new_org_number)
    sni_division: str = "25"
    county: str = "23"
    municipality: str = "Östersund"
    employees: str = "42"
    turnover_band: str = "20_100"
    contact_name: str = "Åsa Öberg"
    contact_role: str = "VD"
    contact_email: str = field(default_factory=lambda: f"asa{next(_serial)}@kvarnen.example")
    contact_phone: str = "070-123 45 67"
    password: str = PASSWORD


def fill_registration(page: Page, company: CompanyInput, consent: bool = True) -> None:
    page.fill("#name", company.name)
    page.fill("#org_number", company.org_number)
    # The industry list is long: narrow it with the search box first, as a person would.
    page.fill("#sni_division-filter", "metal")
    page.select_option("#sni_division", company.sni_division)
    page.select_option("#county", company.county)
    page.fill("#municipality", company.municipality)
    page.fill("#employees", company.employees)
    page.select_option("#turnover_band", company.turnover_band)
    page.click("label[for=leadership-2]")
    page.fill("#contact_name", company.contact_name)
    page.fill("#contact_role", company.contact_role)
    page.fill("#contact_email", company.contact_email)
    page.fill("#contact_phone", company.contact_phone)
    page.click("label[for=de_minimis_received-0]")
    page.fill("#password", company.password)
    page.fill("#confirm", company.password)
    if consent:
        page.click("label[for=consent]")


def submit_form(page: Page) -> None:
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def send_empty(page: Page) -> None:
    """Send the page's form as it is, expecting it back with the error summary."""
    submit_form(page)
    expect(page.locator("#error-summary")).to_be_visible()


def register(page: Page, company: CompanyInput) -> None:
    page.goto("/company/register")
    fill_registration(page, company)
    submit_form(page)
    expect_area(page, "digitalisation")


def login(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#password")).to_have_count(0)


def statement_fields(page: Page) -> list[str]:
    """The names of the statement radio groups on the current questionnaire step."""
    return page.locator("fieldset.radios[id^=statement_]").evaluate_all(
        "sets => sets.map(s => s.id)")


def answer_area(page: Page, levels: list[int], priority: int | None, text: str = "") -> None:
    """Answer the first statements of the step (as many as `levels`) by clicking the labels."""
    for name, level in zip(statement_fields(page), levels, strict=False):
        page.click(f"label[for={name}-{level - 1}]")
    if priority is not None:
        page.click(f"label[for=priority-{priority - 1}]")
    if text:
        page.fill("#text", text)


def press_step_button(page: Page, nav: str) -> None:
    page.click(f"button[name=nav][value={nav}]")
    page.wait_for_load_state()


def expect_area(page: Page, area: str) -> None:
    expect(page).to_have_url(re.compile(rf"/company/questionnaire/{area}(#[^/]*)?$"))


def fill_required_areas(page: Page, start: int = 0) -> None:
    """From the step of REQUIRED_AREAS[start], answer every required area fully, then the
    optional ones are skipped with "Save and continue" until the review page."""
    for area in REQUIRED_AREAS[start:]:
        expect_area(page, area)
        answer_area(page, [3, 2, 4, 1], 4, f"Fritext om {area}: vi vill bli bättre.")
        press_step_button(page, "next")
    while "/questionnaire/review" not in page.url:
        press_step_button(page, "next")


def html_lang(page: Page) -> str:
    return page.locator("html").get_attribute("lang")


def check_a11y(page: Page, name: str = "") -> None:
    """axe-core's default rules (WCAG 2.x A/AA and best practices): zero violations."""
    results = _axe.run(page)
    label = name or page.url
    assert results.violations_count == 0, (
        f"{label}: {results.violations_count} axe violation(s)\n{results.generate_report()}")


def scroll_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


# Data made behind the UI (inside the app context, see LiveServer.run), for pages that need it.

def seed_company(answered=(), submit: bool = False) -> dict:
    """A registered company whose questionnaire has `answered` areas complete; submitted if
    asked (which computes suggestions). Returns what a test needs to log in and find it."""
    company = CompanyFactory(None).create(password=PASSWORD)
    intake = company.current_intake
    areas = {a.key: a for a in questionnaire.questionnaire_for(intake).areas}
    for key in answered:
        levels = {s.key: 1 + (i % 4) for i, s in enumerate(areas[key].statements)}
        questionnaire.save_area(intake, key, levels, 4, f"Vi behöver hjälp med {key}.")
    if submit:
        questionnaire.submit_intake(intake)
    return {"id": company.id, "email": company.contact_email}


def seed_partial_company() -> dict:
    """A draft with one area complete and another half answered: the review lists gaps."""
    seeded = seed_company(answered=["digitalisation"])
    intake = db.session.get(Company, seeded["id"]).current_intake
    questionnaire.save_area(intake, "automation", {}, 2, "Bara fritext hittills.")
    return seeded
