"""On a 360 px wide phone, no page of the company's path scrolls sideways."""

import pytest

from tests.browser.conftest import PHONE
from tests.browser.helpers import (
    REQUIRED_AREAS,
    login,
    scroll_width,
    seed_company,
    send_empty,
)

# Layout does not depend on the database: SQLite only, to keep the suite fast.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


def assert_fits(page, path: str) -> None:
    page.goto(path)
    width = scroll_width(page)
    assert width <= PHONE["width"], f"{path} is {width} px wide on a {PHONE['width']} px phone"


def test_no_horizontal_scrolling_on_a_phone(new_page, live_server):
    draft = live_server.run(seed_company, answered=REQUIRED_AREAS[:2])
    submitted = live_server.run(seed_company, answered=REQUIRED_AREAS, submit=True)

    page = new_page(phone=True)
    for path in ("/", "/login", "/privacy", "/company/register"):
        assert_fits(page, path)
    send_empty(page)  # the registration form with every error showing
    assert scroll_width(page) <= PHONE["width"]

    login(page, draft["email"])
    for path in ("/company/", "/company/questionnaire/productivity",
                 "/company/questionnaire/competence", "/company/questionnaire/review",
                 "/company/details"):
        assert_fits(page, path)
    page.context.close()

    page = new_page(phone=True)
    login(page, submitted["email"])
    assert_fits(page, "/company/questionnaire/review")
    assert_fits(page, "/company/")
    assert page.locator(".cards .card").count() > 0
    page.context.close()

    # The English texts wrap differently: the longest pages in English too.
    page = new_page(locale="en-US", phone=True)
    assert_fits(page, "/company/register")
    send_empty(page)
    assert scroll_width(page) <= PHONE["width"]
    login(page, submitted["email"])
    assert_fits(page, "/company/")

