"""On PostgreSQL a page that only reads sends neither BEGIN nor COMMIT nor ROLLBACK, so psycopg
keeps its prepared statements; what writes is still one transaction, committed or rolled back as
a whole, and a row read FOR UPDATE stays locked until its end. What was sent is read from
libpq's own trace of the wire."""

import re

import psycopg
import pytest
from psycopg.pq import Trace
from sqlalchemy import event, func, select, text, update

from intake.extensions import db
from intake.models import AreaAnswer, Company
from intake.serving.lazy_transactions import needs_transaction
from tests.conftest import _app, make_config
from tests.factories import CompanyFactory
from tests.intake.helpers import logged_in

_MESSAGE = re.compile(r"^(?=[FB]\t\d+\t)", re.M)  # a message's query may span lines
_PARSE = re.compile(r'^ "[^"]*" "(.*)" \d+', re.S)
_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


@pytest.fixture
def pg_app(postgres_database_url, smtp_server):
    # One connection, so that every request below meets the statements the ones before it
    # prepared, and the trace below sees everything.
    yield from _app(make_config(postgres_database_url, smtp_server, SQLALCHEMY_ENGINE_OPTIONS={
        "pool_size": 1, "max_overflow": 0}))


def _messages(trace: str) -> list[tuple[str, str]]:
    """(message, statement) for each query, parse and execute the client sent."""
    sent = []
    for message in _MESSAGE.split(trace):
        parts = message.rstrip("\n").split("\t", 3)
        if len(parts) < 3 or parts[0] != "F" or parts[2] not in ("Query", "Parse", "Execute"):
            continue
        rest = parts[3] if len(parts) > 3 else ""
        if parts[2] == "Query":
            sent.append(("Query", rest.strip()[1:-1]))
        elif parts[2] == "Parse":
            sent.append(("Parse", _PARSE.match(rest).group(1)))
        else:
            sent.append(("Execute", ""))
    return sent


@pytest.fixture
def record(pg_app, tmp_path):
    """`stop = record()` traces what the app sends PostgreSQL from its next request on;
    `stop()` ends the trace and returns its messages."""

    def start():
        path = tmp_path / "wire.log"
        trace = path.open("wb")

        def attach(dbapi_connection, connection_record, proxy):
            dbapi_connection.pgconn.trace(trace.fileno())
            dbapi_connection.pgconn.set_trace_flags(Trace.SUPPRESS_TIMESTAMPS
                                                    | Trace.REGRESS_MODE)

        def stop() -> list[tuple[str, str]]:
            with pg_app.app_context():
                event.remove(db.engine, "checkout", attach)
                with db.engine.connect() as conn:  # the one connection: flush its trace
                    conn.connection.driver_connection.pgconn.untrace()
            trace.close()
            return _messages(path.read_text())

        with pg_app.app_context():
            event.listen(db.engine, "checkout", attach)
        return stop

    return start


def _control(sent) -> list[str]:
    return [statement for _, statement in sent if statement in _CONTROL]


@pytest.fixture
def company(pg_app):
    company = CompanyFactory(pg_app).create()
    db.session.remove()
    return company


def test_a_page_that_only_reads_sends_no_transaction(pg_app, company, record):
    client = logged_in(pg_app.test_client(), company)
    stop = record()
    for _ in range(3):
        assert client.get("/company/questionnaire/digitalisation").status_code == 200
    sent = stop()
    assert ("Execute", "") in sent  # it did query the database
    assert _control(sent) == []


def test_a_page_that_writes_is_one_transaction(pg_app, company, record):
    client = logged_in(pg_app.test_client(), company)
    stop = record()
    response = client.post("/company/questionnaire/automation",
                           data={"priority": "4", "nav": "autosave", "text": "Robotcell"},
                           headers={"X-Autosave": "1"})
    assert response.status_code == 204
    sent = stop()
    assert _control(sent) == ["BEGIN", "COMMIT"]
    statements = [statement for message, statement in sent if message != "Execute"]
    first_write = next(i for i, statement in enumerate(statements)
                       if needs_transaction(statement))
    assert statements[first_write] == "BEGIN"  # nothing was written before the transaction
    with pg_app.app_context():
        assert db.session.scalar(select(AreaAnswer.text)) == "Robotcell"


@pytest.mark.parametrize("write", ["pending", "flushed", "statement"])
def test_what_wrote_is_rolled_back_as_a_whole(pg_app, company, write):
    with pg_app.app_context():
        db.session.execute(select(func.count(Company.id))).scalar()  # a read, outside any
        target = db.session.get(Company, company.id)                 # transaction, first
        target.contact_name = "Ändrat först"
        db.session.flush()
        if write == "pending":
            target.name = "Ändrat men aldrig sparat AB"
        elif write == "flushed":
            target.name = "Ändrat men aldrig sparat AB"
            db.session.flush()
        else:
            db.session.execute(update(Company).where(Company.id == company.id)
                               .values(name="Ändrat men aldrig sparat AB"))
    with pg_app.app_context():
        stored = db.session.get(Company, company.id)
        assert (stored.name, stored.contact_name) == (company.name, company.contact_name)


def test_a_failed_request_is_rolled_back(pg_app, company):
    with pytest.raises(RuntimeError), pg_app.app_context():
        db.session.get(Company, company.id).name = "Halvvägs AB"
        db.session.flush()
        raise RuntimeError("the view failed")
    with pg_app.app_context():
        assert db.session.get(Company, company.id).name == company.name


def test_a_row_read_for_update_stays_locked_until_the_end(pg_app, company,
                                                          postgres_database_url):
    other = psycopg.connect(postgres_database_url.replace("+psycopg", ""), autocommit=True)
    locked = "SELECT id FROM companies WHERE id = %s FOR UPDATE NOWAIT"
    with other, pg_app.app_context():
        db.session.get(Company, company.id, with_for_update=True)
        with pytest.raises(psycopg.errors.LockNotAvailable):
            other.execute(locked, [company.id])
        db.session.commit()
        assert other.execute(locked, [company.id]).fetchone() == (company.id,)


def test_the_login_query_is_prepared_after_a_few_pages(pg_app, company):
    client = logged_in(pg_app.test_client(), company)  # a request that wrote, same connection
    for _ in range(8):
        assert client.get("/company/questionnaire/digitalisation").status_code == 200
    with pg_app.app_context():
        prepared = db.session.execute(text("SELECT statement FROM pg_prepared_statements"))
        assert any("login_sessions" in statement for statement in prepared.scalars())


@pytest.mark.parametrize(("statement", "needed"), [
    ("SELECT companies.id FROM companies", False),
    ("  select 1", False),
    ("SHOW statement_timeout", False),
    ("SELECT id FROM outbox FOR UPDATE SKIP LOCKED", True),
    ("SELECT id FROM companies FOR NO KEY UPDATE", True),
    ("SELECT id FROM companies\nFOR SHARE", True),
    ("INSERT INTO companies (name) VALUES (%(name)s)", True),
    ("UPDATE companies SET name = %(name)s", True),
    ("WITH gone AS (DELETE FROM outbox RETURNING id) SELECT count(*) FROM gone", True),
    ("SAVEPOINT sa_savepoint_1", True),
])
def test_what_needs_a_transaction(statement, needed):
    assert needs_transaction(statement) is needed
