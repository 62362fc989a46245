"""The company hears about its review once: one message when every suggestion is decided, or
after a quiet period for a review left half-done (a cron-safe command), and one on booking."""

from datetime import timedelta

from sqlalchemy import select, update

from intake.clock import utcnow
from intake.extensions import db
from intake.models import OutboxMessage, Suggestion, SuggestionKind, WorkshopSeries
from intake.operations import company_messages
from tests.intake.coordinator.test_review import post_decision, suggestions_of
from tests.smtp import closed_port


def decide_all_but_one(client, company) -> Suggestion:
    *first, last = suggestions_of(company)
    for s in first:
        post_decision(client, company, s, decision="accepted")
    return last


def test_one_message_when_the_review_is_finished(staff_client, submitted_company, mailbox):
    last = decide_all_but_one(staff_client, submitted_company)
    assert mailbox == []  # eight decisions, no mail yet
    post_decision(staff_client, submitted_company, last, decision="rejected",
                  reason="Inte jämförbar storlek.")
    assert len(mailbox) == 1
    body = mailbox[0].get_content()
    assert mailbox[0]["To"] == submitted_company.contact_email
    assert "Inte jämförbar storlek." in body
    # Every decision is in it, with the item's name; a case by its summary, never its code.
    for s in suggestions_of(submitted_company):
        assert s.code not in body
    series = suggestions_of(submitted_company, SuggestionKind.WORKSHOP_SERIES)[0]
    row = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == series.code))
    assert row.title[:50] in body
    assert all(s.told_at is not None for s in suggestions_of(submitted_company))
    # Deciding again tells the company again, about that decision only.
    post_decision(staff_client, submitted_company, series, decision="rejected",
                  reason="Serien är full.")
    assert len(mailbox) == 2
    assert "Serien är full." in mailbox[1].get_content()
    assert "Inte jämförbar storlek." not in mailbox[1].get_content()


def test_the_message_is_in_the_companys_language(staff_client, submitted_company, mailbox):
    submitted_company.language = "en"
    db.session.commit()
    last = decide_all_but_one(staff_client, submitted_company)
    post_decision(staff_client, submitted_company, last, decision="accepted")
    body = mailbox[0].get_content()
    assert "has reviewed the suggestions" in body
    assert "Accepted by a coordinator" in body


def test_a_quiet_review_is_told_by_the_cron_command(app, staff_client, submitted_company,
                                                    mailbox):
    series = suggestions_of(submitted_company, SuggestionKind.WORKSHOP_SERIES)[0]
    post_decision(staff_client, submitted_company, series, decision="accepted")
    runner = app.test_cli_runner()
    assert "0 review message(s) sent." in runner.invoke(args=["decisions", "send-due"]).output
    assert mailbox == []
    # Half an hour later, nothing more has been decided: the decision so far goes out.
    db.session.expire_all()
    stored = db.session.get(Suggestion, series.id)
    stored.decided_at = utcnow() - timedelta(minutes=31)
    db.session.commit()
    assert "1 review message(s) sent." in runner.invoke(args=["decisions", "send-due"]).output
    assert len(mailbox) == 1
    assert "The review goes on" in mailbox[0].get_content() or \
        "Granskningen fortsätter" in mailbox[0].get_content()
    # Run again: nothing is sent twice.
    assert "0 review message(s) sent." in runner.invoke(args=["decisions", "send-due"]).output
    assert len(mailbox) == 1


def test_with_the_mail_server_down_the_review_message_waits_and_goes_once(
        app, staff_client, submitted_company, mailbox, smtp_server):
    app.config["MAIL_PORT"] = closed_port()
    last = decide_all_but_one(staff_client, submitted_company)
    response = post_decision(staff_client, submitted_company, last, decision="accepted")
    assert response.status_code == 302 and mailbox == []
    # The message is queued with the decision: the company is told once the server is back.
    app.config["MAIL_PORT"] = smtp_server.port
    assert company_messages.send_due() == 0  # already queued, not composed again
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))  # backoff over
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["mail", "send-due"])
    assert result.exit_code == 0, result.output
    assert len(mailbox) == 1
    assert submitted_company.contact_email in mailbox[0]["To"]


def test_booking_tells_the_company_when_and_where(staff_client, submitted_company, mailbox):
    series = db.session.scalar(select(WorkshopSeries).where(WorkshopSeries.code == "WS-LEAN-Z"))
    series.location = "Östersund, Campus"
    db.session.commit()
    response = staff_client.post(f"/coordinator/companies/{submitted_company.id}/enrol",
                                 data={"workshop_series": str(series.id),
                                       "support_value_eur": "0"})
    assert response.status_code == 302
    assert len(mailbox) == 1
    body = mailbox[0].get_content()
    assert series.title in body and "Östersund, Campus" in body
    assert "Jämtlands län" in body
    assert str(series.starts_on.year) in body
