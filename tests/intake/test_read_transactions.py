"""On PostgreSQL a request that only read ends with COMMIT, so psycopg keeps its prepared
statements and the database plans a page's queries once per connection instead of on every
page; whatever wrote, holds unsaved changes or failed is still rolled back."""

import pytest
from sqlalchemy import event, func, select, text, update

from intake.extensions import db
from intake.models import Company
from tests.conftest import _app, make_config
from tests.factories import CompanyFactory
from tests.intake.helpers import logged_in


@pytest.fixture
def pg_app(postgres_database_url, smtp_server):
    # One connection, so that every request below meets the statements the ones before it
    # prepared.
    yield from _app(make_config(postgres_database_url, smtp_server, SQLALCHEMY_ENGINE_OPTIONS={
        "pool_size": 1, "max_overflow": 0}))


@pytest.fixture
def endings(pg_app):
    """How each transaction on the engine ended, in order."""
    seen = []
    event.listen(db.engine, "commit", lambda conn: seen.append("commit"))
    event.listen(db.engine, "rollback", lambda conn: seen.append("rollback"))
    return seen


def test_the_login_query_is_prepared_after_a_few_pages(pg_app):
    company = CompanyFactory(pg_app).create()
    db.session.remove()
    client = pg_app.test_client()
    logged_in(client, company)  # a request that wrote, on the same connection
    for _ in range(8):
        assert client.get("/company/questionnaire/digitalisation").status_code == 200
    prepared = db.session.execute(text("SELECT statement FROM pg_prepared_statements")).scalars()
    assert any("login_sessions" in statement for statement in prepared)


def test_a_page_that_only_read_commits(pg_app, endings):
    company = CompanyFactory(pg_app).create()
    db.session.remove()
    client = pg_app.test_client()
    logged_in(client, company)
    endings.clear()
    assert client.get("/company/").status_code == 200
    assert endings == ["commit"]


@pytest.mark.parametrize("write", ["pending", "flushed", "statement"])
def test_what_wrote_is_still_rolled_back(pg_app, endings, write):
    company = CompanyFactory(pg_app).create()
    company_id, name = company.id, company.name
    db.session.remove()
    endings.clear()
    with pg_app.app_context():
        db.session.execute(select(func.count(Company.id))).scalar()
        target = db.session.get(Company, company_id)
        if write == "pending":
            target.name = "Ändrat men aldrig sparat AB"
        elif write == "flushed":
            target.name = "Ändrat men aldrig sparat AB"
            db.session.flush()
        else:
            db.session.execute(update(Company).where(Company.id == company_id)
                               .values(name="Ändrat men aldrig sparat AB"))
    assert endings == ["rollback"]
    assert db.session.get(Company, company_id).name == name


def test_a_failed_request_is_rolled_back(pg_app, endings):
    CompanyFactory(pg_app).create()
    db.session.remove()
    endings.clear()
    with pytest.raises(RuntimeError), pg_app.app_context():
        db.session.execute(select(Company)).all()
        raise RuntimeError("the view failed")
    assert endings == ["rollback"]
