"""Helpers for bench/backup_restore.sh: seed a database with every kind of row, and fingerprint
one (every table's rows, ordered and hashed), so that a restore can be compared with the
original row by row.

Usage:
    python -m bench.restore_check seed URL        # migrate (emptying it) and fill URL
    python -m bench.restore_check fingerprint URL # print one line per table: name rows md5
"""

import hashlib
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.inbox import migrate, populate  # noqa: E402
from intake import create_app  # noqa: E402
from intake.extensions import db  # noqa: E402


def seed(url: str) -> None:
    migrate(url)
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        from intake.models import Activity, Company
        from intake.outbox import queue_mail

        populate(500)
        # Uploaded files live in the database (activities.attachment): back them up too.
        for company_id in db.session.scalars(select(Company.id).limit(20)):
            db.session.add(Activity(company_id=company_id, kind="mapping_interview",
                                    occurred_on=date(2026, 3, 1), notes="Kartläggning",
                                    attachment=bytes(range(256)) * 40,
                                    attachment_name=f"kartläggning-{company_id}.pdf",
                                    attachment_type="application/pdf"))
        queue_mail("kontakt1@verkstad1.se", "Återställ lösenord", "password_reset",
                   link="https://intake.region.example/password/reset/x")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def fingerprint(url: str) -> None:
    engine = create_engine(url)
    with engine.connect() as conn:
        tables = conn.scalars(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))
        for table in list(tables):
            rows = conn.execute(text(f'SELECT t::text FROM "{table}" t ORDER BY 1')).scalars()
            digest, count = hashlib.md5(), 0
            for row in rows:
                digest.update(row.encode() + b"\n")
                count += 1
            print(f"{table} {count} {digest.hexdigest()}")
    engine.dispose()


if __name__ == "__main__":
    {"seed": seed, "fingerprint": fingerprint}[sys.argv[1]](sys.argv[2])
