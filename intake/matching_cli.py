"""`flask --app wsgi matching ...`: work on suggestions that runs outside any request."""

import click
from flask import current_app
from flask.cli import AppGroup

from intake import matching_runtime
from intake.operations import suggesting

matching_cli = AppGroup("matching", help="Suggestions computed outside a request.")


@matching_cli.command("recompute-pending")
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(1, 1_000_000),
              help="At most this many intakes in one run.")
def recompute_pending(limit: int) -> None:
    """Compute the suggestions of submitted intakes whose suggesting failed. Safe from cron,
    and with two runs at once: each intake is claimed before it is computed."""
    current_app.config["MATCHER_REFIT"] = "inline"  # a command has no one waiting: fit here
    done, failed = suggesting.recompute_pending(limit)
    current_app.logger.info("recompute-pending: %d computed, %d still pending", done, failed)
    click.echo(f"{done} computed, {failed} still pending")


@matching_cli.command("refit")
def refit() -> None:
    """Fit the matcher for the catalogue as it is now and save it for the web processes.

    They start one themselves after a catalogue change; run this after restoring a database
    or from a deploy script, so that the first request finds the matcher ready.
    """
    directory = current_app.config.get("MATCHER_DIR")
    if not directory:
        click.echo("MATCHER_DIR is not set: nothing to save the matcher in.", err=True)
        raise SystemExit(1)
    fitted = matching_runtime.refit(directory)
    if fitted is None:
        click.echo("Another refit is running on this host; it will save the matcher.")
        return
    done, failed = suggesting.recompute_pending(limit=100_000)
    click.echo(f"Matcher fitted for catalogue version {fitted.version}; {done} pending "
               f"intake(s) computed, {failed} still pending.")
