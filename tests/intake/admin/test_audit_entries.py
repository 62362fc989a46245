"""The audit log reads as sentences: names instead of ids and codes, old → new values, the
reader's language and Swedish local time."""

import re
from datetime import date, datetime
from decimal import Decimal
from html import unescape

import pytest
from sqlalchemy import select

from intake.extensions import db
from intake.models import AuditEvent, SuggestionKind, WorkshopSeries
from intake.operations import booking, catalogue_edit, review
from intake.operations.registration import CompanyDetails
from tests.intake.coordinator.conftest import fill_and_submit
from tests.intake.helpers import login_as


@pytest.fixture
def history(catalogue, company_factory, coordinator):
    company = fill_and_submit(company_factory.create(name="Frösö Mekaniska AB", county="23",
                                                     municipality="Östersund"))
    series = sorted((s for s in company.current_intake.suggestions
                     if s.kind == SuggestionKind.WORKSHOP_SERIES), key=lambda s: s.rank)[0]
    review.decide(series, coordinator, "changed", "Startar tidigare.", "WS-LEAN-Y")
    review.decide(series, coordinator, "accepted", None)
    lean = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == "WS-LEAN-Z"))
    catalogue_edit.update_item("series", lean, {"seats": 10}, lean.version, coordinator)
    booking.record_activity(company, "deep_analysis", date(2026, 3, 2), "", Decimal("8000"),
                            coordinator)
    details = CompanyDetails(
        name=company.name, sni_division=company.sni_division, county="23",
        municipality="Krokom", employees=company.employees,
        turnover_band=company.turnover_band, leadership=None,
        contact_name=company.contact_name, contact_role=company.contact_role,
        contact_email="ny@froso.se", contact_phone=company.contact_phone,
        de_minimis_received=False, de_minimis_amount_eur=0)
    booking.update_company_details(company, details, company.version, coordinator)
    for event in db.session.scalars(select(AuditEvent)):
        event.at = datetime(2026, 7, 1, 10, 0)  # 12:00 in Sweden (summer time)
    db.session.commit()
    return {"company": company, "series": series}


def rows(html: str) -> list[str]:
    found = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", unescape(r))).strip() for r in found]


def test_entries_name_things_and_say_what_changed(client, admin, history):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login_as(client, admin)
    html = client.get("/coordinator/admin/audit").get_data(as_text=True)
    text = "\n".join(rows(html))
    assert "Frösö Mekaniska AB" in text
    assert "Changed a suggestion to another item" in text
    assert "Decision – → became Changed" in text
    assert re.search(r"Decision Changed → became Accepted", text)
    assert "Lean i praktiken – flöde, ställtider och daglig styrning (WS-LEAN-Y) → became –" in text
    assert "Changed in the catalogue Workshop series: Lean i praktiken" in text
    assert "Seats 12 → became 10" in text
    assert "Recorded a stage" in text and "Deep analysis" in text and "8,000.00 EUR" in text
    assert "Municipality Östersund → became Krokom" in text
    # The contact's e-mail is personal data: named as changed, its values not kept.
    assert "Contact's e-mail address" in text and "ny@froso.se" not in text
    assert "Sara Samordnare (samordnare@regionjh.se)" in text
    assert "12:00" in text and "10:00" not in text  # Swedish time, not UTC
    for raw in ("catalogue.update", "suggestion.changed", "None", "{", "#"):
        assert raw not in text, raw


def test_entries_in_swedish(client, admin, history):
    login_as(client, admin)
    text = "\n".join(rows(client.get("/coordinator/admin/audit").get_data(as_text=True)))
    assert "Bytte ett förslag till ett annat" in text
    assert "Beslut – → blev Bytt" in text
    assert "Platser 12 → blev 10" in text
    assert "8 000,00 EUR" in text


def test_the_action_filter_lists_actions_in_words(client, admin, history):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login_as(client, admin)
    html = unescape(client.get("/coordinator/admin/audit").get_data(as_text=True))
    assert '<option value="catalogue.update">Changed in the catalogue</option>' in html
