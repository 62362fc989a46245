"""Fixtures for follow-up surveys: a workshop series that three companies (one writing in
English) took part in, with their questionnaires submitted."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from intake.clock import today
from intake.extensions import db
from intake.models import Enrolment, WorkshopSeries
from tests.intake.coordinator.conftest import fill_and_submit


@pytest.fixture
def series(catalogue) -> WorkshopSeries:
    found = db.session.scalars(select(WorkshopSeries).order_by(WorkshopSeries.code)).first()
    found.starts_on = today() - timedelta(days=40)
    found.ends_on = today() - timedelta(days=2)
    db.session.commit()
    return found


@pytest.fixture
def participants(series, company_factory) -> list:
    companies = [
        company_factory.create(name="Frösö Mekaniska AB"),
        company_factory.create(name="Brunflo Plåt AB"),
        company_factory.create(name="Lit Svets AB"),
    ]
    companies[2].language = "en"
    for company in companies:
        fill_and_submit(company)
        db.session.add(Enrolment(company_id=company.id, workshop_series_id=series.id))
    db.session.commit()
    return companies


def finished_on() -> date:
    return today() - timedelta(days=1)


def finish(series: WorkshopSeries, by=None) -> int:
    """Mark `series` finished yesterday, as a coordinator does once it is over (a catalogue
    series that would start later is moved back first: none finishes before it starts)."""
    from intake.operations import surveys

    if series.starts_on is not None and series.starts_on > finished_on():
        series.starts_on = finished_on() - timedelta(days=30)
    return surveys.finish_series(series, finished_on(), by)
