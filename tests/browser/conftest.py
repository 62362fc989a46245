"""Browser fixtures: one Playwright and one Chromium per session, a live server per test.

The app runs as in production (CSRF on) on the test's database (`database_url`: SQLite, and
PostgreSQL when TEST_POSTGRES_URL is set), served by Werkzeug in a daemon thread, with the demo
catalogue imported so that a submitted questionnaire gets suggestions. Every page a test opens
is watched: a 5xx response, a missing stylesheet or script, an uncaught script error or a console
error (a CSP violation shows up as one) fails the test.
"""

import threading
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from intake import create_app
from intake.extensions import db
from tests.conftest import make_config
from tests.factories import import_demo_catalogue

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000

# A failed load is reported on the console too: an error page's own 404 is expected, and the
# responses are checked instead (5xx anywhere, 4xx for the page's stylesheets, scripts, ...).
IGNORED_CONSOLE = ("Failed to load resource",)
ASSETS = {"stylesheet", "script", "image", "font"}


@pytest.fixture(scope="session")
def playwright():
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class LiveServer:
    app: object
    url: str

    def run(self, fn, *args, **kwargs):
        """Call `fn` inside the app context and commit, for setting up data behind the UI."""
        with self.app.app_context():
            try:
                result = fn(*args, **kwargs)
                db.session.commit()
                return result
            finally:
                db.session.remove()


@pytest.fixture
def live_server(database_url, smtp_server):
    app = create_app(make_config(database_url, smtp_server, WTF_CSRF_ENABLED=True))
    with app.app_context():
        import_demo_catalogue()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@dataclass
class PageWatch:
    """What went wrong on the pages of one test, checked when the test ends."""

    server_errors: list = field(default_factory=list)
    script_errors: list = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("response", self._response)
        page.on("pageerror", lambda error: self.script_errors.append(f"{page.url}: {error}"))
        page.on("console", lambda msg: self._console(page, msg))

    def _response(self, response) -> None:
        request = response.request
        broken_asset = response.status >= 400 and request.resource_type in ASSETS
        if response.status >= 500 or broken_asset:
            self.server_errors.append(f"{response.status} {request.method} {response.url}")

    def _console(self, page, msg) -> None:
        if msg.type == "error" and not msg.text.startswith(IGNORED_CONSOLE):
            self.script_errors.append(f"{page.url}: console: {msg.text}")


@pytest.fixture
def new_page(browser, live_server):
    """`new_page(locale="sv-SE", phone=False, viewport=None, storage_state=None)`: a page in a
    fresh browser context of its own.

    A fresh context has no cookies, so it is a new visit, as after closing the browser; a
    `storage_state` (from a context's `storage_state()`) brings a login along.
    """
    contexts = []
    watch = PageWatch()

    def open_page(locale: str = "sv-SE", phone: bool = False, viewport: dict | None = None,
                  storage_state: dict | None = None):
        context = browser.new_context(
            base_url=live_server.url, locale=locale,
            viewport=viewport or (PHONE if phone else DESKTOP),
            is_mobile=phone, has_touch=phone, device_scale_factor=1,
            storage_state=storage_state,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        watch.attach(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not watch.server_errors, "server errors:\n" + "\n".join(watch.server_errors)
    assert not watch.script_errors, "script errors:\n" + "\n".join(watch.script_errors)


@pytest.fixture
def page(new_page):
    """A Swedish desktop page."""
    return new_page()
