"""Decisions carry through: a decided card shows its state and what to do next, a changed
coach is offered for assignment in one click, an accepted series is preselected for booking,
messages appear on the card, and a reason no longer in force does not linger."""

import re
from html import unescape

from sqlalchemy import select

from intake.extensions import db
from intake.models import CoachAssignment, Suggestion, SuggestionKind, WorkshopSeries
from tests.intake.coordinator.test_review import (
    card_html,
    other_series_code,
    post_decision,
    suggestions_of,
)


def review_page(client, company) -> str:
    return unescape(client.get(f"/coordinator/companies/{company.id}").get_data(as_text=True))


def card(html: str, suggestion) -> str:
    return card_html(html, suggestion)


def other_coach_code(suggestion) -> str:
    from intake.models import Coach

    suggested = {s.code for s in suggestion.intake.suggestions}
    return db.session.scalar(select(Coach.code).where(
        Coach.retired_at.is_(None), Coach.code.not_in(suggested)).order_by(Coach.code))


def test_a_decided_card_shows_its_state_and_the_count_moves(staff_client, submitted_company):
    series = suggestions_of(submitted_company, SuggestionKind.WORKSHOP_SERIES)[0]
    other = other_series_code(series)
    post_decision(staff_client, submitted_company, series, decision="changed", code=other,
                  reason="Startar tidigare.")
    html = review_page(staff_client, submitted_company)
    assert "1 of 9 decided" in html or "1 av 9" in html
    decided = card(html, series)
    title = db.session.scalar(select(WorkshopSeries.title).where(WorkshopSeries.code == other))
    # The chosen item is the heading; the original one is named beneath it.
    heading = re.search(r'<h4 class="card-title"[^>]*>(.*?)</h4>', decided, re.S).group(1)
    assert title[:60] in heading
    assert 'class="badge badge-changed"' in decided
    assert "Startar tidigare." in decided
    # The form is folded away; undecided cards keep their one-click accept in view.
    assert '<details class="redecide">' in decided
    undecided = card(html, suggestions_of(submitted_company, SuggestionKind.COACH)[0])
    assert "redecide" not in undecided and 'class="accept-form"' in undecided


def test_the_confirmation_is_on_the_card_not_at_the_top(staff_client, submitted_company):
    coach = suggestions_of(submitted_company, SuggestionKind.COACH)[0]
    response = post_decision(staff_client, submitted_company, coach, decision="accepted")
    assert response.headers["Location"].endswith(f"#suggestion-{coach.id}")
    html = review_page(staff_client, submitted_company)
    top = html.split('<main id="main"', 1)[1].split("<h1>", 1)[0]
    assert "flash" not in top
    assert 'class="flash flash-success"' in card(html, coach)


def test_a_failed_decision_comes_back_on_its_card_at_its_anchor(staff_client,
                                                                submitted_company):
    coach = suggestions_of(submitted_company, SuggestionKind.COACH)[0]
    response = post_decision(staff_client, submitted_company, coach, decision="rejected",
                             reason="")
    html = unescape(response.get_data(as_text=True))
    mine = card(html, coach)
    assert 'id="error-summary"' in mine and "<details class=\"decide-other\" open>" in mine
    assert html.count('id="error-summary"') == 1
    assert f'action="/coordinator/companies/{submitted_company.id}/suggestions/{coach.id}/' \
           f'decision#suggestion-{coach.id}"' in mine


def test_accepting_after_a_change_clears_the_old_reason(staff_client, submitted_company):
    series = suggestions_of(submitted_company, SuggestionKind.WORKSHOP_SERIES)[0]
    post_decision(staff_client, submitted_company, series, decision="changed",
                  code=other_series_code(series), reason="Gammalt skäl.")
    # The one-click accept sends no reason: the one given for the change is gone.
    post_decision(staff_client, submitted_company, series, decision="accepted")
    db.session.expire_all()
    stored = db.session.get(Suggestion, series.id)
    assert (stored.decision, stored.decision_code, stored.decision_reason) == (
        "accepted", None, None)
    assert "Gammalt skäl." not in review_page(staff_client, submitted_company)


def test_a_changed_coach_is_offered_and_assigned_in_one_click(staff_client,
                                                              submitted_company):
    coach = suggestions_of(submitted_company, SuggestionKind.COACH)[0]
    other = other_coach_code(coach)
    post_decision(staff_client, submitted_company, coach, decision="changed", code=other,
                  reason="Har plats nu.")
    html = review_page(staff_client, submitted_company)
    mine = card(html, coach)
    form = re.search(r'<form method="post" action="([^"]+/coach)">(.*?)</form>', mine, re.S)
    assert form, "no one-click assignment on the card"
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(2)))
    response = staff_client.post(form.group(1), data=fields)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#suggestion-{coach.id}")
    assignment = db.session.scalar(select(CoachAssignment).where(
        CoachAssignment.company_id == submitted_company.id))
    assert assignment.coach.code == other
    html = review_page(staff_client, submitted_company)
    assert f"{assignment.coach.name} is the company's coach." in html or \
        f"{assignment.coach.name} är företagets coach." in html
    assert "/coach\">" not in card(html, coach)  # no second offer


def test_booking_preselects_the_accepted_series_and_lists_it_first(staff_client,
                                                                    submitted_company):
    series = suggestions_of(submitted_company, SuggestionKind.WORKSHOP_SERIES)
    accepted = series[1]  # not the best one: the decision, not the rank, decides
    post_decision(staff_client, submitted_company, accepted, decision="accepted")
    page = unescape(staff_client.get(
        f"/coordinator/companies/{submitted_company.id}/enrol").get_data(as_text=True))
    options = re.findall(r'<option( selected)? value="(\d*)"[^>]*>([^<]*)</option>', page)
    chosen = db.session.scalar(select(WorkshopSeries).where(
        WorkshopSeries.code == accepted.code))
    assert options[1][1] == str(chosen.id)  # first after "Choose a workshop series"
    assert options[1][0] == " selected"
    assert sum(1 for selected, _v, _l in options if selected) == 1


def test_an_archived_chosen_coach_is_warned_about(staff_client, submitted_company):
    coach = suggestions_of(submitted_company, SuggestionKind.COACH)[0]
    post_decision(staff_client, submitted_company, coach, decision="accepted")
    from intake.models import Coach

    row = db.session.scalar(select(Coach).where(Coach.code == coach.code))
    db.session.add(CoachAssignment(company_id=submitted_company.id, coach_id=row.id))
    row.retired_at = row.created_at
    db.session.commit()
    html = review_page(staff_client, submitted_company)
    assert 'class="notice notice-warning"' in card(html, coach)
    panel = html.split('id="booking"', 1)[1]
    assert row.name in panel and "notice-warning" in panel
