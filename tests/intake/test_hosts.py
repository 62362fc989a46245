"""Links in mail point at BASE_URL whatever Host a request names; production answers only for
its own host; behind PROXY_COUNT proxies the client's real address counts; weak keys refused."""

import re

import pytest

from intake import create_app
from intake.config import ConfigError, from_environment
from tests.conftest import RequestClient, make_config

BASE = "https://intake.region.example"


@pytest.fixture
def production_app(database_url, smtp_server):
    app = create_app(make_config(database_url, smtp_server, PRODUCTION=True, BASE_URL=BASE,
                                 TRUSTED_HOSTS_EXTRA=["intake-2.region.example"]))
    app.test_client_class = RequestClient
    with app.app_context():
        yield app


def _reset_link(mailbox) -> str:
    return re.search(r"\S+/password/reset/\S+", mailbox[-1].get_content()).group(0)


def test_a_reset_link_follows_base_url_not_the_host_header(app, client, company_factory,
                                                           mailbox):
    app.config["BASE_URL"] = BASE
    company = company_factory.create()
    client.post("/password/forgot", data={"email": company.contact_email},
                headers={"Host": "evil.example"})
    assert _reset_link(mailbox).startswith(BASE + "/password/reset/")
    assert "evil.example" not in mailbox[-1].get_content()


def test_production_refuses_a_foreign_host(production_app):
    client = production_app.test_client()
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400
    response = client.post("/password/forgot", data={"email": "a@b.se"},
                           headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert client.get("/login", base_url=BASE).status_code == 200
    assert client.get("/login", base_url="https://intake-2.region.example").status_code == 200


def test_behind_a_proxy_the_forwarded_client_address_is_limited(database_url, smtp_server):
    app = create_app(make_config(database_url, smtp_server, PROXY_COUNT=1,
                                 LOGIN_RATE_LIMIT="2 per minute"))
    app.test_client_class = RequestClient
    with app.app_context():
        client = app.test_client()
        accounts = iter(range(100))  # another account each time: only the address's limit

        def log_in(address):
            return client.post("/login", data={"email": f"n{next(accounts)}@verkstad.se",
                                               "password": "wrong"},
                               headers={"X-Forwarded-For": address}).status_code

        assert [log_in("203.0.113.7") for _ in range(3)] == [200, 200, 429]
        assert log_in("198.51.100.4") == 200  # another client behind the same proxy


def test_without_a_proxy_forwarded_headers_are_ignored(database_url, smtp_server):
    app = create_app(make_config(database_url, smtp_server, LOGIN_RATE_LIMIT="2 per minute"))
    app.test_client_class = RequestClient
    with app.app_context():
        client = app.test_client()
        statuses = [client.post("/login", data={"email": f"n{i}@verkstad.se",
                                                "password": "wrong"},
                                headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
                    for i in range(3)]
        assert statuses == [200, 200, 429]  # a forged header does not make a new client


def _production_env(monkeypatch, **env):
    monkeypatch.setenv("INTAKE_ENV", "production")
    monkeypatch.setenv("BASE_URL", BASE)
    monkeypatch.setenv("SECRET_KEY", "k" * 32)
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


def test_production_refuses_a_short_secret_key(monkeypatch, tmp_path):
    _production_env(monkeypatch, SECRET_KEY="x")
    with pytest.raises(ConfigError, match="32 bytes"):
        from_environment(str(tmp_path))
    _production_env(monkeypatch, SECRET_KEY="k" * 31)
    with pytest.raises(ConfigError, match="32 bytes"):
        from_environment(str(tmp_path))
    _production_env(monkeypatch)
    assert from_environment(str(tmp_path))["SECRET_KEY"] == "k" * 32


def test_production_requires_base_url(monkeypatch, tmp_path):
    _production_env(monkeypatch, BASE_URL=None)
    with pytest.raises(ConfigError, match="BASE_URL"):
        from_environment(str(tmp_path))
    _production_env(monkeypatch, BASE_URL="intake.region.example")
    with pytest.raises(ConfigError, match="BASE_URL"):
        from_environment(str(tmp_path))


def test_production_settings_from_the_environment(monkeypatch, tmp_path):
    _production_env(monkeypatch, TRUSTED_HOSTS="a.example, b.example", PROXY_COUNT="1",
                    DB_CONNECT_TIMEOUT="2", DB_STATEMENT_TIMEOUT="8", MAIL_TIMEOUT="4")
    config = from_environment(str(tmp_path))
    assert config["BASE_URL"] == BASE and config["TRUSTED_HOSTS_EXTRA"] == ["a.example",
                                                                           "b.example"]
    assert (config["PROXY_COUNT"], config["DB_CONNECT_TIMEOUT"], config["DB_STATEMENT_TIMEOUT"],
            config["MAIL_TIMEOUT"]) == (1, 2, 8, 4)
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
