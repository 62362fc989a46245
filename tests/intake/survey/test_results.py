"""Coordinators mark a series finished and read what the surveys said: per series and per
coach, NPS and the rest, small cells hidden; the Excel export, the dashboard and the final
report carry the same figures."""

from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import select

from intake.clock import today
from intake.extensions import db
from intake.models import (
    Coach,
    CoachAssignment,
    Enrolment,
    SurveyInvitation,
    WorkshopSeries,
)
from intake.operations import surveys
from intake.operations.survey_results import survey_results
from tests.intake.coordinator.conftest import fill_and_submit
from tests.intake.helpers import logged_in
from tests.intake.survey.conftest import finish, finished_on

EN = {"Accept-Language": "en"}
# Six answers to series A: 3 promoters, 2 detractors of 6 -> NPS 17.
RECOMMEND = [10, 9, 9, 7, 3, 0]


def _programme(company_factory, coach_for_all=True):
    big, small = list(db.session.scalars(select(WorkshopSeries)
                                         .order_by(WorkshopSeries.code)))[:2]
    coach = db.session.scalars(select(Coach).order_by(Coach.code)).first()
    companies = {big.id: [], small.id: []}
    for series, count in ((big, 6), (small, 3)):
        for _ in range(count):
            company = fill_and_submit(company_factory.create())
            db.session.add(Enrolment(company_id=company.id, workshop_series_id=series.id))
            if coach_for_all:
                db.session.add(CoachAssignment(company_id=company.id, coach_id=coach.id))
            companies[series.id].append(company)
    db.session.commit()
    for series in (big, small):
        finish(series)
    surveys.send_due()
    db.session.commit()
    for i, company in enumerate(companies[big.id]):
        _answer(company, big, {"rating": 4 + (i % 2), "usefulness": 4,
                               "recommend": RECOMMEND[i], "fit": "yes" if i < 4 else "no",
                               "actions": ["investment"], "investment_sek": 100_000,
                               "comment": f"Kommentar {i}"})
    for company in companies[small.id][:2]:
        _answer(company, small, {"rating": 2, "usefulness": 2, "recommend": 2, "fit": "no",
                                 "actions": ["nothing"], "comment": "Hemlig synpunkt"})
    db.session.commit()
    return big, small, coach


def _answer(company, series, answers):
    invitation = db.session.scalar(select(SurveyInvitation).where(
        SurveyInvitation.company_id == company.id,
        SurveyInvitation.workshop_series_id == series.id, SurveyInvitation.wave == 1))
    surveys.save(invitation, answers, None, submit=True)


def test_figures_per_series_and_coach_with_small_cells_hidden(app, catalogue, company_factory):
    big, small, coach = _programme(company_factory)
    results = survey_results()
    by_series = {f.label: f for f in results.by_series}
    a = by_series[big.title]
    assert (a.invited, a.answered, a.response_rate) == (6, 6, 100.0)
    assert a.nps == 17 and a.mean_rating == 4.5
    assert round(a.fitted_share, 1) == 66.7
    assert a.actions["investment"] == 6 and a.investment_sek == 600_000
    assert by_series[small.title].too_few and by_series[small.title].answered == 2
    [per_coach] = results.by_coach
    assert per_coach.label == coach.name and per_coach.invited == 9 and per_coach.answered == 8
    assert results.programme.response_rate == round(100 * 8 / 9, 1)


def test_the_results_page_and_its_export(app, catalogue, company_factory, staff_client):
    big, small, _coach = _programme(company_factory)
    page = staff_client.get("/coordinator/surveys", headers=EN)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "chart-nps" in text and "Too few answers" in text
    assert "Kommentar 3" in text and "Hemlig synpunkt" not in text
    assert "<td class=\"num\">17</td>" in text
    assert "chart-maturity" not in text  # nobody re-assessed yet: no empty chart, the table says so
    export = staff_client.get("/coordinator/surveys/results.xlsx", headers=EN)
    assert export.status_code == 200
    book = load_workbook(BytesIO(export.data))
    rows = {r[0]: r for r in book["Surveys per series"].iter_rows(values_only=True)}
    assert rows[big.title][1:6] == (6, 6, 100, 4.5, 17)
    assert rows[small.title][2] == "Too few answers"


def test_with_too_few_answers_the_page_draws_no_empty_chart(app, catalogue, staff_client):
    text = staff_client.get("/coordinator/surveys", headers=EN).get_data(as_text=True)
    assert "chart-nps" not in text and "chart-maturity" not in text
    assert "Too few answers" in text


def test_the_dashboard_and_the_final_report(app, catalogue, company_factory, staff_client):
    _programme(company_factory)
    text = staff_client.get("/coordinator/reports", headers=EN).get_data(as_text=True)
    assert "Follow-up surveys" in text and 'data-survey="nps"' in text
    assert 'data-survey="rate"' in text
    report = staff_client.get("/coordinator/reports/final-report.xlsx", headers=EN)
    assert report.status_code == 200
    book = load_workbook(BytesIO(report.data))
    for name in ("Indicators", "Per county", "Participants", "Surveys per series",
                 "Maturity change", "Actions reported"):
        assert name in book.sheetnames


def test_results_are_for_staff_only(app, catalogue, company_factory, client):
    company = company_factory.create()
    assert client.get("/coordinator/surveys").status_code == 302
    logged_in(client, company)
    assert client.get("/coordinator/surveys").status_code == 403
    assert client.get("/coordinator/surveys/results.xlsx").status_code == 403


def test_a_coordinator_marks_a_series_finished_from_its_page(app, catalogue, company_factory,
                                                            staff_client):
    series = db.session.scalars(select(WorkshopSeries)).first()
    company = fill_and_submit(company_factory.create())
    db.session.add(Enrolment(company_id=company.id, workshop_series_id=series.id))
    db.session.commit()
    edit = staff_client.get(f"/coordinator/series/{series.id}", headers=EN)
    assert f'action="/coordinator/series/{series.id}/finish"' in edit.get_data(as_text=True)
    future = staff_client.post(f"/coordinator/series/{series.id}/finish", headers=EN,
                               data={"finished_on": (today() + timedelta(days=3)).isoformat()})
    assert future.status_code == 400
    assert "has not come yet" in future.get_data(as_text=True)
    series.starts_on = today() - timedelta(days=30)
    db.session.commit()
    early = staff_client.post(f"/coordinator/series/{series.id}/finish", headers=EN,
                              data={"finished_on": (today() - timedelta(days=31)).isoformat()})
    assert early.status_code == 400 and "cannot be finished before" in early.get_data(
        as_text=True)
    garbage = staff_client.post(f"/coordinator/series/{series.id}/finish", headers=EN,
                                data={"finished_on": "igår"})
    assert garbage.status_code == 400 and "igår" in garbage.get_data(as_text=True)
    done = staff_client.post(f"/coordinator/series/{series.id}/finish", headers=EN,
                             data={"finished_on": finished_on().isoformat()})
    assert done.status_code == 302
    assert done.headers["Location"].endswith(f"/coordinator/series/{series.id}#finish")
    page = staff_client.get(f"/coordinator/series/{series.id}", headers=EN)
    assert "1 booked company is due the follow-up survey" in page.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(WorkshopSeries, series.id).finished_on == finished_on()
    assert len(list(db.session.scalars(select(SurveyInvitation)))) == 2
    assert staff_client.post("/coordinator/series/999999/finish",
                             data={"finished_on": "2026-01-01"}).status_code == 404


def test_a_coordinator_sends_the_survey_by_hand_from_the_review_page(
        app, catalogue, company_factory, staff_client, mailbox):
    series = db.session.scalars(select(WorkshopSeries)).first()
    other = db.session.scalars(select(WorkshopSeries).where(WorkshopSeries.id != series.id)
                               ).first()
    company = fill_and_submit(company_factory.create())
    db.session.add(Enrolment(company_id=company.id, workshop_series_id=series.id))
    db.session.commit()
    review = staff_client.get(f"/coordinator/companies/{company.id}", headers=EN)
    action = f"/coordinator/companies/{company.id}/survey/{series.id}"
    assert f'action="{action}"' in review.get_data(as_text=True)
    sent = staff_client.post(action)
    assert sent.status_code == 302 and sent.location.endswith("#booking")
    assert [m["To"] for m in mailbox] == [company.contact_email]
    assert "/survey/" in mailbox[0].get_content()
    staff_client.post(action)
    assert len(mailbox) == 2  # again, with a new link
    staff_client.post(f"/coordinator/companies/{company.id}/survey/{other.id}")
    assert len(mailbox) == 2  # not booked into that one
    db.session.expire_all()
    [invitation] = db.session.scalars(select(SurveyInvitation)).all()
    assert invitation.mails_sent == 2
