"""A condition on a list of ids selects exactly the listed rows on both databases, an empty list
none; on PostgreSQL the statement's text stays the same whatever the number of ids (one array
parameter), so psycopg need not parse it again and can prepare it."""

from sqlalchemy import event, select

from intake.extensions import db
from intake.models import Company
from intake.operations.id_lists import among


def _sent(app, ids) -> tuple[list[int], str]:
    """The ids selected and the statement sent for them."""
    statements = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        found = db.session.scalars(select(Company.id).where(among(Company.id, ids))
                                   .order_by(Company.id)).all()
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    return found, statements[-1]


def test_the_listed_ids_are_selected_however_many(app, company_factory):
    companies = [company_factory.create() for _ in range(3)]
    with app.app_context():
        wanted = sorted(c.id for c in companies[:2])
        missing = range(10**6, 10**6 + 70)  # more ids than psycopg caches a statement for

        assert _sent(app, wanted)[0] == wanted
        assert _sent(app, [*missing, *wanted])[0] == wanted
        assert _sent(app, [])[0] == []
        assert _sent(app, iter(wanted))[0] == wanted


def test_postgresql_sees_one_statement_for_any_number_of_ids(app, company_factory):
    company = company_factory.create()
    with app.app_context():
        _, few = _sent(app, [company.id])
        _, many = _sent(app, [company.id, *range(10**6, 10**6 + 70)])
        if db.engine.dialect.name == "postgresql":
            assert few == many
            assert "ANY" in few
        else:  # SQLite has no arrays: an IN list as SQLAlchemy writes it
            assert few != many
            assert " IN (" in few
