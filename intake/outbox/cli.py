"""`flask --app wsgi mail send-due`: run it from a timer; safe to run often and concurrently."""

import click
from flask.cli import AppGroup

from intake.outbox.sender import send_due

mail_cli = AppGroup("mail", help="The mail outbox.")


@mail_cli.command("send-due")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 10_000),
              help="Messages claimed per batch.")
def send_due_command(limit: int) -> None:
    """Send every queued message that is due; failures are retried later with backoff."""
    report = send_due(limit=limit)
    click.echo(f"sent {report.sent}, to retry {report.retrying}, failed {report.failed}")
