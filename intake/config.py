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


SECRET_KEY_MIN_BYTES = 32


def secret_key(instance_path: str, production: bool) -> str:
    """The env's `SECRET_KEY`; in development one generated once and kept under instance/."""
    key = os.environ.get("SECRET_KEY")
    if production and len((key or "").encode()) < SECRET_KEY_MIN_BYTES:
        # A short key can be guessed offline from one signed cookie or reset link.
        raise ConfigError(f"SECRET_KEY must be set to at least {SECRET_KEY_MIN_BYTES} bytes in "
                          "production (INTAKE_ENV=production); generate one with "
                          "`python3 -c 'import secrets; print(secrets.token_urlsafe(48))'`.")
    if key:
        return key
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


def _number(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return float(value)
    except ValueError as error:
        raise ConfigError(f"{name} must be a number, not {value!r}.") from error


def base_url(production: bool) -> str:
    """Where every link in every e-mail points; never taken from a request's Host header."""
    url = os.environ.get("BASE_URL", "").strip().rstrip("/")
    if not url:
        if production:
            raise ConfigError("BASE_URL must be set in production, e.g. https://intake.region.se")
        return DEFAULTS["BASE_URL"]
    if not url.startswith(("http://", "https://")) or "//" not in url:
        raise ConfigError(f"BASE_URL must start with https:// (or http://), not {url!r}.")
    return url


def _rate_limit(name: str) -> str:
    """A limit in Flask-Limiter's notation ("10 per hour", "20/hour;100/day"), checked now:
    a typo would otherwise answer 500 at the first request it limits."""
    from limits import parse_many

    value = os.environ.get(name, "").strip()
    if not value:
        return DEFAULTS[name]
    try:
        parse_many(value)
    except ValueError as error:
        raise ConfigError(f"{name} must be a rate limit such as '10 per hour' or "
                          f"'20/hour;100/day', not {value!r}.") from error
    return value


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def from_environment(instance_path: str) -> dict:
    production = os.environ.get("INTAKE_ENV", "development") == "production"
    return {
        "PRODUCTION": production,
        "SECRET_KEY": secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "BASE_URL": base_url(production),
        "TRUSTED_HOSTS_EXTRA": _list("TRUSTED_HOSTS"),
        "PROXY_COUNT": int(_number("PROXY_COUNT", 0)),
        "DB_CONNECT_TIMEOUT": _number("DB_CONNECT_TIMEOUT", DEFAULTS["DB_CONNECT_TIMEOUT"]),
        "DB_STATEMENT_TIMEOUT": _number("DB_STATEMENT_TIMEOUT",
                                        DEFAULTS["DB_STATEMENT_TIMEOUT"]),
        "MAIL_TIMEOUT": _number("MAIL_TIMEOUT", DEFAULTS["MAIL_TIMEOUT"]),
        "STAFF_IDLE_TIMEOUT": _number("STAFF_IDLE_TIMEOUT", DEFAULTS["STAFF_IDLE_TIMEOUT"]),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS"),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "noreply@intake.invalid"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "REGISTRATION_RATE_LIMIT": _rate_limit("REGISTRATION_RATE_LIMIT"),
        "MATCHER_DIR": os.environ.get("MATCHER_DIR") or str(Path(instance_path) / "matcher"),
        "MATCHER_REFIT": os.environ.get("MATCHER_REFIT", "background"),
        "MATCHER_FEEDBACK_LAG": int(os.environ.get("MATCHER_FEEDBACK_LAG", "200")),
        "SURVEY_REMINDER_DAYS": int(_number("SURVEY_REMINDER_DAYS",
                                            DEFAULTS["SURVEY_REMINDER_DAYS"])),
        "SURVEY_SECOND_WAVE_DAYS": int(_number("SURVEY_SECOND_WAVE_DAYS",
                                               DEFAULTS["SURVEY_SECOND_WAVE_DAYS"])),
        "SURVEY_LINK_DAYS": int(_number("SURVEY_LINK_DAYS", DEFAULTS["SURVEY_LINK_DAYS"])),
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
    # Per client address; login attempts per account are LOGIN_ACCOUNT_RATE_LIMIT.
    "LOGIN_RATE_LIMIT": "30 per minute;200 per hour",
    "MAIL_RATE_LIMIT": "5 per hour",
    "PASSWORD_RESET_MAX_AGE": 3600,
    "PAGE_SIZE": 50,
    "REGISTRATION_RATE_LIMIT": "10 per hour",
    "LOGIN_ACCOUNT_RATE_LIMIT": "10 per minute",
    "RESET_ACCOUNT_RATE_LIMIT": "3 per hour",
    "RATELIMIT_STORAGE_URI": "memory://",
    # Said for every app: the limiter is one object, and unsaid it keeps what the last app set
    # (bench/sqlmap_app.py switches limits off).
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_HEADERS_ENABLED": True,
    # "10 per minute" means any 60 seconds: a fixed window let 20 through across a minute's edge.
    "RATELIMIT_STRATEGY": "moving-window",
    # With Redis unreachable: the same limits per process, a warning in the log, never a 500.
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    "RATELIMIT_SWALLOW_ERRORS": True,
    "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    # Links in e-mails; production must set BASE_URL (see README).
    "BASE_URL": "http://127.0.0.1:5000",
    "TRUSTED_HOSTS_EXTRA": [],
    "PROXY_COUNT": 0,
    # Seconds. A request must never wait longer than this for the database or the mail server.
    "DB_CONNECT_TIMEOUT": 3,
    "DB_STATEMENT_TIMEOUT": 10,
    "READY_TIMEOUT": 2,
    "MAIL_TIMEOUT": 5,
    # A coordinator's or admin's session ends after this many seconds without a request.
    "STAFF_IDLE_TIMEOUT": 30 * 60,
    "OUTBOX_MAX_ATTEMPTS": 12,
    "OUTBOX_RETRY_BASE": 60,
    "OUTBOX_RETRY_MAX": 3600,
    # Where fitted matchers are saved (one file per catalogue version, loaded memory-mapped by
    # every process on the host); None keeps them in memory only. "background" refits after a
    # catalogue change beside the serving processes; "inline" fits at once (tests, the CLI).
    "MATCHER_DIR": None,
    "MATCHER_REFIT": "inline",
    # Follow-up surveys: days between reminders (0: due now), to the second wave, a link's life.
    "SURVEY_REMINDER_DAYS": 7,
    "SURVEY_SECOND_WAVE_DAYS": 180,
    "SURVEY_LINK_DAYS": 60,
}
