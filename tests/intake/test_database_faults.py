"""The database refused or hung, then back: every page answers a 503 in the user's language, in
the site's layout, without a trace, within the timeouts; /readyz says so; the app recovers by
itself. On PostgreSQL through a TCP proxy that can refuse or hang; on SQLite a missing file."""

import threading

import pytest
from sqlalchemy.engine import make_url

from intake import create_app
from intake.extensions import db
from tests.conftest import RequestClient, make_config
from tests.factories import CompanyFactory
from tests.faults import TcpProxy
from tests.intake.helpers import logged_in

# Generous: a request that hangs fails the test here instead of hanging the suite.
LIVENESS_BOUND = 60


def _get(client, path, lang="en"):
    """GET in a thread, so that a request that never answers is a failure, not a hung suite."""
    result = {}

    def run():
        result["response"] = client.get(path, headers={"Accept-Language": lang})

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(LIVENESS_BOUND)
    assert not worker.is_alive(), f"GET {path} did not answer: the database wait is unbounded"
    return result["response"]


def _assert_unavailable(response, lang="en"):
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers.get("Retry-After")
    expected = ("temporarily unavailable" if lang == "en" else "tillfälligt otillgänglig")
    assert expected in page.lower()
    assert 'class="site-header"' in page and 'class="site-footer"' in page  # the layout
    assert "Traceback" not in page and "OperationalError" not in page and "psycopg" not in page


@pytest.fixture
def proxied(postgres_database_url, smtp_server):
    url = make_url(postgres_database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    through = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    app = create_app(make_config(through, smtp_server, DB_CONNECT_TIMEOUT=1,
                                 DB_STATEMENT_TIMEOUT=1, READY_TIMEOUT=2))
    app.test_client_class = RequestClient
    with app.app_context():
        company = CompanyFactory(app).create()
        db.session.remove()
    yield app, proxy, company
    proxy.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("fault", ["hang", "refuse"])
def test_a_database_that_hangs_or_refuses_gives_503_then_recovers(proxied, fault):
    app, proxy, company = proxied
    client = app.test_client()
    logged_in(client, company)
    probe = app.test_client()
    assert _get(client, "/company/").status_code == 200
    assert probe.get("/readyz").status_code == 200

    getattr(proxy, fault)()
    _assert_unavailable(_get(client, "/company/"))
    _assert_unavailable(_get(client, "/company/questionnaire/digitalisation", lang="sv"), "sv")
    anonymous = app.test_client()
    assert _get(anonymous, "/login").status_code == 200  # a page that needs no database works
    _assert_unavailable(anonymous.post("/login", data={"email": company.contact_email,
                                                       "password": "whatever"},
                                       headers={"Accept-Language": "en"}))
    assert _get(probe, "/readyz").status_code == 503
    assert probe.get("/healthz").status_code == 200  # the process itself is fine

    proxy.forward()
    assert _get(client, "/company/").status_code == 200  # the same login, recovered
    assert probe.get("/readyz").status_code == 200


def test_a_slow_statement_is_cut_by_the_statement_timeout(proxied):
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    app, _, _ = proxied
    with app.app_context(), pytest.raises(OperationalError, match="statement timeout"):
        db.session.execute(text("SELECT pg_sleep(5)"))


def test_sqlite_database_missing_gives_503_and_readyz_says_so(tmp_path, smtp_server):
    app = create_app(make_config(f"sqlite:///{tmp_path}/no/such/dir/db.sqlite3", smtp_server))
    app.test_client_class = RequestClient
    client = app.test_client()
    _assert_unavailable(client.post("/login", data={"email": "a@b.se", "password": "x"},
                                    headers={"Accept-Language": "sv"}), "sv")
    _assert_unavailable(client.post("/password/forgot", data={"email": "a@b.se"},
                                    headers={"Accept-Language": "en"}))
    assert client.get("/readyz").status_code == 503
    assert client.get("/healthz").status_code == 200


def test_readyz_is_ready_with_a_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json == {"status": "ready"}
