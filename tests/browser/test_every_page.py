"""Every page a company and a coordinator can reach with the demo data, at 1280×800 and at
390×844, in Swedish and in English: no page scrolls sideways, and axe-core finds nothing.

The demo is loaded as a new user loads it (`flask --app wsgi demo load`), and the logins are
read from what it prints. Coordinator pages are found by following links from the inbox: one of
each kind (a catalogue list, a form, ...), and a review page for a company in every state, since
those differ most. Companies are visited in every state too.
"""

from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from intake.extensions import db
from intake.models import Company
from tests.browser.helpers import check_a11y, scroll_width
from tests.intake.survey.helpers import links_by_recipient, path_of
from tests.intake.test_demo import printed_logins

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PUBLIC = ("/", "/privacy", "/accessibility", "/login", "/password/forgot", "/company/register")
# The demo companies whose pages differ: a draft, waiting, under review, decided, booked.
COMPANY_STATES = ("karl@", "hanna@", "frida@", "eva@", "asa@")
COMPANY_PAGES = ("/company/", "/company/questionnaire/review")
DRAFT_PAGES = tuple(f"/company/questionnaire/{a}" for a in (
    "digitalisation", "automation", "productivity", "business_model", "competence",
    "sustainability")) + ("/company/details", "/company/erase")


@pytest.fixture
def demo(live_server, mailbox):
    live_server.app.config["LOGIN_RATE_LIMIT"] = "1000 per minute"
    result = live_server.app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    logins = printed_logins(result.stdout)
    # The finished series' follow-up surveys, as a company opens them from its mail.
    live_server.app.test_cli_runner().invoke(args=["surveys", "send-due"])
    survey = [path_of(links[0]) for links in links_by_recipient(mailbox).values()][:1]
    assert survey, "demo load left no survey due"

    def review_pages():
        by_status = {}
        for company in db.session.query(Company).order_by(Company.id):
            by_status.setdefault(company.current_intake.status, company.id)
        return [f"/coordinator/companies/{cid}" for cid in by_status.values()]

    return {"logins": logins, "reviews": live_server.run(review_pages),
            "surveys": [*survey, "/survey/thanks", "/survey/" + "A" * 43]}


def _state(browser, live_server, email: str, password: str) -> dict:
    """Log in once; every size and language then reuses the session."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, f"{email} could not log in"
    state = context.storage_state()
    context.close()
    return state


def _kind(adapter, path: str):
    """What makes a coordinator page a page of its own: its endpoint and its non-numeric
    arguments; a review page is its own kind per company (they differ by state)."""
    try:
        endpoint, args = adapter.match(urlsplit(path).path, method="GET")
    except HTTPException:
        return None
    if not endpoint.startswith(("coordinator.", "admin.")):
        return None
    if endpoint == "coordinator.review":
        return (endpoint, args["company_id"])
    return (endpoint, *sorted((k, v) for k, v in args.items() if not isinstance(v, int)))


def _check(page, path: str, width: int, failures: list) -> bool:
    """Visit an HTML page and record what is wrong with it; False for a download."""
    if not page.request.get(path).headers.get("content-type", "").startswith("text/html"):
        return False
    response = page.goto(path)
    if response is None or response.status != 200:
        failures.append(f"{path}: HTTP {response.status if response else 'none'}")
        return False
    wide = scroll_width(page)
    if wide > width:
        failures.append(f"{path}: {wide} px wide in a {width} px window")
    try:
        check_a11y(page, path)
    except AssertionError as error:
        failures.append(str(error))
    return True


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("locale", ["sv-SE", "en-US"])
def test_every_page_fits_and_passes_axe(browser, new_page, live_server, demo, size, locale):
    viewport = SIZES[size]
    logins = demo["logins"]
    failures, visited = [], []

    def open_page(state=None):
        return new_page(locale=locale, phone=size == "phone", viewport=viewport,
                        storage_state=state)

    page = open_page()
    for path in PUBLIC:
        if _check(page, path, viewport["width"], failures):
            visited.append(path)
    page.context.close()

    page = open_page()
    for path in demo["surveys"]:
        # An unknown link answers 404 on purpose; it must still fit and pass axe.
        page.goto(path)
        if scroll_width(page) > viewport["width"]:
            failures.append(f"{path}: wider than {viewport['width']} px")
        try:
            check_a11y(page, path)
        except AssertionError as error:
            failures.append(str(error))
        visited.append(path)
    page.context.close()

    for prefix in COMPANY_STATES:
        email = next(e for e in logins["companies"] if e.startswith(prefix))
        page = open_page(_state(browser, live_server, email, logins["company_password"]))
        paths = COMPANY_PAGES + (DRAFT_PAGES if prefix == COMPANY_STATES[0] else ())
        for path in paths:
            if _check(page, path, viewport["width"], failures):
                visited.append(f"{prefix} {path}")
        page.context.close()

    page = open_page(_state(browser, live_server, *logins["coordinator"]))
    adapter = live_server.app.url_map.bind("127.0.0.1")
    queue, seen = ["/coordinator/", *demo["reviews"]], set()
    while queue:
        path = queue.pop(0)
        kind = _kind(adapter, path)
        if kind is None or kind in seen or (kind[0] == "coordinator.review"
                                            and path not in demo["reviews"]):
            continue
        seen.add(kind)
        if not _check(page, path, viewport["width"], failures):
            continue
        visited.append(path)
        queue.extend(page.locator("a[href^='/coordinator/']:not([download])").evaluate_all(
            "links => links.map(a => a.getAttribute('href').split('#')[0])"))
    page.context.close()

    print(f"{len(visited)} pages at {size} in {locale}:", ", ".join(visited))
    assert len(visited) > 40
    assert not failures, "\n\n".join(failures)
