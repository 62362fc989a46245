"""Limits that hold: login attempts are counted per account in a store shared by all workers
(Redis), in any 60 seconds, before the password is checked; with the store unreachable each
process falls back to its own count, logs a warning, and never answers 500. Registration and
password reset are throttled per client address."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from html import unescape

import pytest

from intake.auth import views as auth_views
from tests.conftest import ROOT
from tests.factories import registration_form

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")


def _workers(database_url, storage, email, attempts=6, count=2):
    prefix = f"test-{uuid.uuid4().hex}"
    command = [sys.executable, "-m", "tests.intake.limits_worker", database_url, storage,
               prefix, email, str(attempts)]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(count)]
    results = [run.communicate(timeout=180) for run in runs]
    assert all(run.returncode == 0 for run in runs), results
    return [json.loads(out.strip().splitlines()[-1]) for out, _ in results], \
        [err for _, err in results]


@pytest.fixture
def account(company_factory):
    return company_factory.create().contact_email


def test_two_processes_share_the_count_of_wrong_passwords(database_url, account):
    statuses, _ = _workers(database_url, REDIS_URL, account)
    everything = statuses[0] + statuses[1]
    assert everything.count(200) == 10  # LOGIN_ACCOUNT_RATE_LIMIT: 10 per minute, in all
    assert everything.count(429) == 2


def test_with_a_per_process_store_the_same_attempts_get_through(database_url, account):
    """What the shared store prevents: two workers counting apart let 12 guesses through."""
    statuses, _ = _workers(database_url, "memory://", account)
    assert statuses[0] + statuses[1] == [200] * 12


def test_an_unreachable_store_falls_back_to_the_process_and_warns(database_url, account):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    statuses, errors = _workers(database_url, f"redis://127.0.0.1:{closed}/9", account,
                                attempts=12, count=1)
    assert statuses[0] == [200] * 10 + [429] * 2  # limited still, in this process, no 500
    assert "Rate limit storage unreachable" in errors[0]


def test_guesses_sent_at_once_are_counted_before_any_is_answered(app, account, monkeypatch):
    """Twelve guesses in flight together, as on many workers: still only ten are checked."""
    checking = threading.Barrier(10, timeout=5)

    def slow_check(email, password):
        with contextlib.suppress(threading.BrokenBarrierError):
            checking.wait()  # ten are past the limit's check before any of them is answered
        return None

    monkeypatch.setattr(auth_views.authentication, "authenticate", slow_check)
    statuses = []

    def guess():
        response = app.test_client().post("/login", data={"email": account, "password": "x"})
        statuses.append(response.status_code)

    guesses = [threading.Thread(target=guess) for _ in range(12)]
    for thread in guesses:
        thread.start()
    for thread in guesses:
        thread.join(timeout=30)
    assert sorted(statuses) == [200] * 10 + [429] * 2


def test_ten_a_minute_means_in_any_sixty_seconds(client, account, monkeypatch):
    """A window that restarts a minute after its first guess would let nineteen through in two
    seconds: one guess, nine more 59 s later, ten more 2 s after those."""
    start = time.time()
    clock = [start]
    monkeypatch.setattr(time, "time", lambda: clock[0])

    def guess():
        return client.post("/login", data={"email": account, "password": "x"}).status_code

    assert guess() == 200
    clock[0] = start + 59
    assert [guess() for _ in range(9)] == [200] * 9
    clock[0] = start + 61  # the first guess is out of the last sixty seconds, the nine are not
    assert [guess(), guess()] == [200, 429]
    clock[0] = start + 120  # and now the nine are too
    assert guess() == 200


def test_the_other_accounts_are_not_locked_by_one_under_attack(app, client, company_factory):
    victim, bystander = company_factory.create(), company_factory.create()
    for _ in range(11):
        client.post("/login", data={"email": victim.contact_email, "password": "wrong"})
    response = client.post("/login", data={"email": bystander.contact_email,
                                           "password": "correct horse battery"})
    assert response.status_code == 302


def test_password_reset_is_throttled_per_address_and_client(app, client, mailbox):
    app.config["MAIL_RATE_LIMIT"] = "3 per hour"
    statuses = [client.post("/password/forgot", data={"email": f"n{i}@verkstad.se"})
                .status_code for i in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_registration_is_throttled_per_client(app, client, company_factory):
    """Complete registrations (which tell whether a company is registered) are counted."""
    app.config["REGISTRATION_RATE_LIMIT"] = "3 per hour"
    taken = company_factory.create().org_number
    statuses = [client.post("/company/register", data=registration_form(org_number=taken))
                .status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    page = client.post("/company/register", data={"name": "X"},
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Too many attempts" in page


def test_a_registration_sent_back_for_a_missing_answer_is_not_counted(app, client):
    """A company at a kick-off, on the venue's network, fixing its answers on a phone."""
    app.config["REGISTRATION_RATE_LIMIT"] = "2 per hour"
    statuses = [client.post("/company/register", data=registration_form(municipality=""))
                .status_code for _ in range(5)]
    assert statuses == [200] * 5
    assert client.post("/company/register", data=registration_form()).status_code == 302


def test_with_limits_switched_off_the_app_starts_and_counts_nothing(database_url, account):
    """RATELIMIT_ENABLED off (as bench/sqlmap_app.py serves a scanner) starts the app, and a
    twelfth wrong password is answered like the first."""
    from tests.conftest import _app, make_config

    for app in _app(make_config(database_url, RATELIMIT_ENABLED=False)):
        client = app.test_client()
        statuses = {client.post("/login", data={"email": account, "password": "wrong"})
                    .status_code for _ in range(12)}
        assert statuses == {200}


def test_an_app_with_limits_off_leaves_the_next_app_its_limits(database_url, account):
    """The limiter is one object for every app in a process: switching it off for one app
    (bench/sqlmap_app.py) must not switch it off for the app built after it."""
    from tests.conftest import _app, make_config

    for _ in _app(make_config(database_url, RATELIMIT_ENABLED=False)):
        pass
    for later in _app(make_config(database_url)):
        later_client = later.test_client()
        statuses = [later_client.post("/login", data={"email": account, "password": "wrong"})
                    .status_code for _ in range(11)]
        assert statuses[-1] == 429


def test_a_login_refused_for_too_many_attempts_keeps_the_address_and_says_how_long(
        client, account):
    for _ in range(10):
        client.post("/login", data={"email": account, "password": "wrong"})
    refused = client.post("/login", data={"email": account, "password": "still wrong"})
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert f'value="{account}"' in page
    assert "still wrong" not in page  # a password is never sent back
    assert "För många försök. Försök igen om 1 minut; det du skrivit finns kvar." in page


def test_a_registration_refused_for_too_many_attempts_keeps_every_answer(app, client,
                                                                        company_factory):
    app.config["REGISTRATION_RATE_LIMIT"] = "1 per hour"
    client.post("/company/register",
                data=registration_form(org_number=company_factory.create().org_number))
    answers = {"name": "Järnbruket i Bispgården AB", "org_number": "556036-0793",
               "municipality": "Ragunda", "contact_name": "Märta Olsson",
               "contact_email": "marta@jarnbruket.example", "password": "ett långt lösenord"}
    refused = client.post("/company/register", data=answers,
                          headers={"Accept-Language": "en"})
    assert refused.status_code == 429
    page = unescape(refused.get_data(as_text=True))
    for name, value in answers.items():
        assert (f'value="{value}"' in page) == (name != "password"), name
    assert "Too many attempts. Try again in 60 minutes; what you typed is kept." in page


def test_a_reset_refused_for_too_many_attempts_keeps_the_address(app, client, mailbox):
    app.config["MAIL_RATE_LIMIT"] = "1 per hour"
    client.post("/password/forgot", data={"email": "a@verkstad.se"})
    refused = client.post("/password/forgot", data={"email": "b@verkstad.se"})
    assert refused.status_code == 429
    assert 'value="b@verkstad.se"' in refused.get_data(as_text=True)
