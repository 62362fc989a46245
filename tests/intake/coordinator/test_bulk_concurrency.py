"""A bulk booking and single bookings of the same series at the same moment: the seats hold.

As in test_concurrency.py each booking runs in a thread with its own session and connection;
every one is held after counting the booked seats until the others have counted too (or the
wait runs out because they are waiting for the lock, as they should). Without the series row's
lock all would count the same free seats and together book more than there are.
"""

import threading
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from intake.extensions import db
from intake.models import Company, Enrolment, WorkshopSeries
from intake.operations import booking, bulk
from tests.intake.coordinator.test_concurrency import widen_the_race

SEATS = 4


@pytest.fixture
def crowd(app, company_factory):
    series = WorkshopSeries(code="WS-CROWD", title="Automation för nybörjare", description="",
                            areas=["automation"], county="23", seats=SEATS)
    db.session.add(series)
    db.session.commit()
    group = [company_factory.create().id for _ in range(3)]
    singles = [company_factory.create().id for _ in range(2)]
    return series.id, group, singles


def test_a_bulk_booking_and_two_single_bookings_at_once_never_overbook(app, crowd, monkeypatch):
    series_id, group, singles = crowd
    widen_the_race(monkeypatch, parties=3)
    start = threading.Barrier(3)
    outcomes: dict[str, str] = {}

    def run(name, action):
        with app.test_request_context(headers={"Accept-Language": "en"}):
            try:
                start.wait(timeout=30)
                action()
                db.session.commit()
                outcomes[name] = "booked"
            except (booking.BookingError, bulk.BulkError) as error:
                db.session.rollback()
                outcomes[name] = f"refused:{error.message}"
            except Exception as error:  # reported by the assertions below
                db.session.rollback()
                outcomes[name] = f"error:{error!r}"

    def single(company_id):
        return lambda: booking.enrol(db.session.get(Company, company_id), series_id, None,
                                     Decimal(0))

    threads = [threading.Thread(target=run, args=("bulk", lambda: bulk.book_on_series(
        group, series_id, None)))]
    threads += [threading.Thread(target=run, args=(f"single{i}", single(cid)))
                for i, cid in enumerate(singles)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(outcomes) == 3 and not any(o.startswith("error") for o in outcomes.values()), \
        outcomes
    db.session.expire_all()
    booked = set(db.session.scalars(select(Enrolment.company_id)
                                    .where(Enrolment.workshop_series_id == series_id)))
    assert len(booked) <= SEATS, outcomes
    # The group is booked whole or not at all, as its outcome says.
    assert (set(group) <= booked) == (outcomes["bulk"] == "booked"), outcomes
    assert not (set(group) & booked) or set(group) <= booked, outcomes
    expected = (len(group) if outcomes["bulk"] == "booked" else 0) + sum(
        outcomes[f"single{i}"] == "booked" for i in range(len(singles)))
    assert len(booked) == expected == db.session.scalar(
        select(func.count(Enrolment.id)).where(Enrolment.workshop_series_id == series_id))
    # Someone was refused: five companies cannot fit four seats.
    assert any(o.startswith("refused") for o in outcomes.values()), outcomes
