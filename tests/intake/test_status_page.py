"""The company's status page follows it through the programme in its own words: what comes
next, the decisions, where and when it is booked, its coach and its stages; never a code or a
percentage."""

import re
from datetime import timedelta
from decimal import Decimal
from html import unescape

from sqlalchemy import select

from intake.clock import today
from intake.extensions import db
from intake.models import Case, SuggestionKind, User, WorkshopSeries
from intake.operations import booking, review
from tests.intake.coordinator.conftest import fill_and_submit
from tests.intake.helpers import logged_in, make_staff


def text_of(client) -> str:
    html = unescape(client.get("/company/").get_data(as_text=True))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_page_follows_the_company_from_waiting_to_booked(client, catalogue,
                                                             company_factory):
    company = fill_and_submit(company_factory.create(name="Frösö Mekaniska AB", county="23"))
    coordinator = make_staff("sara@region.se", "coordinator", "Sara")
    logged_in(client, company)
    client.get("/language/en")
    assert "An industrial coordinator will go through them" in text_of(client)

    suggestions = sorted(company.current_intake.suggestions, key=lambda s: (s.kind, s.rank))
    for s in suggestions[:3]:
        review.decide(s, coordinator, "accepted", None)
    db.session.commit()
    page = text_of(client)
    assert "3 of 9 are decided so far" in page
    assert "will go through them" not in page  # no longer what happens next

    for s in suggestions[3:]:
        review.decide(s, coordinator, "rejected", "Passar inte nu.")
    db.session.commit()
    assert "The coordinator has decided on every suggestion" in text_of(client)

    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == "WS-LEAN-Z"))
    series.starts_on, series.ends_on = today() - timedelta(days=3), today() + timedelta(days=30)
    series.location = "Östersund, Campus"
    booking.enrol(company, series.id, coordinator, Decimal(0))
    booking.record_activity(company, "mapping_interview", today() - timedelta(days=10), "",
                            None, coordinator)
    booking.record_activity(company, "deep_analysis", today() + timedelta(days=20), "",
                            Decimal("5000"), coordinator)
    coach = next(s for s in suggestions if s.kind == SuggestionKind.COACH)
    from intake.models import Coach

    booking.assign_coach(company, db.session.scalar(select(Coach).where(
        Coach.code == coach.code)).id, coordinator)
    db.session.commit()
    page = text_of(client)
    assert f"You are booked into {series.title}." in page
    assert "Jämtland County, Östersund, Campus" in page
    assert "Going on now" in page
    assert "Mapping interview" in page and "Deep analysis" in page and "(planned)" in page
    assert "Your coach" in page
    # Comparable companies by their summaries; no catalogue codes, no percentages.
    case_code = next(s.code for s in suggestions if s.kind == SuggestionKind.CASE)
    summary = db.session.scalar(select(Case.summary).where(Case.code == case_code))
    assert summary[:60] in page
    assert not re.search(r"\b(WS|CO)-[A-Z0-9-]+\b", page)
    assert not re.search(r"\d+ ?%", page)
    assert db.session.scalar(select(User).where(User.email == "sara@region.se")) is not None
