"""Matching at programme scale: submissions while a coordinator decides, on PostgreSQL.

    python -m bench.programme postgresql+psycopg://postgres@127.0.0.1:5432/intake_programme
    python -m bench.programme URL --cases 10000 --companies 1000 --seconds 30   # quicker

For each catalogue size (10,000 and 100,000 earlier cases by default) it
1. empties the database, migrates it, and imports the catalogue with the CLI (which fits the
   matcher once and saves it where the workers load it);
2. builds a programme through the app's own operations: COMPANIES companies registered,
   answered and submitted, and two decisions each (10,000 decisions for 5,000 companies), timed;
   then `flask matching refit` saves a matcher fitted on all of them, as the background refits
   would have kept it over the programme's years;
3. serves the app with gunicorn (2 workers, as production: background refits, the saved
   matcher loaded memory-mapped) and runs CLIENTS clients submitting questionnaires while a
   coordinator decides once a second; a third of the way in, the catalogue changes (a series
   is retired), so every worker must move to a matcher fitted in the background;
4. reports submission p50, p99 and max (in all, and before and after the catalogue change, so
   that the background refit's share shows), the refits (new matcher files) and how long the first
   took, how long until no submission was served by the old catalogue, and each worker's
   memory (RSS now and at its peak).

The database given is emptied first. Needs the deploy extra (gunicorn): make setup does it.
"""

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

from sqlalchemy import create_engine, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalogue_import import write_file  # noqa: E402
from bench.inbox import luhn  # noqa: E402
from bench.load_seed import USER_AGENT, _session_for  # noqa: E402
from bench.matching import PHRASES  # noqa: E402

SECRET = "programme-bench-secret-key-0123456789-abcdefghijklmnop"
BIN = Path(sys.executable).parent
REQUIRED = ("digitalisation", "automation", "productivity", "business_model")


def flask(args: list[str], env: dict) -> str:
    result = subprocess.run([str(BIN / "flask"), "--app", str(ROOT / "wsgi.py"), *args],
                            env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def reset(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def answers(rng: random.Random, questionnaire) -> dict:
    """Levels for every statement, an urgency and a text in domain words, per required area."""
    out = {}
    for area in questionnaire.areas:
        if area.key not in REQUIRED:
            continue
        levels = {s.key: rng.randint(1, 5) for s in area.statements}
        text = ", ".join(rng.sample(PHRASES[area.key], 2)) + "."
        out[area.key] = (levels, rng.randint(1, 5), text)
    return out


def build(app, companies: int, waiting: int, seed: int = 7) -> dict:
    """The programme, through the app's operations; returns timings and the waiting logins."""
    from intake.extensions import db
    from intake.models import Role, Suggestion
    from intake.operations import review
    from intake.operations.questionnaire import questionnaire_for, save_area, submit_intake
    from intake.operations.registration import CompanyDetails, Registration, register_company
    from intake.operations.users import create_staff_user

    rng = random.Random(seed)
    report = {}
    with app.app_context():
        coordinator = create_staff_user("bench@regionjh.se", Role.COORDINATOR,
                                        "bench password 1", "Bench")
        db.session.commit()
        started = time.perf_counter()
        waiting_users = []
        for index in range(companies + waiting):
            user = register_company(Registration(
                org_number=luhn(f"57{index:07d}"),
                details=CompanyDetails(
                    name=f"Programmet {index} AB", sni_division=rng.choice(["16", "22", "25",
                                                                             "28", "10"]),
                    county=rng.choice(["22", "23"]), municipality="Östersund",
                    employees=rng.randint(5, 200), turnover_band="20_100", leadership=None,
                    contact_name=f"Kim {index}", contact_role="VD",
                    contact_email=f"kim{index}@programmet{index}.se",
                    contact_phone="070-123 45 67", de_minimis_received=False,
                    de_minimis_amount_eur=0),
                password="bench password 1", privacy_notice_version="2026-1"))
            intake = user.company.current_intake
            for area, (levels, priority, text_) in answers(
                    rng, questionnaire_for(intake)).items():
                save_area(intake, area, levels, priority, text_)
            if index >= companies:  # answered, waiting for a client to submit over HTTP
                waiting_users.append(user)
                db.session.commit()
                continue
            submit_intake(intake)
            for suggestion in [s for s in intake.suggestions if s.rank == 1
                               and s.kind in ("workshop_series", "coach")]:
                choice = rng.random()
                decision = "accepted" if choice < 0.7 else "rejected"
                review.decide(suggestion, coordinator, decision,
                              "" if decision == "accepted" else "Passar inte nu.")
            db.session.commit()
            if (index + 1) % 500 == 0:
                print(f"  {index + 1} companies, {time.perf_counter() - started:.0f} s",
                      flush=True)
        report["build_seconds"] = time.perf_counter() - started
        report["decisions"] = db.session.scalar(
            select(db.func.count(Suggestion.id)).where(Suggestion.decision.is_not(None)))
        report["sessions"] = [_session_for(app, user) for user in waiting_users]
        report["waiting_companies"] = [user.company_id for user in waiting_users]
        db.session.commit()
        report["undecided"] = [
            row for row in db.session.execute(
                select(Suggestion.id).where(Suggestion.decision.is_(None),
                                            Suggestion.kind == "workshop_series"))]
        report["coordinator_id"] = coordinator.id
        db.session.remove()
    return report


class Load:
    """Clients submitting, a coordinator deciding, a catalogue change: the measured part."""

    def __init__(self, app, port: int, sessions: list, undecided: list, coordinator_id: int,
                 clients: int, seconds: float):
        self.app, self.port, self.seconds = app, port, seconds
        self.sessions = sessions
        self.undecided = [row.id for row in undecided]
        self.coordinator_id = coordinator_id
        self.clients = clients
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.submitted: list[tuple[float, int]] = []  # (when, index of the session used)
        self.errors: dict[int, int] = {}
        self.decisions = 0
        self.change_at: float | None = None
        self.stop = threading.Event()

    def client(self, number: int) -> None:
        connection = HTTPConnection("127.0.0.1", self.port, timeout=30)
        for index in range(number, len(self.sessions), self.clients):
            if self.stop.is_set():
                break
            cookie, token = self.sessions[index]
            body = urllib.parse.urlencode({"csrf_token": token})
            headers = {"Cookie": f"session={cookie}", "User-Agent": USER_AGENT,
                       "Content-Type": "application/x-www-form-urlencoded"}
            started = time.perf_counter()
            connection.request("POST", "/company/questionnaire/submit", body, headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            with self.lock:
                if response.status == 302:
                    self.latencies.append(elapsed)
                    self.submitted.append((time.monotonic(), index))
                else:
                    self.errors[response.status] = self.errors.get(response.status, 0) + 1
        connection.close()

    def coordinator(self) -> None:
        from intake.extensions import db
        from intake.models import Suggestion, User
        from intake.operations import review

        with self.app.app_context():
            user = db.session.get(User, self.coordinator_id)
            for suggestion_id in self.undecided:
                if self.stop.wait(1.0):
                    break
                suggestion = db.session.get(Suggestion, suggestion_id)
                review.decide(suggestion, user, "accepted", "")
                db.session.commit()
                self.decisions += 1
            db.session.remove()

    def change_catalogue(self) -> None:
        from intake import matching_bridge
        from intake.extensions import db
        from intake.models import WorkshopSeries

        if self.stop.wait(self.seconds / 3):
            return
        with self.app.app_context():
            series = db.session.scalars(select(WorkshopSeries)
                                        .where(WorkshopSeries.retired_at.is_(None))).first()
            series.retired_at = series.created_at
            matching_bridge.catalogue_changed()
            db.session.commit()
            self.change_at = time.monotonic()
            self.new_version = matching_bridge.catalogue_version()
            db.session.remove()

    def run(self) -> None:
        threads = [threading.Thread(target=self.client, args=(n,)) for n in range(self.clients)]
        threads += [threading.Thread(target=self.coordinator),
                    threading.Thread(target=self.change_catalogue)]
        for thread in threads:
            thread.start()
        self.stop.wait(self.seconds)
        self.stop.set()
        for thread in threads:
            thread.join()


def worker_memory(master: int) -> list[tuple[float, float]]:
    """(RSS, peak RSS) in MiB of each gunicorn worker of `master`."""
    out = []
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in children:
        fields = dict(line.split(":", 1) for line in
                      Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
        out.append((int(fields["VmRSS"].split()[0]) / 1024,
                    int(fields["VmHWM"].split()[0]) / 1024))
    return out


def measure(url: str, cases: int, companies: int, clients: int, seconds: float,
            port: int) -> None:
    from intake import create_app

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        matcher_dir = tmp / "matcher"
        env = {**os.environ, "DATABASE_URL": url, "MATCHER_DIR": str(matcher_dir),
               "SECRET_KEY": SECRET, "INTAKE_ENV": "production",
               "BASE_URL": f"http://127.0.0.1:{port}"}
        print(f"\n== {cases} cases, {companies} companies")
        reset(url)
        flask(["init-db"], env)
        source = tmp / "catalogue.json"
        write_file(source, cases)
        started = time.perf_counter()
        flask(["catalogue", "import", str(source)], env)
        print(f"  catalogue imported and matcher fitted in {time.perf_counter() - started:.0f} s")
        app = create_app({"SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url,
                          "MATCHER_DIR": str(matcher_dir), "MATCHER_REFIT": "inline",
                          "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "TESTING": True})
        waiting = clients * int(seconds * 25)  # more than the clients can submit in the time
        built = build(app, companies, waiting)
        print(f"  programme built through the app's operations in "
              f"{built['build_seconds'] / 60:.1f} min ({built['decisions']} decisions)")
        # Over a programme's years the background refits keep the saved matcher within
        # MATCHER_FEEDBACK_LAG decisions of the database; the build above added its decisions
        # to a matcher in memory only, so bring the saved one up to date as they would have.
        started = time.perf_counter()
        flask(["matching", "refit"], env)
        print(f"  saved matcher brought up to date in {time.perf_counter() - started:.0f} s")
        files_before = set(matcher_dir.glob("matcher-*.joblib"))

        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "python:intake.serving.gunicorn", "wsgi:app",
             "--workers", "2", "--bind",
             f"127.0.0.1:{port}", "--timeout", "60", "--chdir", str(ROOT),
             "--error-logfile", str(tmp / "gunicorn.log")], env=env)
        try:
            for _ in range(120):
                try:
                    connection = HTTPConnection("127.0.0.1", port, timeout=2)
                    connection.request("GET", "/readyz")
                    if connection.getresponse().status == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.5)
            load = Load(app, port, built["sessions"], built["undecided"],
                        built["coordinator_id"], clients, seconds)
            load.run()
            memory = worker_memory(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            errors = [line for line in (tmp / "gunicorn.log").read_text().splitlines()
                      if "ERROR" in line or "Traceback" in line or "WORKER TIMEOUT" in line]
            for line in errors[-10:]:
                print("  log:", line)

        new_files = sorted(set(matcher_dir.glob("matcher-*.joblib")) - files_before,
                           key=lambda p: p.stat().st_mtime)
        refit_seconds = (new_files[0].stat().st_mtime - _epoch(load.change_at)
                         if new_files and load.change_at else None)
        last_old = _last_old_catalogue(app, load, built)
        print(f"  submissions: {len(load.latencies)} in {seconds:.0f} s by {clients} clients, "
              f"errors {load.errors or 0}; coordinator decisions: {load.decisions}")
        change = load.change_at if load.change_at is not None else float("inf")
        ends = [when for when, _ in load.submitted]
        for label, chosen in (
                ("all", load.latencies),
                ("before the catalogue change", [x for x, end in zip(load.latencies, ends,
                                                                     strict=True)
                                                 if end < change]),
                ("after it (refit beside)", [x for x, end in zip(load.latencies, ends,
                                                                 strict=True)
                                             if end >= change])):
            print(f"  submission, {label}: {summarise(chosen)}")
        print(f"  refits after the catalogue change: {len(new_files)} (saved "
              f"{refit_seconds:.1f} s after the change)" if refit_seconds is not None
              else "  refits after the catalogue change: none seen")
        print(f"  last submission served by the old catalogue: "
              f"{last_old:.1f} s after the change" if last_old is not None
              else "  no submission was served by the old catalogue after the change")
        for number, (rss, peak) in enumerate(memory, start=1):
            print(f"  worker {number}: RSS {rss:.0f} MiB, peak {peak:.0f} MiB")


def summarise(latencies: list[float]) -> str:
    """n, p50, p99 and max of latencies given in seconds, in milliseconds."""
    if not latencies:
        return "none"
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
    return (f"n {len(ms)}, p50 {statistics.median(ms):.0f} ms, p99 {p99:.0f} ms, "
            f"max {ms[-1]:.0f} ms")


def _epoch(monotonic_time: float) -> float:
    return time.time() - (time.monotonic() - monotonic_time)


def _last_old_catalogue(app, load: Load, built: dict) -> float | None:
    """Seconds after the change at which a submission was last served by the old catalogue:
    how long the change took to reach every worker."""
    from intake.extensions import db
    from intake.models import Intake, Suggestion

    if load.change_at is None:
        return None
    with app.app_context():
        last = None
        for when, index in load.submitted:
            if when < load.change_at:
                continue
            version = db.session.scalar(
                select(Suggestion.catalogue_version).join(Intake)
                .where(Intake.company_id == built["waiting_companies"][index]).limit(1))
            if version is not None and version < load.new_version:
                last = when - load.change_at
        db.session.remove()
    return last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="a PostgreSQL URL; the database is emptied")
    parser.add_argument("--cases", default="10000,100000")
    parser.add_argument("--companies", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=18790)
    args = parser.parse_args()
    for cases in (int(n) for n in args.cases.split(",")):
        measure(args.url, cases, args.companies, args.clients, args.seconds, args.port)


if __name__ == "__main__":
    main()
