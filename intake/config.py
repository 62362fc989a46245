"""Configuration: defaults here, the environment on top, a test mapping over both."""

import os
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    """The app cannot start safely with the configuration it was given."""


def database_url(instance_path: str) -> str:
    """`DATABASE_URL`, with plain PostgreSQL URLs pointed at the psycopg 3 driver."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "intake.sqlite3")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def secret_key(instance_path: str, production: bool) -> str:
    """The env's `SECRET_KEY`; in development one generated once and kept under instance/."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise ConfigError("SECRET_KEY must be set in production (INTAKE_ENV=production).")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def from_environment(instance_path: str) -> dict:
    production = os.environ.get("INTAKE_ENV", "development") == "production"
    return {
        "PRODUCTION": production,
        "SECRET_KEY": secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS"),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "noreply@intake.invalid"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "MATCHER_DIR": os.environ.get("MATCHER_DIR") or str(Path(instance_path) / "matcher"),
        "MATCHER_REFIT": os.environ.get("MATCHER_REFIT", "background"),
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
    }


DEFAULTS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    # A company may keep a questionnaire step open for hours: the token lives with the session.
    "WTF_CSRF_TIME_LIMIT": None,
    "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
    "BABEL_DEFAULT_LOCALE": "sv",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
    "LANGUAGES": ("sv", "en"),
    "LOGIN_RATE_LIMIT": "10 per minute;50 per hour",
    "MAIL_RATE_LIMIT": "5 per hour",
    "PASSWORD_RESET_MAX_AGE": 3600,
    "PAGE_SIZE": 50,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    # Where fitted matchers are saved (one file per catalogue version, loaded memory-mapped by
    # every process on the host); None keeps them in memory only. "background" refits after a
    # catalogue change beside the serving processes; "inline" fits at once (tests, the CLI).
    "MATCHER_DIR": None,
    "MATCHER_REFIT": "inline",
}
