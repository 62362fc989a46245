"""Prepare bench/sqlmap.sh's target: empty and migrate the database, load the demo catalogue,
register a company with a draft and a submitted one, create a coordinator, give the company a
follow-up survey link (printed as `survey_token=...`), and print session cookies with their CSRF
tokens: an anonymous visitor's, the company's and the coordinator's (as `anon_cookie=...`,
`anon_csrf=...`, `company_cookie=...`, ...). sqlmap sends them unchanged on every request
(--drop-set-cookie): a registration that goes through must not log the scanner in, or every
later request would only be redirected.

Usage: python -m bench.sqlmap_login DATABASE_URL SECRET_KEY BASE_URL USER_AGENT
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.inbox import migrate  # noqa: E402
from intake import create_app  # noqa: E402
from intake.extensions import db  # noqa: E402


def main(url: str, secret: str, base_url: str, user_agent: str) -> None:
    from flask import g, session
    from flask_login.utils import _create_identifier
    from flask_wtf.csrf import generate_csrf

    from intake.auth.login_sessions import log_in
    from intake.cli import _import_file
    from intake.demo import CATALOGUE as DEMO_CATALOGUE
    from intake.operations.users import create_staff_user
    from tests.factories import CompanyFactory
    from tests.intake.coordinator.conftest import fill_and_submit

    migrate(url)
    app = create_app({"SECRET_KEY": secret, "SQLALCHEMY_DATABASE_URI": url, "TESTING": True,
                      "BASE_URL": base_url, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        _import_file(DEMO_CATALOGUE)
        company = CompanyFactory(app).create(name="Sqlmap Verkstad AB")
        fill_and_submit(CompanyFactory(app).create(name="Granskad Verkstad AB"))
        staff = create_staff_user("sqlmap@regionjh.se", "coordinator", "sqlmap password 1")
        db.session.commit()
        print(f"survey_token={_survey_link(company)}")
        for name, user in (("anon", None), ("company", company.users[0]), ("staff", staff)):
            with app.test_request_context(headers={"User-Agent": user_agent},
                                          environ_base={"REMOTE_ADDR": "127.0.0.1"}):
                if user is not None:
                    log_in(user)
                    session["_id"] = _create_identifier()
                g.pop("csrf_token", None)
                token = generate_csrf()
                cookie = app.session_interface.get_signing_serializer(app).dumps(dict(session))
            db.session.commit()
            print(f"{name}_cookie={cookie}")
            print(f"{name}_csrf={token}")
        db.session.remove()
        db.engine.dispose()


def _survey_link(company) -> str:
    """A survey link for the company, as `surveys send-due` would mail it (the token is only
    stored hashed, so it is made here rather than read back)."""
    import secrets
    from datetime import timedelta

    from sqlalchemy import select

    from intake.clock import today, utcnow
    from intake.models import Enrolment, SurveyInvitation, SurveyLink, WorkshopSeries
    from intake.operations.surveys import TOKEN_BYTES, hash_token

    series = db.session.scalars(select(WorkshopSeries)).first()
    db.session.add(Enrolment(company_id=company.id, workshop_series_id=series.id))
    invitation = SurveyInvitation(company_id=company.id, workshop_series_id=series.id, wave=1,
                                  due_on=today(), mails_sent=1)
    db.session.add(invitation)
    db.session.flush()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    db.session.add(SurveyLink(invitation_id=invitation.id, token_hash=hash_token(token),
                              created_at=utcnow(), expires_at=utcnow() + timedelta(days=60)))
    db.session.commit()
    return token


if __name__ == "__main__":
    main(*sys.argv[1:5])
