"""Fixtures: an app on a migrated database (SQLite always, PostgreSQL when TEST_POSTGRES_URL is
set), a client, a CLI runner, a real SMTP server on loopback, and factories for companies."""

import os
import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis import settings
from sqlalchemy import create_engine, text

from intake import create_app
from intake.extensions import db
from tests import factories
from tests.smtp import SmtpSink

# In CI the property tests replay a fixed set of examples, so a run is repeatable; on a
# developer's machine they explore new ones each time.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def _migrate(url: str) -> None:
    app = create_app({"SECRET_KEY": "migrate", "SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=str(ROOT / "migrations"))
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One database migrated from scratch; every test gets a fresh copy of it."""
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    _migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The PostgreSQL test database, emptied and migrated from scratch once per run."""
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    _migrate(POSTGRES_URL)
    return POSTGRES_URL


_engines: dict = {}


def _empty_all(url: str) -> None:
    """Delete every row; on tables this small DELETE is much faster than TRUNCATE."""
    engine = _engines.setdefault(url, create_engine(url))
    with engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_url")
        _empty_all(url)
        yield url


@pytest.fixture
def postgres_database_url(request) -> str:
    """For tests that are about PostgreSQL itself: never parametrized over SQLite, and in CI
    (where TEST_POSTGRES_URL is set) never skipped."""
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set")
    url = request.getfixturevalue("postgres_url")
    _empty_all(url)
    return url


@pytest.fixture(scope="session")
def smtp_server():
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def mailbox(smtp_server):
    smtp_server.messages.clear()
    return smtp_server.messages


def make_config(database_url: str, smtp_server=None, **overrides) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": None,
        # Cheap hashing in tests: the production default (scrypt) is slow on purpose.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    if smtp_server is not None:
        config.update(MAIL_SERVER=smtp_server.host, MAIL_PORT=smtp_server.port,
                      MAIL_DEFAULT_SENDER="programme@test.invalid")
    config.update(overrides)
    return config


class RequestClient(FlaskClient):
    """A test client whose every request gets an app context, `g` and database session of its
    own, as in production. Without this a request would reuse the test's app context, and the
    test would see uncommitted changes and cached logins that a real request never could.
    Test code reading after a request should `db.session.expire_all()` (or refresh)."""

    def open(self, *args, **kwargs):
        # Buffered, as a WSGI server does: the response is closed once sent, which runs the
        # app's after-response work (the outbox's delivery).
        kwargs.setdefault("buffered", True)
        with self.application.app_context():
            return super().open(*args, **kwargs)


def _app(config: dict):
    app = create_app(config)
    app.test_client_class = RequestClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(database_url, smtp_server):
    yield from _app(make_config(database_url, smtp_server))


@pytest.fixture
def csrf_app(database_url, smtp_server):
    """The app as it runs for real: CSRF checked on every form."""
    yield from _app(make_config(database_url, smtp_server, WTF_CSRF_ENABLED=True))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def company_factory(app):
    return factories.CompanyFactory(app)


@pytest.fixture
def catalogue(app):
    """The demo catalogue (the evaluation catalogue), imported as `catalogue import` would."""
    factories.import_demo_catalogue()
    return app
