"""Reviewing one company: answers, comparison chart, and accept / change / reject decisions."""

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from intake import matching_bridge
from intake.extensions import db
from intake.matching_bridge import reasons_in
from intake.models import (
    AuditEvent,
    Enrolment,
    IntakeStatus,
    Suggestion,
    SuggestionKind,
    WorkshopSeries,
)
from intake.operations import review
from tests.factories import login


def page_text(response) -> str:
    return unescape(response.get_data(as_text=True))


def suggestions_of(company, kind=None) -> list[Suggestion]:
    db.session.expire_all()
    items = sorted(company.current_intake.suggestions, key=lambda s: (s.kind, s.rank))
    return [s for s in items if kind is None or s.kind == kind]


def decide_url(company, suggestion) -> str:
    return f"/coordinator/companies/{company.id}/suggestions/{suggestion.id}/decision"


def post_decision(client, company, suggestion, **fields):
    data = {f"s{suggestion.id}-{k}": v for k, v in fields.items()}
    return client.post(decide_url(company, suggestion), data=data)


def other_series_code(suggestion) -> str:
    suggested = {s.code for s in suggestion.intake.suggestions}
    return db.session.scalar(select(WorkshopSeries.code).where(
        WorkshopSeries.retired_at.is_(None), WorkshopSeries.code.not_in(suggested))
        .order_by(WorkshopSeries.code))


def test_review_page_shows_company_answers_and_suggestions(staff_client, submitted_company):
    response = staff_client.get(f"/coordinator/companies/{submitted_company.id}")
    assert response.status_code == 200
    html = page_text(response)
    assert submitted_company.org_number in html
    assert submitted_company.contact_email in html
    # the chosen level's description of a statement, and the free text
    assert "Vi har inga robotar. Allt lyfts och flyttas för hand eller med truck." in html
    assert "Vi funderar på en svetsrobot" in html
    for s in suggestions_of(submitted_company):
        card = card_html(html, s)
        assert s.code in card
        # A fit in words; the raw score only in the details line, never as a percentage.
        assert re.search(r'class="fit fit-(strong|good|partial)"', card)
        assert "%" not in re.sub(r"<[^>]+>", "", card)
        for reason in reasons_in(s, "sv"):
            assert reason in card
    assert f"/coordinator/companies/{submitted_company.id}/suggestions/recompute" in html


def card_html(html: str, suggestion) -> str:
    match = re.search(rf'<li class="card suggestion[^"]*" id="suggestion-{suggestion.id}">(.*?)'
                      r'</li>\s*(?=<li class="card|</ol>)', html, re.S)
    assert match, f"no card for suggestion {suggestion.id}"
    return match.group(1)


def test_the_best_suggestion_of_each_kind_is_a_strong_fit(staff_client, submitted_company):
    html = page_text(staff_client.get(f"/coordinator/companies/{submitted_company.id}"))
    for kind in SuggestionKind:
        best = suggestions_of(submitted_company, kind)[0]
        assert 'class="fit fit-strong"' in card_html(html, best)


def test_the_work_comes_first_and_answers_fold_with_the_greatest_need_open(
        staff_client, submitted_company):
    html = page_text(staff_client.get(f"/coordinator/companies/{submitted_company.id}"))
    assert html.index('id="suggestions-heading"') < html.index('id="answers-heading"')
    main_need = submitted_company.current_intake.main_need_area
    assert f'<details class="review-area" id="answers-{main_need}" open>' in html
    folded = re.findall(r'<details class="review-area" id="answers-(\w+)">', html)
    assert folded and main_need not in folded
    assert "0 of 9 decided" in html or "0 av 9" in html


def test_reasons_follow_the_coordinators_language(staff_client, submitted_company):
    staff_client.get("/language/en")  # the language switch keeps the choice in the session
    html = page_text(staff_client.get(f"/coordinator/companies/{submitted_company.id}"))
    s = suggestions_of(submitted_company, SuggestionKind.WORKSHOP_SERIES)[0]
    assert all(reason in html for reason in reasons_in(s, "en"))
    only_swedish = set(reasons_in(s, "sv")) - set(reasons_in(s, "en"))
    assert not any(reason in html for reason in only_swedish)


def test_opening_the_review_moves_a_submitted_intake_under_review(staff_client,
                                                                  submitted_company,
                                                                  coordinator):
    assert submitted_company.current_intake.status == IntakeStatus.SUBMITTED
    staff_client.get(f"/coordinator/companies/{submitted_company.id}")
    db.session.expire_all()
    assert submitted_company.current_intake.status == IntakeStatus.UNDER_REVIEW
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "intake.review_opened"))
    assert event.user_id == coordinator.id
    assert event.entity_id == str(submitted_company.current_intake.id)


def test_accept_stores_who_when_why_and_audits(
        app, staff_client, submitted_company, coordinator, mailbox):
    suggestion = suggestions_of(submitted_company, SuggestionKind.WORKSHOP_SERIES)[0]
    before = matching_bridge.state()
    response = post_decision(staff_client, submitted_company, suggestion,
                             decision="accepted", reason="Passar deras svetsplaner.")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/coordinator/companies/{submitted_company.id}#suggestion-{suggestion.id}")

    db.session.expire_all()
    stored = db.session.get(Suggestion, suggestion.id)
    assert stored.decision == "accepted"
    assert stored.decision_code is None
    assert stored.decision_reason == "Passar deras svetsplaner."
    assert stored.decided_by_id == coordinator.id
    assert stored.decided_at is not None
    # The decision is numbered for matching to learn from; the catalogue is unchanged.
    after = matching_bridge.state()
    assert after.feedback_seq == before.feedback_seq + 1 == stored.feedback_seq
    assert after.version == before.version

    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "suggestion.accepted"))
    assert event.user_id == coordinator.id and event.entity == "suggestion"
    assert event.entity_id == str(suggestion.id)
    assert event.details["code"] == suggestion.code
    assert mailbox == []  # the company hears once the review is finished (or quiet)

    # the company sees the outcome on its own status page
    company_client = app.test_client()
    login(company_client, submitted_company.contact_email)
    status_page = page_text(company_client.get("/company/"))
    assert "decision-accepted" in status_page
    assert "Passar deras svetsplaner." in status_page


def test_change_stores_the_other_item_and_the_company_sees_it(app, staff_client,
                                                               submitted_company, mailbox):
    suggestion = suggestions_of(submitted_company, SuggestionKind.WORKSHOP_SERIES)[0]
    other = other_series_code(suggestion)
    response = post_decision(staff_client, submitted_company, suggestion, decision="changed",
                             code=other, reason="Serien i Sundsvall startar tidigare.")
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Suggestion, suggestion.id)
    assert (stored.decision, stored.decision_code) == ("changed", other)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "suggestion.changed"))
    assert event.details["decision_code"] == other
    other_title = db.session.scalar(select(WorkshopSeries.title)
                                    .where(WorkshopSeries.code == other))

    company_client = app.test_client()
    login(company_client, submitted_company.contact_email)
    status_page = page_text(company_client.get("/company/"))
    assert "decision-changed" in status_page
    assert other_title[:60] in status_page
    assert "Serien i Sundsvall startar tidigare." in status_page


def test_reject_without_a_reason_is_refused_next_to_the_field(staff_client, submitted_company,
                                                              mailbox):
    staff_client.get("/language/en")  # the messages below are the English ones
    suggestion = suggestions_of(submitted_company, SuggestionKind.COACH)[0]
    response = post_decision(staff_client, submitted_company, suggestion, decision="rejected",
                             reason="  ")
    assert response.status_code == 200
    html = page_text(response)
    assert f'id="s{suggestion.id}-reason-error"' in html
    assert "Give a reason when you change or reject." in html
    assert 'class="error-summary"' in html
    assert re.search(rf'id="s{suggestion.id}-decision-2"[^>]*checked|checked[^>]*'
                     rf'id="s{suggestion.id}-decision-2"', html)
    db.session.expire_all()
    assert db.session.get(Suggestion, suggestion.id).decision is None
    assert mailbox == []


@pytest.mark.parametrize("code", ["NO-SUCH-SERIES", ""])
def test_change_to_an_unknown_or_missing_code_keeps_the_values(staff_client, submitted_company,
                                                               code):
    suggestion = suggestions_of(submitted_company, SuggestionKind.WORKSHOP_SERIES)[0]
    response = post_decision(staff_client, submitted_company, suggestion, decision="changed",
                             code=code, reason="Bättre tidpunkt för företaget.")
    assert response.status_code == 200
    html = page_text(response)
    assert f'id="s{suggestion.id}-code-error"' in html
    assert "Bättre tidpunkt för företaget.</textarea>" in html  # what was typed is kept
    db.session.expire_all()
    assert db.session.get(Suggestion, suggestion.id).decision is None
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action.like("suggestion.%"))) == 0


def test_change_with_a_retired_item_is_refused(staff_client, submitted_company):
    suggestion = suggestions_of(submitted_company, SuggestionKind.WORKSHOP_SERIES)[0]
    other = other_series_code(suggestion)
    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == other))
    series.retired_at = series.created_at
    db.session.commit()
    response = post_decision(staff_client, submitted_company, suggestion, decision="changed",
                             code=other, reason="Annan serie.")
    assert f'id="s{suggestion.id}-code-error"' in page_text(response)


def test_deciding_every_series_and_coach_makes_the_intake_matched(staff_client,
                                                                   submitted_company):
    deciding = [s for s in suggestions_of(submitted_company)
                if s.kind in (SuggestionKind.WORKSHOP_SERIES, SuggestionKind.COACH)]
    assert len(deciding) >= 2
    for s in deciding[:-1]:
        post_decision(staff_client, submitted_company, s, decision="accepted", reason="")
        db.session.expire_all()
        assert submitted_company.current_intake.status == IntakeStatus.UNDER_REVIEW
    post_decision(staff_client, submitted_company, deciding[-1], decision="rejected",
                  reason="Coachen har inte plats i vår.")
    db.session.expire_all()
    assert submitted_company.current_intake.status == IntakeStatus.MATCHED


def test_an_enrolled_company_is_never_moved_back(staff_client, submitted_company):
    intake = submitted_company.current_intake
    intake.status = IntakeStatus.ENROLLED
    db.session.commit()
    staff_client.get(f"/coordinator/companies/{submitted_company.id}")
    s = suggestions_of(submitted_company, SuggestionKind.COACH)[0]
    post_decision(staff_client, submitted_company, s, decision="accepted", reason="")
    db.session.expire_all()
    assert submitted_company.current_intake.status == IntakeStatus.ENROLLED


def test_decisions_can_be_revised_and_every_one_is_audited(staff_client, submitted_company):
    s = suggestions_of(submitted_company, SuggestionKind.CASE)[0]
    post_decision(staff_client, submitted_company, s, decision="accepted", reason="")
    post_decision(staff_client, submitted_company, s, decision="rejected",
                  reason="Inte jämförbar storlek.")
    db.session.expire_all()
    assert db.session.get(Suggestion, s.id).decision == "rejected"
    actions = db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.entity_id == str(s.id), AuditEvent.entity == "suggestion")
        .order_by(AuditEvent.id)).all()
    assert actions == ["suggestion.accepted", "suggestion.rejected"]


def test_unknown_company_or_foreign_suggestion_is_404(staff_client, submitted_company,
                                                      company_factory):
    assert staff_client.get("/coordinator/companies/999999").status_code == 404
    other = company_factory.create(name="Annat Bolag AB")
    s = suggestions_of(submitted_company)[0]
    response = staff_client.post(
        f"/coordinator/companies/{other.id}/suggestions/{s.id}/decision",
        data={f"s{s.id}-decision": "accepted"})
    assert response.status_code == 404
    response = staff_client.post(
        f"/coordinator/companies/{submitted_company.id}/suggestions/999999/decision",
        data={"s999999-decision": "accepted"})
    assert response.status_code == 404


def test_recompute_only_until_the_first_decision(staff_client, submitted_company):
    url = f"/coordinator/companies/{submitted_company.id}/suggestions/recompute"
    staff_client.get("/language/en")
    before = {s.id for s in suggestions_of(submitted_company)}
    assert staff_client.post(url).status_code == 302
    after = suggestions_of(submitted_company)
    assert after and {s.id for s in after}.isdisjoint(before)
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "suggestions.recomputed")) is not None

    post_decision(staff_client, submitted_company, after[0], decision="accepted", reason="")
    ids = {s.id for s in suggestions_of(submitted_company)}
    response = staff_client.post(url, follow_redirects=True)
    assert "cannot be recomputed" in page_text(response)
    assert {s.id for s in suggestions_of(submitted_company)} == ids
    assert "suggestions/recompute" not in page_text(
        staff_client.get(f"/coordinator/companies/{submitted_company.id}"))


def test_radar_chart_and_table_show_the_same_numbers(staff_client, submitted_company):
    html = page_text(staff_client.get(f"/coordinator/companies/{submitted_company.id}"))
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, flags=re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        assert 'stroke-dasharray="7 4"' in svg  # the cases' series differs by pattern
        assert "<rect" in svg and "<circle" in svg  # ... and by marker shape
        assert "style=" not in svg
    comparison = review.comparison(submitted_company.current_intake)
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*((?:<td class="num">[^<]*</td>\s*)+)',
                      html)
    table = {title: re.findall(r'<td class="num">([^<]*)</td>', cells) for title, cells in rows}
    assert len(comparison.areas) == 4 and comparison.case_codes
    for area in comparison.areas:
        cells = table[area.title["sv"]]
        assert cells[0] == str(area.maturity) and cells[2] == str(area.urgency)
        assert cells[1] == f"{area.cases_maturity:g}".replace(".", ",")
        # the description of the chart names the same values
        assert f"{area.title['sv']} {area.maturity}" in svgs[0]
        assert f"{area.title['sv']} {area.urgency}" in svgs[1]


def test_decisions_are_rate_limited_per_coordinator(app, staff_client, submitted_company):
    app.config["COORDINATOR_MAIL_RATE_LIMIT"] = "2 per hour"
    s = suggestions_of(submitted_company, SuggestionKind.CASE)[0]
    for _ in range(2):
        assert post_decision(staff_client, submitted_company, s, decision="accepted",
                             reason="").status_code == 302
    assert post_decision(staff_client, submitted_company, s, decision="accepted",
                         reason="").status_code == 429


def test_a_draft_company_can_be_opened_without_suggestions(staff_client, company_factory):
    company = company_factory.create(name="Utkast AB")
    response = staff_client.get(f"/coordinator/companies/{company.id}")
    assert response.status_code == 200
    assert "Utkast AB" in page_text(response)
    db.session.expire_all()
    assert company.current_intake.status == IntakeStatus.DRAFT


def test_the_review_page_shows_the_series_the_company_is_booked_into(staff_client,
                                                                    submitted_company):
    series = db.session.scalars(select(WorkshopSeries).order_by(WorkshopSeries.code)).first()
    db.session.add(Enrolment(company_id=submitted_company.id, workshop_series_id=series.id))
    db.session.commit()
    response = staff_client.get(f"/coordinator/companies/{submitted_company.id}")
    assert response.status_code == 200
    booking_panel = response.get_data(as_text=True).split('id="booking"', 1)[1]
    assert f"{series.title} ({series.code})" in booking_panel
    assert "/enrolments/" in booking_panel and "/cancel" in booking_panel  # it can be cancelled
