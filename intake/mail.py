"""Handing one message to the SMTP server: the outbox's transport, and nothing else.

Code that wants to send mail calls `intake.outbox.queue_mail`, never this: only the outbox knows
whether a message went out, and retries it when it did not.
"""

import smtplib
from email.message import EmailMessage

from flask import current_app


class PermanentMailError(Exception):
    """The server refused the message for good (a 5xx answer): retrying will not help."""


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


def smtp_send(message: EmailMessage) -> None:
    """Send through MAIL_SERVER, waiting at most MAIL_TIMEOUT seconds for each answer.

    With no MAIL_SERVER configured (a developer's machine) the message is logged instead, so
    that a password-reset link can still be followed. Raises OSError or SMTPException when the
    message did not go out, PermanentMailError when it never will.
    """
    config = current_app.config
    server = config.get("MAIL_SERVER")
    if not server:
        # Logged as a person reads it (not quoted-printable), so its link can be followed.
        current_app.logger.warning("MAIL_SERVER not set; e-mail to %s\nSubject: %s\n\n%s",
                                   message["To"], message["Subject"], message.get_content())
        return
    try:
        with smtplib.SMTP(server, config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        raise PermanentMailError(str(error)) from error
    except smtplib.SMTPResponseException as error:
        if 500 <= error.smtp_code < 600:
            raise PermanentMailError(f"{error.smtp_code} {error.smtp_error!r}") from error
        raise
