"""Benchmark: the coordinator inbox with 5,000 companies, served through the Flask test client.

Usage:
    python -m bench.inbox                       # a temporary SQLite database
    python -m bench.inbox postgresql+psycopg://postgres@127.0.0.1:5432/bench   # and PostgreSQL
    python -m bench.inbox --companies 5000 --runs 30

The PostgreSQL database given is emptied (schema dropped and migrated) first. Rows are inserted
in bulk (not through registration, which hashes a password per company); the page itself runs
exactly as in production: login, filter form, the page query, the count, the enrolments.
Prints the median and 95th percentile in milliseconds per filter/sort combination; the target
is a page in under 200 ms.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake import create_app  # noqa: E402
from intake.extensions import db  # noqa: E402
from intake.models import (  # noqa: E402
    Company,
    Enrolment,
    Intake,
    WorkshopSeries,
    refresh_current_intakes,
)
from intake.operations.users import create_staff_user  # noqa: E402

AREAS = ("digitalisation", "automation", "productivity", "business_model", "competence")
STATUSES = ("draft", "submitted", "under_review", "matched", "enrolled")
PASSWORD = "benchmark password"
COMBINATIONS = [
    ("default (newest submitted first)", ""),
    ("status=submitted", "status=submitted"),
    ("county=23, sort by name", "county=23&sort=name&dir=asc"),
    ("area=automation, oldest first", "area=automation&sort=submitted&dir=asc"),
    ("date range, sort by county", "submitted_from=2025-06-01&submitted_to=2025-12-31"
                                   "&sort=county&dir=desc"),
    ("search by name", "q=Verkstad+12"),
    ("search by org. number without hyphen", "q=5500001"),
    ("workshop series", "series=1"),
    ("page 50", "page=50&sort=name&dir=asc"),
]


def luhn(nine: str) -> str:
    for check in range(10):
        digits = nine + str(check)
        total = sum((n - 9 if n > 9 else n) for n in
                    (int(c) * (2 if i % 2 == 0 else 1) for i, c in enumerate(digits)))
        if total % 10 == 0:
            return f"{digits[:6]}-{digits[6:]}"
    raise AssertionError


def migrate(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=str(ROOT / "migrations"))
        db.engine.dispose()


def populate(companies: int) -> None:
    rng = random.Random(4)
    now = datetime(2026, 3, 1)
    series_rows = [{"code": f"WS-{i:02d}", "title": f"Workshopserie {i}", "description": "",
                    "areas": [AREAS[i % len(AREAS)]], "county": rng.choice(["22", "23", None]),
                    "seats": 40, "version": 1} for i in range(1, 11)]
    db.session.execute(insert(WorkshopSeries), series_rows)
    company_rows, intake_rows, enrolments = [], [], []
    for i in range(1, companies + 1):
        company_rows.append({
            "id": i, "name": f"Verkstad {i} AB", "org_number": luhn(f"55{i:07d}"),
            "sni_division": rng.choice(["25", "28", "16", "22"]),
            "county_code": rng.choice(["22", "23"]), "municipality": "Östersund",
            "employees": rng.randint(3, 240), "turnover_band": "20_100",
            "contact_name": f"Kontakt {i}", "contact_email": f"kontakt{i}@verkstad{i}.se",
            "de_minimis_received": False, "de_minimis_amount_eur": 0, "version": 1,
        })
        status = rng.choice(STATUSES)
        submitted = None if status == "draft" else now - timedelta(days=rng.randint(0, 700))
        intake_rows.append({
            "id": i, "company_id": i, "questionnaire_version": "v1", "status": status,
            "optional_areas": [], "submitted_at": submitted,
            "main_need_area": None if status == "draft" else rng.choice(AREAS),
        })
        if status == "enrolled":
            enrolments.append({"company_id": i, "workshop_series_id": rng.randint(1, 10)})
    db.session.execute(insert(Company), company_rows)
    db.session.execute(insert(Intake), intake_rows)
    refresh_current_intakes(db.session.connection())  # bulk rows: no flush events
    if enrolments:
        db.session.execute(insert(Enrolment), enrolments)
    create_staff_user("bench@regionjh.se", "coordinator", PASSWORD, "Bench")
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            for table in ("companies", "intakes", "enrolments", "workshop_series"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))
        vacuum(("companies", "intakes", "enrolments", "workshop_series"))


def vacuum(tables) -> None:
    """VACUUM ANALYZE on PostgreSQL, as autovacuum would do after a while: pointing each company
    at its intake updated every company row once, and a table of half dead rows is not what a
    programme's database looks like."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in tables:
            conn.execute(text(f"VACUUM ANALYZE {table}"))


def measure(url: str, companies: int, runs: int) -> list[tuple[str, float, float]]:
    migrate(url)
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "PAGE_SIZE": 50})
    results = []
    with app.app_context():
        populate(companies)
        client = app.test_client()
        response = client.post("/login", data={"email": "bench@regionjh.se",
                                               "password": PASSWORD})
        assert response.status_code == 302, "login failed"
        for label, query in COMBINATIONS:
            path = f"/coordinator/?{query}"
            assert client.get(path).status_code == 200, path  # warm-up
            timings = []
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]
            results.append((label, statistics.median(timings), p95))
        db.session.remove()
        db.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("postgres_url", nargs="?", help="also measure on this PostgreSQL URL "
                                                        "(the database is emptied)")
    parser.add_argument("--companies", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        backends = [("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")]
        if args.postgres_url:
            backends.append(("PostgreSQL", args.postgres_url))
        for name, url in backends:
            print(f"\n{name}: {args.companies} companies, {args.runs} runs per page")
            print(f"{'combination':45} {'median ms':>10} {'p95 ms':>10}")
            for label, median, p95 in measure(url, args.companies, args.runs):
                print(f"{label:45} {median:10.1f} {p95:10.1f}")


if __name__ == "__main__":
    main()
