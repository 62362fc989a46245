"""Benchmark: a workshop series with 300 booked companies (a whole programme on one series),
eight sessions with attendance, and 300 open next steps, served through the Flask test client.

Usage:
    python -m bench.series_page                 # a temporary SQLite database
    python -m bench.series_page postgresql+psycopg://postgres@127.0.0.1:5432/bench
    python -m bench.series_page --companies 300 --runs 20

The PostgreSQL database given is emptied (schema dropped and migrated) first. Prints the median
and 95th percentile in milliseconds for the series page, its roster workbook, the calendar,
"my next steps" and the open next step of 300 companies (the inbox column's operation).
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.inbox import PASSWORD, luhn, migrate  # noqa: E402
from intake import create_app  # noqa: E402
from intake.extensions import db  # noqa: E402
from intake.models import (  # noqa: E402
    Attendance,
    Company,
    Enrolment,
    Intake,
    NextStep,
    SeriesSession,
    WorkshopSeries,
    refresh_current_intakes,
)
from intake.operations.contact_log import open_next_steps  # noqa: E402
from intake.operations.users import create_staff_user  # noqa: E402

START = date(2026, 3, 2)


def populate(companies: int) -> int:
    db.session.execute(insert(WorkshopSeries), [{
        "id": 1, "code": "WS-BENCH", "title": "Benchmarkserien", "description": "",
        "areas": ["automation"], "county": "23", "starts_on": START,
        "ends_on": START + timedelta(days=98), "seats": None, "version": 1}])
    db.session.execute(insert(Company), [{
        "id": i, "name": f"Verkstad {i} AB", "org_number": luhn(f"56{i:07d}"),
        "sni_division": "25", "county_code": "23", "municipality": "Östersund",
        "employees": 10 + i % 200, "turnover_band": "20_100", "contact_name": f"Kontakt {i}",
        "contact_email": f"kontakt{i}@verkstad{i}.se", "de_minimis_received": False,
        "de_minimis_amount_eur": 0, "version": 1} for i in range(1, companies + 1)])
    db.session.execute(insert(Intake), [{
        "id": i, "company_id": i, "questionnaire_version": "v1", "status": "enrolled",
        "optional_areas": []} for i in range(1, companies + 1)])
    refresh_current_intakes(db.session.connection())  # bulk rows: no flush events
    db.session.execute(insert(Enrolment), [{"company_id": i, "workshop_series_id": 1}
                                           for i in range(1, companies + 1)])
    db.session.execute(insert(SeriesSession), [{
        "id": s, "workshop_series_id": 1, "held_on": START + timedelta(days=14 * (s - 1)),
        "title": f"Träff {s}"} for s in range(1, 9)])
    db.session.execute(insert(Attendance), [{"session_id": s, "company_id": i,
                                             "present": (i + s) % 5 != 0}
                                            for s in range(1, 9)
                                            for i in range(1, companies + 1)])
    user = create_staff_user("bench@regionjh.se", "coordinator", PASSWORD, "Bench")
    db.session.flush()
    db.session.execute(insert(NextStep), [{
        "company_id": i, "text": f"Ring Kontakt {i}", "owner_id": user.id,
        "due_on": START + timedelta(days=i % 60 - 30)} for i in range(1, companies + 1)])
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            for table in ("companies", "intakes", "enrolments", "workshop_series",
                          "series_sessions", "attendances", "next_steps"):
                conn.execute(text(f"ANALYZE {table}"))
    return companies


def _time(fn, runs: int) -> tuple[float, float]:
    fn()  # warm-up
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(round(0.95 * len(timings))) - 1)]


def measure(url: str, companies: int, runs: int) -> list[tuple[str, float, float]]:
    migrate(url)
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "TESTING": True,
                      "WTF_CSRF_ENABLED": False})
    results = []
    with app.app_context():
        populate(companies)
        client = app.test_client()
        assert client.post("/login", data={"email": "bench@regionjh.se",
                                           "password": PASSWORD}).status_code == 302

        def page(path):
            def get():
                response = client.get(path)
                assert response.status_code == 200, path
            return get

        for label, fn in (
            ("series page", page("/coordinator/series/1")),
            ("roster workbook", page("/coordinator/series/1/roster.xlsx")),
            ("calendar", page("/coordinator/series")),
            ("my next steps", page("/coordinator/next-steps")),
            (f"open next step of {companies} companies",
             lambda: open_next_steps(range(1, companies + 1))),
        ):
            results.append((label, *_time(fn, runs)))
        db.session.remove()
        db.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("postgres_url", nargs="?", help="also measure on this PostgreSQL URL "
                                                        "(the database is emptied)")
    parser.add_argument("--companies", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        backends = [("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")]
        if args.postgres_url:
            backends.append(("PostgreSQL", args.postgres_url))
        for name, url in backends:
            print(f"\n{name}: {args.companies} booked companies, 8 sessions, {args.runs} runs")
            print(f"{'what':45} {'median ms':>10} {'p95 ms':>10}")
            for label, median, p95 in measure(url, args.companies, args.runs):
                print(f"{label:45} {median:10.1f} {p95:10.1f}")


if __name__ == "__main__":
    main()
