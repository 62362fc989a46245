"""The de minimis ledger of one organisation number: what it declared plus what we gave.

Support from the programme is state aid of minor importance; an undertaking may receive at most
EUR 300,000 of it over a rolling three years. The company declares what it received from others
(`Company.de_minimis_*`); the programme adds the value of every activity it booked. Coordinators
are warned before a booking would pass the ceiling, because only they know whether to go ahead.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from intake.clock import today
from intake.extensions import db
from intake.models import Activity, Company

CEILING_EUR = 300_000
WINDOW_YEARS = 3


@dataclass(frozen=True)
class Ledger:
    """The sums behind a company's de minimis position on the day `on`."""

    declared_eur: Decimal
    programme_eur: Decimal
    total_eur: Decimal
    remaining_eur: Decimal
    ceiling_eur: Decimal
    since: date
    on: date

    @property
    def over_ceiling(self) -> bool:
        return self.total_eur > self.ceiling_eur


def window_start(on: date) -> date:
    """The first day that still counts: the same date three years earlier (28 Feb for 29 Feb)."""
    try:
        return on.replace(year=on.year - WINDOW_YEARS) + timedelta(days=1)
    except ValueError:
        return on.replace(year=on.year - WINDOW_YEARS, day=28) + timedelta(days=1)


def ledger(company: Company, on: date | None = None) -> Ledger:
    """The company's ledger on `on` (default today).

    For today, activities dated in the future count too: a booking grants the aid when it is
    made, not when the workshop takes place. For a past day, later activities are left out.
    """
    day = on or today()
    since = window_start(day)
    query = select(func.coalesce(func.sum(Activity.support_value_eur), 0)).where(
        Activity.company_id == company.id, Activity.occurred_on >= since)
    if on is not None:
        query = query.where(Activity.occurred_on <= on)
    programme = Decimal(db.session.scalar(query) or 0).quantize(Decimal("0.01"))
    declared = Decimal(company.de_minimis_amount_eur if company.de_minimis_received else 0)
    total = declared + programme
    ceiling = Decimal(CEILING_EUR)
    return Ledger(
        declared_eur=declared, programme_eur=programme, total_eur=total,
        remaining_eur=max(ceiling - total, Decimal(0)), ceiling_eur=ceiling,
        since=since, on=day,
    )


def would_exceed(company: Company, extra_eur) -> bool:
    """True if adding `extra_eur` of support would take the company past the ceiling."""
    extra = Decimal(str(extra_eur or 0))
    return ledger(company).total_eur + extra > Decimal(CEILING_EUR)
