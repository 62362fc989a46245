"""The one way mail leaves the app: `queue_mail` writes a rendered message to the outbox in the
caller's transaction; it is sent right after the request commits when the mail server answers,
and otherwise by `flask --app wsgi mail send-due`, with retries and backoff.

A message that the caller's transaction rolls back never existed, so it is never sent; one that
commits is sent at least once, however long the mail server is away.
"""

from flask import after_this_request, current_app, has_request_context, render_template
from flask_babel import force_locale
from sqlalchemy import event

from intake.extensions import db
from intake.models import OutboxMessage, OutboxStatus
from intake.outbox.sender import deliver_after_response

_QUEUED = "outbox_queued"        # ids flushed in the session's current transaction
_COMMITTED = "outbox_committed"  # ids whose transaction committed, to try after the response


def queue_mail(to: str, subject, template: str, lang: str = "sv", **context) -> OutboxMessage:
    """Render `templates/emails/<template>.txt` and `subject` in `lang`, and queue the message.

    Flushes, does not commit: the message leaves only if the caller's transaction commits.
    Links in `context` must be absolute and built with `intake.serving.hosts.external_url`.
    """
    return queue_mails([dict(to=to, subject=subject, template=template, lang=lang, **context)])[0]


def queue_mails(messages: list[dict]) -> list[OutboxMessage]:
    """`queue_mail` for many messages at once (a bulk action): each is rendered as
    `queue_mail` renders it, and all are flushed together, not one round trip each."""
    queued = []
    for fields in messages:
        fields = dict(fields)
        to, subject, template = fields.pop("to"), fields.pop("subject"), fields.pop("template")
        lang = fields.pop("lang", "sv")
        with force_locale(lang):
            body = render_template(f"emails/{template}.txt", **fields)
            subject = str(subject)
        queued.append(OutboxMessage(recipient=to, subject=subject[:300], body=body,
                                    template=template, lang=lang, status=OutboxStatus.PENDING,
                                    attempts=0))
    db.session.add_all(queued)
    db.session.flush()
    db.session.info.setdefault(_QUEUED, []).extend(message.id for message in queued)
    if queued and has_request_context():
        _send_after_this_request()
    return queued


def _send_after_this_request() -> None:
    from flask import g

    if g.get("_outbox_hooked"):
        return
    g._outbox_hooked = True
    app = current_app._get_current_object()

    @after_this_request
    def send_when_committed(response):
        ids = db.session.info.pop(_COMMITTED, [])
        if ids:
            # After the response has gone out: the user never waits for the mail server.
            response.call_on_close(lambda: deliver_after_response(app, ids))
        return response


def deliver_committed() -> None:
    """Send now what this session has queued and committed: for a command, which has no
    request to send after. What fails waits for `mail send-due`, as always."""
    ids = db.session.info.pop(_COMMITTED, [])
    if ids:
        deliver_after_response(current_app._get_current_object(), ids)


def discard_committed() -> None:
    """Forget what this session queued and committed, for a command that sends the whole
    outbox that is due next (`sender.send_due`), so nothing is tried twice in one run."""
    db.session.info.pop(_COMMITTED, None)


def init_app(app) -> None:
    from intake.outbox.cli import mail_cli

    app.cli.add_command(mail_cli)


@event.listens_for(db.Session, "after_commit")
def _committed(session) -> None:
    ids = session.info.pop(_QUEUED, [])
    if ids:
        session.info.setdefault(_COMMITTED, []).extend(ids)


@event.listens_for(db.Session, "after_soft_rollback")
def _rolled_back(session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the outermost transaction: nothing was queued
        session.info.pop(_QUEUED, None)
