"""No coordinator form, fed garbage, answers with a 500: every POST route of the workspace is
found in the URL map, its form's field names are read from its page, and hypothesis fills them."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from intake.extensions import db
from intake.models import Enrolment, NextStep, SeriesSession, Suggestion
from intake.operations.catalogue_edit import KINDS

garbage = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["", "0", "-1", "99999999999999999999", "1e9", "NaN", "2026-02-30",
                     "\x00", "<b>x</b>", "=1+1", "yes", "on", "accepted", "WS-NOPE"]),
)


def _post_rules(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules()
         if rule.endpoint.startswith("coordinator.") and "POST" in rule.methods),
        key=lambda r: r.rule,
    )


def _urls(rule, ids: dict) -> list[str]:
    """The rule with real ids filled in; a catalogue `<kind>` rule once per kind."""
    url = rule.rule
    for arg in rule.arguments:
        url = url.replace(f"<int:{arg}>", str(ids.get(arg, 1)))
    if "<kind>" not in url:
        return [url]
    return [url.replace("<kind>", kind) for kind in KINDS]


def _field_names(client, url: str) -> list[str]:
    page = client.get(url).get_data(as_text=True)
    return sorted(set(re.findall(r'name="([^"]+)"', page)) - {"csrf_token"}) or ["value"]


@pytest.fixture
def targets(app, submitted_company, company_factory):
    from intake.models import WorkshopSeries

    series = db.session.query(WorkshopSeries).first()
    enrolment = Enrolment(company_id=submitted_company.id, workshop_series_id=series.id)
    db.session.add(enrolment)
    db.session.commit()
    suggestion = db.session.query(Suggestion).first()
    session = SeriesSession(workshop_series_id=series.id, held_on=series.starts_on)
    step = NextStep(company_id=submitted_company.id, text="Ring", due_on=series.starts_on)
    db.session.add_all([session, step])
    db.session.commit()
    return {"session_id": session.id, "step_id": step.id,
            "company_id": submitted_company.id, "suggestion_id": suggestion.id,
            "enrolment_id": enrolment.id, "series_id": series.id, "id": series.id,
            "item_id": series.id, "user_id": 1, "activity_id": 1, "assignment_id": 1}


def test_every_coordinator_post_route_survives_garbage(app, admin_client, targets):
    rules = _post_rules(app)
    assert len(rules) >= 5  # the workspace has forms: if none are found, this test is broken

    for rule in rules:
        for url in _urls(rule, targets):
            _fuzz(admin_client, url, _field_names(admin_client, url))


def _fuzz(client, url: str, names: list[str]) -> None:
    @settings(max_examples=15, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(form=st.dictionaries(st.sampled_from(names), garbage, max_size=len(names)))
    def post_garbage(form):
        response = client.post(url, data=MultiDict(form))
        assert response.status_code < 500, (url, form, response.get_data(as_text=True)[:300])

    post_garbage()
