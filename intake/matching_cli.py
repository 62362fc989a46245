"""`flask --app wsgi matching ...`: work on suggestions that runs outside any request."""

import click
from flask import current_app
from flask.cli import AppGroup

from intake.operations import suggesting

matching_cli = AppGroup("matching", help="Suggestions computed outside a request.")


@matching_cli.command("recompute-pending")
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(1, 1_000_000),
              help="At most this many intakes in one run.")
def recompute_pending(limit: int) -> None:
    """Compute the suggestions of submitted intakes whose suggesting failed. Safe from cron,
    and with two runs at once: each intake is claimed before it is computed."""
    done, failed = suggesting.recompute_pending(limit)
    current_app.logger.info("recompute-pending: %d computed, %d still pending", done, failed)
    click.echo(f"{done} computed, {failed} still pending")
