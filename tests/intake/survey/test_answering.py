"""Answering by the mailed link: no login, drafts kept, submitted once, refused input said next
to the field with the other answers kept; misused links open nothing; the six-month wave
re-takes the maturity statements and the status page shows before and after."""

from datetime import timedelta

from sqlalchemy import select, update

from intake.clock import utcnow
from intake.extensions import db
from intake.models import (
    ResponseStatus,
    SurveyInvitation,
    SurveyLink,
    SurveyResponse,
)
from intake.operations import surveys
from intake.questionnaire import load
from tests.intake.helpers import logged_in
from tests.intake.survey.conftest import finish
from tests.intake.survey.helpers import links_by_recipient, path_of

GOOD = {"rating": "4", "usefulness": "5", "recommend": "9", "fit": "yes",
        "actions": ["routine", "investment"], "investment_sek": "250 000",
        "next_need": "Hjälp med en robotcell.", "comment": "Bra upplägg.", "action": "submit"}
EN = {"Accept-Language": "en"}


def _links(app, series, mailbox, now=None):
    finish(series)
    db.session.commit()
    if now is None:
        app.test_cli_runner().invoke(args=["surveys", "send-due"])
    else:
        surveys.send_due(now=now)
        db.session.commit()
        app.test_cli_runner().invoke(args=["mail", "send-due"])
    return {to: path_of(links[-1]) for to, links in links_by_recipient(mailbox).items()}


def _response():
    db.session.expire_all()
    return db.session.scalar(select(SurveyResponse))


def test_a_link_opens_the_survey_without_login_in_the_company_language(
        app, series, participants, mailbox):
    links = _links(app, series, mailbox)
    page = app.test_client().get(links[participants[2].contact_email])
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Did the series fit your needs?" in text and series.title in text
    assert 'lang="en"' in text
    swedish = app.test_client().get(links[participants[0].contact_email]).get_data(as_text=True)
    assert "Passade serien era behov?" in swedish


def test_submit_once_then_thank_you_and_the_link_shows_no_answers(app, client, series,
                                                                 participants, mailbox):
    link = _links(app, series, mailbox)[participants[0].contact_email]
    response = client.post(link, data=GOOD)
    assert response.status_code == 302 and response.location.endswith("/survey/thanks")
    assert "Tack för era svar" in client.get(response.location).get_data(as_text=True)
    stored = _response()
    assert stored.status == ResponseStatus.SUBMITTED and stored.submitted_at
    assert stored.answers == {"rating": 4, "usefulness": 5, "recommend": 9, "fit": "yes",
                              "actions": ["routine", "investment"], "investment_sek": 250000,
                              "next_need": "Hjälp med en robotcell.", "comment": "Bra upplägg."}
    again = client.get(link)
    assert again.status_code == 410
    text = again.get_data(as_text=True)
    assert "redan besvarad" in text and "Bra upplägg" not in text and "robotcell" not in text
    assert client.post(link, data={**GOOD, "comment": "Ändrat"}).status_code == 410
    assert _response().answers["comment"] == "Bra upplägg."


def test_a_draft_is_kept_without_the_required_answers(app, client, series, participants,
                                                     mailbox):
    link = _links(app, series, mailbox)[participants[0].contact_email]
    page = client.post(link, data={"rating": "3", "comment": "Halvvägs", "action": "draft"})
    assert page.status_code == 200 and "utkast är sparat" in page.get_data(as_text=True)
    assert _response().status == ResponseStatus.DRAFT
    reopened = app.test_client().get(link).get_data(as_text=True)
    assert 'checked id="rating-2"' in reopened and "Halvvägs" in reopened


def test_refused_answers_are_said_next_to_the_field_and_the_rest_kept(app, client, series,
                                                                     participants, mailbox):
    link = _links(app, series, mailbox)[participants[2].contact_email]  # writes in English
    bad = {**GOOD, "rating": "11", "recommend": "ten", "investment_sek": "mycket",
           "comment": "x" * 2001, "actions": ["nothing", "hire"]}
    page = client.post(link, data=bad, headers=EN)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert text.count('class="field-error"') == 5
    assert "Enter a whole number" in text and "At most 2000 characters" in text
    assert "cannot be chosen together" in text
    assert "Hjälp med en robotcell." in text and 'checked id="fit-0"' in text
    assert _response() is None
    missing = client.post(link, data={"comment": "Bara en kommentar", "action": "submit"},
                          headers=EN).get_data(as_text=True)
    assert missing.count("Please answer this question.") >= 4 and "Bara en kommentar" in missing
    assert _response() is None


def test_garbage_posts_never_give_a_500(app, client, series, participants, mailbox):
    link = _links(app, series, mailbox)[participants[0].contact_email]
    for data in ({"rating": ["1", "2"]}, {"actions": "x" * 10000}, {"fit": "\x00"},
                 {"investment_sek": "9" * 400, "action": "submit"}, {"action": "x" * 300}):
        assert client.post(link, data=data).status_code in (200, 302, 400)


def test_misused_links_open_nothing(app, client, series, participants, mailbox):
    links = _links(app, series, mailbox)
    real = links[participants[0].contact_email]
    token = real.rsplit("/", 1)[1]
    assert client.get("/survey/short").status_code == 404
    assert client.get("/survey/" + "A" * 43).status_code == 404  # well-formed, guessed
    assert client.get("/survey/" + token[:-1] + "!").status_code == 404
    assert client.get("/survey/" + surveys.hash_token(token)).status_code == 404
    db.session.execute(update(SurveyLink).values(expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    expired = client.get(real)
    assert expired.status_code == 410 and "gått ut" in expired.get_data(as_text=True)
    assert client.post(real, data=GOOD).status_code == 410
    assert _response() is None


def test_the_form_needs_its_csrf_token(csrf_app, series, participants, mailbox):
    links = _links(csrf_app, series, mailbox)
    client = csrf_app.test_client()
    assert client.post(links[participants[0].contact_email], data=GOOD).status_code == 400
    assert _response() is None


def test_the_six_month_wave_retakes_the_statements_and_shows_before_and_after(
        app, series, participants, mailbox):
    company = participants[0]
    _links(app, series, mailbox)
    mailbox.clear()
    links = _links(app, series, mailbox, now=utcnow() + timedelta(days=181))
    link = links[company.contact_email]
    db.session.expire_all()
    invitation = db.session.scalar(select(SurveyInvitation).where(
        SurveyInvitation.company_id == company.id, SurveyInvitation.wave == 2))
    assert invitation.mails_sent == 1
    page = app.test_client().get(link).get_data(as_text=True)
    automation = load().area("automation")
    for statement in automation.statements:  # the same wording as the questionnaire's
        assert statement.text["sv"] in page
    levels = {f"level_automation__{s.key}": "4" for s in automation.statements}
    levels.update({f"level_productivity__{s.key}": "5"
                   for s in load().area("productivity").statements})
    client = app.test_client()
    assert client.post(link, data={**GOOD, **levels}).status_code == 302
    change = _response().maturity_change
    assert change["automation"]["after"] == 4 and change["automation"]["before"] == 2
    assert change["productivity"] == {"before": 3, "after": 5}
    assert "digitalisation" not in change
    status = logged_in(app.test_client(), company).get("/company/").get_data(as_text=True)
    assert "maturity-change" in status and "Automation och robotisering" in status, status[-6000:]
    assert "+2" in status


def test_the_page_script_saves_a_draft_in_the_background(app, client, series, participants,
                                                        mailbox):
    link = _links(app, series, mailbox)[participants[0].contact_email]
    background = {"X-Autosave": "1"}
    saved = client.post(link, data={**GOOD, "nav": "autosave"}, headers=background)
    assert saved.status_code == 204
    assert _response().status == ResponseStatus.DRAFT  # a background save never submits
    refused = client.post(link, data={"rating": "99", "nav": "autosave"}, headers=background)
    assert refused.status_code == 422 and _response().answers["rating"] == 4
    assert client.post(link, data=GOOD).status_code == 302
    assert client.post(link, data=GOOD, headers=background).status_code == 422


def test_export_holds_the_answers_and_erasure_wipes_texts_and_links(app, client, series,
                                                                   participants, mailbox):
    from intake.operations import privacy

    company = participants[0]
    link = _links(app, series, mailbox)[company.contact_email]
    assert client.post(link, data=GOOD).status_code == 302
    db.session.expire_all()
    exported = privacy.export_company_data(company)["surveys"]
    answered = next(s for s in exported if s["wave"] == 1)
    assert answered["status"] == "submitted" and answered["answers"]["comment"] == "Bra upplägg."
    assert privacy.erase_company(company) == "anonymised"
    db.session.commit()
    answers = _response().answers
    assert "comment" not in answers and "next_need" not in answers and answers["rating"] == 4
    assert db.session.scalars(select(SurveyLink).join(SurveyInvitation).where(
        SurveyInvitation.company_id == company.id)).all() == []
    assert client.get(link).status_code == 404
