"""The de minimis ledger over three years, and the warning before the ceiling is passed."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from intake.extensions import db
from intake.models import (
    Activity,
)
from intake.operations import deminimis
from tests.intake.coordinator.booking.helpers import (
    declared,
    enrolments,
    events,
    series,
    stage_data,
)

# --- de minimis ----------------------------------------------------------------------------

def test_the_ledger_adds_the_declaration_and_three_years_of_programme_support(
        app, submitted_company):
    declared(submitted_company, 100_000)
    on = date(2026, 6, 1)
    for day, value in [(date(2023, 6, 1), "5000"), (date(2023, 6, 2), "7000"),
                       (date(2026, 1, 10), "20000.50"), (date(2026, 7, 1), "999")]:
        db.session.add(Activity(company_id=submitted_company.id, kind="deep_analysis",
                                occurred_on=day, support_value_eur=Decimal(value)))
    db.session.commit()

    ledger = deminimis.ledger(submitted_company, on=on)

    assert ledger.declared_eur == Decimal(100_000)
    # 2023-06-01 is outside the three years; 2026-07-01 is after the day asked about.
    assert ledger.programme_eur == Decimal("27000.50")
    assert ledger.total_eur == Decimal("127000.50")
    assert ledger.remaining_eur == Decimal("172999.50")
    assert deminimis.CEILING_EUR == 300_000


def test_would_exceed_is_strictly_above_the_ceiling(app, submitted_company):
    declared(submitted_company, 290_000)
    assert not deminimis.would_exceed(submitted_company, 10_000)
    assert deminimis.would_exceed(submitted_company, Decimal("10000.01"))
    submitted_company.de_minimis_received = False
    db.session.commit()
    assert deminimis.ledger(submitted_company).declared_eur == 0


def test_a_booking_past_the_ceiling_warns_and_needs_a_confirmation(
        staff_client, submitted_company, coordinator):
    declared(submitted_company, 299_000)
    ws = series("WS-LEAN-Z")
    url = f"/coordinator/companies/{submitted_company.id}/enrol"
    data = {"workshop_series": str(ws.id), "support_value_eur": "2000"}

    warned = staff_client.post(url, data=data)

    assert warned.status_code == 200
    page = warned.get_data(as_text=True)
    assert 'id="support_value_eur-error"' in page
    assert "above the ceiling" in page
    assert 'name="confirm_over_ceiling"' in page
    assert 'value="2000"' in page
    assert enrolments(ws.id) == 0

    confirmed = staff_client.post(url, data={**data, "confirm_over_ceiling": "y"})

    assert confirmed.status_code == 302
    assert enrolments(ws.id) == 1
    assert events("booking.enrol")[0].details["confirmed_over_ceiling"] is True
    assert deminimis.ledger(submitted_company).over_ceiling


def test_a_stage_past_the_ceiling_warns_too(staff_client, submitted_company):
    declared(submitted_company, 300_000)
    url = f"/coordinator/companies/{submitted_company.id}/stages/new"

    warned = staff_client.post(url, data=stage_data(support_value_eur="1"))
    assert warned.status_code == 200
    assert "above the ceiling" in warned.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Activity.id))) == 0

    zero = staff_client.post(url, data=stage_data(support_value_eur="0"))
    assert zero.status_code == 302  # support without value adds nothing to the ledger
    confirmed = staff_client.post(url, data=stage_data(support_value_eur="1",
                                                       confirm_over_ceiling="y"))
    assert confirmed.status_code == 302
    assert db.session.scalar(select(func.count(Activity.id))) == 2
