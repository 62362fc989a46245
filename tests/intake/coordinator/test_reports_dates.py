"""Every dashboard figure against the calendar: a workshop series in the past, one running now
and one in the future, and stages done, due today and planned. What has not happened yet is not
counted; a series counts as carried out only once its last date has passed."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from intake import reports
from intake.clock import today
from intake.extensions import db
from intake.models import WorkshopSeries
from intake.operations.booking import enrol, record_activity
from tests.intake.helpers import login_as


def _series(code: str, start_days: int, end_days: int) -> WorkshopSeries:
    ws = WorkshopSeries(code=code, title=f"Serie {code}", description="Workshops", areas=[],
                        county="22", starts_on=today() + timedelta(days=start_days),
                        ends_on=today() + timedelta(days=end_days), seats=10)
    db.session.add(ws)
    db.session.flush()
    return ws


def _stage(company, kind: str, days: int) -> None:
    record_activity(company, kind, today() + timedelta(days=days), "", Decimal("1000"), None)


@pytest.fixture
def calendar(company_factory):
    """P took part in a finished series, N is in one running now, F is booked for one ahead."""
    past = _series("PAST", -60, -10)
    now = _series("NOW", -5, 20)
    ahead = _series("AHEAD", 30, 60)
    _series("ENDS-TODAY", -30, 0)  # nobody booked: never counted
    p = company_factory.create(name="Past AB", county="22", employees=5,
                               turnover_band="under_20", leadership="women")
    n = company_factory.create(name="Now AB", county="23", employees=20,
                               turnover_band="20_100", leadership="men")
    f = company_factory.create(name="Future AB", county="22", employees=120,
                               turnover_band="20_100", leadership="mixed")
    enrol(p, past.id, None, Decimal("2000"))
    enrol(n, now.id, None, Decimal("2000"))
    enrol(f, ahead.id, None, Decimal("2000"))
    _stage(p, "mapping_interview", -20)   # done
    _stage(n, "mapping_interview", 0)     # today: done
    _stage(n, "deep_analysis", 10)        # planned
    _stage(f, "action_plan", 5)           # planned
    db.session.commit()
    return {"past": past, "now": now, "ahead": ahead, "P": p, "N": n, "F": f}


def test_only_what_has_happened_counts(calendar):
    result = reports.indicators()
    assert result.participating == 2  # P and N; F's series and plan lie ahead
    assert result.by_county == {"22": 1, "23": 1}
    assert result.workshop_series == 1  # the past series only; NOW is still running
    assert result.stages == {"mapping_interviews": 2, "deep_analyses": 0, "action_plans": 0,
                             "consultant_support": 0}
    assert result.supported["micro"] == {"22": 1}
    assert result.supported["small"] == {"23": 1}
    assert result.supported["medium"] == {}
    assert result.non_financial == result.supported
    assert dict(result.leadership) == {"women": 1, "men": 1}


def test_a_series_running_now_counts_once_it_has_ended(calendar, monkeypatch):
    end_of_now = calendar["now"].ends_on
    monkeypatch.setattr(reports, "today", lambda: end_of_now)
    assert reports.indicators().workshop_series == 1  # its last day is not over yet
    monkeypatch.setattr(reports, "today", lambda: end_of_now + timedelta(days=1))
    result = reports.indicators()
    assert result.workshop_series == 2
    assert result.stages["deep_analyses"] == 1  # N's planned deep analysis has taken place
    assert result.participating == 3  # and F's plan (5 days ahead) too
    assert result.stages["action_plans"] == 1
    monkeypatch.setattr(reports, "today", lambda: calendar["ahead"].ends_on + timedelta(days=1))
    assert reports.indicators().workshop_series == 3


def test_a_period_counts_a_series_where_it_ended(calendar):
    past = calendar["past"]
    ended = reports.Period(past.ends_on, past.ends_on)
    started = reports.Period(past.starts_on, past.starts_on)
    assert reports.indicators(ended).workshop_series == 1
    assert reports.indicators(started).workshop_series == 0


def _cells(html: str, key: str) -> list[str]:
    row = re.search(rf'<tr data-indicator="{key}">(.*?)</tr>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row,
                                                                re.S)]


def test_the_dashboard_shows_the_same(calendar, client, coordinator):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login_as(client, coordinator)
    html = client.get("/coordinator/reports").get_data(as_text=True)
    expected = {"participating_companies": "2", "participating_companies_22": "1",
                "participating_companies_23": "1", "workshop_series": "1",
                "deep_analyses": "0", "action_plans": "0", "mapping_interviews": "2",
                "consultant_support": "0"}
    for key, value in expected.items():
        assert _cells(html, key)[0] == value, key
    supported = re.search(r'<table class="report-table" id="eu-supported">(.*?)</table>', html,
                          re.S).group(1)
    assert re.search(r'data-size="micro">.*?<td class="num">1</td>\s*<td class="num">0</td>',
                     supported, re.S)
    assert re.search(r'data-leadership="mixed"><th scope="row">[^<]*</th><td class="num">0<',
                     html)
