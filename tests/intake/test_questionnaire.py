"""The needs questionnaire: steps saved as drafts, review, submit, suggestions at once."""

import re

from markupsafe import escape
from sqlalchemy import select

from intake.extensions import db
from intake.matching_bridge import reasons_in
from intake.models import AreaAnswer, IntakeStatus, Suggestion
from tests.intake.helpers import (
    QUESTIONNAIRE,
    REQUIRED,
    answer_required_areas,
    logged_in,
    step_data,
)


def checked_value(page: str, name: str) -> str | None:
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and " checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def test_questionnaire_starts_at_the_first_area(client, company_factory):
    logged_in(client, company_factory.create())
    response = client.get("/company/questionnaire")
    assert response.location.endswith("/company/questionnaire/digitalisation")


def test_each_step_shows_statements_levels_priority_and_progress(client, company_factory):
    logged_in(client, company_factory.create())
    area = QUESTIONNAIRE.area("automation")
    page = client.get("/company/questionnaire/automation",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    for statement in area.statements:
        assert escape(statement.text["en"]) in page
        for level in "12345":
            assert escape(statement.levels[level]["en"]) in page
    assert escape(area.priority_question["en"]) in page
    assert "Step 2 of 7" in page  # six areas and the review


def test_a_half_filled_step_is_saved_as_a_draft_and_shown_again(client, company_factory):
    company = company_factory.create()
    logged_in(client, company)
    area = REQUIRED[0]
    first = area.statements[0].key
    client.post(f"/company/questionnaire/{area.key}",
                data={f"statement_{first}": "3", "text": "Bara början", "nav": "stay"})

    answer = db.session.scalar(select(AreaAnswer))
    assert answer.levels == {first: 3} and answer.priority is None
    assert answer.text == "Bara början"

    # A new session (the browser was closed) finds the draft.
    client.post("/logout")
    logged_in(client, company)
    page = client.get(f"/company/questionnaire/{area.key}").get_data(as_text=True)
    assert checked_value(page, f"statement_{first}") == "3"
    assert "Bara början" in page


def test_autosave_stores_without_redirect(client, company_factory):
    logged_in(client, company_factory.create())
    area = REQUIRED[1]
    response = client.post(f"/company/questionnaire/{area.key}",
                           data={"priority": "5", "nav": "autosave"},
                           headers={"X-Autosave": "1"})
    assert response.status_code == 204
    assert db.session.scalar(select(AreaAnswer.priority)) == 5


def test_back_and_forward_move_between_areas(client, company_factory):
    logged_in(client, company_factory.create())
    area = QUESTIONNAIRE.area("automation")
    back = client.post("/company/questionnaire/automation", data=step_data(area, nav="back"))
    assert back.location.endswith("/company/questionnaire/digitalisation")
    forward = client.post("/company/questionnaire/automation", data=step_data(area))
    assert forward.location.endswith("/company/questionnaire/productivity")
    last = QUESTIONNAIRE.areas[-1]
    end = client.post(f"/company/questionnaire/{last.key}", data=step_data(last))
    assert end.location.endswith("/company/questionnaire/review")


def test_review_lists_what_is_missing_and_submit_refuses(client, company_factory):
    company = company_factory.create()
    logged_in(client, company)
    client.post("/company/questionnaire/digitalisation", data=step_data(REQUIRED[0]))
    page = client.get("/company/questionnaire/review",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Some answers are missing" in page
    assert "/company/questionnaire/automation" in page

    response = client.post("/company/questionnaire/submit")
    assert response.location.endswith("/company/questionnaire/review")
    assert company.current_intake.status == IntakeStatus.DRAFT


def test_out_of_range_answer_is_an_error_not_a_save(client, company_factory):
    logged_in(client, company_factory.create())
    area = REQUIRED[0]
    data = step_data(area, priority="9")
    response = client.post(f"/company/questionnaire/{area.key}", data=data,
                           headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert 'id="priority-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(AreaAnswer.id)) is None


def test_submit_stores_version_status_and_suggestions(client, company_factory, catalogue):
    company = company_factory.create(county="22")
    logged_in(client, company)
    answer_required_areas(client)
    response = client.post("/company/questionnaire/submit")
    assert response.location.endswith("/company/")

    intake = company.current_intake
    db.session.refresh(intake)
    assert intake.status == IntakeStatus.SUBMITTED and intake.submitted_at is not None
    assert intake.questionnaire_version == "v1"
    assert intake.main_need_area in {a.key for a in REQUIRED}
    kinds = {s.kind for s in db.session.scalars(select(Suggestion))}
    assert kinds == {"workshop_series", "coach", "case"}
    first = db.session.scalar(select(Suggestion).where(Suggestion.rank == 1))
    assert reasons_in(first, "sv") and reasons_in(first, "en")
    assert reasons_in(first, "sv") != reasons_in(first, "en")

    page = client.get("/company/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Suggestions for you" in page
    assert 'aria-current="step"' in page and "Submitted" in page


def test_answers_are_locked_after_submit(client, company_factory, catalogue):
    company = company_factory.create()
    logged_in(client, company)
    answer_required_areas(client)
    client.post("/company/questionnaire/submit")
    area = REQUIRED[0]
    response = client.post(f"/company/questionnaire/{area.key}",
                           data=step_data(area, level="5"))
    assert response.location.endswith("/company/questionnaire/review")
    levels = db.session.scalar(select(AreaAnswer.levels).where(AreaAnswer.area == area.key))
    assert set(levels.values()) == {2}
    again = client.post("/company/questionnaire/submit")
    assert again.status_code == 302


def test_unknown_area_is_404(client, company_factory):
    logged_in(client, company_factory.create())
    assert client.get("/company/questionnaire/astrology").status_code == 404


def test_step_marks_tell_complete_started_and_empty_apart(client, company_factory):
    from intake.operations.questionnaire import save_area

    company = company_factory.create()
    intake = company.current_intake
    area = QUESTIONNAIRE.area("digitalisation")
    save_area(intake, "digitalisation", {s.key: 3 for s in area.statements}, 4, "Klart.")
    save_area(intake, "automation", {}, 2, "Bara lite.")
    db.session.commit()
    logged_in(client, company)
    client.get("/language/en")
    html = client.get("/company/questionnaire/productivity").get_data(as_text=True)
    marks = {area: state for state, area in re.findall(
        r'<li class="step-(\w+)[^"]*">\s*<a href="/company/questionnaire/(\w+)"', html)}
    assert marks == {"digitalisation": "complete", "automation": "started",
                     "productivity": "empty", "business_model": "empty",
                     "competence": "empty", "sustainability": "empty"}
    # The eye and a screen reader get the same three states.
    for area_key, word, symbol in (("digitalisation", "(complete)", "✓"),
                                   ("automation", "(started, not complete)", "◐"),
                                   ("productivity", "(not started)", "○")):
        link = re.search(rf'href="/company/questionnaire/{area_key}"[^>]*>(.*?)</a>', html,
                         re.S).group(1)
        assert word in link and symbol in link
