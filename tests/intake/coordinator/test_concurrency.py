"""Two coordinators book the last seat of a series at the same moment: exactly one gets it.

Each booking runs in a thread of its own, with its own app context and so its own database
session and connection, as two requests in two workers would. On PostgreSQL the series row is
locked with SELECT ... FOR UPDATE; on SQLite the database's write lock does the same.
"""

import contextlib
import threading
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from intake.extensions import db
from intake.models import Enrolment, WorkshopSeries
from intake.operations import booking
from intake.operations.users import create_staff_user
from tests.factories import PASSWORD, login

SEATS = 3
# How long a booking that has counted the seats waits for the other one to count too. With the
# lock, the other one cannot count until this one commits, so the wait runs out; without it,
# both count the same free seat, meet here and both book it.
RACE_WINDOW_SECONDS = 1.5


@pytest.fixture
def last_seat(app, company_factory):
    """A series with one seat left, and two companies that both want it."""
    ws = WorkshopSeries(code="WS-RACE", title="Robotsvetsning", description="Korta serier",
                        areas=["automation"], county="23", seats=SEATS)
    db.session.add(ws)
    db.session.commit()
    for _ in range(SEATS - 1):
        booking.enrol(company_factory.create(), ws.id, None, Decimal(0))
    db.session.commit()
    contenders = [company_factory.create(), company_factory.create()]
    return ws.id, [c.id for c in contenders]


def booked(series_id: int) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Enrolment.id))
                             .where(Enrolment.workshop_series_id == series_id))


def widen_the_race(monkeypatch, parties: int = 2) -> None:
    """Hold each booking after it counted the booked seats, until the other one has counted."""
    counted = threading.Barrier(parties)
    original = booking.booked_seats

    def booked_seats(series_id):
        result = original(series_id)
        # A broken barrier means the other booking is waiting for the lock: as it should be.
        with contextlib.suppress(threading.BrokenBarrierError):
            counted.wait(timeout=RACE_WINDOW_SECONDS)
        return result

    monkeypatch.setattr(booking, "booked_seats", booked_seats)


def test_two_bookings_of_the_last_seat_at_once_give_it_to_exactly_one(
        app, last_seat, monkeypatch):
    from intake.models import Company

    series_id, company_ids = last_seat
    widen_the_race(monkeypatch)
    start = threading.Barrier(len(company_ids))
    outcomes: dict[int, str] = {}

    def book(company_id: int) -> None:
        # A request context of its own: its own app context, database session and connection.
        with app.test_request_context(headers={"Accept-Language": "en"}):
            try:
                company = db.session.get(Company, company_id)
                start.wait(timeout=30)
                booking.enrol(company, series_id, None, Decimal("1000"))
                db.session.commit()
                outcomes[company_id] = "booked"
            except booking.BookingError as error:
                db.session.rollback()
                outcomes[company_id] = f"refused:{error.field}:{error.message}"
            except Exception as error:  # reported by the assertion below
                db.session.rollback()
                outcomes[company_id] = f"error:{error!r}"

    threads = [threading.Thread(target=book, args=(cid,)) for cid in company_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    results = sorted(outcomes.values())
    assert len(results) == 2, outcomes
    assert results[0] == "booked", outcomes
    assert results[1].startswith("refused:workshop_series:The series is full"), outcomes
    assert booked(series_id) == SEATS


def test_two_coordinators_posting_the_last_seat_at_once(app, last_seat, monkeypatch):
    """The same race through the pages: two logged-in coordinators, two concurrent requests."""
    series_id, company_ids = last_seat
    clients = []
    for n in range(2):
        user = create_staff_user(f"samordnare{n}@regionjh.se", "coordinator", PASSWORD, f"S{n}")
        db.session.commit()
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        assert login(client, user.email).status_code == 302
        clients.append(client)
    widen_the_race(monkeypatch)
    start = threading.Barrier(2)
    responses = {}

    def post(client, company_id):
        start.wait(timeout=30)
        responses[company_id] = client.post(
            f"/coordinator/companies/{company_id}/enrol",
            data={"workshop_series": str(series_id), "support_value_eur": "500"})

    threads = [threading.Thread(target=post, args=pair) for pair in zip(clients, company_ids,
                                                                          strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(r.status_code for r in responses.values())
    assert statuses == [200, 302]
    [refused] = [r for r in responses.values() if r.status_code == 200]
    assert "The series is full" in refused.get_data(as_text=True)
    assert booked(series_id) == SEATS
