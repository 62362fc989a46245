"""Command-line commands: schema, demo data, catalogue import/export, matching, users."""

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_migrate import upgrade

from intake.extensions import db
from intake.interchange import (
    InterchangeError,
    load_json,
    validate_catalogue,
    validate_profile,
)
from intake.matching_bridge import load_catalogue
from intake.matching_runtime import matcher_now
from intake.operations.catalogue_files import import_catalogue, known_codes

ROOT = Path(__file__).resolve().parent.parent

catalogue_cli = AppGroup("catalogue", help="Import and export the catalogue (interchange v1).")
users_cli = AppGroup("users", help="Manage coordinator and admin logins.")
demo_cli = AppGroup("demo", help="Demo data for a developer's machine.")
decisions_cli = AppGroup("decisions", help="Tell companies what their review decided.")
surveys_cli = AppGroup("surveys", help="Follow-up surveys after workshop series.")


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


@click.command("init-db")
def init_db() -> None:
    """Create or migrate the database schema; safe to run again."""
    upgrade(directory=str(ROOT / "migrations"))
    click.echo("Database schema is up to date.")


def _import_file(path: Path) -> None:
    try:
        data = load_json(path.read_bytes(), path.name)
        catalogue = validate_catalogue(data, path.name, known_codes=known_codes())
    except OSError as error:
        _fail(f"{path}: cannot read the file: {error.strerror}", 1)
    except InterchangeError as error:
        for warning in error.warnings:
            click.echo(f"warning: {warning}", err=True)
        _fail(f"Nothing was imported. {len(error.errors)} error(s):\n{error}", 1)
    for warning in catalogue.warnings:
        click.echo(f"warning: {warning}", err=True)
    result = import_catalogue(catalogue)
    db.session.commit()
    for key in ("workshop_series", "coaches", "cases"):
        click.echo(f"{key}: {result.created[key]} created, {result.updated[key]} updated")
    if result.changed:  # fitted here, once, so that the web processes load it ready-made
        fitted = matcher_now(inline=True)
        click.echo(f"Matcher fitted for catalogue version {fitted.version}.")


@catalogue_cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
def catalogue_import(file: Path) -> None:
    """Validate FILE whole, then upsert it by code in one transaction."""
    _import_file(file)


@catalogue_cli.command("export")
@click.argument("file", type=click.Path(path_type=Path))
def catalogue_export(file: Path) -> None:
    """Write the current catalogue to FILE in the interchange format."""
    from intake.operations.catalogue_files import export_catalogue_json

    try:
        with file.open("w", encoding="utf-8") as out:
            for chunk in export_catalogue_json():
                out.write(chunk)
    except OSError as error:
        _fail(f"{file}: cannot write the file: {error.strerror}", 1)
    click.echo(f"Wrote the active catalogue to {file}")


@click.command("match")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--top", default=3, show_default=True, type=click.IntRange(1, 100))
@click.option("--lang", default="sv", show_default=True, type=click.Choice(["sv", "en"]))
def match(files: tuple[Path, ...], top: int, lang: str) -> None:
    """Print suggestions for profile FILE(s) as JSON; stores nothing."""
    profiles = {}
    for path in files:
        try:
            profiles[path.stem] = validate_profile(load_json(path.read_bytes(), path.name),
                                                   path.name)
        except OSError as error:
            _fail(f"{path}: cannot read the file: {error.strerror}", 2)
        except InterchangeError as error:
            _fail(str(error), 2)
    if not any(load_catalogue().values()):
        click.echo("The catalogue is empty: import one with "
                   "'flask --app wsgi catalogue import FILE'.", err=True)
    matcher = matcher_now(inline=True).matcher
    results = {name: matcher.suggest(p, top=top, lang=lang) for name, p in profiles.items()}
    output = next(iter(results.values())) if len(files) == 1 else results
    click.echo(json.dumps(output, ensure_ascii=False, indent=2))


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(["coordinator", "admin"]), default="coordinator",
              show_default=True)
@click.option("--name", default=None)
@click.password_option("--password", prompt=True, confirmation_prompt=True)
def users_create(email: str, role: str, name: str | None, password: str) -> None:
    """Create a coordinator or admin login."""
    from intake.operations.users import StaffError, create_staff_user

    try:
        create_staff_user(email, role, password, name)
    except StaffError as error:
        _fail(str(error), 1)
    db.session.commit()
    click.echo(f"Created {role} {email.strip().lower()}")


@demo_cli.command("load")
def demo_load() -> None:
    """Load the demo catalogue, a coordinator and a dozen fictional companies; print logins."""
    if current_app.config.get("PRODUCTION"):
        _fail("Refusing to load demo data in production.", 1)
    from intake.demo import load_demo

    # A command has no one waiting: fit the matcher here, so the demo's companies get their
    # suggestions (and the demo coordinator's decisions on them) now, not after a background
    # refit that would find nothing left to decide.
    current_app.config["MATCHER_REFIT"] = "inline"
    result = load_demo()
    email, password = result.coordinator
    click.echo("")
    click.echo("  Demo coordinator login (admin):")
    click.echo(f"    e-mail:   {email}")
    click.echo(f"    password: {password}")
    click.echo("")
    click.echo(f"  Demo companies ({len(result.companies)}, {result.created} new), each logs "
               "in with its e-mail and this password:")
    click.echo(f"    password: {result.company_password}")
    width = max(len(e) for e, _n, _s in result.companies)
    for company_email, name, state in result.companies:
        click.echo(f"    {company_email:<{width}}  {name} ({state})")
    click.echo("")
    click.echo("  Open http://127.0.0.1:5000/login")
    click.echo("")
    click.echo("  Follow-up surveys of the finished series are due: send them with")
    click.echo("    flask --app wsgi surveys send-due")
    click.echo("  (in development the mail, with its survey link, is written to the log).")
    click.echo("")


@decisions_cli.command("send-due")
def decisions_send_due() -> None:
    """Send each company the review decisions it has not been told about, once a review is
    finished or has been quiet for DECISION_QUIET_MINUTES. Safe to run from cron."""
    from intake.operations.company_messages import send_due
    from intake.outbox import deliver_committed

    sent = send_due()
    deliver_committed()
    click.echo(f"{sent} review message(s) sent.")


@surveys_cli.command("send-due")
def surveys_send_due() -> None:
    """Mail the survey invitations and reminders that are due, then deliver the outbox.
    Safe to run from cron every few minutes, and two runs at once send each mail once."""
    from intake.operations.surveys import send_due
    from intake.outbox import discard_committed
    from intake.outbox.sender import send_due as send_outbox

    counts = send_due()
    discard_committed()  # sent below with the rest of the outbox that is due
    report = send_outbox()
    click.echo(f"{counts.invitations} invitation(s) and {counts.reminders} reminder(s) queued; "
               f"mail sent {report.sent}, retrying {report.retrying}, failed {report.failed}.")


def register_commands(app: Flask) -> None:
    from intake.matching_cli import matching_cli

    app.cli.add_command(matching_cli)
    app.cli.add_command(init_db)
    app.cli.add_command(match)
    app.cli.add_command(catalogue_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(decisions_cli)
    app.cli.add_command(surveys_cli)
