"""What it takes to serve the app for real: the right hosts behind a proxy, bounded waits on the
database, health checks, and answers that stay polite when a dependency is away."""

from flask import Flask


def configure(app: Flask) -> None:
    """Settings derived from the configuration; must run before the extensions are attached."""
    from intake.serving import database

    database.configure(app)


def init_app(app: Flask) -> None:
    from intake.serving import database, health, hosts, lazy_transactions, limits

    hosts.init_app(app)
    database.init_app(app)
    lazy_transactions.init_app(app)
    health.init_app(app)
    limits.init_app(app)
