"""Bounded waits on the database, and a polite 503 when it is down or hung.

PostgreSQL gets a connect timeout (DB_CONNECT_TIMEOUT), a server-side statement timeout
(DB_STATEMENT_TIMEOUT), TCP keepalives, and the watchdog's client-side deadline for a server
that stops answering. Connections are checked before use, under the same deadline, so a
restarted database costs no request an error. Every database failure becomes a 503 page in the
user's language, in the site's layout, without touching the database again to draw it.
"""

import contextlib
import math
import time

from flask import Flask, g
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from intake.extensions import db, login_manager
from intake.serving.watchdog import watchdog

UNAVAILABLE = _l("The service is temporarily unavailable. Nothing you saved is lost; please "
                 "try again in a minute.")
PING_AFTER = 2.0  # seconds idle in the pool after which a connection is checked before use


def engine_options(config) -> dict:
    url = config["SQLALCHEMY_DATABASE_URI"]
    connect = float(config["DB_CONNECT_TIMEOUT"])
    statement_ms = int(float(config["DB_STATEMENT_TIMEOUT"]) * 1000)
    if url.startswith("postgresql"):
        return {
            # Transactions begin at the first write, not the first query: lazy_transactions.
            "isolation_level": "AUTOCOMMIT",
            "pool_timeout": connect,
            "connect_args": {
                "connect_timeout": max(1, math.ceil(connect)),
                "options": f"-c statement_timeout={statement_ms}",
                "keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10,
                "keepalives_count": 3,
                # unacknowledged data for this long means the server is gone
                "tcp_user_timeout": statement_ms + 5000,
            },
        }
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": float(config["DB_STATEMENT_TIMEOUT"])}}
    return {"pool_pre_ping": True}


def configure(app: Flask) -> None:
    options = engine_options(app.config)
    options.update(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _watch(engine, config) -> None:
    connect = float(config["DB_CONNECT_TIMEOUT"])
    statement = float(config["DB_STATEMENT_TIMEOUT"]) + 2

    @event.listens_for(engine, "before_cursor_execute")
    def arm(conn, cursor, statement_text, parameters, context, executemany):
        watchdog.arm(conn.connection.dbapi_connection, statement)

    @event.listens_for(engine, "after_cursor_execute")
    def disarm(conn, cursor, statement_text, parameters, context, executemany):
        watchdog.disarm(conn.connection.dbapi_connection)

    @event.listens_for(engine, "handle_error")
    def disarm_on_error(context):
        if context.connection is not None and context.connection.connection is not None:
            dbapi = context.connection.connection.dbapi_connection
            if dbapi is not None:
                watchdog.disarm(dbapi)

    @event.listens_for(engine.pool, "checkin")
    def checked_in(dbapi_connection, record):
        if dbapi_connection is not None:
            record.info["checked_in"] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def ping(dbapi_connection, record, proxy):
        """pool_pre_ping, under a deadline: a hung server must not hang the ping.

        A connection back in the pool for less than PING_AFTER seconds is not pinged: under
        load that saves two round trips per request, and a database that died in that moment
        costs one 503 before the pool notices.
        """
        if time.monotonic() - record.info.get("checked_in", 0) < PING_AFTER:
            return
        watchdog.arm(dbapi_connection, connect)
        try:
            cursor = dbapi_connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
        except Exception as error:
            raise DisconnectionError from error  # the pool retries with a new connection
        finally:
            watchdog.disarm(dbapi_connection)


def unavailable_page():
    from intake.web.errors import render_error

    with contextlib.suppress(Exception):  # the connection is broken; the pool discards it
        db.session.rollback()
    # Drawing the page must not ask the database who is logged in.
    g._login_user = login_manager.anonymous_user()
    response, status = render_error(503, UNAVAILABLE)
    return response, status, {"Retry-After": "30"}


def init_app(app: Flask) -> None:
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        with app.app_context():
            _watch(db.engine, app.config)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def database_unavailable(error):
        app.logger.error("Database unavailable: %s", str(error).splitlines()[0][:300])
        return unavailable_page()
