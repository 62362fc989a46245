"""Configuration from the environment; production refuses to start without a secret key."""

import pytest

from intake import create_app
from intake.config import ConfigError, database_url, from_environment


def test_production_without_secret_key_is_an_error(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INTAKE_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        from_environment(str(tmp_path))


def test_development_generates_a_key_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("INTAKE_ENV", raising=False)
    first = from_environment(str(tmp_path))["SECRET_KEY"]
    second = from_environment(str(tmp_path))["SECRET_KEY"]
    assert first == second and len(first) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_defaults_to_sqlite_under_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url(str(tmp_path)) == f"sqlite:///{tmp_path}/intake.sqlite3"


def test_postgres_urls_use_psycopg3(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db/x")
    assert database_url(str(tmp_path)) == "postgresql+psycopg://u@db/x"


def test_mail_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MAIL_SERVER", "smtp.region.se")
    monkeypatch.setenv("MAIL_PORT", "587")
    monkeypatch.setenv("MAIL_USE_TLS", "true")
    config = from_environment(str(tmp_path))
    assert (config["MAIL_SERVER"], config["MAIL_PORT"], config["MAIL_USE_TLS"]) == (
        "smtp.region.se", 587, True)


def test_test_config_overrides_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nowhere/none")
    app = create_app({"SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"


def test_the_registration_limit_can_be_raised_for_a_site(monkeypatch, tmp_path):
    """A kick-off where a dozen companies register on one network needs more than ten."""
    monkeypatch.setenv("REGISTRATION_RATE_LIMIT", "60 per hour")
    assert from_environment(str(tmp_path))["REGISTRATION_RATE_LIMIT"] == "60 per hour"
    monkeypatch.delenv("REGISTRATION_RATE_LIMIT")
    assert from_environment(str(tmp_path))["REGISTRATION_RATE_LIMIT"] == "10 per hour"


def test_a_registration_limit_that_is_no_limit_stops_the_start(monkeypatch, tmp_path):
    monkeypatch.setenv("REGISTRATION_RATE_LIMIT", "sixty an hour")
    with pytest.raises(ConfigError, match="REGISTRATION_RATE_LIMIT.*10 per hour"):
        from_environment(str(tmp_path))
