"""One writer at a time for a row: what keeps two requests from both taking the last seat or
both sending the same message."""

from sqlalchemy import select, text

from intake.extensions import db


def lock_row(model, row_id: int):
    """Lock the row until the transaction ends (PostgreSQL: SELECT ... FOR UPDATE; SQLite, which
    has no row locks: the database's write lock, taken by a no-op UPDATE) and return it fresh
    from the database; None if there is no such row."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text(f"UPDATE {model.__tablename__} SET id = id WHERE id = :id"),
                           {"id": row_id})
    return db.session.scalar(select(model).where(model.id == row_id)
                             .with_for_update().execution_options(populate_existing=True))
