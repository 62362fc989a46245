"""On PostgreSQL a transaction begins at the first statement that needs one.

A page that only reads needs no transaction: under READ COMMITTED each statement sees its own
snapshot either way. Yet psycopg sent BEGIN before a page's first query and Flask-SQLAlchemy
ended every page with ROLLBACK: two round trips per page, and the ROLLBACK made psycopg forget
its prepared statements, so PostgreSQL planned every query afresh. So connections run in
autocommit (`database.engine_options`), and the first statement that may change anything or take
a lock, anything but a plain SELECT or SHOW, is preceded by BEGIN. From there the session's
commit or rollback ends the transaction as before: what a request writes is still committed or
rolled back as a whole, and a row locked with FOR UPDATE stays locked until then.

A connection given `isolation_level="AUTOCOMMIT"` explicitly (VACUUM, CREATE DATABASE) is left
alone.
"""

import re

from flask import Flask
from psycopg.pq import TransactionStatus
from sqlalchemy import event

from intake.extensions import db

_PLAIN_READ = re.compile(r"\s*(SELECT|SHOW)\b", re.IGNORECASE)
_LOCKING = re.compile(r"\bFOR\s+(UPDATE|NO\s+KEY\s+UPDATE|SHARE|KEY\s+SHARE)\b", re.IGNORECASE)


def needs_transaction(statement: str) -> bool:
    """Whether a statement may write or lock: whether it must run inside a transaction."""
    return not _PLAIN_READ.match(statement) or bool(_LOCKING.search(statement))


def _begin_before_writing(engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def begin(conn, cursor, statement, parameters, context, executemany):
        if conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return  # autocommit asked for by name: statements that cannot run in a transaction
        if (cursor.connection.info.transaction_status == TransactionStatus.IDLE
                and needs_transaction(statement)):
            cursor.execute("BEGIN")


def init_app(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return  # SQLite's driver begins its transactions at the first write itself
    with app.app_context():
        _begin_before_writing(db.engine)
