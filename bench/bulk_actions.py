"""Benchmark: the inbox's bulk actions over 300 companies, through the Flask test client.

Usage:
    python -m bench.bulk_actions                       # a temporary SQLite database
    python -m bench.bulk_actions postgresql+psycopg://postgres@127.0.0.1:5432/bench  # and PG
    python -m bench.bulk_actions --companies 300 --runs 5

The PostgreSQL database given is emptied (schema dropped and migrated) first. 300 submitted
companies with three workshop-series suggestions each are inserted in bulk; each action is then
posted as a coordinator would ("select all matching" with no filter, so all 300), and what it
changed is undone between runs (not timed). Prints the median and the slowest run in
milliseconds per action; the target (issue 13) is 2 s for a bulk action on PostgreSQL.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.inbox import luhn, migrate  # noqa: E402
from intake import create_app  # noqa: E402
from intake.extensions import db  # noqa: E402
from intake.models import (  # noqa: E402
    AreaAnswer,
    CatalogueState,
    Company,
    Intake,
    Suggestion,
    WorkshopSeries,
    refresh_current_intakes,
)
from intake.operations.users import create_staff_user  # noqa: E402

AREAS = ("digitalisation", "automation", "productivity", "business_model")
PASSWORD = "benchmark password"
ACTIONS = [
    ("accept the top series", {"action": "accept"}),
    ("book on a series", {"action": "book", "book_series": "1", "support_value_eur": "0"}),
    ("make a coordinator responsible", {"action": "assign", "coordinator": "COORDINATOR"}),
    ("export to Excel", {"action": "export"}),
    ("export the answers to Excel", {"action": "answers"}),
]
UNDO = [
    "UPDATE suggestions SET decision = NULL, decided_by_id = NULL, decided_at = NULL, "
    "feedback_seq = NULL",
    "DELETE FROM activities", "DELETE FROM enrolments", "DELETE FROM audit_events",
    "UPDATE intakes SET status = 'submitted'",
    "UPDATE companies SET responsible_coordinator_id = NULL",
]


def populate(companies: int) -> int:
    rng = random.Random(13)
    now = datetime(2026, 3, 1)
    db.session.add(CatalogueState(id=1, version=1, feedback_seq=0))
    db.session.execute(insert(WorkshopSeries), [
        {"id": i, "code": f"WS-{i:02d}", "title": f"Workshopserie {i}", "description": "",
         "areas": [AREAS[i % len(AREAS)]], "county": "23", "seats": companies + 50,
         "version": 1} for i in range(1, 6)])
    company_rows, intake_rows, suggestion_rows, answer_rows = [], [], [], []
    for i in range(1, companies + 1):
        company_rows.append({
            "id": i, "name": f"Verkstad {i} AB", "org_number": luhn(f"56{i:07d}"),
            "sni_division": "25", "county_code": rng.choice(["22", "23"]),
            "municipality": "Östersund", "employees": rng.randint(3, 240),
            "turnover_band": "20_100", "contact_email": f"kontakt{i}@verkstad{i}.se",
            "de_minimis_received": False, "de_minimis_amount_eur": 0, "version": 1,
        })
        intake_rows.append({
            "id": i, "company_id": i, "questionnaire_version": "v1", "status": "submitted",
            "optional_areas": [], "submitted_at": now - timedelta(days=rng.randint(0, 90)),
            "main_need_area": rng.choice(AREAS),
        })
        for rank in range(1, 4):
            suggestion_rows.append({
                "intake_id": i, "kind": "workshop_series", "rank": rank,
                "code": f"WS-{rng.randint(1, 5):02d}", "score": 1.0 / rank, "reasons": {},
                "catalogue_version": 1})
        for area in AREAS:
            answer_rows.append({"intake_id": i, "area": area, "levels": {},
                                "priority": rng.randint(1, 5), "text": "Vi vill bli bättre."})
    db.session.execute(insert(Company), company_rows)
    db.session.execute(insert(Intake), intake_rows)
    refresh_current_intakes(db.session.connection())  # bulk rows: no flush events
    db.session.execute(insert(Suggestion), suggestion_rows)
    db.session.execute(insert(AreaAnswer), answer_rows)
    user = create_staff_user("bench@regionjh.se", "coordinator", PASSWORD, "Bench")
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            for table in ("companies", "intakes", "suggestions", "workshop_series",
                          "area_answers"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))
                conn.execute(text(f"ANALYZE {table}"))
    return user.id


def measure(url: str, companies: int, runs: int) -> list[tuple[str, float, float]]:
    migrate(url)
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "TESTING": True,
                      "WTF_CSRF_ENABLED": False})
    results = []
    with app.app_context():
        coordinator_id = populate(companies)
        client = app.test_client()
        response = client.post("/login", data={"email": "bench@regionjh.se",
                                               "password": PASSWORD})
        assert response.status_code == 302, "login failed"
        for label, fields in ACTIONS:
            data = {k: str(coordinator_id) if v == "COORDINATOR" else v
                    for k, v in fields.items()}
            data["all_matching"] = "y"
            timings = []
            for _ in range(runs):
                with app.app_context():  # a session of its own, as a request in production
                    start = time.perf_counter()
                    response = client.post("/coordinator/inbox/bulk", data=data)
                    timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code in (200, 302), (label, response.status_code,
                                                            response.get_data(as_text=True)[:500])
                db.session.remove()
                with db.engine.begin() as conn:
                    changed = conn.execute(text("SELECT COUNT(*) FROM audit_events")).scalar()
                    assert changed >= companies, (label, changed)  # one event per company
                    for statement in UNDO:
                        conn.execute(text(statement))
            results.append((label, statistics.median(timings), max(timings)))
        db.session.remove()
        db.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("postgres_url", nargs="?", help="also measure on this PostgreSQL URL "
                                                        "(the database is emptied)")
    parser.add_argument("--companies", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        backends = [("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")]
        if args.postgres_url:
            backends.append(("PostgreSQL", args.postgres_url))
        for name, url in backends:
            print(f"\n{name}: {args.companies} companies, all selected, {args.runs} runs each")
            print(f"{'bulk action':40} {'median ms':>10} {'max ms':>10}")
            for label, median, slowest in measure(url, args.companies, args.runs):
                print(f"{label:40} {median:10.1f} {slowest:10.1f}")


if __name__ == "__main__":
    main()
