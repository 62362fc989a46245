"""The app fits the matcher once per catalogue version and never serves a stale catalogue."""

from datetime import datetime

from sqlalchemy import select

from intake import matching_bridge, matching_runtime
from intake.extensions import db
from intake.matching_bridge import reasons_in
from intake.models import WorkshopSeries
from tests.intake.helpers import answer_required_areas, logged_in


def test_matcher_is_reused_until_the_catalogue_changes(catalogue):
    first = matching_runtime.matcher_now()
    assert matching_runtime.matcher_now().matcher is first.matcher

    matching_bridge.catalogue_changed()
    db.session.commit()
    refitted = matching_runtime.matcher_now()
    assert refitted.version == first.version + 1 and refitted.matcher is not first.matcher


def test_a_retired_series_is_not_suggested_after_the_change(client, company_factory, catalogue):
    company = company_factory.create(county="22")
    logged_in(client, company)
    answer_required_areas(client)
    client.post("/company/questionnaire/submit")
    db.session.expire_all()
    intake = company.current_intake
    top = next(s.code for s in intake.suggestions if s.kind == "workshop_series")

    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == top))
    series.retired_at = datetime(2026, 11, 1)
    matching_bridge.catalogue_changed()
    db.session.commit()

    fitted = matching_runtime.matcher_now()
    matching_bridge.store_suggestions(intake, fitted.matcher, fitted.version)
    db.session.commit()
    codes = {s.code for s in intake.suggestions if s.kind == "workshop_series"}
    assert top not in codes and codes
    assert {s.catalogue_version for s in intake.suggestions} == {
        matching_bridge.catalogue_version()}


def test_bookings_reach_the_ranking_as_booked_seats_without_a_refit(catalogue,
                                                                     company_factory):
    from intake.models import Enrolment

    matching_runtime.matcher_now()
    fits = matching_runtime.full_fits
    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.seats.is_not(None)))
    for _ in range(series.seats):
        db.session.add(Enrolment(company_id=company_factory.create().id,
                                 workshop_series_id=series.id))
    db.session.commit()
    assert matching_bridge.capacity_now()["workshop_series"][series.code] == series.seats
    matching_runtime.matcher_now()
    assert matching_runtime.full_fits == fits


def test_a_rebuilt_database_whose_version_starts_over_is_refitted(catalogue):
    from intake.models import CatalogueState

    first = matching_runtime.matcher_now()
    state = db.session.get(CatalogueState, 1)
    state.changed_at = datetime(2030, 1, 1)  # same version number, another catalogue's history
    db.session.commit()
    again = matching_runtime.matcher_now()
    assert again.version == first.version and again.matcher is not first.matcher
    assert matching_runtime.matcher_now().matcher is again.matcher


def test_reasons_are_stored_as_data_and_shown_in_the_readers_language(
        client, company_factory, catalogue):
    company = company_factory.create(county="22")
    logged_in(client, company)
    answer_required_areas(client)
    client.post("/company/questionnaire/submit")
    db.session.expire_all()
    stored = company.current_intake.suggestions
    assert stored
    for s in stored:
        assert set(s.reasons) == {"items"}
        assert all(set(item) == {"key", "values"} for item in s.reasons["items"])
        sv, en = reasons_in(s, "sv"), reasons_in(s, "en")
        assert sv and len(sv) == len(en) and all(r.endswith(".") for r in sv + en)
    first = stored[0]
    assert reasons_in(first, "sv") != reasons_in(first, "en")
    assert reasons_in(first, "de") == reasons_in(first, "sv")


def test_rows_stored_before_reasons_became_data_still_display():
    from intake.models import Suggestion

    old = Suggestion(reasons={"sv": ["Matchar ert behov"], "en": ["Matches your need"]})
    assert reasons_in(old, "en") == ["Matches your need"]
    assert reasons_in(old, "sv") == ["Matchar ert behov"]
    only_swedish = Suggestion(reasons={"sv": ["Matchar ert behov"]})
    assert reasons_in(only_swedish, "en") == ["Matchar ert behov"]
    unknown = Suggestion(reasons={"items": [{"key": "gone", "values": {}},
                                            {"key": "feedback", "values": {}}]})
    assert reasons_in(unknown, "en") == ["Coordinators chose it for comparable companies."]


def test_the_area_of_greatest_need_is_matchings_definition():
    from intake.operations.questionnaire import main_need
    from matching import main_area, need

    scores = {"automation": {"maturity": 5, "priority": 5, "text": ""},
              "productivity": {"maturity": 4, "priority": 2, "text": ""}}
    # priority x (6 - maturity): 5 against 4; a leading area ranked urgent still counts
    assert need(5, 5) > need(4, 2)
    assert main_need(scores) == main_area(scores) == "automation"


def test_the_company_reads_no_case_codes_where_the_coordinator_does(client, company_factory,
                                                                   catalogue):
    company = company_factory.create(county="23")
    logged_in(client, company)
    answer_required_areas(client)
    client.post("/company/questionnaire/submit")
    db.session.expire_all()
    helped = [s for s in company.current_intake.suggestions
              if any(r.get("key") == "helped" for r in s.reasons.get("items", []))]
    assert helped, "the demo catalogue's cases should back some suggestion"
    staff_view = reasons_in(helped[0], "sv")
    company_view = reasons_in(helped[0], "sv", for_company=True)
    assert any("CASE-" in r for r in staff_view)
    assert not any("CASE-" in r for r in company_view)
    assert "Har hjälpt liknande företag tidigare." in company_view
    status_page = client.get("/company/").get_data(as_text=True)
    assert "CASE-" not in status_page
