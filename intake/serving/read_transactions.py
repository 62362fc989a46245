"""A request that only read ends its transaction with COMMIT instead of ROLLBACK.

To PostgreSQL the two are the same for a transaction that wrote nothing, but psycopg forgets
every prepared statement of a connection on ROLLBACK, and Flask-SQLAlchemy ends every request
with one: so no query was ever prepared, and PostgreSQL planned every page's queries afresh
(the login's five-table query took longer to plan than to run). A transaction that executed
anything but a SELECT, that holds changes not yet flushed, or whose request failed is rolled
back as before.
"""

import contextlib
import re

from flask import Flask
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError

from intake.extensions import db

_READ = re.compile(r"\s*SELECT\b", re.IGNORECASE)
WROTE = "intake_transaction_wrote"  # in the connection's info while its transaction lasts


def only_read() -> bool:
    """Whether the session's open transaction executed nothing but SELECTs and holds no
    change that a commit would flush."""
    if not db.session.registry.has():
        return False  # no session in this context: nothing to end
    session = db.session()
    if not session.in_transaction() or session.new or session.dirty or session.deleted:
        return False
    return not session.connection().info.get(WROTE)


def _track_writes(engine) -> None:
    @event.listens_for(engine, "begin")
    def began(conn):
        conn.info.pop(WROTE, None)

    @event.listens_for(engine, "before_cursor_execute")
    def executing(conn, cursor, statement, parameters, context, executemany):
        if not _READ.match(statement):
            conn.info[WROTE] = True


def init_app(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return  # the prepared statements are psycopg's
    with app.app_context():
        _track_writes(db.engine)

    @app.teardown_appcontext
    def commit_what_only_read(error) -> None:
        # Registered after Flask-SQLAlchemy's own teardown, so it runs before it (Flask runs
        # them in reverse); that one then closes the session as always.
        if error is not None:
            return
        # A session its own failure left unusable is rolled back by that teardown.
        with contextlib.suppress(SQLAlchemyError):
            if only_read():
                db.session.commit()
