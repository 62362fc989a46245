"""Sending e-mail: one small function over smtplib, rendered in the recipient's language."""

import smtplib
from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import force_locale


def send_mail(to: str, subject: str, template: str, lang: str = "sv", **context) -> None:
    """Render `templates/emails/<template>.txt` in `lang` and send it.

    With no MAIL_SERVER configured (a developer's machine) the message is logged instead, so
    that a password-reset link can still be followed.
    """
    with force_locale(lang):
        body = render_template(f"emails/{template}.txt", **context)
        subject = str(subject)
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)

    server = current_app.config.get("MAIL_SERVER")
    if not server:
        current_app.logger.warning("MAIL_SERVER not set; e-mail to %s:\n%s", to, message)
        return
    with smtplib.SMTP(server, current_app.config["MAIL_PORT"], timeout=10) as smtp:
        if current_app.config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if current_app.config.get("MAIL_USERNAME"):
            smtp.login(current_app.config["MAIL_USERNAME"], current_app.config["MAIL_PASSWORD"])
        smtp.send_message(message)
