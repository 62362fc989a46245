"""The outbox: every mail is written in the transaction that caused it, sent after the request
when SMTP answers, kept and retried with backoff when it does not, and never sent twice, even by
two concurrent `mail send-due` runs."""

import os
import subprocess
import sys
from datetime import timedelta

from sqlalchemy import select, update

from intake.clock import utcnow
from intake.extensions import db
from intake.models import OutboxMessage, OutboxStatus
from intake.outbox import queue_mail
from tests.conftest import ROOT
from tests.intake.helpers import login_as, make_staff
from tests.smtp import REFUSED, closed_port


def _messages():
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _make_due():
    """Let the clock pass the backoff: every pending message is due now."""
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()
                                                    - timedelta(seconds=1)))
    db.session.commit()


def test_a_message_is_sent_after_the_request_that_queued_it(client, company_factory, mailbox):
    company = company_factory.create()
    client.post("/password/forgot", data={"email": company.contact_email})
    assert [m["To"] for m in mailbox] == [company.contact_email]
    [message] = _messages()
    assert message.status == OutboxStatus.SENT and message.attempts == 1 and message.sent_at


def test_a_rolled_back_transaction_sends_nothing(app, mailbox):
    queue_mail("someone@verkstad.se", "Hej", "password_reset", link="https://x.invalid/")
    db.session.rollback()
    assert _messages() == []
    assert app.test_cli_runner().invoke(args=["mail", "send-due"]).exit_code == 0
    assert mailbox == []


def test_smtp_outage_then_delivery_by_send_due(app, client, company_factory, mailbox,
                                               smtp_server):
    company = company_factory.create()
    app.config["MAIL_PORT"] = closed_port()
    client.post("/password/forgot", data={"email": company.contact_email})
    [message] = _messages()
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    assert message.last_error and message.next_attempt_at > utcnow()
    assert mailbox == []

    runner = app.test_cli_runner()
    # Not due yet: a run now sends nothing and does not count an attempt.
    app.config["MAIL_PORT"] = smtp_server.port
    assert "sent 0" in runner.invoke(args=["mail", "send-due"]).output
    _make_due()
    result = runner.invoke(args=["mail", "send-due"])
    assert result.exit_code == 0 and "sent 1" in result.output
    assert [m["To"] for m in mailbox] == [company.contact_email]
    assert "/password/reset/" in mailbox[0].get_content()
    [message] = _messages()
    assert message.status == OutboxStatus.SENT and message.attempts == 2
    # Sent is sent: another run sends nothing more.
    assert "sent 0" in runner.invoke(args=["mail", "send-due"]).output
    assert len(mailbox) == 1


def test_retries_back_off_exponentially_then_give_up(app, mailbox):
    app.config.update(MAIL_PORT=closed_port(), OUTBOX_MAX_ATTEMPTS=4, OUTBOX_RETRY_BASE=60,
                      OUTBOX_RETRY_MAX=3600)
    queue_mail("kim@verkstad.se", "Hej", "password_reset", link="https://x.invalid/")
    db.session.commit()
    runner = app.test_cli_runner()
    delays = []
    for _ in range(4):
        _make_due()
        before = utcnow()
        runner.invoke(args=["mail", "send-due"])
        [message] = _messages()
        delays.append((message.next_attempt_at - before).total_seconds())
    assert message.status == OutboxStatus.FAILED and message.attempts == 4
    assert 55 < delays[0] < 65 and 115 < delays[1] < 125 and 235 < delays[2] < 245
    assert mailbox == []


def test_a_refused_recipient_fails_at_once_and_others_still_go(app, mailbox):
    queue_mail(f"nobody@{REFUSED}", "Hej", "password_reset", link="https://x.invalid/")
    queue_mail("kim@verkstad.se", "Hej", "password_reset", link="https://x.invalid/")
    db.session.commit()
    app.test_cli_runner().invoke(args=["mail", "send-due"])
    refused, delivered = _messages()
    assert refused.status == OutboxStatus.FAILED and "550" in refused.last_error
    assert delivered.status == OutboxStatus.SENT
    assert [m["To"] for m in mailbox] == ["kim@verkstad.se"]


def test_admin_sees_pending_and_failed_and_can_retry(app, client, mailbox):
    admin = make_staff("admin@regionjh.se", "admin", "Anna Admin")
    app.config["MAIL_PORT"] = closed_port()
    queue_mail(f"nobody@{REFUSED}", "Ärende ett", "password_reset", link="https://x.invalid/a")
    queue_mail("kim@verkstad.se", "Ärende två", "password_reset", link="https://x.invalid/b")
    db.session.commit()
    failed, pending = _messages()
    failed.status, failed.last_error, failed.attempts = "failed", "550 No such user", 1
    db.session.commit()
    login_as(client, admin)
    page = client.get("/coordinator/admin/outbox", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    for expected in (f"nobody@{REFUSED}", "Ärende ett", "kim@verkstad.se", "Ärende två",
                     "550 No such user", "Failed", "Pending", "https://x.invalid/b"):
        assert expected in text
    response = client.post(f"/coordinator/admin/outbox/{failed.id}/retry")
    assert response.status_code == 302
    assert _messages()[0].status == OutboxStatus.PENDING


def test_bodies_are_not_shown_in_production(app, client):
    admin = make_staff("admin@regionjh.se", "admin", "Anna Admin")
    queue_mail("kim@verkstad.se", "Hej", "password_reset", link="https://x.invalid/secret")
    db.session.commit()
    app.config["PRODUCTION"] = True
    app.config["SESSION_COOKIE_SECURE"] = False  # the test client speaks plain http
    login_as(client, admin)
    text = client.get("/coordinator/admin/outbox").get_data(as_text=True)
    assert "kim@verkstad.se" in text and "https://x.invalid/secret" not in text


def test_coordinators_cannot_see_the_outbox(app, client):
    coordinator = make_staff("samordnare@regionjh.se", "coordinator", "Sara")
    login_as(client, coordinator)
    assert client.get("/coordinator/admin/outbox").status_code == 403


SEND_DUE = [sys.executable, "-m", "flask", "--app", "wsgi", "mail", "send-due", "--limit", "3"]


def test_two_concurrent_send_due_runs_never_send_one_message_twice(app, database_url, mailbox,
                                                                   smtp_server):
    recipients = [f"kontakt{i}@verkstad{i}.se" for i in range(30)]
    for address in recipients:
        queue_mail(address, "Hej", "password_reset", link="https://x.invalid/")
    db.session.commit()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "x" * 40,
           "MAIL_SERVER": smtp_server.host, "MAIL_PORT": str(smtp_server.port),
           "INTAKE_ENV": "development"}
    runs = [subprocess.Popen(SEND_DUE, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert sorted(m["To"] for m in mailbox) == sorted(recipients)  # each exactly once
    assert all(m.status == OutboxStatus.SENT and m.attempts == 1 for m in _messages())


def test_two_claims_at_the_same_moment_never_share_a_message(app, monkeypatch):
    """Both senders have read the due messages before either claims: the claims still split."""
    import contextlib
    import threading

    from intake.outbox import sender

    for i in range(10):
        queue_mail(f"kontakt{i}@verkstad.se", "Hej", "password_reset", link="https://x.invalid/")
    db.session.commit()
    read = threading.Barrier(2)
    original = sender._candidates

    def candidates(*args):
        found = original(*args)
        # A broken barrier means the other sender is waiting on our lock: as it should be.
        with contextlib.suppress(threading.BrokenBarrierError):
            read.wait(timeout=1.5)
        return found

    monkeypatch.setattr(sender, "_candidates", candidates)
    claims = {}

    def run(name):
        with app.app_context():
            try:
                claims[name] = sender.claim(limit=10)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert set(claims["a"]).isdisjoint(claims["b"])
    assert sorted(claims["a"] + claims["b"]) == [m.id for m in _messages()]


def test_a_reset_answers_the_same_whether_the_address_exists_or_smtp_is_up(
        app, company_factory, smtp_server, mailbox):
    company = company_factory.create()

    def answer(email):
        client = app.test_client()
        response = client.post("/password/forgot", data={"email": email},
                               headers={"Accept-Language": "en"})
        page = client.get(response.location, headers={"Accept-Language": "en"})
        flash = page.get_data(as_text=True).split('class="flash flash-')[1].split("</p>")[0]
        return response.status_code, response.location, flash

    up_known = answer(company.contact_email)
    up_unknown = answer("nobody@nowhere.se")
    app.config["MAIL_PORT"] = closed_port()
    down_known = answer(company.contact_email)
    down_unknown = answer("nobody@elsewhere.se")
    assert up_known == up_unknown == down_known == down_unknown
    assert up_known[0] == 302 and "If the address is registered" in up_known[2]

    # The mail queued while SMTP was down goes out once it is back.
    app.config["MAIL_PORT"] = smtp_server.port
    _make_due()
    app.test_cli_runner().invoke(args=["mail", "send-due"])
    assert [m["To"] for m in mailbox] == [company.contact_email] * 2


def test_without_a_mail_server_the_mail_is_logged_as_a_person_reads_it(app, caplog):
    """A developer with no MAIL_SERVER follows a reset or survey link from the log: the text
    must not be quoted-printable, where "Länken" reads "L=C3=A4nken" and long lines break."""
    from intake.mail import build_message, smtp_send

    app.config["MAIL_SERVER"] = None
    link = "http://127.0.0.1:5000/survey/" + "x" * 80
    smtp_send(build_message("anna@exempel.se", "Hur var workshopserien?",
                            f"Länken är personlig:\n{link}\n"))
    logged = caplog.text
    assert "anna@exempel.se" in logged and "Hur var workshopserien?" in logged
    assert "Länken är personlig" in logged and link in logged
    assert "=C3" not in logged
