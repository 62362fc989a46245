"""Which host the app answers as, and where its links point.

Mail links are built from BASE_URL, never from the request: a reset requested with a forged Host
header would otherwise mail the victim a link to the attacker's site. In production a request
for any other host is refused (400), and behind PROXY_COUNT proxies the client's address and
scheme are taken from the X-Forwarded-For / X-Forwarded-Proto headers those proxies set.
"""

from urllib.parse import urlsplit

from flask import Flask, current_app, has_request_context, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix


def external_url(endpoint: str, **values) -> str:
    """An absolute URL on BASE_URL, whatever host the current request named (or outside any
    request: a cron command's mail)."""
    base = current_app.config["BASE_URL"].rstrip("/")
    if has_request_context():
        return base + url_for(endpoint, _external=False, **values)
    with current_app.test_request_context(base_url=base):
        return base + url_for(endpoint, _external=False, **values)


def trusted_hosts(config) -> list[str]:
    host = urlsplit(config["BASE_URL"]).hostname
    return [h for h in [host, *config.get("TRUSTED_HOSTS_EXTRA", [])] if h]


def init_app(app: Flask) -> None:
    proxies = int(app.config.get("PROXY_COUNT") or 0)
    if proxies > 0:
        # X-Forwarded-Host is not trusted: nginx passes the client's Host, which is checked.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    if app.config.get("PRODUCTION") and app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)

    @app.errorhandler(SecurityError)
    def untrusted_host(error):
        # No page layout: building its links needs the very host that was refused.
        return _("Bad request: unknown host."), 400, {"Content-Type": "text/plain; charset=utf-8"}
