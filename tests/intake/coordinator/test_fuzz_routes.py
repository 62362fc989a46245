"""No query string and no path id gives a 500, on any GET route, for any kind of visitor.

Every GET route is read from the URL map (a new page is covered without touching this file).
Hypothesis fills its path arguments (real ids, ids far beyond any column, garbage words) and its
query string (the parameters the pages read, plus random ones), and the page is requested by an
admin, a company and an anonymous visitor, on SQLite and on PostgreSQL.
"""

from datetime import date
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.extensions import db
from intake.models import Activity, SeriesSession, WorkshopSeries
from tests.intake.helpers import logged_in, login_as

PARAMS = ["page", "sort", "dir", "status", "county", "area", "series", "submitted_from",
          "submitted_to", "q", "user", "action", "start", "end", "next", "kind", "lang",
          "format", "id", "responsible", "cols"]
values = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "0", "-1", "99999999999999999999", "9999-12-31", "0001-01-01",
                     "2026-02-30", "1e309", "NaN", "\x00", "' OR 1=1 --", "%", "_", "\\",
                     "desc", "asc", "submitted", "name", "draft", "23", "automation",
                     "//evil.example", "https://evil.example/", "/coordinator/"]),
)
query = st.dictionaries(st.one_of(st.sampled_from(PARAMS), st.text(min_size=1, max_size=8)),
                        values, max_size=6)
path_value = st.one_of(
    st.sampled_from(["REAL", "0", "1", "2147483647", "2147483648", "99999999999999999999"]),
    st.integers(min_value=0, max_value=10**25).map(str),
    st.text(min_size=1, max_size=30),
)


def _get_rules(app):
    return sorted((rule for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and rule.endpoint != "static"),
                  key=lambda rule: rule.rule)


def _fill(rule, real: dict, choices: dict) -> str:
    url = rule.rule
    for name in rule.arguments:
        value = choices[name]
        if value == "REAL":
            value = str(real.get(name, 1))
        pattern = next(part for part in (f"<int:{name}>", f"<{name}>", f"<path:{name}>")
                       if part in url)
        url = url.replace(pattern, quote(value, safe=""))
    return url


@pytest.fixture
def real_ids(submitted_company):
    series = db.session.query(WorkshopSeries).first()
    activity = Activity(company_id=submitted_company.id, kind="mapping_interview",
                        occurred_on=date(2026, 3, 1),
                        attachment=b"%PDF-1.4 x", attachment_name="kartl.pdf",
                        attachment_type="application/pdf")
    session = SeriesSession(workshop_series_id=series.id, held_on=date(2026, 3, 2))
    db.session.add_all([activity, session])
    db.session.commit()
    return {"company_id": submitted_company.id, "activity_id": activity.id,
            "series_id": series.id, "session_id": session.id,
            "item_id": series.id, "kind": "workshop_series", "area": "digitalisation",
            "lang": "en", "token": "x"}


@pytest.fixture
def visitors(app, admin, submitted_company):
    staff, company, anonymous = app.test_client(), app.test_client(), app.test_client()
    login_as(staff, admin)
    logged_in(company, submitted_company)
    return {"admin": staff, "company": company, "anonymous": anonymous}


def test_no_query_string_or_path_id_gives_500(app, visitors, real_ids):
    rules = _get_rules(app)
    assert len(rules) >= 25  # every page of the app: if few are found, this test is broken
    for rule in rules:
        _fuzz_rule(rule, visitors, real_ids)


def _fuzz_rule(rule, visitors, real_ids) -> None:
    names = sorted(rule.arguments)

    @settings(max_examples=12, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(args=st.fixed_dictionaries({name: path_value for name in names}), params=query,
           who=st.sampled_from(sorted(visitors)))
    def request_garbage(args, params, who):
        url = _fill(rule, real_ids, args)
        if params:
            url += "?" + urlencode(params)
        if rule.endpoint == "auth.logout":
            return
        response = visitors[who].get(url)
        assert response.status_code < 500, (who, url, response.get_data(as_text=True)[:300])

    request_garbage()
