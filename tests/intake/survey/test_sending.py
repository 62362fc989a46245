"""A series marked finished makes every booked company due a survey; `surveys send-due` mails
invitations and at most two reminders to those who have not answered, through the outbox, with
personal links on BASE_URL; two runs at once send each mail once."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from intake.clock import today, utcnow
from intake.extensions import db
from intake.models import (
    AuditEvent,
    OutboxMessage,
    OutboxStatus,
    SurveyInvitation,
    SurveyLink,
)
from intake.operations import surveys
from tests.conftest import ROOT
from tests.intake.survey.conftest import finish, finished_on
from tests.intake.survey.helpers import links_by_recipient, path_of
from tests.smtp import closed_port


def _invitations():
    db.session.expire_all()
    return list(db.session.scalars(select(SurveyInvitation).order_by(SurveyInvitation.id)))


def _send(app, **config):
    app.config.update(config)
    result = app.test_cli_runner().invoke(args=["surveys", "send-due"])
    assert result.exit_code == 0, result.output
    return result.output


def _quiet_for(days: int) -> None:
    """Let `days` pass since every invitation's last mail."""
    db.session.execute(update(SurveyInvitation).where(SurveyInvitation.last_mailed_at.is_not(None))
                       .values(last_mailed_at=utcnow() - timedelta(days=days)))
    db.session.commit()


def test_finishing_a_series_makes_both_waves_due(app, series, participants, coordinator):
    made = finish(series, coordinator)
    db.session.commit()
    assert made == 3
    invitations = _invitations()
    assert {(i.company_id, i.wave) for i in invitations} == {
        (c.id, w) for c in participants for w in (1, 2)}
    assert {i.due_on for i in invitations if i.wave == 1} == {finished_on()}
    assert {i.due_on for i in invitations if i.wave == 2} == {finished_on() + timedelta(days=180)}
    assert series.finished_on == finished_on()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "series.finished"))
    assert event.user_id == coordinator.id and event.details["invitations"] == 6
    assert event.details["companies"] == 3
    # Finishing again (a corrected date) invites nobody twice.
    assert finish(series, coordinator) == 0
    with pytest.raises(surveys.FinishedInFuture):
        surveys.finish_series(series, today() + timedelta(days=1), coordinator)


def test_send_due_mails_each_company_its_own_link_in_its_language(app, series, participants,
                                                                  mailbox):
    app.config["BASE_URL"] = "https://intake.region.example"
    finish(series)
    db.session.commit()
    output = _send(app)
    assert "3 invitation(s) and 0 reminder(s)" in output and "mail sent 3" in output
    links = links_by_recipient(mailbox)
    assert set(links) == {c.contact_email for c in participants}
    assert all(len(v) == 1 and v[0].startswith("https://intake.region.example/survey/")
               for v in links.values())
    assert len({v[0] for v in links.values()}) == 3
    english = next(m for m in mailbox if m["To"] == participants[2].contact_email)
    swedish = next(m for m in mailbox if m["To"] == participants[0].contact_email)
    assert "How was the workshop series" in english["Subject"]
    assert "workshopserien" in swedish["Subject"]
    assert series.title in swedish.get_content()
    # Tokens: at least 128 bits, stored only as their hashes.
    token = links[participants[0].contact_email][0].rsplit("/", 1)[1]
    assert len(token) >= 22
    stored = list(db.session.scalars(select(SurveyLink.token_hash)))
    assert token not in stored and surveys.hash_token(token) in stored
    # The second wave is not due yet, and nothing is sent twice.
    assert "0 invitation(s) and 0 reminder(s)" in _send(app)
    assert len(mailbox) == 3


def test_reminders_go_to_non_responders_only_and_stop_at_two(app, client, series, participants,
                                                             mailbox):
    finish(series)
    db.session.commit()
    _send(app)
    answered = participants[0]
    link = links_by_recipient(mailbox)[answered.contact_email][0]
    page = client.post(path_of(link), data={"rating": "4", "usefulness": "4", "recommend": "9",
                                            "fit": "yes", "action": "submit"})
    assert page.status_code == 302
    mailbox.clear()
    assert "0 reminder(s)" in _send(app)  # not quiet for SURVEY_REMINDER_DAYS yet
    _quiet_for(7)
    assert "2 reminder(s)" in _send(app)
    assert sorted(m["To"] for m in mailbox) == sorted(c.contact_email for c in participants[1:])
    assert all("Påminnelse" in m["Subject"] or "Reminder" in m["Subject"] for m in mailbox)
    _quiet_for(7)
    assert "2 reminder(s)" in _send(app)
    _quiet_for(30)
    assert "0 reminder(s)" in _send(app)  # two reminders, then no more
    assert len(mailbox) == 4
    assert {i.mails_sent for i in _invitations() if i.wave == 1} == {1, 3}


def test_reminder_days_zero_means_due_now(app, series, participants, mailbox):
    finish(series)
    db.session.commit()
    _send(app, SURVEY_REMINDER_DAYS=0)
    assert "3 reminder(s)" in _send(app)


def test_the_second_wave_falls_due_six_months_later(app, series, participants, mailbox):
    finish(series)
    db.session.commit()
    _send(app)
    mailbox.clear()
    later = utcnow() + timedelta(days=180)
    counts = surveys.send_due(now=later)
    db.session.commit()
    assert counts.invitations == 3
    waves = {i.wave: i.mails_sent for i in _invitations() if i.company_id == participants[0].id}
    assert waves[2] == 1


def test_an_smtp_outage_leaves_invitations_queued_and_the_next_run_sends_them(
        app, series, participants, mailbox, smtp_server):
    finish(series)
    db.session.commit()
    output = _send(app, MAIL_PORT=closed_port())
    assert "3 invitation(s)" in output and mailbox == []
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.status == OutboxStatus.PENDING)) == 3
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
    db.session.commit()
    output = _send(app, MAIL_PORT=smtp_server.port)
    assert "0 invitation(s)" in output and "mail sent 3" in output
    assert sorted(m["To"] for m in mailbox) == sorted(c.contact_email for c in participants)


SEND_DUE = [sys.executable, "-m", "flask", "--app", "wsgi", "surveys", "send-due"]


def test_two_concurrent_runs_send_each_invitation_once(app, database_url, catalogue,
                                                      company_factory, mailbox, smtp_server):
    from intake.models import Enrolment, WorkshopSeries

    series = db.session.scalars(select(WorkshopSeries)).first()
    companies = [company_factory.create() for _ in range(24)]
    db.session.add_all(Enrolment(company_id=c.id, workshop_series_id=series.id)
                       for c in companies)
    db.session.commit()
    finish(series)
    db.session.commit()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "x" * 40,
           "MAIL_SERVER": smtp_server.host, "MAIL_PORT": str(smtp_server.port),
           "INTAKE_ENV": "development"}
    runs = [subprocess.Popen(SEND_DUE, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert sorted(m["To"] for m in mailbox) == sorted(c.contact_email for c in companies)
    assert {i.mails_sent for i in _invitations() if i.wave == 1} == {1}


def test_a_series_is_not_finished_before_it_starts(app, series, participants):
    with pytest.raises(surveys.FinishedBeforeStart):
        surveys.finish_series(series, series.starts_on - timedelta(days=1), None)
    assert series.finished_on is None
