"""axe-core on every page: zero violations of its default rules (WCAG 2.1 A/AA and best
practices), for the company's pages and for every coordinator page that exists.

The coordinator sweep reads the app's URL map, so pages added later are covered without
changing this file.
"""

from urllib.parse import urlsplit

import pytest
from flask import url_for
from playwright.sync_api import expect
from werkzeug.exceptions import HTTPException

from intake.operations.authentication import make_reset_token
from intake.operations.users import create_staff_user, find_user_by_email
from tests.browser.helpers import (
    PASSWORD,
    REQUIRED_AREAS,
    check_a11y,
    login,
    seed_company,
    seed_partial_company,
    send_empty,
)

# The pages' markup does not depend on the database, and axe is the slowest part of the suite
# (about a second a page on a 2-core machine): the sweep runs on SQLite only, while the journeys
# (test_journey.py) run on every backend.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

ADMIN_EMAIL = "admin@programme.example"


def visit(page, path: str, status: int = 200) -> None:
    response = page.goto(path)
    assert response is not None and response.status == status, (
        f"{path}: {response.status if response else 'no response'}, expected {status}")
    check_a11y(page, path)


def reset_token(email: str) -> str:
    return make_reset_token(find_user_by_email(email))


def test_public_and_login_pages(new_page, live_server):
    partial = live_server.run(seed_partial_company)
    token = live_server.run(reset_token, partial["email"])
    page = new_page()

    for path in ("/", "/privacy", "/accessibility", "/login", "/password/forgot",
                 f"/password/reset/{token}", "/company/register"):
        visit(page, path)
    visit(page, "/no/such/page", status=404)

    # Forms sent empty: every error showing, in the summary and at each field.
    for path in ("/company/register", "/login", "/password/forgot", f"/password/reset/{token}"):
        page.goto(path)
        send_empty(page)
        check_a11y(page, f"{path} with errors")


def test_company_pages(new_page, live_server):
    partial = live_server.run(seed_partial_company)
    complete = live_server.run(seed_company, answered=REQUIRED_AREAS)
    submitted = live_server.run(seed_company, answered=REQUIRED_AREAS, submit=True)

    # A draft with gaps: status, every step, the review listing what is missing, own data.
    page = new_page()
    login(page, partial["email"])
    visit(page, "/company/")
    for area in _area_keys(page):
        visit(page, f"/company/questionnaire/{area}")
    # A step saved with a button shows a message at the top.
    page.locator("button[name=nav][value=stay]").click()
    page.wait_for_load_state()
    expect(page.locator(".flash-success")).to_be_visible()
    check_a11y(page, "questionnaire step after save")
    visit(page, "/company/questionnaire/review")
    expect(page.locator(".error-summary")).to_be_visible()
    visit(page, "/company/details")
    page.fill("#municipality", "")
    page.fill("#contact_email", "inte en adress")
    send_empty(page)
    check_a11y(page, "details with errors")
    visit(page, "/company/erase")
    page.fill("#password", "fel lösenord")
    send_empty(page)
    check_a11y(page, "erase with a wrong password")
    page.context.close()

    # Complete but not yet submitted: the review has nothing missing.
    page = new_page()
    login(page, complete["email"])
    visit(page, "/company/questionnaire/review")
    expect(page.locator(".error-summary")).to_have_count(0)
    page.context.close()

    # Submitted, with suggestions.
    page = new_page()
    login(page, submitted["email"])
    visit(page, "/company/")
    assert page.locator(".cards .card").count() > 0
    visit(page, "/company/questionnaire/review")
    visit(page, "/company/questionnaire/nonexistent", status=404)


def test_english_pages(new_page, live_server):
    """Every page above is checked in Swedish; the English texts on a sample of them."""
    live_server.run(create_staff_user, ADMIN_EMAIL, "admin", PASSWORD, "Ada Admin")
    partial = live_server.run(seed_partial_company)
    submitted = live_server.run(seed_company, answered=REQUIRED_AREAS, submit=True)
    page = new_page(locale="en-US")
    visit(page, "/")
    visit(page, "/company/register")
    send_empty(page)
    check_a11y(page, "register with errors")
    login(page, partial["email"])
    visit(page, "/company/questionnaire/automation")
    visit(page, "/company/questionnaire/review")
    page.context.close()

    page = new_page(locale="en-US")
    login(page, submitted["email"])
    visit(page, "/company/")
    page.context.close()

    page = new_page(locale="en-US")
    login(page, ADMIN_EMAIL)
    visit(page, "/coordinator/")
    visit(page, f"/coordinator/companies/{submitted['id']}")


def _area_keys(page) -> list[str]:
    """The steps, as the step list of the questionnaire links them."""
    page.goto("/company/questionnaire/digitalisation")
    hrefs = page.locator(".stepper a").evaluate_all("as => as.map(a => a.pathname)")
    return [h.rsplit("/", 1)[1] for h in hrefs if not h.endswith("/review")]


def coordinator_paths(app, company_id: int) -> list[str]:
    """Every GET page of the coordinator blueprint that takes no arguments, plus each page
    about one company (`/coordinator/companies/<id>...`), for `company_id`."""
    paths = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("coordinator.") or "GET" not in rule.methods:
                continue
            if not rule.arguments:
                paths.append(url_for(rule.endpoint))
            elif rule.rule.startswith("/coordinator/companies/<") and len(rule.arguments) == 1:
                (name,) = rule.arguments
                paths.append(url_for(rule.endpoint, **{name: company_id}))
    return sorted(set(paths))


def is_html(page, path: str) -> bool:
    """Exports (Excel, CSV, JSON) are downloads, not pages: only HTML pages are checked."""
    response = page.request.get(path)
    return response.headers.get("content-type", "").startswith("text/html")


def page_kind(adapter, path: str) -> tuple | None:
    """What makes a page a page of its own: its endpoint and its non-numeric arguments (the
    catalogue's kind, say), not the id of the row it shows."""
    try:
        endpoint, args = adapter.match(urlsplit(path).path, method="GET")
    except HTTPException:
        return None
    if not endpoint.startswith("coordinator."):
        return None
    return (endpoint, *sorted((k, v) for k, v in args.items() if not isinstance(v, int)))


def test_coordinator_pages(new_page, live_server):
    """The coordinator pages in the URL map, and every other coordinator page their links
    lead to (one of each kind: the catalogue's lists and forms, say), with axe."""
    live_server.run(create_staff_user, ADMIN_EMAIL, "admin", PASSWORD, "Ada Admin")
    live_server.run(seed_partial_company)
    submitted = live_server.run(seed_company, answered=REQUIRED_AREAS, submit=True)
    queue = coordinator_paths(live_server.app, submitted["id"])
    assert "/coordinator/" in queue
    adapter = live_server.app.url_map.bind("127.0.0.1")

    page = new_page()
    login(page, ADMIN_EMAIL)
    failures, checked, seen = [], [], set()
    while queue:
        path = queue.pop(0)
        kind = page_kind(adapter, path)
        if kind is None or kind in seen:
            continue
        seen.add(kind)
        if not is_html(page, path):
            continue
        response = page.goto(path)
        if response is None or response.status != 200:
            failures.append(f"{path}: HTTP {response.status if response else 'no response'}")
            continue
        checked.append(path)
        try:
            check_a11y(page, path)
        except AssertionError as error:
            failures.append(str(error))
        queue.extend(page.locator("a[href^='/coordinator/']:not([download])").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"))
    print(f"{len(checked)} coordinator pages checked:", ", ".join(checked))
    assert not failures, "\n\n".join(failures)
