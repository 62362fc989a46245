"""Data and sessions for bench/load.sh.

Empties and migrates the PostgreSQL database given, loads 5,000 companies for the inbox (as
bench/inbox.py does) and the demo catalogue (a submission computes suggestions), then registers
companies through the app's own operation: some to autosave into, some with the required areas
answered, ready to submit. It logs each of them in the way the app does (a login-session row,
a signed session cookie, a CSRF token) and writes what wrk needs to bench/.load/sessions.lua.

Usage: python -m bench.load_seed DATABASE_URL SECRET_KEY [--savers N] [--submitters N]
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.inbox import luhn, migrate, populate, vacuum  # noqa: E402
from intake import create_app  # noqa: E402
from intake.extensions import db  # noqa: E402

USER_AGENT = "intake-bench"
OUT = ROOT / "bench" / ".load"


def _session_for(app, user) -> tuple[str, str]:
    """A session cookie and CSRF token for `user`, as a login from wrk would have made them."""
    from flask import g, session
    from flask_login.utils import _create_identifier
    from flask_wtf.csrf import generate_csrf

    from intake.auth.login_sessions import log_in

    with app.test_request_context(headers={"User-Agent": USER_AGENT},
                                  environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        log_in(user)
        session["_id"] = _create_identifier()
        g.pop("csrf_token", None)  # flask-wtf caches the token in g, which is per app context
        token = generate_csrf()
        cookie = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    return cookie, token


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("secret_key")
    parser.add_argument("--savers", type=int, default=600)
    parser.add_argument("--submitters", type=int, default=1500)
    args = parser.parse_args()
    started = time.time()
    migrate(args.url)
    app = create_app({"SECRET_KEY": args.secret_key, "SQLALCHEMY_DATABASE_URI": args.url,
                      "MATCHER_DIR": os.environ.get("MATCHER_DIR"),
                      "TESTING": True, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    from intake.cli import _import_file
    from intake.demo import CATALOGUE as DEMO_CATALOGUE
    from intake.models import Role, User
    from intake.operations.questionnaire import save_area
    from intake.operations.registration import CompanyDetails, Registration, register_company
    from intake.operations.users import create_staff_user
    from intake.questionnaire import load

    savers, submitters = [], []
    with app.app_context():
        populate(5000)  # the inbox's 5,000 companies and a coordinator
        _import_file(DEMO_CATALOGUE)
        for index in range(args.savers + args.submitters):
            details = CompanyDetails(
                name=f"Lastprov {index} AB", sni_division="25", county="23",
                municipality="Östersund", employees=35, turnover_band="20_100", leadership=None,
                contact_name=f"Kim Last {index}", contact_role="VD",
                contact_email=f"last{index}@lastprov{index}.se", contact_phone="070-123 45 67",
                de_minimis_received=False, de_minimis_amount_eur=0)
            user = register_company(Registration(
                org_number=luhn(f"56{index:07d}"), details=details,
                password="bench password 1", privacy_notice_version="2026-1"))
            if index >= args.savers:
                intake = user.company.current_intake
                for area in load().areas:
                    if area.required:
                        levels = {st.key: 2 + i % 3 for i, st in enumerate(area.statements)}
                        save_area(intake, area.key, levels, 4,
                                  "Vi vill bli bättre på planering, automation och flöden.")
            (savers if index < args.savers else submitters).append(user.id)
        staff = db.session.query(User).filter_by(role=Role.COORDINATOR).first() or \
            create_staff_user("bench@regionjh.se", "coordinator", "bench password 1")
        db.session.commit()
        vacuum(("companies", "intakes", "area_answers", "users"))

        def sessions(ids):
            rows = []
            for user_id in ids:
                user = db.session.get(User, user_id)
                rows.append(_session_for(app, user))
            db.session.commit()
            return rows

        saver_sessions, submitter_sessions = sessions(savers), sessions(submitters)
        [staff_session] = sessions([staff.id])
        db.session.remove()
        db.engine.dispose()

    OUT.mkdir(exist_ok=True)
    with open(OUT / "sessions.lua", "w") as out:
        out.write(f"user_agent = {_lua_string(USER_AGENT)}\n")
        for name, rows in (("savers", saver_sessions), ("submitters", submitter_sessions),
                           ("staff", [staff_session])):
            out.write(f"{name} = {{\n")
            for cookie, token in rows:
                out.write(f"  {{cookie = {_lua_string(cookie)}, csrf = {_lua_string(token)}}},\n")
            out.write("}\n")
    print(f"seeded {len(saver_sessions)} savers, {len(submitter_sessions)} submitters, "
          f"5000 inbox companies in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
