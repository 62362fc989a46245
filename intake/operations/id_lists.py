"""`column IN (ids)` that PostgreSQL receives as one statement, whatever the number of ids.

SQLAlchemy writes an IN list as one parameter per value, afresh on every execution. psycopg
parses a statement of more than 50 parameters anew each time, never prepares a statement whose
text changes with the number of ids, and PostgreSQL then plans it anew too: for the inbox's
queries by the page's 50 ids, a tenth of the page's CPU. On PostgreSQL the ids go as one array
parameter (`column = ANY(%(ids)s)`), one statement text for any page; elsewhere (SQLite) as an
IN list, as before.
"""

from collections.abc import Iterable

from sqlalchemy import ColumnElement, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY

from intake.extensions import db


def among(column, values: Iterable) -> ColumnElement[bool]:
    """The condition that `column` is one of `values` (ids of the same type as the column)."""
    values = list(values)
    if db.engine.dialect.name != "postgresql":
        return column.in_(values)
    return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
