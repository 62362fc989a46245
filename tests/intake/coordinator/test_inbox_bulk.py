"""Bulk actions of the inbox: on the ticked companies or on all that match, all or nothing,
audited per company; the inbox and its selection in Excel; the "responsible coordinator"."""

import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from intake.extensions import db
from intake.models import (
    AuditEvent,
    Company,
    Decision,
    Enrolment,
    OutboxMessage,
    Role,
    Suggestion,
    SuggestionKind,
    WorkshopSeries,
)
from intake.operations import bulk, review
from tests.intake.coordinator.conftest import fill_and_submit
from tests.intake.helpers import make_staff

BULK = "/coordinator/inbox/bulk"


@pytest.fixture
def three(catalogue, company_factory):
    """Two submitted companies in Jämtland, one in Västernorrland; none decided yet."""
    made = [fill_and_submit(company_factory.create(name=name, county=county))
            for name, county in (("Alfa Gjuteri AB", "23"), ("Beta Plåt AB", "22"),
                                 ("Gamma Trä AB", "23"))]
    return [c.id for c in made]


def _top_series(company_id: int) -> Suggestion:
    db.session.expire_all()
    intake = db.session.get(Company, company_id).current_intake
    return min((s for s in intake.suggestions if s.kind == SuggestionKind.WORKSHOP_SERIES),
               key=lambda s: s.rank)


def _events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_accepting_the_top_series_of_the_ticked_companies(staff_client, three):
    staff_client.get("/language/en")
    response = staff_client.post(BULK, data={"action": "accept", "company": three[:2]})
    assert response.status_code == 302
    for cid in three[:2]:
        top = _top_series(cid)
        assert top.decision == Decision.ACCEPTED and top.decided_by_id is not None
        assert top.feedback_seq is not None  # matching learns from it as from one decision
        assert top.intake.status == "under_review"
    assert _top_series(three[2]).decision is None
    accepted = _events("suggestion.accepted")
    assert sorted(e.details["company_id"] for e in accepted) == sorted(three[:2])
    page = staff_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Accepted the top workshop series of 2 companies." in page


def test_a_company_already_decided_is_left_as_it_is(staff_client, coordinator, three):
    review.decide(_top_series(three[0]), coordinator, "rejected", "Passar inte")
    db.session.commit()
    staff_client.get("/language/en")
    response = staff_client.post(BULK, data={"action": "accept", "company": three},
                                 follow_redirects=True)
    assert "Accepted the top workshop series of 2 companies. 1 was left as it was." in \
        response.get_data(as_text=True)
    assert _top_series(three[0]).decision == Decision.REJECTED


def test_all_or_nothing_an_error_after_the_writes_keeps_nothing(staff_client, three,
                                                                 monkeypatch):
    """The decisions and their audit events are flushed before the feedback is numbered: an
    error there must leave none of them behind."""
    from intake import matching_bridge

    def failing(suggestions):
        assert db.session.scalar(select(func.count(AuditEvent.id))) >= 3  # written, not kept
        raise bulk.BulkError("company", "stopped half-way")

    monkeypatch.setattr(matching_bridge, "feedback_given_many", failing)
    response = staff_client.post(BULK, data={"action": "accept", "company": three})
    assert response.status_code == 409
    assert "stopped half-way" in response.get_data(as_text=True)
    assert all(_top_series(cid).decision is None for cid in three)
    assert _events("suggestion.accepted") == []


def test_booking_audit_failure_books_nobody(staff_client, three, monkeypatch):
    from intake.operations import audit

    series = _series(seats=10)

    def failing(*args, **kwargs):
        raise bulk.BulkError("book_series", "audit down")

    monkeypatch.setattr(audit, "record_many", failing)
    response = staff_client.post(BULK, data={"action": "book", "company": three,
                                             "book_series": str(series.id)})
    assert response.status_code == 409
    assert _booked(series.id) == set()


def test_select_all_matching_acts_on_every_page_of_the_filter(app, staff_client, coordinator,
                                                              three):
    app.config["PAGE_SIZE"] = 1
    colleague = make_staff("kollega@regionjh.se", Role.COORDINATOR, "Karin Kollega")
    response = staff_client.post(f"{BULK}?county=23", data={
        "action": "assign", "all_matching": "y", "coordinator": str(colleague.id)})
    assert response.status_code == 302
    assert "county=23" in response.headers["Location"]
    db.session.expire_all()
    responsible = {c.id: c.responsible_coordinator_id for c in db.session.scalars(select(Company))}
    assert responsible == {three[0]: colleague.id, three[1]: None, three[2]: colleague.id}
    events = _events("company.assign_coordinator")
    assert sorted(int(e.entity_id) for e in events) == sorted([three[0], three[2]])
    assert all(e.details["previous_coordinator_id"] is None for e in events)


def test_mine_filter_and_the_responsible_column(staff_client, coordinator, three):
    staff_client.post(BULK, data={"action": "assign", "company": [three[1]],
                                  "coordinator": str(coordinator.id)})
    staff_client.get("/language/en")
    page = staff_client.get("/coordinator/?responsible=mine").get_data(as_text=True)
    assert "Beta Plåt AB" in page and "Alfa Gjuteri AB" not in page
    assert "Sara Samordnare" in page
    nobody = staff_client.get("/coordinator/?responsible=none").get_data(as_text=True)
    assert "Beta Plåt AB" not in nobody and "Alfa Gjuteri AB" in nobody
    review_page = staff_client.get(f"/coordinator/companies/{three[1]}").get_data(as_text=True)
    assert "Sara Samordnare" in review_page


def test_assigning_someone_who_is_not_staff_is_refused(staff_client, three):
    company_login = db.session.get(Company, three[0]).users[0]
    response = staff_client.post(BULK, data={"action": "assign", "company": three,
                                             "coordinator": str(company_login.id)})
    assert response.status_code == 400
    db.session.expire_all()
    assert all(c.responsible_coordinator_id is None for c in db.session.scalars(select(Company)))


def _series(seats: int | None) -> WorkshopSeries:
    series = WorkshopSeries(code="WS-BULK", title="Lean i praktiken", description="",
                            areas=["productivity"], county="23", seats=seats)
    db.session.add(series)
    db.session.commit()
    return series


def _booked(series_id: int) -> set[int]:
    db.session.expire_all()
    return set(db.session.scalars(select(Enrolment.company_id)
                                  .where(Enrolment.workshop_series_id == series_id)))


def test_booking_more_than_the_seats_left_books_nobody(staff_client, three):
    series = _series(seats=2)
    staff_client.post(BULK, data={"action": "book", "company": [three[0]],
                                  "book_series": str(series.id)})
    assert _booked(series.id) == {three[0]}
    staff_client.get("/language/en")
    response = staff_client.post(BULK, data={"action": "book", "company": three,
                                              "book_series": str(series.id)})
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "Nothing was booked: 2 of the selected companies are not yet booked on this series, " \
           "but only 1 of its 2 seats are left." in text
    # The ticks are kept, so the coordinator can untick one and try again.
    assert all(re.search(rf'value="{cid}" form="bulk-form" id="pick-{cid}" checked', text)
               for cid in three)
    assert _booked(series.id) == {three[0]}


def test_booking_within_the_seats_books_each_and_audits_each(staff_client, three):
    series = _series(seats=3)
    response = staff_client.post(BULK, data={"action": "book", "company": three,
                                              "book_series": str(series.id),
                                              "support_value_eur": "1 500"})
    assert response.status_code == 302
    assert _booked(series.id) == set(three)
    events = _events("booking.enrol")
    assert sorted(int(e.entity_id) for e in events) == sorted(three)
    assert all(e.details["bulk"] and Decimal(e.details["support_value_eur"]) == 1500
               for e in events)
    db.session.expire_all()
    assert {db.session.get(Company, c).current_intake.status for c in three} == {"enrolled"}
    # Each company is told, as after a single booking.
    told = db.session.scalars(select(OutboxMessage.recipient)
                              .where(OutboxMessage.template == "booking")).all()
    assert sorted(told) == sorted(db.session.get(Company, c).contact_email for c in three)


def test_export_of_the_selection_has_the_columns_shown(staff_client, three):
    staff_client.get("/language/en")
    response = staff_client.post(f"{BULK}?cols=county&cols=responsible",
                                 data={"action": "export", "company": three[:2]})
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert response.headers["Cache-Control"] == "no-store"
    sheet = load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Company name", "Organisation number", "County",
                       "Responsible coordinator")
    assert sorted(r[0] for r in rows[1:]) == ["Alfa Gjuteri AB", "Beta Plåt AB"]
    assert len(_events("inbox.export")) == 2


def test_export_of_the_whole_filter(staff_client, three):
    response = staff_client.get("/coordinator/inbox.xlsx?county=23")
    sheet = load_workbook(BytesIO(response.data)).active
    names = sorted(r[0] for r in list(sheet.iter_rows(values_only=True))[1:])
    assert names == ["Alfa Gjuteri AB", "Gamma Trä AB"]
    # Default columns when none are chosen.
    assert len(next(sheet.iter_rows(values_only=True))) == 10


def test_answers_export_one_row_per_company_both_languages(staff_client, three):
    response = staff_client.post(BULK, data={"action": "answers", "company": three})
    sheet = load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    sv, en, keys = rows[0], rows[1], rows[2]
    assert sv[:2] == ("Organisationsnummer", "Företagets namn")
    assert en[:2] == ("Organisation number", "Company name")
    assert "automation.robots_handling" in keys and "automation.urgency" in keys
    data = rows[3:]
    assert len(data) == 3
    alfa = dict(zip(keys, next(r for r in data if r[1] == "Alfa Gjuteri AB"), strict=True))
    assert alfa["automation.robots_handling"] == 1
    assert alfa["automation.urgency"] == 5
    assert alfa["automation.text"].startswith("Svetsning och bockning")


def test_nothing_selected_says_so_and_changes_nothing(staff_client, three):
    staff_client.get("/language/en")
    response = staff_client.post(BULK, data={"action": "accept"})
    assert response.status_code == 400
    assert "Select at least one company, or all that match." in response.get_data(as_text=True)


def test_bulk_form_needs_csrf(csrf_app, catalogue):
    from tests.factories import PASSWORD, login
    make_staff("csrf@regionjh.se", Role.COORDINATOR, "C")
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]
    client.post("/login", data={"email": "csrf@regionjh.se", "password": PASSWORD,
                                "csrf_token": token})
    assert client.post(BULK, data={"action": "accept", "all_matching": "y"}).status_code == 400
    assert client.post("/coordinator/inbox/views", data={"name": "x"}).status_code == 400
    assert login  # the helper the other CSRF tests use


def test_a_company_cannot_use_the_bulk_actions(client, three):
    from tests.intake.helpers import logged_in
    logged_in(client, db.session.get(Company, three[0]))
    assert client.post(BULK, data={"action": "accept", "all_matching": "y"}).status_code == 403
    assert db.session.scalar(select(func.count(Suggestion.id))
                             .where(Suggestion.decision.is_not(None))) == 0


def test_a_company_that_cannot_be_told_is_named_in_a_warning(staff_client, three):
    series = _series(seats=5)
    db.session.get(Company, three[0]).contact_email = None  # as after an erasure
    db.session.commit()
    staff_client.get("/language/en")
    page = staff_client.post(BULK, data={"action": "book", "company": three,
                                         "book_series": str(series.id)},
                             follow_redirects=True).get_data(as_text=True)
    assert "Booked 3 companies on the series." in page
    assert "1 company could not be e-mailed about the booking. Please tell it yourself." in page


def test_all_matching_a_filter_that_matches_nothing_changes_nothing(staff_client, three):
    staff_client.get("/language/en")
    response = staff_client.post(f"{BULK}?q=Finns+inte", data={"action": "accept",
                                                                "all_matching": "y"})
    assert response.status_code == 409
    assert "Select at least one company." in response.get_data(as_text=True)
    assert _events("suggestion.accepted") == []


def test_taking_the_responsibility_away(staff_client, coordinator, three):
    staff_client.post(BULK, data={"action": "assign", "company": three,
                                  "coordinator": str(coordinator.id)})
    staff_client.get("/language/en")
    response = staff_client.post(BULK, data={"action": "assign", "company": three[:2],
                                              "coordinator": "nobody"}, follow_redirects=True)
    assert "Nobody is responsible for 2 companies any more." in response.get_data(as_text=True)
    db.session.expire_all()
    assert [db.session.get(Company, c).responsible_coordinator_id for c in three] == [
        None, None, coordinator.id]
    last = sorted(_events("company.assign_coordinator"), key=lambda e: e.id)[-2:]
    assert all(e.details["coordinator_id"] is None
               and e.details["previous_coordinator_id"] == coordinator.id for e in last)
